/**
 * Demo data: the agency tree and a handful of user accounts of a province shaped like
 * Vĩnh Long in 2006 (province → departments / districts → communes, divisions inside
 * departments and districts). Pure data, no I/O, fully deterministic: every call returns
 * fresh arrays with the same content, ordered so that a parent always precedes its children.
 */

export interface DemoAgency {
  /** Stable unique key, e.g. 'ubnd', 'vp-ubnd', 'snv', 'snv-tccb', 'h-longho', 'x-longho-phuochau'. */
  key: string;
  parentKey: string | null;
  kind: 'province' | 'department' | 'district' | 'commune' | 'division';
  /** Full Vietnamese name, e.g. 'Sở Nội vụ'. */
  name: string;
  /** Abbreviation used in document notations (Decree 30 style, ASCII), e.g. 'SNV', 'UBND', 'VP'. */
  shortName: string;
  /** QCVN 102 code NNN.NN.NN.Xnn; null for divisions. */
  agencyCode: string | null;
  email: string | null;
}

export interface DemoPerson {
  /** Lowercase ASCII, unique. */
  username: string;
  fullName: string;
  /** Key of the agency the person belongs to (never a division). */
  agencyKey: string;
  /** Key of a division inside that agency, or null. */
  divisionKey: string | null;
  role:
    | 'clerk'
    | 'archivist'
    | 'officer'
    | 'division_head'
    | 'agency_leader'
    | 'agency_admin'
    | 'system_admin';
  title: string;
}

const PROVINCE_NAME = 'Vĩnh Long';
/** Level-1 code (QCVN 102) of the province. */
const LEVEL1 = 'H62';
const MAIL_DOMAIN = 'vinhlong.gov.vn';

type DivisionSpec = readonly [shortName: string, name: string];

interface DepartmentSpec {
  key: string;
  name: string;
  shortName: string;
  leaderTitle: string;
  /** Specialised divisions, added after the common ones (Văn phòng, Kế hoạch - Tài chính, Thanh tra). */
  divisions: readonly DivisionSpec[];
  /** When set, these are the only divisions (no common ones). */
  ownDivisions?: readonly DivisionSpec[];
  /** Name of the inspection division when the default one does not fit. */
  inspectionName?: string;
}

/** The Office of the People's Committee comes first (code 01), then the departments and agencies. */
const DEPARTMENTS: readonly DepartmentSpec[] = [
  {
    key: 'vp-ubnd',
    name: 'Văn phòng Ủy ban nhân dân tỉnh',
    shortName: 'VP',
    leaderTitle: 'Chánh Văn phòng',
    divisions: [],
    ownDivisions: [
      ['TH', 'Phòng Tổng hợp'],
      ['KT', 'Phòng Kinh tế'],
      ['VX', 'Phòng Văn hóa - Xã hội'],
      ['HCTC', 'Phòng Hành chính - Tổ chức'],
      ['TTTH', 'Trung tâm Tin học'],
    ],
  },
  {
    key: 'snv',
    name: 'Sở Nội vụ',
    shortName: 'SNV',
    leaderTitle: 'Giám đốc',
    divisions: [
      ['TCCB', 'Phòng Tổ chức cán bộ'],
      ['XDCQ', 'Phòng Xây dựng chính quyền'],
    ],
  },
  {
    key: 'stc',
    name: 'Sở Tài chính',
    shortName: 'STC',
    leaderTitle: 'Giám đốc',
    divisions: [
      ['QLNS', 'Phòng Quản lý ngân sách'],
      ['QLGCS', 'Phòng Quản lý giá và công sản'],
    ],
  },
  {
    key: 'skhdt',
    name: 'Sở Kế hoạch và Đầu tư',
    shortName: 'SKHDT',
    leaderTitle: 'Giám đốc',
    divisions: [
      ['DKKD', 'Phòng Đăng ký kinh doanh'],
      ['TH', 'Phòng Tổng hợp'],
    ],
  },
  {
    key: 'stttt',
    name: 'Sở Thông tin và Truyền thông',
    shortName: 'STTTT',
    leaderTitle: 'Giám đốc',
    divisions: [
      ['CNTT', 'Phòng Công nghệ thông tin'],
      ['BCVT', 'Phòng Bưu chính, Viễn thông'],
    ],
  },
  {
    key: 'stp',
    name: 'Sở Tư pháp',
    shortName: 'STP',
    leaderTitle: 'Giám đốc',
    divisions: [
      ['XDKTVB', 'Phòng Xây dựng và Kiểm tra văn bản quy phạm pháp luật'],
      ['HCTP', 'Phòng Hành chính tư pháp'],
    ],
  },
  {
    key: 'syt',
    name: 'Sở Y tế',
    shortName: 'SYT',
    leaderTitle: 'Giám đốc',
    divisions: [
      ['NVY', 'Phòng Nghiệp vụ Y'],
      ['NVD', 'Phòng Nghiệp vụ Dược'],
    ],
  },
  {
    key: 'sgddt',
    name: 'Sở Giáo dục và Đào tạo',
    shortName: 'SGDDT',
    leaderTitle: 'Giám đốc',
    divisions: [
      ['GDTrH', 'Phòng Giáo dục Trung học'],
      ['GDMN', 'Phòng Giáo dục Mầm non'],
    ],
  },
  {
    key: 'sxd',
    name: 'Sở Xây dựng',
    shortName: 'SXD',
    leaderTitle: 'Giám đốc',
    divisions: [
      ['QLXD', 'Phòng Quản lý xây dựng'],
      ['QHKT', 'Phòng Quy hoạch - Kiến trúc'],
    ],
  },
  {
    key: 'sgtvt',
    name: 'Sở Giao thông vận tải',
    shortName: 'SGTVT',
    leaderTitle: 'Giám đốc',
    divisions: [
      ['QLVT', 'Phòng Quản lý vận tải'],
      ['QLGT', 'Phòng Quản lý kết cấu hạ tầng giao thông'],
    ],
  },
  {
    key: 'stnmt',
    name: 'Sở Tài nguyên và Môi trường',
    shortName: 'STNMT',
    leaderTitle: 'Giám đốc',
    divisions: [
      ['QLDD', 'Phòng Quản lý đất đai'],
      ['MT', 'Phòng Môi trường'],
    ],
  },
  {
    key: 'snnptnt',
    name: 'Sở Nông nghiệp và Phát triển nông thôn',
    shortName: 'SNNPTNT',
    leaderTitle: 'Giám đốc',
    divisions: [
      ['CCTL', 'Chi cục Thủy lợi'],
      ['CCBVTV', 'Chi cục Bảo vệ thực vật'],
    ],
  },
  {
    key: 'sct',
    name: 'Sở Công Thương',
    shortName: 'SCT',
    leaderTitle: 'Giám đốc',
    divisions: [
      ['QLTM', 'Phòng Quản lý thương mại'],
      ['QLCN', 'Phòng Quản lý công nghiệp'],
    ],
  },
  {
    key: 'sldtbxh',
    name: 'Sở Lao động - Thương binh và Xã hội',
    shortName: 'SLDTBXH',
    leaderTitle: 'Giám đốc',
    divisions: [
      ['NCC', 'Phòng Người có công'],
      ['LDVL', 'Phòng Lao động - Việc làm'],
    ],
  },
  {
    key: 'svhttdl',
    name: 'Sở Văn hóa, Thể thao và Du lịch',
    shortName: 'SVHTTDL',
    leaderTitle: 'Giám đốc',
    divisions: [
      ['QLVH', 'Phòng Quản lý văn hóa'],
      ['QLDL', 'Phòng Quản lý du lịch'],
    ],
  },
  {
    key: 'skhcn',
    name: 'Sở Khoa học và Công nghệ',
    shortName: 'SKHCN',
    leaderTitle: 'Giám đốc',
    divisions: [
      ['QLKH', 'Phòng Quản lý khoa học'],
      ['TDC', 'Chi cục Tiêu chuẩn Đo lường Chất lượng'],
    ],
  },
  {
    key: 'sngv',
    name: 'Sở Ngoại vụ',
    shortName: 'SNGV',
    leaderTitle: 'Giám đốc',
    divisions: [['LSQLNN', 'Phòng Lãnh sự và Quản lý người nước ngoài']],
  },
  {
    key: 'ttt',
    name: 'Thanh tra tỉnh',
    shortName: 'TTT',
    leaderTitle: 'Chánh Thanh tra tỉnh',
    inspectionName: 'Phòng Thanh tra kinh tế - xã hội',
    divisions: [
      ['TCD', 'Phòng Tiếp công dân và Xử lý đơn thư'],
      ['PCTN', 'Phòng Phòng, chống tham nhũng'],
    ],
  },
  {
    key: 'bdt',
    name: 'Ban Dân tộc',
    shortName: 'BDT',
    leaderTitle: 'Trưởng ban',
    divisions: [['CSDT', 'Phòng Chính sách dân tộc']],
  },
  {
    key: 'bqlkcn',
    name: 'Ban Quản lý các khu công nghiệp',
    shortName: 'BQLKCN',
    leaderTitle: 'Trưởng ban',
    divisions: [
      ['QLDT', 'Phòng Quản lý đầu tư'],
      ['QLLD', 'Phòng Quản lý lao động'],
    ],
  },
  {
    key: 'vphdnd',
    name: 'Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh',
    shortName: 'VPDDBQH',
    leaderTitle: 'Chánh Văn phòng',
    divisions: [['CTQH', 'Phòng Công tác Quốc hội']],
  },
  {
    key: 'cat',
    name: 'Công an tỉnh',
    shortName: 'CAT',
    leaderTitle: 'Giám đốc Công an tỉnh',
    divisions: [
      ['TM', 'Phòng Tham mưu'],
      ['XNC', 'Phòng Quản lý xuất nhập cảnh'],
    ],
  },
  {
    key: 'bchqs',
    name: 'Bộ Chỉ huy Quân sự tỉnh',
    shortName: 'BCHQS',
    leaderTitle: 'Chỉ huy trưởng',
    divisions: [
      ['TM', 'Phòng Tham mưu'],
      ['CT', 'Phòng Chính trị'],
    ],
  },
  {
    key: 'kbnn',
    name: 'Kho bạc Nhà nước tỉnh',
    shortName: 'KBNN',
    leaderTitle: 'Giám đốc',
    divisions: [
      ['KTNN', 'Phòng Kế toán nhà nước'],
      ['KSC', 'Phòng Kiểm soát chi'],
    ],
  },
  {
    key: 'cthue',
    name: 'Cục Thuế tỉnh',
    shortName: 'CT',
    leaderTitle: 'Cục trưởng',
    divisions: [
      ['KKKTT', 'Phòng Kê khai và Kế toán thuế'],
      ['KTT', 'Phòng Kiểm tra thuế'],
    ],
  },
  {
    key: 'ctk',
    name: 'Cục Thống kê tỉnh',
    shortName: 'CTK',
    leaderTitle: 'Cục trưởng',
    divisions: [['TKTH', 'Phòng Thống kê Tổng hợp']],
  },
  {
    key: 'bhxh',
    name: 'Bảo hiểm xã hội tỉnh',
    shortName: 'BHXH',
    leaderTitle: 'Giám đốc',
    divisions: [
      ['THU', 'Phòng Thu'],
      ['CDBHXH', 'Phòng Chế độ bảo hiểm xã hội'],
    ],
  },
  {
    key: 'nhnn',
    name: 'Ngân hàng Nhà nước Chi nhánh tỉnh',
    shortName: 'NHNN',
    leaderTitle: 'Giám đốc',
    divisions: [['TTGS', 'Phòng Thanh tra, giám sát ngân hàng']],
  },
  {
    key: 'dptth',
    name: 'Đài Phát thanh và Truyền hình Vĩnh Long',
    shortName: 'DPTTH',
    leaderTitle: 'Giám đốc',
    divisions: [
      ['TS', 'Phòng Thời sự'],
      ['KTh', 'Phòng Kỹ thuật'],
    ],
  },
  {
    key: 'bvl',
    name: 'Báo Vĩnh Long',
    shortName: 'BVL',
    leaderTitle: 'Tổng Biên tập',
    divisions: [
      ['PV', 'Phòng Phóng viên'],
      ['TrS', 'Phòng Trị sự'],
    ],
  },
  {
    key: 'tct',
    name: 'Trường Chính trị Phạm Hùng',
    shortName: 'TCT',
    leaderTitle: 'Hiệu trưởng',
    divisions: [
      ['DT', 'Phòng Đào tạo'],
      ['LLCS', 'Khoa Lý luận cơ sở'],
    ],
  },
  {
    key: 'lmhtx',
    name: 'Liên minh Hợp tác xã tỉnh',
    shortName: 'LMHTX',
    leaderTitle: 'Chủ tịch',
    divisions: [['KTTT', 'Phòng Kinh tế tập thể']],
  },
  {
    key: 'bdvl',
    name: 'Bưu điện tỉnh Vĩnh Long',
    shortName: 'BDVL',
    leaderTitle: 'Giám đốc',
    divisions: [
      ['KD', 'Phòng Kinh doanh'],
      ['KTNV', 'Phòng Kỹ thuật - Nghiệp vụ'],
    ],
  },
  {
    key: 'hnd',
    name: 'Hội Nông dân tỉnh',
    shortName: 'HND',
    leaderTitle: 'Chủ tịch',
    divisions: [['KTXH', 'Ban Kinh tế - Xã hội']],
  },
  {
    key: 'hlhpn',
    name: 'Hội Liên hiệp Phụ nữ tỉnh',
    shortName: 'HLHPN',
    leaderTitle: 'Chủ tịch',
    divisions: [['GDTT', 'Ban Tuyên giáo']],
  },
  {
    key: 'tdtn',
    name: 'Tỉnh Đoàn Vĩnh Long',
    shortName: 'TD',
    leaderTitle: 'Bí thư Tỉnh Đoàn',
    divisions: [['TNTH', 'Ban Thanh niên trường học']],
  },
];

const DISTRICT_DIVISIONS: readonly DivisionSpec[] = [
  ['VP', 'Văn phòng HĐND và UBND'],
  ['NV', 'Phòng Nội vụ'],
  ['TCKH', 'Phòng Tài chính - Kế hoạch'],
  ['TP', 'Phòng Tư pháp'],
];

interface DistrictSpec {
  slug: string;
  /** 'huyện' or 'thị xã'. */
  level: string;
  place: string;
  /** 'xã …', 'phường …' or 'thị trấn …'. */
  communes: readonly string[];
}

/** 107 communes, wards and towns in 7 district-level units (as in 2006). */
const DISTRICTS: readonly DistrictSpec[] = [
  {
    slug: 'longho',
    level: 'huyện',
    place: 'Long Hồ',
    communes: [
      'thị trấn Long Hồ',
      'xã Phước Hậu',
      'xã An Bình',
      'xã Bình Hòa Phước',
      'xã Đồng Phú',
      'xã Hòa Ninh',
      'xã Hòa Phú',
      'xã Lộc Hòa',
      'xã Long An',
      'xã Long Phước',
      'xã Phú Đức',
      'xã Phú Quới',
      'xã Tân Hạnh',
      'xã Thạnh Quới',
      'xã Thanh Đức',
    ],
  },
  {
    slug: 'mangthit',
    level: 'huyện',
    place: 'Mang Thít',
    communes: [
      'thị trấn Cái Nhum',
      'xã An Phước',
      'xã Bình Phước',
      'xã Chánh An',
      'xã Chánh Hội',
      'xã Hòa Tịnh',
      'xã Long Mỹ',
      'xã Mỹ An',
      'xã Mỹ Phước',
      'xã Nhơn Phú',
      'xã Tân An Hội',
      'xã Tân Long',
      'xã Tân Long Hội',
    ],
  },
  {
    slug: 'vungliem',
    level: 'huyện',
    place: 'Vũng Liêm',
    communes: [
      'thị trấn Vũng Liêm',
      'xã Hiếu Nghĩa',
      'xã Hiếu Nhơn',
      'xã Hiếu Phụng',
      'xã Hiếu Thành',
      'xã Hiếu Thuận',
      'xã Quới An',
      'xã Quới Thiện',
      'xã Tân An Luông',
      'xã Tân Quới Trung',
      'xã Thanh Bình',
      'xã Trung An',
      'xã Trung Chánh',
      'xã Trung Hiệp',
      'xã Trung Hiếu',
      'xã Trung Ngãi',
      'xã Trung Nghĩa',
      'xã Trung Thành',
      'xã Trung Thành Đông',
      'xã Trung Thành Tây',
    ],
  },
  {
    slug: 'tambinh',
    level: 'huyện',
    place: 'Tam Bình',
    communes: [
      'thị trấn Tam Bình',
      'xã Bình Ninh',
      'xã Hậu Lộc',
      'xã Hòa Hiệp',
      'xã Hòa Lộc',
      'xã Hòa Thạnh',
      'xã Loan Mỹ',
      'xã Long Phú',
      'xã Mỹ Lộc',
      'xã Mỹ Thạnh Trung',
      'xã Ngãi Tứ',
      'xã Phú Lộc',
      'xã Phú Thịnh',
      'xã Song Phú',
      'xã Tân Lộc',
      'xã Tân Phú',
      'xã Tường Lộc',
    ],
  },
  {
    slug: 'traon',
    level: 'huyện',
    place: 'Trà Ôn',
    communes: [
      'thị trấn Trà Ôn',
      'xã Hòa Bình',
      'xã Hựu Thành',
      'xã Lục Sĩ Thành',
      'xã Nhơn Bình',
      'xã Phú Thành',
      'xã Tân Mỹ',
      'xã Thiện Mỹ',
      'xã Thới Hòa',
      'xã Thuận Thới',
      'xã Tích Thiện',
      'xã Trà Côn',
      'xã Vĩnh Xuân',
      'xã Xuân Hiệp',
    ],
  },
  {
    slug: 'binhminh',
    level: 'huyện',
    place: 'Bình Minh',
    communes: [
      'thị trấn Cái Vồn',
      'xã Đông Bình',
      'xã Đông Thạnh',
      'xã Đông Thành',
      'xã Mỹ Hòa',
      'xã Mỹ Thuận',
      'xã Nguyễn Văn Thảnh',
      'xã Tân An Thạnh',
      'xã Tân Bình',
      'xã Tân Hưng',
      'xã Tân Lược',
      'xã Tân Quới',
      'xã Tân Thành',
      'xã Thành Đông',
      'xã Thành Lợi',
      'xã Thành Trung',
      'xã Thuận An',
    ],
  },
  {
    slug: 'vinhlong',
    level: 'thị xã',
    place: 'Vĩnh Long',
    communes: [
      'phường 1',
      'phường 2',
      'phường 3',
      'phường 4',
      'phường 5',
      'phường 8',
      'phường 9',
      'xã Tân Hòa',
      'xã Tân Hội',
      'xã Tân Ngãi',
      'xã Trường An',
    ],
  },
];

/** Lowercase ASCII slug without separators: 'Phước Hậu' → 'phuochau'. */
function slugify(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const code = (mm: number, nn: number): string => `000.${pad2(mm)}.${pad2(nn)}.${LEVEL1}`;
const mail = (local: string): string => `${local}@${MAIL_DOMAIN}`;

function divisionsOf(dep: DepartmentSpec): DivisionSpec[] {
  if (dep.ownDivisions) return [...dep.ownDivisions];
  const inspection = dep.inspectionName ?? (dep.name.startsWith('Sở ') ? 'Thanh tra Sở' : 'Phòng Thanh tra');
  return [['VP', 'Văn phòng'], ['KHTC', 'Phòng Kế hoạch - Tài chính'], ['TTr', inspection], ...dep.divisions];
}

function division(parentKey: string, [shortName, name]: DivisionSpec): DemoAgency {
  return {
    key: `${parentKey}-${shortName.toLowerCase()}`,
    parentKey,
    kind: 'division',
    name,
    shortName,
    agencyCode: null,
    email: null,
  };
}

/**
 * ASCII slug of a commune inside its district: 'xã Phước Hậu' → 'phuochau', 'thị trấn Long Hồ' →
 * 'ttlongho', 'phường 1' → 'p1'. Names that only differ by tone marks (Đông Thành, Đông Thạnh) get
 * a numeric suffix in order of appearance.
 */
function communeSlug(commune: string, used: Set<string>): string {
  const m = /^(xã|phường|thị trấn) (.+)$/.exec(commune);
  if (!m) throw new Error(`bad commune name: ${commune}`);
  const prefix = m[1] === 'phường' ? 'p' : m[1] === 'thị trấn' ? 'tt' : '';
  const base = `${prefix}${slugify(m[2]!)}`;
  let slug = base;
  for (let n = 2; used.has(slug); n++) slug = `${base}${n}`;
  used.add(slug);
  return slug;
}

// ---------------------------------------------------------------------------------------------
// People

type Role = DemoPerson['role'];

/** Hand-written accounts for the agencies used in demos and end-to-end tests. */
const FEATURED_PEOPLE: Readonly<Record<string, readonly DemoPerson[]>> = {
  ubnd: [
    {
      username: 'lanhdao.ubnd',
      fullName: 'Phạm Văn Đấu',
      agencyKey: 'ubnd',
      divisionKey: null,
      role: 'agency_leader',
      title: 'Chủ tịch UBND tỉnh',
    },
    {
      username: 'phochutich.ubnd',
      fullName: 'Trương Văn Sáu',
      agencyKey: 'ubnd',
      divisionKey: null,
      role: 'agency_leader',
      title: 'Phó Chủ tịch UBND tỉnh',
    },
    {
      username: 'vanthu.ubnd',
      fullName: 'Nguyễn Thị Kim Hoa',
      agencyKey: 'ubnd',
      divisionKey: null,
      role: 'clerk',
      title: 'Văn thư',
    },
    {
      username: 'chuyenvien.ubnd',
      fullName: 'Lê Hoàng Phúc',
      agencyKey: 'ubnd',
      divisionKey: null,
      role: 'officer',
      title: 'Chuyên viên',
    },
    {
      username: 'quantri.ubnd',
      fullName: 'Võ Minh Triết',
      agencyKey: 'ubnd',
      divisionKey: null,
      role: 'agency_admin',
      title: 'Quản trị hệ thống đơn vị',
    },
  ],
  'vp-ubnd': [
    {
      username: 'lanhdao.vp',
      fullName: 'Huỳnh Văn Thanh',
      agencyKey: 'vp-ubnd',
      divisionKey: null,
      role: 'agency_leader',
      title: 'Chánh Văn phòng',
    },
    {
      username: 'vanthu.vp',
      fullName: 'Trần Thị Ngọc Hân',
      agencyKey: 'vp-ubnd',
      divisionKey: null,
      role: 'clerk',
      title: 'Văn thư',
    },
    {
      username: 'luutru.vp',
      fullName: 'Lâm Thị Ngọc Hiền',
      agencyKey: 'vp-ubnd',
      divisionKey: 'vp-ubnd-hctc',
      role: 'archivist',
      title: 'Lưu trữ viên',
    },
    {
      username: 'truongphong.vp',
      fullName: 'Đặng Quốc Khải',
      agencyKey: 'vp-ubnd',
      divisionKey: 'vp-ubnd-th',
      role: 'division_head',
      title: 'Trưởng phòng Tổng hợp',
    },
    {
      username: 'chuyenvien.vp',
      fullName: 'Châu Thị Mỹ Duyên',
      agencyKey: 'vp-ubnd',
      divisionKey: 'vp-ubnd-th',
      role: 'officer',
      title: 'Chuyên viên',
    },
    {
      username: 'quantri.vp',
      fullName: 'Bùi Thanh Tùng',
      agencyKey: 'vp-ubnd',
      divisionKey: 'vp-ubnd-ttth',
      role: 'agency_admin',
      title: 'Chuyên viên Trung tâm Tin học',
    },
  ],
  snv: [
    {
      username: 'lanhdao.snv',
      fullName: 'Nguyễn Văn Hòa',
      agencyKey: 'snv',
      divisionKey: null,
      role: 'agency_leader',
      title: 'Giám đốc',
    },
    {
      username: 'phogiamdoc.snv',
      fullName: 'Lê Thị Thu Thủy',
      agencyKey: 'snv',
      divisionKey: null,
      role: 'agency_leader',
      title: 'Phó Giám đốc',
    },
    {
      username: 'vanthu.snv',
      fullName: 'Phan Thị Bích Ngọc',
      agencyKey: 'snv',
      divisionKey: null,
      role: 'clerk',
      title: 'Văn thư',
    },
    {
      username: 'truongphong.snv',
      fullName: 'Trần Hữu Nghĩa',
      agencyKey: 'snv',
      divisionKey: 'snv-tccb',
      role: 'division_head',
      title: 'Trưởng phòng Tổ chức cán bộ',
    },
    {
      username: 'chuyenvien.snv',
      fullName: 'Dương Minh Luân',
      agencyKey: 'snv',
      divisionKey: 'snv-tccb',
      role: 'officer',
      title: 'Chuyên viên',
    },
    {
      username: 'quantri.snv',
      fullName: 'Hồ Công Danh',
      agencyKey: 'snv',
      divisionKey: null,
      role: 'agency_admin',
      title: 'Quản trị hệ thống đơn vị',
    },
  ],
  stttt: [
    {
      username: 'lanhdao.stttt',
      fullName: 'Ngô Thành Đạt',
      agencyKey: 'stttt',
      divisionKey: null,
      role: 'agency_leader',
      title: 'Giám đốc',
    },
    {
      username: 'vanthu.stttt',
      fullName: 'Lý Thị Diễm My',
      agencyKey: 'stttt',
      divisionKey: null,
      role: 'clerk',
      title: 'Văn thư',
    },
    {
      username: 'luutru.stttt',
      fullName: 'Mai Quốc Khánh',
      agencyKey: 'stttt',
      divisionKey: 'stttt-vp',
      role: 'archivist',
      title: 'Lưu trữ viên',
    },
    {
      username: 'truongphong.stttt',
      fullName: 'Võ Hoàng Nam',
      agencyKey: 'stttt',
      divisionKey: 'stttt-cntt',
      role: 'division_head',
      title: 'Trưởng phòng Công nghệ thông tin',
    },
    {
      username: 'chuyenvien.stttt',
      fullName: 'Nguyễn Ngọc Trâm',
      agencyKey: 'stttt',
      divisionKey: 'stttt-cntt',
      role: 'officer',
      title: 'Chuyên viên',
    },
    {
      username: 'quantri.stttt',
      fullName: 'Phạm Đức Thịnh',
      agencyKey: 'stttt',
      divisionKey: 'stttt-cntt',
      role: 'agency_admin',
      title: 'Kỹ sư công nghệ thông tin',
    },
  ],
  'h-longho': [
    {
      username: 'lanhdao.longho',
      fullName: 'Trần Văn Lợi',
      agencyKey: 'h-longho',
      divisionKey: null,
      role: 'agency_leader',
      title: 'Chủ tịch UBND huyện',
    },
    {
      username: 'vanthu.longho',
      fullName: 'Huỳnh Thị Mỹ Linh',
      agencyKey: 'h-longho',
      divisionKey: null,
      role: 'clerk',
      title: 'Văn thư',
    },
    {
      username: 'luutru.longho',
      fullName: 'Trần Thị Mỹ Xuân',
      agencyKey: 'h-longho',
      divisionKey: 'h-longho-vp',
      role: 'archivist',
      title: 'Viên chức lưu trữ',
    },
    {
      username: 'truongphong.longho',
      fullName: 'Lê Quốc Cường',
      agencyKey: 'h-longho',
      divisionKey: 'h-longho-nv',
      role: 'division_head',
      title: 'Trưởng phòng Nội vụ',
    },
    {
      username: 'chuyenvien.longho',
      fullName: 'Đỗ Thị Cẩm Tú',
      agencyKey: 'h-longho',
      divisionKey: 'h-longho-nv',
      role: 'officer',
      title: 'Chuyên viên',
    },
    {
      username: 'quantri.longho',
      fullName: 'Trương Minh Hiếu',
      agencyKey: 'h-longho',
      divisionKey: 'h-longho-vp',
      role: 'agency_admin',
      title: 'Chuyên viên Văn phòng HĐND và UBND',
    },
  ],
  'x-longho-phuochau': [
    {
      username: 'lanhdao.phuochau',
      fullName: 'Nguyễn Văn Út',
      agencyKey: 'x-longho-phuochau',
      divisionKey: null,
      role: 'agency_leader',
      title: 'Chủ tịch UBND xã',
    },
    {
      username: 'vanthu.phuochau',
      fullName: 'Lê Thị Kiều Oanh',
      agencyKey: 'x-longho-phuochau',
      divisionKey: null,
      role: 'clerk',
      title: 'Văn thư',
    },
    {
      username: 'congchuc.phuochau',
      fullName: 'Phan Văn Tài',
      agencyKey: 'x-longho-phuochau',
      divisionKey: null,
      role: 'officer',
      title: 'Công chức Tư pháp - Hộ tịch',
    },
    {
      username: 'quantri.phuochau',
      fullName: 'Võ Thị Thanh Nhàn',
      agencyKey: 'x-longho-phuochau',
      divisionKey: null,
      role: 'agency_admin',
      title: 'Công chức Văn phòng - Thống kê',
    },
  ],
};

const SURNAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Huỳnh',
  'Võ',
  'Phan',
  'Trương',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Châu',
  'Mai',
  'Lâm',
] as const;
const MALE_MIDDLE = ['Văn', 'Hữu', 'Minh', 'Thanh', 'Quốc', 'Công', 'Đức', 'Hoàng', 'Tấn', 'Phước'] as const;
const MALE_GIVEN = [
  'Hùng',
  'Dũng',
  'Phước',
  'Tâm',
  'Hải',
  'Lộc',
  'Tài',
  'Thắng',
  'Khoa',
  'Trí',
  'Nghĩa',
  'Toàn',
  'Vinh',
  'Phong',
  'Sơn',
  'Tuấn',
  'Bình',
  'Hậu',
  'Nhân',
  'Kiệt',
] as const;
const FEMALE_MIDDLE = ['Thị', 'Ngọc', 'Kim', 'Thu', 'Mỹ', 'Bích', 'Thị Kim', 'Thị Ngọc', 'Thanh'] as const;
const FEMALE_GIVEN = [
  'Lan',
  'Hồng',
  'Hạnh',
  'Trang',
  'Thảo',
  'Nhung',
  'Loan',
  'Hương',
  'Diễm',
  'Tuyết',
  'Phượng',
  'Yến',
  'Ngân',
  'Thủy',
  'Quyên',
  'Xuân',
  'Dung',
] as const;

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
const hasDiacritics = (s: string): boolean => s.normalize('NFD') !== s || /[đĐ]/.test(s);

/** Deterministic source of distinct Vietnamese names. */
function nameSource(taken: Set<string>): (female: boolean) => string {
  let n = 0;
  return (female) => {
    for (;;) {
      const i = n++;
      const name = female
        ? `${pick(SURNAMES, i * 7)} ${pick(FEMALE_MIDDLE, i * 5 + 1)} ${pick(FEMALE_GIVEN, i * 3 + 2)}`
        : `${pick(SURNAMES, i * 7 + 3)} ${pick(MALE_MIDDLE, i * 3)} ${pick(MALE_GIVEN, i * 11 + 5)}`;
      if (!taken.has(name) && hasDiacritics(name)) {
        taken.add(name);
        return name;
      }
    }
  };
}

function person(
  username: string,
  fullName: string,
  agencyKey: string,
  role: Role,
  title: string,
  divisionKey: string | null = null,
): DemoPerson {
  return { username, fullName, agencyKey, divisionKey, role, title };
}

// ---------------------------------------------------------------------------------------------

export function demoProvince(): { provinceName: string; agencies: DemoAgency[]; people: DemoPerson[] } {
  const agencies: DemoAgency[] = [];
  /** Agencies that get a generic clerk and leader: [agency key, username suffix, leader title]. */
  const staffed: Array<readonly [string, string, string]> = [];

  agencies.push({
    key: 'ubnd',
    parentKey: null,
    kind: 'province',
    name: `Ủy ban nhân dân tỉnh ${PROVINCE_NAME}`,
    shortName: 'UBND',
    agencyCode: code(0, 0),
    email: mail('ubnd'),
  });

  let group = 0;
  for (const dep of DEPARTMENTS) {
    group += 1;
    agencies.push({
      key: dep.key,
      parentKey: 'ubnd',
      kind: 'department',
      name: dep.name,
      shortName: dep.shortName,
      agencyCode: code(0, group),
      email: mail(dep.key.replace(/-/g, '')),
    });
    for (const d of divisionsOf(dep)) agencies.push(division(dep.key, d));
    staffed.push([dep.key, dep.key.replace(/-/g, ''), dep.leaderTitle]);
  }

  for (const dist of DISTRICTS) {
    group += 1;
    const key = `h-${dist.slug}`;
    agencies.push({
      key,
      parentKey: 'ubnd',
      kind: 'district',
      name: `UBND ${dist.level} ${dist.place}`,
      shortName: 'UBND',
      agencyCode: code(0, group),
      email: mail(dist.level === 'thị xã' ? `tx${dist.slug}` : dist.slug),
    });
    for (const d of DISTRICT_DIVISIONS) agencies.push(division(key, d));
    staffed.push([key, dist.slug, `Chủ tịch UBND ${dist.level}`]);
    const used = new Set<string>();
    dist.communes.forEach((commune, i) => {
      const slug = communeSlug(commune, used);
      agencies.push({
        key: `x-${dist.slug}-${slug}`,
        parentKey: key,
        kind: 'commune',
        name: `UBND ${commune}`,
        shortName: 'UBND',
        agencyCode: code(i + 1, group),
        email: mail(`${slug}.${dist.slug}`),
      });
    });
  }

  // People: the system administrator, the featured accounts, and a clerk and a leader
  // for every other department and district.
  const people: DemoPerson[] = [
    person('quantri', 'Nguyễn Hoàng Khang', 'ubnd', 'system_admin', 'Quản trị hệ thống'),
  ];
  const taken = new Set<string>(people.map((p) => p.fullName));
  for (const list of Object.values(FEATURED_PEOPLE)) for (const p of list) taken.add(p.fullName);
  const nextName = nameSource(taken);
  const byAgency = new Map(staffed.map((s) => [s[0], s] as const));

  for (const a of agencies) {
    const featured = FEATURED_PEOPLE[a.key];
    if (featured) {
      people.push(...featured.map((p) => ({ ...p })));
      continue;
    }
    const s = byAgency.get(a.key);
    if (!s) continue;
    const [key, suffix, leaderTitle] = s;
    people.push(person(`lanhdao.${suffix}`, nextName(false), key, 'agency_leader', leaderTitle));
    people.push(person(`vanthu.${suffix}`, nextName(true), key, 'clerk', 'Văn thư'));
  }

  return { provinceName: PROVINCE_NAME, agencies, people };
}

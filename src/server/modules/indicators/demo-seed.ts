/**
 * The indicators' demo data (run by src/server/demo/seed.ts through the module's `seedDemo`, after
 * the agencies and people are in): the 20 groups of the 2016 provincial system (T01–T20) and three
 * commune groups (X01–X03), three disaggregations, about 70 indicators — group 01's 17 names of
 * QĐ 05/2023 (official), typical others marked official = false — three forms (monthly commune,
 * quarterly department, yearly district), values for the two previous years and this year so far
 * for some communes, districts and the statistics office, approved reports for the locked periods,
 * and yearly plans. Deterministic numbers; multi-row inserts. Idempotent: does nothing if the
 * group T01 exists.
 */
import { eq } from 'drizzle-orm';
import { vnDate } from '../../../shared/calendar/vn-time.ts';
import {
  type Period,
  type Periodicity,
  periodOf,
  periodsBetween,
} from '../../../shared/indicators/periods.ts';
import { formCalendar } from '../../../shared/indicators/schedule.ts';
import type { Db } from '../../db/client.ts';
import { activeUnits } from '../agencies/index.ts';
import {
  indicatorDisaggregations,
  indicatorFormAgencies,
  indicatorFormItems,
  indicatorForms,
  indicatorGroups,
  indicatorReports,
  indicators,
  indicatorTargets,
  indicatorValues,
} from './schema.ts';

export const DEMO_GROUPS: [string, string][] = [
  ['T01', 'Đất đai, dân số'],
  ['T02', 'Lao động, việc làm và bình đẳng giới'],
  ['T03', 'Doanh nghiệp'],
  ['T04', 'Đầu tư và xây dựng'],
  ['T05', 'Tài khoản quốc gia'],
  ['T06', 'Tài chính công'],
  ['T07', 'Bảo hiểm'],
  ['T08', 'Nông, lâm nghiệp và thủy sản'],
  ['T09', 'Công nghiệp'],
  ['T10', 'Thương mại, dịch vụ'],
  ['T11', 'Giá cả'],
  ['T12', 'Giao thông vận tải'],
  ['T13', 'Công nghệ thông tin và truyền thông'],
  ['T14', 'Khoa học và công nghệ'],
  ['T15', 'Giáo dục'],
  ['T16', 'Y tế'],
  ['T17', 'Văn hóa, thể thao và du lịch'],
  ['T18', 'Mức sống'],
  ['T19', 'Trật tự, an toàn xã hội và tư pháp'],
  ['T20', 'Môi trường'],
  ['X01', 'Cấp xã: Dân số, hộ tịch'],
  ['X02', 'Cấp xã: Kinh tế'],
  ['X03', 'Cấp xã: Xã hội'],
];

/** The groups and disaggregations only (tests and empty installations use these too). */
export async function seedGroups(db: Db): Promise<void> {
  const [had] = await db.select().from(indicatorGroups).where(eq(indicatorGroups.code, 'T01'));
  if (had) return;
  await db
    .insert(indicatorGroups)
    .values(DEMO_GROUPS.map(([code, name], i) => ({ code, name, sortOrder: i + 1 })));
  await db.insert(indicatorDisaggregations).values([
    {
      code: 'gioi_tinh',
      name: 'Giới tính',
      options: [
        { code: 'nam', name: 'Nam' },
        { code: 'nu', name: 'Nữ' },
      ],
    },
    {
      code: 'thanh_thi_nong_thon',
      name: 'Thành thị/nông thôn',
      options: [
        { code: 'tt', name: 'Thành thị' },
        { code: 'nt', name: 'Nông thôn' },
      ],
    },
    {
      code: 'khu_vuc_kinh_te',
      name: 'Khu vực kinh tế',
      options: [
        { code: 'nn', name: 'Nhà nước' },
        { code: 'nnn', name: 'Ngoài nhà nước' },
        { code: 'fdi', name: 'Có vốn đầu tư nước ngoài' },
      ],
    },
  ]);
}

type Def = {
  code: string;
  name: string;
  unit: string;
  per: Periodicity;
  vt?: 'number' | 'percent' | 'integer';
  dec?: number;
  agg?: 'sum' | 'weighted_avg' | 'formula' | 'last' | 'none';
  weight?: string;
  formula?: string;
  dis?: string;
  level?: 'commune' | 'district' | 'department' | 'province';
  official?: boolean;
};

const GROUP01: [string, string, Periodicity, Partial<Def>?][] = [
  ['Diện tích và cơ cấu đất', 'ha', 'year', { agg: 'last' }],
  ['Dân số, mật độ dân số', 'người', 'year', { agg: 'last', dis: 'gioi_tinh', vt: 'integer' }],
  ['Số hộ', 'hộ', 'year', { agg: 'last', vt: 'integer' }],
  ['Tỷ số giới tính khi sinh', 'bé trai/100 bé gái', 'year', { agg: 'none', dec: 1 }],
  ['Tỷ suất sinh thô', '‰', 'year', { agg: 'none', dec: 2 }],
  ['Tổng tỷ suất sinh', 'con/phụ nữ', 'year', { agg: 'none', dec: 2 }],
  ['Tỷ suất chết thô', '‰', 'year', { agg: 'none', dec: 2 }],
  ['Tỷ lệ tăng dân số', '%', 'year', { agg: 'none', vt: 'percent', dec: 2 }],
  ['Tỷ suất nhập cư, xuất cư, di cư thuần', '‰', 'year', { agg: 'none', dec: 2 }],
  ['Tuổi thọ trung bình', 'năm', 'year', { agg: 'none', dec: 1 }],
  ['Số cuộc kết hôn', 'cuộc', 'year', { vt: 'integer' }],
  ['Tuổi kết hôn trung bình lần đầu', 'tuổi', 'year', { agg: 'none', dec: 1, dis: 'gioi_tinh' }],
  ['Số vụ ly hôn', 'vụ', 'year', { vt: 'integer' }],
  ['Tuổi ly hôn trung bình', 'tuổi', 'year', { agg: 'none', dec: 1 }],
  ['Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh', '%', 'year', { agg: 'none', vt: 'percent', dec: 1 }],
  ['Số trường hợp tử vong được đăng ký khai tử', 'trường hợp', 'year', { vt: 'integer' }],
  ['Tỷ lệ đô thị hóa', '%', 'year', { agg: 'none', vt: 'percent', dec: 1 }],
];

/** Typical indicators (not on an official list: official = false). */
const OTHERS: Def[] = [
  {
    code: 'T0201',
    name: 'Lực lượng lao động từ 15 tuổi trở lên',
    unit: 'người',
    per: 'year',
    agg: 'last',
    dis: 'gioi_tinh',
  },
  { code: 'T0202', name: 'Tỷ lệ thất nghiệp', unit: '%', per: 'year', vt: 'percent', dec: 2, agg: 'none' },
  { code: 'T0203', name: 'Số lao động được tạo việc làm mới', unit: 'người', per: 'quarter' },
  {
    code: 'T0301',
    name: 'Số doanh nghiệp thành lập mới',
    unit: 'doanh nghiệp',
    per: 'quarter',
    vt: 'integer',
    level: 'department',
  },
  {
    code: 'T0302',
    name: 'Vốn đăng ký của doanh nghiệp thành lập mới',
    unit: 'tỷ đồng',
    per: 'quarter',
    dec: 1,
    level: 'department',
  },
  { code: 'T0303', name: 'Số doanh nghiệp giải thể', unit: 'doanh nghiệp', per: 'year', vt: 'integer' },
  {
    code: 'T0401',
    name: 'Vốn đầu tư thực hiện toàn xã hội',
    unit: 'tỷ đồng',
    per: 'quarter',
    dec: 1,
    dis: 'khu_vuc_kinh_te',
    level: 'department',
  },
  { code: 'T0402', name: 'Diện tích nhà ở xây dựng mới', unit: 'm²', per: 'year' },
  {
    code: 'T0501',
    name: 'Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP)',
    unit: '%',
    per: 'quarter',
    vt: 'percent',
    dec: 2,
    agg: 'none',
    level: 'department',
  },
  {
    code: 'T0502',
    name: 'Tổng sản phẩm trên địa bàn (GRDP) theo giá hiện hành',
    unit: 'tỷ đồng',
    per: 'quarter',
    dec: 1,
    level: 'department',
  },
  {
    code: 'T0503',
    name: 'GRDP bình quân đầu người',
    unit: 'triệu đồng',
    per: 'year',
    dec: 1,
    agg: 'formula',
    formula: 'T0502 / T0102 * 1000',
  },
  {
    code: 'T0601',
    name: 'Thu ngân sách nhà nước trên địa bàn',
    unit: 'tỷ đồng',
    per: 'quarter',
    dec: 1,
    level: 'department',
  },
  {
    code: 'T0602',
    name: 'Chi ngân sách địa phương',
    unit: 'tỷ đồng',
    per: 'quarter',
    dec: 1,
    level: 'department',
  },
  {
    code: 'T0701',
    name: 'Tỷ lệ dân số tham gia bảo hiểm y tế',
    unit: '%',
    per: 'year',
    vt: 'percent',
    dec: 1,
    agg: 'weighted_avg',
    weight: 'T0102',
  },
  { code: 'T0702', name: 'Số người tham gia bảo hiểm xã hội', unit: 'người', per: 'year', agg: 'last' },
  { code: 'T0801', name: 'Sản lượng lúa', unit: 'tấn', per: 'year' },
  { code: 'T0802', name: 'Sản lượng thủy sản nuôi trồng', unit: 'tấn', per: 'year' },
  {
    code: 'T0803',
    name: 'Tỷ lệ xã đạt chuẩn nông thôn mới',
    unit: '%',
    per: 'year',
    vt: 'percent',
    dec: 1,
    agg: 'none',
  },
  { code: 'T0804', name: 'Diện tích cây lâu năm', unit: 'ha', per: 'year', agg: 'last' },
  {
    code: 'T0901',
    name: 'Chỉ số sản xuất công nghiệp (IIP)',
    unit: '%',
    per: 'quarter',
    vt: 'percent',
    dec: 2,
    agg: 'none',
    level: 'department',
  },
  { code: 'T0902', name: 'Giá trị sản xuất công nghiệp', unit: 'tỷ đồng', per: 'year', dec: 1 },
  {
    code: 'T1001',
    name: 'Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng',
    unit: 'tỷ đồng',
    per: 'quarter',
    dec: 1,
    level: 'department',
  },
  {
    code: 'T1002',
    name: 'Kim ngạch xuất khẩu',
    unit: 'triệu USD',
    per: 'quarter',
    dec: 1,
    level: 'department',
  },
  {
    code: 'T1003',
    name: 'Kim ngạch nhập khẩu',
    unit: 'triệu USD',
    per: 'quarter',
    dec: 1,
    level: 'department',
  },
  {
    code: 'T1101',
    name: 'Chỉ số giá tiêu dùng (CPI)',
    unit: '%',
    per: 'month',
    vt: 'percent',
    dec: 2,
    agg: 'none',
    level: 'department',
  },
  { code: 'T1201', name: 'Khối lượng hành khách vận chuyển', unit: 'nghìn lượt người', per: 'year', dec: 1 },
  { code: 'T1202', name: 'Khối lượng hàng hóa vận chuyển', unit: 'nghìn tấn', per: 'year', dec: 1 },
  {
    code: 'T1301',
    name: 'Số thuê bao internet băng rộng cố định',
    unit: 'thuê bao',
    per: 'year',
    agg: 'last',
  },
  {
    code: 'T1302',
    name: 'Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến',
    unit: '%',
    per: 'year',
    vt: 'percent',
    dec: 1,
    agg: 'none',
  },
  {
    code: 'T1401',
    name: 'Số nhiệm vụ khoa học và công nghệ được nghiệm thu',
    unit: 'nhiệm vụ',
    per: 'year',
    vt: 'integer',
  },
  {
    code: 'T1501',
    name: 'Số học sinh phổ thông',
    unit: 'học sinh',
    per: 'year',
    agg: 'last',
    dis: 'gioi_tinh',
  },
  {
    code: 'T1502',
    name: 'Tỷ lệ đi học đúng tuổi cấp tiểu học',
    unit: '%',
    per: 'year',
    vt: 'percent',
    dec: 1,
    agg: 'none',
  },
  { code: 'T1503', name: 'Số giáo viên phổ thông', unit: 'người', per: 'year', agg: 'last' },
  { code: 'T1601', name: 'Số giường bệnh', unit: 'giường', per: 'year', agg: 'last' },
  { code: 'T1602', name: 'Số bác sĩ', unit: 'người', per: 'year', agg: 'last' },
  {
    code: 'T1603',
    name: 'Số bác sĩ trên 10.000 dân',
    unit: 'bác sĩ',
    per: 'year',
    dec: 1,
    agg: 'formula',
    formula: 'T1602 / T0102 * 10000',
  },
  {
    code: 'T1604',
    name: 'Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ',
    unit: '%',
    per: 'year',
    vt: 'percent',
    dec: 1,
    agg: 'none',
  },
  { code: 'T1701', name: 'Số lượt khách du lịch', unit: 'lượt', per: 'quarter', level: 'department' },
  { code: 'T1702', name: 'Doanh thu du lịch lữ hành', unit: 'tỷ đồng', per: 'year', dec: 1 },
  {
    code: 'T1801',
    name: 'Tỷ lệ hộ nghèo',
    unit: '%',
    per: 'year',
    vt: 'percent',
    dec: 2,
    agg: 'weighted_avg',
    weight: 'T0103',
  },
  {
    code: 'T1802',
    name: 'Tỷ lệ hộ dân cư sử dụng nước sạch',
    unit: '%',
    per: 'year',
    vt: 'percent',
    dec: 1,
    agg: 'weighted_avg',
    weight: 'T0103',
  },
  {
    code: 'T1803',
    name: 'Thu nhập bình quân đầu người một tháng',
    unit: 'nghìn đồng',
    per: 'year',
    agg: 'none',
  },
  { code: 'T1901', name: 'Số vụ tai nạn giao thông', unit: 'vụ', per: 'year', vt: 'integer' },
  { code: 'T1902', name: 'Số người chết do tai nạn giao thông', unit: 'người', per: 'year', vt: 'integer' },
  { code: 'T1903', name: 'Số vụ án hình sự đã khởi tố', unit: 'vụ', per: 'year', vt: 'integer' },
  {
    code: 'T2001',
    name: 'Tỷ lệ chất thải rắn sinh hoạt được thu gom',
    unit: '%',
    per: 'year',
    vt: 'percent',
    dec: 1,
    agg: 'none',
  },
  { code: 'T2002', name: 'Tỷ lệ che phủ rừng', unit: '%', per: 'year', vt: 'percent', dec: 1, agg: 'none' },
  {
    code: 'X0101',
    name: 'Số trẻ em sinh ra',
    unit: 'trẻ',
    per: 'month',
    vt: 'integer',
    level: 'commune',
    dis: 'gioi_tinh',
  },
  { code: 'X0102', name: 'Số người chết', unit: 'người', per: 'month', vt: 'integer', level: 'commune' },
  {
    code: 'X0103',
    name: 'Số cuộc kết hôn đăng ký',
    unit: 'cuộc',
    per: 'month',
    vt: 'integer',
    level: 'commune',
  },
  { code: 'X0201', name: 'Diện tích lúa gieo trồng', unit: 'ha', per: 'month', dec: 1, level: 'commune' },
  {
    code: 'X0202',
    name: 'Sản lượng thủy sản thu hoạch',
    unit: 'tấn',
    per: 'month',
    dec: 1,
    level: 'commune',
  },
  {
    code: 'X0301',
    name: 'Số hộ nghèo',
    unit: 'hộ',
    per: 'month',
    vt: 'integer',
    agg: 'last',
    level: 'commune',
  },
  {
    code: 'X0302',
    name: 'Số hộ sử dụng nước sạch',
    unit: 'hộ',
    per: 'month',
    vt: 'integer',
    agg: 'last',
    level: 'commune',
  },
  {
    code: 'X0303',
    name: 'Số lượt khám chữa bệnh tại trạm y tế',
    unit: 'lượt',
    per: 'month',
    vt: 'integer',
    level: 'commune',
  },
];

/** A deterministic number in [0, 1) from a text (FNV-1a). */
function unit(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return ((h >>> 0) % 100000) / 100000;
}

/** A plausible value: `base` × (1 + growth per year) × a ±`noise` wobble, rounded to `dec`. */
function value(base: number, year: number, noise: number, seed: string, dec: number, baseYear: number) {
  const v = base * 1.06 ** (year - baseYear) * (1 + (unit(seed) - 0.5) * 2 * noise);
  return v.toFixed(dec);
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 800) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function seedIndicatorsDemo(db: Db, now = new Date()): Promise<void> {
  const [had] = await db.select().from(indicators).where(eq(indicators.code, 'T0101'));
  if (had) return;
  await seedGroups(db);
  const groups = new Map((await db.select().from(indicatorGroups)).map((g) => [g.code, g.id]));
  const disaggs = new Map((await db.select().from(indicatorDisaggregations)).map((d) => [d.code, d.id]));
  const units = await activeUnits(db);
  const province = units.find((u) => u.kind === 'province');
  const districts = units.filter((u) => u.kind === 'district');
  const communes = units.filter((u) => u.kind === 'commune');
  const ctk =
    units.find((u) => u.name.startsWith('Cục Thống kê')) ?? units.find((u) => u.kind === 'department');

  const defs: Def[] = [
    ...GROUP01.map(([name, unitName, per, o], i) => ({
      code: `T01${String(i + 1).padStart(2, '0')}`,
      name,
      unit: unitName,
      per,
      official: true,
      ...o,
    })),
    ...OTHERS,
  ];
  const inserted = await db
    .insert(indicators)
    .values(
      defs.map((d, i) => ({
        code: d.code,
        groupId: groups.get(d.code.slice(0, 3))!,
        name: d.name,
        unit: d.unit,
        periodicity: d.per,
        valueType: d.vt ?? 'number',
        decimals: d.dec ?? (d.vt === 'integer' ? 0 : 0),
        aggregation: d.agg ?? 'sum',
        weightCode: d.weight ?? null,
        formula: d.formula ?? null,
        disaggregationId: d.dis ? disaggs.get(d.dis)! : null,
        level: d.level ?? (d.code.startsWith('X') ? 'commune' : 'district'),
        responsibleAgencyId: ctk?.id ?? null,
        official: d.official ?? false,
        sortOrder: i + 1,
      })),
    )
    .returning({ id: indicators.id, code: indicators.code });
  const ids = new Map(inserted.map((x) => [x.code, x.id]));

  const monthlyItems = ['X0101', 'X0102', 'X0103', 'X0201', 'X0202', 'X0301', 'X0302', 'X0303'];
  const quarterlyItems = [
    'T0203',
    'T0301',
    'T0302',
    'T0401',
    'T0501',
    'T0502',
    'T0601',
    'T0602',
    'T0901',
    'T1001',
    'T1002',
    'T1003',
    'T1701',
  ];
  const yearlyItems = [
    'T0101',
    'T0102',
    'T0103',
    'T0111',
    'T0113',
    'T0116',
    'T0701',
    'T0801',
    'T0802',
    'T1501',
    'T1601',
    'T1602',
    'T1801',
    'T1802',
    'T1901',
  ];
  const forms = await db
    .insert(indicatorForms)
    .values([
      {
        code: 'BM-XA-THANG',
        name: 'Báo cáo thống kê hằng tháng cấp xã',
        periodicity: 'month',
        dueDays: 5,
        lockDays: 20,
        approvalLevels: 1,
      },
      {
        code: 'BM-SO-QUY',
        name: 'Báo cáo tình hình kinh tế - xã hội hằng quý (sở, ngành)',
        periodicity: 'quarter',
        dueDays: 10,
        lockDays: 30,
        approvalLevels: 1,
      },
      {
        code: 'BM-HUYEN-NAM',
        name: 'Báo cáo chỉ tiêu thống kê năm cấp huyện',
        periodicity: 'year',
        dueDays: 45,
        lockDays: 90,
        approvalLevels: 1,
      },
    ])
    .returning();
  const [monthly, quarterly, yearly] = forms as [
    typeof indicatorForms.$inferSelect,
    typeof indicatorForms.$inferSelect,
    typeof indicatorForms.$inferSelect,
  ];
  const items = (formId: string, codes: string[]) =>
    codes.map((c, i) => ({ formId, indicatorId: ids.get(c)!, sortOrder: i + 1 }));
  await db
    .insert(indicatorFormItems)
    .values([
      ...items(monthly.id, monthlyItems),
      ...items(quarterly.id, quarterlyItems),
      ...items(yearly.id, yearlyItems),
    ]);
  const reporters = ctk ? [ctk] : [];
  await db
    .insert(indicatorFormAgencies)
    .values([
      ...communes.map((c) => ({ formId: monthly.id, agencyId: c.id })),
      ...reporters.map((a) => ({ formId: quarterly.id, agencyId: a.id })),
      ...districts.map((d) => ({ formId: yearly.id, agencyId: d.id })),
    ]);

  // Values: the two previous years and this year so far (periods that have opened).
  const today = vnDate(now);
  const year = Number(today.slice(0, 4));
  const opened = (per: Periodicity): Period[] =>
    periodsBetween(periodOf(per, `${year - 2}-01-01`), periodOf(per, today)).filter(
      (p) => formCalendar(p, { dueDays: 0, lockDays: 0 }).opensOn <= today,
    );
  type ValueRow = typeof indicatorValues.$inferInsert;
  const values: ValueRow[] = [];
  const reports: (typeof indicatorReports.$inferInsert)[] = [];
  const push = (code: string, p: Period, agencyId: string, v: string, option = '', final = true) =>
    values.push({
      indicatorId: ids.get(code)!,
      period: p.code,
      agencyId,
      optionCode: option,
      estimate: (Number(v) * 0.98).toFixed(v.includes('.') ? v.split('.')[1]!.length : 0),
      official: final ? v : null,
      indicatorVersion: 1,
    });
  const addReport = (
    formId: string,
    form: { dueDays: number; lockDays: number },
    p: Period,
    agencyId: string,
  ) => {
    const cal = formCalendar(p, form);
    const done = cal.locksOn <= today;
    reports.push({
      formId,
      agencyId,
      period: p.code,
      status: done ? 'approved' : 'draft',
      submittedAt: done ? new Date(`${cal.dueOn}T09:00:00+07:00`) : null,
      approvedAt: done ? new Date(`${cal.dueOn}T15:00:00+07:00`) : null,
    });
    return done;
  };

  // Communes: those of the first two districts.
  const someDistricts = districts.slice(0, 2).map((d) => d.id);
  const someCommunes = communes.filter((c) => someDistricts.includes(c.parentId ?? '')).slice(0, 24);
  const monthlyBase: Record<string, [number, number, number]> = {
    // base, noise, decimals
    X0101: [12, 0.35, 0],
    X0102: [6, 0.4, 0],
    X0103: [5, 0.5, 0],
    X0201: [420, 0.25, 1],
    X0202: [85, 0.3, 1],
    X0301: [95, 0.05, 0],
    X0302: [1750, 0.02, 0],
    X0303: [640, 0.2, 0],
  };
  for (const c of someCommunes) {
    const size = 0.6 + unit(c.id) * 0.8;
    for (const p of opened('month')) {
      const final = addReport(monthly.id, monthly, p, c.id);
      for (const code of monthlyItems) {
        const [base, noise, dec] = monthlyBase[code]!;
        const b = code === 'X0301' ? base * size * 0.93 ** (p.year - year + 2) : base * size;
        const v = value(b, p.year, noise, `${c.id}${code}${p.code}`, dec, year - 2);
        push(code, p, c.id, v, '', final);
        if (code === 'X0101') {
          const boys = Math.round(Number(v) * (0.5 + (unit(`${c.id}${p.code}b`) - 0.5) * 0.2));
          push(code, p, c.id, String(boys), 'nam', final);
          push(code, p, c.id, String(Number(v) - boys), 'nu', final);
        }
      }
    }
  }
  // Quarterly department form: the statistics office.
  const quarterlyBase: Record<string, [number, number, number]> = {
    T0203: [7500, 0.15, 0],
    T0301: [210, 0.2, 0],
    T0302: [1650, 0.3, 1],
    T0401: [9200, 0.12, 1],
    T0501: [6.8, 0.15, 2],
    T0502: [21500, 0.08, 1],
    T0601: [2450, 0.12, 1],
    T0602: [4100, 0.1, 1],
    T0901: [107.5, 0.03, 2],
    T1001: [18200, 0.08, 1],
    T1002: [420, 0.15, 1],
    T1003: [210, 0.15, 1],
    T1701: [480000, 0.25, 0],
  };
  for (const a of reporters) {
    for (const p of opened('quarter')) {
      const final = addReport(quarterly.id, quarterly, p, a.id);
      for (const code of quarterlyItems) {
        const [base, noise, dec] = quarterlyBase[code]!;
        const flat = ['T0501', 'T0901'].includes(code);
        const v = flat
          ? (base * (1 + (unit(`${code}${p.code}`) - 0.5) * noise)).toFixed(dec)
          : value(base, p.year, noise, `${code}${p.code}`, dec, year - 2);
        push(code, p, a.id, v, '', final);
      }
    }
  }
  // Yearly district form: every district, the two previous years.
  const yearlyBase: Record<string, [number, number, number]> = {
    T0101: [22000, 0.0, 0],
    T0102: [145000, 0.01, 0],
    T0103: [38000, 0.01, 0],
    T0111: [1150, 0.1, 0],
    T0113: [160, 0.2, 0],
    T0116: [820, 0.1, 0],
    T0701: [92.5, 0.03, 1],
    T0801: [185000, 0.1, 0],
    T0802: [42000, 0.15, 0],
    T1501: [24000, 0.03, 0],
    T1601: [420, 0.05, 0],
    T1602: [135, 0.08, 0],
    T1801: [2.4, 0.2, 2],
    T1802: [88, 0.04, 1],
    T1901: [45, 0.3, 0],
  };
  for (const d of districts) {
    const size = 0.6 + unit(d.id) * 0.8;
    for (const p of opened('year')) {
      const final = addReport(yearly.id, yearly, p, d.id);
      for (const code of yearlyItems) {
        const [base, noise, dec] = yearlyBase[code]!;
        const rate = ['T0701', 'T1801', 'T1802'].includes(code);
        const b = rate ? base * (code === 'T1801' ? 0.85 ** (p.year - year + 2) : 1) : base * size;
        const v = rate
          ? (b * (1 + (unit(`${d.id}${code}${p.code}`) - 0.5) * noise)).toFixed(dec)
          : value(b, p.year, noise, `${d.id}${code}${p.code}`, dec, year - 2);
        push(
          code,
          p,
          d.id,
          Math.min(Number(v), code === 'T1802' || code === 'T0701' ? 99.9 : Number.POSITIVE_INFINITY).toFixed(
            dec,
          ),
          '',
          final,
        );
      }
    }
  }
  await insertChunked(values, (chunk) => db.insert(indicatorValues).values(chunk));
  await insertChunked(reports, (chunk) => db.insert(indicatorReports).values(chunk));

  // Plans for this year: the province's main targets and the communes' rice area.
  const targets: (typeof indicatorTargets.$inferInsert)[] = [];
  if (province)
    for (const [code, v] of [
      ['T0501', '7.0'],
      ['T0601', '10800'],
      ['T1002', '1900'],
      ['T0401', '41000'],
      ['T1001', '80000'],
    ] as const)
      targets.push({ indicatorId: ids.get(code)!, agencyId: province.id, year, value: v });
  for (const c of someCommunes)
    targets.push({
      indicatorId: ids.get('X0201')!,
      agencyId: c.id,
      year,
      value: (420 * (0.6 + unit(c.id) * 0.8) * 12 * 1.06 ** 2).toFixed(0),
    });
  if (targets.length) await db.insert(indicatorTargets).values(targets);
}

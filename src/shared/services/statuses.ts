/**
 * Dossier statuses: the DVCQG codes 1–10 (services-facts.md §A3, from the Thanh Hóa system's
 * HoSoEventUtils.cs), and their QĐ 766 groups (in progress 2, 4; finished 7, 9, 10; paused 5, 6, 8).
 */
export const DOSSIER_STATUSES = [
  { code: 1, key: 'new', label: 'Mới đăng ký', labelEn: 'Newly submitted' },
  { code: 2, key: 'accepted', label: 'Được tiếp nhận', labelEn: 'Accepted' },
  { code: 3, key: 'refused', label: 'Không được tiếp nhận', labelEn: 'Not accepted' },
  { code: 4, key: 'processing', label: 'Đang xử lý', labelEn: 'Being processed' },
  { code: 5, key: 'supplement', label: 'Yêu cầu bổ sung giấy tờ', labelEn: 'Papers requested' },
  { code: 6, key: 'payment', label: 'Yêu cầu thực hiện nghĩa vụ tài chính', labelEn: 'Payment requested' },
  { code: 7, key: 'withdrawn', label: 'Công dân yêu cầu rút hồ sơ', labelEn: 'Withdrawn by the applicant' },
  { code: 8, key: 'stopped', label: 'Dừng xử lý', labelEn: 'Stopped' },
  { code: 9, key: 'done', label: 'Đã xử lý xong', labelEn: 'Processed' },
  { code: 10, key: 'returned', label: 'Đã trả kết quả', labelEn: 'Result returned' },
] as const;

export type DossierStatus = (typeof DOSSIER_STATUSES)[number]['code'];
export type DossierStatusKey = (typeof DOSSIER_STATUSES)[number]['key'];

export const STATUS = {
  new: 1,
  accepted: 2,
  refused: 3,
  processing: 4,
  supplement: 5,
  payment: 6,
  withdrawn: 7,
  stopped: 8,
  done: 9,
  returned: 10,
} as const satisfies Record<DossierStatusKey, DossierStatus>;

/** QĐ 766 groups (QuyetDinh766ChiTieuTienDoWhereBuilder.cs). */
export const IN_PROGRESS: readonly DossierStatus[] = [2, 4];
export const FINISHED: readonly DossierStatus[] = [7, 9, 10];
export const PAUSED: readonly DossierStatus[] = [5, 6, 8];

export function statusLabel(code: number, lang: 'vi' | 'en' = 'vi'): string {
  const s = DOSSIER_STATUSES.find((x) => x.code === code);
  if (!s) return String(code);
  return lang === 'en' ? s.labelEn : s.label;
}

/**
 * Which status may follow which (the desk and the handling steps check this before any write; a
 * transition not listed is refused with a Vietnamese error naming both statuses).
 */
export const TRANSITIONS: Readonly<Record<DossierStatus, readonly DossierStatus[]>> = {
  1: [2, 3, 5, 7],
  2: [4, 5, 6, 7, 8, 9],
  3: [],
  4: [4, 5, 6, 7, 8, 9],
  5: [1, 2, 4, 7, 8],
  6: [4, 9, 7, 8],
  7: [],
  8: [],
  9: [10],
  10: [],
};

export function canMove(from: DossierStatus, to: DossierStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Channels a dossier comes by, and how its result goes back. */
export const CHANNELS = [
  { code: 'online', label: 'Trực tuyến' },
  { code: 'counter', label: 'Trực tiếp tại bộ phận một cửa' },
  { code: 'post', label: 'Qua dịch vụ bưu chính công ích' },
] as const;
export type Channel = (typeof CHANNELS)[number]['code'];

/** Online service levels (NĐ 42/2022 Điều 11). */
export const ONLINE_LEVELS = [
  { code: 'none', label: 'Dịch vụ công (không trực tuyến)' },
  { code: 'partial', label: 'Dịch vụ công trực tuyến một phần' },
  { code: 'full', label: 'Dịch vụ công trực tuyến toàn trình' },
] as const;
export type OnlineLevel = (typeof ONLINE_LEVELS)[number]['code'];

export const PROCEDURE_LEVELS = [
  { code: 'province', label: 'Cấp tỉnh' },
  { code: 'district', label: 'Cấp huyện' },
  { code: 'commune', label: 'Cấp xã' },
] as const;
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number]['code'];

/** The forms of Circular 03/2025/TT-VPCP, Phụ lục I (services-facts.md §A1). */
export const FORMS = {
  '01': 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  '02': 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  '03': 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
  '04': 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
  '05': 'Thông báo dừng giải quyết hồ sơ',
  '06': 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
  '07': 'Sổ theo dõi hồ sơ',
} as const;

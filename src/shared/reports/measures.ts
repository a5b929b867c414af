import { z } from 'zod';

/*
 * The figures the directives and the DTI ask of every agency, measured from the system's own records
 * (issue 20), never typed: how documents travel (electronically or on paper, signed or not), whether
 * incoming documents are handled by their due date, work dossiers, public services and citizens'
 * feedback. Each is a count, or a share with its numerator and denominator; the server computes them
 * in the module that owns the records (src/server/modules/reports/measures.ts composes them), and
 * the methods are written here once, for the screen and docs/reports.md.
 */

export const MEASURE_KEYS = [
  'outReleased',
  'outElectronic',
  'outPaperOnly',
  'outSigned',
  'inReceived',
  'inElectronicWithFile',
  'inOnTime',
  'dossiersOpened',
  'dossiersClosed',
  'svcOnline',
  'svcOnTime',
  'fbOnTime',
] as const;
export type MeasureKey = (typeof MEASURE_KEYS)[number];

/** The module whose records a measure counts: where "the records behind it" are listed. */
export type MeasureSource = 'documents' | 'dossiers' | 'services' | 'feedback';

export interface MeasureDefinition {
  key: MeasureKey;
  /** count: the numerator only; rate: numerator ÷ denominator. */
  kind: 'count' | 'rate';
  source: MeasureSource;
  name: string;
  nameEn: string;
  /** The short column heading of the ranked table. */
  short: string;
  method: string;
}

export const MEASURES: readonly MeasureDefinition[] = [
  {
    key: 'outReleased',
    kind: 'count',
    source: 'documents',
    name: 'Văn bản đi phát hành trong kỳ',
    nameEn: 'Outgoing documents released',
    short: 'VB đi',
    method: 'Văn bản đi có ngày phát hành trong kỳ (không tính văn bản đã thu hồi).',
  },
  {
    key: 'outElectronic',
    kind: 'rate',
    source: 'documents',
    name: 'Tỷ lệ văn bản đi gửi hoàn toàn điện tử',
    nameEn: 'Outgoing documents sent fully electronically',
    short: 'Gửi điện tử',
    method:
      'Văn bản đi phát hành trong kỳ mà mọi nơi nhận đều nhận qua mạng (liên thông, edXML hoặc thư điện tử) ÷ văn bản đi phát hành trong kỳ có ít nhất một nơi nhận.',
  },
  {
    key: 'outPaperOnly',
    kind: 'count',
    source: 'documents',
    name: 'Văn bản đi chỉ gửi bản giấy',
    nameEn: 'Outgoing documents sent on paper only',
    short: 'Chỉ bản giấy',
    method: 'Văn bản đi phát hành trong kỳ mà mọi nơi nhận đều nhận bản giấy.',
  },
  {
    key: 'outSigned',
    kind: 'rate',
    source: 'documents',
    name: 'Tỷ lệ văn bản đi phát hành có chữ ký số',
    nameEn: 'Outgoing documents released with a digital signature',
    short: 'Ký số',
    method: 'Văn bản đi phát hành trong kỳ có chữ ký số của người ký ÷ văn bản đi phát hành trong kỳ.',
  },
  {
    key: 'inReceived',
    kind: 'count',
    source: 'documents',
    name: 'Văn bản đến đăng ký trong kỳ',
    nameEn: 'Incoming documents registered',
    short: 'VB đến',
    method: 'Văn bản đến có ngày đến trong kỳ, đã đăng ký (không tính văn bản bị trả lại hoặc bị thu hồi).',
  },
  {
    key: 'inElectronicWithFile',
    kind: 'rate',
    source: 'documents',
    name: 'Tỷ lệ văn bản đến nhận qua mạng kèm tệp',
    nameEn: 'Incoming documents received electronically with their file',
    short: 'Đến qua mạng',
    method:
      'Văn bản đến đăng ký trong kỳ nhận qua mạng (liên thông, edXML hoặc thư điện tử) và có tệp văn bản ÷ văn bản đến đăng ký trong kỳ.',
  },
  {
    key: 'inOnTime',
    kind: 'rate',
    source: 'documents',
    name: 'Tỷ lệ văn bản đến giải quyết đúng hạn',
    nameEn: 'Incoming documents handled on time',
    short: 'Đúng hạn',
    method:
      'Văn bản đến có hạn giải quyết trong kỳ, đã giải quyết xong không sau ngày hết hạn ÷ văn bản đến có hạn giải quyết trong kỳ đã giải quyết xong hoặc đã quá hạn.',
  },
  {
    key: 'dossiersOpened',
    kind: 'count',
    source: 'dossiers',
    name: 'Hồ sơ công việc mở trong kỳ',
    nameEn: 'Work dossiers opened',
    short: 'HS mở',
    method: 'Hồ sơ công việc được mở trong kỳ.',
  },
  {
    key: 'dossiersClosed',
    kind: 'count',
    source: 'dossiers',
    name: 'Hồ sơ công việc kết thúc trong kỳ',
    nameEn: 'Work dossiers closed',
    short: 'HS kết thúc',
    method: 'Hồ sơ công việc có ngày kết thúc trong kỳ.',
  },
  {
    key: 'svcOnline',
    kind: 'rate',
    source: 'services',
    name: 'Tỷ lệ hồ sơ dịch vụ công nộp trực tuyến',
    nameEn: 'Public-service dossiers submitted online',
    short: 'DVC trực tuyến',
    method: 'Hồ sơ thủ tục hành chính tiếp nhận trong kỳ nộp trực tuyến ÷ hồ sơ tiếp nhận trong kỳ (QĐ 766).',
  },
  {
    key: 'svcOnTime',
    kind: 'rate',
    source: 'services',
    name: 'Tỷ lệ hồ sơ dịch vụ công giải quyết đúng hạn',
    nameEn: 'Public-service dossiers processed on time',
    short: 'DVC đúng hạn',
    method:
      'Hồ sơ giải quyết xong trong kỳ không sau ngày hẹn trả ÷ hồ sơ giải quyết xong trong kỳ (QĐ 766).',
  },
  {
    key: 'fbOnTime',
    kind: 'rate',
    source: 'feedback',
    name: 'Tỷ lệ phản ánh, kiến nghị giải quyết đúng hạn',
    nameEn: 'Feedback settled on time',
    short: 'PAKN đúng hạn',
    method: 'Đơn thư giải quyết xong trong kỳ không sau hạn giải quyết ÷ đơn thư giải quyết xong trong kỳ.',
  },
];

export const MEASURE_BY_KEY: Record<MeasureKey, MeasureDefinition> = Object.fromEntries(
  MEASURES.map((m) => [m.key, m]),
) as Record<MeasureKey, MeasureDefinition>;

/** A count (numerator only) or a share: numerator ÷ denominator, null when nothing was due. */
export interface MeasureValue {
  n: number;
  d: number | null;
}

export function measureValue(key: MeasureKey, v: MeasureValue | undefined): number | null {
  if (!v) return MEASURE_BY_KEY[key].kind === 'count' ? 0 : null;
  if (MEASURE_BY_KEY[key].kind === 'count') return v.n;
  return v.d ? v.n / v.d : null;
}

/** A period the figures are measured over: a month, a quarter, a half-year or a year. */
const yearSchema = z.coerce
  .number({ message: 'Năm không hợp lệ.' })
  .int('Năm không hợp lệ.')
  .min(2000, 'Năm không hợp lệ.')
  .max(2100, 'Năm không hợp lệ.');

export const measurePeriodSchema = z
  .object({
    year: yearSchema,
    month: z.coerce.number().int().min(1, 'Tháng từ 1 đến 12.').max(12, 'Tháng từ 1 đến 12.').optional(),
    quarter: z.coerce.number().int().min(1, 'Quý từ 1 đến 4.').max(4, 'Quý từ 1 đến 4.').optional(),
    half: z.coerce
      .number()
      .int()
      .min(1, 'Kỳ 6 tháng là 1 hoặc 2.')
      .max(2, 'Kỳ 6 tháng là 1 hoặc 2.')
      .optional(),
  })
  .refine((p) => [p.month, p.quarter, p.half].filter((x) => x !== undefined).length <= 1, {
    message: 'Chỉ chọn một trong tháng, quý hoặc 6 tháng.',
    path: ['month'],
  });
export type MeasurePeriod = z.infer<typeof measurePeriodSchema>;

export const measuresQuerySchema = measurePeriodSchema.and(
  z.object({ agencyId: z.uuid('Mã đơn vị không hợp lệ.').optional() }),
);
export type MeasuresQuery = z.infer<typeof measuresQuerySchema>;

const valueSchema = z.object({ n: z.number(), d: z.number().nullable() });

export const measureRowSchema = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  kind: z.string(),
  values: z.record(z.string(), valueSchema),
});
export type MeasureRow = z.infer<typeof measureRowSchema>;

export const measuresReplySchema = z.object({
  from: z.string(),
  to: z.string(),
  label: z.string(),
  scope: z.object({ agencyId: z.string().nullable(), name: z.string() }),
  /** The agency rows and the scope's total (the sums of numerators and denominators). */
  rows: z.array(measureRowSchema),
  total: measureRowSchema,
  /** May this viewer list the records behind the figures of each agency (their own agency only). */
  recordsOf: z.array(z.string()),
});
export type MeasuresReply = z.infer<typeof measuresReplySchema>;

export const trendQuerySchema = z.object({
  year: yearSchema,
  agencyId: z.uuid('Mã đơn vị không hợp lệ.').optional(),
});
export const trendReplySchema = z.object({
  scope: z.object({ agencyId: z.string().nullable(), name: z.string() }),
  months: z.array(z.object({ month: z.number(), values: z.record(z.string(), valueSchema) })),
});
export type TrendReply = z.infer<typeof trendReplySchema>;

export const RECORD_PARTS = ['numerator', 'denominator'] as const;
export const recordsQuerySchema = measurePeriodSchema.and(
  z.object({
    agencyId: z.uuid('Mã đơn vị không hợp lệ.'),
    measure: z.enum(MEASURE_KEYS, { message: 'Chỉ số không có trong danh mục.' }),
    part: z.enum(RECORD_PARTS).default('numerator'),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  }),
);
export type RecordsQuery = z.infer<typeof recordsQuerySchema>;

export const measureRecordSchema = z.object({
  id: z.string(),
  /** Where the record opens in the app (its own screen, with its own access rules). */
  href: z.string(),
  reference: z.string(),
  summary: z.string(),
  date: z.string().nullable(),
  detail: z.string(),
});
export const recordsReplySchema = z.object({
  measure: z.string(),
  agencyName: z.string(),
  label: z.string(),
  items: z.array(measureRecordSchema),
  nextCursor: z.string().nullable(),
});
export type RecordsReply = z.infer<typeof recordsReplySchema>;
export type MeasureRecord = z.infer<typeof measureRecordSchema>;

export const settingsSchema = z.object({ itAgencyId: z.uuid('Mã đơn vị không hợp lệ.').nullable() });
export const settingsReplySchema = z.object({
  itAgencyId: z.string().nullable(),
  itAgencyName: z.string().nullable(),
});
export type SettingsReply = z.infer<typeof settingsReplySchema>;

/** What the signed-in person does on reports beyond their role (the IT department's consolidation). */
export const dutiesReplySchema = z.object({ consolidate: z.boolean() });
export type DutiesReply = z.infer<typeof dutiesReplySchema>;

import { z } from 'zod';

/*
 * The QĐ 766/QĐ-TTg indicators of public services that the system computes from its own dossiers
 * (services-facts.md §B), and those it cannot (they need the national portal's data). Methods in
 * docs/services/figures.md; the SQL in src/server/modules/services/figures/definitions.ts.
 */

export const FIGURE_KEYS = [
  'received',
  'finished',
  'onTime',
  'progress',
  'online',
  'fullOnline',
  'satisfaction',
  'rating',
  'digitisedResults',
  'overdue',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

export interface FigureDefinition {
  key: FigureKey;
  /** count: the numerator only; rate: numerator ÷ denominator; mean: sum ÷ count of ratings. */
  kind: 'count' | 'rate' | 'mean';
  /** The QĐ 766 group it belongs to (services-facts.md §B). */
  group: string;
  name: string;
  nameEn: string;
  /** How it is computed, in the words shown next to the figure. */
  method: string;
}

export const FIGURES: readonly FigureDefinition[] = [
  {
    key: 'received',
    kind: 'count',
    group: 'Số liệu chung',
    name: 'Hồ sơ tiếp nhận trong kỳ',
    nameEn: 'Dossiers received',
    method: 'Hồ sơ được tiếp nhận (có ngày tiếp nhận) trong kỳ.',
  },
  {
    key: 'finished',
    kind: 'count',
    group: 'Số liệu chung',
    name: 'Hồ sơ đã giải quyết trong kỳ',
    nameEn: 'Dossiers processed',
    method: 'Hồ sơ có kết quả (trạng thái 9 hoặc 10) với ngày có kết quả trong kỳ.',
  },
  {
    key: 'onTime',
    kind: 'rate',
    group: '2. Tiến độ giải quyết',
    name: 'Tỷ lệ hồ sơ giải quyết trước và đúng hạn',
    nameEn: 'Processed on or before time',
    method:
      'Hồ sơ giải quyết xong trong kỳ có ngày có kết quả không sau ngày hẹn trả ÷ hồ sơ giải quyết xong trong kỳ.',
  },
  {
    key: 'progress',
    kind: 'rate',
    group: '2. Tiến độ giải quyết',
    name: 'Chỉ số tiến độ giải quyết (QĐ 766)',
    nameEn: 'Progress index (QĐ 766)',
    method:
      '(Hồ sơ giải quyết trước và đúng hạn + hồ sơ đang xử lý còn trong hạn) ÷ (hồ sơ giải quyết xong + hồ sơ đang xử lý) trong kỳ.',
  },
  {
    key: 'online',
    kind: 'rate',
    group: '3. Dịch vụ công trực tuyến',
    name: 'Tỷ lệ hồ sơ nộp trực tuyến',
    nameEn: 'Share submitted online',
    method: 'Hồ sơ tiếp nhận trong kỳ nộp qua kênh trực tuyến ÷ hồ sơ tiếp nhận trong kỳ.',
  },
  {
    key: 'fullOnline',
    kind: 'rate',
    group: '3. Dịch vụ công trực tuyến',
    name: 'Tỷ lệ hồ sơ trực tuyến toàn trình',
    nameEn: 'Full-online share',
    method:
      'Hồ sơ của thủ tục cung cấp dịch vụ công trực tuyến toàn trình nộp trực tuyến ÷ hồ sơ tiếp nhận của các thủ tục đó.',
  },
  {
    key: 'satisfaction',
    kind: 'rate',
    group: '5. Mức độ hài lòng',
    name: 'Mức độ hài lòng về giải quyết hồ sơ',
    nameEn: 'Satisfaction with dossiers',
    method:
      '(Hồ sơ giải quyết xong − hồ sơ bị đánh giá không hài lòng (1–2 sao) − hồ sơ trễ hạn) ÷ hồ sơ giải quyết xong trong kỳ.',
  },
  {
    key: 'rating',
    kind: 'mean',
    group: '5. Mức độ hài lòng',
    name: 'Điểm đánh giá trung bình (1–5)',
    nameEn: 'Average rating (1–5)',
    method: 'Trung bình điểm người nộp đánh giá cho các hồ sơ giải quyết xong trong kỳ.',
  },
  {
    key: 'digitisedResults',
    kind: 'rate',
    group: '6. Số hóa hồ sơ',
    name: 'Tỷ lệ hồ sơ có kết quả điện tử',
    nameEn: 'Results issued electronically',
    method:
      'Hồ sơ giải quyết xong trong kỳ có tệp kết quả hoặc văn bản điện tử ÷ hồ sơ giải quyết xong trong kỳ.',
  },
  {
    key: 'overdue',
    kind: 'count',
    group: '2. Tiến độ giải quyết',
    name: 'Hồ sơ đang xử lý đã quá hạn',
    nameEn: 'In progress and overdue',
    method: 'Hồ sơ đang xử lý (trạng thái 2, 4) tiếp nhận trước cuối kỳ mà ngày hẹn trả đã qua.',
  },
];

/** QĐ 766 indicators this installation cannot compute alone, and why (shown under the table). */
export const NOT_COMPUTED: readonly { name: string; reason: string }[] = [
  {
    name: 'Công khai, minh bạch (nhóm 1): TTHC công bố, cập nhật đúng hạn; đồng bộ trạng thái hồ sơ lên Cổng DVCQG',
    reason: 'Cần dữ liệu của Cơ sở dữ liệu quốc gia về TTHC và Cổng Dịch vụ công quốc gia.',
  },
  {
    name: 'Thanh toán trực tuyến (nhóm 4)',
    reason: 'Hệ thống chỉ ghi nhận biên lai đã nộp; thanh toán qua cổng thanh toán nằm ngoài phạm vi.',
  },
  {
    name: 'Phản ánh, kiến nghị xử lý đúng hạn và hài lòng (nhóm 5)',
    reason: 'Tính từ phân hệ phản ánh, kiến nghị khi phân hệ đó được đưa vào sử dụng.',
  },
  {
    name: 'Số hóa thành phần hồ sơ, tái sử dụng, dữ liệu dân cư (nhóm 6)',
    reason: 'Cần Kho quản lý dữ liệu điện tử của công dân và Cơ sở dữ liệu quốc gia về dân cư.',
  },
];

const periodFields = {
  period: z.enum(['month', 'quarter', 'year']).default('month'),
  year: z.coerce.number().int().min(2000, 'Năm không hợp lệ.').max(2100, 'Năm không hợp lệ.'),
  month: z.coerce.number().int().min(1, 'Tháng từ 1 đến 12.').max(12, 'Tháng từ 1 đến 12.').optional(),
  quarter: z.coerce.number().int().min(1, 'Quý từ 1 đến 4.').max(4, 'Quý từ 1 đến 4.').optional(),
  /** An agency (and the units below it); absent: the caller's agency, or the whole province for the system administrator. */
  agencyId: z.uuid('Mã đơn vị không hợp lệ.').optional(),
};

/** A month or a quarter must be named when the period is one (both query schemas check it). */
function periodRules(q: { period: string; month?: number; quarter?: number }, ctx: z.RefinementCtx) {
  if (q.period === 'month' && q.month === undefined)
    ctx.addIssue({ code: 'custom', message: 'Chọn tháng của kỳ báo cáo.', path: ['month'] });
  if (q.period === 'quarter' && q.quarter === undefined)
    ctx.addIssue({ code: 'custom', message: 'Chọn quý của kỳ báo cáo.', path: ['quarter'] });
}

export const figurePeriodSchema = z.object(periodFields).superRefine(periodRules);

export const figureDossiersQuerySchema = z
  .object({
    ...periodFields,
    key: z.enum(FIGURE_KEYS, 'Chỉ số không hợp lệ.'),
    part: z.enum(['numerator', 'denominator']).default('numerator'),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .superRefine(periodRules);

export const figureDossierSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  agencyName: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  channel: z.string(),
  status: z.number(),
  statusLabel: z.string(),
  acceptedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  rating: z.number().nullable(),
});
export const figureDossiersReplySchema = z.object({
  items: z.array(figureDossierSchema),
  nextCursor: z.string().nullable(),
});
export type FigurePeriod = z.infer<typeof figurePeriodSchema>;

export const figureValueSchema = z.object({
  key: z.enum(FIGURE_KEYS),
  kind: z.enum(['count', 'rate', 'mean']),
  group: z.string(),
  name: z.string(),
  method: z.string(),
  numerator: z.number(),
  denominator: z.number().nullable(),
  /** A rate in 0–1, a mean in 1–5, a count as is; null when the denominator is 0. */
  value: z.number().nullable(),
});
export type FigureValue = z.infer<typeof figureValueSchema>;

export const figuresReplySchema = z.object({
  from: z.string(),
  to: z.string(),
  label: z.string(),
  scope: z.object({ agencyId: z.uuid().nullable(), name: z.string() }),
  items: z.array(figureValueSchema),
  notComputed: z.array(z.object({ name: z.string(), reason: z.string() })),
});
export type FiguresReply = z.infer<typeof figuresReplySchema>;

/** Start (inclusive) and end (exclusive) of a period, as instants of Vietnamese local midnight (UTC+7). */
export function periodBounds(p: Pick<FigurePeriod, 'period' | 'year' | 'month' | 'quarter'>): {
  from: Date;
  to: Date;
  label: string;
} {
  const vnMidnight = (y: number, m0: number) => new Date(Date.UTC(y, m0, 1) - 7 * 3600_000);
  if (p.period === 'year')
    return { from: vnMidnight(p.year, 0), to: vnMidnight(p.year + 1, 0), label: `Năm ${p.year}` };
  if (p.period === 'quarter') {
    const q = p.quarter ?? 1;
    return {
      from: vnMidnight(p.year, (q - 1) * 3),
      to: vnMidnight(p.year, q * 3),
      label: `Quý ${['I', 'II', 'III', 'IV'][q - 1]} năm ${p.year}`,
    };
  }
  const m = p.month ?? 1;
  return { from: vnMidnight(p.year, m - 1), to: vnMidnight(p.year, m), label: `Tháng ${m}/${p.year}` };
}

/** A figure's value as officials read it: a percentage, a mean with one decimal, or a count. */
export function shownFigureValue(
  f: { kind: FigureDefinition['kind']; value: number | null },
  none: string,
  locale = 'vi-VN',
): string {
  if (f.value === null) return none;
  if (f.kind === 'rate') return `${(f.value * 100).toLocaleString(locale, { maximumFractionDigits: 1 })}%`;
  if (f.kind === 'mean') return f.value.toLocaleString(locale, { maximumFractionDigits: 1 });
  return f.value.toLocaleString(locale);
}

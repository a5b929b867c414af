import { z } from 'zod';

/*
 * API shapes of indicator data entry: the grid of one form × period × agency, cell saves (one or a
 * block), the history of a cell (see src/server/modules/indicators/routes-entry.ts).
 */

export const VALUE_KINDS = ['estimate', 'official'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

export const entryParams = z.object({
  formId: z.uuid('Mã biểu mẫu không hợp lệ.'),
  period: z.string().trim().min(4, 'Thiếu kỳ báo cáo.').max(10, 'Kỳ báo cáo không hợp lệ.'),
});
export const entryQuery = z.object({ agencyId: z.uuid('Mã đơn vị không hợp lệ.').optional() });

export const cellView = z.object({
  estimate: z.number().nullable(),
  official: z.number().nullable(),
  comment: z.string().nullable(),
  /** The revision a save must name (0: never saved). */
  rev: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type CellView = z.infer<typeof cellView>;

export const gridRowView = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  valueType: z.enum(['number', 'percent', 'integer']),
  decimals: z.number().int(),
  /** '' (Tổng số) first, then the disaggregation's options. */
  options: z.array(z.object({ code: z.string(), name: z.string() })),
  cells: z.record(z.string(), cellView),
  /** The same period last year, per option (official, else estimate). */
  lastYear: z.record(z.string(), z.number().nullable()),
  /** The year's plan (kế hoạch) of the agency, total only. */
  plan: z.number().nullable(),
});
export type GridRowView = z.infer<typeof gridRowView>;

export const gridView = z.object({
  form: z.object({ id: z.uuid(), code: z.string(), name: z.string(), periodicity: z.string() }),
  agency: z.object({ id: z.uuid(), name: z.string() }),
  period: z.string(),
  periodLabel: z.string(),
  lastYearPeriod: z.string(),
  calendar: z.object({ opensOn: z.string(), dueOn: z.string(), locksOn: z.string() }),
  state: z.enum(['not_open', 'open', 'due_soon', 'overdue', 'locked', 'reopened']),
  reportStatus: z.enum(['draft', 'submitted', 'approved', 'returned']).nullable(),
  /** Whether this person may write values now (their agency, period open, report not sent). */
  editable: z.boolean(),
  /** Why not, in words, when not editable. */
  readOnlyReason: z.string().nullable(),
  rows: z.array(gridRowView),
});
export type GridView = z.infer<typeof gridView>;

export const cellInput = z.object({
  indicator: z
    .string()
    .trim()
    .regex(/^[A-Z]{1,3}[0-9]{2,6}$/, 'Mã chỉ tiêu không hợp lệ.'),
  /** '' for the total. */
  option: z.string().trim().max(40).default(''),
  /**
   * The value as typed: "1234.5", "1.234,5" (Vietnamese), "12%" for a percentage; '' or null clears it.
   * Absent: the value is left as it is (a comment alone).
   */
  value: z.string().max(60, 'Giá trị quá dài.').nullable().optional(),
  comment: z.string().max(2000, 'Ghi chú dài quá 2000 ký tự.').nullable().optional(),
  /** The revision read (0 when the cell was empty): a newer one on the server is a conflict. */
  rev: z.number().int().min(0),
});
export type CellInput = z.infer<typeof cellInput>;

export const cellsInput = z.object({
  agencyId: z.uuid('Mã đơn vị không hợp lệ.').optional(),
  kind: z.enum(VALUE_KINDS, {
    error: 'Loại số liệu phải là "estimate" (ước tính) hoặc "official" (chính thức).',
  }),
  cells: z.array(cellInput).min(1, 'Không có ô nào để lưu.').max(5000, 'Tối đa 5.000 ô một lần.'),
});
export type CellsInput = z.infer<typeof cellsInput>;

export const savedCellView = z.object({
  indicator: z.string(),
  option: z.string(),
  rev: z.number().int(),
  estimate: z.number().nullable(),
  official: z.number().nullable(),
  comment: z.string().nullable(),
});
export const cellsSavedView = z.object({ saved: z.array(savedCellView) });
export type CellsSavedView = z.infer<typeof cellsSavedView>;

export const historyQuery = z.object({
  agencyId: z.uuid('Mã đơn vị không hợp lệ.').optional(),
  indicator: z
    .string()
    .trim()
    .regex(/^[A-Z]{1,3}[0-9]{2,6}$/, 'Mã chỉ tiêu không hợp lệ.'),
  option: z.string().trim().max(40).default(''),
});
export const historyView = z.object({
  items: z.array(
    z.object({
      kind: z.enum(['estimate', 'official', 'comment']),
      before: z.string().nullable(),
      after: z.string().nullable(),
      by: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export type HistoryView = z.infer<typeof historyView>;

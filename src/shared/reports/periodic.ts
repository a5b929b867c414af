import { z } from 'zod';
import { MEASURE_KEYS } from './measures.ts';

/*
 * Periodic reports (issue 20): the contract between the server (src/server/modules/reports) and the
 * screens. A template is the form of a monthly, six-monthly or yearly report: sections of free text
 * and tables; a table row either fills itself from a measured figure (MEASURE_KEYS) or is typed.
 * A cycle issues a template for one period to agencies, each of which has one submission; the IT
 * department returns or accepts submissions and consolidates the province's report: tables summed
 * across agencies (a share recomputed from the summed numerators and denominators), each agency's
 * text gathered under its name, the agencies that did not report listed, never silently dropped.
 */

export const REPORT_CYCLES = ['month', 'half', 'year'] as const;
export type ReportCycle = (typeof REPORT_CYCLES)[number];
export const REPORT_CYCLE_LABELS: Record<ReportCycle, string> = {
  month: 'Hằng tháng',
  half: '6 tháng',
  year: 'Hằng năm',
};

export const SUBMISSION_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  draft: 'Đang soạn',
  submitted: 'Đã gửi',
  returned: 'Bị trả lại',
  accepted: 'Đã tiếp nhận',
};

const keySchema = z
  .string()
  .trim()
  .regex(
    /^[a-z][a-z0-9_]{0,39}$/,
    'Mã mục chỉ gồm chữ thường không dấu, số và dấu gạch dưới (tối đa 40 ký tự).',
  );
const titleSchema = z
  .string()
  .trim()
  .min(1, 'Hãy nhập tiêu đề.')
  .max(300, 'Tiêu đề quá dài (tối đa 300 ký tự).');

export const tableRowSchema = z.object({
  key: keySchema,
  label: z.string().trim().min(1, 'Hãy nhập tên dòng.').max(300, 'Tên dòng quá dài.'),
  unit: z.string().trim().max(40).optional(),
  /**
   * A measured figure the row fills itself from (the agency cannot type over it). The server
   * refuses a key that is not a figure: "Số liệu … không tồn tại".
   */
  measure: z.string().optional(),
});
export type TableRow = z.infer<typeof tableRowSchema>;

export const templateSectionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    key: keySchema,
    title: titleSchema,
    /** What the agency should write here, shown as the field's help. */
    hint: z.string().trim().max(1000).optional(),
  }),
  z.object({
    kind: z.literal('table'),
    key: keySchema,
    title: titleSchema,
    rows: z.array(tableRowSchema).min(1, 'Bảng cần ít nhất một dòng.').max(100),
  }),
]);
export type TemplateSection = z.infer<typeof templateSectionSchema>;

export const templateInputSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, 'Mã mẫu gồm chữ in hoa không dấu, số, "-" hoặc "_".'),
  name: z.string().trim().min(1, 'Hãy nhập tên mẫu.').max(300),
  cycle: z.enum(REPORT_CYCLES, { message: 'Kỳ báo cáo là tháng, 6 tháng hoặc năm.' }),
  title: titleSchema,
  dueDays: z.coerce
    .number()
    .int()
    .min(0, 'Số ngày làm việc sau cuối kỳ từ 0 đến 60.')
    .max(60, 'Số ngày làm việc sau cuối kỳ từ 0 đến 60.'),
  sections: z.array(templateSectionSchema).min(1, 'Mẫu cần ít nhất một mục.').max(50),
});
export type TemplateInput = z.infer<typeof templateInputSchema>;

export const templateSchema = templateInputSchema.extend({
  id: z.string(),
  active: z.boolean(),
  /** Whether a cycle has been issued from it (then its sections can no longer change). */
  used: z.boolean(),
  updatedAt: z.string(),
});
export type Template = z.infer<typeof templateSchema>;

export const cycleInputSchema = z
  .object({
    templateId: z.uuid('Mẫu báo cáo không hợp lệ.'),
    year: z.coerce.number().int().min(2000, 'Năm không hợp lệ.').max(2100, 'Năm không hợp lệ.'),
    /** 1–12 for a monthly template, 1–2 for a six-monthly one, absent for a yearly one. */
    period: z.coerce.number().int().min(1).max(12).optional(),
    /** The agencies asked to report; absent: every active agency. */
    agencyIds: z.array(z.uuid()).max(2000).optional(),
  })
  .strict();
export type CycleInput = z.infer<typeof cycleInputSchema>;

export const submissionCountsSchema = z.object({
  assigned: z.number(),
  draft: z.number(),
  submitted: z.number(),
  returned: z.number(),
  accepted: z.number(),
  /** Not submitted (draft or returned) and past the due date. */
  late: z.number(),
});

export const cycleSchema = z.object({
  id: z.string(),
  templateId: z.string(),
  templateName: z.string(),
  cycle: z.enum(REPORT_CYCLES),
  year: z.number(),
  period: z.number(),
  /** "6 tháng đầu năm 2026", "Tháng 11/2026", "Năm 2026". */
  label: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueDate: z.string(),
  status: z.enum(['open', 'closed']),
  counts: submissionCountsSchema,
});
export type CycleView = z.infer<typeof cycleSchema>;

/** A typed row holds a number; a measured row holds the figure as counted (n, and d for a share). */
export const rowValueSchema = z.object({
  value: z.number().nullable(),
  n: z.number().optional(),
  d: z.number().nullable().optional(),
  /** Filled from a measured figure, not typed. */
  measured: z.boolean().optional(),
});
export type RowValue = z.infer<typeof rowValueSchema>;

/** A section's content: text, or the rows of a table by row key. */
export const sectionValueSchema = z.union([z.string().max(50_000), z.record(z.string(), rowValueSchema)]);
export const submissionValuesSchema = z.record(z.string(), sectionValueSchema);
export type SubmissionValues = z.infer<typeof submissionValuesSchema>;

export const submissionSaveSchema = z
  .object({
    /** The version that was edited (409 if someone saved since). */
    version: z.number().int().min(1),
    /**
     * Text sections by key; table sections by key → row key → the typed number. A measured row may be
     * left out or sent as null (it fills itself); a number on it is refused (422). A section left out
     * keeps what was saved; a table sent replaces its typed rows (a row left out is emptied).
     */
    values: z.record(
      z.string(),
      z.union([
        z.string().max(50_000, 'Nội dung quá dài.'),
        z.record(z.string(), z.number({ message: 'Số liệu phải là số.' }).finite().nullable()),
      ]),
    ),
  })
  .strict();
export type SubmissionSave = z.infer<typeof submissionSaveSchema>;

export const returnSchema = z
  .object({ comment: z.string().trim().min(1, 'Hãy ghi lý do trả lại.').max(4000) })
  .strict();

export const submissionSchema = z.object({
  id: z.string(),
  cycle: cycleSchema,
  agencyId: z.string(),
  agencyName: z.string(),
  status: z.enum(SUBMISSION_STATUSES),
  /** Whether it is past due and not yet submitted. */
  late: z.boolean(),
  version: z.number(),
  sections: z.array(templateSectionSchema),
  /** Measured rows already filled from the system, typed rows as saved. */
  values: submissionValuesSchema,
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  returns: z.array(z.object({ comment: z.string(), by: z.string().nullable(), at: z.string() })),
  /** What the viewer may do now. */
  can: z.object({ edit: z.boolean(), submit: z.boolean(), review: z.boolean() }),
});
export type SubmissionView = z.infer<typeof submissionSchema>;

export const submissionItemSchema = z.object({
  id: z.string(),
  cycleId: z.string(),
  label: z.string(),
  templateName: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  status: z.enum(SUBMISSION_STATUSES),
  dueDate: z.string(),
  late: z.boolean(),
  submittedAt: z.string().nullable(),
});
export type SubmissionItem = z.infer<typeof submissionItemSchema>;

/** One page of a keyset list. */
export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const consolidatedSchema = z.object({
  cycle: cycleSchema,
  /** Agencies whose report is accepted and counted. */
  included: z.array(z.object({ agencyId: z.string(), agencyName: z.string() })),
  /** Agencies assigned but not accepted: shown in the report, never silently dropped. */
  missing: z.array(
    z.object({ agencyId: z.string(), agencyName: z.string(), status: z.enum(SUBMISSION_STATUSES) }),
  ),
  sections: z.array(
    z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('text'),
        key: z.string(),
        title: z.string(),
        /** Each included agency's text under its name (empty texts left out). */
        parts: z.array(z.object({ agencyName: z.string(), text: z.string() })),
      }),
      z.object({
        kind: z.literal('table'),
        key: z.string(),
        title: z.string(),
        rows: z.array(
          z.object({
            key: z.string(),
            label: z.string(),
            unit: z.string().optional(),
            measure: z.string().optional(),
            /** Sum across included agencies; a share recomputed from the summed n and d (in %). */
            value: z.number().nullable(),
            n: z.number().optional(),
            d: z.number().nullable().optional(),
          }),
        ),
      }),
    ]),
  ),
});
export type ConsolidatedView = z.infer<typeof consolidatedSchema>;

/** The measured figures a template row may name. */
export const MEASURE_KEY_SET: ReadonlySet<string> = new Set(MEASURE_KEYS);

// --- Added with the server (h-periodic): queries, the late list, the pure period rules ---

/** PUT /templates/:id: the template as created, and whether it is still offered for new cycles. */
export const templateUpdateSchema = templateInputSchema.extend({ active: z.boolean().optional() });
export type TemplateUpdate = z.infer<typeof templateUpdateSchema>;

const limitSchema = z.coerce.number().int().min(1).max(200).default(50);
const cursorSchema = z.string().max(500).optional();
const boolQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

/** GET /templates: by code; `active=true` for the ones offered when issuing a cycle. */
export const templateListQuery = z.object({ active: boolQuery, limit: limitSchema, cursor: cursorSchema });
/** GET /cycles: newest period first. */
export const cycleListQuery = z.object({
  status: z.enum(['open', 'closed']).optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});
/** GET /cycles/:id/submissions: every assigned agency in the tree's order; `late=true` only the late. */
export const cycleSubmissionsQuery = z.object({
  status: z.enum(SUBMISSION_STATUSES).optional(),
  late: boolQuery,
  limit: limitSchema,
  cursor: cursorSchema,
});
/** GET /submissions (own agency, newest period first) and GET /late (most overdue first). */
export const pageQuerySchema = z.object({ limit: limitSchema, cursor: cursorSchema });

/** A late submission on the IT department's dashboard: `daysLate` in calendar days after the due date. */
export const lateItemSchema = submissionItemSchema.extend({ daysLate: z.number() });
export type LateItem = z.infer<typeof lateItemSchema>;

/** What POST /cycles answers: the cycle with its counts. */
export const cycleCreatedSchema = cycleSchema;

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * The period of a cycle: its first and last day (yyyy-mm-dd) and its label ("Tháng 11/2026",
 * "6 tháng đầu năm 2026", "Năm 2026"). `period` is the month (1–12), the half (1–2), or 0 for a year;
 * returns null when it does not fit the cycle.
 */
export function cyclePeriod(
  cycle: ReportCycle,
  year: number,
  period: number,
): { periodStart: string; periodEnd: string; label: string } | null {
  let m1 = 1;
  let m2 = 12;
  let label = `Năm ${year}`;
  if (cycle === 'month') {
    if (!Number.isInteger(period) || period < 1 || period > 12) return null;
    m1 = m2 = period;
    label = `Tháng ${period}/${year}`;
  } else if (cycle === 'half') {
    if (period !== 1 && period !== 2) return null;
    m1 = period === 1 ? 1 : 7;
    m2 = m1 + 5;
    label = `6 tháng ${period === 1 ? 'đầu' : 'cuối'} năm ${year}`;
  } else if (period !== 0) return null;
  const last = new Date(Date.UTC(year, m2, 0)).getUTCDate();
  return { periodStart: `${year}-${pad2(m1)}-01`, periodEnd: `${year}-${pad2(m2)}-${pad2(last)}`, label };
}

/** A share in percent rounded to one decimal (87.5), or null when the denominator is 0 or missing. */
export function sharePercent(n: number, d: number | null | undefined): number | null {
  if (!d) return null;
  return Math.round((n / d) * 1000) / 10;
}

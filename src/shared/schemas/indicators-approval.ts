import { z } from 'zod';
import { pageQuery } from './common.ts';

/*
 * API shapes of the indicators' validation rules, submission, approval and completeness
 * (see src/server/modules/indicators/routes-approval.ts).
 */

export const RULE_OPERATORS = ['<=', '<', '=', '!=', '>=', '>'] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];
export const RULE_IMPORTANCES = ['blocking', 'warning'] as const;
export type RuleImportance = (typeof RULE_IMPORTANCES)[number];
export const REPORT_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

const expression = (side: string) =>
  z
    .string({ error: `Thiếu ${side}.` })
    .trim()
    .min(1, `${side} không được để trống.`)
    .max(1000, `${side} dài quá 1000 ký tự.`);

export const ruleInput = z.object({
  name: z
    .string({ error: 'Thiếu tên quy tắc.' })
    .trim()
    .min(1, 'Tên quy tắc không được để trống.')
    .max(300, 'Tên quy tắc dài quá 300 ký tự.'),
  left: expression('Vế trái'),
  operator: z.enum(RULE_OPERATORS, { error: 'Toán tử phải là một trong <=, <, =, !=, >=, >.' }),
  right: expression('Vế phải'),
  importance: z.enum(RULE_IMPORTANCES, {
    error: 'Mức độ phải là "blocking" (chặn) hoặc "warning" (cảnh báo).',
  }),
  /** The form it applies to; null or absent: every form holding all its indicators. */
  formId: z.uuid('Mã biểu mẫu không hợp lệ.').nullable().optional(),
  active: z.boolean().optional(),
});
export type RuleInput = z.infer<typeof ruleInput>;

export const ruleView = z.object({
  id: z.uuid(),
  name: z.string(),
  left: z.string(),
  operator: z.enum(RULE_OPERATORS),
  right: z.string(),
  importance: z.enum(RULE_IMPORTANCES),
  formId: z.uuid().nullable(),
  formCode: z.string().nullable(),
  active: z.boolean(),
  /** Indicator codes the two sides reference. */
  codes: z.array(z.string()),
  createdAt: z.string(),
});
export type RuleView = z.infer<typeof ruleView>;

export const ruleListQuery = z.object({ formId: z.uuid('Mã biểu mẫu không hợp lệ.').optional() });

/** One report: a form, a period, a reporting agency. */
export const reportParams = z.object({
  formId: z.uuid('Mã biểu mẫu không hợp lệ.'),
  period: z.string().max(10, 'Kỳ báo cáo không hợp lệ.'),
});
export const agencyQuery = z.object({ agencyId: z.uuid('Mã đơn vị báo cáo (agencyId) không hợp lệ.') });

/** A broken rule, or a value outside its usual range (outlier). */
export const violationView = z.object({
  /** What a comment is keyed by at submission: the rule's id, or `outlier:<code>:<option>`. */
  key: z.string(),
  ruleId: z.uuid().nullable(),
  name: z.string(),
  importance: z.enum(RULE_IMPORTANCES),
  operator: z.string().nullable(),
  leftExpr: z.string().nullable(),
  rightExpr: z.string().nullable(),
  left: z.number().nullable(),
  right: z.number().nullable(),
  /** Outliers: the usual range [low, high] computed from history. */
  range: z.tuple([z.number(), z.number()]).nullable(),
  message: z.string(),
  codes: z.array(z.string()),
});
export type ViolationView = z.infer<typeof violationView>;

export const validationView = z.object({
  violations: z.array(violationView),
  blocking: z.number().int(),
  warnings: z.number().int(),
});
export type ValidationView = z.infer<typeof validationView>;

export const submitInput = z.object({
  /** An explanation (giải trình) for each warning, keyed by violation key. */
  comments: z.record(z.string(), z.string().max(2000, 'Lời giải trình dài quá 2000 ký tự.')).default({}),
});
export type SubmitInput = z.infer<typeof submitInput>;

export const returnInput = z.object({
  reason: z
    .string({ error: 'Thiếu lý do trả lại.' })
    .trim()
    .min(1, 'Lý do trả lại không được để trống.')
    .max(2000, 'Lý do trả lại dài quá 2000 ký tự.'),
});
export type ReturnInput = z.infer<typeof returnInput>;

const agencyRef = z.object({ id: z.uuid(), name: z.string() });

export const reportStepView = z.object({
  action: z.string(),
  level: z.number().int(),
  byName: z.string().nullable(),
  byAgencyName: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});

export const reportView = z.object({
  formId: z.uuid(),
  formCode: z.string(),
  formName: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  agency: agencyRef,
  status: z.enum(REPORT_STATUSES),
  level: z.number().int(),
  approvalLevels: z.number().int(),
  awaitingAgency: agencyRef.nullable(),
  /** The agencies that approve, level by level (1 = the parent), as the tree stands now. */
  chain: z.array(z.object({ level: z.number().int(), id: z.uuid(), name: z.string() })),
  dueOn: z.string(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  steps: z.array(reportStepView),
});
export type ReportView = z.infer<typeof reportView>;

export const inboxQuery = pageQuery(100, 50);
export const inboxItemView = z.object({
  formId: z.uuid(),
  formCode: z.string(),
  formName: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  agency: agencyRef,
  level: z.number().int(),
  submittedAt: z.string(),
  submittedByName: z.string().nullable(),
});
export type InboxItemView = z.infer<typeof inboxItemView>;

export const COMPLETENESS_STATUSES = ['approved', 'submitted', 'returned', 'draft', 'missing'] as const;
export const TIMELINESS = ['on_time', 'late', 'missing', 'pending'] as const;

export const completenessQuery = z.object({
  formId: z.uuid('Mã biểu mẫu không hợp lệ.'),
  period: z.string().max(10, 'Kỳ báo cáo không hợp lệ.'),
  /** Only the reporting agencies under this node (itself included). */
  parentId: z.uuid('Mã đơn vị (parentId) không hợp lệ.').optional(),
});

export const completenessRowView = z.object({
  agency: agencyRef.extend({ code: z.string().nullable() }),
  /** missing: no report and no value yet; draft: values entered, not submitted. */
  status: z.enum(COMPLETENESS_STATUSES),
  /** on_time / late: submitted by / after the due date; missing: not submitted and past due; pending: not yet due. */
  timeliness: z.enum(TIMELINESS),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  valueCount: z.number().int(),
});
export type CompletenessRowView = z.infer<typeof completenessRowView>;

export const completenessView = z.object({
  form: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  period: z.string(),
  periodLabel: z.string(),
  dueOn: z.string(),
  rows: z.array(completenessRowView),
  summary: z.object({
    total: z.number().int(),
    approved: z.number().int(),
    submitted: z.number().int(),
    returned: z.number().int(),
    draft: z.number().int(),
    missing: z.number().int(),
    onTime: z.number().int(),
    late: z.number().int(),
    overdue: z.number().int(),
    pending: z.number().int(),
    /** Submitted or approved, in % of the reporting agencies (one decimal). */
    completePct: z.number(),
  }),
});
export type CompletenessView = z.infer<typeof completenessView>;

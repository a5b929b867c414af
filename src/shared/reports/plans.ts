import { z } from 'zod';
import { pageOf, pageQuery } from '../schemas/common.ts';

/*
 * IT plans (issue 20): the contract between the server (src/server/modules/reports/plans*.ts) and the
 * screens. An agency drafts a five-year plan (startYear..startYear+4) and annual plans, each annual
 * plan under the agency's five-year plan covering its year and each annual task optionally carrying
 * out a five-year task. Flow: draft → submitted (the agency's leader or a division head; locked) →
 * the IT department appraises: comments on the plan or a task, then returns it (→ returned, revised
 * and resubmitted as a new version) or appraises it (→ appraised, with its opinion) → the People's
 * Committee's leader approves it (→ approved), and may issue the approval as an outgoing document.
 * During the year of an approved annual plan the agency reports each task's progress.
 */

export const PLAN_KINDS = ['five_year', 'annual'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const PLAN_KIND_LABELS: Record<PlanKind, string> = {
  five_year: 'Kế hoạch 5 năm',
  annual: 'Kế hoạch năm',
};

export const PLAN_STATUSES = ['draft', 'submitted', 'returned', 'appraised', 'approved'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: 'Đang soạn',
  submitted: 'Chờ thẩm định',
  returned: 'Bị trả lại',
  appraised: 'Đã thẩm định, chờ phê duyệt',
  approved: 'Đã phê duyệt',
};

/** The funding sources a task's budget line names (Luật Ngân sách nhà nước 2015; vốn ODA, xã hội hóa). */
export const BUDGET_SOURCES = [
  'Ngân sách trung ương',
  'Ngân sách địa phương',
  'Vốn ODA, vốn vay ưu đãi',
  'Xã hội hóa',
  'Nguồn khác',
] as const;
export type BudgetSource = (typeof BUDGET_SOURCES)[number];

/** A five-year plan spans five calendar years. */
export const FIVE_YEAR_SPAN = 5;

/** The years a plan of this kind starting in `startYear` covers. */
export function planYears(kind: PlanKind, startYear: number): { startYear: number; endYear: number } {
  return { startYear, endYear: kind === 'five_year' ? startYear + FIVE_YEAR_SPAN - 1 : startYear };
}

/** The title a new plan gets until the agency writes its own. */
export function defaultPlanTitle(kind: PlanKind, startYear: number): string {
  const { endYear } = planYears(kind, startYear);
  return kind === 'five_year'
    ? `Kế hoạch ứng dụng công nghệ thông tin giai đoạn ${startYear}–${endYear}`
    : `Kế hoạch ứng dụng công nghệ thông tin năm ${startYear}`;
}

/**
 * The plan's overall progress: each task's progress weighted by its budget; a plan without any
 * budget weighs its tasks equally; null without tasks. Rounded to a whole percent.
 */
export function weightedProgress(tasks: { progress: number; budgetAmount: number | null }[]): number | null {
  if (tasks.length === 0) return null;
  const budget = tasks.reduce((s, x) => s + Math.max(0, x.budgetAmount ?? 0), 0);
  if (budget > 0)
    return Math.round(tasks.reduce((s, x) => s + x.progress * Math.max(0, x.budgetAmount ?? 0), 0) / budget);
  return Math.round(tasks.reduce((s, x) => s + x.progress, 0) / tasks.length);
}

/** Whether a task carries the budget line an annual plan requires: a source and an amount above 0. */
export function hasBudgetLine(task: { budgetSource: string | null; budgetAmount: number | null }): boolean {
  return !!task.budgetSource && (task.budgetAmount ?? 0) > 0;
}

const isoDate = z.iso.date('Ngày không hợp lệ (yyyy-mm-dd)');
const year = z.coerce
  .number()
  .int('Năm không hợp lệ')
  .min(2000, 'Năm không hợp lệ')
  .max(2100, 'Năm không hợp lệ');

// ---- Requests ----

export const planCreateInput = z.object({
  kind: z.enum(PLAN_KINDS, 'Chọn loại kế hoạch (5 năm hoặc hằng năm)'),
  startYear: year,
  title: z.string().trim().min(3, 'Nhập tên kế hoạch').max(300, 'Tên kế hoạch quá dài').optional(),
});
export type PlanCreateInput = z.infer<typeof planCreateInput>;

export const planTaskInput = z.object({
  /** An existing task of the plan that is kept (absent: a new task). */
  id: z.uuid().optional(),
  name: z.string().trim().min(1, 'Nhập tên nhiệm vụ').max(500, 'Tên nhiệm vụ quá dài (tối đa 500 ký tự)'),
  /** The five-year plan's task this annual task carries out. */
  parentTaskId: z.uuid().nullable().default(null),
  budgetSource: z.enum(BUDGET_SOURCES, 'Nguồn kinh phí không có trong danh mục').nullable().default(null),
  /** VND. */
  budgetAmount: z
    .number()
    .int('Kinh phí tính bằng đồng, không có phần lẻ')
    .min(0, 'Kinh phí không được âm')
    .max(1e15, 'Kinh phí quá lớn')
    .nullable()
    .default(null),
  startDate: isoDate.nullable().default(null),
  endDate: isoDate.nullable().default(null),
  expectedResult: z.string().trim().max(2000, 'Kết quả dự kiến quá dài').default(''),
});
export type PlanTaskInput = z.input<typeof planTaskInput>;

/** Saving a draft or returned plan: its text and the whole list of its tasks, in order. */
export const planSaveInput = z.object({
  title: z.string().trim().min(3, 'Nhập tên kế hoạch').max(300, 'Tên kế hoạch quá dài'),
  objectives: z.string().trim().max(8000, 'Mục tiêu quá dài').default(''),
  expectedResults: z.string().trim().max(8000, 'Kết quả dự kiến quá dài').default(''),
  tasks: z.array(planTaskInput).max(200, 'Một kế hoạch có tối đa 200 nhiệm vụ').default([]),
});
export type PlanSaveInput = z.input<typeof planSaveInput>;

export const planCommentInput = z.object({
  /** The task commented on; absent or null: the plan as a whole. */
  taskId: z.uuid().nullable().optional(),
  body: z.string().trim().min(1, 'Nhập nội dung ý kiến').max(4000, 'Ý kiến quá dài (tối đa 4000 ký tự)'),
});
export type PlanCommentInput = z.input<typeof planCommentInput>;

export const planReturnInput = z.object({
  /** A last comment on the plan as a whole, added with the return. */
  comment: z.string().trim().max(4000, 'Ý kiến quá dài (tối đa 4000 ký tự)').optional(),
});

export const planAppraiseInput = z.object({
  opinion: z
    .string()
    .trim()
    .min(3, 'Nhập ý kiến thẩm định')
    .max(8000, 'Ý kiến thẩm định quá dài (tối đa 8000 ký tự)'),
});

export const planApproveInput = z.object({
  /** Also draft the approving decision as an outgoing document of the People's Committee. */
  issueDecision: z.boolean().default(false),
});

export const commentResolveInput = z.object({ resolved: z.boolean() });

export const planProgressInput = z.object({
  items: z
    .array(
      z.object({
        taskId: z.uuid(),
        progress: z
          .number()
          .int('Tiến độ là số nguyên phần trăm')
          .min(0, 'Tiến độ từ 0 đến 100%')
          .max(100, 'Tiến độ từ 0 đến 100%'),
        note: z.string().trim().max(2000, 'Ghi chú quá dài (tối đa 2000 ký tự)').optional(),
      }),
    )
    .min(1, 'Nhập tiến độ của ít nhất một nhiệm vụ')
    .max(200),
});
export type PlanProgressInput = z.input<typeof planProgressInput>;

export const planListQuery = pageQuery(100, 50).extend({
  /** Plans covering this year. */
  year: year.optional(),
  status: z.enum(PLAN_STATUSES).optional(),
  kind: z.enum(PLAN_KINDS).optional(),
});
export type PlanListQuery = z.infer<typeof planListQuery>;

// ---- Answers ----

export const planListItem = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  kind: z.enum(PLAN_KINDS),
  startYear: z.number(),
  endYear: z.number(),
  title: z.string(),
  status: z.enum(PLAN_STATUSES),
  version: z.number(),
  submittedAt: z.string().nullable(),
  taskCount: z.number(),
  budget: z.number(),
  /** Weighted by budget (weightedProgress); null for a plan not yet approved or without tasks. */
  progress: z.number().nullable(),
});
export type PlanListItem = z.infer<typeof planListItem>;
export const planPage = pageOf(planListItem);
export type PlanPage = z.infer<typeof planPage>;
/** The province's overview: the page and whose plans it lists ("Toàn tỉnh" or the own agency). */
export const planOverviewPage = planPage.extend({ scope: z.string() });
export type PlanOverviewPage = z.infer<typeof planOverviewPage>;

export const planTaskView = z.object({
  id: z.uuid(),
  ordinal: z.number(),
  name: z.string(),
  parentTaskId: z.uuid().nullable(),
  parentTaskName: z.string().nullable(),
  budgetSource: z.string().nullable(),
  budgetAmount: z.number().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  expectedResult: z.string(),
  progress: z.number(),
  progressNote: z.string().nullable(),
  progressAt: z.string().nullable(),
});
export type PlanTaskView = z.infer<typeof planTaskView>;

export const planCommentView = z.object({
  id: z.uuid(),
  taskId: z.uuid().nullable(),
  /** The task's name as it is now, or as it was submitted when the task has since been removed. */
  taskName: z.string().nullable(),
  version: z.number(),
  body: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type PlanCommentView = z.infer<typeof planCommentView>;

export const planVersionView = z.object({
  version: z.number(),
  submittedAt: z.string(),
  submittedByName: z.string(),
});

/** What the person may do with the plan now (the screen shows only these actions). */
export const planActions = z.object({
  edit: z.boolean(),
  delete: z.boolean(),
  submit: z.boolean(),
  resolveComments: z.boolean(),
  comment: z.boolean(),
  returnPlan: z.boolean(),
  appraise: z.boolean(),
  approve: z.boolean(),
  issueDecision: z.boolean(),
  reportProgress: z.boolean(),
});
export type PlanActions = z.infer<typeof planActions>;

export const planView = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  kind: z.enum(PLAN_KINDS),
  startYear: z.number(),
  endYear: z.number(),
  parentPlan: z.object({ id: z.uuid(), title: z.string(), status: z.enum(PLAN_STATUSES) }).nullable(),
  title: z.string(),
  objectives: z.string(),
  expectedResults: z.string(),
  status: z.enum(PLAN_STATUSES),
  version: z.number(),
  submittedAt: z.string().nullable(),
  appraisedAt: z.string().nullable(),
  appraisedByName: z.string().nullable(),
  appraisalOpinion: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedByName: z.string().nullable(),
  approvalDocument: z
    .object({ id: z.uuid(), status: z.string(), numberNotation: z.string().nullable() })
    .nullable(),
  tasks: z.array(planTaskView),
  /** The five-year plan's tasks an annual task may carry out (empty for a five-year plan). */
  parentTasks: z.array(z.object({ id: z.uuid(), name: z.string() })),
  comments: z.array(planCommentView),
  versions: z.array(planVersionView),
  budget: z.object({
    total: z.number(),
    bySource: z.array(z.object({ source: z.string(), amount: z.number() })),
  }),
  progress: z.number().nullable(),
  /** The annual plans of a five-year plan (for its page). */
  annualPlans: z.array(
    z.object({
      id: z.uuid(),
      startYear: z.number(),
      title: z.string(),
      status: z.enum(PLAN_STATUSES),
    }),
  ),
  actions: planActions,
});
export type PlanView = z.infer<typeof planView>;

export const planVersionSnapshot = z.object({
  version: z.number(),
  submittedAt: z.string(),
  submittedByName: z.string(),
  title: z.string(),
  objectives: z.string(),
  expectedResults: z.string(),
  tasks: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      parentTaskId: z.uuid().nullable(),
      budgetSource: z.string().nullable(),
      budgetAmount: z.number().nullable(),
      startDate: z.string().nullable(),
      endDate: z.string().nullable(),
      expectedResult: z.string(),
    }),
  ),
});
export type PlanVersionSnapshot = z.infer<typeof planVersionSnapshot>;

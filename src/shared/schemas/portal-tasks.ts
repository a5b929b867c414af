import { z } from 'zod';
import { pageQuery } from './common.ts';

/*
 * API shapes of the tasks assigned by leaders (nhiệm vụ được giao), see
 * src/server/modules/portal/routes-tasks.ts and tasks.ts for the rules.
 */

export const TASK_STATUSES = ['in_progress', 'reported', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_SOURCES = ['conclusion', 'directive', 'meeting', 'other'] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];
export const TASK_EVENT_KINDS = [
  'created',
  'progress',
  'result',
  'accepted',
  'returned',
  'extended',
  'cancelled',
] as const;
export type TaskEventKind = (typeof TASK_EVENT_KINDS)[number];
/** Where a task stands for the figures and the lists (see tasks-rules.ts `classifyTask`). */
export const TASK_STANDINGS = ['done_on_time', 'done_late', 'overdue', 'in_progress', 'cancelled'] as const;
export type TaskStanding = (typeof TASK_STANDINGS)[number];

const isoDate = (what: string) => z.iso.date(`${what} không hợp lệ (yyyy-mm-dd).`);
const agencyId = z.uuid('Mã đơn vị không hợp lệ.');

/** A file uploaded through POST /api/v1/files, attached to a report. */
export const taskFileInput = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/i, 'Mã SHA-256 của tệp không hợp lệ.'),
  fileName: z.string().trim().min(1, 'Thiếu tên tệp.').max(255, 'Tên tệp dài quá 255 ký tự.'),
});
export type TaskFileInput = z.infer<typeof taskFileInput>;

/** One task row of the "Giao nhiệm vụ" form: a date deadline or a number of working days. */
export const taskRowInput = z
  .object({
    content: z
      .string({ error: 'Thiếu nội dung nhiệm vụ.' })
      .trim()
      .min(1, 'Nội dung nhiệm vụ không được để trống.')
      .max(4000, 'Nội dung nhiệm vụ dài quá 4000 ký tự.'),
    leadAgencyId: agencyId,
    cooperatingAgencyIds: z.array(agencyId).max(50, 'Tối đa 50 đơn vị phối hợp.').default([]),
    dueOn: isoDate('Hạn xử lý').nullable().optional(),
    dueWorkingDays: z
      .number()
      .int('Số ngày làm việc phải là số nguyên.')
      .min(1, 'Số ngày làm việc ít nhất là 1.')
      .max(365, 'Số ngày làm việc nhiều nhất là 365.')
      .nullable()
      .optional(),
  })
  .refine((r) => !!r.dueOn !== (r.dueWorkingDays != null), {
    message: 'Hãy cho hạn xử lý: một ngày cụ thể hoặc số ngày làm việc (chỉ một trong hai).',
    path: ['dueOn'],
  });
export type TaskRowInput = z.input<typeof taskRowInput>;

/** Several tasks from one source (a conclusion notice, say), recorded in one go. */
export const createTasksInput = z.object({
  sourceKind: z.enum(TASK_SOURCES, {
    error: 'Nguồn giao phải là conclusion (thông báo kết luận), directive, meeting hoặc other.',
  }),
  /** An outgoing or incoming document of the actor's agency the actor may see. */
  sourceDocumentId: z.uuid('Mã văn bản nguồn không hợp lệ.').nullable().optional(),
  /** A meeting: a schedule entry. */
  sourceEntryId: z.uuid('Mã cuộc họp không hợp lệ.').nullable().optional(),
  /** The source as printed; built from the document when empty. */
  sourceText: z.string().trim().max(1000, 'Nguồn giao dài quá 1000 ký tự.').default(''),
  /** The assignment date (the notice's date); today when absent. Not after today. */
  assignedOn: isoDate('Ngày giao').nullable().optional(),
  tasks: z
    .array(taskRowInput)
    .min(1, 'Hãy nhập ít nhất một nhiệm vụ.')
    .max(100, 'Tối đa 100 nhiệm vụ một lần.'),
});
export type CreateTasksInput = z.input<typeof createTasksInput>;
export const createdTasksView = z.object({ ids: z.array(z.uuid()) });

export const taskListQuery = pageQuery(100, 30).extend({
  /** mine: the actor's agency leads or co-operates; assigned: the actor's office assigned it; all: both. */
  box: z.enum(['all', 'mine', 'assigned']).default('all'),
  status: z.enum(TASK_STATUSES).optional(),
  leadAgencyId: agencyId.optional(),
  sourceKind: z.enum(TASK_SOURCES).optional(),
  dueSoon: z.stringbool().optional(),
  overdue: z.stringbool().optional(),
  q: z.string().trim().max(200).optional(),
});
export type TaskListQuery = z.output<typeof taskListQuery>;

const agencyRef = z.object({ id: z.string(), name: z.string() });

export const taskItemView = z.object({
  id: z.string(),
  content: z.string(),
  assigner: agencyRef,
  lead: agencyRef,
  cooperating: z.array(agencyRef),
  sourceKind: z.enum(TASK_SOURCES),
  sourceText: z.string(),
  assignedOn: z.string(),
  dueOn: z.string(),
  dueWorkingDays: z.number().nullable(),
  status: z.enum(TASK_STATUSES),
  standing: z.enum(TASK_STANDINGS),
  dueSoon: z.boolean(),
  progress: z.number(),
  reportedOn: z.string().nullable(),
  doneOn: z.string().nullable(),
});
export type TaskItemView = z.infer<typeof taskItemView>;

export const attachedFileView = z.object({
  sha256: z.string(),
  fileName: z.string(),
  size: z.number(),
  mediaType: z.string(),
});

export const taskEventView = z.object({
  id: z.string(),
  kind: z.enum(TASK_EVENT_KINDS),
  at: z.string(),
  agencyName: z.string().nullable(),
  actorName: z.string().nullable(),
  text: z.string(),
  progress: z.number().nullable(),
  files: z.array(attachedFileView),
});
export type TaskEventView = z.infer<typeof taskEventView>;

export const TASK_ACTIONS = ['progress', 'result', 'accept', 'return'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

export const taskDetailView = taskItemView.extend({
  sourceDocument: z
    .object({
      id: z.string(),
      numberNotation: z.string().nullable(),
      issuedDate: z.string().nullable(),
      summary: z.string(),
    })
    .nullable(),
  sourceEntry: z.object({ id: z.string(), day: z.string(), content: z.string() }).nullable(),
  events: z.array(taskEventView),
  /** What the actor may do now. */
  actions: z.array(z.enum(TASK_ACTIONS)),
});
export type TaskDetailView = z.infer<typeof taskDetailView>;

export const progressInput = z.object({
  /** Percent done (the lead agency's; co-operating agencies add notes without it). */
  progress: z
    .number()
    .int()
    .min(0, 'Tiến độ từ 0 đến 100%.')
    .max(100, 'Tiến độ từ 0 đến 100%.')
    .nullable()
    .optional(),
  text: z
    .string({ error: 'Thiếu nội dung báo cáo.' })
    .trim()
    .min(1, 'Nội dung báo cáo tiến độ không được để trống.')
    .max(4000, 'Nội dung dài quá 4000 ký tự.'),
  files: z.array(taskFileInput).max(20, 'Tối đa 20 tệp.').default([]),
});
export type ProgressInput = z.input<typeof progressInput>;

export const resultInput = z.object({
  text: z
    .string({ error: 'Thiếu nội dung kết quả.' })
    .trim()
    .min(1, 'Nội dung kết quả thực hiện không được để trống.')
    .max(4000, 'Nội dung dài quá 4000 ký tự.'),
  files: z.array(taskFileInput).max(20, 'Tối đa 20 tệp.').default([]),
});
export type ResultInput = z.input<typeof resultInput>;

export const returnTaskInput = z.object({
  reason: z
    .string({ error: 'Thiếu lý do trả lại.' })
    .trim()
    .min(1, 'Hãy ghi lý do trả lại kết quả.')
    .max(2000, 'Lý do dài quá 2000 ký tự.'),
});
export type ReturnTaskInput = z.input<typeof returnTaskInput>;

export const acceptTaskInput = z.object({ note: z.string().trim().max(2000).default('') });

export const dueDateQuery = z.object({
  assignedOn: isoDate('Ngày giao').optional(),
  workingDays: z.coerce.number().int().min(1).max(365),
});
export const dueDateView = z.object({ dueOn: z.string() });

export const figuresQuery = z.object({
  from: isoDate('Từ ngày'),
  to: isoDate('Đến ngày'),
});
export type FiguresQuery = z.infer<typeof figuresQuery>;

const figureCounts = z.object({
  assigned: z.number(),
  doneOnTime: z.number(),
  doneLate: z.number(),
  overdue: z.number(),
  inProgress: z.number(),
});
export const figuresRowView = figureCounts.extend({ agency: agencyRef });
export const figuresView = z.object({
  from: z.string(),
  to: z.string(),
  /** The day the standings are taken on (today, Vietnam). */
  asOf: z.string(),
  rows: z.array(figuresRowView),
  total: figureCounts,
});
export type FiguresView = z.infer<typeof figuresView>;

export const taskCountsView = z.object({ dueSoon: z.number(), overdue: z.number(), inProgress: z.number() });
export type TaskCountsView = z.infer<typeof taskCountsView>;

/** Who the actor is for tasks: may record (the office), the agencies whose assignments it follows. */
export const taskScopeView = z.object({
  canManage: z.boolean(),
  canReport: z.boolean(),
  assignerAgency: agencyRef.nullable(),
  /** The actor's office has assigned tasks (the screen then opens on "Đơn vị giao"). */
  hasAssigned: z.boolean(),
});
export type TaskScopeView = z.infer<typeof taskScopeView>;

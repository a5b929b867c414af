import { z } from 'zod';
import { applicantProfileSchema, paperRefSchema } from './api.ts';

/*
 * The shapes the one-stop desk (bộ phận một cửa), the handling officers and the server share: the
 * desk's list, a dossier as staff see it (with the applicant's personal data: never public), the
 * actions with their inputs, and the officer's own steps.
 */

const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày theo dạng yyyy-MM-dd.');
const reason = (what: string) =>
  z.string().trim().min(5, `Vui lòng ghi ${what} (ít nhất 5 ký tự).`).max(2000, `${what} quá dài.`);

export const deskListQuerySchema = z.object({
  /** A status code 1–10, or a group: waiting (1), working (2, 4), paused (5, 6), done (9), late (2, 4 past due). */
  view: z.enum(['all', 'waiting', 'working', 'paused', 'done', 'late', 'closed']).default('all'),
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type DeskListQuery = z.infer<typeof deskListQuerySchema>;

export const deskItemSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  channel: z.string(),
  status: z.number(),
  statusLabel: z.string(),
  submittedAt: z.string(),
  dueAt: z.string().nullable(),
  /** In progress and its due date has passed. */
  late: z.boolean(),
  /** In progress and due by the end of the next working day: the apology (Mẫu 04) is due now. */
  dueSoon: z.boolean(),
  currentStep: z.string().nullable(),
  currentAssignee: z.string().nullable(),
});
export type DeskItem = z.infer<typeof deskItemSchema>;
export const deskListSchema = z.object({ items: z.array(deskItemSchema), nextCursor: z.string().nullable() });
export type DeskList = z.infer<typeof deskListSchema>;

export const deskStepSchema = z.object({
  id: z.uuid(),
  seq: z.number(),
  name: z.string(),
  kind: z.string(),
  budgetDays: z.string(),
  divisionId: z.uuid().nullable(),
  divisionName: z.string().nullable(),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  handedAt: z.string().nullable(),
  handedByName: z.string().nullable(),
  dueAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  doneByName: z.string().nullable(),
  result: z.string().nullable(),
  note: z.string().nullable(),
  /** early | on_time | late, once done. */
  timeliness: z.enum(['early', 'on_time', 'late']).nullable(),
});
export type DeskStep = z.infer<typeof deskStepSchema>;

export const deskEventSchema = z.object({
  at: z.string(),
  kind: z.string(),
  statusTo: z.number().nullable(),
  statusLabel: z.string().nullable(),
  actorName: z.string().nullable(),
  byApplicant: z.boolean(),
  publicNote: z.string().nullable(),
  internalNote: z.string().nullable(),
});

export const deskLetterSchema = z.object({
  id: z.uuid(),
  form: z.enum(['supplement', 'refusal', 'apology', 'stop']),
  reason: z.string(),
  previousDueAt: z.string().nullable(),
  newDueAt: z.string().nullable(),
  createdAt: z.string(),
});

/** What the desk may do now (the screen shows only these buttons). */
export const deskActionsSchema = z.object({
  accept: z.boolean(),
  refuse: z.boolean(),
  supplement: z.boolean(),
  hand: z.boolean(),
  /** The step the actor may finish (assigned to them), if any. */
  doneStepId: z.uuid().nullable(),
  result: z.boolean(),
  return: z.boolean(),
  fee: z.boolean(),
  apology: z.boolean(),
  stop: z.boolean(),
});
export type DeskActions = z.infer<typeof deskActionsSchema>;

export const deskDossierSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  agencyId: z.uuid(),
  procedure: z.object({ id: z.uuid(), code: z.string(), name: z.string(), version: z.number() }),
  channel: z.string(),
  onlineLevel: z.string(),
  status: z.number(),
  statusLabel: z.string(),
  applicant: z.object({
    kind: z.string(),
    name: z.string(),
    idNumber: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
  }),
  form: z.record(z.string(), z.unknown()),
  /** The procedure version's form, to show the values with their labels. */
  formSchema: z.unknown(),
  papers: z.array(
    z.object({
      id: z.uuid(),
      paperKey: z.string(),
      paperName: z.string(),
      fileName: z.string(),
      mediaType: z.string(),
      size: z.number(),
      supplement: z.boolean(),
    }),
  ),
  /** The procedure's papers, for a supplement request. */
  requiredPapers: z.array(
    z.object({ key: z.string(), name: z.string(), originals: z.number(), copies: z.number() }),
  ),
  submittedAt: z.string(),
  acceptedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  originalDueAt: z.string().nullable(),
  pausedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnMethod: z.string().nullable(),
  result: z.object({ fileName: z.string().nullable(), documentId: z.uuid().nullable() }).nullable(),
  fee: z.object({
    amount: z.number().nullable(),
    paidAt: z.string().nullable(),
    receipt: z.string().nullable(),
  }),
  rating: z.number().nullable(),
  ratingComment: z.string().nullable(),
  late: z.boolean(),
  dueSoon: z.boolean(),
  steps: z.array(deskStepSchema),
  events: z.array(deskEventSchema),
  letters: z.array(deskLetterSchema),
  openSupplement: z
    .object({
      id: z.uuid(),
      reason: z.string(),
      requestedAt: z.string(),
      items: z.array(
        z.object({
          paperKey: z.string().optional(),
          name: z.string(),
          originals: z.number(),
          copies: z.number(),
        }),
      ),
    })
    .nullable(),
  actions: deskActionsSchema,
});
export type DeskDossier = z.infer<typeof deskDossierSchema>;

export const refuseInputSchema = z.object({ reason: reason('lý do từ chối') });
export const supplementInputSchema = z.object({
  reason: reason('lý do yêu cầu bổ sung'),
  items: z
    .array(
      z.object({
        paperKey: z.string().max(40).optional(),
        name: z.string().trim().min(1, 'Vui lòng ghi tên giấy tờ cần bổ sung.').max(500),
        originals: z.number().int().min(0).max(20).default(1),
        copies: z.number().int().min(0).max(20).default(0),
        note: z.string().trim().max(500).optional(),
      }),
    )
    .min(1, 'Vui lòng nêu ít nhất một giấy tờ cần bổ sung.')
    .max(30),
});
export type SupplementInput = z.infer<typeof supplementInputSchema>;

export const handInputSchema = z.object({
  assigneeId: z.uuid('Vui lòng chọn người xử lý.'),
  note: z.string().trim().max(1000).optional(),
});
export const doneInputSchema = z.object({
  result: z.string().trim().min(1, 'Vui lòng ghi kết quả xử lý của bước.').max(2000),
  note: z.string().trim().max(1000).optional(),
});
export const resultInputSchema = z.object({
  /** A stored file (uploaded as a paper), or an outgoing document of the documents module. */
  file: z
    .object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), fileName: z.string().trim().min(1).max(255) })
    .optional(),
  documentId: z.uuid().optional(),
  /** A paper result only (signed and stamped, handed over at the counter or by post). */
  paper: z.boolean().optional(),
});
export const returnInputSchema = z.object({
  method: z.enum(['online', 'counter', 'post']),
  note: z.string().trim().max(1000).optional(),
});
export const feeInputSchema = z.object({
  amount: z.number().int().min(0).max(1_000_000_000),
  receipt: z.string().trim().min(1, 'Vui lòng ghi số biên lai.').max(100),
});
export const apologyInputSchema = z.object({
  reason: reason('lý do chậm trễ'),
  newDueDate: ymd,
});
export const stopInputSchema = z.object({ reason: reason('lý do dừng giải quyết') });

export const counterInputSchema = z.object({
  procedureCode: z.string().min(1).max(60),
  channel: z.enum(['counter', 'post']).default('counter'),
  applicant: applicantProfileSchema.extend({
    email: z.email('Địa chỉ thư điện tử không đúng.').max(200).optional(),
  }),
  form: z.record(z.string(), z.unknown()),
  papers: z.array(paperRefSchema).max(60),
  /** Accept at once (the papers were checked at the counter): status 2 and the steps begin. */
  accept: z.boolean().default(true),
  /** Made once when the counter form opens: a double click never makes two dossiers. */
  idempotencyKey: z.uuid(),
});
export type CounterInput = z.infer<typeof counterInputSchema>;
export const counterReplySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  secret: z.string(),
  created: z.boolean(),
});

export const deskStaffSchema = z.object({
  divisions: z.array(z.object({ id: z.uuid(), name: z.string() })),
  people: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      title: z.string(),
      role: z.string(),
      divisionId: z.uuid().nullable(),
    }),
  ),
});

export const deskProceduresSchema = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      field: z.string(),
      processingDays: z.number(),
      onlineLevel: z.string(),
    }),
  ),
});

export const workItemSchema = z.object({
  stepId: z.uuid(),
  dossierId: z.uuid(),
  code: z.string(),
  procedureName: z.string(),
  stepName: z.string(),
  stepKind: z.string(),
  handedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  dossierDueAt: z.string().nullable(),
  late: z.boolean(),
});
export const workListSchema = z.object({ items: z.array(workItemSchema), nextCursor: z.string().nullable() });
export type WorkList = z.infer<typeof workListSchema>;

export const registerQuerySchema = z
  .object({ from: ymd, to: ymd })
  .refine((q) => q.from <= q.to, { message: 'Ngày bắt đầu phải trước ngày kết thúc.', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    message: 'Sổ theo dõi in tối đa một năm.',
    path: ['to'],
  });

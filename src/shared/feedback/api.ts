import { z } from 'zod';
import { pageOf, pageQuery } from '../schemas/common.ts';
import {
  CLASSIFIED_KINDS,
  DECLARED_KINDS,
  FEEDBACK_KINDS,
  FEEDBACK_STATUSES,
  type FeedbackKind,
  type FeedbackStatus,
} from './rules.ts';

/** The feedback API's shapes, shared by the server's routes and the web screens. */

/** Markup in a text (a tag, a script): refused rather than stored and escaped forever after. */
export const MARKUP_RE = /<\s*\/?\s*[a-z!?][^>]*>|javascript:/i;
export const MARKUP_MESSAGE = 'Nội dung không được chứa mã HTML hoặc script (các thẻ <…>).';

const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, `Vui lòng nhập ${what}.`)
    .max(max, `${what[0]?.toUpperCase()}${what.slice(1)} dài quá ${max} ký tự.`)
    .refine((v) => !MARKUP_RE.test(v), MARKUP_MESSAGE);

export const registerQuerySchema = pageQuery(100, 50).extend({
  kind: z.enum(FEEDBACK_KINDS).optional(),
  status: z.enum([...FEEDBACK_STATUSES, 'open']).optional(),
  due: z.enum(['soon', 'overdue']).optional(),
  channel: z.enum(['online', 'desk', 'post']).optional(),
  q: z.string().trim().max(200).optional(),
  from: z.iso.date('Ngày không hợp lệ.').optional(),
  to: z.iso.date('Ngày không hợp lệ.').optional(),
});
export type RegisterQuery = z.infer<typeof registerQuerySchema>;

export const registerRowSchema = z.object({
  id: z.string(),
  code: z.string(),
  receivedAt: z.string(),
  channel: z.string(),
  kind: z.enum(FEEDBACK_KINDS),
  declaredKind: z.string(),
  /** The status as this agency sees it ('forwarded' when it was sent on to another). */
  status: z.enum(FEEDBACK_STATUSES),
  subject: z.string(),
  field: z.string().nullable(),
  /** The sender's name, or null when it is sealed (a denunciation) — never in a list otherwise. */
  senderName: z.string().nullable(),
  holderName: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  settledAt: z.string().nullable(),
  result: z.string().nullable(),
});
export type RegisterRow = z.infer<typeof registerRowSchema>;
export const registerPageSchema = pageOf(registerRowSchema);

export const itemFileSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  identifying: z.boolean(),
  /** false when the file shows who sent a denunciation and this person is not a settler. */
  available: z.boolean(),
});

export const itemEventSchema = z.object({
  at: z.string(),
  kind: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  publicNote: z.string().nullable(),
});

export const itemViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(FEEDBACK_KINDS),
  declaredKind: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  channel: z.string(),
  senderKind: z.string(),
  subject: z.string(),
  content: z.string(),
  field: z.string().nullable(),
  remote: z.boolean(),
  instance: z.number(),
  receivedAt: z.string(),
  classifyDueAt: z.string(),
  acceptedAt: z.string().nullable(),
  settleDueAt: z.string().nullable(),
  extensions: z.number(),
  maxExtensions: z.number(),
  settledAt: z.string().nullable(),
  result: z.string().nullable(),
  holderAgencyId: z.string(),
  holderName: z.string(),
  receivedAgencyName: z.string(),
  duplicateOfCode: z.string().nullable(),
  publishConsent: z.boolean(),
  publicQuestion: z.string().nullable(),
  publicAnswer: z.string().nullable(),
  publishedAt: z.string().nullable(),
  satisfaction: z.number().nullable(),
  /** The identity is sealed for this reader (a denunciation and not a settler). */
  identitySealed: z.boolean(),
  myCaseRole: z.enum(['settler', 'verifier']).nullable(),
  members: z.array(
    z.object({ personId: z.string(), name: z.string(), role: z.enum(['settler', 'verifier']) }),
  ),
  files: z.array(itemFileSchema),
  events: z.array(itemEventSchema),
  /** What this person may do now. */
  actions: z.array(
    z.enum(['classify', 'forward', 'refuse', 'duplicate', 'assign', 'accept', 'extend', 'settle', 'publish']),
  ),
});
export type ItemView = z.infer<typeof itemViewSchema>;
export type ItemAction = ItemView['actions'][number];

export const identitySchema = z.object({
  name: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  idNumber: z.string().nullable(),
  originalContent: z.string().nullable(),
});

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Dài quá ${max} ký tự.`)
    .refine((v) => !MARKUP_RE.test(v), MARKUP_MESSAGE)
    .optional()
    .transform((v) => (v ? v : undefined));

export const senderSchema = z.object({
  name: text(200, 'họ và tên người gửi'),
  address: optionalText(300),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+ .-]{0,20}$/, 'Số điện thoại không hợp lệ.')
    .optional()
    .transform((v) => (v ? v : undefined)),
  email: z
    .union([z.literal(''), z.email('Địa chỉ thư điện tử không hợp lệ.').max(200)])
    .optional()
    .transform((v) => (v ? v.toLowerCase() : undefined)),
  idNumber: z
    .string()
    .trim()
    .regex(/^[0-9]{0,12}$/, 'Số định danh cá nhân gồm 9 hoặc 12 chữ số.')
    .optional()
    .transform((v) => (v ? v : undefined)),
});

/** Entered by a receiving officer (reception desk, post). */
export const intakeInputSchema = z.object({
  channel: z.enum(['desk', 'post']),
  declaredKind: z.enum(DECLARED_KINDS),
  senderKind: z.enum(['citizen', 'business', 'organisation']).default('citizen'),
  sender: senderSchema,
  subject: text(300, 'tóm tắt nội dung'),
  content: text(20000, 'nội dung'),
  field: optionalText(200),
  remote: z.boolean().default(false),
  publishConsent: z.boolean().default(false),
  receivedOn: z.iso.date('Ngày nhận không hợp lệ.').optional(),
  files: z
    .array(
      z.object({
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Mã tệp không hợp lệ.'),
        fileName: z.string().trim().min(1).max(255),
        identifying: z.boolean().optional(),
      }),
    )
    .max(20, 'Tối đa 20 tệp đính kèm.')
    .default([]),
});
export type IntakeInput = z.input<typeof intakeInputSchema>;

export const createdSchema = z.object({ id: z.string(), code: z.string(), secret: z.string() });

export const classifyInputSchema = z.object({
  kind: z.enum(CLASSIFIED_KINDS, 'Chọn loại đơn thư.'),
  field: optionalText(200),
  remote: z.boolean().optional(),
});
export const forwardInputSchema = z.object({
  agencyId: z.uuid('Chọn cơ quan nhận.'),
  reason: text(2000, 'lý do chuyển'),
});
export const reasonInputSchema = z.object({ reason: text(2000, 'lý do') });
export const duplicateInputSchema = z.object({ ofCode: text(60, 'mã đơn thư trước đó') });
export const assignInputSchema = z.object({
  settlers: z.array(z.uuid()).max(10),
  verifiers: z.array(z.uuid()).max(10).default([]),
});
export const acceptInputSchema = z.object({ documentId: z.uuid().optional() });
export const settleInputSchema = z.object({
  result: text(20000, 'kết quả giải quyết'),
  documentId: z.uuid().optional(),
});
export const publishInputSchema = z.object({
  question: text(20000, 'câu hỏi công khai'),
  answer: text(20000, 'câu trả lời công khai'),
});

export const staffSchema = z.object({
  people: z.array(z.object({ id: z.string(), name: z.string(), title: z.string(), role: z.string() })),
  agencies: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const figuresQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  month: z.coerce.number().int().min(1).max(12).optional(),
  quarter: z.coerce.number().int().min(1).max(4).optional(),
  scope: z.enum(['agency', 'province']).default('agency'),
});
export type FiguresQuery = z.infer<typeof figuresQuerySchema>;

export const figuresSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), label: z.string() }),
  scope: z.string(),
  totals: z.object({
    received: z.number(),
    settled: z.number(),
    settledOnTime: z.number(),
    settledLate: z.number(),
    openOverdue: z.number(),
    open: z.number(),
    forwarded: z.number(),
    refused: z.number(),
    duplicates: z.number(),
    rated: z.number(),
    satisfied: z.number(),
    /** QĐ 766: share handled on time (of those settled), satisfaction share (rated 4–5 of rated). */
    onTimeRate: z.number().nullable(),
    satisfactionRate: z.number().nullable(),
  }),
  byKind: z.array(z.object({ kind: z.string(), received: z.number(), onTime: z.number(), late: z.number() })),
  byField: z.array(z.object({ field: z.string(), received: z.number() })),
  byAgency: z.array(
    z.object({
      agencyId: z.string(),
      name: z.string(),
      received: z.number(),
      onTime: z.number(),
      late: z.number(),
    }),
  ),
  byMonth: z.array(z.object({ month: z.string(), received: z.number(), settled: z.number() })),
});
export type Figures = z.infer<typeof figuresSchema>;

export type { FeedbackKind, FeedbackStatus };

/** The public form (/cong-khai/phan-anh), after its field names are mapped. */
export const publicSubmissionSchema = z.object({
  declaredKind: z.enum(DECLARED_KINDS, 'Chọn loại: phản ánh, kiến nghị, khiếu nại hay tố cáo.'),
  agencyId: z.uuid('Chọn cơ quan nhận đơn.'),
  senderKind: z.enum(
    ['citizen', 'business', 'organisation'],
    'Chọn người gửi là cá nhân, doanh nghiệp hay tổ chức.',
  ),
  sender: senderSchema,
  subject: text(300, 'tóm tắt nội dung'),
  content: text(20000, 'nội dung'),
  field: optionalText(200),
  publishConsent: z.boolean(),
});
export type PublicSubmission = z.infer<typeof publicSubmissionSchema>;

import { z } from 'zod';
import { procedureContentSchema } from './procedure.ts';

/*
 * The shapes the citizens' pages (web/features/services/applicants) and the server share: the public
 * procedure, the applicant's account, an uploaded paper, the submission and its answer, and the
 * applicant's view of a dossier. Server routes declare these; the web imports their types.
 */

export const procedureSummarySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  field: z.string(),
  level: z.enum(['province', 'district', 'commune']),
  onlineLevel: z.enum(['none', 'partial', 'full']),
  processingDays: z.number(),
  agencies: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type ProcedureSummary = z.infer<typeof procedureSummarySchema>;

export const procedureListSchema = z.object({
  items: z.array(procedureSummarySchema),
  nextCursor: z.string().nullable(),
});
export type ProcedureList = z.infer<typeof procedureListSchema>;

/** A procedure as the public sees it: its current content (nothing in it is internal) and agencies. */
export const procedurePublicSchema = procedureSummarySchema.extend({
  version: z.number(),
  content: procedureContentSchema,
  updatedAt: z.string(),
});
export type ProcedurePublic = z.infer<typeof procedurePublicSchema>;

export const applicantProfileSchema = z.object({
  fullName: z.string().trim().min(1).max(200),
  kind: z.enum(['citizen', 'organisation']),
  idNumber: z
    .string()
    .trim()
    .regex(
      /^(\d{9}|\d{12}|\d{10}(-\d{3})?)$/,
      'Số CCCD (12 số), CMND (9 số) hoặc mã số thuế (10 hoặc 13 số).',
    )
    .optional(),
  phone: z
    .string()
    .trim()
    .regex(/^(\+84|0)\d{9,10}$/, 'Số điện thoại không đúng định dạng.')
    .optional(),
  address: z.string().trim().max(300).optional(),
});
export type ApplicantProfile = z.infer<typeof applicantProfileSchema>;

export const applicantMeSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  fullName: z.string().nullable(),
  kind: z.enum(['citizen', 'organisation']),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  csrfToken: z.string(),
});
export type ApplicantMe = z.infer<typeof applicantMeSchema>;

export const uploadedPaperSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string().min(1).max(255),
  mediaType: z.string(),
  size: z.number().int().positive(),
});
export type UploadedPaper = z.infer<typeof uploadedPaperSchema>;

export const paperRefSchema = z.object({
  paperKey: z.string().min(1).max(40),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Tệp đính kèm không hợp lệ.'),
  fileName: z.string().trim().min(1).max(255),
});
export type PaperRef = z.infer<typeof paperRefSchema>;

export const submitInputSchema = z.object({
  procedureCode: z.string().min(1).max(60),
  /** The receiving agency, one of the procedure's implementing agencies. */
  agencyId: z.uuid(),
  /** Made once when the form opens (crypto.randomUUID()): a retry or a double click sends it again. */
  idempotencyKey: z.uuid(),
  applicant: applicantProfileSchema.extend({
    email: z.email().max(200).optional(),
  }),
  form: z.record(z.string(), z.unknown()),
  papers: z.array(paperRefSchema).max(60),
});
export type SubmitInput = z.infer<typeof submitInputSchema>;

export const submitReplySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  /** Shown once to the applicant (and again on a retry of the same submission). */
  secret: z.string(),
  status: z.number(),
  submittedAt: z.string(),
  dueAt: z.string(),
  /** Whether this answer made the dossier (false: the same submission was received before). */
  created: z.boolean(),
});
export type SubmitReply = z.infer<typeof submitReplySchema>;

export const timelineEntrySchema = z.object({
  at: z.string(),
  kind: z.string(),
  status: z.number().nullable(),
  statusLabel: z.string().nullable(),
  /** The public note only: never an officer's name or an internal note. */
  note: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const supplementRequestSchema = z.object({
  id: z.uuid(),
  requestedAt: z.string(),
  reason: z.string(),
  items: z.array(
    z.object({
      paperKey: z.string().optional(),
      name: z.string(),
      originals: z.number(),
      copies: z.number(),
      note: z.string().optional(),
    }),
  ),
});
export type SupplementRequest = z.infer<typeof supplementRequestSchema>;

/** The applicant's (or a guest's with the secret) view of a dossier. */
export const applicantDossierSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  procedure: z.object({ code: z.string(), name: z.string() }),
  agency: z.object({ id: z.uuid(), name: z.string() }),
  status: z.number(),
  statusLabel: z.string(),
  channel: z.string(),
  submittedAt: z.string(),
  dueAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnMethod: z.string().nullable(),
  papers: z.array(z.object({ id: z.uuid(), paperKey: z.string(), fileName: z.string(), size: z.number() })),
  openSupplement: supplementRequestSchema.nullable(),
  timeline: z.array(timelineEntrySchema),
  /** The result can be downloaded (returned online). */
  resultAvailable: z.boolean(),
  rating: z.number().nullable(),
  canRate: z.boolean(),
});
export type ApplicantDossier = z.infer<typeof applicantDossierSchema>;

export const applicantDossierItemSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  procedureName: z.string(),
  agencyName: z.string(),
  status: z.number(),
  statusLabel: z.string(),
  submittedAt: z.string(),
  dueAt: z.string().nullable(),
});
export const applicantDossierListSchema = z.object({
  items: z.array(applicantDossierItemSchema),
  nextCursor: z.string().nullable(),
});
export type ApplicantDossierList = z.infer<typeof applicantDossierListSchema>;

export const supplementAnswerSchema = z.object({
  papers: z.array(paperRefSchema).min(1).max(30),
  note: z.string().trim().max(1000).optional(),
});
export type SupplementAnswer = z.infer<typeof supplementAnswerSchema>;

export const ratingInputSchema = z.object({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
});
export type RatingInput = z.infer<typeof ratingInputSchema>;

/** Header carrying a guest's tracking secret on the applicant routes (never in a URL). */
export const DOSSIER_SECRET_HEADER = 'x-dossier-secret';
/** Header carrying the applicant's CSRF token on state-changing applicant routes. */
export const APPLICANT_CSRF_HEADER = 'x-applicant-csrf';

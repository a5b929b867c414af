import { z } from 'zod';
import {
  documentTypeCodeSchema,
  SECRECY_CODES as SECRECY,
  URGENCY_CODES as URGENCY,
} from '../documents/decree30.ts';
import {
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATUSES,
  DOCUMENT_ACTIONS,
  DOCUMENT_STATUSES,
} from '../documents/workflow.ts';
import { fileSignatureView } from './signatures-verify.ts';

const isoDate = z.iso.date('Ngày không hợp lệ (yyyy-mm-dd)');

export const fileRef = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Mã SHA-256 của tệp không hợp lệ'),
  fileName: z.string().trim().min(1).max(255),
  role: z.enum(['main', 'attachment', 'result']).default('main'),
});
export type FileRef = z.infer<typeof fileRef>;

/** Registering an incoming document (paper or scanned), as the clerk types it. */
export const incomingInput = z
  .object({
    issuerAgencyId: z.uuid().nullable().optional(),
    issuerName: z.string().trim().max(300).optional(),
    numberNotation: z.string().trim().min(1, 'Nhập số, ký hiệu văn bản').max(100),
    typeCode: documentTypeCodeSchema,
    issuedDate: isoDate,
    summary: z.string().trim().min(3, 'Nhập trích yếu').max(2000),
    signerName: z.string().trim().max(200).optional(),
    signerTitle: z.string().trim().max(200).optional(),
    secrecy: z.enum(SECRECY).default('normal'),
    urgency: z.enum(URGENCY).default('normal'),
    pageCount: z.number().int().min(1).max(100_000).optional(),
    dueDate: isoDate.nullable().optional(),
    files: z.array(fileRef).max(50).default([]),
    /** Submit to this leader at once (the usual next step); omit to only register. */
    submitToId: z.uuid().nullable().optional(),
    /** Register even though the same document seems registered already. */
    allowDuplicate: z.boolean().default(false),
  })
  .refine((v) => v.issuerAgencyId || v.issuerName, {
    message: 'Chọn hoặc nhập cơ quan ban hành',
    path: ['issuerName'],
  });
export type IncomingInput = z.infer<typeof incomingInput>;

/** Registering a document that arrived electronically (pending → registered). */
export const registerArrivedInput = z.object({
  submitToId: z.uuid().nullable().optional(),
  dueDate: isoDate.nullable().optional(),
  allowDuplicate: z.boolean().default(false),
});

export const reasonInput = z.object({ reason: z.string().trim().min(3, 'Nêu lý do').max(2000) });

const handler = z
  .object({ divisionId: z.uuid().optional(), personId: z.uuid().optional() })
  .refine((h) => !!h.divisionId !== !!h.personId, {
    message: 'Chọn một phòng hoặc một người',
  });

/** The leader's direction (bút phê) and assignment. */
export const directInput = z.object({
  direction: z.string().trim().max(4000).default(''),
  lead: handler,
  coHandlers: z.array(handler).max(50).default([]),
  forInfo: z.array(handler).max(100).default([]),
  dueDate: isoDate.nullable().optional(),
});
export type DirectInput = z.infer<typeof directInput>;

export const reassignInput = z.object({
  personId: z.uuid(),
  dueDate: isoDate.nullable().optional(),
  note: z.string().max(2000).optional(),
});

export const progressInput = z.object({
  note: z.string().trim().min(1, 'Nhập nội dung').max(4000),
  files: z.array(fileRef).max(20).default([]),
  done: z.boolean().default(false),
});

export const recipientInput = z.object({
  kind: z.enum(['agency', 'outside']),
  agencyId: z.uuid().optional(),
  name: z.string().trim().max(300).optional(),
  email: z.email().optional(),
  /** QCVN 102 agency identifier of an outside recipient (delivered electronically when known). */
  agencyCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'Mã định danh cơ quan không hợp lệ')
    .optional(),
});

export const draftInput = z.object({
  typeCode: documentTypeCodeSchema,
  summary: z.string().trim().min(3, 'Nhập trích yếu').max(2000),
  recipients: z.array(recipientInput).max(500).default([]),
  secrecy: z.enum(SECRECY).default('normal'),
  urgency: z.enum(URGENCY).default('normal'),
  replyToId: z.uuid().nullable().optional(),
  dueDate: isoDate.nullable().optional(),
  pageCount: z.number().int().min(1).max(100_000).optional(),
  signerTitle: z.string().trim().max(200).optional(),
  files: z.array(fileRef).max(50).default([]),
});
export type DraftInput = z.infer<typeof draftInput>;

/** Editing a draft: only the fields sent change (no defaults, unlike draftInput). */
export const draftPatch = z.object({
  typeCode: documentTypeCodeSchema.optional(),
  summary: z.string().trim().min(3, 'Nhập trích yếu').max(2000).optional(),
  recipients: z.array(recipientInput).max(500).optional(),
  secrecy: z.enum(SECRECY).optional(),
  urgency: z.enum(URGENCY).optional(),
  dueDate: isoDate.nullable().optional(),
  pageCount: z.number().int().min(1).max(100_000).optional(),
  signerTitle: z.string().trim().max(200).optional(),
  files: z.array(fileRef).max(50).optional(),
});
export type DraftPatch = z.infer<typeof draftPatch>;

export const reviewInput = z.object({
  action: z.enum(['approve', 'return', 'sign']),
  note: z.string().trim().max(4000).optional(),
  /** Who reviews next when approving (defaults to the agency leader). */
  nextId: z.uuid().optional(),
});

export const documentListQuery = z.object({
  box: z
    .enum([
      'incoming',
      'outgoing',
      'to_register',
      'to_direct',
      'to_handle',
      'handled',
      'drafts',
      'to_review',
      'to_release',
      'sent',
      'due_soon',
      'overdue',
    ])
    .default('incoming'),
  q: z.string().trim().max(200).optional(),
  typeCode: z.string().max(50).optional(),
  status: z.string().max(30).optional(),
  secrecy: z.enum(SECRECY).optional(),
  urgency: z.enum(URGENCY).optional(),
  issuer: z.string().trim().max(200).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});
export type DocumentListQuery = z.infer<typeof documentListQuery>;

const person = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const documentSummaryView = z.object({
  id: z.uuid(),
  direction: z.enum(['incoming', 'outgoing']),
  status: z.enum(DOCUMENT_STATUSES),
  typeCode: z.string(),
  summary: z.string(),
  numberNotation: z.string().nullable(),
  issuedDate: z.string().nullable(),
  issuerName: z.string().nullable(),
  secrecy: z.string(),
  urgency: z.string(),
  arrivalNumber: z.number().int().nullable(),
  arrivedAt: z.string().nullable(),
  dueDate: z.string().nullable(),
  holder: person,
  createdAt: z.string(),
  snippet: z.string().optional(),
});
export type DocumentSummaryView = z.infer<typeof documentSummaryView>;

export const documentFileView = z.object({
  id: z.uuid(),
  sha256: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  role: z.string(),
  version: z.number().int(),
  current: z.boolean(),
  createdAt: z.string(),
  /** A PDF's digital signatures as verified (null: not a PDF, or not verified yet). */
  signature: fileSignatureView.nullable().optional(),
});

export const documentView = documentSummaryView.extend({
  number: z.number().int().nullable(),
  notation: z.string().nullable(),
  issuerAgencyId: z.uuid().nullable(),
  issuerCode: z.string().nullable(),
  signerName: z.string().nullable(),
  signerTitle: z.string().nullable(),
  pageCount: z.number().int().nullable(),
  source: z.string(),
  refusalReason: z.string().nullable(),
  directionNote: z.string().nullable(),
  replyToId: z.uuid().nullable(),
  recipients: z.array(
    z.object({
      kind: z.string(),
      agencyId: z.string().optional(),
      name: z.string(),
      email: z.string().optional(),
      agencyCode: z.string().optional(),
    }),
  ),
  files: z.array(documentFileView),
  assignments: z.array(
    z.object({
      id: z.uuid(),
      role: z.enum(ASSIGNMENT_ROLES),
      divisionId: z.uuid().nullable(),
      divisionName: z.string().nullable(),
      personId: z.uuid().nullable(),
      personName: z.string().nullable(),
      dueDate: z.string().nullable(),
      status: z.enum(ASSIGNMENT_STATUSES),
    }),
  ),
  events: z.array(
    z.object({
      id: z.uuid(),
      at: z.string(),
      actorName: z.string().nullable(),
      kind: z.string(),
      note: z.string().nullable(),
      data: z.unknown(),
    }),
  ),
  deliveries: z.array(
    z.object({
      id: z.uuid(),
      channel: z.string(),
      recipientName: z.string(),
      recipientAgencyId: z.uuid().nullable(),
      status: z.string(),
      statusAt: z.string(),
      note: z.string().nullable(),
    }),
  ),
  /** What the viewer may do now; the screens show exactly these buttons. */
  actions: z.array(z.enum(DOCUMENT_ACTIONS)),
});
export type DocumentView = z.infer<typeof documentView>;

/** What the server proposes from a file's text; the clerk confirms or corrects each field. */
export const prefillView = z.object({
  proposal: z.object({
    issuerName: z.string().optional(),
    issuerParentName: z.string().optional(),
    issuerId: z.string().optional(),
    numberNotation: z.string().optional(),
    number: z.string().optional(),
    notation: z.string().optional(),
    issuedDate: z.string().optional(),
    place: z.string().optional(),
    typeCode: z.string().optional(),
    typeName: z.string().optional(),
    summary: z.string().optional(),
    signer: z.string().optional(),
    signerTitle: z.string().optional(),
    signerAuthority: z.string().optional(),
    secrecy: z.string().optional(),
    urgency: z.string().optional(),
    /** 0–1 per field; below 0.8 the screen asks the clerk to check. */
    confidence: z.record(z.string(), z.number()),
  }),
  textLength: z.number().int(),
  needsOcr: z.boolean(),
  pages: z.number().int().nullable(),
  /** A scan's OCR run, when one was asked for: the proposal comes from its text once done. */
  ocr: z
    .object({
      status: z.string(),
      pagesDone: z.number().int(),
      pagesTotal: z.number().int().nullable(),
      error: z.string().nullable(),
    })
    .optional(),
});
export type PrefillView = z.infer<typeof prefillView>;

// ---- the other requests and answers of the documents API ----

/** The people and divisions of the agency that a document can be submitted or assigned to. */
export const colleaguesView = z.object({
  people: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      role: z.string(),
      title: z.string(),
      divisionId: z.uuid().nullable(),
    }),
  ),
  divisions: z.array(z.object({ id: z.uuid(), name: z.string(), shortName: z.string() })),
});
export type ColleaguesView = z.infer<typeof colleaguesView>;

export const dueDateQuery = z.object({ workingDays: z.coerce.number().int().min(0).max(365) });
export const dueDateView = z.object({ dueDate: z.string() });
export type DueDateView = z.infer<typeof dueDateView>;

export const prefillInput = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Mã SHA-256 không hợp lệ'),
});

/** A registered incoming document and its arrival number (số đến). */
export const numberedView = z.object({ id: z.uuid(), arrivalNumber: z.number().int() });
export type NumberedView = z.infer<typeof numberedView>;

export const submitInput = z.object({ leaderId: z.uuid() });
export const closeDocumentInput = z.object({ note: z.string().trim().max(4000).default('') });
export const submitReviewInput = z.object({ toId: z.uuid().optional() });

export const releaseInput = z.object({
  paperForSecret: z.boolean().default(false),
  /** Recipients whose agency code no installation serves get a paper delivery instead. */
  paperForUnknown: z.boolean().default(false),
});
export const releaseResult = z.object({ id: z.uuid(), number: z.number().int(), numberNotation: z.string() });
export type ReleaseResult = z.infer<typeof releaseResult>;

export const updateReleasedInput = reasonInput.extend({
  summary: z.string().trim().min(3).max(2000).optional(),
  files: draftInput.shape.files,
});

/** A printed register: the period (at most a year) and, for outgoing documents, the secret series. */
export const registerPrintQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** The separate register of secret outgoing documents (Decree 30/2020, Art. 15.2). */
  secret: z.stringbool().default(false),
});
/** The list export: the list's filters, every page. */
export const documentExportQuery = documentListQuery.omit({ limit: true, cursor: true });

import { z } from 'zod';
import { pageQuery } from './common.ts';
import { incomingInput } from './documents.ts';

export const MAIL_SECURITY = ['tls', 'starttls', 'none'] as const;
export const NOTICE_MODES = ['immediate', 'digest', 'off'] as const;
export const NOTICE_CATEGORIES = ['assigned', 'due_soon', 'overdue', 'returned', 'arrived', 'other'] as const;

const host = z.string().trim().min(1, 'Nhập địa chỉ máy chủ').max(255);
const port = z.coerce.number().int().min(1, 'Cổng không hợp lệ').max(65535, 'Cổng không hợp lệ');

/** The agency's official mailbox; `password` only when setting or changing it. */
export const mailAccountInput = z.object({
  address: z.email('Địa chỉ thư không hợp lệ'),
  displayName: z.string().trim().min(1, 'Nhập tên hiển thị').max(200),
  username: z.string().trim().min(1, 'Nhập tên đăng nhập').max(255),
  password: z.string().min(1).max(1000).optional(),
  imapHost: host,
  imapPort: port,
  imapSecurity: z.enum(MAIL_SECURITY),
  mailbox: z.string().trim().min(1).max(200).default('INBOX'),
  smtpHost: host,
  smtpPort: port,
  smtpSecurity: z.enum(MAIL_SECURITY),
  signature: z.string().max(2000).default(''),
  maxAttachmentMb: z.coerce.number().int().min(1).max(200).default(25),
  pollEnabled: z.boolean().default(true),
});
export type MailAccountInput = z.infer<typeof mailAccountInput>;

export const mailAccountView = mailAccountInput.omit({ password: true }).extend({
  id: z.uuid(),
  hasPassword: z.boolean(),
  lastPollAt: z.string().nullable(),
  lastPollStatus: z.string().nullable(),
  lastPollSummary: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
});
export type MailAccountView = z.infer<typeof mailAccountView>;

/** The mailbox as the admin screen shows it (none configured yet: null). */
export const mailAccountReply = z.object({ account: mailAccountView.nullable() });
export const savedMailAccountReply = z.object({ account: mailAccountView });
export type MailAccountReply = z.infer<typeof mailAccountReply>;
export type SavedMailAccountReply = z.infer<typeof savedMailAccountReply>;

/** A connection test of one protocol: did it work, and what the server said. */
export const mailCheckView = z.object({ ok: z.boolean(), detail: z.string() });
export const mailTestResult = z.object({ imap: mailCheckView, smtp: mailCheckView });
export type MailCheckView = z.infer<typeof mailCheckView>;
export type MailTestResult = z.infer<typeof mailTestResult>;

/** What one reading of the mailbox found. */
export const pollSummary = z.object({
  fetched: z.number().int(),
  created: z.number().int(),
  broken: z.number().int(),
  duplicates: z.number().int(),
  skipped: z.number().int(),
});
export type PollSummary = z.infer<typeof pollSummary>;
export const pollResult = z.object({ ok: z.boolean(), summary: pollSummary, error: z.string().optional() });
export type PollResult = z.infer<typeof pollResult>;

export const candidateFileView = z.object({
  sha256: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number(),
});

export const candidateView = z.object({
  id: z.uuid(),
  status: z.enum(['new', 'registered', 'dismissed', 'broken']),
  fromAddress: z.string().nullable(),
  fromName: z.string().nullable(),
  subject: z.string(),
  bodyText: z.string(),
  sentAt: z.string().nullable(),
  receivedAt: z.string(),
  files: z.array(candidateFileView),
  skippedFiles: z.array(z.object({ fileName: z.string(), reason: z.string() })),
  hasRaw: z.boolean(),
  reason: z.string().nullable(),
  documentId: z.uuid().nullable(),
  replyToDocumentId: z.uuid().nullable(),
});
export type CandidateView = z.infer<typeof candidateView>;

export const candidateListQuery = pageQuery(100, 50).extend({
  status: z.enum(['waiting', 'new', 'broken', 'registered', 'dismissed']).default('waiting'),
  replyTo: z.uuid().optional().describe('Chỉ thư trả lời văn bản đi này (mọi trạng thái)'),
});
export type CandidateListQuery = z.infer<typeof candidateListQuery>;

/** Registering a candidate: the incoming form's fields; files default to every file of the mail. */
export const registerCandidateInput = z
  .object({
    ...incomingInput.shape,
    files: z
      .array(
        z.object({
          sha256: z.string().regex(/^[0-9a-f]{64}$/),
          fileName: z.string().trim().min(1).max(255),
          role: z.enum(['main', 'attachment']).default('main'),
        }),
      )
      .max(50)
      .optional(),
  })
  .refine((v) => v.issuerAgencyId || v.issuerName, {
    message: 'Chọn hoặc nhập cơ quan ban hành',
    path: ['issuerName'],
  });
export type RegisterCandidateInput = z.infer<typeof registerCandidateInput>;

export const outboxView = z.object({
  id: z.uuid(),
  kind: z.string(),
  toAddress: z.string(),
  toName: z.string().nullable(),
  subject: z.string(),
  /** queued | sending | retrying | failed | sent | cancelled */
  state: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
  messageId: z.string(),
  documentId: z.uuid().nullable(),
});
export type OutboxView = z.infer<typeof outboxView>;

export const mailOutboxQuery = pageQuery(100, 50).extend({
  state: z.enum(['pending', 'failed', 'sent', 'cancelled']).optional(),
});
export type MailOutboxQuery = z.infer<typeof mailOutboxQuery>;

export const preferencesView = z.object({
  email: z.string().nullable(),
  items: z.array(z.object({ kind: z.enum(NOTICE_CATEGORIES), mode: z.enum(NOTICE_MODES) })),
});
export const preferencesInput = z.object({
  items: z.array(z.object({ kind: z.enum(NOTICE_CATEGORIES), mode: z.enum(NOTICE_MODES) })).max(20),
});
export type PreferencesView = z.infer<typeof preferencesView>;

import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../db/columns.ts';
import { agencies } from '../agencies/schema.ts';
import { people } from '../people/schema.ts';

/** tls = implicit TLS (993/465), starttls = upgrade after connect (143/587), none = plain (loopback only). */
export type MailSecurity = 'tls' | 'starttls' | 'none';

/**
 * The agency's official mailbox (one per agency): IMAP to read it, SMTP to send from it. The password
 * is stored encrypted (AES-256-GCM, key MAIL_SECRET_KEY) and never returned by the API.
 */
export const mailAccounts = pgTable('mail_accounts', {
  id: idColumn(),
  agencyId: uuid('agency_id')
    .notNull()
    .unique()
    .references(() => agencies.id),
  address: text('address').notNull(),
  displayName: text('display_name').notNull(),
  username: text('username').notNull(),
  /** base64(iv | tag | ciphertext), see crypto.ts. */
  secretEnc: text('secret_enc').notNull(),
  imapHost: text('imap_host').notNull(),
  imapPort: integer('imap_port').notNull(),
  imapSecurity: text('imap_security').$type<MailSecurity>().notNull(),
  mailbox: text('mailbox').notNull().default('INBOX'),
  smtpHost: text('smtp_host').notNull(),
  smtpPort: integer('smtp_port').notNull(),
  smtpSecurity: text('smtp_security').$type<MailSecurity>().notNull(),
  /** Signature block appended to every mail sent for the agency. */
  signature: text('signature').notNull().default(''),
  /** Attachments larger than this set the message aside (oversize) instead of importing it. */
  maxAttachmentBytes: bigint('max_attachment_bytes', { mode: 'number' })
    .notNull()
    .default(25 * 1024 * 1024),
  pollEnabled: boolean('poll_enabled').notNull().default(true),
  /** IMAP UIDVALIDITY and the highest UID already looked at. */
  uidValidity: bigint('uid_validity', { mode: 'number' }),
  lastUid: bigint('last_uid', { mode: 'number' }).notNull().default(0),
  lastPollAt: timestamp('last_poll_at', { withTimezone: true }),
  /** ok | error */
  lastPollStatus: text('last_poll_status'),
  lastPollSummary: text('last_poll_summary'),
  lastError: text('last_error'),
  lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export interface CandidateFile {
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
}

/**
 * A message read from the official mailbox, waiting for the clerk ("từ thư điện tử"):
 * new → registered (an incoming document) | dismissed (with a reason). broken = set aside by the
 * poller with its reason (bad MIME, unknown charset, oversize attachment); the raw message is kept.
 */
export const mailCandidates = pgTable(
  'mail_candidates',
  {
    id: idColumn(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => mailAccounts.id),
    /** Message-ID header (or a derived one when missing). */
    messageId: text('message_id').notNull(),
    /** SHA-256 of the raw message: a second guard against importing the same mail twice. */
    contentHash: text('content_hash').notNull(),
    imapUid: bigint('imap_uid', { mode: 'number' }),
    fromAddress: text('from_address'),
    fromName: text('from_name'),
    subject: text('subject').notNull().default(''),
    bodyText: text('body_text').notNull().default(''),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    files: jsonb('files').$type<CandidateFile[]>().notNull().default([]),
    /** Attachments not kept (refused type…), with the reason, so nothing disappears silently. */
    skippedFiles: jsonb('skipped_files')
      .$type<{ fileName: string; reason: string }[]>()
      .notNull()
      .default([]),
    /** The whole message as received (message/rfc822), in the blob store. */
    rawSha256: text('raw_sha256'),
    rawSize: bigint('raw_size', { mode: 'number' }).notNull().default(0),
    /** Our outgoing document this mail replies to (In-Reply-To/References matched our Message-ID). */
    replyToDocumentId: uuid('reply_to_document_id'),
    status: text('status').notNull().default('new'),
    reason: text('reason'),
    documentId: uuid('document_id'),
    decidedById: uuid('decided_by_id').references(() => people.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('mail_candidates_msgid_uq').on(t.agencyId, t.messageId),
    uniqueIndex('mail_candidates_hash_uq').on(t.agencyId, t.contentHash),
    index('mail_candidates_list_idx').on(t.agencyId, t.status, t.id),
    index('mail_candidates_reply_idx').on(t.replyToDocumentId, t.id),
  ],
);

export const NOTICE_MODES = ['immediate', 'digest', 'off'] as const;
export type NoticeMode = (typeof NOTICE_MODES)[number];

/** How a person wants each kind of notice by mail; no row = immediate. */
export const mailPreferences = pgTable(
  'mail_preferences',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    kind: text('kind').notNull(),
    mode: text('mode').$type<NoticeMode>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.kind] })],
);

/** Notices waiting for a person's daily digest. */
export const mailDigestItems = pgTable(
  'mail_digest_items',
  {
    notificationId: uuid('notification_id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
    /** The outgoing mail that carried it; null while waiting. */
    outboxId: uuid('outbox_id'),
  },
  (t) => [index('mail_digest_pending_idx').on(t.personId).where(sql`outbox_id IS NULL`)],
);

export interface OutboxAttachment {
  sha256: string;
  fileName: string;
  mediaType: string;
}

/**
 * Every mail the system sends, one row each, sent by the `mail.send` job:
 * queued → sent | cancelled; failed = the job ran out of attempts (dead letter) and waits for an admin.
 * The Message-ID is fixed when the row is written, so a retry after a crash carries the same id.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: idColumn(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** notice | digest | document | test */
    kind: text('kind').notNull(),
    personId: uuid('person_id').references(() => people.id),
    toAddress: text('to_address').notNull(),
    toName: text('to_name'),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    attachments: jsonb('attachments').$type<OutboxAttachment[]>().notNull().default([]),
    messageId: text('message_id').notNull().unique(),
    documentId: uuid('document_id'),
    deliveryId: uuid('delivery_id'),
    /** Source of the mail, unique so the same notice or delivery is never queued twice. */
    sourceKey: text('source_key').unique(),
    status: text('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    smtpResponse: text('smtp_response'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('mail_outbox_list_idx').on(t.agencyId, t.status, t.id),
    index('mail_outbox_doc_idx').on(t.documentId),
  ],
);

import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  DeclaredKind,
  FeedbackChannel,
  FeedbackKind,
  FeedbackStatus,
  SenderKind,
} from '../../../shared/feedback/rules.ts';
import { createdAt, idColumn, tsvector, updatedAt } from '../../db/columns.ts';
import { agencies } from '../agencies/schema.ts';
import { people } from '../people/schema.ts';

/*
 * Citizens' feedback (phản ánh, kiến nghị), complaints (khiếu nại) and denunciations (tố cáo):
 * received online, at the reception desk or by post, classified, forwarded or handled under the
 * regime's own time limits, answered, and (for feedback on regulations) published. Facts:
 * ../shared/domain/services-facts.md §C; rules in src/shared/feedback.
 *
 * The sender's identity (name, address, contacts, ID number, the original text that may name them)
 * is never a column here: it is sealed with AES-256-GCM in `feedback_identities`, under a key kept
 * out of the database (identity.ts). Every other table holds only what a verifier may see.
 */

export const feedbackItems = pgTable(
  'feedback_items',
  {
    id: idColumn(),
    /** {agency code}-PA-{yyMMdd}-{NNNN}: per receiving agency per day. */
    code: text('code').notNull().unique(),
    /** The agency that received it first (its register, sổ tiếp nhận). */
    receivedAgencyId: uuid('received_agency_id')
      .notNull()
      .references(() => agencies.id),
    /** The agency handling it now (changes when it is forwarded). */
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** Agencies it was forwarded from, in order: forwarding back to one of them is refused. */
    forwardPath: uuid('forward_path').array().notNull().default(sql`'{}'::uuid[]`),
    /** unclassified | regulation | complaint | denunciation | proposal | out_of_scope (shared/feedback/kinds.ts) */
    kind: text('kind').$type<FeedbackKind>().notNull().default('unclassified'),
    /** What the sender chose on the form (kept for the register; `kind` is the agency's classification). */
    declaredKind: text('declared_kind').$type<DeclaredKind>().notNull(),
    /** online | desk | post */
    channel: text('channel').$type<FeedbackChannel>().notNull(),
    /** received | accepted | forwarded | refused | duplicate | settled */
    status: text('status').$type<FeedbackStatus>().notNull().default('received'),
    /** citizen | business | organisation */
    senderKind: text('sender_kind').$type<SenderKind>().notNull().default('citizen'),
    subject: text('subject').notNull(),
    /** The text as a verifier may read it: for a denunciation, with the denouncer's details removed. */
    content: text('content').notNull(),
    field: text('field'),
    /** The sender lives in a remote, hard-to-reach area (complaints: longer limits). */
    remote: boolean('remote').notNull().default(false),
    /** Complaints: 1 (lần đầu) or 2 (lần hai). */
    instance: smallint('instance').notNull().default(1),
    /** The first-instance item a second-instance complaint continues. */
    previousItemId: uuid('previous_item_id'),
    /** Another item this one repeats: linked, not handled twice. */
    duplicateOfId: uuid('duplicate_of_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** When the receiving agency must have classified and forwarded or accepted it. */
    classifyDueAt: timestamp('classify_due_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    /** The settlement limit (moves with each extension). */
    settleDueAt: timestamp('settle_due_at', { withTimezone: true }),
    extensions: smallint('extensions').notNull().default(0),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    /** What the sender is told (the answer, the reason of a refusal, where it was forwarded). */
    result: text('result'),
    /** An outgoing document of the documents module (the notice of acceptance, the decision). */
    acceptanceDocumentId: uuid('acceptance_document_id'),
    decisionDocumentId: uuid('decision_document_id'),
    /** The sender agreed that the question and answer may be published (personal data removed). */
    publishConsent: boolean('publish_consent').notNull().default(false),
    publicQuestion: text('public_question'),
    publicAnswer: text('public_answer'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** 1–5, once, after the answer. */
    satisfaction: smallint('satisfaction'),
    satisfactionComment: text('satisfaction_comment'),
    /** SHA-256 of the tracking secret (the secret itself is derived from the id, never stored). */
    secretHash: text('secret_hash').notNull(),
    /** The public form's one-time token: a retried post answers the same item. */
    formNonce: text('form_nonce').unique(),
    receivedBy: uuid('received_by').references(() => people.id),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`to_tsvector('simple', regexp_replace(lt_norm(code || ' ' || subject || ' ' || content || ' ' || coalesce(field, '')), '[^a-z0-9]+', ' ', 'g'))`,
    ),
    boardVector: tsvector('board_vector').generatedAlwaysAs(
      sql`to_tsvector('simple', regexp_replace(lt_norm(coalesce(public_question, '') || ' ' || coalesce(public_answer, '') || ' ' || coalesce(field, '')), '[^a-z0-9]+', ' ', 'g'))`,
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Ascending on purpose: the lists ORDER BY received_at DESC, id DESC (NULLS FIRST, PostgreSQL's
    // default for DESC), which a backward scan of an ascending index gives; an index declared
    // `.desc()` is DESC NULLS LAST, matches no such ORDER BY, and left the register to read and sort
    // the agency's every item (bench/README.md, feedback).
    index('feedback_items_agency_idx').on(t.agencyId, t.receivedAt, t.id),
    index('feedback_items_received_agency_idx').on(t.receivedAgencyId, t.receivedAt, t.id),
    index('feedback_items_open_due_idx')
      .on(t.agencyId, t.settleDueAt)
      .where(sql`status IN ('received', 'accepted')`),
    index('feedback_items_settled_idx').on(t.agencyId, t.settledAt),
    index('feedback_items_search_idx').using('gin', t.searchVector),
    index('feedback_items_board_idx').using('gin', t.boardVector),
    index('feedback_items_published_idx').on(t.publishedAt, t.id).where(sql`published_at IS NOT NULL`),
    check(
      'feedback_items_kind_ck',
      sql`${t.kind} IN ('unclassified','regulation','complaint','denunciation','proposal','out_of_scope')`,
    ),
    check(
      'feedback_items_status_ck',
      sql`${t.status} IN ('received','accepted','forwarded','refused','duplicate','settled')`,
    ),
    check('feedback_items_channel_ck', sql`${t.channel} IN ('online','desk','post')`),
    check('feedback_items_rating_ck', sql`${t.satisfaction} BETWEEN 1 AND 5`),
  ],
);

/**
 * The sender's identity, sealed (AES-256-GCM, key out of the database): JSON of name, address,
 * phone, e-mail, ID number and the original text. Read only through identity.ts, and for a
 * denunciation only by the settlers named on the case, each read audited.
 */
export const feedbackIdentities = pgTable('feedback_identities', {
  itemId: uuid('item_id')
    .primaryKey()
    .references(() => feedbackItems.id),
  sealed: text('sealed').notNull(),
});

/** The people named on a case: settlers (see the identity) and verifiers (see the stripped copy). */
export const feedbackCaseMembers = pgTable(
  'feedback_case_members',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => feedbackItems.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** settler | verifier */
    role: text('role').notNull(),
    assignedBy: uuid('assigned_by').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.personId] }),
    index('feedback_case_members_person_idx').on(t.personId),
    check('feedback_case_members_role_ck', sql`${t.role} IN ('settler','verifier')`),
  ],
);

/**
 * Attachments (the scanned letter, evidence). `identifying` marks a file that shows who sent it
 * (the signed letter, an ID card): for a denunciation it is withheld from everyone but the settlers.
 */
export const feedbackFiles = pgTable(
  'feedback_files',
  {
    id: idColumn(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => feedbackItems.id),
    blobSha256: text('blob_sha256').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    identifying: boolean('identifying').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('feedback_files_item_idx').on(t.itemId)],
);

/** The item's history: internal notes for staff, `public_note` for the sender's tracking page. */
export const feedbackEvents = pgTable(
  'feedback_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => feedbackItems.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id').references(() => people.id),
    agencyId: uuid('agency_id').references(() => agencies.id),
    note: text('note'),
    publicNote: text('public_note'),
    detail: jsonb('detail').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index('feedback_events_item_idx').on(t.itemId, t.id)],
);

/** The per-agency, per-day counter behind the codes. */
export const feedbackCounters = pgTable(
  'feedback_counters',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    day: date('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.day] })],
);

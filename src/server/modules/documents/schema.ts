import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
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
import {
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATUSES,
  DIRECTIONS,
  DOCUMENT_STATUSES,
  INCOMING_STATUSES,
  OUTGOING_STATUSES,
} from '../../../shared/documents/workflow.ts';
import { createdAt, idColumn, tsvector, updatedAt } from '../../db/columns.ts';
import { agencies } from '../agencies/schema.ts';
import { people } from '../people/schema.ts';

/** A list of the workflow's values for a CHECK constraint: the database refuses any other text. */
const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * Registers (sổ đăng ký văn bản) of an agency. Numbers run per register per calendar year
 * (Decree 30/2020, Art. 15.1 and 22.2); secret documents use their own outgoing series (Art. 15.2).
 */
export const registers = pgTable(
  'registers',
  {
    id: idColumn(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** incoming | outgoing */
    direction: text('direction').notNull(),
    /** Separate series for secret outgoing documents. */
    secret: boolean('secret').notNull().default(false),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('registers_agency_kind_uq').on(t.agencyId, t.direction, t.secret)],
);

/** The last number given in a register for a year; incremented inside the registering transaction. */
export const registerCounters = pgTable(
  'register_counters',
  {
    registerId: uuid('register_id')
      .notNull()
      .references(() => registers.id),
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.registerId, t.year] })],
);

/**
 * One row per document held by one agency: an incoming document (văn bản đến) or an outgoing one
 * (dự thảo → văn bản đi). A document released to another agency of the installation becomes a
 * separate incoming row there, so an agency only ever reads its own rows.
 */
export const documents = pgTable(
  'documents',
  {
    id: idColumn(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    direction: text('direction', { enum: DIRECTIONS }).notNull(),
    /**
     * incoming: pending (arrived, not registered) | registered | submitted | assigned | done | refused | cancelled
     * outgoing: draft | in_review | returned | signed | released | recalled
     * (src/shared/documents/workflow.ts; checked per direction by `documents_status_ck`)
     */
    status: text('status', { enum: DOCUMENT_STATUSES }).notNull(),
    typeCode: text('type_code').notNull(),
    summary: text('summary').notNull(),
    /** Number and notation as printed, e.g. 10/2006/CT-TTg (incoming) or 05/QĐ-UBND (outgoing once numbered). */
    numberNotation: text('number_notation'),
    number: integer('number'),
    notation: text('notation'),
    issuedDate: date('issued_date'),
    /** Issuer as it was when the record was made (the tree may change later). */
    issuerAgencyId: uuid('issuer_agency_id').references(() => agencies.id),
    issuerName: text('issuer_name'),
    issuerCode: text('issuer_code'),
    signerName: text('signer_name'),
    signerTitle: text('signer_title'),
    /** normal | mat | toi_mat | tuyet_mat (Decree 30, Appendix I, III.2) */
    secrecy: text('secrecy').notNull().default('normal'),
    /** normal | khan | thuong_khan | hoa_toc */
    urgency: text('urgency').notNull().default('normal'),
    pageCount: integer('page_count'),
    copies: integer('copies'),
    dueDate: date('due_date'),
    /** paper | electronic (from another agency here) | mail | edxml */
    source: text('source').notNull().default('paper'),
    registerId: uuid('register_id').references(() => registers.id),
    /** The register year the number belongs to (numbers restart each 1 January). */
    registerYear: integer('register_year'),
    arrivalNumber: integer('arrival_number'),
    arrivedAt: timestamp('arrived_at', { withTimezone: true }),
    /** For an incoming copy: the sender's outgoing document and delivery. */
    sourceDocumentId: uuid('source_document_id'),
    deliveryId: uuid('delivery_id'),
    /** An outgoing document answering an incoming one. */
    replyToId: uuid('reply_to_id'),
    drafterId: uuid('drafter_id').references(() => people.id),
    draftingDivisionId: uuid('drafting_division_id').references(() => agencies.id),
    /** Who must act next (reviewer, leader, clerk); null when it waits on a group (e.g. the clerks). */
    holderId: uuid('holder_id').references(() => people.id),
    /** Outgoing: recipients [{kind: agency|division|outside, agencyId?, name, email?}]. */
    recipients: jsonb('recipients').notNull().default(sql`'[]'::jsonb`),
    directionNote: text('direction_note'),
    signedById: uuid('signed_by_id').references(() => people.id),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    refusalReason: text('refusal_reason'),
    /** Text extracted from the files, for search (capped). */
    fileText: text('file_text'),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      // Punctuation becomes spaces, so "10/2006/CT-TTg" is found by "10 2006", "ct-ttg" or "CT TTg"; the
      // type code is the type's name without diacritics (chi_thi → "chi thi"), so "chi thi 10" finds it.
      sql`to_tsvector('simple', regexp_replace(lt_norm(type_code || ' ' || coalesce(number_notation, '') || ' ' || summary || ' ' || coalesce(issuer_name, '') || ' ' || coalesce(left(file_text, 200000), '')), '[^a-z0-9]+', ' ', 'g'))`,
    ),
    numberNorm: text('number_norm').generatedAlwaysAs(sql`lt_norm(coalesce(number_notation, ''))`),
    createdById: uuid('created_by_id').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('documents_agency_list_idx').on(t.agencyId, t.direction, t.createdAt, t.id),
    index('documents_agency_status_idx').on(t.agencyId, t.direction, t.status, t.createdAt, t.id),
    index('documents_holder_idx').on(t.holderId, t.createdAt).where(sql`holder_id IS NOT NULL`),
    index('documents_search_idx').using('gin', t.searchVector),
    index('documents_number_trgm_idx').using('gin', sql`number_norm gin_trgm_ops`),
    index('documents_dup_idx').on(t.agencyId, t.numberNotation, t.issuedDate),
    uniqueIndex('documents_arrival_uq')
      .on(t.registerId, t.registerYear, t.arrivalNumber)
      .where(sql`arrival_number IS NOT NULL`),
    uniqueIndex('documents_number_uq')
      .on(t.registerId, t.registerYear, t.number)
      .where(sql`number IS NOT NULL`),
    index('documents_source_idx').on(t.sourceDocumentId),
    // The measured figures (reports): released, arrived and due in a period, across agencies.
    index('documents_released_idx')
      .on(t.releasedAt)
      .where(sql`direction = 'outgoing' AND status = 'released'`),
    index('documents_arrived_idx').on(t.arrivedAt).where(sql`direction = 'incoming'`),
    index('documents_due_date_idx').on(t.dueDate).where(sql`direction = 'incoming' AND due_date IS NOT NULL`),
    index('documents_due_idx')
      .on(t.agencyId, t.dueDate)
      .where(sql`due_date IS NOT NULL AND status NOT IN ('done','cancelled','refused')`),
    check('documents_direction_ck', sql`${t.direction} IN (${inList(DIRECTIONS)})`),
    check(
      'documents_status_ck',
      sql`(${t.direction} = 'incoming' AND ${t.status} IN (${inList(INCOMING_STATUSES)})) OR (${t.direction} = 'outgoing' AND ${t.status} IN (${inList(OUTGOING_STATUSES)}))`,
    ),
  ],
);

/** Files of a document; drafts keep every version. Bytes live in the blob store (by SHA-256). */
export const documentFiles = pgTable(
  'document_files',
  {
    id: idColumn(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** main | attachment | result */
    role: text('role').notNull().default('main'),
    version: integer('version').notNull().default(1),
    /** False once a newer version replaces it (drafts) or the document is updated after release. */
    current: boolean('current').notNull().default(true),
    uploadedById: uuid('uploaded_by_id').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('document_files_doc_idx').on(t.documentId, t.createdAt),
    // The documents holding a file (OCR: who may see a scan, which documents its text refreshes).
    index('document_files_sha_idx').on(t.sha256),
  ],
);

/** Who handles an incoming document: lead (chủ trì), co-handler (phối hợp) or for information (để biết). */
export const assignments = pgTable(
  'document_assignments',
  {
    id: idColumn(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    /** lead | co | info */
    role: text('role', { enum: ASSIGNMENT_ROLES }).notNull(),
    divisionId: uuid('division_id').references(() => agencies.id),
    personId: uuid('person_id').references(() => people.id),
    dueDate: date('due_date'),
    /** open | done */
    status: text('status', { enum: ASSIGNMENT_STATUSES }).notNull().default('open'),
    assignedById: uuid('assigned_by_id').references(() => people.id),
    /** A re-assignment inside a division points at the division's assignment. */
    parentId: uuid('parent_id'),
    createdAt: createdAt(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    index('assignments_person_idx').on(t.personId, t.status, t.createdAt),
    index('assignments_division_idx').on(t.divisionId, t.status, t.createdAt),
    index('assignments_doc_idx').on(t.documentId),
    check('document_assignments_role_ck', sql`${t.role} IN (${inList(ASSIGNMENT_ROLES)})`),
    check('document_assignments_status_ck', sql`${t.status} IN (${inList(ASSIGNMENT_STATUSES)})`),
  ],
);

/** Everything that happened to a document, in order: the timeline and the "phiếu giải quyết". */
export const documentEvents = pgTable(
  'document_events',
  {
    id: idColumn(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    kind: text('kind').notNull(),
    note: text('note'),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index('document_events_doc_idx').on(t.documentId, t.at)],
);

/** People named on a secret document: the only ones who may see it. */
export const documentReaders = pgTable(
  'document_readers',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.personId] }),
    index('document_readers_person_idx').on(t.personId),
  ],
);

/**
 * One recipient of a released outgoing document, with the recipient's status as the sender sees it:
 * delivered | registered | refused | assigned | done | recalled (internal), pending (paper/mail/outside).
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: idColumn(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    /** internal | paper | mail | edxml */
    channel: text('channel').notNull(),
    recipientAgencyId: uuid('recipient_agency_id').references(() => agencies.id),
    recipientName: text('recipient_name').notNull(),
    recipientEmail: text('recipient_email'),
    status: text('status').notNull(),
    statusAt: timestamp('status_at', { withTimezone: true }).notNull().defaultNow(),
    note: text('note'),
    incomingDocumentId: uuid('incoming_document_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('deliveries_doc_idx').on(t.documentId),
    index('deliveries_recipient_idx').on(t.recipientAgencyId, t.status),
  ],
);

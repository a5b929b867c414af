import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../db/columns.ts';
import { agencies } from '../agencies/schema.ts';
import { documents } from '../documents/schema.ts';
import { people } from '../people/schema.ts';

/**
 * Retention is stored as a number of years; NULL means permanent (vĩnh viễn). Decree 30/2020,
 * Appendix V, I.4: "Vĩnh viễn hoặc thời hạn bằng số năm cụ thể".
 */

/** The dossier plan (danh mục hồ sơ) of an agency for one year (Decree 30/2020, Art. 28, Appendix V). */
export const dossierPlans = pgTable(
  'dossier_plans',
  {
    id: idColumn(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: integer('year').notNull(),
    /** The leader's approving decision as printed under the title ("Kèm theo Quyết định số …"). */
    decision: text('decision'),
    createdById: uuid('created_by_id').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('dossier_plans_agency_year_uq').on(t.agencyId, t.year)],
);

/**
 * One line of a plan, in order: a large heading (roman numeral), a small heading (arabic numeral
 * inside its large heading) or a dossier (notation, title, retention, responsible person).
 */
export const dossierPlanEntries = pgTable(
  'dossier_plan_entries',
  {
    id: idColumn(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => dossierPlans.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** heading | subheading | dossier */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** Dossier notation (số và ký hiệu hồ sơ, e.g. 01.TCCB); headings: their abbreviation. */
    notation: text('notation'),
    retentionYears: integer('retention_years'),
    responsible: text('responsible'),
    note: text('note'),
  },
  (t) => [index('dossier_plan_entries_plan_idx').on(t.planId, t.position)],
);

/**
 * A work dossier (hồ sơ công việc). FileCode = OrganId + FileCatalog (year) + FileNotation
 * (Decree 30/2020, Appendix VI, Part II, table 3).
 * status: open | closed | transferred (received by the agency archive) | disposed
 */
export const dossiers = pgTable(
  'dossiers',
  {
    id: idColumn(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    planEntryId: uuid('plan_entry_id').references(() => dossierPlanEntries.id, { onDelete: 'set null' }),
    organId: text('organ_id').notNull(),
    year: integer('year').notNull(),
    notation: text('notation').notNull(),
    fileCode: text('file_code').notNull(),
    title: text('title').notNull(),
    retentionYears: integer('retention_years'),
    /** Chế độ sử dụng */
    rights: text('rights').notNull().default('Hạn chế'),
    language: text('language').notNull().default('Tiếng Việt'),
    creatorId: uuid('creator_id')
      .notNull()
      .references(() => people.id),
    creatorName: text('creator_name').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    docTotal: integer('doc_total'),
    pageTotal: integer('page_total'),
    description: text('description'),
    status: text('status').notNull().default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    transferId: uuid('transfer_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('dossiers_file_code_uq').on(t.agencyId, t.fileCode),
    index('dossiers_agency_list_idx').on(t.agencyId, t.status, t.createdAt, t.id),
    index('dossiers_creator_idx').on(t.creatorId, t.createdAt),
  ],
);

/**
 * An item of a dossier, numbered in order: a document of the agency (linked by id, never copied; a
 * document may sit in several dossiers) or another file (kind 'file', bytes in the blob store).
 */
export const dossierItems = pgTable(
  'dossier_items',
  {
    id: idColumn(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    ordinal: integer('ordinal').notNull(),
    /** document | file */
    kind: text('kind').notNull(),
    documentId: uuid('document_id').references(() => documents.id),
    title: text('title'),
    sha256: text('sha256'),
    fileName: text('file_name'),
    mediaType: text('media_type'),
    size: bigint('size', { mode: 'number' }),
    pageCount: integer('page_count'),
    itemDate: date('item_date'),
    addedById: uuid('added_by_id').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('dossier_items_dossier_idx').on(t.dossierId, t.ordinal),
    uniqueIndex('dossier_items_doc_uq').on(t.dossierId, t.documentId).where(sql`document_id IS NOT NULL`),
    index('dossier_items_document_idx').on(t.documentId),
  ],
);

/**
 * A transfer (nộp lưu) of closed dossiers to the agency archive: the transfer list, the package
 * (built by a job, stored as a blob) and the hand-over record (biên bản giao nhận).
 * status: building | ready | failed | received
 */
export const archiveTransfers = pgTable(
  'archive_transfers',
  {
    id: idColumn(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    title: text('title').notNull(),
    status: text('status').notNull().default('building'),
    dossierCount: integer('dossier_count').notNull(),
    filesTotal: integer('files_total').notNull().default(0),
    filesDone: integer('files_done').notNull().default(0),
    packageSha256: text('package_sha256'),
    packageSize: bigint('package_size', { mode: 'number' }),
    error: text('error'),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => people.id),
    createdByName: text('created_by_name').notNull(),
    /** The hand-over record: giver, receiver, condition, date. */
    handover: jsonb('handover'),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('archive_transfers_agency_idx').on(t.agencyId, t.createdAt, t.id)],
);

/**
 * The agency archive's holdings, imported from verified packages. Read-only: a trigger refuses
 * UPDATE and DELETE (custom migration), so what the archive received stays as received.
 */
export const archiveRecords = pgTable(
  'archive_records',
  {
    id: idColumn(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    transferId: uuid('transfer_id'),
    packageSha256: text('package_sha256').notNull(),
    fileCode: text('file_code').notNull(),
    title: text('title').notNull(),
    retentionYears: integer('retention_years'),
    endDate: date('end_date'),
    /** The dossier's Appendix VI metadata and its documents', as read from the package. */
    metadata: jsonb('metadata').notNull(),
    /** [{path, sha256, size}] of the dossier's files in the package (bytes kept in the blob store). */
    files: jsonb('files').notNull(),
    importedById: uuid('imported_by_id').references(() => people.id),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('archive_records_code_uq').on(t.agencyId, t.fileCode, t.packageSha256),
    index('archive_records_agency_idx').on(t.agencyId, t.importedAt, t.id),
  ],
);

/** What remains of a disposed dossier: its metadata, its item list and the leader's decision. */
export const dossierTombstones = pgTable(
  'dossier_tombstones',
  {
    id: idColumn(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    fileCode: text('file_code').notNull(),
    decisionNumber: text('decision_number').notNull(),
    decisionDate: date('decision_date').notNull(),
    reason: text('reason').notNull(),
    decidedById: uuid('decided_by_id')
      .notNull()
      .references(() => people.id),
    decidedByName: text('decided_by_name').notNull(),
    metadata: jsonb('metadata').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('dossier_tombstones_dossier_uq').on(t.dossierId)],
);

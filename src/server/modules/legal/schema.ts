import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  check,
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
import { createdAt, idColumn, normalized, tsvector, updatedAt } from '../../db/columns.ts';
import { agencies } from '../agencies/schema.ts';
import { documents } from '../documents/schema.ts';
import { people } from '../people/schema.ts';

/*
 * The legal documents base (cơ sở dữ liệu văn bản QPPL), the provincial official gazette (công báo)
 * and the copies (sao y, sao lục, trích sao) an agency makes and sends through the documents module.
 * Facts: ../shared/domain/legal-docs.md §1–3; Decree 30/2020 Art. 25 and Appendix I Part II (copies).
 */

/**
 * Issuing bodies (cơ quan ban hành): the central ones from src/shared/legal/catalogue.ts, and the
 * province's own (HĐND, UBND, Chủ tịch UBND of the province, districts, communes) added here. Imports
 * name a body by `code` or by its name without diacritics.
 */
export const legalIssuers = pgTable(
  'legal_issuers',
  {
    id: idColumn(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    nameNorm: normalized('name_norm', 'name'),
    /** central | local */
    level: text('level').notNull(),
    /** The agency of this installation that issues as this body (UBND tỉnh), if any. */
    agencyId: uuid('agency_id').references(() => agencies.id),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('legal_issuers_name_norm_uq').on(t.nameNorm),
    check('legal_issuers_level_ck', sql`${t.level} IN ('central','local')`),
  ],
);

/**
 * A legal document with the properties of vbpl.vn's "Thuộc tính" tab. Every record is public (the
 * first directive: regulations are public on the network); `agencyId` is the agency that keeps it.
 * The effect status is computed (effect.ts, status.ts); `statusNow` only caches it as of
 * `statusAsOf` for the public filter "status as of today" and is recomputed daily and after changes.
 */
export const legalDocuments = pgTable(
  'legal_documents',
  {
    id: idColumn(),
    /** The agency that entered and keeps the record (the office, or the issuing agency for its own). */
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** central | local: a central document brought into the province, or the province's own. */
    origin: text('origin').notNull(),
    /** Số ký hiệu, e.g. "14/2019/QĐ-UBND". */
    numberNotation: text('number_notation').notNull(),
    numberNorm: normalized('number_norm', 'number_notation'),
    /** LEGAL_TYPES code (src/shared/legal/catalogue.ts). */
    typeCode: text('type_code').notNull(),
    issuerId: uuid('issuer_id')
      .notNull()
      .references(() => legalIssuers.id),
    signerName: text('signer_name'),
    /** Chức danh of the signer, e.g. "Chủ tịch", "KT. Chủ tịch - Phó Chủ tịch". */
    signerTitle: text('signer_title'),
    /** Trích yếu: the title ("Quyết định ban hành Quy định về …"). */
    title: text('title').notNull(),
    issuedDate: date('issued_date').notNull(),
    /** Ngày có hiệu lực: never before the issue date. */
    effectiveFrom: date('effective_from').notNull(),
    /** Ngày hết hiệu lực by the document's own term (first day without effect); links end it too. */
    effectiveTo: date('effective_to'),
    /** Phạm vi, e.g. "Toàn quốc", "Tỉnh Vĩnh Long". */
    scope: text('scope'),
    /** Ngành. */
    sector: text('sector'),
    /** Lĩnh vực: LEGAL_FIELDS code 1–27. */
    fieldCode: integer('field_code'),
    /** The issue of this province's gazette that carried it (set when the issue is published). */
    gazetteIssueId: uuid('gazette_issue_id').references((): AnyPgColumn => gazetteIssues.id),
    /** For a central document: "Công báo số 1271 đến 1276, năm 2015" (Nguồn thu thập). */
    gazetteSource: text('gazette_source'),
    gazetteDate: date('gazette_date'),
    summary: text('summary'),
    /** Toàn văn, from the main file (text layer, DOCX, or OCR of a scan) or typed. */
    fullText: text('full_text'),
    /** file | ocr | entered: where fullText came from. */
    textSource: text('text_source'),
    /**
     * A guiding or detailing document's own status under the 2025 law (Art. 57.2: it stays in force
     * when its parent is replaced unless its end is announced): stored, never derived. Only a
     * document that guides another may carry one. With the date and the announcing document.
     */
    declaredStatus: text('declared_status'),
    declaredFrom: date('declared_from'),
    declaredById: uuid('declared_by_id').references((): AnyPgColumn => legalDocuments.id),
    /** The status as of `statusAsOf`, cached for filters; recomputed (never typed). */
    statusNow: text('status_now').notNull().default('in_force'),
    statusAsOf: date('status_as_of'),
    /** The released document of the documents module this record was made from, if any. */
    sourceDocumentId: uuid('source_document_id').references(() => documents.id),
    importBatchId: uuid('import_batch_id'),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`to_tsvector('simple', regexp_replace(lt_norm(number_notation || ' ' || title || ' ' || coalesce(summary, '') || ' ' || coalesce(left(full_text, 200000), '')), '[^a-z0-9]+', ' ', 'g'))`,
    ),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('legal_documents_number_uq').on(t.numberNorm, t.issuerId),
    index('legal_documents_search_idx').using('gin', t.searchVector),
    index('legal_documents_number_trgm_idx').using('gin', sql`number_norm gin_trgm_ops`),
    index('legal_documents_issued_idx').on(t.issuedDate, t.id),
    index('legal_documents_type_idx').on(t.typeCode, t.issuedDate, t.id),
    index('legal_documents_issuer_idx').on(t.issuerId, t.issuedDate, t.id),
    index('legal_documents_status_idx').on(t.statusNow, t.issuedDate, t.id),
    index('legal_documents_agency_idx').on(t.agencyId, t.updatedAt),
    check('legal_documents_origin_ck', sql`${t.origin} IN ('central','local')`),
    check('legal_documents_effect_ck', sql`${t.effectiveFrom} >= ${t.issuedDate}`),
    check(
      'legal_documents_expiry_ck',
      sql`${t.effectiveTo} IS NULL OR ${t.effectiveTo} > ${t.effectiveFrom}`,
    ),
    check('legal_documents_field_ck', sql`${t.fieldCode} IS NULL OR ${t.fieldCode} BETWEEN 1 AND 27`),
  ],
);

/** A file of a legal document (bytes in the blob store by SHA-256): the main text, annexes, a scan. */
export const legalDocumentFiles = pgTable(
  'legal_document_files',
  {
    id: idColumn(),
    legalDocumentId: uuid('legal_document_id')
      .notNull()
      .references(() => legalDocuments.id, { onDelete: 'cascade' }),
    /** main | attachment */
    role: text('role').notNull().default('main'),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [index('legal_document_files_doc_idx').on(t.legalDocumentId, t.createdAt)],
);

/**
 * A typed link, read from its source: "source <kind> target" (RELATION_KINDS). `effectiveDate` is
 * when it changes the target's effect (default: the source's effective date); `endsOn` closes a
 * suspension; `articles` names the articles concerned ("Điều 5, khoản 2 Điều 7").
 */
export const legalRelations = pgTable(
  'legal_relations',
  {
    id: idColumn(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => legalDocuments.id, { onDelete: 'cascade' }),
    targetId: uuid('target_id')
      .notNull()
      .references(() => legalDocuments.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    articles: text('articles'),
    effectiveDate: date('effective_date'),
    endsOn: date('ends_on'),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('legal_relations_uq').on(t.sourceId, t.kind, t.targetId),
    index('legal_relations_target_idx').on(t.targetId, t.kind),
    check('legal_relations_self_ck', sql`${t.sourceId} <> ${t.targetId}`),
  ],
);

/**
 * An import of a back catalogue (CSV, xlsx or JSON): checked as a whole first; nothing is written
 * while a row has an error. Kept for its report.
 */
export const legalImports = pgTable('legal_imports', {
  id: idColumn(),
  agencyId: uuid('agency_id')
    .notNull()
    .references(() => agencies.id),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull(),
  /** checked | imported | failed */
  state: text('state').notNull(),
  /** The mapping of the file's columns to fields. */
  mapping: jsonb('mapping'),
  rows: integer('rows').notNull().default(0),
  /** [{ row, field, message }] */
  errors: jsonb('errors'),
  createdBy: uuid('created_by').references(() => people.id),
  createdAt: createdAt(),
});

// ---------------------------------------------------------------------------------------------
// The official gazette (công báo)

/** Who publishes the gazette (Văn phòng UBND tỉnh): one row, set by the system administrator. */
export const gazetteSettings = pgTable('gazette_settings', {
  id: integer('id').primaryKey().default(1),
  officeAgencyId: uuid('office_agency_id')
    .notNull()
    .references(() => agencies.id),
  /** The title printed on the cover, e.g. "CÔNG BÁO TỈNH VĨNH LONG". */
  title: text('title').notNull(),
  updatedAt: updatedAt(),
});

/**
 * An issue of the gazette: numbered in sequence within a year, often combined ("Số 1271 + 1272":
 * numberFrom 1271, numberTo 1272). Published issues never change.
 */
export const gazetteIssues = pgTable(
  'gazette_issues',
  {
    id: idColumn(),
    year: integer('year').notNull(),
    numberFrom: integer('number_from').notNull(),
    numberTo: integer('number_to').notNull(),
    issueDate: date('issue_date').notNull(),
    /** draft | published */
    state: text('state').notNull().default('draft'),
    /** The generated PDF (cover, contents, each document) in the blob store, once published. */
    pdfSha256: text('pdf_sha256'),
    pdfSize: bigint('pdf_size', { mode: 'number' }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => people.id),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('gazette_issues_from_uq').on(t.year, t.numberFrom),
    uniqueIndex('gazette_issues_to_uq').on(t.year, t.numberTo),
    index('gazette_issues_list_idx').on(t.state, t.issueDate, t.id),
    check('gazette_issues_range_ck', sql`${t.numberTo} >= ${t.numberFrom} AND ${t.numberFrom} > 0`),
    check('gazette_issues_state_ck', sql`${t.state} IN ('draft','published')`),
  ],
);

/**
 * A document on its way into the gazette: submitted by the issuing agency (within 3 days of signing),
 * accepted by the gazette office (received), placed in an issue at a position, published (within 7
 * days of receipt), or returned with a reason (../shared/domain/legal-docs.md §3).
 */
export const gazetteItems = pgTable(
  'gazette_items',
  {
    id: idColumn(),
    legalDocumentId: uuid('legal_document_id')
      .notNull()
      .references(() => legalDocuments.id),
    submittedByAgencyId: uuid('submitted_by_agency_id')
      .notNull()
      .references(() => agencies.id),
    submittedBy: uuid('submitted_by').references(() => people.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    /** submitted | accepted | placed | published | returned */
    state: text('state').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    issueId: uuid('issue_id').references(() => gazetteIssues.id),
    position: integer('position'),
    returnReason: text('return_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('gazette_items_document_uq').on(t.legalDocumentId).where(sql`state <> 'returned'`),
    index('gazette_items_state_idx').on(t.state, t.submittedAt),
    index('gazette_items_issue_idx').on(t.issueId, t.position),
    check(
      'gazette_items_state_ck',
      sql`${t.state} IN ('submitted','accepted','placed','published','returned')`,
    ),
  ],
);

// ---------------------------------------------------------------------------------------------
// Copies (sao y, sao lục, trích sao)

/**
 * A copy an agency made (Decree 30, Art. 25) with its number in the agency's series of copies
 * ("được đánh chung cho các loại bản sao", Appendix I Part II.1.c: from 01 each 1 January), e.g.
 * 05/SL-VP. Its source is a legal document or a document of the documents module; it travels as the
 * outgoing document `outgoingDocumentId` of the documents module.
 */
export const legalCopies = pgTable(
  'legal_copies',
  {
    id: idColumn(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    /** "05/SL-VP" */
    numberNotation: text('number_notation').notNull(),
    /** sao_y | sao_luc | trich_sao */
    form: text('form').notNull(),
    legalDocumentId: uuid('legal_document_id').references(() => legalDocuments.id),
    documentId: uuid('document_id').references(() => documents.id),
    outgoingDocumentId: uuid('outgoing_document_id').references(() => documents.id),
    /** For an excerpt (trích sao): the part copied. */
    excerpt: text('excerpt'),
    /** The recipients chosen: agency ids, and the groups picked ("all_departments", …). */
    recipients: jsonb('recipients').notNull(),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('legal_copies_number_uq').on(t.agencyId, t.year, t.number),
    index('legal_copies_legal_idx').on(t.legalDocumentId, t.createdAt),
    index('legal_copies_document_idx').on(t.documentId, t.createdAt),
    check('legal_copies_form_ck', sql`${t.form} IN ('sao_y','sao_luc','trich_sao')`),
    check('legal_copies_source_ck', sql`${t.legalDocumentId} IS NOT NULL OR ${t.documentId} IS NOT NULL`),
  ],
);

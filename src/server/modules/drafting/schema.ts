import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../db/columns.ts';
import { agencies } from '../agencies/schema.ts';
import { documents } from '../documents/schema.ts';
import { people } from '../people/schema.ts';

/*
 * Drafting in the Decree 30/2020 layout (Appendix I): DOCX templates per document type, which an
 * agency's administrator may replace with its own, and the structured draft an officer fills
 * (header, body, signature block, recipients) from which the DOCX and its PDF are made.
 */

/**
 * An agency's own template for a document type (the built-in one is used where none is current).
 * Replacing a template retires the current row and adds a new one, so a draft made from an earlier
 * version can still say which it was.
 */
export const documentTemplates = pgTable(
  'document_templates',
  {
    id: idColumn(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** A document type code of shared/documents (e.g. CV, QD, TB, GM). */
    typeCode: text('type_code').notNull(),
    /** The DOCX in the blob store. */
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    /** 1, 2, … per agency and type. */
    version: integer('version').notNull(),
    createdById: uuid('created_by_id').references(() => people.id),
    createdAt: createdAt(),
    /** Set when a newer version replaced it or the agency went back to the built-in template. */
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [index('document_templates_agency_type_idx').on(t.agencyId, t.typeCode, t.version)],
);

/**
 * The structured draft of an outgoing document made from a template: the fields of Appendix I the
 * officer fills (the rest come from the agency, the signer and the register) and the body.
 */
export const documentDrafts = pgTable('document_drafts', {
  documentId: uuid('document_id')
    .primaryKey()
    .references(() => documents.id),
  /** The agency template used (null: the built-in one). */
  templateId: uuid('template_id').references(() => documentTemplates.id),
  /** Header, signature block and recipients as the officer set them (shared/drafting schema). */
  fields: jsonb('fields').notNull(),
  /** The body as paragraphs of plain text (one per line). */
  body: text('body').notNull().default(''),
  /** The document file version last made from these fields (null: not made yet). */
  madeVersion: integer('made_version'),
  updatedById: uuid('updated_by_id').references(() => people.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

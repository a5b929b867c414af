import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, normalized, updatedAt } from '../../db/columns.ts';

/**
 * The tree of agencies (cơ quan, đơn vị) and the divisions inside them (phòng, ban).
 * Both shapes of tree work: province → department/district → commune (before 2025) and
 * province → department/commune (after the 2025 reform removed the district level).
 */
export const agencies = pgTable(
  'agencies',
  {
    id: idColumn(),
    parentId: uuid('parent_id').references((): AnyPgColumn => agencies.id),
    /** province | department | district | commune | division | other — see AGENCY_KINDS. */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** Abbreviation used in document notations, e.g. UBND, SNV, VP (Decree 30, Appendix I). */
    shortName: text('short_name').notNull(),
    /** QCVN 102 identifier NNN.NN.NN.Xnn; divisions inside an agency usually have none. */
    agencyCode: text('agency_code'),
    /** active | merged | dissolved: units are never deleted, so old records keep their names. */
    status: text('status').notNull().default('active'),
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => agencies.id),
    email: text('email'),
    address: text('address'),
    sortOrder: text('sort_order').notNull().default(''),
    nameNorm: normalized('name_norm', 'name'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('agencies_code_active_uq')
      .on(t.agencyCode)
      .where(sql`agency_code IS NOT NULL AND status = 'active'`),
    index('agencies_parent_idx').on(t.parentId, t.sortOrder, t.id),
    index('agencies_name_trgm_idx').using('gin', sql`name_norm gin_trgm_ops`),
    index('agencies_list_idx').on(t.name, t.id),
  ],
);

/** Every change of name, code, parent or status, with the values before and after. */
export const agencyHistory = pgTable(
  'agency_history',
  {
    id: idColumn(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** created | updated | moved | merged | dissolved | imported */
    change: text('change').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    actorId: uuid('actor_id'),
    /**
     * The actor's name when the change was made, kept with the row like audit_log.actor_name and
     * document_events.actor_name: agencies may not read people's tables (people depends on agencies,
     * and hears of merges through the agencyMerged hook, so a call back into people would be an import
     * cycle), and a record keeps the name its author had then. Null: the system, or rows older than it.
     */
    actorName: text('actor_name'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agency_history_agency_idx').on(t.agencyId, t.at)],
);

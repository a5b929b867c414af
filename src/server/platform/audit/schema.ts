import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit log. Each row's hash covers its own fields and the previous
 * row's hash, so `lienthong audit verify` finds any edited or removed row. Rows are never updated.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    agencyId: uuid('agency_id'),
    /** Dotted verb, e.g. auth.login, agency.update, person.disable, document.read_secret. */
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    ip: text('ip'),
    detail: jsonb('detail').notNull().default(sql`'{}'::jsonb`),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorId, t.seq),
    index('audit_agency_idx').on(t.agencyId, t.seq),
    index('audit_action_idx').on(t.action, t.seq),
    index('audit_entity_idx').on(t.entityType, t.entityId),
  ],
);

/**
 * The newest hash of each chain (an agency's id, or 'none'). Appending locks the chain's row until
 * commit, which serialises appends to one chain in one statement (an advisory lock plus a read of the
 * newest row took two), and verification compares each chain's end with it, so removing the newest
 * rows of a chain is found too.
 */
export const auditHeads = pgTable('audit_heads', {
  chain: text('chain').primaryKey(),
  hash: text('hash').notNull(),
  /** The hash before the newest row (set with it, so an append learns both in one statement). */
  prevHash: text('prev_hash'),
});

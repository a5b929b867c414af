import { and, asc, desc, eq, gt, gte, lt, lte, type SQL, sql } from 'drizzle-orm';
import { type Db, hotRows, rows } from '../../db/client.ts';
import type { Actor } from '../access/actor.ts';
import { type AuditFields, auditBody, auditHash, GENESIS_HASH } from './chain.ts';
import { auditHeads, auditLog } from './schema.ts';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: string;
  agencyId?: string | null;
  detail?: Record<string, unknown>;
}

/** Who did it: a signed-in actor, or the system itself (CLI, jobs, sign-in attempts by name). */
export type AuditWho =
  | Pick<Actor, 'personId' | 'fullName' | 'agencyId' | 'ip'>
  | { system: string; ip?: string };

// The log is one hash chain per agency (plus one for rows without an agency), so agencies append in
// parallel: one global chain serialised every commit of the installation (measured: 78 registrations/s
// with 24 clerks, all waiting on it). The chain's row in audit_heads is its lock and its newest hash.

function auditAgency(who: AuditWho, entry: AuditEntry): string | null {
  if (entry.agencyId !== undefined) return entry.agencyId;
  return 'system' in who ? null : who.agencyId;
}

function auditFields(who: AuditWho, entry: AuditEntry, at = new Date()): AuditFields {
  const system = 'system' in who;
  return {
    at,
    actorId: system ? null : who.personId,
    actorName: system ? who.system : who.fullName,
    agencyId: auditAgency(who, entry),
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    ip: who.ip ?? null,
    // Round-trip through JSON so the hash covers exactly what jsonb will return.
    detail: JSON.parse(JSON.stringify(entry.detail ?? {})),
  };
}

/** SHA-256(prev ‖ '\n' ‖ body) as hex, in SQL: the same as auditHash (chain.ts). */
const linkHashSql = (prev: SQL, body: string) =>
  sql`encode(sha256(convert_to(${prev} || E'\n' || ${body}::text, 'UTF8')), 'hex')`;

/**
 * One audit row appended to its agency's chain, as two WITH items of the caller's own statement:
 * `audit_head` moves the chain's head to the new row's hash and `audit_row` inserts the row. The head's
 * row lock serialises appenders until commit, and after waiting for one, the SET expressions see the
 * head it left, so every row links to the one before it. The hash is computed by the database, since
 * the previous hash is only known under the lock: one statement per append, where reading the head
 * first and then writing took two. `after` names a CTE that must run first (lock order: a register's
 * counter before the chain) and gates the append (no row from it, no audit row).
 */
export function appendAuditSql(who: AuditWho, entry: AuditEntry, after?: SQL): SQL {
  const fields = auditFields(who, entry);
  const agencyId = fields.agencyId;
  const body = auditBody(fields);
  return sql`audit_head AS (
        INSERT INTO audit_heads (chain, hash, prev_hash)
        SELECT ${agencyId ?? 'none'}, ${linkHashSql(sql`${GENESIS_HASH}::text`, body)}, ${GENESIS_HASH} ${after ? sql`FROM ${after}` : sql``}
        ON CONFLICT (chain) DO UPDATE
          SET prev_hash = audit_heads.hash, hash = ${linkHashSql(sql`audit_heads.hash`, body)}
        RETURNING prev_hash, hash),
      audit_row AS (
        INSERT INTO audit_log (at, actor_id, actor_name, agency_id, action, entity_type, entity_id, ip, detail, prev_hash, hash)
        SELECT ${fields.at}::timestamptz, ${fields.actorId}::uuid, ${fields.actorName}, ${fields.agencyId}::uuid, ${fields.action},
               ${fields.entityType}, ${fields.entityId}, ${fields.ip}, ${JSON.stringify(fields.detail)}::jsonb, prev_hash, hash
          FROM audit_head)`;
}

/** Appends one row to its agency's hash chain: one statement, inside the caller's transaction if any. */
export async function audit(db: Db, who: AuditWho, entry: AuditEntry): Promise<void> {
  await hotRows(db, sql`WITH ${appendAuditSql(who, entry)} SELECT 1`);
}

/**
 * Appends many rows at once (a batch of packages received from another installation): per chain,
 * one statement locks its head and reads the newest hash (creating the head of a new chain), and one
 * moves the head and inserts the rows, hashed here in order. Chains are locked in a fixed order, so
 * two batches cannot deadlock on them.
 */
export async function auditMany(db: Db, who: AuditWho, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  // The head stays locked from the read to the append: inside the caller's transaction (a savepoint
  // then), or in one of its own.
  await db.transaction((tx) => appendMany(tx, who, entries));
}

async function appendMany(db: Db, who: AuditWho, entries: AuditEntry[]): Promise<void> {
  const at = new Date();
  const byChain = new Map<string, AuditFields[]>();
  for (const e of entries) {
    const f = auditFields(who, e, at);
    const chain = f.agencyId ?? 'none';
    byChain.set(chain, [...(byChain.get(chain) ?? []), f]);
  }
  for (const chain of [...byChain.keys()].sort()) {
    const list = byChain.get(chain)!;
    const [head] = await hotRows<{ hash: string }>(
      db,
      sql`INSERT INTO audit_heads (chain, hash, prev_hash) VALUES (${chain}, ${GENESIS_HASH}, ${GENESIS_HASH})
          ON CONFLICT (chain) DO UPDATE SET chain = excluded.chain RETURNING hash`,
    );
    let prev = head!.hash;
    const rowsIn = list.map((f) => {
      const hash = auditHash(prev, f);
      const row = {
        at: f.at.toISOString(),
        actor_id: f.actorId,
        actor_name: f.actorName,
        agency_id: f.agencyId,
        action: f.action,
        entity_type: f.entityType,
        entity_id: f.entityId,
        ip: f.ip,
        detail: f.detail,
        prev_hash: prev,
        hash,
      };
      prev = hash;
      return row;
    });
    await hotRows(
      db,
      sql`WITH head AS (UPDATE audit_heads SET prev_hash = ${rowsIn.at(-1)!.prev_hash}, hash = ${prev} WHERE chain = ${chain})
          INSERT INTO audit_log (at, actor_id, actor_name, agency_id, action, entity_type, entity_id, ip, detail, prev_hash, hash)
          SELECT at, actor_id, actor_name, agency_id, action, entity_type, entity_id, ip, detail, prev_hash, hash
            FROM jsonb_to_recordset(${JSON.stringify(rowsIn)}::jsonb) AS r(at timestamptz, actor_id uuid,
                 actor_name text, agency_id uuid, action text, entity_type text, entity_id text, ip text,
                 detail jsonb, prev_hash text, hash text)`,
    );
  }
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; reason: string };
}

/**
 * Walks the chains in order, in pages, and reports the first row whose link or hash does not hold,
 * then checks that every chain reaches the head it had when the walk began (rows appended meanwhile
 * are fine; a chain that stops short lost its newest rows).
 */
export async function verifyAuditChain(db: Db, pageSize = 2000): Promise<VerifyResult> {
  const startHeads = new Map((await db.select().from(auditHeads)).map((h) => [h.chain, h.hash]));
  const reached = new Set<string>();
  // The last hash of each agency's chain seen so far (a few hundred entries, not the table).
  const heads = new Map<string, string>();
  let lastSeq = 0;
  let checked = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, lastSeq))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    if (page.length === 0) break;
    for (const row of page) {
      const chain = row.agencyId ?? 'none';
      const prevHash = heads.get(chain) ?? GENESIS_HASH;
      if (row.prevHash !== prevHash) {
        const reason = heads.has(chain)
          ? 'a row before it was removed or changed'
          : 'the first row does not start the chain';
        return { ok: false, checked, firstBroken: { seq: row.seq, reason } };
      }
      const expected = auditHash(prevHash, row);
      if (expected !== row.hash)
        return { ok: false, checked, firstBroken: { seq: row.seq, reason: 'the row was edited' } };
      heads.set(chain, row.hash);
      if (startHeads.get(chain) === row.hash) reached.add(chain);
      lastSeq = row.seq;
      checked++;
    }
  }
  for (const [chain, hash] of startHeads) {
    if (hash !== GENESIS_HASH && !reached.has(chain))
      return {
        ok: false,
        checked,
        firstBroken: { seq: lastSeq + 1, reason: `the newest rows of chain ${chain} were removed` },
      };
  }
  return { ok: true, checked };
}

export interface AuditQuery {
  actorId?: string;
  agencyIds?: string[];
  action?: string;
  from?: Date;
  to?: Date;
  /** Keyset cursor: rows with seq below this. */
  beforeSeq?: number;
  limit: number;
}

/** Newest first, keyset-paginated on seq. */
export async function listAudit(db: Db, q: AuditQuery) {
  const where: SQL[] = [];
  if (q.actorId) where.push(eq(auditLog.actorId, q.actorId));
  if (q.agencyIds)
    where.push(
      sql`${auditLog.agencyId} IN ${q.agencyIds.length ? q.agencyIds : ['00000000-0000-0000-0000-000000000000']}`,
    );
  if (q.action) where.push(sql`${auditLog.action} LIKE ${`${q.action.replace(/[%_]/g, '')}%`}`);
  if (q.from) where.push(gte(auditLog.at, q.from));
  if (q.to) where.push(lte(auditLog.at, q.to));
  if (q.beforeSeq) where.push(lt(auditLog.seq, q.beforeSeq));
  const rowsOut = await db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.seq))
    .limit(q.limit + 1);
  const more = rowsOut.length > q.limit;
  const items = rowsOut.slice(0, q.limit);
  return { items, nextCursor: more ? String(items[items.length - 1]!.seq) : null };
}

/**
 * How many entries of this action were written today (Asia/Ho_Chi_Minh), in these agencies when
 * given (an agency admin's scope) or anywhere: e.g. the sign-ins on the admin home page.
 */
export async function countActionsToday(db: Db, action: string, agencyIds?: string[]): Promise<number> {
  const [r] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action}
          AND at >= (date_trunc('day', now() AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh')
          ${agencyIds ? sql`AND agency_id IN ${agencyIds.length ? agencyIds : ['00000000-0000-0000-0000-000000000000']}` : sql``}`,
  );
  return r?.n ?? 0;
}

import { type SQL, sql } from 'drizzle-orm';
import { LAW_2025_FROM } from '../../../../shared/legal/statuses.ts';
import { type Db, rows } from '../../../db/client.ts';

/*
 * The effect status of every legal document as of a date, set-based: the SQL twin of
 * src/shared/legal/effect.ts (effectStatus, expiryOf), held together by status.test.ts.
 *
 * 1. legal_direct: each document's first own expiry (own term, replacement or repeal, declared
 *    "expired"), as (date, cause, cause's issue date), earliest first.
 * 2. legal_expiry: the same with the 2015 cascade (Art. 154.2) from the documents it guides, whose
 *    cause was issued before LAW_2025_FROM, unless its declared status already holds then. Computed
 *    level by level (a guiding chain Law → Decree → Circular is a few levels), each level one
 *    statement over the whole table, until nothing changes.
 * 3. One UPDATE of the rows whose status changed, with status_as_of = the date it changed as of.
 *    Unchanged rows are not written: an update rewrites the row and its indexes (the search vector
 *    among them), and a daily run changes a few rows of 300,000 (measured on PostgreSQL, 100,000
 *    documents and 300,000 links: 7 s after a bulk load, 44,000 rows changed; 1.5 s a day later).
 */

const MAX_LEVELS = 12;

/** The causes ordered as effect.ts compareExpiry orders them. */
const FIRST = sql.raw('ORDER BY doc, d, cause_issued, cause_id');

export interface RecomputeResult {
  documents: number;
  changed: number;
}

/**
 * Recomputes status_now as of `asOf` for every document, or, with `ids`, for those and every
 * document guiding them (the cascade runs upwards). Runs in the caller's transaction if any.
 */
export async function recomputeStatuses(
  db: Db,
  asOf: string,
  ids?: readonly string[],
): Promise<RecomputeResult> {
  if (ids && ids.length === 0) return { documents: 0, changed: 0 };
  return db.transaction(async (tx) => {
    const exec = (q: SQL) => tx.execute(q);
    for (const t of ['legal_scope', 'legal_down', 'legal_direct', 'legal_expiry', 'legal_expiry_next'])
      await exec(sql.raw(`DROP TABLE IF EXISTS pg_temp.${t}`));
    let inDown = (_col: SQL) => sql`true`;
    let inScope = (_col: SQL) => sql`true`;
    if (ids) {
      // The documents touched and all that guide them, then all they guide (their expiries are needed).
      await exec(sql`CREATE TEMP TABLE legal_scope ON COMMIT DROP AS
        WITH RECURSIVE up(id) AS (
          SELECT unnest(${`{${ids.join(',')}}`}::uuid[])
          UNION SELECT r.source_id FROM legal_relations r JOIN up ON r.target_id = up.id WHERE r.kind = 'guides')
        SELECT id FROM up`);
      await exec(sql`CREATE TEMP TABLE legal_down ON COMMIT DROP AS
        WITH RECURSIVE down(id) AS (
          SELECT id FROM legal_scope
          UNION SELECT r.target_id FROM legal_relations r JOIN down ON r.source_id = down.id WHERE r.kind = 'guides')
        SELECT id FROM down`);
      inDown = (col) => sql`${col} IN (SELECT id FROM legal_down)`;
      inScope = (col) => sql`${col} IN (SELECT id FROM legal_scope)`;
    }
    await exec(sql`CREATE TEMP TABLE legal_direct ON COMMIT DROP AS
      SELECT DISTINCT ON (doc) doc, d, cause_id, cause_issued FROM (
        SELECT x.id AS doc, x.effective_to AS d, x.id AS cause_id, x.issued_date AS cause_issued
          FROM legal_documents x WHERE x.effective_to IS NOT NULL AND ${inDown(sql`x.id`)}
        UNION ALL
        SELECT r.target_id, coalesce(r.effective_date, s.effective_from), s.id, s.issued_date
          FROM legal_relations r JOIN legal_documents s ON s.id = r.source_id
         WHERE r.kind IN ('replaces', 'repeals') AND ${inDown(sql`r.target_id`)}
        UNION ALL
        SELECT x.id, x.declared_from, coalesce(b.id, x.id), coalesce(b.issued_date, x.declared_from)
          FROM legal_documents x LEFT JOIN legal_documents b ON b.id = x.declared_by_id
         WHERE x.declared_status = 'expired' AND x.declared_from IS NOT NULL AND ${inDown(sql`x.id`)}
      ) c ${FIRST}`);
    await exec(sql`CREATE TEMP TABLE legal_expiry ON COMMIT DROP AS SELECT * FROM legal_direct`);
    for (let level = 0; level < MAX_LEVELS; level++) {
      await exec(sql`CREATE TEMP TABLE legal_expiry_next AS
        SELECT DISTINCT ON (doc) doc, d, cause_id, cause_issued FROM (
          SELECT * FROM legal_direct
          UNION ALL
          SELECT r.source_id, e.d, e.cause_id, e.cause_issued
            FROM legal_relations r
            JOIN legal_expiry e ON e.doc = r.target_id
            JOIN legal_documents x ON x.id = r.source_id
           WHERE r.kind = 'guides' AND e.cause_issued < ${LAW_2025_FROM}::date
             AND NOT (x.declared_status IS NOT NULL AND x.declared_from IS NOT NULL AND x.declared_from <= e.d)
             AND ${inDown(sql`r.source_id`)}
        ) c ${FIRST}`);
      const [diff] = await rows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM legal_expiry_next n FULL JOIN legal_expiry e USING (doc)
             WHERE n.d IS DISTINCT FROM e.d OR n.cause_id IS DISTINCT FROM e.cause_id`,
      );
      await exec(sql`DROP TABLE legal_expiry`);
      await exec(sql`ALTER TABLE legal_expiry_next RENAME TO legal_expiry`);
      if (!diff || diff.n === 0) break;
    }
    const [res] = await rows<{ documents: number; changed: number }>(
      tx,
      sql`WITH ev AS (
            SELECT r.target_id AS doc, r.kind, coalesce(r.effective_date, s.effective_from) AS d, r.ends_on
              FROM legal_relations r JOIN legal_documents s ON s.id = r.source_id
             WHERE r.kind IN ('replaces','repeals','amends','partly_repeals','suspends','partly_suspends','halts')
               AND ${inScope(sql`r.target_id`)}
          ), flags AS (
            SELECT doc,
                   bool_or(kind IN ('replaces','repeals') AND d <= ${asOf}::date) AS ended,
                   bool_or(kind IN ('suspends','halts') AND d <= ${asOf}::date AND (ends_on IS NULL OR ${asOf}::date < ends_on)) AS suspended,
                   bool_or(kind = 'partly_suspends' AND d <= ${asOf}::date AND (ends_on IS NULL OR ${asOf}::date < ends_on)) AS suspended_partly,
                   bool_or(kind IN ('amends','partly_repeals') AND d <= ${asOf}::date) AS expired_partly
              FROM ev GROUP BY doc
          ), cascade AS (
            SELECT DISTINCT r.source_id AS doc FROM legal_relations r JOIN legal_expiry e ON e.doc = r.target_id
             WHERE r.kind = 'guides' AND e.cause_issued < ${LAW_2025_FROM}::date AND e.d <= ${asOf}::date
          ), computed AS (
            SELECT x.id, x.status_now IS DISTINCT FROM s.status AS changed, s.status, x.status_as_of
              FROM legal_documents x
              LEFT JOIN flags f ON f.doc = x.id
              LEFT JOIN cascade c ON c.doc = x.id
              CROSS JOIN LATERAL (SELECT CASE
                WHEN x.effective_to <= ${asOf}::date OR f.ended THEN 'expired'
                WHEN x.declared_status IS NOT NULL AND x.declared_from <= ${asOf}::date THEN x.declared_status
                WHEN c.doc IS NOT NULL THEN 'expired'
                WHEN ${asOf}::date < x.effective_from THEN 'not_yet'
                WHEN f.suspended THEN 'suspended'
                WHEN f.suspended_partly THEN 'suspended_partly'
                WHEN f.expired_partly THEN 'expired_partly'
                ELSE 'in_force' END AS status) s
             WHERE ${inScope(sql`x.id`)}
          ), written AS (
            UPDATE legal_documents t SET status_now = c.status, status_as_of = ${asOf}::date
              FROM computed c
             WHERE c.id = t.id AND c.changed
            RETURNING c.changed
          )
          SELECT (SELECT count(*) FROM computed)::int AS documents,
                 (SELECT count(*) FROM written WHERE changed)::int AS changed`,
    );
    return res ?? { documents: 0, changed: 0 };
  });
}

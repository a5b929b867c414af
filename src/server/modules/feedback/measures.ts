import { type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../../db/client.ts';

/**
 * The feedback figure of the reports' measured figures (issue 20), per agency: items settled in the
 * window within their limit ÷ items settled in the window (the same rule as figures.ts). Counts only.
 */
export async function feedbackMeasures(
  db: Db,
  w: { from: Date; to: Date },
  agencyIds: string[] | null,
): Promise<Map<string, { fbOnTime: { n: number; d: number } }>> {
  const scope: SQL =
    agencyIds === null ? sql`true` : sql`agency_id = ANY(${`{${agencyIds.join(',')}}`}::uuid[])`;
  const found = await rows<{ agency_id: string; n: number; d: number }>(
    db,
    sql`SELECT agency_id, (count(*) FILTER (WHERE settled_at <= settle_due_at))::int AS n, count(*)::int AS d
          FROM feedback_items
         WHERE ${scope} AND status = 'settled'
           AND settled_at >= ${w.from.toISOString()}::timestamptz AND settled_at < ${w.to.toISOString()}::timestamptz
         GROUP BY agency_id`,
  );
  return new Map(found.map((r) => [String(r.agency_id), { fbOnTime: { n: Number(r.n), d: Number(r.d) } }]));
}

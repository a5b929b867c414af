import { type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../../db/client.ts';

/**
 * The work-dossier figures of the measured figures (issue 20): dossiers opened and closed in a
 * window, per agency (all agencies when `agencyIds` is null). One grouped scan.
 */
export async function dossierMeasures(
  db: Db,
  w: { from: Date; to: Date },
  agencyIds: string[] | null,
): Promise<Map<string, { dossiersOpened: { n: number; d: null }; dossiersClosed: { n: number; d: null } }>> {
  const from = w.from.toISOString();
  const to = w.to.toISOString();
  const scope: SQL =
    agencyIds === null ? sql`true` : sql`agency_id = ANY(${`{${agencyIds.join(',')}}`}::uuid[])`;
  const found = await rows<{ agency_id: string; opened: number; closed: number }>(
    db,
    sql`SELECT agency_id,
               (count(*) FILTER (WHERE created_at >= ${from}::timestamptz AND created_at < ${to}::timestamptz))::int AS opened,
               (count(*) FILTER (WHERE closed_at >= ${from}::timestamptz AND closed_at < ${to}::timestamptz))::int AS closed
          FROM dossiers
         WHERE ${scope} AND created_at < ${to}::timestamptz
           AND (created_at >= ${from}::timestamptz OR closed_at >= ${from}::timestamptz)
         GROUP BY agency_id`,
  );
  return new Map(
    found.map((r) => [
      String(r.agency_id),
      { dossiersOpened: { n: Number(r.opened), d: null }, dossiersClosed: { n: Number(r.closed), d: null } },
    ]),
  );
}

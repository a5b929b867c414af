import { type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../../../db/client.ts';
import { anyFigure, figureSets, type Window } from './definitions.ts';

/**
 * Two QĐ 766 figures per agency for the measured figures of the reports (issue 20): the share
 * submitted online and the share processed on time, with the same sets as the services' own figures
 * (definitions.ts), so the two screens never disagree. One grouped scan.
 */
export async function serviceMeasures(
  db: Db,
  w: Window,
  agencyIds: string[] | null,
): Promise<Map<string, { svcOnline: { n: number; d: number }; svcOnTime: { n: number; d: number } }>> {
  const online = figureSets('online', w);
  const onTime = figureSets('onTime', w);
  const scope: SQL =
    agencyIds === null ? sql`true` : sql`d.agency_id = ANY(${`{${agencyIds.join(',')}}`}::uuid[])`;
  const found = await rows<{ agency_id: string; on: number; od: number; tn: number; td: number }>(
    db,
    sql`SELECT d.agency_id,
               (count(*) FILTER (WHERE ${online.numerator}))::int AS "on",
               (count(*) FILTER (WHERE ${online.denominator!}))::int AS od,
               (count(*) FILTER (WHERE ${onTime.numerator}))::int AS tn,
               (count(*) FILTER (WHERE ${onTime.denominator!}))::int AS td
          FROM service_dossiers d WHERE ${scope} AND ${anyFigure(w)} GROUP BY d.agency_id`,
  );
  return new Map(
    found.map((r) => [
      String(r.agency_id),
      { svcOnline: { n: Number(r.on), d: Number(r.od) }, svcOnTime: { n: Number(r.tn), d: Number(r.td) } },
    ]),
  );
}

import type pg from 'pg';

/*
 * The services benchmark's volume (issue 18): 200,000 dossiers across 150 agencies, spread over the
 * year with the mix of channels, statuses, delays and ratings a province sees, written by PostgreSQL
 * itself (generate_series) so loading takes seconds, not an hour of API calls. Agencies the demo
 * province lacks are added under a BENCH code. The dossiers use one procedure (its id given).
 */

export interface ServicesData {
  agencies: number;
  dossiers: number;
  loadSeconds: number;
  /** The year the dossiers fall in, and a month of it with a full load. */
  year: number;
  month: number;
}

export async function loadServices(
  db: pg.Client,
  o: { procedureId: string; agencies?: number; dossiers?: number; year?: number },
): Promise<ServicesData> {
  const want = o.agencies ?? 150;
  const total = o.dossiers ?? 200_000;
  const year = o.year ?? 2026;
  const t = performance.now();
  const have = Number(
    (
      await db.query(
        `SELECT count(*)::int AS n FROM agencies WHERE agency_code IS NOT NULL AND status = 'active'`,
      )
    ).rows[0].n,
  );
  if (have < want)
    await db.query(
      `INSERT INTO agencies (id, kind, name, short_name, agency_code)
       SELECT gen_random_uuid(), 'commune', 'UBND xã thử tải ' || g, 'Xã ' || g, 'BENCH.' || g FROM generate_series(1, $1::int) g`,
      [want - have],
    );
  // Dates in Vietnamese local time: accepted on day d of the year, due 7 days later, results 1–9 days
  // after acceptance (some late), statuses 10/9 (70 %), 4/2 in progress, 5 waiting for papers.
  await db.query(
    `WITH a AS (
       SELECT array_agg(id ORDER BY sort_order, id) AS ids FROM (
         SELECT id, sort_order FROM agencies WHERE agency_code IS NOT NULL AND status = 'active'
         ORDER BY sort_order, id LIMIT $2::int) x
     ), g AS (
       SELECT g, (make_timestamptz($4::int, 1, 1, 8, 0, 0, 'Asia/Ho_Chi_Minh')
                  + ((g % 330) * interval '1 day') + ((g % 480) * interval '1 minute')) AS accepted
       FROM generate_series(1, $3::int) g
     )
     INSERT INTO service_dossiers (id, code, agency_id, procedure_id, procedure_version, channel, online_level, status,
       secret_hash, applicant_name, submitted_at, accepted_at, due_at, original_due_at, finished_at, returned_at,
       rating, result_blob)
     SELECT gen_random_uuid(), 'BENCH-' || g.g,
       a.ids[1 + g.g % array_length(a.ids, 1)], $1::uuid, 1,
       CASE WHEN g.g % 3 = 0 THEN 'counter' ELSE 'online' END,
       CASE WHEN g.g % 4 = 0 THEN 'partial' ELSE 'full' END,
       CASE WHEN g.g % 10 < 6 THEN 10 WHEN g.g % 10 = 6 THEN 9 WHEN g.g % 10 = 7 THEN 4 WHEN g.g % 10 = 8 THEN 2 ELSE 5 END,
       'bench', 'Người nộp thử tải',
       g.accepted - interval '1 hour', g.accepted, g.accepted + interval '7 days', g.accepted + interval '7 days',
       CASE WHEN g.g % 10 < 7 THEN g.accepted + ((1 + g.g % 9) * interval '1 day') END,
       CASE WHEN g.g % 10 < 6 THEN g.accepted + ((2 + g.g % 9) * interval '1 day') END,
       CASE WHEN g.g % 10 < 6 AND g.g % 2 = 0 THEN 1 + g.g % 5 END,
       CASE WHEN g.g % 10 < 7 AND g.g % 5 <> 0 THEN repeat('a', 64) END
     FROM g, a`,
    [o.procedureId, want, total, year],
  );
  await db.query('ANALYZE service_dossiers');
  return { agencies: want, dossiers: total, loadSeconds: (performance.now() - t) / 1000, year, month: 6 };
}

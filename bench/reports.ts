import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { dropDatabase } from './documents.ts';
import { type BenchAgency, loadDocuments, prepareStaff, type Query } from './documents-data.ts';
import { freshDatabase, machine, type Result } from './lib.ts';
import { ms, stats } from './load.ts';

/**
 * The measured figures of the reports (issue 20) on PostgreSQL with the demo province and the
 * documents benchmark's 1,000,000 documents spread over five years (bench/documents-data.ts), to
 * which this suite adds the deliveries of every released document (1–3 recipients, a quarter on
 * paper) and the files of four incoming documents in five:
 * (a) the whole table — every agency of the province, every figure — for one year, as the IT
 *     department asks it (target ≤ 2 s);
 * (b) one agency's figures for the same year (target ≤ 200 ms);
 * each run in-process through the module's own function (computeMeasures: the scope, four modules'
 * grouped scans, the merge), repeated, with p50/p95, and as a ratio to one sequential scan of the
 * documents table on the same server (the machine's ceiling for "read every document once").
 */

function num(name: string, fallback: number): number {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a non-negative number`);
  return v;
}

const DB = 'lienthong_bench_reports';
const log = (line: string) => console.error(`[reports] ${line}`);

export async function benchReports(): Promise<Result> {
  const docs = num('BENCH_REPORTS_DOCS', 1_000_000);
  const runs = num('BENCH_REPORTS_RUNS', 10);
  const url = await freshDatabase(DB);
  const bin = path.resolve('bin/lienthong.js');
  try {
    log('seeding the demo province…');
    const seed = spawnSync(process.execPath, [bin, 'seed-demo'], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        LOG_LEVEL: 'warn',
        JOBS_ENABLED: 'false',
        DEMO_PASSWORD: 'Bench-2026',
      },
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (seed.status !== 0) throw new Error(`seed-demo failed: ${seed.stderr}${seed.stdout}`);
    const clients = await Promise.all(
      [0, 1].map(async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        return c;
      }),
    );
    const qs: Query[] = clients.map(
      (c) =>
        async <T>(text: string, params?: unknown[]) =>
          (await c.query(text, params)).rows as T[],
    );
    let agencies: BenchAgency[];
    const loadStart = performance.now();
    try {
      log(`loading ${docs.toLocaleString('en')} documents…`);
      agencies = await prepareStaff(qs[0]!, { officersPerAgency: 6 });
      await loadDocuments(qs, agencies, {
        docs,
        batch: 25_000,
        years: 5,
        now: new Date(),
        maintenanceWorkMem: '1GB',
        log,
      });
      log('deliveries and files…');
      await qs[0]!(`
        INSERT INTO deliveries (id, document_id, channel, recipient_name, status, status_at, created_at)
        SELECT gen_random_uuid(), d.id, (ARRAY['internal', 'internal', 'edxml', 'mail', 'paper'])[1 + abs(hashint4(k + hashint4(d.number)))::int % 5],
               'Nơi nhận ' || k, 'sent', d.released_at, d.released_at
          FROM documents d, generate_series(1, 3) k
         WHERE d.direction = 'outgoing' AND d.status = 'released' AND k <= 1 + abs(hashint4(d.number))::int % 3`);
      await qs[0]!(`
        INSERT INTO document_files (id, document_id, sha256, file_name, media_type, size, created_at)
        SELECT gen_random_uuid(), d.id, md5(d.id::text) || md5(d.id::text), 'van-ban.pdf', 'application/pdf', 1000, d.created_at
          FROM documents d WHERE d.direction = 'incoming' AND abs(hashint4(d.arrival_number))::int % 5 <> 0`);
      await qs[0]!('VACUUM ANALYZE');
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    const loadSeconds = (performance.now() - loadStart) / 1000;

    const { openDatabase } = await import('../src/server/db/client.ts');
    const { computeMeasures } = await import('../src/server/modules/reports/index.ts');
    const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
    try {
      const [facts] = await database.query<{
        docs: number;
        year: number;
        released: number;
        deliveries: number;
      }>(
        `SELECT (SELECT count(*)::int FROM documents) AS docs,
                extract(year FROM now() - interval '1 year')::int AS year,
                (SELECT count(*)::int FROM documents WHERE status = 'released'
                   AND extract(year FROM released_at) = extract(year FROM now() - interval '1 year')) AS released,
                (SELECT count(*)::int FROM deliveries) AS deliveries`,
      );
      const year = facts!.year;
      const now = new Date();
      const ctxOf = (agencyId: string | null) =>
        ({
          db: database.db,
          now: () => now,
          actor: {
            personId: '00000000-0000-0000-0000-000000000000',
            username: 'bench',
            fullName: 'Bench',
            sessionId: '',
            positionId: null,
            agencyId,
            divisionId: null,
            role: agencyId ? 'agency_leader' : 'system_admin',
            ip: '127.0.0.1',
          },
        }) as never;
      const time = async (fn: () => Promise<unknown>) => {
        await fn(); // warm
        const list: number[] = [];
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          await fn();
          list.push(performance.now() - t);
        }
        return stats(list);
      };
      log(`the whole table for ${year}…`);
      let rows = 0;
      const whole = await time(async () => {
        rows = (await computeMeasures(ctxOf(null), { year })).rows.length;
      });
      // One agency: the busiest that is not the province itself (whose units are the whole province).
      const busiest = [...agencies]
        .filter((a) => a.kind !== 'province')
        .sort((a, b) => b.weight - a.weight)[0]!;
      log(`one agency (${busiest.name}) for ${year}…`);
      const one = await time(() => computeMeasures(ctxOf(busiest.id), { year }));
      const scan = await time(() => database.query('SELECT count(*) FROM documents'));
      const ok = whole.p95 <= 2000 && one.p95 <= 200;
      return {
        title: 'Reports: the measured figures (issue 20), PostgreSQL',
        machine: machine(),
        header: ['Measure', 'Result', 'Target'],
        rows: [
          [
            'Dataset',
            `${facts!.docs.toLocaleString('en')} documents over 5 years, ${facts!.deliveries.toLocaleString('en')} deliveries; ${facts!.released.toLocaleString('en')} released in ${year}; loaded in ${loadSeconds.toFixed(0)} s`,
            '',
          ],
          [
            `Whole table: ${rows} agencies × 12 figures, year ${year}`,
            `p50 ${ms(whole.p50)}, p95 ${ms(whole.p95)} (${(whole.p50 / scan.p50).toFixed(1)} × one sequential count of the documents table, ${ms(scan.p50)})`,
            `≤ 2 s — ${whole.p95 <= 2000 ? 'met' : 'NOT met'}`,
          ],
          [
            `One agency (${busiest.name}), year ${year}`,
            `p50 ${ms(one.p50)}, p95 ${ms(one.p95)}`,
            `≤ 200 ms — ${one.p95 <= 200 ? 'met' : 'NOT met'}`,
          ],
        ],
        verdict: ok ? 'MET' : 'NOT MET',
        notes: [
          `${runs} runs each after one warm-up, one at a time, through computeMeasures in this process (the route adds only JSON). The consolidated six-month report as DOCX and PDF is not built yet, so not measured.`,
        ],
      };
    } finally {
      await database.close();
    }
  } finally {
    if (process.env.BENCH_KEEP_DB !== '1') await dropDatabase(DB);
  }
}

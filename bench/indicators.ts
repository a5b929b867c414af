import { type ChildProcess, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pct } from './cpu.ts';
import {
  adminUrl,
  cpuPerRequest,
  dropDatabase,
  type Observe,
  observer,
  type PhaseReport,
  phaseNote,
  stop,
} from './documents.ts';
import { type BenchAgency, prepareStaff, type Query } from './documents-data.ts';
import { type IndicatorDataset, indicatorsFor, loadIndicators } from './indicators-data.ts';
import { freshDatabase, machine, type Result, startProcess } from './lib.ts';
import {
  closedLoop,
  type HttpUser,
  type LoopResult,
  ms,
  type Stats,
  send,
  signInHttp,
  stats,
} from './load.ts';

/**
 * The indicators benchmark (issue 14: socio-economic indicators at scale):
 * (a) with 150 reporting agencies × 300 monthly indicators × 10 years (a third broken down by 3
 *     options: ≥ 5,000,000 values) on PostgreSQL, 50 signed-in users (leaders and officers) in closed
 *     loops with think time: the province roll-up of one indicator over 12 months (with last year)
 *     and a 20-indicator dashboard; p50/p95/p99 (target p95 ≤ 100 ms each), then each alone with no
 *     pause (capacity, CPU per request), then EXPLAIN ANALYZE of the exact SQL the app sends,
 *     written to bench/results/indicators-explain.md;
 * (b) saving a full form of 300 cells for one agency (PUT …/cells, one transaction), clerks of
 *     different agencies (target p95 ≤ 300 ms);
 * (c) the same roll-up on embedded PGlite at 500,000 values, in-process (target p95 ≤ 300 ms).
 */

function num(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return v;
}

const PASSWORD = 'Bench-password-2026';
const DB = 'lienthong_bench_ind';
const API = '/api/v1/indicators';

// The routes under test (the analysis and entry helpers' API; see /work/notes/ind-design.md).
export const rollupPath = (code: string, agencyId: string, from: string, to: string) =>
  `${API}/analysis/rollup?indicator=${code}&agencyId=${agencyId}&from=${from}&to=${to}`;
export const dashboardPath = (codes: string[], agencyId: string, period: string) =>
  `${API}/analysis/dashboard?codes=${codes.join(',')}&agencyId=${agencyId}&period=${period}`;
const cellsPath = (formId: string, period: string) => `${API}/entry/${formId}/${period}/cells`;

interface Options {
  agencies: number;
  indicators: number;
  months: number;
  disaggShare: number;
  pgliteValues: number;
  pgliteMonths: number;
  parts: Set<string>;
  readSeconds: number;
  isolatedSeconds: number;
  entrySeconds: number;
  writers: number;
  users: number;
  thinkMs: number;
  pgliteSeconds: number;
  workers: number;
  batchRows: number;
  poolSize: number;
  keep: boolean;
  reuse: boolean;
  quietWait: number;
}

function options(): Options {
  return {
    agencies: num('BENCH_IND_AGENCIES', 150),
    indicators: num('BENCH_IND_INDICATORS', 300),
    months: num('BENCH_IND_MONTHS', 120),
    disaggShare: num('BENCH_IND_DISAGG_SHARE', 1 / 3),
    pgliteValues: num('BENCH_IND_PGLITE_VALUES', 500_000),
    pgliteMonths: num('BENCH_IND_PGLITE_MONTHS', 24),
    parts: new Set(
      (process.env.BENCH_IND_PARTS ?? 'analysis,entry,explain,pglite').split(',').map((s) => s.trim()),
    ),
    readSeconds: num('BENCH_READ_SECONDS', 20),
    isolatedSeconds: num('BENCH_ISOLATED_SECONDS', 10),
    entrySeconds: num('BENCH_IND_ENTRY_SECONDS', 20),
    writers: num('BENCH_IND_WRITERS', 10),
    users: num('BENCH_USERS', 50),
    thinkMs: num('BENCH_THINK_MS', 1000),
    pgliteSeconds: num('BENCH_PGLITE_SECONDS', 20),
    workers: num('BENCH_LOAD_WORKERS', Math.max(1, os.cpus().length)),
    batchRows: num('BENCH_IND_BATCH', 400_000),
    poolSize: num('BENCH_POOL_SIZE', 10),
    keep: process.env.BENCH_KEEP_DB === '1' || process.env.BENCH_IND_REUSE_DB === '1',
    reuse: process.env.BENCH_IND_REUSE_DB === '1',
    quietWait: num('BENCH_QUIET_WAIT', 30),
  };
}

const log = (line: string) => console.error(`[indicators] ${line}`);
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const verdict = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
const DATASET_FILE = 'bench/results/indicators-dataset.json';

/** 12 months ending at the last loaded month, the 20 dashboard codes, the indicators rolled up. */
function subjects(d: IndicatorDataset) {
  const to = d.periods[d.periods.length - 1]!;
  const from = d.periods[Math.max(0, d.periods.length - 12)]!;
  // The roll-up cycles over summed indicators, the disaggregated ones among them.
  const rolled = d.summed.filter((_, i) => i % 6 === 0);
  // A leader's dashboard: the first indicator of each group (20 groups), or the first 20.
  const firsts = d.codes.filter((c) => c.endsWith('01'));
  const dashboard = (firsts.length >= 20 ? firsts : d.codes).slice(0, 20);
  return { from, to, rolled, dashboard };
}

export async function benchIndicators(): Promise<Result[]> {
  const o = options();
  const results: Result[] = [];
  const started = performance.now();
  if (['load', 'sql', 'analysis', 'entry', 'explain'].some((p) => o.parts.has(p)))
    results.push(...(await onPostgres(o)));
  if (o.parts.has('pglite') || o.parts.has('pglite-sql')) results.push(...(await onPglite(o)));
  log(`done in ${((performance.now() - started) / 60000).toFixed(1)} min`);
  return results;
}

async function databaseExists(): Promise<boolean> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    const r = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB]);
    return r.rowCount === 1;
  } finally {
    await c.end();
  }
}

/** Parts (a) and (b): one PostgreSQL database, loaded once, served by `lienthong serve`. */
async function onPostgres(o: Options): Promise<Result[]> {
  const out: Result[] = [];
  const reuse = o.reuse && fs.existsSync(DATASET_FILE) && (await databaseExists());
  const url = reuse
    ? (() => {
        const u = new URL(adminUrl());
        u.pathname = `/${DB}`;
        return u.toString();
      })()
    : await freshDatabase(DB);
  const bin = path.resolve('bin/lienthong.js');
  const env = {
    DATABASE_URL: url,
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    DEMO_PASSWORD: PASSWORD,
    DATABASE_POOL_SIZE: String(o.poolSize),
    LOGIN_RATE_PER_MINUTE: '100000',
  };
  let server: ChildProcess | null = null;
  const mon = new pg.Client({ connectionString: adminUrl() });
  await mon.connect();
  try {
    let data: IndicatorDataset;
    if (reuse) {
      data = JSON.parse(fs.readFileSync(DATASET_FILE, 'utf8')) as IndicatorDataset;
      log(`reusing ${DB} (${fmt(data.values)} values, BENCH_IND_REUSE_DB=1)`);
      // Migrations added since (an index of 0023) apply when the server starts.
    } else {
      log('seeding the demo province…');
      const seed = spawnSync(process.execPath, [bin, 'seed-demo'], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
        timeout: 300_000,
      });
      if (seed.status !== 0) throw new Error(`seed-demo failed: ${seed.stderr}${seed.stdout}`);
      const clients = await Promise.all(
        Array.from({ length: o.workers }, async () => {
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
      const loadStart = performance.now();
      try {
        const staff = await prepareStaff(qs[0]!, { officersPerAgency: 1 });
        log(
          `loading ${o.agencies} agencies × ${o.indicators} indicators × ${o.months} months (${o.workers} connections)…`,
        );
        data = await loadIndicators(qs, staff, {
          agencies: o.agencies,
          indicators: o.indicators,
          months: o.months,
          disaggShare: o.disaggShare,
          now: new Date(),
          batchRows: o.batchRows,
          maintenanceWorkMem: '1GB',
          log,
        });
        data.timings.total = (performance.now() - loadStart) / 1000;
        const [size] = await qs[0]!<{ mb: number }>(
          `SELECT (pg_total_relation_size('indicator_values') / 1048576)::int AS mb`,
        );
        (data as IndicatorDataset & { mb?: number }).mb = size?.mb;
      } finally {
        await Promise.all(clients.map((c) => c.end()));
      }
      fs.mkdirSync('bench/results', { recursive: true });
      fs.writeFileSync(DATASET_FILE, JSON.stringify(data));
    }
    out.push(datasetResult(o, data));
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync(
      'bench/results/indicators-explain.md',
      `# EXPLAIN (ANALYZE, BUFFERS) of the indicators queries\n\n${fmt(data.values)} values; run ${new Date().toISOString()}.\n`,
    );
    // Saves of an earlier run (a reused database) or of part sql would make the first saves conflict.
    await cleanOpenPeriod(url, data);
    if (o.parts.has('sql')) {
      out.push(
        ...(await reference(
          o,
          url,
          data,
          observer(o, mon, () => null, [DB]),
        )),
      );
      await cleanOpenPeriod(url, data);
    }
    if (!['analysis', 'entry', 'explain'].some((p) => o.parts.has(p))) return out;

    log('starting lienthong serve…');
    const started = await startProcess(
      [bin, 'serve'],
      { ...env, PORT: '0', HOST: '127.0.0.1' },
      /(http:\/\/127\.0\.0\.1:\d+)/,
    );
    server = started.child;
    const base = new URL(started.match[1]!);
    const observe = observer(o, mon, () => server?.pid ?? null, [DB]);
    if (o.parts.has('analysis')) out.push(...(await analysis(o, base, data, observe)));
    if (o.parts.has('entry')) out.push(await entry(o, base, data, observe));
    await stop(server);
    server = null;
    if (o.parts.has('explain')) out.push(await explainAnalysis(url, data));
  } finally {
    if (server) await stop(server);
    await mon.end();
    if (!o.keep) await dropDatabase(DB);
  }
  return out;
}

/** Removes what saves wrote into the open month (values, their history, reports), so saves start from rev 0. */
async function cleanOpenPeriod(url: string, d: IndicatorDataset) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (const t of [
      'indicator_value_history',
      'indicator_values',
      'indicator_report_steps',
      'indicator_reports',
    ])
      await c.query(`DELETE FROM ${t} WHERE period = $1`, [d.openPeriod]);
  } finally {
    await c.end();
  }
}

function datasetResult(o: Options, d: IndicatorDataset): Result {
  const t = d.timings;
  const slowest = Object.entries(t)
    .filter(([k]) => k !== 'total')
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([k, v]) => `${k} ${v.toFixed(0)} s`)
    .join(', ');
  const mb = (d as IndicatorDataset & { mb?: number }).mb;
  return {
    title: `Indicators dataset on PostgreSQL (${d.reporters.length} reporting agencies × ${d.codes.length} indicators × ${d.periods.length} months)`,
    machine: machine(),
    header: ['what', 'value'],
    rows: [
      ['stored values (indicator_values rows)', fmt(d.values)],
      [
        'indicators (summed / with the 3-option disaggregation)',
        `${d.codes.length} (${d.summed.length} / ${d.disaggregated.length})`,
      ],
      ['months loaded', `${d.periods[0]} … ${d.periods[d.periods.length - 1]} (${d.periods.length})`],
      ['month open for entry (part b writes there)', d.openPeriod],
      ['indicator_values with its indexes', mb ? `${fmt(mb)} MB` : '–'],
      ['load time (SQL generator, indexes, VACUUM ANALYZE)', `${(t.total ?? 0).toFixed(0)} s (${slowest})`],
    ],
    verdict: `loaded ${fmt(d.values)} values (target ≥ 5,000,000: ${verdict(d.values >= 5_000_000)})`,
    notes: [
      `Sizes: BENCH_IND_AGENCIES=${o.agencies}, BENCH_IND_INDICATORS=${o.indicators}, BENCH_IND_MONTHS=${o.months}, BENCH_IND_DISAGG_SHARE=${o.disaggShare.toFixed(2)}. Reports approved for every loaded month but the last (submitted, awaiting the province); yearly plans for summed indicators.`,
    ],
  };
}

interface ReadPhase {
  name: string;
  users: number;
  result: LoopResult;
  report: PhaseReport;
}

/** Leaders and officers of the biggest agencies (the province's leader first). */
function readers(staff: BenchAgency[], n: number): string[] {
  const names: string[] = [];
  for (const a of staff) {
    if (names.length < n) names.push(a.leader.username);
    if (names.length < n && a.officers[0]) names.push(a.officers[0].username);
  }
  return names;
}

/** (a) Roll-ups and dashboards: 50 users with think time (headline), then each alone with no pause. */
async function analysis(o: Options, base: URL, d: IndicatorDataset, observe: Observe): Promise<Result[]> {
  const s = subjects(d);
  log('signing in readers…');
  const staff = [d.province, ...d.reporters];
  const users = await Promise.all(readers(staff, o.users).map((n) => signInHttp(base, n, PASSWORD)));
  // Sanity: the answers hold the figures asked for.
  const r1 = await send(base, users[0]!, 'GET', rollupPath(s.rolled[0]!, d.provinceId, s.from, s.to));
  if (r1.status !== 200) throw new Error(`roll-up: ${r1.status} ${r1.body.slice(0, 400)}`);
  const r2 = await send(base, users[0]!, 'GET', dashboardPath(s.dashboard, d.provinceId, s.to));
  if (r2.status !== 200) throw new Error(`dashboard: ${r2.status} ${r2.body.slice(0, 400)}`);
  const sample = { rollup: r1.body.length, dashboard: r2.body.length };
  type U = { kind: 'rollup' | 'dashboard'; user: HttpUser };
  const step = async (u: U, i: number, idx: number) => {
    if (u.kind === 'rollup') {
      const code = s.rolled[(i + idx) % s.rolled.length]!;
      const r = await send(base, u.user, 'GET', rollupPath(code, d.provinceId, s.from, s.to));
      return { label: 'rollup', ok: r.status === 200, detail: `${r.status} ${r.body.slice(0, 200)}` };
    }
    // Dashboards of the last loaded month or the one before (leaders look at both).
    const period = d.periods[d.periods.length - 1 - ((i + idx) % 2)]!;
    const r = await send(base, u.user, 'GET', dashboardPath(s.dashboard, d.provinceId, period));
    return { label: 'dashboard', ok: r.status === 200, detail: `${r.status} ${r.body.slice(0, 200)}` };
  };
  const mixed: U[] = users.map((user, i) => ({ kind: i % 2 === 0 ? 'rollup' : 'dashboard', user }));
  log(
    `analysis: warm-up 5 s, then ${o.readSeconds} s with ${mixed.length} users (${o.thinkMs} ms think time)…`,
  );
  await closedLoop(mixed, 5, step);
  const run = async (name: string, list: U[], seconds: number, thinkMs = 0): Promise<ReadPhase> => {
    const { value, report } = await observe(name, () => closedLoop(list, seconds, step, thinkMs));
    return { name, users: list.length, result: value, report };
  };
  const phases: ReadPhase[] = [await run('mixed', mixed, o.readSeconds, o.thinkMs)];
  if (o.isolatedSeconds > 0) {
    log(`analysis: ${o.isolatedSeconds} s of roll-ups only, then dashboards only, no pause…`);
    const only = (kind: U['kind']) => users.map((user) => ({ kind, user }));
    phases.push(await run('roll-ups only, no pause', only('rollup'), o.isolatedSeconds));
    phases.push(await run('dashboards only, no pause', only('dashboard'), o.isolatedSeconds));
  }
  const rows: string[][] = [];
  let headline: { rollup: Stats; dashboard: Stats } | null = null;
  for (const p of phases) {
    const ro = stats(p.result.latencies.get('rollup') ?? []);
    const da = stats(p.result.latencies.get('dashboard') ?? []);
    if (!headline) headline = { rollup: ro, dashboard: da };
    const single = !(ro.n && da.n);
    const row = (label: string, st: Stats) =>
      st.n
        ? [
            label,
            `${p.name} (${p.users} users)`,
            (st.n / p.result.elapsed).toFixed(0),
            ms(st.p50),
            ms(st.p95),
            ms(st.p99),
            ms(st.max),
            single ? cpuPerRequest(p.report, st.n) : '(mixed: see below)',
            p === phases[0] ? 'p95 ≤ 100 ms' : 'capacity',
            p === phases[0] ? verdict(st.p95 <= 100) : '–',
          ]
        : null;
    for (const r of [
      row('province roll-up, 12 months + last year', ro),
      row('dashboard of 20 indicators', da),
    ])
      if (r) rows.push(r);
  }
  const mixedAll = phases[0]!.result.latencies;
  const mixedN = (mixedAll.get('rollup')?.length ?? 0) + (mixedAll.get('dashboard')?.length ?? 0);
  const errors = phases.reduce((n, p) => n + p.result.errors, 0);
  const firstError = phases.find((p) => p.result.firstError)?.result.firstError;
  const h = headline!;
  const ok = h.rollup.p95 <= 100 && h.dashboard.p95 <= 100 && errors === 0;
  return [
    {
      title: `(a) Province roll-up and 20-indicator dashboard, ${fmt(d.values)} values, ${users.length} concurrent users, PostgreSQL`,
      machine: machine(),
      header: [
        'request',
        'phase',
        'requests/s',
        'p50',
        'p95',
        'p99',
        'max',
        'CPU per request',
        'target',
        'result',
      ],
      rows,
      verdict: `roll-up p95 ${ms(h.rollup.p95)}, dashboard p95 ${ms(h.dashboard.p95)} (targets ≤ 100 ms) ${verdict(ok)}; errors ${errors}${firstError ? ` (first: ${firstError.slice(0, 160)})` : ''}`,
      notes: [
        `GET ${rollupPath('<code>', '<province>', s.from, s.to)} cycles over ${s.rolled.length} summed indicators (${s.rolled.filter((c) => d.disaggregated.includes(c)).length} disaggregated); GET ${API}/analysis/dashboard?codes=<${s.dashboard.length} codes: ${s.dashboard.slice(0, 3).join(',')}…>&agencyId=<province>&period=<last or previous month>. Answers: ${fmt(sample.rollup)} and ${fmt(sample.dashboard)} bytes. Users: leaders and first officers of the province and the biggest reporting agencies; half roll-ups, half dashboards; each pauses a random 0.5–1.5 × ${o.thinkMs} ms after each answer. JOBS_ENABLED=false, DATABASE_POOL_SIZE=${o.poolSize}.`,
        `Mixed phase: CPU per request over both kinds ${cpuPerRequest(phases[0]!.report, mixedN)}.`,
        ...phases.map((p) => phaseNote(`${p.name[0]!.toUpperCase()}${p.name.slice(1)}`, p.report)),
        `Capacity on 2 dedicated cores ≈ 2000 ÷ (server + db + client ms) requests/s.`,
      ],
    },
  ];
}

/** The 300 cells of a full form for one agency: the total of every indicator (estimate). */
function formCells(d: IndicatorDataset, agencyIdx: number, round: number, revs: Map<string, number>) {
  return d.codes.map((code, k) => ({
    indicator: code,
    option: '',
    // One decimal between 10 and 99.9: valid for every indicator (percentages with 1 decimal too).
    value: String(10 + ((agencyIdx * 31 + k * 17 + round * 7) % 900) / 10),
    rev: revs.get(code) ?? 0,
  }));
}

/**
 * (b) Clerks of different agencies save full forms (300 cells) for the open month: each request
 * names a different agency than any other in flight, so no two saves touch the same cell. The first
 * save of an agency's form inserts its 300 values; later ones update them (revs read first, untimed).
 */
async function entry(o: Options, base: URL, d: IndicatorDataset, observe: Observe): Promise<Result> {
  const writers = Math.min(o.writers, d.reporters.length);
  log(`entry: signing in ${d.reporters.length} clerks…`);
  const clerks = await Promise.all(d.reporters.map((a) => signInHttp(base, a.clerk.username, PASSWORD)));
  const saved = new Set<number>();
  const revsOf = new Map<number, Map<string, number>>();
  // Writer w saves the forms of agencies w, w + writers, w + 2 × writers …
  const cursor = Array.from({ length: writers }, (_, w) => w);
  let round = 0;
  const save = async (w: number, label?: string) => {
    const ai = cursor[w]!;
    cursor[w] = ai + writers >= d.reporters.length ? w : ai + writers;
    const agency = d.reporters[ai]!;
    const u = clerks[ai]!;
    const fresh = !saved.has(ai);
    const revs = revsOf.get(ai) ?? new Map<string, number>();
    const body = { agencyId: agency.id, kind: 'estimate', cells: formCells(d, ai, round++, revs) };
    const t = performance.now();
    const r = await send(base, u, 'PUT', cellsPath(d.formId, d.openPeriod), body);
    const took = performance.now() - t;
    if (r.status === 200 || r.status === 201) {
      saved.add(ai);
      // The revisions come back with the save (a later save of the form names them).
      const out = JSON.parse(r.body) as { saved: { indicator: string; option: string; rev: number }[] };
      for (const c of out.saved) if (c.option === '') revs.set(c.indicator, c.rev);
      revsOf.set(ai, revs);
    }
    return {
      label: label ?? (fresh ? 'new' : 'update'),
      ok: r.status === 200 || r.status === 201,
      detail: `${r.status} ${r.body.slice(0, 300)}`,
      took,
    };
  };
  const first = await save(0, 'check');
  if (!first.ok) throw new Error(`save of a full form: ${first.detail}`);
  // closedLoop times the whole step; the untimed GET of the revs is taken out by timing the PUT alone.
  const timed: Map<string, number[]> = new Map();
  const step = async (w: number) => {
    const r = await save(w);
    if (r.ok) {
      const l = timed.get(r.label);
      if (l) l.push(r.took);
      else timed.set(r.label, [r.took]);
    }
    return { label: 'save', ok: r.ok, detail: r.detail };
  };
  const ws = Array.from({ length: writers }, (_, w) => w);
  log(
    `entry: ${o.entrySeconds} s with ${writers} clerks (${o.thinkMs} ms think time), then ${o.isolatedSeconds} s no pause…`,
  );
  const { value: r, report } = await observe('entry', () => closedLoop(ws, o.entrySeconds, step, o.thinkMs));
  const headline = { fresh: stats(timed.get('new') ?? []), update: stats(timed.get('update') ?? []) };
  const all = stats([...(timed.get('new') ?? []), ...(timed.get('update') ?? [])]);
  timed.clear();
  let cap: { r: LoopResult; report: PhaseReport } | null = null;
  if (o.isolatedSeconds > 0) {
    const x = await observe('entry, no pause', () => closedLoop(ws, o.isolatedSeconds, step));
    cap = { r: x.value, report: x.report };
  }
  const capAll = stats([...(timed.get('new') ?? []), ...(timed.get('update') ?? [])]);
  const row = (label: string, st: Stats, phase: string, cpu: string, target: boolean) => [
    label,
    phase,
    String(st.n),
    ms(st.p50),
    ms(st.p95),
    ms(st.p99),
    ms(st.max),
    cpu,
    target ? 'p95 ≤ 300 ms' : '–',
    target ? verdict(st.p95 <= 300) : '–',
  ];
  const phase = `${writers} clerks, ${o.thinkMs} ms think`;
  const rows = [
    row('save of 300 cells (all)', all, phase, cpuPerRequest(report, all.n), true),
    row('… first save of the agency’s form (300 inserts)', headline.fresh, phase, '', false),
    row('… save over saved values (300 updates, revs checked)', headline.update, phase, '', false),
  ];
  if (cap)
    rows.push(
      row(
        'save of 300 cells, no pause (capacity)',
        capAll,
        `${writers} clerks`,
        cpuPerRequest(cap.report, cap.r.latencies.get('save')?.length ?? 0),
        false,
      ),
    );
  const errors = r.errors + (cap?.r.errors ?? 0);
  return {
    title: `(b) Saving a full form: PUT ${API}/entry/:formId/:period/cells with ${d.codes.length} cells, one agency per request, PostgreSQL`,
    machine: machine(),
    header: ['request', 'phase', 'saves', 'p50', 'p95', 'p99', 'max', 'CPU per save', 'target', 'result'],
    rows,
    verdict: `save p95 ${ms(all.p95)} (target ≤ 300 ms) ${verdict(all.p95 <= 300 && errors === 0)}; errors ${errors}${r.firstError ? ` (first: ${r.firstError.slice(0, 200)})` : ''}`,
    notes: [
      `Each save is one request with the ${d.codes.length} totals (estimates) of the agency's monthly form for ${d.openPeriod}, one transaction (values, history, audit). Each of the ${writers} clerks saves the forms of its own agencies in turn (${d.reporters.length} agencies), so no two saves in flight touch the same cell; a later save of the same form names the revisions its previous save returned. ${fmt(d.values)} values already stored.`,
      phaseNote('Entry phase', report),
      ...(cap ? [phaseNote('Entry phase with no pause', cap.report)] : []),
    ],
  };
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of every statement the app sends for a roll-up and a dashboard: the app
 * runs in-process on the bench database, node-postgres's Client.query is wrapped to record the
 * statements of one request, and each is explained (second run shown).
 */
async function explainAnalysis(url: string, d: IndicatorDataset): Promise<Result> {
  const { openDatabase } = await import('../src/server/db/client.ts');
  const { buildApp } = await import('../src/server/app.ts');
  const { loadConfig } = await import('../src/server/config.ts');
  const { DiskBlobStore } = await import('../src/server/platform/blobs/store.ts');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-bench-ind-'));
  const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
  const config = loadConfig({
    DATABASE_URL: url,
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    LOGIN_RATE_PER_MINUTE: '100000',
    DEMO: 'off',
  });
  const app = await buildApp({ config, database, blobs: new DiskBlobStore(path.join(dir, 'blobs')) });
  await app.ready();
  const s = subjects(d);
  const leader = readers([d.province, ...d.reporters], 1)[0]!;
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: leader, password: PASSWORD },
  });
  if (login.statusCode !== 200) throw new Error(`sign-in ${leader}: ${login.statusCode} ${login.body}`);
  const headers = {
    cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken,
  };
  const disagg = s.rolled.find((c) => d.disaggregated.includes(c));
  const cases = [
    {
      label: `roll-up ${s.rolled[0]} at the province, ${s.from}–${s.to}`,
      url: rollupPath(s.rolled[0]!, d.provinceId, s.from, s.to),
    },
    ...(disagg
      ? [
          {
            label: `roll-up ${disagg} (disaggregated) at the province`,
            url: rollupPath(disagg, d.provinceId, s.from, s.to),
          },
        ]
      : []),
    {
      label: `dashboard of ${s.dashboard.length} indicators at the province, ${s.to}`,
      url: dashboardPath(s.dashboard, d.provinceId, s.to),
    },
  ];
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  let captured: { sql: string; params: unknown[] }[] | null = null;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [a, b] = args;
    if (captured) {
      const text = typeof a === 'string' ? a : (a as { text?: string })?.text;
      const values = (Array.isArray(b) ? b : (a as { values?: unknown[] })?.values) ?? [];
      if (text && /^\s*(select|with)\b/i.test(text)) captured.push({ sql: text, params: values });
    }
    return original.apply(this, args);
  };
  const rows: string[][] = [];
  const file: string[] = [
    '# The app: roll-up and dashboard routes (part `explain`)',
    '',
    `Every SELECT the app sends for the request (session lookups included), recorded from node-postgres and run on the idle server after the load test (second run shown); ${fmt(d.values)} values.`,
    '',
  ];
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    for (const c of cases) {
      await app.inject({ method: 'GET', url: c.url, headers });
      captured = [];
      const t = performance.now();
      const res = await app.inject({ method: 'GET', url: c.url, headers });
      const wall = performance.now() - t;
      const list = captured;
      captured = null;
      if (res.statusCode !== 200) throw new Error(`${c.url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      const mine = list.filter((x) => /indicator/i.test(x.sql));
      const plans: string[][] = [];
      for (const q of mine) {
        const explain = () => admin.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params as unknown[]);
        await explain();
        plans.push((await explain()).rows.map((r: Record<string, string>) => r['QUERY PLAN']!));
      }
      const grab = (p: string[], re: RegExp) => Number(p.join('\n').match(re)?.[1] ?? Number.NaN);
      const total = (re: RegExp) => plans.reduce((sum, p) => sum + grab(p, re), 0);
      rows.push([
        c.label,
        ms(wall),
        `${mine.length} (+${list.length - mine.length} other)`,
        ms(total(/Planning Time: ([\d.]+) ms/)),
        ms(total(/Execution Time: ([\d.]+) ms/)),
        plans.some((p) => p.some((l) => l.startsWith('JIT:'))) ? 'yes' : 'no',
        plans.map(planSummary).filter(Boolean).join(' → '),
      ]);
      file.push(
        `## ${c.label}`,
        '',
        `\`GET ${c.url}\` → ${res.statusCode}, ${fmt(res.body.length)} bytes, ${ms(wall)} in-process`,
        '',
      );
      for (const [i, q] of mine.entries())
        file.push(
          `### statement ${i + 1} of ${mine.length}`,
          '',
          '```sql',
          q.sql,
          '```',
          '',
          `params: \`${JSON.stringify(q.params).slice(0, 2000)}\``,
          '',
          '```',
          ...plans[i]!,
          '```',
          '',
        );
    }
  } finally {
    proto.query = original;
    await admin.end();
    await app.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.appendFileSync('bench/results/indicators-explain.md', `\n${file.join('\n')}`);
  return {
    title: '(a) EXPLAIN ANALYZE of the exact analysis SQL, one request at a time on the idle server',
    machine: machine(),
    header: [
      'request',
      'in-process wall',
      'statements',
      'planning',
      'execution',
      'JIT',
      'scans of indicator tables (actual rows)',
    ],
    rows,
    verdict: `slowest: ${[...rows]
      .sort((x, y) => Number.parseFloat(y[4]!) - Number.parseFloat(x[4]!))[0]
      ?.slice(0, 5)
      .join(' · ')}`,
    notes: [
      'Statements on indicator tables that the request sends, run through EXPLAIN (ANALYZE, BUFFERS) (second run shown); planning and execution are summed over them. Full plans, SQL and parameters: bench/results/indicators-explain.md.',
    ],
  };
}

/** (c) The same roll-up on embedded PGlite, in-process (app.inject). */
async function onPglite(o: Options): Promise<Result[]> {
  const out: Result[] = [];
  const { openDatabase } = await import('../src/server/db/client.ts');
  const { seedDemo } = await import('../src/server/demo/seed.ts');
  const { buildApp } = await import('../src/server/app.ts');
  const { loadConfig } = await import('../src/server/config.ts');
  const { DiskBlobStore } = await import('../src/server/platform/blobs/store.ts');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-bench-ind-pglite-'));
  const database = await openDatabase({ pgliteDir: path.join(dir, 'pg') });
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    const indicators = indicatorsFor(o.pgliteValues, o.agencies, o.pgliteMonths, o.disaggShare);
    log(
      `PGlite: migrating, seeding and loading ${o.agencies} agencies × ${indicators} indicators × ${o.pgliteMonths} months…`,
    );
    const t = performance.now();
    await database.migrate();
    await seedDemo(database.db, PASSWORD);
    const staff = await prepareStaff(database.query, { officersPerAgency: 1 });
    const d = await loadIndicators([database.query], staff, {
      agencies: o.agencies,
      indicators,
      months: o.pgliteMonths,
      disaggShare: o.disaggShare,
      now: new Date(),
      batchRows: 200_000,
      maintenanceWorkMem: '256MB',
      log,
    });
    const loadSeconds = (performance.now() - t) / 1000;
    const config = loadConfig({
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      JOBS_ENABLED: 'false',
      LOGIN_RATE_PER_MINUTE: '100000',
      DEMO: 'off',
    });
    app = await buildApp({ config, database, blobs: new DiskBlobStore(path.join(dir, 'blobs')) });
    await app.ready();
    const a = app;
    const s = subjects(d);
    const names = readers([d.province, ...d.reporters], o.users);
    const users = await Promise.all(
      names.map(async (username) => {
        const r = await a.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username, password: PASSWORD },
        });
        if (r.statusCode !== 200) throw new Error(`PGlite sign-in ${username}: ${r.statusCode} ${r.body}`);
        return {
          cookie: r.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
          csrf: (r.json() as { csrfToken: string }).csrfToken,
        };
      }),
    );
    const step = async (u: { cookie: string; csrf: string }, i: number, idx: number) => {
      const code = s.rolled[(i + idx) % s.rolled.length]!;
      const r = await a.inject({
        method: 'GET',
        url: rollupPath(code, d.provinceId, s.from, s.to),
        headers: { cookie: u.cookie, 'x-csrf-token': u.csrf },
      });
      return { label: 'rollup', ok: r.statusCode === 200, detail: `${r.statusCode} ${r.body.slice(0, 200)}` };
    };
    if (o.parts.has('pglite-sql')) out.push(await pgliteReference(o, database.query, d, loadSeconds));
    if (!o.parts.has('pglite')) return out;
    const check = await step(users[0]!, 0, 0);
    if (!check.ok) throw new Error(`PGlite roll-up: ${check.detail}`);
    log(
      `PGlite: warm-up 3 s, then ${o.pgliteSeconds} s with ${users.length} users, then ${o.isolatedSeconds} s no pause…`,
    );
    await closedLoop(users, 3, step);
    const observe = observer(o, null, () => null, []);
    const { value: r, report } = await observe('PGlite roll-up', () =>
      closedLoop(users, o.pgliteSeconds, step, o.thinkMs),
    );
    const { value: cap, report: capReport } = await observe('PGlite roll-up, no pause', () =>
      closedLoop(users, Math.max(1, o.isolatedSeconds), step),
    );
    const all = stats(r.latencies.get('rollup') ?? []);
    const capAll = stats(cap.latencies.get('rollup') ?? []);
    const alone: number[] = [];
    for (let k = 0; k < 10; k++) {
      const t0 = performance.now();
      await step(users[0]!, k, 0);
      alone.push(performance.now() - t0);
    }
    const service = stats(alone).p50;
    const cpu = (rep: PhaseReport, n: number) =>
      `${(((rep.cpu.groups.client ?? 0) * 1000) / Math.max(1, n)).toFixed(1)} ms (app + PGlite, one thread)`;
    out.push({
      title: `(c) PGlite (embedded, in-process app.inject): province roll-up at ${fmt(d.values)} values, ${users.length} concurrent users (${o.thinkMs} ms mean think time)`,
      machine: machine(),
      header: ['request', 'requests/s', 'p50', 'p95', 'p99', 'max', 'CPU per request', 'target', 'result'],
      rows: [
        [
          'province roll-up, 12 months + last year',
          (all.n / r.elapsed).toFixed(0),
          ms(all.p50),
          ms(all.p95),
          ms(all.p99),
          ms(all.max),
          cpu(report, all.n),
          'p95 ≤ 300 ms',
          verdict(all.p95 <= 300),
        ],
        [
          `same, no pause (${users.length} requests always in flight: capacity)`,
          (capAll.n / cap.elapsed).toFixed(0),
          ms(capAll.p50),
          ms(capAll.p95),
          ms(capAll.p99),
          ms(capAll.max),
          cpu(capReport, capAll.n),
          'capacity',
          '–',
        ],
        ['… alone (1 in flight, median of 10)', '', ms(service), '', '', '', '', '', ''],
      ],
      verdict: `PGlite roll-up p95 ${ms(all.p95)} (target ≤ 300 ms) ${verdict(all.p95 <= 300 && r.errors === 0)}; errors ${r.errors}${r.firstError ? ` (first: ${r.firstError.slice(0, 160)})` : ''}`,
      notes: [
        `${d.reporters.length} agencies × ${d.codes.length} indicators × ${d.periods.length} months (${d.disaggregated.length} indicators disaggregated) = ${fmt(d.values)} values (BENCH_IND_PGLITE_VALUES=${o.pgliteValues}, BENCH_IND_PGLITE_MONTHS=${o.pgliteMonths}). PGlite runs one query at a time, so with no pause p95 ≈ ${users.length} × service time (${ms(service)} alone ⇒ ≈ ${ms(users.length * service)}). Load (migrate, seed, values, indexes, VACUUM ANALYZE): ${loadSeconds.toFixed(0)} s.`,
        phaseNote('PGlite phase', report),
        phaseNote('PGlite phase with no pause', capReport),
        `Machine busy before: ${pct(report.before)}.`,
      ],
    });
    return out;
  } finally {
    if (app) await app.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The scans of indicator tables in a plan, with actual rows: where the work goes. */
function planSummary(plan: string[]): string {
  const parts: string[] = [];
  for (const line of plan) {
    const node = line.match(
      /(Seq Scan|Parallel Seq Scan|Bitmap Heap Scan|Bitmap Index Scan|Index Scan Backward|Index Scan|Index Only Scan) (?:using|on) (\S+)/,
    );
    const actual = line.match(/actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)/);
    if (node && actual && /^indicator/.test(node[2]!)) {
      const loops = Number(actual[2]);
      parts.push(`${node[1]} ${node[2]} ${fmt(Number(actual[1]))}${loops > 1 ? ` ×${fmt(loops)}` : ''}`);
    }
    const removed = line.match(/Rows Removed by (Filter|Join Filter): (\d+)/);
    if (removed && Number(removed[2]) > 1000)
      parts.push(`(${removed[1]!.toLowerCase()} removed ${fmt(Number(removed[2]))})`);
  }
  return parts.join('; ');
}

// ---------------------------------------------------------------------------------------------
// Reference SQL: the statements a roll-up, a dashboard and a full-form save need at the least, run
// straight on the pool (no HTTP, no app), so the database's share of each target is known on its own
// and the module's own queries can be held against it (part `sql`).

const SUBTREE = `WITH RECURSIVE sub AS (
  SELECT id FROM agencies WHERE id = $1
  UNION ALL SELECT a.id FROM agencies a JOIN sub ON a.parent_id = sub.id
)`;

/** One indicator at a node: the sum over the subtree for each month asked (12 + last year's 12), and the plans. */
export const REF_ROLLUP = `${SUBTREE}, ind AS (SELECT id FROM indicators WHERE code = $2)
SELECT v.period AS k, sum(coalesce(v.official, v.estimate))::float8 AS value
  FROM indicator_values v
 WHERE v.indicator_id = (SELECT id FROM ind) AND v.option_code = ''
   AND v.period = ANY($3::text[]) AND v.agency_id IN (SELECT id FROM sub)
 GROUP BY v.period
UNION ALL
SELECT 'plan ' || t.year, sum(t.value)::float8
  FROM indicator_targets t
 WHERE t.indicator_id = (SELECT id FROM ind) AND t.year = ANY($4::int[]) AND t.agency_id IN (SELECT id FROM sub)
 GROUP BY t.year`;

/** N indicators at a node for a month and the same month last year. */
export const REF_DASHBOARD = `${SUBTREE}
SELECT i.code || ' ' || v.period AS k, sum(coalesce(v.official, v.estimate))::float8 AS value
  FROM indicators i JOIN indicator_values v ON v.indicator_id = i.id
 WHERE i.code = ANY($2::text[]) AND v.option_code = '' AND v.period = ANY($3::text[])
   AND v.agency_id IN (SELECT id FROM sub)
 GROUP BY i.code, v.period`;

/**
 * A full form's totals for one agency and month in one statement: upsert with the revision check
 * (a row whose rev differs from the one read is left alone, and the caller sees fewer rows saved),
 * one history row per changed cell with the value before (read from the statement's snapshot).
 */
export const REF_SAVE = `WITH input AS (
  SELECT i.id AS indicator_id, i.version, x.value, x.rev
    FROM unnest($3::text[], $4::numeric[], $5::int[]) AS x(code, value, rev) JOIN indicators i ON i.code = x.code
), cur AS (
  SELECT v.indicator_id, v.estimate FROM indicator_values v
   WHERE v.agency_id = $2 AND v.period = $1 AND v.option_code = ''
     AND v.indicator_id IN (SELECT indicator_id FROM input)
), up AS (
  INSERT INTO indicator_values AS v (indicator_id, period, agency_id, option_code, estimate, indicator_version, rev,
                                     updated_by_id, updated_at)
  SELECT indicator_id, $1, $2, '', value, version, 1, $6, now() FROM input
  ON CONFLICT (indicator_id, period, agency_id, option_code) DO UPDATE
     SET estimate = EXCLUDED.estimate, rev = v.rev + 1, updated_by_id = EXCLUDED.updated_by_id,
         updated_at = now(), indicator_version = EXCLUDED.indicator_version
   WHERE v.rev = (SELECT x.rev FROM input x WHERE x.indicator_id = v.indicator_id)
  RETURNING v.indicator_id, v.rev
), hist AS (
  INSERT INTO indicator_value_history (indicator_id, period, agency_id, option_code, kind, before, after, by_id)
  SELECT up.indicator_id, $1, $2, '', 'estimate', cur.estimate::text, input.value::text, $6
    FROM up JOIN input USING (indicator_id) LEFT JOIN cur USING (indicator_id)
)
SELECT i.code, up.rev FROM up JOIN indicators i ON i.id = up.indicator_id`;

function refParams(d: IndicatorDataset) {
  const s = subjects(d);
  const months = d.periods.slice(-12);
  const lastYear = d.periods.slice(-24, -12);
  const years = [...new Set(months.map((p) => Number(p.slice(0, 4))))];
  return {
    s,
    years,
    rollup: (code: string) => [d.provinceId, code, [...lastYear, ...months], years],
    dashboard: (period: string) => [
      d.provinceId,
      s.dashboard,
      [period, `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`],
    ],
  };
}

/** Part `sql`: the reference statements under the same load shapes as (a) and (b), on a pool like the server's. */
async function reference(o: Options, url: string, d: IndicatorDataset, observe: Observe): Promise<Result[]> {
  const pool = new pg.Pool({ connectionString: url, max: o.poolSize });
  const p = refParams(d);
  try {
    type U = { kind: 'rollup' | 'dashboard' };
    const step = async (u: U, i: number, idx: number) => {
      if (u.kind === 'rollup') {
        const r = await pool.query(REF_ROLLUP, p.rollup(p.s.rolled[(i + idx) % p.s.rolled.length]!));
        return { label: 'rollup', ok: r.rowCount === 24 + p.years.length, detail: `${r.rowCount} rows` };
      }
      const period = d.periods[d.periods.length - 1 - ((i + idx) % 2)]!;
      const r = await pool.query(REF_DASHBOARD, p.dashboard(period));
      return { label: 'dashboard', ok: r.rowCount === 40, detail: `${r.rowCount} rows` };
    };
    const users: U[] = Array.from({ length: o.users }, (_, i) => ({
      kind: i % 2 === 0 ? 'rollup' : 'dashboard',
    }));
    const check = [await step({ kind: 'rollup' }, 0, 0), await step({ kind: 'dashboard' }, 0, 0)];
    for (const c of check) if (!c.ok) throw new Error(`reference query: ${c.detail}`);
    log(`reference SQL: warm-up 3 s, then ${o.readSeconds} s with ${users.length} users, then no pause…`);
    await closedLoop(users, 3, step);
    const phases: ReadPhase[] = [];
    const run = async (name: string, list: U[], seconds: number, thinkMs = 0) => {
      const { value, report } = await observe(name, () => closedLoop(list, seconds, step, thinkMs));
      phases.push({ name, users: list.length, result: value, report });
    };
    await run('mixed', users, o.readSeconds, o.thinkMs);
    if (o.isolatedSeconds > 0) {
      await run(
        'roll-ups only, no pause',
        users.map(() => ({ kind: 'rollup' as const })),
        o.isolatedSeconds,
      );
      await run(
        'dashboards only, no pause',
        users.map(() => ({ kind: 'dashboard' as const })),
        o.isolatedSeconds,
      );
    }
    const rows: string[][] = [];
    for (const ph of phases)
      for (const [label, key] of [
        ['reference roll-up (1 statement)', 'rollup'],
        ['reference dashboard (1 statement)', 'dashboard'],
      ] as const) {
        const st = stats(ph.result.latencies.get(key) ?? []);
        if (!st.n) continue;
        const single = ph.name !== 'mixed';
        rows.push([
          label,
          `${ph.name} (${ph.users} users)`,
          (st.n / ph.result.elapsed).toFixed(0),
          ms(st.p50),
          ms(st.p95),
          ms(st.p99),
          single ? cpuPerRequest(ph.report, st.n).replace('server 0.00 · ', '') : '(mixed)',
        ]);
      }

    // Full-form saves: the writers each own agencies; revs come back from the statement itself.
    const writers = Math.min(o.writers, d.reporters.length);
    const revs = new Map<number, Map<string, number>>();
    const cursor = Array.from({ length: writers }, (_, w) => w);
    let round = 0;
    const save = async (w: number) => {
      const ai = cursor[w]!;
      cursor[w] = ai + writers >= d.reporters.length ? w : ai + writers;
      const a = d.reporters[ai]!;
      const mine = revs.get(ai) ?? new Map<string, number>();
      const cells = formCells(d, ai, round++, mine);
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const r = await client.query<{ code: string; rev: number }>(REF_SAVE, [
          d.openPeriod,
          a.id,
          cells.map((c) => c.indicator),
          cells.map((c) => c.value),
          cells.map((c) => c.rev),
          a.clerk.id,
        ]);
        if (r.rowCount !== cells.length) {
          await client.query('ROLLBACK');
          return { label: 'save', ok: false, detail: `saved ${r.rowCount} of ${cells.length}` };
        }
        await client.query('COMMIT');
        for (const x of r.rows) mine.set(x.code, x.rev);
        revs.set(ai, mine);
        return { label: 'save', ok: true };
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    };
    const ws = Array.from({ length: writers }, (_, w) => w);
    const { value: er, report: erep } = await observe('reference saves', () =>
      closedLoop(ws, o.entrySeconds, (w) => save(w), o.thinkMs),
    );
    const es = stats(er.latencies.get('save') ?? []);
    const { value: ec, report: ecrep } = await observe('reference saves, no pause', () =>
      closedLoop(ws, Math.max(1, o.isolatedSeconds), (w) => save(w)),
    );
    const ecs = stats(ec.latencies.get('save') ?? []);
    rows.push(
      [
        `reference save of ${d.codes.length} cells (BEGIN, 1 statement, COMMIT)`,
        `${writers} writers, ${o.thinkMs} ms think`,
        (es.n / er.elapsed).toFixed(1),
        ms(es.p50),
        ms(es.p95),
        ms(es.p99),
        cpuPerRequest(erep, es.n).replace('server 0.00 · ', ''),
      ],
      [
        'same, no pause',
        `${writers} writers`,
        (ecs.n / ec.elapsed).toFixed(1),
        ms(ecs.p50),
        ms(ecs.p95),
        ms(ecs.p99),
        cpuPerRequest(ecrep, ecs.n).replace('server 0.00 · ', ''),
      ],
    );
    const h = phases[0]!.result.latencies;
    const hr = stats(h.get('rollup') ?? []);
    const hd = stats(h.get('dashboard') ?? []);

    // Plans of the three statements (second run), appended to the explain file.
    const plans: string[] = ['', '# Reference SQL (part `sql`, bench/indicators.ts)', ''];
    const one = async (title: string, text: string, params: unknown[]) => {
      await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
      const r = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
      plans.push(
        `## ${title}`,
        '',
        '```sql',
        text,
        '```',
        '',
        `params: \`${JSON.stringify(params).slice(0, 600)}\``,
        '',
        '```',
        ...r.rows.map((x: Record<string, string>) => x['QUERY PLAN']!),
        '```',
        '',
      );
    };
    await one(`reference roll-up of ${p.s.rolled[1]} at the province`, REF_ROLLUP, p.rollup(p.s.rolled[1]!));
    await one(
      'reference dashboard at the province',
      REF_DASHBOARD,
      p.dashboard(d.periods[d.periods.length - 1]!),
    );
    fs.mkdirSync('bench/results', { recursive: true });
    fs.appendFileSync('bench/results/indicators-explain.md', plans.join('\n'));
    return [
      {
        title: `Reference SQL on the pool (no HTTP, no app): roll-up, dashboard and full-form save, ${fmt(d.values)} values`,
        machine: machine(),
        header: ['statement', 'phase', 'per s', 'p50', 'p95', 'p99', 'CPU per request (db · client)'],
        rows,
        verdict: `reference roll-up p95 ${ms(hr.p95)}, dashboard p95 ${ms(hd.p95)} (50 users with think time), save p95 ${ms(es.p95)}; errors ${phases.reduce((n, x) => n + x.result.errors, 0) + er.errors + ec.errors}${er.firstError ? ` (first: ${er.firstError})` : ''}`,
        notes: [
          `The least SQL each request needs (REF_ROLLUP, REF_DASHBOARD, REF_SAVE in bench/indicators.ts), on a pg pool of ${o.poolSize} like the server's, so the database's share of each target is known apart from the app: the roll-up reads the province subtree (recursive CTE over agencies), one indicator's totals for 24 months and the plans; the dashboard 20 indicators × 2 months; the save upserts 300 totals with the revision check and writes 300 history rows in one statement (no audit row, no permission checks).`,
          ...phases.map((x) => phaseNote(`Reference ${x.name}`, x.report)),
          phaseNote('Reference saves', erep),
        ],
      },
    ];
  } finally {
    await pool.end();
  }
}

/** Part `pglite-sql`: the reference roll-up statement on PGlite, 50 users with think time, then with no pause. */
async function pgliteReference(
  o: Options,
  q: Query,
  d: IndicatorDataset,
  loadSeconds: number,
): Promise<Result> {
  const p = refParams(d);
  const step = async (_u: number, i: number, idx: number) => {
    const r = await q(REF_ROLLUP, p.rollup(p.s.rolled[(i + idx) % p.s.rolled.length]!));
    return { label: 'rollup', ok: r.length === 24 + p.years.length, detail: `${r.length} rows` };
  };
  const users = Array.from({ length: o.users }, (_, i) => i);
  const first = await step(0, 0, 0);
  if (!first.ok) throw new Error(`PGlite reference roll-up: ${first.detail}`);
  await closedLoop(users, 3, step);
  const observe = observer(o, null, () => null, []);
  const { value: r, report } = await observe('PGlite reference', () =>
    closedLoop(users, o.pgliteSeconds, step, o.thinkMs),
  );
  const { value: cap, report: capReport } = await observe('PGlite reference, no pause', () =>
    closedLoop(users, Math.max(1, o.isolatedSeconds), step),
  );
  const all = stats(r.latencies.get('rollup') ?? []);
  const capAll = stats(cap.latencies.get('rollup') ?? []);
  const cpu = (rep: PhaseReport, n: number) =>
    `${(((rep.cpu.groups.client ?? 0) * 1000) / Math.max(1, n)).toFixed(1)} ms`;
  return {
    title: `(c) Reference roll-up statement on PGlite (in-process, no HTTP, no app), ${fmt(d.values)} values, ${users.length} users`,
    machine: machine(),
    header: ['phase', 'per s', 'p50', 'p95', 'p99', 'CPU per roll-up (PGlite, one thread)'],
    rows: [
      [
        `${users.length} users, ${o.thinkMs} ms think`,
        (all.n / r.elapsed).toFixed(0),
        ms(all.p50),
        ms(all.p95),
        ms(all.p99),
        cpu(report, all.n),
      ],
      [
        `${users.length} users, no pause`,
        (capAll.n / cap.elapsed).toFixed(0),
        ms(capAll.p50),
        ms(capAll.p95),
        ms(capAll.p99),
        cpu(capReport, capAll.n),
      ],
    ],
    verdict: `reference roll-up on PGlite p95 ${ms(all.p95)} with think time (the app's target ≤ 300 ms); errors ${r.errors + cap.errors}`,
    notes: [
      `REF_ROLLUP (bench/indicators.ts) through the same database handle the app uses; ${d.reporters.length} agencies × ${d.codes.length} indicators × ${d.periods.length} months. Load: ${loadSeconds.toFixed(0)} s.`,
      phaseNote('PGlite reference phase', report),
      phaseNote('PGlite reference phase with no pause', capReport),
    ],
  };
}

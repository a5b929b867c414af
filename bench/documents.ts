import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { backendPids, type CpuReport, cpuMeter, pct, waitForQuiet } from './cpu.ts';
import {
  ACTIONS,
  type BenchAgency,
  type DataFacts,
  dataFacts,
  ISSUERS,
  loadDocuments,
  prepareStaff,
  type Query,
  SCOPES,
  SUBJECTS,
  TYPES,
} from './documents-data.ts';
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
 * The documents benchmark (issue: registration throughput, lists and search at scale, PGlite):
 * (a) incoming registrations through the real API on PostgreSQL, next to pgbench's TPC-B-like tps
 *     on the same server (ratio target ≥ 0.25);
 * (b) with BENCH_DOCS documents loaded by SQL, 50 signed-in users (officers: "to handle" list;
 *     clerks: diacritics-free search) in closed loops; exact p50/p95/p99 (targets: p95 ≤ 50 / 150 ms),
 *     plus EXPLAIN ANALYZE of the exact SQL the app sends, written to bench/results/documents-explain.md;
 * (c) the same search on embedded PGlite with BENCH_PGLITE_DOCS documents, in-process (app.inject),
 *     50 requests in flight (target p95 ≤ 300 ms).
 */

function num(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return v;
}

export const PASSWORD = 'Bench-password-2026';

/** What users type: without diacritics, common words and numbers/notations. */
export const SEARCHES = [
  'quyet dinh ke hoach',
  'chi thi 10 2006',
  'cai cach hanh chinh',
  'chuyen doi so',
  'phong chong tham nhung',
  'nong thon moi',
  'bao cao ket qua thuc hien',
  'giay moi',
  '125 kh ubnd',
  'tuyen dung vien chuc',
];

const TO_HANDLE = '/api/v1/documents?box=to_handle&limit=50';
const searchPath = (q: string) => `/api/v1/documents?box=incoming&q=${encodeURIComponent(q)}`;

export interface Options {
  docs: number;
  pgliteDocs: number;
  parts: Set<string>;
  regSeconds: number;
  regSingleSeconds: number;
  regClients: number;
  pgbenchSeconds: number;
  readSeconds: number;
  /** Mean pause of a user between two requests in the headline phases (ms). */
  thinkMs: number;
  isolatedSeconds: number;
  users: number;
  pgliteSeconds: number;
  workers: number;
  batch: number;
  years: number;
  officers: number;
  poolSize: number;
  keep: boolean;
  /** Seconds to wait, before each measured phase, for a moment when other work leaves the CPUs mostly idle. */
  quietWait: number;
}

export function options(): Options {
  return {
    docs: num('BENCH_DOCS', 1_000_000),
    pgliteDocs: num('BENCH_PGLITE_DOCS', 100_000),
    parts: new Set(
      (process.env.BENCH_DOCUMENTS_PARTS ?? 'register,lists,pglite').split(',').map((s) => s.trim()),
    ),
    regSeconds: num('BENCH_REG_SECONDS', 20),
    regSingleSeconds: num('BENCH_REG_SINGLE_SECONDS', 5),
    regClients: num('BENCH_REG_CLIENTS', 24),
    pgbenchSeconds: num('BENCH_PGBENCH_SECONDS', 20),
    readSeconds: num('BENCH_READ_SECONDS', 20),
    thinkMs: num('BENCH_THINK_MS', 1000),
    isolatedSeconds: num('BENCH_ISOLATED_SECONDS', 10),
    users: num('BENCH_USERS', 50),
    pgliteSeconds: num('BENCH_PGLITE_SECONDS', 20),
    workers: num('BENCH_LOAD_WORKERS', Math.max(1, os.cpus().length)),
    batch: num('BENCH_BATCH', 25_000),
    years: num('BENCH_YEARS', 5),
    officers: num('BENCH_OFFICERS', 6),
    poolSize: num('BENCH_POOL_SIZE', 10),
    keep: process.env.BENCH_KEEP_DB === '1',
    quietWait: num('BENCH_QUIET_WAIT', 30),
  };
}

const log = (line: string) => console.error(`[documents] ${line}`);
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const verdict = (ok: boolean) => (ok ? 'MET' : 'NOT MET');

/** Agencies with the most documents first (the province office, then departments and districts). */
const busiest = (agencies: BenchAgency[]) =>
  [...agencies].sort((a, b) => b.weight - a.weight || a.idx - b.idx);

/** What happened on the machine during a measured phase. */
export interface PhaseReport {
  cpu: CpuReport;
  /** Average number of active backends of the bench database per wait event ('CPU' = none). */
  waits: [string, number][];
  /** Machine busy share just before the phase (after waiting up to BENCH_QUIET_WAIT for a quiet moment). */
  before: number;
}

export type Observe = <T>(name: string, run: () => Promise<T>) => Promise<{ value: T; report: PhaseReport }>;

/**
 * Runs a measured phase with CPU accounting (client = this process, server = `serverPid`, db =
 * backends of `databases`) and a 10 Hz sample of what the database's active backends wait on.
 */
export function observer(
  o: Pick<Options, 'quietWait'>,
  mon: pg.Client | null,
  serverPid: () => number | null,
  databases: string[],
  /** The database's processes by group, instead of `db` = backends of `databases` (bench/scale.ts: a whole cluster each). */
  dbPids?: () => Promise<Record<string, number[]>>,
): Observe {
  return async (name, run) => {
    const q = o.quietWait > 0 ? await waitForQuiet(o.quietWait) : { quiet: true, busy: Number.NaN };
    if (!q.quiet)
      log(`${name}: the machine stayed busy (${pct(q.busy)}) for ${o.quietWait} s; measuring anyway`);
    const pids = async () => {
      const server = serverPid();
      return {
        client: [process.pid],
        server: server ? [server] : [],
        ...(dbPids
          ? await dbPids()
          : { db: mon ? await backendPids(async (t, p) => (await mon.query(t, p)).rows, databases) : [] }),
      };
    };
    const end = await cpuMeter(pids);
    const waits = new Map<string, number>();
    let samples = 0;
    let sampling = !!mon;
    const sampler = (async () => {
      while (sampling && mon) {
        const r = await mon.query<{ w: string; n: number }>(
          `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w, count(*)::int AS n
             FROM pg_stat_activity WHERE datname = ANY($1::text[]) AND state = 'active' AND pid <> pg_backend_pid()
            GROUP BY 1`,
          [databases],
        );
        samples++;
        for (const x of r.rows) waits.set(x.w, (waits.get(x.w) ?? 0) + x.n);
        await new Promise((res) => setTimeout(res, 100));
      }
    })();
    let value: Awaited<ReturnType<typeof run>>;
    try {
      value = await run();
    } finally {
      sampling = false;
      await sampler;
    }
    const cpu = await end();
    const list = [...waits]
      .map(([k, n]) => [k, n / Math.max(1, samples)] as [string, number])
      .sort((a, b) => b[1] - a[1]);
    return { value, report: { cpu, waits: list, before: q.busy } };
  };
}

/** "server 0.9 · db 1.4 · client 0.5 ms": CPU time per request of each group. */
export function cpuPerRequest(r: PhaseReport, requests: number): string {
  const per = (g: string) => (((r.cpu.groups[g] ?? 0) * 1000) / Math.max(1, requests)).toFixed(2);
  return `server ${per('server')} · db ${per('db')} · client ${per('client')} ms`;
}

export function phaseNote(name: string, r: PhaseReport): string {
  const waits = r.waits
    .slice(0, 4)
    .map(([w, n]) => `${w} ${n.toFixed(1)}`)
    .join(', ');
  return `${name}: machine ${pct(r.cpu.machineBusy)} busy over ${r.cpu.seconds.toFixed(0)} s, of which other work (not this benchmark) ${pct(r.cpu.foreignShare)} of the 2 CPUs${Number.isFinite(r.before) ? ` (${pct(r.before)} busy just before)` : ''}${waits ? `; active backends by wait event (average): ${waits}` : ''}.`;
}

export async function benchDocuments(): Promise<Result[]> {
  const o = options();
  const results: Result[] = [];
  const started = performance.now();
  if (o.parts.has('register') || o.parts.has('lists')) results.push(...(await onPostgres(o)));
  if (o.parts.has('pglite')) results.push(await onPglite(o));
  log(`done in ${((performance.now() - started) / 60000).toFixed(1)} min`);
  return results;
}

/** Seeds the demo province into `url` (env: the server's) and loads `o.docs` documents by SQL. */
export async function loadDataset(
  o: Options,
  url: string,
  env: Record<string, string>,
  maintenanceWorkMem = '1GB',
): Promise<{
  agencies: BenchAgency[];
  facts: DataFacts;
  load: Awaited<ReturnType<typeof loadDocuments>>;
  loadSeconds: number;
}> {
  const bin = path.resolve('bin/lienthong.js');
  log(`seeding the demo province and loading ${fmt(o.docs)} documents (${o.workers} connections)…`);
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
  let agencies: BenchAgency[];
  let facts: DataFacts;
  let load: Awaited<ReturnType<typeof loadDocuments>>;
  const loadStart = performance.now();
  try {
    agencies = await prepareStaff(qs[0]!, { officersPerAgency: o.officers });
    load = await loadDocuments(qs, agencies, {
      docs: o.docs,
      batch: o.batch,
      years: o.years,
      now: new Date(),
      maintenanceWorkMem,
      log,
    });
    facts = await dataFacts(qs[0]!, agencies);
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;
  return { agencies, facts, load, loadSeconds };
}

/** Parts (a) and (b): one PostgreSQL database, loaded once, served by `lienthong serve`. */
async function onPostgres(o: Options): Promise<Result[]> {
  const out: Result[] = [];
  const url = await freshDatabase('lienthong_bench_docs');
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
    const { agencies, facts, load, loadSeconds } = await loadDataset(o, url, env);
    out.push(datasetResult(o, facts, load, loadSeconds, agencies));

    let pgbench: { tps: number; report: PhaseReport } | null = null;
    if (o.parts.has('register')) pgbench = await runPgbench(o, mon);

    log('starting lienthong serve…');
    const started = await startProcess(
      [bin, 'serve'],
      { ...env, PORT: '0', HOST: '127.0.0.1' },
      /(http:\/\/127\.0\.0\.1:\d+)/,
    );
    server = started.child;
    const base = new URL(started.match[1]!);
    const observe = observer(o, mon, () => server?.pid ?? null, ['lienthong_bench_docs']);
    if (pgbench) out.push(await registration(o, base, agencies, pgbench, observe));
    if (o.parts.has('lists')) {
      out.push(...(await lists(o, base, agencies, observe)));
      await stop(server);
      server = null;
      out.push(await explainLists(url, agencies));
      out.push(await snippetCost());
    }
  } finally {
    if (server) await stop(server);
    await mon.end();
    if (!o.keep) await dropDatabase('lienthong_bench_docs');
  }
  return out;
}

export function datasetResult(
  o: Options,
  f: DataFacts,
  load: Awaited<ReturnType<typeof loadDocuments>>,
  seconds: number,
  agencies: BenchAgency[],
): Result {
  const slowest = Object.entries(load.timings)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([k, v]) => `${k} ${v.toFixed(0)} s`)
    .join(', ');
  return {
    title: `Documents dataset on PostgreSQL (${fmt(o.docs)} documents, ${agencies.length} agencies, ${o.years} years)`,
    machine: machine(),
    header: ['what', 'value'],
    rows: [
      ['documents (secret: mật / tối mật / tuyệt mật)', `${fmt(f.documents)} (${fmt(f.secret)} secret)`],
      ['agencies with documents', String(f.agencies)],
      ['assignments (open)', `${fmt(f.assignments)} (${fmt(f.open_assignments)})`],
      ['document_readers rows', fmt(f.readers)],
      [
        'busiest officer\'s "to handle" list / median officer\'s',
        `${fmt(f.toHandleMax)} / ${fmt(f.toHandleMedian)} documents`,
      ],
      ['documents table + indexes', `${fmt(f.documents_mb)} MB`],
      ['load time (SQL generator, indexes, VACUUM ANALYZE)', `${seconds.toFixed(0)} s (${slowest})`],
    ],
    verdict: `loaded ${fmt(f.documents)} documents in ${seconds.toFixed(0)} s`,
  };
}

/** pgbench's default TPC-B-like transaction on a scratch database of the same server: the write ceiling. */
export async function runPgbench(
  o: Options,
  mon: pg.Client,
  admin = adminUrl(),
  dbPids?: () => Promise<Record<string, number[]>>,
): Promise<{ tps: number; report: PhaseReport }> {
  const url = new URL(await freshDatabase('lienthong_bench_pgbench', admin));
  const bin = fs.existsSync('/usr/lib/postgresql/15/bin/pgbench')
    ? '/usr/lib/postgresql/15/bin/pgbench'
    : 'pgbench';
  const conn = [
    '-h',
    url.hostname,
    '-p',
    url.port || '5432',
    '-U',
    decodeURIComponent(url.username || 'postgres'),
  ];
  const envPg = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  const db = url.pathname.slice(1);
  let pid: number | null = null;
  const observe = observer(o, mon, () => pid, [db], dbPids);
  try {
    log('pgbench -i -s 10…');
    const init = spawnSync(bin, ['-i', '-s', '10', '-q', ...conn, db], {
      env: envPg,
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (init.status !== 0) throw new Error(`pgbench -i failed: ${init.stderr}`);
    log(`pgbench -c 16 -j 2 -T ${o.pgbenchSeconds}…`);
    const { value: stdout, report } = await observe('pgbench', async () => {
      const child = spawn(bin, ['-c', '16', '-j', '2', '-T', String(o.pgbenchSeconds), ...conn, db], {
        env: envPg,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      pid = child.pid ?? null;
      let text = '';
      child.stdout.on('data', (d: Buffer) => {
        text += d;
      });
      child.stderr.on('data', (d: Buffer) => {
        text += d;
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), (o.pgbenchSeconds + 120) * 1000);
      const code = await new Promise<number | null>((resolve) => {
        child.on('close', resolve);
        child.on('error', (e) => {
          text += String(e);
          resolve(-1);
        });
      });
      clearTimeout(timer);
      if (code !== 0) throw new Error(`pgbench failed (${code}): ${text}`);
      return text;
    });
    const m = stdout.match(/tps = ([\d.]+) \(without initial connection time\)/);
    if (!m) throw new Error(`pgbench printed no tps: ${stdout}`);
    return { tps: Number(m[1]), report };
  } finally {
    await dropDatabase('lienthong_bench_pgbench', admin);
  }
}

/** (a) Clerks of different agencies register incoming paper documents as fast as the server answers. */
export async function registration(
  o: Options,
  base: URL,
  agencies: BenchAgency[],
  pgbench: { tps: number; report: PhaseReport },
  observe: Observe,
): Promise<Result> {
  const pgbenchTps = pgbench.tps;
  const chosen = busiest(agencies).slice(0, o.regClients);
  const clerks = await Promise.all(chosen.map((a) => signInHttp(base, a.clerk.username, PASSWORD)));
  let k = 0;
  const day = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
  const body = (i: number) => {
    k++;
    const [typeCode, , abbr] = TYPES[k % TYPES.length]!;
    const [issuerName, code] = ISSUERS[k % ISSUERS.length]!;
    return {
      issuerName,
      numberNotation: abbr ? `${k}/${abbr}-${code}` : `${k}/${code}-VP`,
      typeCode,
      issuedDate: day(1 + (k % 5)),
      summary: `${ACTIONS[k % ACTIONS.length]} ${SUBJECTS[(k * 7) % SUBJECTS.length]} ${SCOPES[(k * 3) % SCOPES.length]}`,
      signerName: 'Nguyễn Văn An',
      signerTitle: 'Chủ tịch',
      secrecy: i % 10 === 0 ? 'mat' : 'normal',
      urgency: 'normal',
      pageCount: 2,
    };
  };
  const step = async (u: HttpUser, i: number) => {
    const r = await send(base, u, 'POST', '/api/v1/documents/incoming', body(i));
    return { label: 'register', ok: r.status === 201, detail: `${r.status} ${r.body.slice(0, 200)}` };
  };
  log(`registration: ${clerks.length} clerks, warm-up 3 s, then ${o.regSeconds} s…`);
  await closedLoop(clerks, 3, step);
  const { value: r, report } = await observe('registration', () => closedLoop(clerks, o.regSeconds, step));
  const s = stats(r.latencies.get('register') ?? []);
  const rate = s.n / r.elapsed;
  // One clerk alone: if many clerks of different agencies do not go much faster than one, something
  // serialises them (the wait events say what).
  const single =
    o.regSingleSeconds > 0 ? await closedLoop(clerks.slice(0, 1), o.regSingleSeconds, step) : null;
  const singleRate = single ? (single.latencies.get('register')?.length ?? 0) / single.elapsed : Number.NaN;
  const ratio = rate / pgbenchTps;
  return {
    title: `(a) Registration throughput: POST /api/v1/documents/incoming, ${clerks.length} clerks of different agencies, ${o.regSeconds} s, PostgreSQL`,
    machine: machine(),
    header: ['measure', 'value'],
    rows: [
      ['registrations/s (201 Created)', rate.toFixed(0)],
      ['registration latency p50 / p95 / p99', `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`],
      [
        'errors (non-201 or failed)',
        `${r.errors}${r.firstError ? ` (first: ${r.firstError.slice(0, 120)})` : ''}`,
      ],
      ['CPU time per registration', cpuPerRequest(report, s.n)],
      [
        `one clerk alone (${o.regSingleSeconds} s): registrations/s, p50`,
        single ? `${singleRate.toFixed(0)}, ${ms(stats(single.latencies.get('register') ?? []).p50)}` : '–',
      ],
      ['pgbench TPC-B-like tps (-s 10, -c 16 -j 2, scratch database, same server)', pgbenchTps.toFixed(0)],
    ],
    verdict: `ratio registrations/s ÷ pgbench tps = ${ratio.toFixed(2)} (target ≥ 0.25) ${verdict(ratio >= 0.25 && r.errors === 0)}`,
    notes: [
      `Each registration is one transaction (duplicate check, insert, reader, arrival number from the register counter, event, audit row) behind session and CSRF checks; ${fmt(o.docs)} documents already in the table, JOBS_ENABLED=false, DATABASE_POOL_SIZE=${o.poolSize}.`,
      phaseNote('Registration phase', report),
      phaseNote('pgbench phase', pgbench.report),
    ],
  };
}

interface ReadPhase {
  name: string;
  users: number;
  result: LoopResult;
  report: PhaseReport;
}

/**
 * (b) "To handle" lists of officers and searches of clerks: 50 users who each pause a moment between
 * pages (the headline), then each kind alone with no pause at all (capacity and CPU per request).
 */
export async function lists(
  o: Options,
  base: URL,
  agencies: BenchAgency[],
  observe: Observe,
): Promise<Result[]> {
  const ranked = busiest(agencies);
  const half = Math.ceil(o.users / 2);
  log('signing in officers and clerks…');
  const signAll = (names: string[]) => Promise.all(names.map((n) => signInHttp(base, n, PASSWORD)));
  // The first officer of each agency carries the most work; the biggest agencies have the most to search.
  const officers = await signAll(ranked.slice(0, o.users).map((a) => a.officers[0]!.username));
  const clerks = await signAll(ranked.slice(0, o.users).map((a) => a.clerk.username));
  // Sanity: the lists are not empty, so the figures measure real pages.
  const first = JSON.parse((await send(base, officers[0]!, 'GET', TO_HANDLE)).body) as { items?: unknown[] };
  const found: string[] = [];
  for (const q of SEARCHES) {
    const r = await send(base, clerks[0]!, 'GET', searchPath(q));
    if (r.status !== 200) throw new Error(`search ${q}: ${r.status} ${r.body.slice(0, 300)}`);
    const page = JSON.parse(r.body) as { items: unknown[]; nextCursor: string | null };
    found.push(`“${q}” ${page.items.length}${page.nextCursor ? '+' : ''}`);
  }
  type U = { kind: 'officer' | 'clerk'; user: HttpUser };
  const step = async (u: U, i: number, idx: number) => {
    if (u.kind === 'officer') {
      const r = await send(base, u.user, 'GET', TO_HANDLE);
      return { label: 'to_handle', ok: r.status === 200, detail: `${r.status} ${r.body.slice(0, 200)}` };
    }
    const q = SEARCHES[(i + idx) % SEARCHES.length]!;
    const r = await send(base, u.user, 'GET', searchPath(q));
    return { label: `search|${q}`, ok: r.status === 200, detail: `${r.status} ${r.body.slice(0, 200)}` };
  };
  const mixed: U[] = [];
  for (let i = 0; i < half; i++) {
    mixed.push({ kind: 'officer', user: officers[i]! });
    if (mixed.length < o.users) mixed.push({ kind: 'clerk', user: clerks[i]! });
  }
  log(
    `lists: warm-up 5 s, then ${o.readSeconds} s with ${mixed.length} users (officers + clerks, ${o.thinkMs} ms think time)…`,
  );
  await closedLoop(mixed, 5, step);
  const run = async (name: string, users: U[], seconds: number, thinkMs = 0): Promise<ReadPhase> => {
    const { value, report } = await observe(name, () => closedLoop(users, seconds, step, thinkMs));
    return { name, users: users.length, result: value, report };
  };
  const phases: ReadPhase[] = [await run('mixed', mixed, o.readSeconds, o.thinkMs)];
  if (o.isolatedSeconds > 0) {
    log(
      `lists: ${o.isolatedSeconds} s with ${officers.length} officers only, then ${clerks.length} clerks only…`,
    );
    const only = (kind: U['kind'], list: HttpUser[]) => list.map((user) => ({ kind, user }));
    phases.push(await run('officers only, no pause', only('officer', officers), o.isolatedSeconds));
    phases.push(await run('clerks only, no pause', only('clerk', clerks), o.isolatedSeconds));
  }
  const merged = (r: LoopResult, prefix: string) =>
    [...r.latencies.entries()]
      .filter(([k]) => k === prefix || k.startsWith(`${prefix}|`))
      .flatMap(([, v]) => v);
  const rows: string[][] = [];
  let headline: { toHandle: Stats; search: Stats } | null = null;
  for (const p of phases) {
    const th = stats(merged(p.result, 'to_handle'));
    const se = stats(merged(p.result, 'search'));
    if (!headline) headline = { toHandle: th, search: se };
    const row = (label: string, s: Stats, target: number) =>
      s.n
        ? [
            label,
            `${p.name} (${p.users} users)`,
            (s.n / p.result.elapsed).toFixed(0),
            ms(s.p50),
            ms(s.p95),
            ms(s.p99),
            ms(s.max),
            // Per-request CPU only where one kind of request ran alone.
            p.name === 'mixed'
              ? `(both kinds) ${cpuPerRequest(p.report, th.n + se.n)}`
              : cpuPerRequest(p.report, s.n),
            pct(p.report.cpu.foreignShare),
            // The target is for users (with think time); the no-pause phases measure capacity.
            p.name === 'mixed' ? `p95 ≤ ${target} ms` : 'capacity',
            p.name === 'mixed' ? verdict(s.p95 <= target) : '–',
          ]
        : null;
    const a = row('officer: GET ?box=to_handle&limit=50', th, 50);
    const b = row('clerk: GET ?box=incoming&q=… (no diacritics)', se, 150);
    if (a) rows.push(a);
    if (b) rows.push(b);
  }
  const errors = phases.reduce((s, p) => s + p.result.errors, 0);
  const firstError = phases.find((p) => p.result.firstError)?.result.firstError;
  const h = headline!;
  const okAll = h.toHandle.p95 <= 50 && h.search.p95 <= 150 && errors === 0;
  const main: Result = {
    title: `(b) Lists and search at ${fmt(o.docs)} documents: ${mixed.length} concurrent users (${o.thinkMs} ms mean think time), PostgreSQL`,
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
      'other work on the CPUs',
      'target',
      'result',
    ],
    rows,
    verdict: `mixed load: to-handle p95 ${ms(h.toHandle.p95)} (target ≤ 50 ms) ${verdict(h.toHandle.p95 <= 50)}; search p95 ${ms(h.search.p95)} (target ≤ 150 ms) ${verdict(h.search.p95 <= 150)}; errors ${errors}${okAll ? '' : ' — see notes'}`,
    notes: [
      `The mixed phase (${o.readSeconds} s) is the headline: ${half} officers of the ${half} busiest agencies load their first "to handle" page while ${mixed.length - half} clerks of the same agencies run ${SEARCHES.length} searches in turn; each user pauses a random 0.5–1.5 × ${o.thinkMs} ms after each answer (a person reading the page; real users pause longer). Then each population alone with no pause at all (${o.isolatedSeconds} s): ${o.users} requests always in flight, which measures capacity (requests/s, CPU per request), not what a user waits. Latency is measured by the client (same 2 cores as server and database), from request start to last byte.`,
      `First page of the busiest officer: ${first.items?.length ?? 0} items. Searches by the clerk of the biggest agency (items on page 1, + = more pages): ${found.join(', ')}.`,
      ...phases.map((p) => phaseNote(`Phase “${p.name}”`, p.report)),
      ...(errors ? [`Errors: ${errors} (first: ${firstError?.slice(0, 200)})`] : []),
    ],
  };
  // Per-query figures of the mixed phase: which searches are slow.
  const mixedPhase = phases[0]!.result;
  const perQuery = SEARCHES.map((q) => ({ q, s: stats(mixedPhase.latencies.get(`search|${q}`) ?? []) }));
  const worst = [...perQuery].sort((a, b) => b.s.p95 - a.s.p95)[0]!;
  const queries: Result = {
    title: '(b) Search latency per query (mixed phase)',
    machine: machine(),
    header: ['q', 'requests', 'p50', 'p95', 'p99', 'max'],
    rows: perQuery.map(({ q, s }) => [`\`${q}\``, String(s.n), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)]),
    verdict: `slowest query at p95: “${worst.q}” ${ms(worst.s.p95)}`,
  };
  return [main, queries];
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the exact SQL listDocuments() sends (rendered by Drizzle from the app's
 * own code), on the idle server: the busiest officer's "to handle" page and the biggest agency's clerk
 * searching each query. Full plans go to bench/results/documents-explain.md.
 */
export async function explainLists(
  url: string,
  agencies: BenchAgency[],
  file = 'bench/results/documents-explain.md',
): Promise<Result> {
  const { openDatabase } = await import('../src/server/db/client.ts');
  const { listDocuments } = await import('../src/server/modules/documents/lists.ts');
  const { documentListQuery } = await import('../src/shared/schemas/documents.ts');
  const { PgDialect } = await import('drizzle-orm/pg-core');
  type Ctx = Parameters<typeof listDocuments>[0];
  const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
  const dialect = new PgDialect();
  const ranked = busiest(agencies);
  // The officer with the longest "to handle" list among those measured.
  const [top] = await database.query<{ username: string }>(
    `SELECT p.username FROM people p JOIN positions po ON po.person_id = p.id AND po.is_primary
       JOIN document_assignments s ON s.status = 'open' AND (s.person_id = p.id OR (s.division_id = po.division_id AND s.role <> 'info'))
      WHERE p.username = ANY($1::text[]) GROUP BY p.username ORDER BY count(*) DESC LIMIT 1`,
    [ranked.slice(0, 50).map((a) => a.officers[0]!.username)],
  );
  const cases = [
    {
      label: `to_handle (officer ${top?.username})`,
      username: top?.username ?? ranked[0]!.officers[0]!.username,
      q: { box: 'to_handle', limit: '50' },
    },
    ...SEARCHES.map((s) => ({
      label: `search “${s}” (clerk ${ranked[0]!.clerk.username})`,
      username: ranked[0]!.clerk.username,
      q: { box: 'incoming', q: s },
    })),
  ];
  const rows: string[][] = [];
  const lines: string[] = [
    '# EXPLAIN (ANALYZE, BUFFERS) of the documents list queries',
    '',
    'The SQL is what `listDocuments()` (src/server/modules/documents/lists.ts) sends, rendered by Drizzle; run on the idle server after the load test (second run shown).',
    '',
  ];
  try {
    for (const c of cases) {
      const [a] = await database.query<{
        person_id: string;
        full_name: string;
        position_id: string;
        agency_id: string;
        division_id: string | null;
        role: string;
      }>(
        `SELECT p.id AS person_id, p.full_name, po.id AS position_id, po.agency_id, po.division_id, po.role
           FROM people p JOIN positions po ON po.person_id = p.id AND po.is_primary AND po.ended_at IS NULL
          WHERE p.username = $1`,
        [c.username],
      );
      if (!a) throw new Error(`no user ${c.username}`);
      // Every statement listDocuments() sends (a search sends two to four), run for real and recorded.
      const captured: { sql: string; params: unknown[] }[] = [];
      const db = new Proxy(database.db, {
        get(target, prop, receiver) {
          if (prop === 'execute')
            return (query: Parameters<typeof dialect.sqlToQuery>[0]) => {
              captured.push(dialect.sqlToQuery(query));
              return target.execute(query);
            };
          return Reflect.get(target, prop, receiver);
        },
      });
      const ctx = {
        db,
        actor: {
          personId: a.person_id,
          username: c.username,
          fullName: a.full_name,
          sessionId: 'bench',
          positionId: a.position_id,
          agencyId: a.agency_id,
          divisionId: a.division_id,
          role: a.role,
          ip: '127.0.0.1',
        },
        now: () => new Date(),
        config: {},
        blobs: {},
      } as unknown as Ctx;
      const page = await listDocuments(ctx, documentListQuery.parse(c.q));
      if (captured.length === 0) throw new Error('listDocuments sent no query');
      const grab = (text: string[], re: RegExp) => Number(text.join('\n').match(re)?.[1] ?? Number.NaN);
      const plans: string[][] = [];
      for (const q of captured) {
        const explain = () =>
          database.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params);
        await explain();
        plans.push((await explain()).map((r) => r['QUERY PLAN']));
      }
      const total = (re: RegExp) => plans.reduce((sum, p) => sum + grab(p, re), 0);
      rows.push([
        c.label,
        String(page.items.length) + (page.nextCursor ? '+' : ''),
        String(plans.length),
        ms(total(/Planning Time: ([\d.]+) ms/)),
        ms(total(/Execution Time: ([\d.]+) ms/)),
        plans.some((p) => p.some((l) => l.startsWith('JIT:'))) ? 'yes' : 'no',
        plans.map(planSummary).filter(Boolean).join(' → '),
      ]);
      lines.push(`## ${c.label}`, '');
      for (const [i, q] of captured.entries())
        lines.push(
          `### statement ${i + 1} of ${captured.length}`,
          '',
          '```sql',
          q.sql,
          '```',
          '',
          `params: \`${JSON.stringify(q.params)}\``,
          '',
          '```',
          ...plans[i]!,
          '```',
          '',
        );
    }
  } finally {
    await database.close();
  }
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync(file, lines.join('\n'));
  const slowest = [...rows].sort((x, y) => Number.parseFloat(y[4]!) - Number.parseFloat(x[4]!))[0]!;
  return {
    title: '(b) EXPLAIN ANALYZE of the exact list SQL, one request at a time on the idle server',
    machine: machine(),
    header: [
      'query',
      'items',
      'statements',
      'planning',
      'execution',
      'JIT',
      'scans of documents (actual rows)',
    ],
    rows,
    verdict: `slowest request (sum of its statements): ${slowest[0]} ${slowest[4]}`,
    notes: [
      `Every statement listDocuments() sends for the request, run through EXPLAIN (ANALYZE, BUFFERS) (second run shown); planning and execution are summed over them. A search sends the number matches (trigram index), then the window of the agency’s newest documents, and only when that window does not fill the page, the boundary and the older documents through the full-text index. Execution times are wall-clock on a machine other work may share. Full plans, SQL and parameters: ${file}.`,
    ],
  };
}

/** (c) The same search on embedded PGlite, in-process (app.inject), 50 requests in flight. */
async function onPglite(o: Options): Promise<Result> {
  const { openDatabase } = await import('../src/server/db/client.ts');
  const { seedDemo } = await import('../src/server/demo/seed.ts');
  const { buildApp } = await import('../src/server/app.ts');
  const { loadConfig } = await import('../src/server/config.ts');
  const { DiskBlobStore } = await import('../src/server/platform/blobs/store.ts');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-bench-pglite-'));
  const database = await openDatabase({ pgliteDir: path.join(dir, 'pg') });
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    log(`PGlite: migrating, seeding and loading ${fmt(o.pgliteDocs)} documents…`);
    const t = performance.now();
    await database.migrate();
    await seedDemo(database.db, PASSWORD);
    const agencies = await prepareStaff(database.query, { officersPerAgency: o.officers });
    await loadDocuments([database.query], agencies, {
      docs: o.pgliteDocs,
      batch: o.batch,
      years: o.years,
      now: new Date(),
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
    const clerks = await Promise.all(
      busiest(agencies)
        .slice(0, o.users)
        .map(async (ag) => {
          const r = await a.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { username: ag.clerk.username, password: PASSWORD },
          });
          if (r.statusCode !== 200)
            throw new Error(`PGlite sign-in ${ag.clerk.username}: ${r.statusCode} ${r.body}`);
          const cookie = r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
          return { cookie, csrf: (r.json() as { csrfToken: string }).csrfToken };
        }),
    );
    const step = async (u: { cookie: string; csrf: string }, i: number, idx: number) => {
      const q = SEARCHES[(i + idx) % SEARCHES.length]!;
      const r = await a.inject({
        method: 'GET',
        url: searchPath(q),
        headers: { cookie: u.cookie, 'x-csrf-token': u.csrf },
      });
      return {
        label: `search|${q}`,
        ok: r.statusCode === 200,
        detail: `${r.statusCode} ${r.body.slice(0, 200)}`,
      };
    };
    log(
      `PGlite: warm-up 3 s, then ${o.pgliteSeconds} s with ${clerks.length} users (${o.thinkMs} ms think time), then ${o.isolatedSeconds} s with no pause…`,
    );
    await closedLoop(clerks, 3, step);
    const observe = observer(o, null, () => null, []);
    const { value: r, report } = await observe('PGlite search', () =>
      closedLoop(clerks, o.pgliteSeconds, step, o.thinkMs),
    );
    const { value: cap, report: capReport } = await observe('PGlite search, no pause', () =>
      closedLoop(clerks, Math.max(1, o.isolatedSeconds), step),
    );
    const capAll = stats([...cap.latencies.values()].flat());
    const all = stats([...r.latencies.values()].flat());
    // Service time of each query alone (one request in flight, median of 5): what the queue is made of.
    const service: { q: string; ms: number }[] = [];
    for (const [i, q] of SEARCHES.entries()) {
      const times: number[] = [];
      for (let k = 0; k < 5; k++) {
        const t = performance.now();
        const x = await step(clerks[i % clerks.length]!, 0, i);
        if (!x.ok) throw new Error(`PGlite search ${q}: ${x.detail}`);
        times.push(performance.now() - t);
      }
      service.push({ q, ms: stats(times).p50 });
    }
    service.sort((x, y) => y.ms - x.ms);
    const meanService = service.reduce((a, b) => a + b.ms, 0) / service.length;
    return {
      title: `(c) PGlite (embedded, in-process app.inject): search at ${fmt(o.pgliteDocs)} documents, ${clerks.length} concurrent users (${o.thinkMs} ms mean think time)`,
      machine: machine(),
      header: ['request', 'requests/s', 'p50', 'p95', 'p99', 'max', 'CPU per request', 'target', 'result'],
      rows: [
        [
          'clerk: GET ?box=incoming&q=… (all queries)',
          (all.n / r.elapsed).toFixed(0),
          ms(all.p50),
          ms(all.p95),
          ms(all.p99),
          ms(all.max),
          `${(((report.cpu.groups.client ?? 0) * 1000) / Math.max(1, all.n)).toFixed(1)} ms (app + PGlite, one thread)`,
          'p95 ≤ 300 ms',
          verdict(all.p95 <= 300),
        ],
        [
          `same, no pause (${clerks.length} requests always in flight: capacity)`,
          (capAll.n / cap.elapsed).toFixed(0),
          ms(capAll.p50),
          ms(capAll.p95),
          ms(capAll.p99),
          ms(capAll.max),
          `${(((capReport.cpu.groups.client ?? 0) * 1000) / Math.max(1, capAll.n)).toFixed(1)} ms`,
          'capacity',
          '–',
        ],
        ...service
          .slice(0, 3)
          .map(({ q, ms: t }) => [`… alone (1 in flight): \`${q}\``, '', ms(t), '', '', '', '', '', '']),
      ],
      verdict: `PGlite search p95 ${ms(all.p95)} (target ≤ 300 ms) ${verdict(all.p95 <= 300 && r.errors === 0)}; errors ${r.errors}${r.firstError ? ` (first: ${r.firstError.slice(0, 120)})` : ''}`,
      notes: [
        `Each user pauses a random 0.5–1.5 × ${o.thinkMs} ms after each answer. PGlite runs one query at a time (single-threaded WASM), so a request waits for the ones ahead of it; with no pause (${clerks.length} requests always in flight) p95 ≈ ${clerks.length} × mean service time (${ms(meanService)} over the ${SEARCHES.length} queries alone, i.e. ≈ ${ms(clerks.length * meanService)}). Load (migrate, seed, ${fmt(o.pgliteDocs)} documents, indexes, VACUUM ANALYZE): ${loadSeconds.toFixed(0)} s.`,
        phaseNote('PGlite phase', report),
        phaseNote('PGlite phase with no pause', capReport),
      ],
    };
  } finally {
    if (app) await app.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The search page's highlighted excerpts are computed in the server (lists.ts, snippet()) over the
 * summary and up to 4,000 characters of extracted file text per item. This dataset has no file text,
 * so the HTTP figures above do not include that cost: measure it in-process.
 */
async function snippetCost(): Promise<Result> {
  const { snippet } = await import('../src/server/modules/documents/lists.ts');
  const { searchTerms } = await import('../src/shared/vi-text.ts');
  const terms = searchTerms('quyet dinh ke hoach');
  const summary = `${ACTIONS[1]} ${SUBJECTS[0]} ${SCOPES[6]}`;
  let text = '';
  for (let i = 0; text.length < 4000; i++)
    text += `${ACTIONS[i % ACTIONS.length]} ${SUBJECTS[(i * 7) % SUBJECTS.length]} ${SCOPES[(i * 3) % SCOPES.length]}. `;
  // CPU time of this process (not wall time), so other work on the machine does not inflate it.
  const perItem = (input: string) => {
    for (let i = 0; i < 50; i++) snippet(input, terms);
    let n = 0;
    const cpu = process.cpuUsage();
    const t = performance.now();
    while (performance.now() - t < 700) {
      snippet(input, terms);
      n++;
    }
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1000 / n;
  };
  const a = perItem(`${summary} … `);
  const b = perItem(`${summary} … ${text.slice(0, 4000)}`);
  return {
    title:
      '(b) Server CPU time spent highlighting search results (snippet(), in-process, one page = 50 items)',
    machine: machine(),
    header: ['item text', 'per item', 'per page of 50'],
    rows: [
      [`summary only (${summary.length} characters, as in this dataset)`, ms(a), ms(a * 50)],
      [
        'summary + 4,000 characters of extracted file text (what lists.ts passes for a document with text)',
        ms(b),
        ms(b * 50),
      ],
    ],
    verdict: `a search page of documents with extracted text costs ${ms(b * 50)} of server CPU in snippet() alone`,
    notes: [
      'snippet() folds and scans the summary and up to 4,000 characters of file text of every item on the page, so its cost grows with the text length; one server process can serve at most about 1000 / (the figure) such pages per second.',
    ],
  };
}

/** The scans of `documents` and its indexes in a plan, with actual rows: where the work goes. */
function planSummary(plan: string[]): string {
  const parts: string[] = [];
  for (const line of plan) {
    const node = line.match(
      /(Seq Scan|Bitmap Heap Scan|Bitmap Index Scan|Index Scan Backward|Index Scan|Index Only Scan) (?:using|on) (\S+)/,
    );
    const actual = line.match(/actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)/);
    if (node && actual && node[2]!.startsWith('documents')) {
      const loops = Number(actual[2]);
      parts.push(`${node[1]} ${node[2]} ${fmt(Number(actual[1]))}${loops > 1 ? ` ×${fmt(loops)}` : ''}`);
    }
    const removed = line.match(/Rows Removed by (Filter|Join Filter): (\d+)/);
    if (removed && Number(removed[2]) > 1000)
      parts.push(`(${removed[1]!.toLowerCase()} removed ${fmt(Number(removed[2]))})`);
  }
  return parts.join('; ');
}

export async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export function adminUrl(): string {
  return (
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres'
  );
}

export async function dropDatabase(name: string, url = adminUrl()) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

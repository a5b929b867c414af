import { type ChildProcess, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { pct } from './cpu.ts';
import {
  datasetResult,
  explainLists,
  lists,
  loadDataset,
  type Observe,
  type Options,
  observer,
  options,
  PASSWORD,
  type PhaseReport,
  registration,
  runPgbench,
  stop,
} from './documents.ts';
import { type BenchAgency, type DataFacts, dataFacts, prepareStaff, type Query } from './documents-data.ts';
import { machine, type Result, startProcess } from './lib.ts';
import { type LoopResult, ms, type Stats, stats } from './load.ts';

/**
 * The documents benchmark at province scale (issue 21, "ten million documents"): its own PostgreSQL
 * 15 cluster whose postgresql.conf includes deploy/postgresql/lienthong.conf (so the shipped file is
 * the one measured), BENCH_SCALE_DOCS documents loaded by the documents suite's generator and kept on
 * disk between runs, then:
 * - what the tables and each index cost on disk, per document;
 * - (a) registration throughput ÷ pgbench tps on the same cluster;
 * - (b) the 50-user "to handle" + search phase and the no-pause capacity phases, EXPLAIN of each statement;
 * - a streaming replica (pg_basebackup -R -X stream) and (b) again with DATABASE_REPLICA_URL set:
 *   where the reads went (/metrics lt_db_reads_total) and the CPU of each cluster's processes;
 * - (b) again with PostgreSQL's default settings (the include left out), for what the file buys.
 */

const PG_BIN = process.env.BENCH_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const CONF = path.resolve('deploy/postgresql/lienthong.conf');
const DB = 'lienthong';
const log = (line: string) => console.error(`[scale] ${line}`);
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const mb = (bytes: number) => `${fmt(bytes / 1048576)} MB`;

interface Cluster {
  name: 'primary' | 'replica';
  dir: string;
  port: number;
  logFile: string;
}

type ConfMode = 'lienthong' | 'default';

/** A PostgreSQL program as the postgres user (initdb refuses root; the data directories are postgres's). */
function pgTool(tool: string, args: string[], timeoutMs = 3_600_000): string {
  const bin = path.join(PG_BIN, tool);
  const asRoot = process.getuid?.() === 0;
  const r = spawnSync(asRoot ? 'runuser' : bin, asRoot ? ['-u', 'postgres', '--', bin, ...args] : args, {
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  if (r.status !== 0)
    throw new Error(`${tool} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}

function chownPostgres(p: string) {
  if (process.getuid?.() === 0) spawnSync('chown', ['-R', 'postgres:postgres', p]);
}

const url = (c: Cluster, db = 'postgres') => `postgres://postgres@127.0.0.1:${c.port}/${db}`;

function running(c: Cluster): boolean {
  if (!fs.existsSync(path.join(c.dir, 'postmaster.pid'))) return false;
  const asRoot = process.getuid?.() === 0;
  const bin = path.join(PG_BIN, 'pg_ctl');
  const r = spawnSync(
    asRoot ? 'runuser' : bin,
    asRoot ? ['-u', 'postgres', '--', bin, 'status', '-D', c.dir] : ['status', '-D', c.dir],
  );
  return r.status === 0;
}

/**
 * The bench's own settings (address, port; no Unix socket, so clusters never clash with the system
 * one) and, in `lienthong` mode, the shipped file by its absolute path. postgresql.conf includes this
 * file, so `default` mode is PostgreSQL's defaults plus the port.
 */
function writeBenchConf(c: Cluster, mode: ConfMode, extra: string[] = []) {
  const lines = [
    '# Written by bench/scale.ts before each start.',
    `listen_addresses = '127.0.0.1'`,
    `port = ${c.port}`,
    `unix_socket_directories = ''`,
    // A standby cannot replay WAL from a primary whose max_wal_senders (or max_connections…) was
    // higher than its own (recovery pauses): the defaults run keeps the file's value, so a kept
    // replica can still replay that period on the next run.
    ...(mode === 'lienthong' ? [`include '${CONF}'`] : ['max_wal_senders = 5']),
    ...extra,
  ];
  const file = path.join(c.dir, 'bench-scale.conf');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  chownPostgres(file);
  const main = path.join(c.dir, 'postgresql.conf');
  const text = fs.readFileSync(main, 'utf8');
  if (!text.includes(`include_if_exists = 'bench-scale.conf'`))
    fs.appendFileSync(main, `\n# bench/scale.ts\ninclude_if_exists = 'bench-scale.conf'\n`);
}

function startCluster(c: Cluster, mode: ConfMode, extra: string[] = []) {
  writeBenchConf(c, mode, extra);
  log(`starting the ${c.name} cluster (${c.dir}, port ${c.port}, ${mode} settings)…`);
  pgTool('pg_ctl', ['start', '-D', c.dir, '-l', c.logFile, '-w', '-t', '1800']);
}

function stopCluster(c: Cluster) {
  if (!running(c)) return;
  log(`stopping the ${c.name} cluster…`);
  pgTool('pg_ctl', ['stop', '-D', c.dir, '-m', 'fast', '-w', '-t', '600']);
}

/** The postmaster and its children (backends, walsender/walreceiver, checkpointer, autovacuum…): the whole cluster's CPU. */
function clusterPids(c: Cluster): number[] {
  let postmaster: number;
  try {
    postmaster = Number(fs.readFileSync(path.join(c.dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return [];
  }
  const pids = [postmaster];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function freePort(from: number, not: number[] = []): Promise<number> {
  for (let p = from; p < from + 100; p++) if (!not.includes(p) && (await portFree(p))) return p;
  throw new Error(`no free port from ${from}`);
}

function systemId(dir: string): string | null {
  if (!fs.existsSync(path.join(dir, 'global', 'pg_control'))) return null;
  return pgTool('pg_controldata', ['-D', dir]).match(/Database system identifier:\s+(\d+)/)?.[1] ?? null;
}

function du(dir: string): number {
  const r = spawnSync('du', ['-sb', dir], { encoding: 'utf8' });
  return Number(r.stdout.split(/\s/)[0] ?? Number.NaN);
}

async function withClient<T>(connectionString: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

const lsn = (v: string) => {
  const [hi, lo] = v.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
};

/** `lt_db_reads_total{target="replica",reason="ok"} 12` → { 'replica ok': 12 }, plus the replica gauges. */
async function scrape(base: URL): Promise<Record<string, number>> {
  const res = await fetch(new URL('/metrics', base));
  const text = await res.text();
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = line.match(/^(lt_db_reads_total|lt_replica_up|lt_replica_lag_seconds)(\{[^}]*\})?\s+(\S+)/);
    if (!m) continue;
    const labels = [...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => x[2]).join(' ');
    out[m[1] === 'lt_db_reads_total' ? labels : `${m[1]}${labels ? ` ${labels}` : ''}`] = Number(m[3]);
  }
  return out;
}

interface Phase {
  name: string;
  value: unknown;
  report: PhaseReport;
  reads: Record<string, number>;
}

interface Marker {
  docs: number;
  loadSeconds: number;
  timings: Record<string, number>;
  loadedAt: string;
  facts: DataFacts;
}

export async function benchScaleDocuments(): Promise<Result[]> {
  const num = (name: string, fallback: number) => {
    const raw = process.env[name];
    return raw === undefined || raw === '' ? fallback : Number(raw.replace(/_/g, ''));
  };
  const o: Options = { ...options(), docs: num('BENCH_SCALE_DOCS', 10_000_000) };
  const parts = new Set(
    (process.env.BENCH_SCALE_PARTS ?? 'register,lists,replica,defaults').split(',').map((s) => s.trim()),
  );
  const root = path.resolve(process.env.BENCH_SCALE_DIR ?? '/var/tmp/lienthong-scale');
  const started = performance.now();
  fs.mkdirSync(root, { recursive: true });
  chownPostgres(root);
  const primary: Cluster = {
    name: 'primary',
    dir: path.join(root, 'primary'),
    port: 0,
    logFile: path.join(root, 'primary.log'),
  };
  const replica: Cluster = {
    name: 'replica',
    dir: path.join(root, 'replica'),
    port: 0,
    logFile: path.join(root, 'replica.log'),
  };
  // A previous run that died may have left them running.
  stopCluster(replica);
  stopCluster(primary);
  primary.port = process.env.BENCH_SCALE_PORT ? Number(process.env.BENCH_SCALE_PORT) : await freePort(5433);
  replica.port = await freePort(primary.port + 1, [primary.port]);
  if (!fs.existsSync(path.join(primary.dir, 'PG_VERSION'))) {
    log(`initdb ${primary.dir}…`);
    pgTool('initdb', ['-D', primary.dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    // initdb's trust setup already lets 127.0.0.1 replicate; said explicitly, since the replica needs it.
    fs.appendFileSync(
      path.join(primary.dir, 'pg_hba.conf'),
      '\n# bench/scale.ts: pg_basebackup and the streaming replica\nhost replication postgres 127.0.0.1/32 trust\n',
    );
  }
  const results: Result[] = [];
  const phases: Phase[] = [];
  let server: ChildProcess | null = null;
  let replicaUsed = false;
  const bin = path.resolve('bin/lienthong.js');
  const env = {
    DATABASE_URL: url(primary, DB),
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    DEMO_PASSWORD: PASSWORD,
    DATABASE_POOL_SIZE: String(o.poolSize),
    LOGIN_RATE_PER_MINUTE: '100000',
  };
  // The primary-only phases must not pick up a replica from the caller's environment.
  delete process.env.DATABASE_REPLICA_URL;
  const serve = async (extra: Record<string, string> = {}) => {
    const s = await startProcess(
      [bin, 'serve'],
      { ...env, ...extra, PORT: '0', HOST: '127.0.0.1' },
      /(http:\/\/127\.0\.0\.1:\d+)/,
    );
    server = s.child;
    return new URL(s.match[1]!);
  };
  const mon = () => {
    const c = new pg.Client({ connectionString: url(primary) });
    return c.connect().then(() => c);
  };
  try {
    startCluster(primary, 'lienthong');
    // --- the dataset: loaded once, kept on disk ------------------------------------------------
    const markerFile = path.join(root, 'loaded.json');
    const marker: Marker | null = fs.existsSync(markerFile)
      ? (JSON.parse(fs.readFileSync(markerFile, 'utf8')) as Marker)
      : null;
    const hasDb = await withClient(
      url(primary),
      async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB])).rowCount === 1,
    );
    let agencies: BenchAgency[];
    let facts: DataFacts;
    if (hasDb && marker && (marker.docs === o.docs || process.env.BENCH_KEEP_DB === '1')) {
      log(`reusing the loaded database: ${fmt(marker.docs)} documents loaded ${marker.loadedAt}`);
      const out = await withClient(url(primary, DB), async (c) => {
        const q: Query = async <T>(text: string, params?: unknown[]) =>
          (await c.query(text, params)).rows as T[];
        const ag = await prepareStaff(q, { officersPerAgency: o.officers });
        return { ag, f: await dataFacts(q, ag) };
      });
      agencies = out.ag;
      facts = out.f;
      results.push(
        datasetResult(
          { ...o, docs: marker.docs },
          facts,
          {
            docs: facts.documents,
            assignments: facts.assignments,
            readers: facts.readers,
            timings: marker.timings,
            indexes: [],
          },
          marker.loadSeconds,
          agencies,
        ),
      );
      results.at(-1)!.notes = [
        `Loaded ${marker.loadedAt} and kept in ${primary.dir}; the counts are today's (registrations of earlier runs included).`,
      ];
    } else {
      // A replica of older data is useless once the primary is reloaded.
      if (fs.existsSync(replica.dir)) fs.rmSync(replica.dir, { recursive: true, force: true });
      fs.rmSync(markerFile, { force: true });
      await withClient(url(primary), async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
        await c.query(`CREATE DATABASE ${DB}`);
      });
      const loaded = await loadDataset(o, url(primary, DB), env);
      agencies = loaded.agencies;
      facts = loaded.facts;
      const m: Marker = {
        docs: o.docs,
        loadSeconds: loaded.loadSeconds,
        timings: loaded.load.timings,
        loadedAt: new Date().toISOString(),
        facts,
      };
      fs.writeFileSync(markerFile, JSON.stringify(m, null, 2));
      results.push(datasetResult(o, facts, loaded.load, loaded.loadSeconds, agencies));
    }
    results.push(await diskResult(primary, facts));
    if (parts.has('load')) return results;

    // --- primary alone --------------------------------------------------------------------------
    const client = await mon();
    const primaryGroups = async () => ({ db: clusterPids(primary) });
    const bothGroups = async () => ({ db: clusterPids(primary), replica: clusterPids(replica) });
    let base: URL | null = null;
    const observing = (label: string, groups: () => Promise<Record<string, number[]>>): Observe => {
      const inner = observer(o, client, () => server?.pid ?? null, [DB], groups);
      return async (name, run) => {
        const before = base ? await scrape(base) : {};
        const r = await inner(name, run);
        const after = base ? await scrape(base) : {};
        const reads: Record<string, number> = {};
        for (const [k, v] of Object.entries(after))
          if (!k.startsWith('lt_replica')) reads[k] = v - (before[k] ?? 0);
          else reads[k] = v;
        phases.push({ name: `${label}: ${name}`, value: r.value, report: r.report, reads });
        return r;
      };
    };
    try {
      let pgbench: { tps: number; report: PhaseReport } | null = null;
      if (parts.has('register')) pgbench = await runPgbench(o, client, url(primary), primaryGroups);
      base = await serve();
      const observe = observing('primary only', primaryGroups);
      if (pgbench) results.push(await registration(o, base, agencies, pgbench, observe));
      if (parts.has('lists')) {
        results.push(...titled('primary only, lienthong.conf', await lists(o, base, agencies, observe)));
        await stop(server!);
        server = null;
        base = null;
        results.push(
          ...titled('lienthong.conf', [
            await explainLists(url(primary, DB), agencies, 'bench/results/scale-explain.md'),
          ]),
        );
      }
      if (server) await stop(server);
      server = null;
      base = null;

      // --- with a streaming replica -------------------------------------------------------------
      if (parts.has('replica')) {
        results.push(await makeReplica(primary, replica));
        replicaUsed = true;
        base = await serve({ DATABASE_REPLICA_URL: url(replica, DB) });
        const observe2 = observing('with replica', bothGroups);
        results.push(
          ...titled('with replica (DATABASE_REPLICA_URL)', await lists(o, base, agencies, observe2)),
        );
        await stop(server!);
        server = null;
        base = null;
        results.push(replicaResult(phases.filter((p) => p.name.startsWith('with replica'))));
        stopCluster(replica);
      }

      // --- PostgreSQL's defaults, for comparison --------------------------------------------------
      if (parts.has('defaults')) {
        await client.end();
        stopCluster(primary);
        startCluster(primary, 'default');
        const client2 = await mon();
        try {
          base = await serve();
          const inner = observer(o, client2, () => server?.pid ?? null, [DB], primaryGroups);
          const observe3: Observe = async (name, run) => {
            const r = await inner(name, run);
            phases.push({ name: `default settings: ${name}`, value: r.value, report: r.report, reads: {} });
            return r;
          };
          results.push(
            ...titled('primary only, PostgreSQL defaults', await lists(o, base, agencies, observe3)),
          );
          await stop(server!);
          server = null;
          base = null;
          results.push(
            ...titled('PostgreSQL defaults', [
              await explainLists(url(primary, DB), agencies, 'bench/results/scale-explain-defaults.md'),
            ]),
          );
        } finally {
          await client2.end();
        }
        stopCluster(primary);
        startCluster(primary, 'lienthong');
      } else await client.end();
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    results.push(summary(o, phases));
  } finally {
    if (server) await stop(server);
    stopCluster(replica);
    stopCluster(primary);
    if (process.env.BENCH_SCALE_CLEAN === '1') {
      log(`removing ${root}…`);
      fs.rmSync(root, { recursive: true, force: true });
    } else log(`clusters stopped; data kept in ${root}${replicaUsed ? ' (primary, replica)' : ''}`);
    log(`done in ${((performance.now() - started) / 60000).toFixed(1)} min`);
  }
  return results;
}

function titled(label: string, rs: Result[]): Result[] {
  return rs.map((r) => ({ ...r, title: `[scale, ${label}] ${r.title}` }));
}

/** What the loaded tables and each of their indexes take on disk, and per document. */
async function diskResult(primary: Cluster, facts: DataFacts): Promise<Result> {
  return withClient(url(primary, DB), async (c) => {
    const docs = Number((await c.query('SELECT count(*)::bigint AS n FROM documents')).rows[0].n);
    const tables = (
      await c.query<{
        relname: string;
        rows: string;
        total: string;
        heap: string;
        toast: string;
        idx: string;
      }>(
        `SELECT c.relname, c.reltuples::bigint AS rows, pg_total_relation_size(c.oid) AS total,
                pg_relation_size(c.oid) AS heap,
                coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0) AS toast,
                pg_indexes_size(c.oid) AS idx
           FROM pg_class c
          WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
            AND c.relname IN ('documents', 'document_readers', 'document_assignments', 'audit_log', 'register_counters')
          ORDER BY pg_total_relation_size(c.oid) DESC`,
      )
    ).rows;
    const indexes = (
      await c.query<{ tbl: string; name: string; am: string; size: string; def: string }>(
        `SELECT t.relname AS tbl, ic.relname AS name, am.amname AS am, pg_relation_size(ic.oid) AS size,
                pg_get_indexdef(ic.oid) AS def
           FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
           JOIN pg_am am ON am.oid = ic.relam
          WHERE t.relname IN ('documents', 'document_readers', 'document_assignments')
          ORDER BY t.relname = 'documents' DESC, pg_relation_size(ic.oid) DESC`,
      )
    ).rows;
    const [db] = (await c.query<{ size: string }>('SELECT pg_database_size(current_database()) AS size'))
      .rows;
    const per = (bytes: number) => `${fmt(bytes / Math.max(1, docs))} B`;
    const rows: string[][] = [];
    for (const t of tables) {
      const total = Number(t.total);
      rows.push([
        `**${t.relname}** (${Number(t.rows) >= 0 ? fmt(Number(t.rows)) : 'not analyzed:'} rows): total`,
        mb(total),
        per(total),
        `heap ${mb(Number(t.heap))}, TOAST ${mb(Number(t.toast))}, indexes ${mb(Number(t.idx))}`,
      ]);
    }
    for (const ix of indexes) {
      const cols = ix.def.replace(/^.*? USING /, '').slice(0, 90);
      rows.push([`  index ${ix.name} (${ix.am})`, mb(Number(ix.size)), per(Number(ix.size)), cols]);
    }
    const dirBytes = du(primary.dir);
    const wal = du(path.join(primary.dir, 'pg_wal'));
    rows.push(['database `lienthong` (pg_database_size)', mb(Number(db!.size)), per(Number(db!.size)), '']);
    rows.push(['data directory (du, with WAL)', mb(dirBytes), per(dirBytes), `pg_wal ${mb(wal)}`]);
    const docsTotal = Number(tables.find((t) => t.relname === 'documents')?.total ?? 0);
    return {
      title: `Disk: tables and indexes at ${fmt(docs)} documents (PostgreSQL 15)`,
      machine: machine(),
      header: ['relation', 'size', 'per document', 'detail'],
      rows,
      verdict: `documents with its indexes: ${mb(docsTotal)} (${per(docsTotal)} per document); the three tables: ${mb(tables.filter((t) => t.relname.startsWith('document')).reduce((s, t) => s + Number(t.total), 0))}; data directory ${mb(dirBytes)}`,
      notes: [
        `Sizes after the load (indexes built after the rows, then VACUUM ANALYZE and CHECKPOINT), so indexes are compact; a table grown by the application has fuller and emptier pages. Per document = bytes ÷ ${fmt(docs)} documents (also for the readers and assignments). Documents carry no extracted file text in this dataset (file_text NULL); ${fmt(facts.readers)} reader rows, ${fmt(facts.assignments)} assignments.`,
      ],
    };
  });
}

/** pg_basebackup into the replica's directory (or reuse it when it is a copy of this primary), start it, wait until it has replayed all WAL. */
async function makeReplica(primary: Cluster, replica: Cluster): Promise<Result> {
  const reuse =
    process.env.BENCH_SCALE_FRESH_REPLICA !== '1' &&
    fs.existsSync(path.join(replica.dir, 'standby.signal')) &&
    systemId(replica.dir) === systemId(primary.dir);
  if (reuse)
    try {
      return await replicaUp(primary, replica, true, 300);
    } catch (e) {
      log(`the kept replica did not catch up (${(e as Error).message}); making a new one`);
      stopCluster(replica);
    }
  return replicaUp(primary, replica, false, 1800);
}

async function replicaUp(
  primary: Cluster,
  replica: Cluster,
  reuse: boolean,
  maxSeconds: number,
): Promise<Result> {
  const rows: string[][] = [];
  if (!reuse) {
    fs.rmSync(replica.dir, { recursive: true, force: true });
    log(`pg_basebackup -R -X stream into ${replica.dir}…`);
    const t = performance.now();
    pgTool('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-D',
      replica.dir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
    ]);
    const s = (performance.now() - t) / 1000;
    const size = du(replica.dir);
    rows.push([
      'pg_basebackup -R -X stream -c fast',
      `${s.toFixed(0)} s, ${mb(size)} (${fmt(size / 1048576 / s)} MB/s)`,
    ]);
  } else rows.push(['replica', `reused (same system identifier as the primary: ${replica.dir})`]);
  // pg_basebackup -R wrote primary_conninfo into postgresql.auto.conf (read last, so it wins): point
  // it at this run's port (it may differ from the run that made the copy) and name the standby.
  const auto = path.join(replica.dir, 'postgresql.auto.conf');
  fs.writeFileSync(
    auto,
    fs
      .readFileSync(auto, 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('primary_conninfo'))
      .concat(
        `primary_conninfo = 'host=127.0.0.1 port=${primary.port} user=postgres application_name=bench_replica'`,
        '',
      )
      .join('\n'),
  );
  startCluster(replica, 'lienthong');
  const t = performance.now();
  let lagBytes = 0n;
  for (;;) {
    const target = await withClient(url(primary), async (c) => {
      // A write, so there is WAL to wait for even on an idle primary.
      return (await c.query<{ l: string }>('SELECT pg_current_wal_lsn()::text AS l')).rows[0]!.l;
    });
    const replayed = await withClient(url(replica), async (c) => {
      const r = await c.query<{ l: string | null; rec: boolean; pause: string }>(
        `SELECT pg_last_wal_replay_lsn()::text AS l, pg_is_in_recovery() AS rec,
                pg_get_wal_replay_pause_state() AS pause`,
      );
      return r.rows[0]!;
    }).catch(() => null);
    if (replayed && !replayed.rec) throw new Error('the replica is not in recovery');
    // Paused by recovery itself (insufficient parameter settings, see the replica's log): give up.
    if (replayed && replayed.pause !== 'not paused')
      throw new Error(`recovery is ${replayed.pause} (see ${replica.logFile})`);
    if (replayed?.l) {
      lagBytes = lsn(target) - lsn(replayed.l);
      if (lagBytes <= 0n) break;
    }
    if (performance.now() - t > maxSeconds * 1000)
      throw new Error(`the replica did not catch up in ${maxSeconds} s (${lagBytes} bytes behind)`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  const state = await withClient(url(primary), async (c) => {
    const r = await c.query<{ state: string; sync_state: string }>(
      `SELECT state, sync_state FROM pg_stat_replication WHERE application_name = 'bench_replica'`,
    );
    return r.rows[0];
  });
  rows.push([
    'catch-up: replay LSN ≥ primary LSN',
    `${((performance.now() - t) / 1000).toFixed(1)} s after start`,
  ]);
  rows.push(['pg_stat_replication on the primary', state ? `${state.state}, ${state.sync_state}` : '–']);
  return {
    title: `Streaming replica (hot standby on port ${replica.port}, same machine)`,
    machine: machine(),
    header: ['step', 'result'],
    rows,
    verdict: `replica streaming ${state?.state === 'streaming' ? 'and caught up' : 'NOT streaming'}`,
    notes: [
      `Both clusters use deploy/postgresql/lienthong.conf and share this machine's 2 cores and memory: the replica adds no CPU here, it shows where the work goes. On the reference layout it is a server of its own.`,
    ],
  };
}

/** Reads per target and the CPU split during the replica phases. */
function replicaResult(ps: Phase[]): Result {
  const rows: string[][] = [];
  for (const p of ps) {
    const reads = Object.entries(p.reads)
      .filter(([k, v]) => !k.startsWith('lt_replica') && v > 0)
      .map(([k, v]) => `${k} ${fmt(v)}`)
      .join(', ');
    const g = p.report.cpu.groups;
    rows.push([
      p.name,
      reads || 'none counted (routing not in this build?)',
      `primary ${(g.db ?? 0).toFixed(1)} s · replica ${(g.replica ?? 0).toFixed(1)} s · server ${(g.server ?? 0).toFixed(1)} s · client ${(g.client ?? 0).toFixed(1)} s`,
      pct(p.report.cpu.foreignShare),
      `up ${p.reads.lt_replica_up ?? '–'}, lag ${p.reads.lt_replica_lag_seconds ?? '–'} s`,
    ]);
  }
  const sum = (prefix: string) =>
    ps.reduce(
      (s, p) =>
        s +
        Object.entries(p.reads)
          .filter(([k]) => k.startsWith(prefix))
          .reduce((a, [, v]) => a + v, 0),
      0,
    );
  const toReplica = sum('replica');
  const toPrimary = sum('primary');
  return {
    title: 'With replica: where the reads went (lt_db_reads_total) and CPU of each cluster',
    machine: machine(),
    header: ['phase', 'reads by target and reason', 'CPU-seconds', 'other work', 'replica state (end)'],
    rows,
    verdict:
      toReplica + toPrimary > 0
        ? `${pct(toReplica / (toReplica + toPrimary))} of lag-tolerant reads went to the replica (${fmt(toReplica)} of ${fmt(toReplica + toPrimary)})`
        : 'no lag-tolerant reads were counted: this build of the server does not route reads to DATABASE_REPLICA_URL',
    notes: [
      'Reads: the change of lt_db_reads_total on the server’s /metrics over each phase. CPU: utime + stime from /proc of every process of each cluster (postmaster and its children: backends, walsender/walreceiver, startup/replay, checkpointer, autovacuum), of the server and of the load generator; other work = everything else on the machine.',
    ],
  };
}

/** One line per configuration: the headline (mixed) phase and the no-pause capacity of each kind. */
function summary(o: Options, ps: Phase[]): Result {
  const merged = (r: LoopResult, prefix: string) =>
    [...r.latencies.entries()]
      .filter(([k]) => k === prefix || k.startsWith(`${prefix}|`))
      .flatMap(([, v]) => v);
  const rows: string[][] = [];
  const show = (s: Stats) => (s.n ? `${ms(s.p50)} / ${ms(s.p95)}` : '–');
  for (const p of ps) {
    const r = p.value as LoopResult;
    if (!r?.latencies) continue;
    const th = stats(merged(r, 'to_handle'));
    const se = stats(merged(r, 'search'));
    if (!th.n && !se.n) continue;
    const g = p.report.cpu.groups;
    const n = th.n + se.n;
    const per = (k: string) => (((g[k] ?? 0) * 1000) / Math.max(1, n)).toFixed(2);
    rows.push([
      p.name,
      (n / r.elapsed).toFixed(0),
      show(th),
      show(se),
      `${per('server')} · ${per('db')}${g.replica !== undefined ? ` · ${per('replica')}` : ''}`,
      pct(p.report.cpu.foreignShare),
      String(r.errors),
    ]);
  }
  return {
    title: `Summary at ${fmt(o.docs)} documents: to-handle and search, 50 users (mixed, ${o.thinkMs} ms think time) and no-pause capacity`,
    machine: machine(),
    header: [
      'configuration: phase',
      'requests/s',
      'to-handle p50 / p95',
      'search p50 / p95',
      'CPU per request: server · primary · replica (ms)',
      'other work',
      'errors',
    ],
    rows,
    verdict: 'targets (mixed phase): to-handle p95 ≤ 50 ms, search p95 ≤ 150 ms',
  };
}

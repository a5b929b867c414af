// `npm run bench -- federation` (issue 21, "Thirty-four provinces"): 34 provincial installations and
// one installation of the central ministries, each a `lienthong serve` process on 127.0.0.1 with its
// own PostgreSQL database, every one registered as a peer of every other (full mesh: the exchange
// module sends straight to the peer serving the addressee's code and forwards nothing, so there is no
// hub to route through). The provinces release documents through the API: most to an agency of the
// same province, some to a ministry, some to another province. Halfway through, one province is
// killed and restarted on the same port and database ~20 s later. Measures documents/s end to end,
// delivery time per document by traffic class, lost and duplicated documents and SHA-256 of the files
// (counted from every database after the run), and memory per installation.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { openDatabase } from '../src/server/db/client.ts';
import { documentFiles, documents } from '../src/server/modules/documents/schema.ts';
import { exchangePeers } from '../src/server/modules/exchange/schema.ts';
import { saveBlob } from '../src/server/platform/blobs/index.ts';
import { DiskBlobStore } from '../src/server/platform/blobs/store.ts';
import { makeAgencyWithStaff, PASSWORD } from '../test/helpers/factories.ts';
import { freePort, remoteSignIn } from '../test/helpers/process.ts';
import { backendPids, cpuMeter, pct, waitForQuiet } from './cpu.ts';
import { machine, type Result, request, startProcess } from './lib.ts';

const env = process.env;
const PROVINCES = Number(env.BENCH_FED_PROVINCES ?? 34);
const N = Number(env.BENCH_FED_DOCS ?? 3400);
const CONCURRENCY = Number(env.BENCH_FED_CONCURRENCY ?? 16);
/** Shares of the traffic (the rest goes to another province). */
const LOCAL_SHARE = Number(env.BENCH_FED_LOCAL ?? 0.7);
const CENTRAL_SHARE = Number(env.BENCH_FED_CENTRAL ?? 0.15);
/** Connections of each installation's pool; each process also holds one LISTEN connection. */
const POOL = Number(env.BENCH_FED_POOL ?? 1);
/** The central installation receives from every province: a bigger pool, as it would be sized. */
const CENTRAL_POOL = Number(env.BENCH_FED_CENTRAL_POOL ?? 3);
/** The restarted province is stopped when this share of the documents has been released… */
const STOP_AT = Number(env.BENCH_FED_STOP_AT ?? 0.5);
/** … for this many seconds (0: no stop), with this signal. */
const DOWN_S = Number(env.BENCH_FED_DOWN_S ?? 20);
const SIGNAL = (env.BENCH_FED_SIGNAL ?? 'SIGKILL') as NodeJS.Signals;
/** How long a dead process's claimed jobs stay with it (JOB_LEASE_SECONDS of every installation). */
const LEASE_S = Number(env.BENCH_FED_LEASE_S ?? 30);
const QUIET_WAIT = Number(env.BENCH_QUIET_WAIT ?? 30);
const SECRET = 'bench-federation-shared-secret';
const PREFIX = 'Văn bản liên thông 34 tỉnh số ';
const DB_PREFIX = 'lienthong_bench_fed';

const BASE = env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const urlOf = (name: string) => {
  const u = new URL(BASE);
  u.pathname = `/${name}`;
  return u.toString();
};

type Agency = Awaited<ReturnType<typeof makeAgencyWithStaff>>;
type Class = 'local' | 'central' | 'province';

interface Site {
  index: number;
  name: string;
  central: boolean;
  database: string;
  dir: string;
  port: number;
  url: string;
  child: ChildProcess | null;
  agencies: Agency[];
}

interface Doc {
  k: number;
  id: string;
  summary: string;
  sha: string;
  from: Site;
  sender: Agency;
  to: Site;
  cls: Class;
  /** Client clock when the release call was sent, and when it answered. */
  t0: number;
  t1: number;
  /** The recipient's arrival (its incoming document's created_at), after the run. */
  arrived: number;
}

/** Stops a child and waits for its exit (at once if it has exited already: 'exit' would never come). */
async function stop(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

const log = (m: string) => process.stderr.write(`[federation] ${m}\n`);

/** A seeded generator, so two runs address the same documents the same way. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const c = new pg.Client({ connectionString: urlOf(database) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function dropAll() {
  await admin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${DB_PREFIX}_%`],
    );
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
  });
}

/** VmRSS and VmHWM of a process, in MiB. */
function memoryOf(pid: number | undefined): { rss: number; hwm: number } | null {
  if (!pid) return null;
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Private memory of a process (what it alone holds, shared buffers not counted), in MiB. */
function privateOf(pid: number): number {
  try {
    const s = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
    return (kb('Private_Clean') + kb('Private_Dirty')) / 1024;
  } catch {
    return Number.NaN;
  }
}

const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : Number.NaN;
const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v).toLocaleString('en-US')}` : '–');
const mib = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '–');

function spread(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return { min: s[0] ?? Number.NaN, median: quantile(s, 0.5), max: s.at(-1) ?? Number.NaN };
}

export async function benchFederation(): Promise<Result> {
  const sites: Site[] = [];
  const keep = !!env.BENCH_KEEP_DB;
  try {
    // 0. Connections: every process holds POOL + 1 (LISTEN); stay well under the server's limit.
    const { max, used } = await admin(async (c) => ({
      max: Number((await c.query('SHOW max_connections')).rows[0].max_connections),
      used: Number((await c.query('SELECT count(*)::int AS n FROM pg_stat_activity')).rows[0].n),
    }));
    const need = PROVINCES * (POOL + 1) + CENTRAL_POOL + 1;
    log(`max_connections ${max}, in use ${used}, the installations will hold ${need}`);
    if (need + used + 10 > max)
      throw new Error(
        `${PROVINCES} provinces × (pool ${POOL} + 1 LISTEN) + the central's ${CENTRAL_POOL + 1} = ${need} connections; with ${used} in use that leaves under 10 of ${max}: lower BENCH_FED_POOL or BENCH_FED_PROVINCES`,
      );

    // 1. One migrated template, one database per installation made from it.
    await dropAll();
    const template = `${DB_PREFIX}_template`;
    await admin((c) => c.query(`CREATE DATABASE ${template}`));
    {
      const db = await openDatabase({ databaseUrl: urlOf(template) });
      await db.migrate();
      await db.close();
    }
    const rand = rng(21);
    for (let i = 0; i <= PROVINCES; i++) {
      const central = i === PROVINCES;
      const name = central ? 'Trung ương' : `Tỉnh ${String(i + 1).padStart(2, '0')}`;
      const database = central ? `${DB_PREFIX}_central` : `${DB_PREFIX}_p${String(i + 1).padStart(2, '0')}`;
      await admin((c) => c.query(`CREATE DATABASE ${database} TEMPLATE ${template}`));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lt-bench-fed-${i}-`));
      const db = await openDatabase({ databaseUrl: urlOf(database), poolSize: 2 });
      const shapes: { kind: 'province' | 'department' | 'district' | 'other'; name: string }[] = central
        ? [
            { kind: 'other', name: 'Bộ Nội vụ' },
            { kind: 'other', name: 'Bộ Tài chính' },
            { kind: 'other', name: 'Văn phòng Chính phủ' },
          ]
        : [
            { kind: 'province', name: `UBND ${name}` },
            { kind: 'department', name: `Sở Nội vụ ${name}` },
            { kind: 'department', name: `Sở Tài chính ${name}` },
            { kind: 'district', name: `UBND huyện Một, ${name}` },
          ];
      const agencies: Agency[] = [];
      for (const s of shapes) {
        const a = await makeAgencyWithStaff(db.db);
        await db.query('UPDATE agencies SET kind = $1, name = $2 WHERE id = $3', [
          s.kind,
          s.name,
          a.agency.id,
        ]);
        agencies.push({ ...a, agency: { ...a.agency, kind: s.kind, name: s.name } });
      }
      await db.close();
      sites.push({
        index: i,
        name,
        central,
        database,
        dir,
        port: await freePort(),
        url: '',
        child: null,
        agencies,
      });
    }
    await admin((c) => c.query(`DROP DATABASE ${template}`));
    const provinces = sites.filter((s) => !s.central);
    const central = sites.find((s) => s.central)!;
    const victim = provinces[Math.floor(provinces.length / 2)]!;

    // 2. Full mesh: each installation registers every other with the codes it serves.
    log(`registering ${sites.length * (sites.length - 1)} peers`);
    for (const s of sites) {
      const db = await openDatabase({ databaseUrl: urlOf(s.database), poolSize: 1 });
      await db.db.insert(exchangePeers).values(
        sites
          .filter((o) => o !== s)
          .map((o) => ({
            name: o.name,
            baseUrl: `http://127.0.0.1:${o.port}`,
            agencyCodes: o.agencies.map((a) => a.agency.agencyCode!),
            secret: SECRET,
          })),
      );
      await db.close();
    }

    // 3. N signed documents at the provinces, each with its own file and one recipient.
    log(`preparing ${N} signed documents`);
    const docs: Doc[] = [];
    for (let k = 0; k < N; k++) {
      const from = provinces[Math.floor(rand() * provinces.length)]!;
      const sender = from.agencies[Math.floor(rand() * from.agencies.length)]!;
      const r = rand();
      const cls: Class = r < LOCAL_SHARE ? 'local' : r < LOCAL_SHARE + CENTRAL_SHARE ? 'central' : 'province';
      let to = from;
      if (cls === 'central') to = central;
      if (cls === 'province')
        do to = provinces[Math.floor(rand() * provinces.length)]!;
        while (to === from && provinces.length > 1);
      docs.push({
        k,
        id: '',
        summary: `${PREFIX}${k + 1}`,
        sha: '',
        from,
        sender,
        to,
        cls: to === from ? 'local' : cls,
        t0: 0,
        t1: 0,
        arrived: Number.NaN,
      });
    }
    const recipientOf = new Map<Doc, Agency>();
    for (const d of docs) {
      const pool = d.to.agencies.filter((a) => a !== d.sender);
      recipientOf.set(d, pool[Math.floor(rand() * pool.length)]!);
    }
    for (const s of provinces) {
      const mine = docs.filter((d) => d.from === s);
      if (mine.length === 0) continue;
      const db = await openDatabase({ databaseUrl: urlOf(s.database), poolSize: 2 });
      const blobs = new DiskBlobStore(path.join(s.dir, 'blobs'));
      const rows: (typeof documents.$inferInsert)[] = [];
      const files: { sha256: string; size: number; mediaType: string }[] = [];
      for (const d of mine) {
        const bytes = Buffer.from(
          `%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% bench ${d.k} ${'x'.repeat(2000)}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
        );
        const blob = await saveBlob(db.db, blobs, Readable.from([bytes]), {
          declaredType: 'application/pdf',
          maxBytes: 1e7,
        });
        d.sha = blob.sha256;
        const to = recipientOf.get(d)!;
        rows.push({
          agencyId: d.sender.agency.id,
          direction: 'outgoing',
          status: 'signed',
          typeCode: 'cong_van',
          summary: d.summary,
          recipients: [
            d.cls === 'local'
              ? { kind: 'agency', agencyId: to.agency.id, name: to.agency.name }
              : { kind: 'outside', name: to.agency.name, agencyCode: to.agency.agencyCode! },
          ],
          drafterId: d.sender.officer.id,
          signedById: d.sender.leader.id,
          signerName: d.sender.leader.fullName,
          signerTitle: 'Chủ tịch',
          signedAt: new Date(),
        });
        files.push({ sha256: blob.sha256, size: blob.size, mediaType: blob.mediaType });
      }
      const ids = await db.db.insert(documents).values(rows).returning({ id: documents.id });
      await db.db
        .insert(documentFiles)
        .values(
          ids.map((row, j) => ({ documentId: row.id, fileName: 'van-ban.pdf', role: 'main', ...files[j]! })),
        );
      mine.forEach((d, j) => {
        d.id = ids[j]!.id;
      });
      await db.close();
    }

    // 4. Start the installations, a few at a time (each start costs a second or two of CPU).
    log(`starting ${sites.length} installations`);
    const serveEnv = (s: Site) => ({
      DATA_DIR: s.dir,
      PORT: String(s.port),
      HOST: '127.0.0.1',
      DEMO: 'off',
      LOG_LEVEL: 'error',
      JOBS_ENABLED: 'true',
      JOB_LEASE_SECONDS: String(LEASE_S),
      DATABASE_URL: urlOf(s.database),
      DATABASE_POOL_SIZE: String(s.central ? CENTRAL_POOL : POOL),
    });
    const start = async (s: Site) => {
      // Up to 10 minutes: with 35 servers and other work on 2 cores, the restart took over 2 minutes.
      const p = await startProcess(
        ['bin/lienthong.js', 'serve'],
        serveEnv(s),
        /(http:\/\/127\.0\.0\.1:\d+)/,
        600_000,
      );
      s.child = p.child;
      s.url = p.match[1]!;
      // A process that dies on its own is said at once, with the end of what it printed.
      let tail = '';
      const keep = (d: Buffer) => {
        tail = (tail + d).slice(-2000);
      };
      p.child.stdout!.on('data', keep);
      p.child.stderr!.on('data', keep);
      p.child.on('exit', (code, signal) => {
        if (!p.child.killed) log(`${s.name} exited by itself (${code ?? signal}): ${tail}`);
      });
    };
    // Two at a time: on a busy machine four starting together each took over startProcess's 2 minutes.
    for (let i = 0; i < sites.length; i += 2) {
      await Promise.all(sites.slice(i, i + 2).map(start));
      log(`${Math.min(sites.length, i + 2)} started`);
    }

    const pidsOf = () => sites.map((s) => s.child?.pid).filter((p): p is number => !!p);

    // 5. One signed-in clerk per sending agency.
    const clerks = new Map<Agency, { cookie: string; 'x-csrf-token': string }>();
    const senders = [...new Set(docs.map((d) => d.sender))];
    for (let i = 0; i < senders.length; i += 4)
      await Promise.all(
        senders.slice(i, i + 4).map(async (a) => {
          const site = provinces.find((s) => s.agencies.includes(a))!;
          const c = await remoteSignIn(site.url, a.clerk.username, PASSWORD);
          clerks.set(a, { cookie: c.cookie, 'x-csrf-token': c.csrfToken });
        }),
      );

    // What 35 idle processes cost (job runner polls, timers) before any document moves.
    const stopIdle = await cpuMeter(() => ({ installations: pidsOf() }));
    await new Promise((r) => setTimeout(r, 10_000));
    const idle = await stopIdle();
    const idleShare = (idle.groups.installations ?? 0) / idle.seconds / sites.length;

    // 6. Release (CONCURRENCY clients over all provinces, in the random order the documents were
    // drawn); at STOP_AT of them, stop the victim for DOWN_S and start it again on the same port
    // and database. Its own releases wait meanwhile (a clerk cannot reach a stopped server).
    if (QUIET_WAIT > 0) await waitForQuiet(QUIET_WAIT);
    const names = sites.map((s) => s.database);
    const monitor = new pg.Client({ connectionString: BASE });
    await monitor.connect();
    const stopMeter = await cpuMeter(async () => ({
      installations: pidsOf(),
      db: await backendPids(async (t, p) => (await monitor.query(t, p)).rows, names),
      client: [process.pid],
    }));
    log(
      `releasing ${N} documents; ${victim.name} is stopped (${SIGNAL}) at ${STOP_AT * 100} % for ${DOWN_S} s`,
    );
    const started = Date.now();
    let victimDown = false;
    let victimInFlight = 0;
    let stoppedAt = Number.NaN;
    let restartedAt = Number.NaN;
    let victimOutboxAtStop = { pending: 0, edoc: 0, status: 0 };
    let stopping: Promise<void> | null = null;
    let stopError: Error | null = null;
    const deferred: Doc[] = [];
    const queue = [...docs];
    let released = 0;
    let failures = 0;
    let retried = 0;
    const stopVictim = async () => {
      victimDown = true;
      // Let the victim's own release calls answer; its jobs and receipts are cut wherever they are.
      while (victimInFlight > 0) await new Promise((r) => setTimeout(r, 5));
      stoppedAt = Date.now();
      await stop(victim.child!, SIGNAL);
      victim.child = null;
      log(`${victim.name} stopped at ${((stoppedAt - started) / 1000).toFixed(1)} s`);
      victimOutboxAtStop = await admin(async (c) => {
        const { rows } = await c.query<{ kind: string; n: number }>(
          `SELECT kind, count(*)::int AS n FROM exchange_outbox WHERE state IN ('pending', 'failed') GROUP BY kind`,
        );
        const of = (k: string) => rows.find((r) => r.kind === k)?.n ?? 0;
        return { pending: of('edoc') + of('status'), edoc: of('edoc'), status: of('status') };
      }, victim.database);
      await new Promise((r) => setTimeout(r, DOWN_S * 1000));
      await start(victim);
      restartedAt = Date.now();
      victimDown = false;
      log(`${victim.name} restarted at ${((restartedAt - started) / 1000).toFixed(1)} s`);
      queue.push(...deferred.splice(0));
    };
    const releaseOne = async (d: Doc) => {
      if (d.from === victim) victimInFlight++;
      d.t0 = Date.now();
      const headers = clerks.get(d.sender)!;
      try {
        for (let attempt = 1; ; attempt++) {
          try {
            const res = await request(d.from.url, 'POST', `/api/v1/documents/${d.id}/release`, headers, {});
            d.t1 = Date.now();
            if (res.status !== 200) {
              failures++;
              log(`release failed ${res.status} ${res.text.slice(0, 300)}`);
            }
            break;
          } catch (e) {
            // A kept-alive socket the server closed as the request left ("socket hang up"): a
            // clerk would press again. Unless the first call went through, which the document says.
            const now = await request(d.from.url, 'GET', `/api/v1/documents/${d.id}`, headers).catch(
              () => null,
            );
            if (now?.status === 200 && (JSON.parse(now.text) as { status?: string }).status !== 'signed') {
              d.t1 = Date.now();
              break;
            }
            if (attempt >= 3) throw e;
            retried++;
            log(`release retried after ${(e as Error).message}`);
          }
        }
      } catch (e) {
        failures++;
        log(`release failed ${(e as Error).message}`);
      } finally {
        if (d.from === victim) victimInFlight--;
      }
      released++;
      if (DOWN_S > 0 && !stopping && released >= N * STOP_AT)
        // A failed restart must end the run with its error, not as an unhandled rejection.
        stopping = stopVictim().catch((e) => {
          stopError = e as Error;
          victimDown = false;
        });
    };
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (;;) {
          if (stopError) return;
          const d = queue.shift();
          if (!d) {
            // The victim's documents come back to the queue at its restart.
            if (victimDown || deferred.length) {
              await new Promise((r) => setTimeout(r, 50));
              continue;
            }
            return;
          }
          if (victimDown && d.from === victim) {
            deferred.push(d);
            continue;
          }
          await releaseOne(d);
        }
      }),
    );
    await stopping;
    if (stopError) throw stopError;
    const releasedMs = Date.now() - started;
    log(`released in ${(releasedMs / 1000).toFixed(1)} s (${failures} failures); waiting for arrivals`);

    // 7. Arrived = the recipient holds the incoming document; then every outbox empty (the statuses
    // 01 back at the senders, the victim's queued packages gone out).
    const expectedAt = new Map<Site, number>();
    for (const d of docs) expectedAt.set(d.to, (expectedAt.get(d.to) ?? 0) + 1);
    const deadline = Date.now() + Math.max(600_000, N * 200);
    let arrivedMs = 0;
    let settledMs = 0;
    for (;;) {
      let arrived = 0;
      let waiting = 0;
      for (const s of sites) {
        const r = await admin(
          async (c) =>
            (
              await c.query<{ arrived: number; waiting: number }>(
                `SELECT (SELECT count(DISTINCT summary)::int FROM documents WHERE direction = 'incoming' AND summary LIKE $1) AS arrived,
                        (SELECT count(*)::int FROM exchange_outbox WHERE state IN ('pending', 'failed')) AS waiting`,
                [`${PREFIX}%`],
              )
            ).rows[0]!,
          s.database,
        );
        arrived += Math.min(r.arrived, expectedAt.get(s) ?? 0);
        waiting += r.waiting;
      }
      if (!arrivedMs && arrived >= N) {
        arrivedMs = Date.now() - started;
        log(`all arrived after ${(arrivedMs / 1000).toFixed(1)} s`);
      }
      if (arrivedMs && waiting === 0) {
        settledMs = Date.now() - started;
        break;
      }
      if (Date.now() > deadline)
        throw new Error(`only ${arrived} of ${N} arrived, ${waiting} packages waiting, before the deadline`);
      await new Promise((r) => setTimeout(r, 2000));
    }
    log(`every outbox empty after ${(settledMs / 1000).toFixed(1)} s`);
    const cpu = await stopMeter();

    // 8. Memory of each installation, and the PostgreSQL backends of their databases.
    const mem = sites.map((s) => ({ s, m: memoryOf(s.child?.pid) }));
    const backends = await backendPids(async (t, p) => (await monitor.query(t, p)).rows, names);
    const backendPrivate = backends.map(privateOf).reduce((a, b) => a + b, 0);
    await monitor.end();

    // 9. Stop everything and count, in every recipient's database, what it holds.
    for (const s of sites) {
      if (!s.child) continue;
      await stop(s.child, 'SIGTERM');
      s.child = null;
    }
    let lost = 0;
    let duplicated = 0;
    let badHash = 0;
    const bySummary = new Map(docs.map((d) => [d.summary, d]));
    for (const s of sites) {
      const rows = await admin(
        async (c) =>
          (
            await c.query<{ summary: string; n: number; at: Date; hashes: string[] }>(
              `SELECT d.summary, count(DISTINCT d.id)::int AS n, min(d.created_at) AS at, array_agg(f.sha256) AS hashes
                 FROM documents d JOIN document_files f ON f.document_id = d.id
                WHERE d.direction = 'incoming' AND d.summary LIKE $1
                GROUP BY d.summary`,
              [`${PREFIX}%`],
            )
          ).rows,
        s.database,
      );
      const got = new Map(rows.map((r) => [r.summary, r]));
      for (const d of docs) {
        if (d.to !== s) continue;
        const r = got.get(d.summary);
        if (!r) lost++;
        else {
          d.arrived = new Date(r.at).getTime();
          if (r.n > 1) duplicated += r.n - 1;
          if (r.hashes.some((h) => h !== d.sha)) badHash++;
        }
      }
      for (const r of rows) if (bySummary.get(r.summary)?.to !== s) duplicated += r.n;
    }

    // 10. The table.
    const touches = (d: Doc) => d.from === victim || d.to === victim;
    const delivery = (list: Doc[]) => {
      const t = list
        .filter((d) => Number.isFinite(d.arrived))
        .map((d) => Math.max(0, d.arrived - d.t0))
        .sort((a, b) => a - b);
      return `${list.length.toLocaleString('en-US')} · ${ms(quantile(t, 0.5))} · ${ms(quantile(t, 0.95))} · ${ms(t.at(-1) ?? Number.NaN)}`;
    };
    const ofClass = (c: Class) => docs.filter((d) => d.cls === c && !touches(d));
    const sentWhileDown = docs.filter(
      (d) => d.to === victim && d.from !== victim && d.t0 >= stoppedAt && d.t0 < restartedAt,
    );
    const provMem = mem.filter((x) => !x.s.central && x.m).map((x) => x.m!);
    const rss = spread(provMem.map((m) => m.rss));
    const hwm = spread(provMem.map((m) => m.hwm));
    const cm = mem.find((x) => x.s.central)?.m;
    const perSecond = N / (arrivedMs / 1000);
    const perDoc = (g: string) => (((cpu.groups[g] ?? 0) * 1000) / N).toFixed(2);
    const met = lost === 0 && duplicated === 0 && badHash === 0 && failures === 0;
    const t = (v: number) => ((v - started) / 1000).toFixed(1);
    return {
      title: `Federation: ${PROVINCES} provinces and the central ministries, ${N.toLocaleString('en-US')} documents, one province killed and restarted`,
      machine: machine(),
      header: ['figure', 'value', 'target'],
      rows: [
        [
          'installations (processes, own PostgreSQL database each) · peers registered (full mesh)',
          `${PROVINCES} + 1 central · ${sites.length * (sites.length - 1)}`,
          '',
        ],
        [
          'documents released: inside the province / to the ministries / to another province',
          `${docs.filter((d) => d.cls === 'local').length} / ${docs.filter((d) => d.cls === 'central').length} / ${docs.filter((d) => d.cls === 'province').length}`,
          '',
        ],
        ['release calls (s)', (releasedMs / 1000).toFixed(1), ''],
        ['until every one arrived (s)', (arrivedMs / 1000).toFixed(1), ''],
        ['until every status 01 was back, every outbox empty (s)', (settledMs / 1000).toFixed(1), ''],
        ['**documents/s end to end**', `**${perSecond.toFixed(1)}**`, 'reported'],
        ['delivery ms, inside the province: n · p50 · p95 · max', delivery(ofClass('local')), ''],
        ['delivery ms, to the ministries: n · p50 · p95 · max', delivery(ofClass('central')), ''],
        ['delivery ms, to another province: n · p50 · p95 · max', delivery(ofClass('province')), ''],
        [
          `delivery ms, from or to the restarted ${victim.name}: n · p50 · p95 · max`,
          delivery(docs.filter(touches)),
          '',
        ],
        [
          `${victim.name}: stopped (${SIGNAL}) at · restarted at (s); packages in its outbox when stopped (documents / statuses)`,
          `${t(stoppedAt)} · ${t(restartedAt)}; ${victimOutboxAtStop.edoc} / ${victimOutboxAtStop.status}`,
          '',
        ],
        [
          'released to it by others while it was down: n · p50 · p95 · max delivery ms',
          delivery(sentWhileDown),
          'all arrive',
        ],
        ['release failures (calls retried after a socket error)', `${failures} (${retried})`, '0'],
        ['lost', String(lost), '0'],
        ['duplicated', String(duplicated), '0'],
        ['file SHA-256 mismatches', String(badHash), '0'],
        [
          'RSS per provincial installation at the end, MiB: min · median · max (central)',
          `${mib(rss.min)} · ${mib(rss.median)} · ${mib(rss.max)} (${mib(cm?.rss ?? Number.NaN)})`,
          '',
        ],
        [
          'peak RSS (VmHWM) per provincial installation, MiB: min · median · max (central)',
          `${mib(hwm.min)} · ${mib(hwm.median)} · ${mib(hwm.max)} (${mib(cm?.hwm ?? Number.NaN)})`,
          '',
        ],
        [
          `PostgreSQL backends of the ${sites.length} databases · their private memory in all (MiB)`,
          `${backends.length} · ${mib(backendPrivate)}`,
          '',
        ],
        [
          'CPU ms per document: installations · databases · load client',
          `${perDoc('installations')} · ${perDoc('db')} · ${perDoc('client')}`,
          '',
        ],
        [
          'CPU of one idle installation before the run (share of a core)',
          `${(idleShare * 100).toFixed(1)} %`,
          '',
        ],
        ['CPUs busy / other work during the run', `${pct(cpu.machineBusy)} / ${pct(cpu.foreignShare)}`, ''],
      ],
      verdict: `${met ? 'MET' : 'NOT MET'} (0 lost, 0 duplicated, 0 SHA-256 mismatches; ${perSecond.toFixed(1)} documents/s end to end reported)`,
      notes: [
        `${PROVINCES} provincial installations (UBND, two departments, a district each) and one of the central ministries (three ministries), each a \`lienthong serve\` process on 127.0.0.1 with its own PostgreSQL database made from one migrated template, pool ${POOL} + 1 LISTEN connection (BENCH_FED_POOL; the central's pool ${CENTRAL_POOL}, BENCH_FED_CENTRAL_POOL), JOB_LEASE_SECONDS=${LEASE_S} (BENCH_FED_LEASE_S). Every installation registers every other as a peer with a shared secret.`,
        `Traffic (seeded): ${Math.round(LOCAL_SHARE * 100)} % inside the province (BENCH_FED_LOCAL), ${Math.round(CENTRAL_SHARE * 100)} % to a ministry (BENCH_FED_CENTRAL), the rest to another province; ${CONCURRENCY} release clients across all provinces (BENCH_FED_CONCURRENCY); 2 KB PDFs without a text layer.`,
        `Delivery time: from the release call being sent (client clock) to the recipient's incoming document's created_at (same machine clock), read from its database after the run. The class rows leave out the documents from or to the restarted province, which have their own row.`,
        `${victim.name} was stopped with ${SIGNAL} (BENCH_FED_SIGNAL) when ${Math.round(STOP_AT * 100)} % of the documents had been released, after its own release calls had answered, and started again ${DOWN_S} s later (BENCH_FED_DOWN_S) on the same port and database; its own documents were released after the restart.`,
        'Lost, duplicated and SHA-256 are counted from every recipient database after the run (a document found at an installation it was not addressed to counts as duplicated).',
      ],
    };
  } catch (e) {
    // Said before the clean-up, which takes a while with 35 processes and databases.
    log(`failed: ${(e as Error).stack ?? e}`);
    throw e;
  } finally {
    for (const s of sites) {
      if (s.child) await stop(s.child, 'SIGKILL');
      fs.rmSync(s.dir, { recursive: true, force: true });
    }
    if (!keep) await dropAll().catch(() => {});
  }
}

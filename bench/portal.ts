import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { stop } from './documents.ts';
import { freshDatabase, machine, type Result, startProcess } from './lib.ts';
import { closedLoop, type HttpUser, ms, send, signInHttp, stats } from './load.ts';
import { loadPortal } from './portal-data.ts';

/**
 * The operational portal benchmark (issue 15), on PostgreSQL with a year of schedules (≥ 20,000
 * entries across 150 agencies), tasks and announcements on top of the demo province:
 * (a) capacity of the public schedule page, the public iCalendar feed and a leader's own feed at 200
 *     concurrent anonymous clients with no pause (autocannon), as a ratio to a bare Fastify route
 *     doing one PostgreSQL select in the same run (target ≥ 0.5), and their p95 with 200 clients
 *     reading at a person's pace (think time; target ≤ 50 ms);
 * (b) the leader's portal home, 50 signed-in leaders of different agencies in closed loops with
 *     think time (target p95 ≤ 100 ms), then with no pause (capacity).
 */

/** An anonymous GET asking for gzip, as browsers and calendar apps do; the body is read and dropped. */
function getGzip(base: URL, agent: http.Agent, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: base.hostname, port: base.port, path, agent, headers: { 'accept-encoding': 'gzip' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${path}`)));
    req.on('error', reject);
  });
}

function num(name: string, fallback: number): number {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a non-negative number`);
  return v;
}

const PASSWORD = 'Bench-password-2026';
const DB = 'lienthong_bench_portal';

export async function benchPortal(): Promise<Result[]> {
  const o = {
    agencies: num('BENCH_PORTAL_AGENCIES', 150),
    entriesPerWeek: num('BENCH_PORTAL_ENTRIES_PER_WEEK', 3),
    tasks: num('BENCH_PORTAL_TASKS', 20_000),
    announcements: num('BENCH_PORTAL_ANNOUNCEMENTS', 3_000),
    seconds: num('BENCH_PORTAL_SECONDS', 10),
    clients: num('BENCH_PORTAL_CLIENTS', 200),
    users: num('BENCH_PORTAL_USERS', 50),
    thinkMs: num('BENCH_PORTAL_THINK_MS', 1000),
  };
  const url = await freshDatabase(DB);
  const bin = path.resolve('bin/lienthong.js');
  const env = {
    DATABASE_URL: url,
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    DEMO_PASSWORD: PASSWORD,
    DATABASE_POOL_SIZE: '10',
    // Every load client is 127.0.0.1: the anonymous rate limit would stop the benchmark, not a reader.
    PUBLIC_RATE_PER_MINUTE: '1000000000',
    LOGIN_RATE_PER_MINUTE: '1000',
  };
  const t0 = performance.now();
  const seed = spawnSync(process.execPath, [bin, 'seed-demo'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (seed.status !== 0) throw new Error(seed.stderr);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const data = await loadPortal(db, o);
  // A leader's own feed: the token is made here as the app makes it (only its hash is stored).
  const token = randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO calendar_feeds (id, owner_id, scope, target_id, token_hash, label)
     VALUES (gen_random_uuid(), $1, 'person', $1, $2, 'bench')`,
    [data.chairmanId, createHash('sha256').update(token).digest('hex')],
  );
  const bareId = (await db.query(`SELECT id FROM people WHERE username = 'lanhdao.ubnd'`)).rows[0]
    .id as string;
  await db.end();
  const loadSeconds = (performance.now() - t0) / 1000;

  const real = await startProcess(
    [bin, 'serve'],
    { ...env, PORT: '3921', HOST: '127.0.0.1' },
    /(http:\/\/127\.0\.0\.1:\d+)/,
  );
  const bare = await startProcess(
    ['--import', 'tsx', path.resolve('bench/bare-server.ts')],
    { ...env, PORT: '3922', PERSON_ID: bareId },
    /(http:\/\/127\.0\.0\.1:\d+)/,
  );
  const base = new URL('http://127.0.0.1:3921');
  try {
    const currentWeek = data.isoWeeks[26] ?? data.isoWeeks[0]!;
    const pages = {
      bare: 'http://127.0.0.1:3922/bare',
      publicWeek: `${base.origin}/cong-khai/lich-cong-tac/${currentWeek}`,
      publicIcs: `${base.origin}/cong-khai/lich-cong-tac.ics`,
      leaderFeed: `${base.origin}/lich/${token}.ics`,
    };
    for (const [name, u] of Object.entries(pages)) {
      const r = await fetch(u);
      if (r.status !== 200)
        throw new Error(`${name} ${u} answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
    }
    const sizes: Record<string, number> = {};
    // Bytes on the wire with gzip (fetch would unzip them): what a subscriber downloads.
    for (const [name, u] of Object.entries(pages)) {
      sizes[name] = await new Promise<number>((resolve, reject) =>
        http
          .get(u, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
            let n = 0;
            res.on('data', (c: Buffer) => {
              n += c.length;
            });
            res.on('end', () => resolve(n));
          })
          .on('error', reject),
      );
    }

    // (a) capacity: autocannon, 200 connections, alternating bare and each route after a warm-up.
    // Browsers and calendar apps (Thunderbird, iOS, Google) ask for gzip; so does the load.
    const cannon = (u: string, seconds = o.seconds) =>
      autocannon({
        url: u,
        connections: o.clients,
        duration: seconds,
        headers: { 'accept-encoding': 'gzip' },
      });
    for (const u of Object.values(pages)) await cannon(u, 3);
    const cap: Record<string, autocannon.Result> = {};
    const bareRuns: number[] = [];
    for (const name of ['publicWeek', 'publicIcs', 'leaderFeed'] as const) {
      const b = await cannon(pages.bare);
      bareRuns.push(b.requests.average);
      cap[name] = await cannon(pages[name]);
      if (cap[name].non2xx > 0) throw new Error(`${name}: ${cap[name].non2xx} non-2xx answers`);
    }
    const bareAvg = bareRuns.reduce((a, b) => a + b, 0) / bareRuns.length;
    // A calendar app that revalidates (If-None-Match) an unchanged feed gets 304 and no body.
    const revalidated: Record<string, number> = {};
    for (const name of ['publicIcs', 'leaderFeed'] as const) {
      const etag = (await fetch(pages[name])).headers.get('etag') ?? '';
      const r = await autocannon({
        url: pages[name],
        connections: o.clients,
        duration: o.seconds,
        headers: { 'accept-encoding': 'gzip', 'if-none-match': etag },
      });
      if (r['3xx'] !== r.requests.total && r['3xx'] < r.requests.total * 0.99)
        throw new Error(`${name}: expected 304s, got ${r['3xx']} of ${r.requests.total}`);
      revalidated[name] = r.requests.average;
    }
    // The framework alone, for the record: no route of the app (its hooks: security headers, the
    // access guard, metrics, rate limit, request ids) can come near it.
    const empty = await cannon('http://127.0.0.1:3922/bare-empty');

    // (a) latency at a reader's pace: 200 anonymous clients, each its own connection, think time,
    // rotating over the weeks of the year (every week a different page).
    const anon = Array.from({ length: o.clients }, () => ({
      cookie: '',
      csrf: '',
      agent: new http.Agent({ keepAlive: true, maxSockets: 1 }),
    }));
    const paced = await closedLoop(
      anon,
      o.seconds * 2,
      async (u, i, k) => {
        const which = (i + k) % 3;
        const p =
          which === 0
            ? `/cong-khai/lich-cong-tac/${data.isoWeeks[(i * 7 + k) % data.isoWeeks.length]}`
            : which === 1
              ? '/cong-khai/lich-cong-tac.ics'
              : `/lich/${token}.ics`;
        const status = await getGzip(base, u.agent, p);
        return { label: ['page', 'ics', 'feed'][which]!, ok: status === 200, detail: `${p} ${status}` };
      },
      o.thinkMs,
    );

    // (b) the portal home of 50 leaders.
    const users: HttpUser[] = [];
    for (const name of data.leaders.slice(0, o.users)) users.push(await signInHttp(base, name, PASSWORD));
    const homeStep = async (u: HttpUser) => {
      const r = await send(base, u, 'GET', '/api/v1/portal/home');
      return { label: 'home', ok: r.status === 200, detail: `home ${r.status} ${r.body.slice(0, 200)}` };
    };
    await closedLoop(users, 3, homeStep);
    const homePaced = await closedLoop(users, o.seconds * 2, homeStep, o.thinkMs);
    const homeCap = await closedLoop(users, o.seconds, homeStep);

    const p = (label: string, r = paced) => stats(r.latencies.get(label) ?? []);
    const page = p('page');
    const ics = p('ics');
    const feed = p('feed');
    const home = stats(homePaced.latencies.get('home') ?? []);
    const homeC = stats(homeCap.latencies.get('home') ?? []);
    const ratio = (name: 'publicWeek' | 'publicIcs' | 'leaderFeed') => cap[name]!.requests.average / bareAvg;
    const okRatio = (['publicWeek', 'publicIcs', 'leaderFeed'] as const).every((n) => ratio(n) >= 0.5);
    const okP95 = Math.max(page.p95, ics.p95, feed.p95) <= 50;
    const okHome = home.p95 <= 100;
    const row = (
      label: string,
      name: 'publicWeek' | 'publicIcs' | 'leaderFeed',
      s: ReturnType<typeof stats>,
    ) => [
      label,
      `${(sizes[name]! / 1024).toFixed(0)} KiB`,
      cap[name]!.requests.average.toFixed(0),
      ratio(name).toFixed(2),
      ms(s.p50),
      ms(s.p95),
      ms(s.p99),
      String(s.n),
    ];
    const errors = paced.errors + homePaced.errors + homeCap.errors;
    return [
      {
        title: `Portal (a): public schedule and iCalendar feeds, ${o.clients} anonymous clients, PostgreSQL, ${data.entries.toLocaleString('en')} entries / ${data.agencies} agencies / ${data.weeks.toLocaleString('en')} weeks`,
        machine: machine(),
        header: [
          'route',
          'size (gzip)',
          'req/s (no pause)',
          '÷ bare',
          'p50 (paced)',
          'p95 (paced)',
          'p99 (paced)',
          'n',
        ],
        rows: [
          ['bare Fastify + 1 pg select (the ceiling)', '–', bareAvg.toFixed(0), '1.00', '–', '–', '–', '–'],
          [
            'bare Fastify, empty route',
            '–',
            empty.requests.average.toFixed(0),
            (empty.requests.average / bareAvg).toFixed(2),
            '–',
            '–',
            '–',
            '–',
          ],
          row(`GET /cong-khai/lich-cong-tac/<week>`, 'publicWeek', page),
          row('GET /cong-khai/lich-cong-tac.ics', 'publicIcs', ics),
          row("GET /lich/<token>.ics (the chairman's own feed)", 'leaderFeed', feed),
          [
            '… the same two feeds revalidated (If-None-Match → 304)',
            '0',
            `${revalidated.publicIcs!.toFixed(0)} · ${revalidated.leaderFeed!.toFixed(0)}`,
            `${(revalidated.publicIcs! / bareAvg).toFixed(2)} · ${(revalidated.leaderFeed! / bareAvg).toFixed(2)}`,
            '–',
            '–',
            '–',
            '–',
          ],
        ],
        verdict: `ratio ≥ 0.5: ${okRatio ? 'MET' : 'NOT MET'}; p95 ≤ 50 ms: ${okP95 ? 'MET' : 'NOT MET'}`,
        notes: [
          `Capacity: autocannon, ${o.clients} connections, ${o.seconds} s per route, a bare run before each (bare runs: ${bareRuns.map((b) => b.toFixed(0)).join(', ')} req/s).`,
          `Paced: ${o.clients} clients, each its own keep-alive connection, think time 0.5–1.5 × ${o.thinkMs} ms, rotating over the ${data.isoWeeks.length} weeks of the year; errors ${paced.errors}${paced.firstError ? ` (first: ${paced.firstError})` : ''}.`,
          `Data: ${data.tasks.toLocaleString('en')} tasks, ${data.announcements.toLocaleString('en')} announcements; loaded in ${loadSeconds.toFixed(0)} s.`,
        ],
      },
      {
        title: `Portal (b): the leader's portal home, ${users.length} signed-in leaders of different agencies, PostgreSQL`,
        machine: machine(),
        header: ['phase', 'requests', 'req/s', 'p50', 'p95', 'p99', 'errors'],
        rows: [
          [
            `paced (think ${o.thinkMs} ms)`,
            String(home.n),
            (home.n / homePaced.elapsed).toFixed(0),
            ms(home.p50),
            ms(home.p95),
            ms(home.p99),
            String(homePaced.errors),
          ],
          [
            'no pause (capacity)',
            String(homeC.n),
            (homeC.n / homeCap.elapsed).toFixed(0),
            ms(homeC.p50),
            ms(homeC.p95),
            ms(homeC.p99),
            String(homeCap.errors),
          ],
        ],
        verdict: `home p95 ${ms(home.p95)} (target ≤ 100 ms) ${okHome ? 'MET' : 'NOT MET'}${errors ? `; ${errors} errors (${homePaced.firstError ?? homeCap.firstError ?? paced.firstError})` : ''}`,
      },
    ];
  } finally {
    await stop(real.child);
    await stop(bare.child);
  }
}

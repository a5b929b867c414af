import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { backendPids, cpuMeter, pct, waitForQuiet } from './cpu.ts';
import { freshDatabase, machine, type Result, startProcess } from './lib.ts';

/**
 * Issue 21 benchmark: throughput of two `lienthong serve` processes behind HAProxy (the shipped
 * deploy/haproxy/lienthong.cfg) against one, on the demo province in PostgreSQL. The read is an
 * officer's "to handle" box (GET /api/v1/documents?box=to_handle&limit=50: session, visibility rule,
 * keyset list, presenter), by eight officers in turn, at 50 connections: one process direct, one
 * process through the proxy, two processes through the proxy. Reported: requests/s, p95, CPU per
 * request of the server processes, PostgreSQL's backends, the proxy and the load generator (/proc).
 */

const PASSWORD = 'Bench-password-2026';
const PATH = '/api/v1/documents?box=to_handle&limit=50';
const HAPROXY = '/usr/sbin/haproxy';

export async function benchProcesses(opts: { seconds?: number; connections?: number } = {}): Promise<Result> {
  const seconds = opts.seconds ?? 15;
  const connections = opts.connections ?? 50;
  const dbName = 'lienthong_bench_scale';
  const url = await freshDatabase(dbName);
  const bin = path.resolve('bin/lienthong.js');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-bench-scale-'));
  const env = {
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    DEMO: 'off',
    DEMO_PASSWORD: PASSWORD,
    LOGIN_RATE_PER_MINUTE: '10000',
    DATABASE_POOL_SIZE: '10',
  };
  const seed = spawnSync(process.execPath, [bin, 'seed-demo'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (seed.status !== 0) throw new Error(seed.stderr);
  const mon = new pg.Client({ connectionString: url });
  await mon.connect();
  const officers = (
    await mon.query<{ username: string }>(
      `SELECT DISTINCT p.username FROM people p JOIN positions po ON po.person_id = p.id
        WHERE po.role = 'officer' AND po.ended_at IS NULL ORDER BY p.username LIMIT 8`,
    )
  ).rows.map((r) => r.username);

  const servers: ChildProcess[] = [];
  let proxy: ChildProcess | null = null;
  const ports = { a: 3921, b: 3922, proxy: 3923, stats: 3924 };
  try {
    for (const port of [ports.a, ports.b]) {
      const s = await startProcess(
        [bin, 'serve'],
        { ...env, PORT: String(port), HOST: '127.0.0.1' },
        /(http:\/\/127\.0\.0\.1:\d+)/,
      );
      servers.push(s.child);
    }
    const startProxy = (backends: number[]) => {
      const p = spawn(HAPROXY, ['-db', '-f', path.resolve('deploy/haproxy/lienthong.cfg')], {
        env: {
          ...process.env,
          LT_PROXY_BIND: `127.0.0.1:${ports.proxy}`,
          // One process: both lines name it (the file has two servers).
          LT_APP_1: `127.0.0.1:${backends[0]}`,
          LT_APP_2: `127.0.0.1:${backends[1] ?? backends[0]}`,
          LT_PROXY_STATS: `127.0.0.1:${ports.stats}`,
        },
        stdio: 'ignore',
      });
      return p;
    };
    const waitUp = async (base: string) => {
      for (let i = 0; i < 100; i++) {
        const r = await fetch(`${base}/healthz`).catch(() => null);
        if (r?.ok) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`${base} does not answer`);
    };

    const cookies: string[] = [];
    for (const u of officers) {
      const r = await fetch(`http://127.0.0.1:${ports.a}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: u, password: PASSWORD }),
      });
      if (r.status !== 200) throw new Error(`sign-in of ${u}: ${r.status}`);
      cookies.push(
        r.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; '),
      );
    }

    const measure = async (label: string, base: string, serverPids: number[], proxyPid: number | null) => {
      let n = 0;
      let times: number[] = [];
      const statuses = new Map<number, number>();
      const run = (secs: number) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          times = [];
          const inst = autocannon(
            {
              url: base,
              connections,
              duration: secs,
              requests: [
                {
                  method: 'GET',
                  path: PATH,
                  setupRequest: (req) => ({
                    ...req,
                    headers: { ...req.headers, cookie: cookies[n++ % cookies.length]! },
                  }),
                },
              ],
            },
            (err, res) => (err ? reject(err) : resolve(res)),
          );
          inst.on('response', (_c: unknown, status: number, _bytes: number, ms: number) => {
            times.push(ms);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
          });
        });
      await run(3); // warm up (JIT, pools, caches)
      await waitForQuiet(10);
      const end = await cpuMeter(async () => ({
        servers: serverPids,
        db: await backendPids(async (t, p) => (await mon.query(t, p)).rows, [dbName]),
        proxy: proxyPid ? [proxyPid] : [],
        client: [process.pid],
      }));
      const r = await run(seconds);
      const cpu = await end();
      if (r.non2xx > 0)
        throw new Error(`${label}: ${r.non2xx} answers were not 2xx: ${JSON.stringify([...statuses])}`);
      const total = r.requests.total || 1;
      const per = (g: string) => ((cpu.groups[g] ?? 0) * 1000) / total;
      return {
        label,
        rps: r.requests.average,
        p95: times.sort((x, y) => x - y)[Math.floor(times.length * 0.95)] ?? Number.NaN,
        ms: { servers: per('servers'), db: per('db'), proxy: per('proxy'), client: per('client') },
        busy: cpu.machineBusy,
        foreign: cpu.foreignShare,
      };
    };

    const [a, b] = servers as [ChildProcess, ChildProcess];
    const results = [];
    results.push(await measure('1 process, direct', `http://127.0.0.1:${ports.a}`, [a.pid!], null));
    proxy = startProxy([ports.a]);
    await waitUp(`http://127.0.0.1:${ports.proxy}`);
    results.push(
      await measure('1 process via HAProxy', `http://127.0.0.1:${ports.proxy}`, [a.pid!], proxy.pid!),
    );
    proxy.kill('SIGTERM');
    await new Promise((r) => proxy!.once('exit', r));
    proxy = startProxy([ports.a, ports.b]);
    await waitUp(`http://127.0.0.1:${ports.proxy}`);
    results.push(
      await measure(
        '2 processes via HAProxy',
        `http://127.0.0.1:${ports.proxy}`,
        [a.pid!, b.pid!],
        proxy.pid!,
      ),
    );

    const [one, oneProxy, two] = results as [(typeof results)[0], (typeof results)[0], (typeof results)[0]];
    const ratio = two.rps / oneProxy.rps;
    const f = (v: number) => v.toFixed(2);
    return {
      title: `Scale out: ${PATH} by ${officers.length} officers, ${connections} connections, ${seconds} s, demo province on PostgreSQL`,
      machine: machine(),
      header: [
        'setup',
        'requests/s',
        'p95',
        'CPU ms/request: servers',
        'PostgreSQL',
        'HAProxy',
        'load generator',
        'machine busy',
        'other work',
      ],
      rows: results.map((r) => [
        r.label,
        r.rps.toFixed(0),
        `${r.p95.toFixed(0)} ms`,
        f(r.ms.servers),
        f(r.ms.db),
        f(r.ms.proxy),
        f(r.ms.client),
        pct(r.busy),
        pct(r.foreign),
      ]),
      verdict: `2 processes ÷ 1 process (both via HAProxy) = ${ratio.toFixed(2)}; proxy overhead (1 via HAProxy ÷ direct) = ${(oneProxy.rps / one.rps).toFixed(2)}`,
      notes: [
        `The machine has ${os.cpus().length} cores, shared by the server processes, PostgreSQL, HAProxy and the load generator (and by other work: see "other work"). A second process adds no core: it helps only as far as one process leaves a core idle (its single JavaScript thread waiting on PostgreSQL), and costs what two event loops and two pools cost. On N free cores the processes would scale until PostgreSQL is the limit.`,
        'CPU per request hardly depends on contention; requests/s and p95 (of every response of the measured run) do.',
      ],
    };
  } finally {
    proxy?.kill('SIGTERM');
    for (const s of servers) s.kill('SIGTERM');
    await mon.end().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

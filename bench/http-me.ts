import { spawnSync } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { freshDatabase, machine, startProcess } from './lib.ts';

/**
 * Issue 2 benchmark: authenticated GET /api/v1/me (session lookup, permission check, presenter,
 * zod serialisation) next to a bare Fastify route doing one pg primary-key select, same run,
 * same machine, both on PostgreSQL. Target: ratio ≥ 0.7.
 */
export async function benchHttpMe(opts: { seconds: number; connections: number }) {
  const url = await freshDatabase('lienthong_bench_http');
  const bin = path.resolve('bin/lienthong.js');
  const env = {
    DATABASE_URL: url,
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    DEMO_PASSWORD: 'Bench-password-2026',
    DATABASE_POOL_SIZE: '10',
  };
  const seed = spawnSync(process.execPath, [bin, 'seed-demo'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (seed.status !== 0) throw new Error(seed.stderr);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const personId = (await client.query(`SELECT id FROM people WHERE username = 'quantri'`)).rows[0]
    .id as string;
  await client.end();

  const real = await startProcess(
    [bin, 'serve'],
    { ...env, PORT: '3911', HOST: '127.0.0.1' },
    /(http:\/\/127\.0\.0\.1:\d+)/,
  );
  const bare = await startProcess(
    ['--import', 'tsx', path.resolve('bench/bare-server.ts')],
    { ...env, PORT: '3912', PERSON_ID: personId },
    /(http:\/\/127\.0\.0\.1:\d+)/,
  );
  try {
    const login = await fetch('http://127.0.0.1:3911/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'quantri', password: env.DEMO_PASSWORD }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const run = (u: string, headers: Record<string, string> = {}) =>
      autocannon({ url: u, connections: opts.connections, duration: opts.seconds, headers });
    // Warm up both (JIT, pools), then measure alternately.
    await run('http://127.0.0.1:3912/bare');
    await run('http://127.0.0.1:3911/api/v1/me', { cookie });
    const b = await run('http://127.0.0.1:3912/bare');
    const m = await run('http://127.0.0.1:3911/api/v1/me', { cookie });
    if (m.non2xx > 0) throw new Error(`/me answered ${m.non2xx} non-2xx responses`);
    const ratio = m.requests.average / b.requests.average;
    return {
      title: `HTTP: authenticated GET /api/v1/me vs bare pg select (${opts.connections} connections, ${opts.seconds}s each, PostgreSQL)`,
      machine: machine(),
      rows: [
        ['bare Fastify + 1 pg select', b.requests.average.toFixed(0), `${b.latency.p99} ms`],
        ['GET /api/v1/me (authenticated)', m.requests.average.toFixed(0), `${m.latency.p99} ms`],
      ],
      header: ['route', 'requests/s', 'p99'],
      verdict: `ratio /me ÷ bare = ${ratio.toFixed(2)} (target ≥ 0.70) ${ratio >= 0.7 ? 'MET' : 'NOT MET'}`,
    };
  } finally {
    real.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
  }
}

import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { makeAgencyWithStaff, PASSWORD } from '../helpers/factories.ts';
import { exited, freePort, json, killServers, remoteSignIn, serve, waitFor } from '../helpers/process.ts';

/*
 * Issue 21, scale out: two `lienthong serve` processes on one PostgreSQL behind HAProxy with the
 * configuration we ship (deploy/haproxy/lienthong.cfg, its addresses given by the environment),
 * behave as one: a cron schedule fires once, a session revoked in one process is refused by the other
 * at once, a notice made through one is in the bell served by the other, a cache follows a change
 * made through the other, a job of a killed process is taken over and done once, and a connection the
 * proxy drops mid-upload leaves nothing behind. PostgreSQL only (processes cannot share PGlite):
 * skipped without TEST_DATABASE_URL, which CI sets.
 */

const HAPROXY = '/usr/sbin/haproxy';
const CONFIG = path.resolve('deploy/haproxy/lienthong.cfg');

type Served = Awaited<ReturnType<typeof serve>>;

describe.skipIf(!process.env.TEST_DATABASE_URL)('several processes behind HAProxy', () => {
  let pg: TestDatabase;
  let dir = '';
  let a: Served;
  let b: Served;
  let proxy: ChildProcess | null = null;
  let proxyLog = '';
  let proxyUrl = '';
  let staff: Awaited<ReturnType<typeof makeAgencyWithStaff>>;
  const q = <T>(text: string, params: unknown[] = []) => pg.database.query<T>(text, params);

  beforeAll(async () => {
    if (!fs.existsSync(HAPROXY))
      throw new Error(`${HAPROXY} is missing: apt-get install haproxy (.ci/run does)`);
    pg = await openTestDatabase('postgres');
    staff = await makeAgencyWithStaff(pg.database.db);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-scale-'));
    const [portA, portB, portProxy, portStats] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    // One data directory for both (the blobs), as on one host; several hosts would share it (NFS) or use S3.
    const env = {
      DATABASE_URL: pg.url!,
      DATA_DIR: dir,
      JOBS_ENABLED: 'true',
      JOB_LEASE_SECONDS: '5',
      DEMO: 'off',
      LOGIN_RATE_PER_MINUTE: '1000',
    };
    [a, b] = await Promise.all([
      serve({ ...env, PORT: String(portA) }),
      serve({ ...env, PORT: String(portB) }),
    ]);
    proxyUrl = `http://127.0.0.1:${portProxy}`;
    // The shipped file as it is: only the addresses, through the environment it reads them from.
    proxy = spawn(HAPROXY, ['-db', '-f', CONFIG], {
      env: {
        ...process.env,
        LT_PROXY_BIND: `127.0.0.1:${portProxy}`,
        LT_APP_1: `127.0.0.1:${portA}`,
        LT_APP_2: `127.0.0.1:${portB}`,
        LT_PROXY_STATS: `127.0.0.1:${portStats}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proxy.stdout!.on('data', (d) => (proxyLog += d));
    proxy.stderr!.on('data', (d) => (proxyLog += d));
    // The proxy answers once it runs; both servers start in the rotation (HAProxy's initial state).
    await waitFor(
      'the proxy',
      async () => (await fetch(`${proxyUrl}/healthz`).catch(() => null))?.ok,
      30_000,
    );
  });

  afterAll(async () => {
    await killServers();
    if (proxy && proxy.exitCode === null) {
      proxy.kill('SIGKILL');
      await exited(proxy);
    }
    await pg?.cleanup().catch(() => {});
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A counter's value in a process's /metrics (0 when absent). */
  const metric = async (url: string, name: string) => {
    const text = await (await fetch(`${url}/metrics`)).text();
    return text
      .split('\n')
      .filter((l) => l.startsWith(name))
      .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
  };

  it('fires a cron schedule once per due time although both runners poll', async () => {
    const firings = 3;
    for (let i = 0; i < firings; i++) {
      const [{ at }] = (await q<{ at: Date }>(
        `UPDATE job_schedules SET next_run_at = now() WHERE name = 'sessions.purge' RETURNING next_run_at AS at`,
      )) as [{ at: Date }];
      const key = `schedule:sessions.purge:${new Date(at).toISOString()}`;
      await waitFor(
        `firing ${i + 1} done`,
        async () =>
          (await q<{ status: string }>(`SELECT status FROM jobs WHERE dedupe_key = $1`, [key]))[0]?.status ===
          'done',
        20_000,
      );
    }
    // Both runners keep polling (every second): nothing more appears.
    await new Promise((r) => setTimeout(r, 2500));
    const jobs = await q<{ status: string; attempts: number; locked_by: string }>(
      `SELECT status, attempts, locked_by FROM jobs WHERE kind = 'sessions.purge' AND dedupe_key LIKE 'schedule:%'`,
    );
    expect(jobs).toHaveLength(firings);
    expect(jobs.every((j) => j.status === 'done' && j.attempts === 1)).toBe(true);
  });

  it('refuses in B, on its very next request, a session signed out through A', async () => {
    const onA = await remoteSignIn(a.url, staff.officer.username, PASSWORD);
    const onB = (p: string) => fetch(`${b.url}${p}`, { headers: { cookie: onA.cookie } });
    // B knows the session and keeps it in its cache (SESSION_CACHE_MS, 5 s by default).
    expect((await onB('/api/v1/me')).status).toBe(200);
    expect((await onB('/api/v1/me')).status).toBe(200);
    expect((await onA.call('POST', '/api/v1/auth/logout')).status).toBeLessThan(300);
    expect((await onB('/api/v1/me')).status).toBe(401);
  });

  it('shows in the bell served by B a notice made by a request served by A', async () => {
    const leader = await remoteSignIn(a.url, staff.leader.username, PASSWORD);
    const clerkOnB = await remoteSignIn(b.url, staff.clerk.username, PASSWORD);
    const title = `Họp giao ban ${Date.now()}`;
    await json(
      leader.call('POST', '/api/v1/announcements', {
        title,
        body: 'Kính mời các đồng chí dự họp.',
        audience: 'agencies',
        agencyIds: [staff.agency.id],
      }),
    );
    const bell = await json<{ items: { title: string }[] }>(clerkOnB.call('GET', '/api/v1/notifications'));
    expect(bell.items.map((n) => n.title)).toContain(`Thông báo mới: ${title}`);
  });

  it('forgets in B, at once, a calendar feed token revoked through A', async () => {
    const onA = await remoteSignIn(a.url, staff.head.username, PASSWORD);
    const feed = await json<{ id: string; path: string }>(
      onA.call('POST', '/api/v1/portal/feeds', { scope: 'person', label: 'Điện thoại' }),
    );
    // B resolves the token once and keeps it (feeds-cache.ts: 60 s).
    expect((await fetch(`${b.url}${feed.path}`)).status).toBe(200);
    expect((await fetch(`${b.url}${feed.path}`)).status).toBe(200);
    const before = await metric(b.url, 'lt_cache_notices_total{cache="portal.feed-token"}');
    await json(onA.call('DELETE', `/api/v1/portal/feeds/${feed.id}`));
    // B hears the revocation when it commits, and forgets the token: not after its 60 s TTL. The
    // notice reaches B's listening connection at commit and B reads it asynchronously, so a request
    // racing it by a few milliseconds may still be answered from the cache: at most 2 s allowed here.
    await waitFor(
      'B to forget the token',
      async () => (await fetch(`${b.url}${feed.path}`)).status === 404,
      2_000,
    );
    expect(await metric(b.url, 'lt_cache_notices_total{cache="portal.feed-token"}')).toBe(before + 1);
  });

  it('takes over, after the lease, the job of a process killed during it, and does it once', async () => {
    // A real job kind made slow by a real cause: the purge of old sessions waits for a lock this test
    // holds on the sessions table, so the process that claims it is busy with it when it is killed.
    const holder = await openLock();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE sessions IN SHARE MODE');
    const [{ id }] = (await q<{ id: number }>(
      `INSERT INTO jobs (kind, payload) VALUES ('sessions.purge', '{}') RETURNING id`,
    )) as [{ id: number }];
    const claimed = await waitFor(
      'the job claimed and waiting',
      async () => {
        const [j] = await q<{ locked_by: string | null; status: string }>(
          `SELECT locked_by, status FROM jobs WHERE id = $1`,
          [id],
        );
        const waiting = await q(
          `SELECT 1 FROM pg_locks WHERE NOT granted AND relation = 'sessions'::regclass AND locktype = 'relation'`,
        );
        return j?.status === 'running' && j.locked_by && waiting.length > 0 ? j.locked_by : null;
      },
      20_000,
    );
    const [victim, survivor] = claimed.includes(`:${a.child.pid}:`) ? [a, b] : [b, a];
    victim.child.kill('SIGKILL');
    await exited(victim.child);
    // Its connection is gone: the waiting statement fails when it gets the lock, and rolls back.
    await holder.query('COMMIT');
    await holder.end();
    const done = await waitFor(
      'the job done by the survivor',
      async () => {
        const [j] = await q<{ status: string; attempts: number; locked_by: string }>(
          `SELECT status, attempts, locked_by FROM jobs WHERE id = $1`,
          [id],
        );
        return j?.status === 'done' ? j : null;
      },
      30_000,
    );
    expect(done.attempts).toBe(2);
    expect(done.locked_by).toContain(`:${survivor.child.pid}:`);
    expect(await metric(survivor.url, 'lt_jobs_reclaimed_total{kind="sessions.purge"}')).toBe(1);
    expect(survivor.output()).toContain("job taken over: the previous worker's lease ran out");
    expect(survivor.output()).toContain(claimed);
    // The proxy keeps serving with one process left.
    for (let i = 0; i < 4; i++) expect((await fetch(`${proxyUrl}/healthz`)).status).toBe(200);
  });

  it('stores nothing of an upload whose connection the proxy drops half-way, and keeps serving', async () => {
    const me = await remoteSignIn(proxyUrl, staff.clerk.username, PASSWORD);
    const live = [a, b].filter((s) => s.child.exitCode === null && s.child.signalCode === null);
    const abortedBefore = (
      await Promise.all(live.map((s) => metric(s.url, 'lt_http_requests_aborted_total')))
    ).reduce((x, y) => x + y, 0);
    const [{ n: blobsBefore }] = (await q<{ n: number }>('SELECT count(*)::int AS n FROM blobs')) as [
      { n: number },
    ];

    // A multipart upload of 1 MB announced, half of it sent, then the connection cut.
    const boundary = '----lt-scale-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ban-scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
    );
    const total = 1024 * 1024;
    const port = Number(new URL(proxyUrl).port);
    await new Promise<void>((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.write(
          `POST /api/v1/files HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${me.cookie}\r\nX-CSRF-Token: ${me.csrfToken}\r\n` +
            `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${total}\r\n\r\n`,
        );
        s.write(head);
        s.write(Buffer.alloc(total / 2 - head.length, 0x41), () => {
          setTimeout(() => {
            s.destroy();
            resolve();
          }, 300);
        });
      });
      s.on('error', reject);
    });

    await waitFor(
      'the aborted request counted',
      async () => {
        const n = (
          await Promise.all(live.map((s) => metric(s.url, 'lt_http_requests_aborted_total')))
        ).reduce((x, y) => x + y, 0);
        return n > abortedBefore;
      },
      15_000,
    );
    const [{ n: blobsAfter }] = (await q<{ n: number }>('SELECT count(*)::int AS n FROM blobs')) as [
      { n: number },
    ];
    expect(blobsAfter).toBe(blobsBefore);
    // Still serving through the proxy, a whole upload included.
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), 'a.pdf');
    const ok = await fetch(`${proxyUrl}/api/v1/files`, {
      method: 'POST',
      headers: { cookie: me.cookie, 'x-csrf-token': me.csrfToken },
      body: form,
    });
    expect(ok.status).toBeLessThan(300);
    expect(live.some((s) => s.output().includes('request aborted by the client or the proxy'))).toBe(true);
  });

  /** A connection of its own (the lock holder of the take-over test). */
  async function openLock() {
    const { default: pgLib } = await import('pg');
    const c = new pgLib.Client({ connectionString: pg.url });
    await c.connect();
    return c;
  }
});

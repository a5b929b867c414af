import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { type Database, type Db, openDatabase, rows } from '../../src/server/db/client.ts';
import type { ReplicaLog } from '../../src/server/db/replica.ts';
import { makeOffice, type Office } from '../helpers/offices.ts';
import { type Cluster, clusterRoot, initPrimary, initReplica, pgBinDir } from '../helpers/pg-cluster.ts';
import { freePort } from '../helpers/process.ts';

/*
 * DATABASE_REPLICA_URL with a real streaming replica: a throwaway primary (started with the shipped
 * deploy/postgresql/lienthong.conf) and a pg_basebackup copy of it, both on loopback. Lag-tolerant
 * reads go to the replica, writes and a person's reads after their own write to the primary; a
 * lagging, stopped, promoted or mistaken replica sends every read to the primary, and nothing fails.
 */

const hasServer = (() => {
  try {
    return Boolean(pgBinDir());
  } catch {
    return false;
  }
})();

const SHIPPED_CONF = path.resolve('deploy/postgresql/lienthong.conf');

/** Polls until `fn` holds (a state change the monitor sees on its next look); fails after `ms`. */
async function until(what: string, fn: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for: ${what}`);
}

const inRecovery = async (db: Db) =>
  (await rows<{ r: boolean }>(db, sql`SELECT pg_is_in_recovery() AS r`))[0]!.r;

function capture(): ReplicaLog & { lines: string[] } {
  const lines: string[] = [];
  const put = (level: string) => (o: object, m?: string) =>
    void lines.push(`${level} ${m} ${JSON.stringify(o)}`);
  return { lines, info: put('info'), warn: put('warn'), error: put('error') };
}

describe.skipIf(!hasServer && process.env.CI !== 'true')('read replica (DATABASE_REPLICA_URL)', () => {
  let root: string;
  let primary: Cluster;
  let replica: Cluster;
  let database: Database;
  let app: FastifyInstance;
  let A: Office;
  let dataDir: string;
  const logLines: string[] = [];
  const others: Database[] = [];

  const open = async (replicaUrl: string, maxLagMs: number, log: ReplicaLog) => {
    const d = await openDatabase({
      databaseUrl: primary.url('lienthong'),
      replicaUrl,
      replicaMaxLagMs: maxLagMs,
      replicaIntervalMs: 100,
      poolSize: 4,
      log,
    });
    others.push(d);
    return d;
  };

  beforeAll(async () => {
    root = clusterRoot();
    const [p1, p2] = [await freePort(), await freePort()];
    primary = initPrimary(root, p1, `include '${SHIPPED_CONF}'`);
    const admin = new pg.Client({ connectionString: primary.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE lienthong');
    await admin.end();
    const migrator = await openDatabase({ databaseUrl: primary.url('lienthong') });
    await migrator.migrate();
    await migrator.close();
    replica = initReplica(root, primary, p2);

    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-replica-'));
    // A lenient lag for the app: these tests pause the replica and must still find it 'up'.
    const config = loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      SESSION_CACHE_MS: '0',
      LOGIN_RATE_PER_MINUTE: '10000',
      DATABASE_REPLICA_MAX_LAG_MS: '600000',
    });
    database = await openDatabase({
      databaseUrl: primary.url('lienthong'),
      replicaUrl: replica.url('lienthong'),
      replicaMaxLagMs: 600_000,
      replicaIntervalMs: 100,
      poolSize: 4,
    });
    const logStream = new Writable({
      write(chunk, _enc, cb) {
        logLines.push(String(chunk));
        cb();
      },
    });
    app = await buildApp({ config, database, logStream });
    await app.ready();
    A = await makeOffice(app, database.db);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    for (const d of [database, ...others]) await d?.close();
    replica?.stop('immediate');
    primary?.stop('immediate');
    if (root) fs.rmSync(root, { recursive: true, force: true });
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const metrics = async () => (await app.inject('/metrics')).body;
  const counter = (text: string, name: string, labels: string) =>
    Number(new RegExp(`^${name}\\{${labels}\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  const list = (cookie = '') =>
    A.clerk.inject({
      method: 'GET',
      url: '/api/v1/documents?box=incoming&limit=50',
      headers: { cookie: `${A.clerk.cookie}${cookie}` },
    });
  const register = (n: number) =>
    A.clerk.post('/api/v1/documents/incoming', {
      issuerName: 'Bộ Nội vụ',
      numberNotation: `${n}/BNV-VP`,
      typeCode: 'cong_van',
      issuedDate: '2026-11-20',
      summary: `Về việc thử bản sao đọc số ${n}`,
      signerName: 'Nguyễn Văn A',
    });

  it('runs the primary and the replica with the shipped configuration', async () => {
    const want = /^shared_buffers\s*=\s*(\S+)/m.exec(fs.readFileSync(SHIPPED_CONF, 'utf8'))?.[1];
    expect(want).toBeTruthy();
    for (const url of [primary.url(), replica.url()]) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const r = await c.query<{ sb: string; pre: string }>(
        `SELECT current_setting('shared_buffers') AS sb, current_setting('shared_preload_libraries') AS pre`,
      );
      await c.end();
      expect(r.rows[0]).toMatchObject({ sb: want });
      expect(r.rows[0]!.pre).toContain('pg_stat_statements');
    }
  });

  it('sends lag-tolerant reads to the replica and writes to the primary', async () => {
    await until('replica up', () => database.replica!.current().state === 'up');
    expect(await inRecovery(database.reader)).toBe(true);
    expect(await inRecovery(database.db)).toBe(false);
    const before = counter(await metrics(), 'lt_db_reads_total', 'target="replica",reason="ok"');
    const reg = await register(1);
    expect(reg.statusCode, reg.body).toBe(201);
    await until('the replica has the document', async () =>
      (await list()).json().items.some((d: { id: string }) => d.id === reg.json().id),
    );
    const m = await metrics();
    expect(counter(m, 'lt_db_reads_total', 'target="replica",reason="ok"')).toBeGreaterThan(before);
    expect(m).toMatch(/^lt_replica_up 1$/m);
  });

  it('shows a person their own write at once, from the primary, while the replica has not replayed it', async () => {
    const rpool = new pg.Pool({ connectionString: replica.url('lienthong'), max: 1 });
    await rpool.query('SELECT pg_wal_replay_pause()');
    try {
      const reg = await register(2);
      expect(reg.statusCode, reg.body).toBe(201);
      const wal = reg.cookies.find((c) => c.name === 'lt_wal');
      expect(wal?.value).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
      const id = reg.json().id as string;
      const has = (r: { json(): { items: { id: string }[] } }) => r.json().items.some((d) => d.id === id);
      // Without the cookie the paused replica answers, and does not have it yet: proof that it serves.
      expect(has(await list())).toBe(false);
      // With it (the browser sends it back), the primary answers.
      const before = counter(await metrics(), 'lt_db_reads_total', 'target="primary",reason="own_write"');
      expect(has(await list(`; lt_wal=${wal!.value}`))).toBe(true);
      expect(
        counter(await metrics(), 'lt_db_reads_total', 'target="primary",reason="own_write"'),
      ).toBeGreaterThan(before);
      await rpool.query('SELECT pg_wal_replay_resume()');
      await until('replayed', async () => has(await list()));
    } finally {
      await rpool.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
      await rpool.end();
    }
  });

  it('sends reads to the primary while the replica lags more than DATABASE_REPLICA_MAX_LAG_MS', async () => {
    const log = capture();
    const strict = await open(replica.url('lienthong'), 300, log);
    await until('strict replica up', () => strict.replica!.current().state === 'up');
    const rpool = new pg.Pool({ connectionString: replica.url('lienthong'), max: 1 });
    await rpool.query('SELECT pg_wal_replay_pause()');
    try {
      expect((await register(3)).statusCode).toBe(201);
      await until('lagging', () => strict.replica!.current().state === 'lagging');
      expect(await inRecovery(strict.reader)).toBe(false);
      expect(strict.replica!.current().lagBytes).toBeGreaterThan(0);
      expect(log.lines.join('\n')).toMatch(/replica lags; reading from the primary/);
      await rpool.query('SELECT pg_wal_replay_resume()');
      await until('caught up', () => strict.replica!.current().state === 'up');
      expect(await inRecovery(strict.reader)).toBe(true);
    } finally {
      await rpool.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
      await rpool.end();
    }
  });

  it('keeps serving from the primary when the replica stops, and goes back to it when it returns', async () => {
    replica.stop('fast');
    // The very next request, before the monitor noticed: its read fails on the replica and is run again on the primary.
    const r = await list();
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items.length).toBeGreaterThanOrEqual(3);
    await until('down', () => database.replica!.current().state === 'down');
    expect(await inRecovery(database.reader)).toBe(false);
    const m = await metrics();
    expect(m).toMatch(/^lt_replica_up 0$/m);
    expect(
      counter(m, 'lt_replica_problems_total', 'reason="unreachable"') +
        counter(m, 'lt_replica_problems_total', 'reason="query_failed"'),
    ).toBeGreaterThan(0);
    expect(logLines.join('')).toMatch(/replica (unreachable|read failed)/);
    replica.start();
    await until('up again', () => database.replica!.current().state === 'up');
    expect(await inRecovery(database.reader)).toBe(true);
  });

  it('reads from the primary when the replica URL points at the primary, or at nothing', async () => {
    const samePlace = capture();
    const self = await open(primary.url('lienthong'), 5000, samePlace);
    expect(self.replica!.current().state).toBe('not_in_recovery');
    expect(await inRecovery(self.reader)).toBe(false);
    expect(samePlace.lines.join('\n')).toMatch(/error .*not in recovery/);

    const nowhere = capture();
    const gone = await open(`postgres://postgres@127.0.0.1:${await freePort()}/lienthong`, 5000, nowhere);
    expect(gone.replica!.current().state).toBe('down');
    expect(await inRecovery(gone.reader)).toBe(false);
    expect(nowhere.lines.join('\n')).toMatch(/replica unreachable/);
  });

  it('sets a promoted replica aside: it no longer follows the primary', async () => {
    replica.promote();
    await until('promoted noticed', () => database.replica!.current().state === 'not_in_recovery');
    expect(await inRecovery(database.reader)).toBe(false);
    const r = await list();
    expect(r.statusCode).toBe(200);
    expect(logLines.join('')).toMatch(/promoted replica; reading from the primary/);
    expect(counter(await metrics(), 'lt_replica_problems_total', 'reason="not_in_recovery"')).toBeGreaterThan(
      0,
    );
  });

  it('refuses a replica without a PostgreSQL primary', async () => {
    await expect(openDatabase({ replicaUrl: 'postgres://127.0.0.1:1/x' })).rejects.toThrow(/DATABASE_URL/);
  });
});

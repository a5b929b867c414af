import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { openDatabase } from '../../db/client.ts';
import { backoffMs, enqueue, JobRunner, nextRun, schedule } from './index.ts';

const WORKER = path.resolve('test/fixtures/job-worker.ts');

describe('backoff and schedules', () => {
  it('grows exponentially with jitter and a cap', () => {
    expect(backoffMs(1, 1000)).toBeGreaterThanOrEqual(800);
    expect(backoffMs(1, 1000)).toBeLessThanOrEqual(1200);
    expect(backoffMs(4, 1000)).toBeGreaterThanOrEqual(6400);
    expect(backoffMs(40, 1000, 60_000)).toBeLessThanOrEqual(72_000);
  });
  it('computes the next cron time in Vietnam time', () => {
    // 07:30 in Hanoi is 00:30 UTC.
    expect(nextRun('30 7 * * *', new Date('2026-11-23T01:00:00Z')).toISOString()).toBe(
      '2026-11-24T00:30:00.000Z',
    );
  });
});

describe.each(ENGINES)('durable jobs on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    await t.database.query('CREATE TABLE effects (job_id bigint, n int)');
  });
  afterAll(() => t.cleanup());
  const db = () => t.database.db;
  const status = async (kind: string) =>
    t.database.query<{ status: string; attempts: number; last_error: string | null }>(
      'SELECT status, attempts, last_error FROM jobs WHERE kind = $1 ORDER BY id',
      [kind],
    );

  it('enqueues inside the caller transaction: a rollback leaves no job', async () => {
    await expect(
      db().transaction(async (tx) => {
        await enqueue(tx, 'tx.test', { a: 1 });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await status('tx.test')).toEqual([]);
    await enqueue(db(), 'tx.test', { a: 1 }, { dedupeKey: 'k1' });
    await enqueue(db(), 'tx.test', { a: 1 }, { dedupeKey: 'k1' });
    expect(await status('tx.test')).toHaveLength(1);
  });

  it('retries a failing job with backoff, then dead-letters it', async () => {
    let calls = 0;
    const runner = new JobRunner(
      db(),
      {
        'flaky.test': {
          run: async () => {
            calls++;
          },
        },
      },
      { backoffBaseMs: 1 },
    );
    const failing = new JobRunner(
      db(),
      {
        'fail.test': {
          run: async () => {
            throw new Error('mail server down');
          },
        },
      },
      { backoffBaseMs: 1 },
    );
    await enqueue(db(), 'fail.test', {}, { maxAttempts: 3 });
    for (let i = 0; i < 3; i++) {
      await failing.tick();
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await status('fail.test')).toEqual([
      { status: 'dead', attempts: 3, last_error: 'mail server down' },
    ]);
    await enqueue(db(), 'flaky.test');
    await runner.drain();
    expect(calls).toBe(1);
    expect((await status('flaky.test'))[0]!.status).toBe('done');
  });

  it('rolls back a failed transactional handler, so its effect never half-happens', async () => {
    let attempt = 0;
    const runner = new JobRunner(
      db(),
      {
        'partial.test': {
          run: async ({ db: tx, job }) => {
            await tx.execute(sql`INSERT INTO effects (job_id, n) VALUES (${job.id}, ${++attempt})`);
            if (attempt === 1) throw new Error('crash after the write');
          },
        },
      },
      { backoffBaseMs: 1 },
    );
    await enqueue(db(), 'partial.test');
    await runner.tick();
    await new Promise((r) => setTimeout(r, 10));
    await runner.tick();
    const rows = await t.database.query<{ n: number }>(
      'SELECT n FROM effects WHERE job_id = (SELECT id FROM jobs WHERE kind = $1)',
      ['partial.test'],
    );
    expect(rows).toEqual([{ n: 2 }]);
  });

  it('hands due jobs of a kind to its batch handler together, retrying only those it says failed', async () => {
    const seen: number[][] = [];
    const runner = new JobRunner(
      db(),
      {
        'batch.test': {
          transactional: false,
          batch: {
            max: 4,
            run: async ({ jobs }) => {
              seen.push(jobs.map((j) => Number(j.payload.i)));
              const again = jobs.filter((j) => j.payload.i === 2 && j.attempts === 1);
              return new Map(again.map((j) => [j.id, new Error('try again')]));
            },
          },
        },
      },
      { backoffBaseMs: 300, batch: 3 },
    );
    for (let i = 0; i < 6; i++) await enqueue(db(), 'batch.test', { i });
    expect(await runner.tick()).toBe(4); // a round of 3, topped up to the kind's 4
    expect(await runner.tick()).toBe(2);
    await new Promise((r) => setTimeout(r, 500));
    expect(await runner.tick()).toBe(1);
    expect(seen).toEqual([[0, 1, 2, 3], [4, 5], [2]]);
    expect((await status('batch.test')).map((j) => j.status)).toEqual(Array(6).fill('done'));
  });

  it('runs a transactional batch all or nothing', async () => {
    let calls = 0;
    const runner = new JobRunner(
      db(),
      {
        'txbatch.test': {
          batch: {
            max: 10,
            run: async ({ db: tx, jobs }) => {
              for (const j of jobs)
                await tx.execute(sql`INSERT INTO effects (job_id, n) VALUES (${j.id}, ${calls})`);
              if (++calls === 1) throw new Error('fails after writing');
              return undefined;
            },
          },
        },
      },
      { backoffBaseMs: 1 },
    );
    for (let i = 0; i < 3; i++) await enqueue(db(), 'txbatch.test', { i });
    await runner.tick();
    await new Promise((r) => setTimeout(r, 20));
    await runner.tick();
    const written = await t.database.query<{ n: number }>(
      `SELECT e.n FROM effects e JOIN jobs j ON j.id = e.job_id WHERE j.kind = 'txbatch.test' ORDER BY e.job_id`,
    );
    expect(written).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
    expect((await status('txbatch.test')).map((j) => j.status)).toEqual(['done', 'done', 'done']);
  });

  it('runs slow kinds in a lane of their own: a long job does not hold up the quick ones', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => {
      open = r;
    });
    const done: string[] = [];
    const runner = new JobRunner(
      db(),
      {
        'lane.slow': {
          slow: true,
          transactional: false,
          run: async () => {
            await gate;
            done.push('slow');
          },
        },
        'lane.quick': { run: async () => void done.push('quick') },
      },
      { pollMs: 20 },
    );
    await enqueue(db(), 'lane.slow');
    runner.start();
    await new Promise((r) => setTimeout(r, 100)); // the slow job is running, waiting on its gate
    await enqueue(db(), 'lane.quick');
    for (let i = 0; i < 100 && !done.includes('quick'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(done).toEqual(['quick']);
    open();
    for (let i = 0; i < 100 && done.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    await runner.stop();
    expect(done).toEqual(['quick', 'slow']);
    expect((await status('lane.slow'))[0]!.status).toBe('done');
  });

  it('lets slow work wait while quick jobs keep coming, but not longer than its limit', async () => {
    const t0 = Date.now();
    const at: Record<string, number> = {};
    const runner = new JobRunner(
      db(),
      {
        'yield.slow': {
          slow: true,
          transactional: false,
          run: async ({ job }) => {
            at[String(job.payload.n)] = Date.now() - t0;
          },
        },
        'yield.quick': { run: async () => {} },
      },
      { pollMs: 20, slowYieldMs: 300, slowMaxDeferMs: 1500 },
    );
    runner.start();
    let burst = true;
    const feeding = (async () => {
      while (burst) {
        await enqueue(db(), 'yield.quick');
        await new Promise((r) => setTimeout(r, 40));
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    await enqueue(db(), 'yield.slow', { n: 1 });
    await new Promise((r) => setTimeout(r, 2500)); // the quick burst goes on past the slow limit
    burst = false;
    await feeding;
    for (let i = 0; i < 100 && !at['1']; i++) await new Promise((r) => setTimeout(r, 20));
    await runner.stop();
    // It waited (the burst was on), and ran once its limit passed, before the burst ended.
    expect(at['1']).toBeGreaterThan(900);
    expect(at['1']).toBeLessThan(2600);
  });

  it('fires scheduled jobs once per due time', async () => {
    await schedule(db(), 'every-minute', '* * * * *', 'sched.test');
    await t.database.query(
      `UPDATE job_schedules SET next_run_at = now() - interval '1 second' WHERE name = 'every-minute'`,
    );
    let n = 0;
    const runner = new JobRunner(db(), { 'sched.test': { run: async () => void n++ } });
    await runner.tick();
    await runner.tick();
    expect(n).toBe(1);
    const [s] = await t.database.query<{ next_run_at: Date }>(
      `SELECT next_run_at FROM job_schedules WHERE name = 'every-minute'`,
    );
    expect(new Date(s!.next_run_at).getTime()).toBeGreaterThan(Date.now());
  });

  it.runIf(engine === 'postgres')(
    'lets two runners share work without doing a job twice (SKIP LOCKED)',
    async () => {
      const seen: number[] = [];
      const handler = {
        run: async ({ job }: { job: { id: number } }) => {
          seen.push(job.id);
          await new Promise((r) => setTimeout(r, 2));
        },
      };
      for (let i = 0; i < 40; i++) await enqueue(db(), 'shared.test', { i });
      const a = new JobRunner(db(), { 'shared.test': handler }, { batch: 5 });
      const b = new JobRunner(db(), { 'shared.test': handler }, { batch: 5 });
      await Promise.all([a.drain(), b.drain()]);
      expect(seen).toHaveLength(40);
      expect(new Set(seen).size).toBe(40);
    },
  );
});

/** Spawns the worker fixture; resolves with its output, or kills it -9 as soon as it prints `killOn`. */
function runWorker(env: Record<string, string>, killOn?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (killOn && out.includes(killOn)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', () => resolve(out));
  });
}

describe.each(ENGINES)('a job survives kill -9 mid-run on %s', (engine) => {
  it('happens exactly once after a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-jobs-'));
    const pg = engine === 'postgres' ? await openTestDatabase('postgres') : null;
    const env: Record<string, string> = pg ? { DATABASE_URL: pg.url! } : { PGLITE_DIR: path.join(dir, 'pg') };
    const open = () =>
      pg
        ? Promise.resolve(pg.database)
        : openDatabase({ pgliteDir: env.PGLITE_DIR }).then(async (d) => {
            await d.migrate();
            return d;
          });
    let d = await open();
    await enqueue(d.db, 'test.effect', { n: 1 });
    if (!pg) await d.close();

    const first = await runWorker({ ...env, SLEEP_MS: '30000', LEASE_MS: '1000' }, 'RUNNING');
    expect(first).toContain('RUNNING');
    expect(first).not.toContain('DONE');
    const second = await runWorker({ ...env, SLEEP_MS: '0', LEASE_MS: '1000' });
    expect(second).toContain('DONE');

    d = await open();
    const effects = await d.query<{ job_id: number }>('SELECT job_id FROM test_effects');
    const jobs = await d.query<{ status: string; attempts: number }>(
      `SELECT status, attempts FROM jobs WHERE kind = 'test.effect'`,
    );
    expect(effects).toHaveLength(1);
    expect(jobs).toEqual([{ status: 'done', attempts: 2 }]);
    if (pg) await pg.cleanup();
    else await d.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

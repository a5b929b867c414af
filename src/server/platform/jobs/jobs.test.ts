import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ENGINES, openTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { openDatabase } from '../../db/client.ts';
import { jobsReclaimed } from '../http/metrics.ts';
import {
  backoffMs,
  defineJob,
  defineSchedule,
  enqueue,
  type JobHandler,
  JobRunner,
  nextRun,
  schedule,
} from './index.ts';

const WORKER = path.resolve('test/fixtures/job-worker.ts');

/** A job kind of these tests: any payload, and a handler that does nothing unless given one. */
const job = (kind: string, handler: JobHandler = { run: async () => {} }) =>
  defineJob(kind, z.record(z.string(), z.unknown()), handler);

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
        await enqueue(tx, job('tx.test'), { a: 1 });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await status('tx.test')).toEqual([]);
    await enqueue(db(), job('tx.test'), { a: 1 }, { dedupeKey: 'k1' });
    await enqueue(db(), job('tx.test'), { a: 1 }, { dedupeKey: 'k1' });
    expect(await status('tx.test')).toHaveLength(1);
  });

  it('types a payload by its job, and dead-letters a stored payload that does not fit, running the rest', async () => {
    const ran: string[] = [];
    const typed = defineJob('typed.test', z.object({ documentId: z.uuid(), note: z.string().default('-') }), {
      run: async ({ job }) => {
        // The payload as parsed: the default is filled in.
        ran.push(`${job.payload.documentId} ${job.payload.note}`);
      },
    });
    const id = '01890a5d-ac96-774b-bcce-b302099a8057';
    await enqueue(db(), typed, { documentId: id });
    // @ts-expect-error: a payload of the wrong shape does not compile
    await enqueue(db(), typed, { documentId: 42 });
    // @ts-expect-error: nor does one that misses a field
    await enqueue(db(), typed, {});
    // A row written by hand (or by an older version) is checked when claimed.
    await t.database.query(
      `INSERT INTO jobs (kind, payload) VALUES ('typed.test', '{"documentId": "not-an-id"}')`,
    );
    const runner = new JobRunner(db(), [typed], { backoffBaseMs: 1 });
    await runner.drain();
    expect(ran).toEqual([`${id} -`]);
    const rows = await status('typed.test');
    expect(rows.map((r) => r.status)).toEqual(['done', 'dead', 'dead', 'dead']);
    // Dead at the first attempt, with what is wrong, and the runner went on.
    for (const r of rows.slice(1)) {
      expect(r.attempts).toBe(1);
      expect(r.last_error).toMatch(/^payload does not fit job kind typed\.test: .*documentId/s);
    }
  });

  it('dead-letters a batch job whose payload does not fit, and runs the rest of its batch', async () => {
    const seen: string[] = [];
    const batch = defineJob('typedbatch.test', z.object({ peerId: z.string() }), {
      batch: {
        max: 10,
        run: async ({ jobs }) => {
          seen.push(...jobs.map((j) => j.payload.peerId));
          return undefined;
        },
      },
    });
    await enqueue(db(), batch, { peerId: 'a' });
    await t.database.query(`INSERT INTO jobs (kind, payload) VALUES ('typedbatch.test', '{"peer": "b"}')`);
    await enqueue(db(), batch, { peerId: 'c' });
    await new JobRunner(db(), [batch]).drain();
    expect(seen).toEqual(['a', 'c']);
    expect((await status('typedbatch.test')).map((r) => r.status)).toEqual(['done', 'dead', 'done']);
  });

  it('retries a failing job with backoff, then dead-letters it', async () => {
    let calls = 0;
    const flaky = job('flaky.test', {
      run: async () => {
        calls++;
      },
    });
    const fail = job('fail.test', {
      run: async () => {
        throw new Error('mail server down');
      },
    });
    const runner = new JobRunner(db(), [flaky], { backoffBaseMs: 1 });
    const failing = new JobRunner(db(), [fail], { backoffBaseMs: 1 });
    await enqueue(db(), fail, {}, { maxAttempts: 3 });
    for (let i = 0; i < 3; i++) {
      await failing.tick();
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await status('fail.test')).toEqual([
      { status: 'dead', attempts: 3, last_error: 'mail server down' },
    ]);
    await enqueue(db(), flaky, {});
    await runner.drain();
    expect(calls).toBe(1);
    expect((await status('flaky.test'))[0]!.status).toBe('done');
  });

  it('rolls back a failed transactional handler, so its effect never half-happens', async () => {
    let attempt = 0;
    const partial = job('partial.test', {
      run: async ({ db: tx, job }) => {
        await tx.execute(sql`INSERT INTO effects (job_id, n) VALUES (${job.id}, ${++attempt})`);
        if (attempt === 1) throw new Error('crash after the write');
      },
    });
    const runner = new JobRunner(db(), [partial], { backoffBaseMs: 1 });
    await enqueue(db(), partial, {});
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
    const batch = job('batch.test', {
      transactional: false,
      batch: {
        max: 4,
        run: async ({ jobs }) => {
          seen.push(jobs.map((j) => Number(j.payload.i)));
          const again = jobs.filter((j) => j.payload.i === 2 && j.attempts === 1);
          return new Map(again.map((j) => [j.id, new Error('try again')]));
        },
      },
    });
    const runner = new JobRunner(db(), [batch], { backoffBaseMs: 300, batch: 3 });
    for (let i = 0; i < 6; i++) await enqueue(db(), batch, { i });
    expect(await runner.tick()).toBe(4); // a round of 3, topped up to the kind's 4
    expect(await runner.tick()).toBe(2);
    await new Promise((r) => setTimeout(r, 500));
    expect(await runner.tick()).toBe(1);
    expect(seen).toEqual([[0, 1, 2, 3], [4, 5], [2]]);
    expect((await status('batch.test')).map((j) => j.status)).toEqual(Array(6).fill('done'));
  });

  it('runs a transactional batch all or nothing', async () => {
    let calls = 0;
    const txbatch = job('txbatch.test', {
      batch: {
        max: 10,
        run: async ({ db: tx, jobs }) => {
          for (const j of jobs)
            await tx.execute(sql`INSERT INTO effects (job_id, n) VALUES (${j.id}, ${calls})`);
          if (++calls === 1) throw new Error('fails after writing');
          return undefined;
        },
      },
    });
    const runner = new JobRunner(db(), [txbatch], { backoffBaseMs: 1 });
    for (let i = 0; i < 3; i++) await enqueue(db(), txbatch, { i });
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
    const slow = job('lane.slow', {
      slow: true,
      transactional: false,
      run: async () => {
        await gate;
        done.push('slow');
      },
    });
    const quick = job('lane.quick', { run: async () => void done.push('quick') });
    const runner = new JobRunner(db(), [slow, quick], { pollMs: 20 });
    await enqueue(db(), slow, {});
    runner.start();
    await new Promise((r) => setTimeout(r, 100)); // the slow job is running, waiting on its gate
    await enqueue(db(), quick, {});
    for (let i = 0; i < 100 && !done.includes('quick'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(done).toEqual(['quick']);
    open();
    for (let i = 0; i < 100 && done.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    await runner.stop();
    expect(done).toEqual(['quick', 'slow']);
    expect((await status('lane.slow'))[0]!.status).toBe('done');
  });

  it('runs a named slow lane apart from the other slow kinds: a long OCR does not hold up extraction', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => {
      open = r;
    });
    const done: string[] = [];
    const long = job('lane.ocr', {
      slow: 'ocr',
      transactional: false,
      run: async () => {
        await gate;
        done.push('ocr');
      },
    });
    const other = job('lane.extract', {
      slow: true,
      transactional: false,
      run: async () => void done.push('extract'),
    });
    const runner = new JobRunner(db(), [long, other], { pollMs: 20 });
    await enqueue(db(), long, {});
    runner.start();
    await new Promise((r) => setTimeout(r, 100)); // the OCR job is running, waiting on its gate
    await enqueue(db(), other, {});
    for (let i = 0; i < 100 && !done.includes('extract'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(done).toEqual(['extract']);
    open();
    for (let i = 0; i < 100 && done.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    await runner.stop();
    expect(done).toEqual(['extract', 'ocr']);
  });

  it('lets slow work wait while quick jobs keep coming, but not longer than its limit', async () => {
    const t0 = Date.now();
    const at: Record<string, number> = {};
    const slow = job('yield.slow', {
      slow: true,
      transactional: false,
      run: async ({ job }) => {
        at[String(job.payload.n)] = Date.now() - t0;
      },
    });
    const quick = job('yield.quick');
    const runner = new JobRunner(db(), [slow, quick], { pollMs: 20, slowYieldMs: 300, slowMaxDeferMs: 1500 });
    runner.start();
    let burst = true;
    const feeding = (async () => {
      while (burst) {
        await enqueue(db(), quick, {});
        await new Promise((r) => setTimeout(r, 40));
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    await enqueue(db(), slow, { n: 1 });
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
    let n = 0;
    const sched = job('sched.test', { run: async () => void n++ });
    await schedule(db(), defineSchedule('every-minute', '* * * * *', sched, {}));
    await t.database.query(
      `UPDATE job_schedules SET next_run_at = now() - interval '1 second' WHERE name = 'every-minute'`,
    );
    const runner = new JobRunner(db(), [sched]);
    await runner.tick();
    await runner.tick();
    expect(n).toBe(1);
    const [s] = await t.database.query<{ next_run_at: Date }>(
      `SELECT next_run_at FROM job_schedules WHERE name = 'every-minute'`,
    );
    expect(new Date(s!.next_run_at).getTime()).toBeGreaterThan(Date.now());
  });

  it("takes over a job whose worker's lease ran out: logs the previous worker and counts it", async () => {
    let n = 0;
    const kind = job('reclaim.test', { run: async () => void n++ });
    await enqueue(db(), kind, { a: 1 });
    await enqueue(db(), kind, { a: 2 });
    // The first was claimed by a worker that died: still 'running', its lease over.
    const [dead] = await t.database.query<{ id: number }>(
      `UPDATE jobs SET status = 'running', attempts = 1, locked_by = 'other-host:4242:deadbeef',
              lease_until = now() - interval '1 second'
        WHERE id = (SELECT min(id) FROM jobs WHERE kind = 'reclaim.test') RETURNING id`,
    );
    const warned: { o: Record<string, unknown>; m?: string }[] = [];
    const log = { info() {}, error() {}, warn: (o: object, m?: string) => warned.push({ o: { ...o }, m }) };
    const reclaimed = async () =>
      (await jobsReclaimed.get()).values.find((v) => v.labels.kind === 'reclaim.test')?.value ?? 0;
    const before = await reclaimed();
    const runner = new JobRunner(db(), [kind], { log });
    await runner.tick();
    expect(n).toBe(2);
    // Only the taken-over job is reported, not the one claimed for the first time.
    expect(warned).toEqual([
      {
        o: expect.objectContaining({
          jobId: Number(dead!.id),
          kind: 'reclaim.test',
          previousWorker: 'other-host:4242:deadbeef',
          worker: runner.workerId,
          attempt: 2,
        }),
        m: "job taken over: the previous worker's lease ran out",
      },
    ]);
    expect(await reclaimed()).toBe(before + 1);
    expect(await status('reclaim.test')).toEqual([
      { status: 'done', attempts: 2, last_error: null },
      { status: 'done', attempts: 1, last_error: null },
    ]);
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
      const shared = job('shared.test', handler);
      for (let i = 0; i < 40; i++) await enqueue(db(), shared, { i });
      const a = new JobRunner(db(), [shared], { batch: 5 });
      const b = new JobRunner(db(), [shared], { batch: 5 });
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
    // The worker process defines the kind with its handler; here it is only written.
    await enqueue(d.db, job('test.effect'), { n: 1 });
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

import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { CronExpressionParser } from 'cron-parser';
import { and, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { insertRowsSql } from '../../db/bulk.ts';
import { type Db, rows } from '../../db/client.ts';
import { jobsReclaimed } from '../http/metrics.ts';
import type { JobDefinition, JobEnv, JobHandler, JobPayload, JobRow, ScheduleDefinition } from './define.ts';
import { jobSchedules, jobs } from './schema.ts';

export {
  defineJob,
  defineSchedule,
  type JobDefinition,
  type JobEnv,
  type JobHandler,
  type JobPayload,
  type JobRow,
  type ScheduleDefinition,
} from './define.ts';

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
  /** At most one job per key: a repeated enqueue with the same key is ignored. */
  dedupeKey?: string;
}

/** One job to write: its payload, typed by the definition it is enqueued with, and its options. */
export interface NewJob<P> {
  payload: P;
  opts?: EnqueueOptions;
}

/** The rows of jobs to write (enqueue, enqueueMany, enqueueSql and the schedules share them). */
function jobRows(kind: string, list: readonly NewJob<JobPayload>[]): (typeof jobs.$inferInsert)[] {
  const now = new Date();
  return list.map((j) => ({
    kind,
    payload: j.payload,
    runAt: j.opts?.runAt ?? now,
    maxAttempts: j.opts?.maxAttempts ?? 8,
    dedupeKey: j.opts?.dedupeKey ?? null,
  }));
}

// The payload is not parsed here: its type was checked where it was written, and a hot statement
// (a release) should not pay for it. The runner parses it when it claims the job.

/** Writes a job row; call it with the caller's transaction so the job exists iff the change does. */
export async function enqueue<In extends JobPayload>(
  db: Db,
  job: JobDefinition<In, JobPayload>,
  payload: NoInfer<In>,
  opts: EnqueueOptions = {},
) {
  await insertJobs(db, job.kind, [{ payload, opts }]);
}

/** Writes many jobs of one kind in one statement (a batch of received documents, say); same rules as enqueue. */
export async function enqueueMany<In extends JobPayload>(
  db: Db,
  job: JobDefinition<In, JobPayload>,
  list: readonly NewJob<NoInfer<In>>[],
) {
  await insertJobs(db, job.kind, list);
}

/** The untyped write, for the runner's schedules (their payload was checked when they were defined). */
async function insertJobs(db: Db, kind: string, list: readonly NewJob<JobPayload>[]) {
  if (list.length === 0) return;
  await db.insert(jobs).values(jobRows(kind, list)).onConflictDoNothing();
}

/** The same as a WITH item (`name`) of the caller's own statement, for a hot path. */
export function enqueueSql<In extends JobPayload>(
  name: string,
  job: JobDefinition<In, JobPayload>,
  list: readonly NewJob<NoInfer<In>>[],
  gate: { from?: SQL } = {},
): SQL {
  return sql`${sql.identifier(name)} AS (${insertRowsSql(jobs, jobRows(job.kind, list), gate)} ON CONFLICT DO NOTHING)`;
}

/**
 * A WITH item (`name`) of the caller's statement writing one job whose payload the statement itself
 * computes (`payload`, a jsonb expression over `from`, e.g. the ids a previous item returned); no
 * row when `from` gives none.
 */
export function enqueueSelectSql<In extends JobPayload>(
  name: string,
  job: JobDefinition<In, JobPayload>,
  select: { payload: SQL<NoInfer<In>>; from: SQL },
): SQL {
  return sql`${sql.identifier(name)} AS (INSERT INTO jobs (kind, payload)
        SELECT ${job.kind}, ${select.payload} ${select.from})`;
}

/** Creates or updates a recurring job (see defineSchedule). */
export async function schedule(db: Db, s: ScheduleDefinition) {
  const next = nextRun(s.cron, new Date());
  const { name, cron, kind, payload } = s;
  await db
    .insert(jobSchedules)
    .values({ name, cron, kind, payload, nextRunAt: next })
    .onConflictDoUpdate({ target: jobSchedules.name, set: { cron, kind, payload, nextRunAt: next } });
}

export function nextRun(cron: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: 'Asia/Ho_Chi_Minh' }).next().toDate();
}

/** Exponential backoff with jitter: 2s, 4s, 8s … capped at one hour. */
export function backoffMs(attempt: number, baseMs = 2000, capMs = 3_600_000): number {
  const raw = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.8 + Math.random() * 0.4));
}

export interface RunnerOptions {
  pollMs?: number;
  /** The slow lane waits while the quick lane found jobs this recently (default 500 ms)… */
  slowYieldMs?: number;
  /** … but runs at least this often (default 10 s). */
  slowMaxDeferMs?: number;
  leaseMs?: number;
  batch?: number;
  backoffBaseMs?: number;
  log?: {
    info: (o: object, m?: string) => void;
    warn?: (o: object, m?: string) => void;
    error: (o: object, m?: string) => void;
  };
  /** What the handlers given as functions of the app's services are built from (see JobEnv). */
  env?: JobEnv;
}

/** A kind the runner knows: its payload's schema and its handler, built. */
interface Known {
  schema: JobDefinition['schema'];
  handler: JobHandler;
}

/** 'quick', or the name of a slow lane ('slow' for `slow: true`). */
type Lane = string;

/** Claims due jobs with FOR UPDATE SKIP LOCKED, so several processes can share the work. */
export class JobRunner {
  readonly workerId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly timers = new Map<Lane, NodeJS.Timeout>();
  /** When the quick lane last found jobs, and the slow lane last ran (see start). */
  private quickBusyAt = 0;
  private readonly slowRanAt = new Map<Lane, number>();
  private readonly slowYieldMs: number;
  private readonly slowMaxDeferMs: number;
  private running = new Set<Promise<unknown>>();
  private stopped = true;
  private schedulesAt = 0;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly batch: number;
  private readonly backoffBaseMs: number;
  /** Kinds run in a slow lane; every other kind (known or not) runs in the quick one. */
  private readonly slowKinds: string[];
  /** The kinds of each slow lane. */
  private readonly slowLanes = new Map<Lane, string[]>();
  private readonly known = new Map<string, Known>();

  /** Runs these kinds of jobs (other kinds found in the table are dead-lettered as unknown). */
  constructor(
    private readonly db: Db,
    definitions: readonly JobDefinition[],
    private readonly opts: RunnerOptions = {},
  ) {
    for (const d of definitions) {
      if (this.known.has(d.kind)) throw new Error(`job kind ${d.kind} is defined twice`);
      let handler: JobHandler;
      if (typeof d.handler === 'function') {
        if (!opts.env) throw new Error(`job kind ${d.kind} needs the app's services: pass env to the runner`);
        handler = d.handler(opts.env);
      } else handler = d.handler;
      this.known.set(d.kind, { schema: d.schema, handler });
    }
    this.pollMs = opts.pollMs ?? 1000;
    this.leaseMs = opts.leaseMs ?? 5 * 60_000;
    this.batch = opts.batch ?? 10;
    this.backoffBaseMs = opts.backoffBaseMs ?? 2000;
    this.slowYieldMs = opts.slowYieldMs ?? 500;
    this.slowMaxDeferMs = opts.slowMaxDeferMs ?? 10_000;
    this.slowKinds = [...this.known].filter(([, k]) => k.handler.slow).map(([kind]) => kind);
    for (const kind of this.slowKinds) {
      const slow = this.known.get(kind)!.handler.slow;
      const lane = typeof slow === 'string' ? slow : 'slow';
      this.slowLanes.set(lane, [...(this.slowLanes.get(lane) ?? []), kind]);
    }
  }

  /**
   * Starts a loop per lane: the quick one (and the schedules), and the slow one when a kind is slow.
   * Slow work gives way to a burst of quick work (a batch of arrivals waiting to be answered): while
   * the quick lane found jobs in the last `slowYieldMs`, the slow lane waits, but never longer than
   * `slowMaxDeferMs` between two of its rounds, so it is not starved.
   */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const lanes: Lane[] = ['quick', ...this.slowLanes.keys()];
    for (const lane of lanes) {
      const loop = async () => {
        if (this.stopped) return;
        const now = Date.now();
        if (
          lane !== 'quick' &&
          now - this.quickBusyAt < this.slowYieldMs &&
          now - (this.slowRanAt.get(lane) ?? 0) < this.slowMaxDeferMs
        ) {
          this.timers.set(lane, setTimeout(loop, Math.min(this.slowYieldMs, this.pollMs)));
          return;
        }
        let ran = 0;
        // Schedules are looked at once per pollMs even while a burst keeps the rounds coming.
        const schedules = lane === 'quick' && now - this.schedulesAt >= this.pollMs;
        if (schedules) this.schedulesAt = now;
        const round = this.round(lane, { schedules })
          .then((n) => {
            ran = n;
          })
          .catch((err) => this.opts.log?.error({ err }, 'job runner tick failed'));
        this.running.add(round);
        await round;
        this.running.delete(round);
        if (lane === 'quick' && ran > 0) this.quickBusyAt = Date.now();
        if (lane !== 'quick') this.slowRanAt.set(lane, Date.now());
        // A round that found work goes on at once (a burst of 10,000 jobs waited a second per 10 of
        // them); an empty round waits pollMs.
        if (!this.stopped) this.timers.set(lane, setTimeout(loop, ran > 0 ? 0 : this.pollMs));
      };
      this.timers.set(lane, setTimeout(loop, 0));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await Promise.all([...this.running]);
  }

  /** One round of every lane: enqueue due schedules, then claim and run a batch. Returns how many jobs ran. */
  async tick(opts: { schedules?: boolean } = {}): Promise<number> {
    let ran = await this.round('quick', opts);
    for (const lane of this.slowLanes.keys()) ran += await this.round(lane, { schedules: false });
    return ran;
  }

  private async round(lane: Lane, opts: { schedules?: boolean } = {}): Promise<number> {
    if (opts.schedules !== false) await this.fireSchedules();
    const fetched = await this.claim(this.batch, undefined, lane);
    const ran = fetched.length;
    const claimed = await this.checked(fetched);
    let more = 0;
    const grouped = new Set<string>();
    for (const job of claimed) {
      const handler = this.known.get(job.kind)?.handler;
      if (!handler?.batch) {
        await this.runOne(job);
        continue;
      }
      if (grouped.has(job.kind)) continue;
      grouped.add(job.kind);
      const group = claimed.filter((j) => j.kind === job.kind);
      if (group.length < handler.batch.max) {
        const extra = await this.claim(handler.batch.max - group.length, job.kind);
        more += extra.length;
        group.push(...(await this.checked(extra)));
      }
      await this.runBatch(handler, group);
    }
    return ran + more;
  }

  /**
   * The claimed jobs whose payload fits their kind's schema, parsed (defaults applied); the others
   * are dead-lettered at once, with zod's account of what is wrong: retrying would not change the
   * payload. Jobs of unknown kinds pass, to be dead-lettered by runOne.
   */
  private async checked(claimed: JobRow[]): Promise<JobRow[]> {
    const out: JobRow[] = [];
    for (const job of claimed) {
      const schema = this.known.get(job.kind)?.schema;
      if (!schema) {
        out.push(job);
        continue;
      }
      const parsed = schema.safeParse(job.payload);
      if (parsed.success) out.push({ ...job, payload: parsed.data });
      else
        await this.fail(
          job,
          new Error(`payload does not fit job kind ${job.kind}: ${z.prettifyError(parsed.error)}`),
          true,
        );
    }
    return out;
  }

  /** Claims due jobs (of one kind, or of a lane's kinds), expired leases included. */
  private async claim(limit: number, kind?: string, lane?: Lane): Promise<JobRow[]> {
    const inLane =
      lane === undefined
        ? sql``
        : lane !== 'quick'
          ? sql`AND kind = ANY(${sql.param(this.slowLanes.get(lane) ?? [])}::text[])`
          : this.slowKinds.length
            ? sql`AND kind <> ALL(${sql.param(this.slowKinds)}::text[])`
            : sql``;
    // One statement: the rows are chosen and locked in `picked`, which also keeps who held a row
    // whose lease ran out (its worker died or hung), so the take-over can be reported.
    const claimed = await rows<JobRow & { run_at: Date; reclaimed_from: string | null }>(
      this.db,
      sql`WITH picked AS (
            SELECT id, CASE WHEN status = 'running' THEN coalesce(locked_by, '?') END AS reclaimed_from
              FROM jobs
             WHERE ((status = 'queued' AND run_at <= now()) OR (status = 'running' AND lease_until < now()))
               ${kind ? sql`AND kind = ${kind}` : sql``} ${inLane}
             ORDER BY run_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
          UPDATE jobs j SET status = 'running', attempts = j.attempts + 1, locked_by = ${this.workerId},
            lease_until = now() + make_interval(secs => ${this.leaseMs / 1000})
            FROM picked
           WHERE j.id = picked.id
          RETURNING j.id, j.kind, j.payload, j.attempts, j.max_attempts, j.run_at, picked.reclaimed_from`,
    );
    for (const j of claimed)
      if (j.reclaimed_from !== null) {
        jobsReclaimed.inc({ kind: j.kind });
        this.opts.log?.warn?.(
          {
            jobId: Number(j.id),
            kind: j.kind,
            previousWorker: j.reclaimed_from,
            worker: this.workerId,
            attempt: j.attempts,
          },
          "job taken over: the previous worker's lease ran out",
        );
      }
    // RETURNING keeps no order: run them oldest first, as they were chosen.
    const at = (j: { run_at: Date }) => new Date(j.run_at).getTime();
    return claimed
      .sort((a, b) => at(a) - at(b) || a.id - b.id)
      .map(({ run_at: _, reclaimed_from: __, ...j }) => j);
  }

  private async runBatch(handler: Extract<JobHandler, { batch: object }>, claimed: JobRow[]): Promise<void> {
    const batch = handler.batch;
    const jobs: JobRow[] = [];
    for (const job of claimed) {
      if (job.attempts > job.max_attempts) await this.fail(job, new Error('too many attempts'), true);
      else jobs.push(job);
    }
    if (jobs.length === 0) return;
    try {
      if (handler.transactional === false) {
        const failed = (await batch.run({ db: this.db, jobs })) ?? new Map<number, Error>();
        await this.markDone(
          this.db,
          jobs.filter((j) => !failed.has(j.id)),
        );
        for (const job of jobs) {
          const err = failed.get(job.id);
          if (err) await this.fail(job, err, job.attempts >= job.max_attempts);
        }
      } else {
        await this.db.transaction(async (tx) => {
          const mine = new Set(
            (
              await rows<{ id: number }>(
                tx,
                sql`SELECT id FROM jobs WHERE id = ANY(${sql.param(jobs.map((j) => j.id))}::bigint[])
                     AND status = 'running' AND locked_by = ${this.workerId} FOR UPDATE`,
              )
            ).map((r) => Number(r.id)),
          );
          const still = jobs.filter((j) => mine.has(j.id));
          if (still.length === 0) return;
          await batch.run({ db: tx, jobs: still });
          await this.markDone(tx, still);
        });
      }
    } catch (err) {
      for (const job of jobs) await this.fail(job, err as Error, job.attempts >= job.max_attempts);
    }
  }

  /** Runs jobs until none is due (tests and the CLI use this). */
  async drain(maxRounds = 1000): Promise<void> {
    for (let i = 0; i < maxRounds; i++) if ((await this.tick()) === 0) return;
  }

  private async runOne(job: JobRow): Promise<void> {
    const handler = this.known.get(job.kind)?.handler;
    if (!handler?.run) return this.fail(job, new Error(`no handler for job kind ${job.kind}`), true);
    const run = handler.run;
    if (job.attempts > job.max_attempts) return this.fail(job, new Error('too many attempts'), true);
    try {
      if (handler.transactional === false) {
        await run({ db: this.db, job });
        await this.markDone(this.db, [job]);
      } else {
        await this.db.transaction(async (tx) => {
          // Still ours? A job whose lease ran out may have been claimed by another runner.
          const mine = await rows(
            tx,
            sql`SELECT id FROM jobs WHERE id = ${job.id} AND status = 'running' AND locked_by = ${this.workerId} FOR UPDATE`,
          );
          if (mine.length === 0) return;
          await run({ db: tx, job });
          await this.markDone(tx, [job]);
        });
      }
    } catch (err) {
      await this.fail(job, err as Error, job.attempts >= job.max_attempts);
    }
  }

  private async markDone(db: Db, done: JobRow[]) {
    if (done.length === 0) return;
    await db.execute(sql`UPDATE jobs SET status = 'done', finished_at = now(), lease_until = NULL, last_error = NULL
                          WHERE id = ANY(${sql.param(done.map((j) => j.id))}::bigint[]) AND locked_by = ${this.workerId}`);
  }

  private async fail(job: JobRow, err: Error, dead: boolean) {
    this.opts.log?.error(
      { jobId: job.id, kind: job.kind, err: err.message },
      dead ? 'job dead-lettered' : 'job failed, will retry',
    );
    const msg = String(err.message ?? err).slice(0, 2000);
    if (dead) {
      await this.db.execute(
        sql`UPDATE jobs SET status = 'dead', last_error = ${msg}, finished_at = now(), lease_until = NULL WHERE id = ${job.id}`,
      );
    } else {
      const runAt = new Date(Date.now() + backoffMs(job.attempts, this.backoffBaseMs));
      await this.db.execute(
        sql`UPDATE jobs SET status = 'queued', last_error = ${msg}, run_at = ${runAt}, lease_until = NULL WHERE id = ${job.id}`,
      );
    }
  }

  private async fireSchedules() {
    await this.db.transaction(async (tx) => {
      const due = await rows<{
        name: string;
        cron: string;
        kind: string;
        payload: Record<string, unknown>;
        next_run_at: Date;
      }>(
        tx,
        sql`SELECT name, cron, kind, payload, next_run_at FROM job_schedules WHERE next_run_at <= now() FOR UPDATE SKIP LOCKED`,
      );
      for (const s of due) {
        const at = new Date(s.next_run_at);
        await insertJobs(tx, s.kind, [
          { payload: s.payload, opts: { dedupeKey: `schedule:${s.name}:${at.toISOString()}` } },
        ]);
        await tx.execute(
          sql`UPDATE job_schedules SET last_run_at = now(), next_run_at = ${nextRun(s.cron, new Date())} WHERE name = ${s.name}`,
        );
      }
    });
  }
}

/** Re-queues a dead or failed job (admin action). */
export async function retryJob(db: Db, id: number): Promise<boolean> {
  const r = await rows(
    db,
    sql`UPDATE jobs SET status = 'queued', run_at = now(), attempts = 0 WHERE id = ${id} AND status IN ('dead', 'queued', 'cancelled') RETURNING id`,
  );
  return r.length > 0;
}

export async function cancelJob(db: Db, id: number): Promise<boolean> {
  const r = await rows(
    db,
    sql`UPDATE jobs SET status = 'cancelled', finished_at = now() WHERE id = ${id} AND status IN ('queued', 'dead') RETURNING id`,
  );
  return r.length > 0;
}

export type JobListRow = typeof jobs.$inferSelect;

/** The queue for the admin screen, newest first, keyset-paginated on id (`beforeId`). */
export async function listJobs(
  db: Db,
  q: { status?: string; kind?: string; beforeId?: number; limit: number },
): Promise<{ items: JobListRow[]; nextCursor: string | null }> {
  const r = await db
    .select()
    .from(jobs)
    .where(
      and(
        q.status ? eq(jobs.status, q.status) : undefined,
        q.kind ? eq(jobs.kind, q.kind) : undefined,
        q.beforeId !== undefined ? lt(jobs.id, q.beforeId) : undefined,
      ),
    )
    .orderBy(desc(jobs.id))
    .limit(q.limit + 1);
  const items = r.slice(0, q.limit);
  return { items, nextCursor: r.length > q.limit ? String(items[items.length - 1]!.id) : null };
}

/** How many jobs are in one state (the admin home shows the dead ones). */
export async function countJobs(db: Db, status: string): Promise<number> {
  const [r] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM jobs WHERE status = ${status}`,
  );
  return r?.n ?? 0;
}

/** The job with this dedupe key (see EnqueueOptions), if any: e.g. the sending of one mail. */
export async function jobByDedupeKey(
  db: Db,
  key: string,
): Promise<{ id: number; status: string } | undefined> {
  const [j] = await rows<{ id: number; status: string }>(
    db,
    sql`SELECT id, status FROM jobs WHERE dedupe_key = ${key}`,
  );
  return j;
}

/**
 * The queue's rows as a module may read them inside one of its own statements (a subquery the
 * planner folds into the caller's join): `LEFT JOIN ${jobRowsSql} j ON j.dedupe_key = …`.
 */
export const jobRowsSql = sql.raw(
  '(SELECT id, kind, status, attempts, max_attempts, run_at, last_error, dedupe_key, created_at, finished_at FROM jobs)',
);

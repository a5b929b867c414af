import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Services } from '../context.ts';

/** What a job carries: a JSON object, stored in `jobs.payload`. */
export type JobPayload = Record<string, unknown>;

export interface JobRow<P = JobPayload> {
  id: number;
  kind: string;
  payload: P;
  attempts: number;
  max_attempts: number;
}

/**
 * A job handler. Transactional handlers (the default) run inside the same transaction that marks the
 * job done, so their database effect happens exactly once even if the process dies mid-run.
 * Handlers with outside effects (mail, HTTP to a peer) must make those effects idempotent.
 */
export type JobHandler<P = JobPayload> = {
  transactional?: boolean;
  /**
   * Long work (reading a file's text, building an archive package): run in a lane of its own, so a
   * 60-second PDF never holds up the quick jobs behind it (flushes to peers, statuses, mail). A slow
   * handler should not be transactional: on the embedded database a transaction holds the one
   * connection until it ends. A name instead of `true` gives the kind a slow lane of that name to
   * itself: OCR of a 300-page scan runs for minutes and must not hold up the text extraction of the
   * documents registered meanwhile (`true` is the lane named "slow").
   */
  slow?: boolean | string;
} & (
  | { run(ctx: { db: Db; job: JobRow<P> }): Promise<void>; batch?: undefined }
  | {
      run?: undefined;
      /**
       * Jobs of this kind run together: the runner claims up to `max` due ones at once and hands
       * them over in one call (in one transaction when the handler is transactional, all or
       * nothing); a single job is a batch of one. A burst of small jobs (a flush per released
       * document, a text extraction per received one) then costs a few statements per batch instead
       * of a transaction per job. A non-transactional batch may return the jobs that failed; the
       * others are done.
       */
      batch: {
        max: number;
        run(ctx: { db: Db; jobs: JobRow<P>[] }): Promise<Map<number, Error> | undefined>;
      };
    }
);

/**
 * What a handler is built from when a runner starts: the app's services (configuration, blob store,
 * clock, hooks). A handler that needs them is given as a function of them, called once per runner,
 * so whatever it prepares (a signing key) lives as long as the runner.
 */
export type JobEnv = Services;

/**
 * A kind of job: its name in `jobs.kind`, the shape of its payload and its handler. Jobs are enqueued
 * with the definition (`enqueue(db, job, payload)`), so a payload of the wrong shape does not
 * compile; the runner checks the stored payload against `schema` again when it claims the job (a row
 * written by an older version, or by hand), and dead-letters one that does not fit.
 */
export interface JobDefinition<In extends JobPayload = JobPayload, Out extends JobPayload = In> {
  readonly kind: string;
  readonly schema: z.ZodType<Out, In>;
  readonly handler: JobHandler<Out> | ((env: JobEnv) => JobHandler<Out>);
}

/**
 * Defines a kind of job; `kind` is what the jobs table stores, so it never changes once released.
 * The definition keeps the handler's own type, so a test may call a handler directly.
 */
export function defineJob<
  Out extends JobPayload,
  In extends JobPayload,
  H extends JobHandler<NoInfer<Out>> | ((env: JobEnv) => JobHandler<NoInfer<Out>>),
>(kind: string, schema: z.ZodType<Out, In>, handler: H): JobDefinition<In, Out> & { readonly handler: H } {
  return Object.freeze({ kind, schema, handler });
}

/** A recurring job: the runner enqueues `job` with `payload` each time `cron` comes round. */
export interface ScheduleDefinition {
  /** Unique name of the schedule (its row in job_schedules). */
  readonly name: string;
  /** 5-field cron expression in Asia/Ho_Chi_Minh time. */
  readonly cron: string;
  readonly kind: string;
  readonly payload: JobPayload;
}

/** Defines a recurring job; its payload is checked against the job as an enqueue's is. */
export function defineSchedule<In extends JobPayload>(
  name: string,
  cron: string,
  job: JobDefinition<In, JobPayload>,
  payload: NoInfer<In>,
): ScheduleDefinition {
  return Object.freeze({ name, cron, kind: job.kind, payload });
}

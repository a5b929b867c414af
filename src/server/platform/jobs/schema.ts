import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Durable jobs (outbox): a row is written in the same transaction as the change that causes it;
 * the runner claims rows with FOR UPDATE SKIP LOCKED so several processes share the work.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    /** queued | running | done | dead (dead-letter after max attempts) | cancelled */
    status: text('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    /** When a running job's lease ends; a crashed runner's job is claimed again after it. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    /** Optional key that makes enqueueing idempotent (one job per key). */
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('jobs_due_idx').on(t.runAt).where(sql`status = 'queued'`),
    index('jobs_lease_idx').on(t.leaseUntil).where(sql`status = 'running'`),
    index('jobs_kind_status_idx').on(t.kind, t.status, t.id),
    uniqueIndex('jobs_dedupe_uq').on(t.dedupeKey),
  ],
);

/** Recurring jobs (cron-like): the runner enqueues `kind` each time `next_run_at` passes. */
export const jobSchedules = pgTable('job_schedules', {
  name: text('name').primaryKey(),
  cron: text('cron').notNull(),
  kind: text('kind').notNull(),
  payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
});

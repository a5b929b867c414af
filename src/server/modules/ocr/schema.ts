import { boolean, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from '../../db/columns.ts';
import { people } from '../people/schema.ts';

/*
 * Scanned paper made searchable: a scan (PDF or image, by its bytes' SHA-256) becomes a two-layer
 * PDF (ocrmypdf + tesseract, Vietnamese) whose text feeds search and the field proposals. The
 * original scan is kept; one run per distinct scan, whoever uploaded it.
 */
export const ocrRuns = pgTable(
  'ocr_runs',
  {
    id: idColumn(),
    sourceSha256: text('source_sha256').notNull(),
    /** queued | running | done | failed | cancelled */
    status: text('status').notNull().default('queued'),
    pagesTotal: integer('pages_total'),
    pagesDone: integer('pages_done').notNull().default(0),
    /** The searchable PDF in the blob store. */
    outputSha256: text('output_sha256'),
    /** The recognised text (bounded as the documents' search text is). */
    text: text('text'),
    /** Why it failed, in Vietnamese for the person who asked. */
    error: text('error'),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    requestedById: uuid('requested_by_id').references(() => people.id),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /**
     * Written every second while a runner works on it: a run 'running' whose heartbeat stopped was
     * left by a process that died, and the job taken over after its lease starts it again.
     */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('ocr_runs_source_idx').on(t.sourceSha256)],
);

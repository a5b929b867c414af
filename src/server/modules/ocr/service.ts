import { createReadStream } from 'node:fs';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { OcrRunView, OcrStatus } from '../../../shared/schemas/ocr.ts';
import type { Db } from '../../db/client.ts';
import { audit } from '../../platform/audit/index.ts';
import { findBlob, saveBlob } from '../../platform/blobs/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { defineJob, enqueue, enqueueMany, type JobEnv, type JobHandler } from '../../platform/jobs/index.ts';
import './hooks.ts';
import { OCR_MEDIA_TYPES, OCR_MESSAGES, OcrError, type OcrOptions, ocrFile, pdfPages } from './runner.ts';
import { ocrRuns } from './schema.ts';

/** Bounds of one run (a test may lower them with `setOcrLimits`). */
const limits: Omit<OcrOptions, 'signal' | 'onProgress'> & { pollMs: number } = {
  maxPages: 300,
  // Longer than the job runner's lease (5 minutes): the run's heartbeat tells another runner that
  // takes the job over that it is still being worked on.
  timeoutMs: 60 * 60_000,
  tesseractTimeoutS: 180,
  maxText: 200_000,
  pollMs: 1000,
};

/** For tests: a lower page limit, a shorter timeout, a quicker poll. */
export function setOcrLimits(l: Partial<typeof limits>) {
  Object.assign(limits, l);
}

type Run = typeof ocrRuns.$inferSelect;

export function runView(r: Run): OcrRunView {
  return {
    sourceSha256: r.sourceSha256,
    status: r.status as OcrStatus,
    pagesDone: r.pagesDone,
    pagesTotal: r.pagesTotal,
    error: r.error,
    cancelRequested: r.cancelRequested,
    outputSha256: r.outputSha256,
    textLength: r.text?.length ?? 0,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

const notFound = () => new AppError('not_found', 'Tệp không tồn tại hoặc bạn không có quyền xem.');

/** The person may OCR this file (see hooks.ts); without documents composed, only existing blobs. */
async function access(ctx: Ctx, sha256: string) {
  const blob = await findBlob(ctx.db, sha256);
  if (!blob) throw notFound();
  const a = ctx.hooks.ocrFileAccess ? await ctx.hooks.ocrFileAccess(ctx, sha256) : 'unattached';
  if (a === 'hidden') throw notFound();
  return { blob, access: a };
}

async function findRun(db: Db, sha256: string): Promise<Run | undefined> {
  const [r] = await db.select().from(ocrRuns).where(eq(ocrRuns.sourceSha256, sha256));
  return r;
}

/**
 * Asks for the OCR of an uploaded file: one run per distinct file, so a second request (by anyone)
 * answers the same run. A cancelled run is queued again; a failed one stays failed (the same bytes
 * would fail the same way).
 */
export async function requestOcr(ctx: Ctx, sha256: string): Promise<OcrRunView> {
  const { blob } = await access(ctx, sha256);
  if (!(OCR_MEDIA_TYPES as readonly string[]).includes(blob.mediaType))
    throw new AppError('unsupported_media_type', OCR_MESSAGES.type);
  // What can be told at once is told at once, and nothing is written: a password, too many pages.
  if (blob.mediaType === 'application/pdf' && !(await findRun(ctx.db, sha256))) {
    try {
      const pages = await pdfPages(await ctx.blobs.localPath(sha256));
      if (pages > limits.maxPages)
        throw new OcrError('too_many_pages', OCR_MESSAGES.tooManyPages(pages, limits.maxPages));
    } catch (e) {
      if (e instanceof OcrError) throw new AppError('unprocessable', e.message);
      throw e;
    }
  }
  return inTx(ctx, async (tx) => {
    const inserted = await tx.db
      .insert(ocrRuns)
      .values({ sourceSha256: sha256, requestedById: ctx.actor.personId })
      .onConflictDoNothing()
      .returning();
    let run = inserted[0];
    if (!run) {
      const [again] = await tx.db
        .update(ocrRuns)
        .set({ status: 'queued', cancelRequested: false, error: null, pagesDone: 0, finishedAt: null })
        .where(and(eq(ocrRuns.sourceSha256, sha256), eq(ocrRuns.status, 'cancelled')))
        .returning();
      if (!again) return runView((await findRun(tx.db, sha256)) as Run);
      run = again;
    }
    await enqueue(tx.db, ocrJob, { sha256 });
    await audit(tx.db, ctx.actor, {
      action: 'ocr.request',
      entityType: 'ocr_run',
      entityId: run.id,
      detail: { sha256 },
    });
    return runView(run);
  });
}

/**
 * The system's own request (documents' text extraction met a scan): queues a run for each file that
 * has none yet, with no one as requester. Only OCR-able types are queued.
 */
export async function requestOcrFor(db: Db, files: { sha256: string; mediaType: string }[]): Promise<void> {
  const want = [
    ...new Set(
      files.filter((f) => (OCR_MEDIA_TYPES as readonly string[]).includes(f.mediaType)).map((f) => f.sha256),
    ),
  ];
  if (want.length === 0) return;
  const rows = await db
    .insert(ocrRuns)
    .values(want.map((s) => ({ sourceSha256: s })))
    .onConflictDoNothing()
    .returning({ sha256: ocrRuns.sourceSha256 });
  await enqueueMany(
    db,
    ocrJob,
    rows.map((r) => ({ payload: { sha256: r.sha256 } })),
  );
}

/** The recognised text of the files whose run is done (by source SHA-256). */
export async function ocrTexts(db: Db, sha256s: string[]): Promise<Map<string, string>> {
  if (sha256s.length === 0) return new Map();
  const rows = await db
    .select({ sha256: ocrRuns.sourceSha256, text: ocrRuns.text })
    .from(ocrRuns)
    .where(and(inArray(ocrRuns.sourceSha256, sha256s), eq(ocrRuns.status, 'done')));
  return new Map(rows.map((r) => [r.sha256, r.text ?? '']));
}

/** The run of a file, for the system (documents' prefill): no access check. */
export async function ocrRunOf(db: Db, sha256: string): Promise<OcrRunView | undefined> {
  const r = await findRun(db, sha256);
  return r && runView(r);
}

/** Where the OCR of a file is, for a person who may see the file. */
export async function ocrStatus(ctx: Ctx, sha256: string): Promise<OcrRunView> {
  await access(ctx, sha256);
  const r = await findRun(ctx.db, sha256);
  if (!r) throw new AppError('not_found', 'Tệp này chưa được yêu cầu nhận dạng chữ.');
  return runView(r);
}

/** Asks the run to stop: a queued run is cancelled at once, a running one by its runner within a second. */
export async function cancelOcr(ctx: Ctx, sha256: string): Promise<OcrRunView> {
  await access(ctx, sha256);
  return inTx(ctx, async (tx) => {
    const r = await findRun(tx.db, sha256);
    if (!r) throw new AppError('not_found', 'Tệp này chưa được yêu cầu nhận dạng chữ.');
    if (r.status !== 'queued' && r.status !== 'running')
      throw new AppError('conflict', 'Nhận dạng chữ đã kết thúc, không hủy được.');
    const [u] = await tx.db
      .update(ocrRuns)
      .set(
        r.status === 'queued'
          ? {
              status: 'cancelled',
              cancelRequested: true,
              error: OCR_MESSAGES.cancelled,
              finishedAt: new Date(),
            }
          : { cancelRequested: true },
      )
      .where(eq(ocrRuns.id, r.id))
      .returning();
    await audit(tx.db, ctx.actor, {
      action: 'ocr.cancel',
      entityType: 'ocr_run',
      entityId: r.id,
      detail: { sha256 },
    });
    return runView(u as Run);
  });
}

/** The searchable PDF of a file of a document the person can see. */
export async function ocrPdf(ctx: Ctx, sha256: string): Promise<{ body: Buffer; sha256: string }> {
  const a = await access(ctx, sha256);
  if (a.access !== 'visible') throw notFound();
  const r = await findRun(ctx.db, sha256);
  if (!r?.outputSha256 || r.status !== 'done')
    throw new AppError('not_found', 'Tệp chưa có bản có lớp chữ (OCR).');
  return { body: await ctx.blobs.read(r.outputSha256), sha256: r.outputSha256 };
}

const runPayload = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/**
 * The job: one OCR run. Slow lane (a page takes seconds), not transactional (it writes its progress
 * as it goes). A run found 'running' was left by a crashed process (its job's lease ran out): it
 * starts again, unless it started so recently that another runner may still be on it.
 */
export const ocrJob = defineJob('ocr.run', runPayload, ocrHandler);

function ocrHandler(env: JobEnv): JobHandler<z.output<typeof runPayload>> {
  return {
    transactional: false,
    // Its own lane: a long scan must not hold up the text extraction of documents registered meanwhile.
    slow: 'ocr',
    run: async ({ db, job }) => {
      const sha256 = job.payload.sha256;
      const r = await findRun(db, sha256);
      if (!r || (r.status !== 'queued' && r.status !== 'running')) return;
      // Another runner is on it (its heartbeat is fresh): leave it.
      if (r.status === 'running' && r.heartbeatAt && Date.now() - r.heartbeatAt.getTime() < 30_000) return;
      const finish = (set: Partial<Run>) =>
        db
          .update(ocrRuns)
          .set({ finishedAt: new Date(), ...set })
          .where(eq(ocrRuns.id, r.id));
      if (r.cancelRequested)
        return void (await finish({ status: 'cancelled', error: OCR_MESSAGES.cancelled }));
      const blob = await findBlob(db, sha256);
      if (!blob) return void (await finish({ status: 'failed', error: OCR_MESSAGES.unreadable }));
      await db
        .update(ocrRuns)
        .set({ status: 'running', startedAt: new Date(), heartbeatAt: new Date(), pagesDone: 0, error: null })
        .where(eq(ocrRuns.id, r.id));

      const abort = new AbortController();
      let progress = { done: 0, total: 0 };
      let written = '';
      // Every pollMs: write the progress if it moved, and read whether someone asked to cancel.
      const tick = async () => {
        const key = `${progress.done}/${progress.total}`;
        // Nothing to say before the page count is known (pdfinfo still reading).
        const moved = key !== written && progress.total > 0;
        if (moved) written = key;
        const [c] = await db
          .update(ocrRuns)
          .set(
            moved
              ? { pagesDone: progress.done, pagesTotal: progress.total, heartbeatAt: new Date() }
              : { heartbeatAt: new Date() },
          )
          .where(eq(ocrRuns.id, r.id))
          .returning({ cancel: ocrRuns.cancelRequested });
        if (c?.cancel) abort.abort();
      };
      let ticking: Promise<void> | null = null;
      const timer = setInterval(() => {
        ticking ??= tick()
          .catch(() => {})
          .finally(() => {
            ticking = null;
          });
      }, limits.pollMs);
      // Stops the ticks, and waits for one in flight: it must not write its progress after the end.
      const stopTicks = async () => {
        clearInterval(timer);
        await ticking;
      };
      try {
        const out = await ocrFile(await env.blobs.localPath(sha256), blob.mediaType, {
          ...limits,
          signal: abort.signal,
          onProgress: (done, total) => {
            progress = { done, total };
          },
        });
        await stopTicks();
        let saved: { sha256: string };
        try {
          // Streamed into the blob store: a 300-page searchable PDF never sits in memory whole.
          saved = await saveBlob(db, env.blobs, createReadStream(out.pdfPath), {
            declaredType: 'application/pdf',
            maxBytes: Number.MAX_SAFE_INTEGER,
          });
        } finally {
          await out.cleanup();
        }
        await finish({
          status: 'done',
          pagesDone: out.pages,
          pagesTotal: out.pages,
          outputSha256: saved.sha256,
          text: out.text,
          error: null,
        });
        for (const f of env.hooks.ocrFinished ?? []) await f(db, sha256);
      } catch (e) {
        await stopTicks();
        if (!(e instanceof OcrError)) {
          // Unexpected (the blob store, the database): the run says it failed, the job keeps the cause.
          await finish({ status: 'failed', error: OCR_MESSAGES.failed, pagesTotal: progress.total || null });
          throw e;
        }
        await finish({
          status: e.code === 'cancelled' ? 'cancelled' : e.code === 'has_text' ? 'not_needed' : 'failed',
          error: e.message,
          pagesTotal: progress.total || null,
        });
      }
    },
  };
}

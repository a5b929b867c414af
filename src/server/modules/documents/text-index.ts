import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, rows } from '../../db/client.ts';
import { findBlob } from '../../platform/blobs/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { defineJob, enqueueMany, type JobEnv, type JobHandler } from '../../platform/jobs/index.ts';
import { activeAgenciesByName } from '../agencies/index.ts';
import { type OcrFileAccess, type OcrFinished, ocrRunOf, ocrTexts, requestOcrFor } from '../ocr/index.ts';
import { visibleTo } from './access.ts';
import { requireRole } from './common.ts';
import { ExtractTextError, extractText, proposeFromText } from './extract/index.ts';
import { documentFiles } from './schema.ts';

/** Search reads at most this much text per document (the search vector indexes the first 200,000 characters). */
const MAX_DOCUMENT_TEXT = 200_000;

const extractPayload = z.object({ documentId: z.uuid() });

/**
 * The job: extracts the text of the document's current files and stores it for full-text search,
 * also on every recipient's copy of it. A file whose text cannot be read (a broken file) simply adds
 * nothing; the job does not fail for it. A scan (a PDF without a text layer, an image) adds the text
 * of its OCR run when one is done, and otherwise asks ocr for one: when it finishes, ocr calls the
 * `ocrFinished` hook, which enqueues this job again for every document holding the file (a
 * recipient's copy included, whether landed here, from edXML or from mail: they all come through
 * this job). Why this way round: ocr comes before documents in MODULES, so ocr cannot enqueue
 * documents' job itself, and the text stays where the search reads it (documents.file_text) with one
 * writer, this job. A burst (a batch of documents received from
 * another installation) is extracted together: one read of the files, one write of the texts.
 */
export const extractTextJob = defineJob('documents.extract_text', extractPayload, extractTextHandler);

function extractTextHandler({ blobs: store }: JobEnv): JobHandler<z.output<typeof extractPayload>> {
  const extractMany = async (db: Db, documentIds: string[]) => {
    const files = await db
      .select()
      .from(documentFiles)
      .where(
        and(
          inArray(documentFiles.documentId, documentIds),
          eq(documentFiles.current, true),
          inArray(documentFiles.role, ['main', 'attachment']),
        ),
      )
      .orderBy(asc(documentFiles.createdAt));
    const ids: string[] = [];
    const texts: (string | null)[] = [];
    // A document whose files cannot be read at all (a missing blob) fails alone and is retried.
    const failed = new Map<string, Error>();
    // OCR text of the scans among these files (one query), and the scans still without it.
    const scans: { sha256: string; mediaType: string }[] = [];
    const ocr = await ocrTexts(db, [...new Set(files.map((f) => f.sha256))]);
    for (const id of documentIds) {
      const parts: string[] = [];
      let length = 0;
      try {
        for (const f of files.filter((x) => x.documentId === id)) {
          if (length >= MAX_DOCUMENT_TEXT) break;
          try {
            const r = await extractText(await store.localPath(f.sha256), f.mediaType, {
              maxTextBytes: MAX_DOCUMENT_TEXT * 4,
              timeoutMs: 60_000,
              textOnly: true,
            });
            const text = r.needsOcr ? (ocr.get(f.sha256) ?? '') : r.text;
            if (r.needsOcr && !ocr.has(f.sha256)) scans.push(f);
            parts.push(text);
            length += text.length;
          } catch (e) {
            if (!(e instanceof ExtractTextError)) throw e;
          }
        }
      } catch (e) {
        failed.set(id, e as Error);
        continue;
      }
      ids.push(id);
      texts.push(parts.join('\n').slice(0, MAX_DOCUMENT_TEXT) || null);
    }
    await requestOcrFor(db, scans);
    if (ids.length === 0) return failed;
    const values = sql`(SELECT unnest(${sql.param(ids)}::uuid[]) AS id, unnest(${sql.param(texts)}::text[]) AS t)`;
    await db.execute(sql`UPDATE documents d SET file_text = v.t FROM ${values} v WHERE d.id = v.id`);
    await db.execute(
      sql`UPDATE documents d SET file_text = v.t FROM ${values} v WHERE d.source_document_id = v.id`,
    );
    return failed;
  };
  return {
    transactional: false,
    // pdf.js on a big file takes seconds: its own lane, so flushes and mail do not wait behind it.
    slow: true,
    batch: {
      max: 50,
      run: async ({ db, jobs }) => {
        const failed = await extractMany(db, [...new Set(jobs.map((j) => j.payload.documentId))]);
        const out = new Map<number, Error>();
        for (const j of jobs) {
          const e = failed.get(j.payload.documentId);
          if (e) out.set(j.id, e);
        }
        return out;
      },
    },
  };
}

/**
 * Proposes the register fields of an uploaded file (the clerk confirms or corrects them): reads its
 * text now, bounded, and matches the issuer against the agency tree.
 */
export async function prefill(ctx: Ctx, sha256: string) {
  requireRole(ctx, ['clerk', 'officer', 'division_head', 'agency_leader'], 'cán bộ có chức vụ');
  const blob = await findBlob(ctx.db, sha256);
  if (!blob) throw new AppError('not_found', 'Tệp chưa được tải lên.');
  const r = await extractText(await ctx.blobs.localPath(sha256), blob.mediaType, {
    timeoutMs: 20_000,
    maxPages: 50,
  });
  // A scan: the proposal comes from its OCR text once the run is done (the form asks for the run
  // and calls again when it ends).
  const run = r.needsOcr ? await ocrRunOf(ctx.db, sha256) : undefined;
  const text = run?.status === 'done' ? ((await ocrTexts(ctx.db, [sha256])).get(sha256) ?? '') : r.text;
  const known = text ? await activeAgenciesByName(ctx.db, 5000) : [];
  const proposal = proposeFromText(text, { knownIssuers: known });
  return {
    proposal,
    textLength: text.length,
    needsOcr: r.needsOcr,
    pages: r.pages ?? run?.pagesTotal ?? null,
    ...(run && {
      ocr: { status: run.status, pagesDone: run.pagesDone, pagesTotal: run.pagesTotal, error: run.error },
    }),
  };
}

/**
 * Fills ocr's `ocrFileAccess` slot: a file of a document this person can see is `visible`; a file
 * of no document (just uploaded on the registration form) is `unattached`; any other is `hidden`.
 */
export const ocrFileAccess: OcrFileAccess = async (ctx, sha256) => {
  const [row] = await rows<{ visible: boolean; attached: boolean }>(
    ctx.db,
    sql`
    SELECT EXISTS (SELECT 1 FROM document_files f JOIN documents d ON d.id = f.document_id
                    WHERE f.sha256 = ${sha256} AND ${visibleTo(ctx.actor)}) AS visible,
           EXISTS (SELECT 1 FROM document_files f WHERE f.sha256 = ${sha256}) AS attached`,
  );
  return row?.visible ? 'visible' : row?.attached ? 'hidden' : 'unattached';
};

/** Fills ocr's `ocrFinished` slot: the documents holding the file extract their text again. */
export const ocrFinished: OcrFinished = async (db, sourceSha256) => {
  const docs = await db
    .selectDistinct({ id: documentFiles.documentId })
    .from(documentFiles)
    .where(
      and(
        eq(documentFiles.sha256, sourceSha256),
        eq(documentFiles.current, true),
        inArray(documentFiles.role, ['main', 'attachment']),
      ),
    );
  await enqueueMany(
    db,
    extractTextJob,
    docs.map((d) => ({ payload: { documentId: d.id }, opts: { maxAttempts: 3 } })),
  );
};

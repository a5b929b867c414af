import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { findBlob } from '../../platform/blobs/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { defineJob, type JobEnv, type JobHandler } from '../../platform/jobs/index.ts';
import { activeAgenciesByName } from '../agencies/index.ts';
import { requireRole } from './common.ts';
import { ExtractTextError, extractText, proposeFromText } from './extract/index.ts';
import { documentFiles } from './schema.ts';

/** Search reads at most this much text per document (the search vector indexes the first 200,000 characters). */
const MAX_DOCUMENT_TEXT = 200_000;

const extractPayload = z.object({ documentId: z.uuid() });

/**
 * The job: extracts the text of the document's current files and stores it for full-text search,
 * also on every recipient's copy of it. A file whose text cannot be read (a scan, a broken file)
 * simply adds nothing; the job does not fail for it. A burst (a batch of documents received from
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
            parts.push(r.text);
            length += r.text.length;
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
  const known = r.text ? await activeAgenciesByName(ctx.db, 5000) : [];
  const proposal = proposeFromText(r.text, { knownIssuers: known });
  return { proposal, textLength: r.text.length, needsOcr: r.needsOcr, pages: r.pages };
}

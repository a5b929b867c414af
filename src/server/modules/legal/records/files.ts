import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/index.ts';
import { findBlob } from '../../../platform/blobs/index.ts';
import { type Ctx, inTx } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { defineJob, enqueue, enqueueMany } from '../../../platform/jobs/index.ts';
import { ExtractTextError, extractText } from '../../documents/index.ts';
import { type OcrFinished, ocrTexts, requestOcrFor } from '../../ocr/index.ts';
import { legalDocumentFiles, legalDocuments } from '../schema.ts';
import { canEditRecord } from './service.ts';

/*
 * Files of a legal record (bytes in the blob store, verified on upload: size, sniffed type, SHA-256)
 * and the text of its main file for the full text (toàn văn) and the search: the PDF text layer or
 * DOCX through documents' extractor, a scan through ocr (requestOcrFor; when its run ends ocr calls
 * `ocrFinished`, which queues the extraction again). A text typed by a person is never overwritten.
 */

const MAX_TEXT = 200_000;
/** The types a legal record's file may have: PDF, DOCX, scans. */
const LEGAL_FILE_TYPES = new Set([
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'image/png',
  'image/jpeg',
  'image/tiff',
]);

const extractPayload = z.object({ legalDocumentId: z.uuid() });

export const legalExtractTextJob = defineJob('legal.extract_text', extractPayload, ({ blobs }) => ({
  transactional: false,
  slow: true,
  run: async ({ db, job: { payload } }) => {
    const files = await db
      .select()
      .from(legalDocumentFiles)
      .where(eq(legalDocumentFiles.legalDocumentId, payload.legalDocumentId))
      .orderBy(asc(legalDocumentFiles.createdAt));
    const main = files.filter((f) => f.role === 'main');
    const ocr = await ocrTexts(db, [...new Set(main.map((f) => f.sha256))]);
    const parts: string[] = [];
    const scans: { sha256: string; mediaType: string }[] = [];
    let fromOcr = false;
    for (const f of main) {
      try {
        const r = await extractText(await blobs.localPath(f.sha256), f.mediaType, {
          maxTextBytes: MAX_TEXT * 4,
          timeoutMs: 60_000,
          textOnly: true,
        });
        if (r.needsOcr) {
          const t = ocr.get(f.sha256);
          if (t === undefined) scans.push(f);
          else {
            parts.push(t);
            fromOcr = true;
          }
        } else parts.push(r.text);
      } catch (e) {
        if (!(e instanceof ExtractTextError)) throw e;
      }
    }
    await requestOcrFor(db, scans);
    const text = parts.join('\n').trim().slice(0, MAX_TEXT);
    if (!text) return;
    await db.execute(
      sql`UPDATE legal_documents SET full_text = ${text}, text_source = ${fromOcr ? 'ocr' : 'file'}
           WHERE id = ${payload.legalDocumentId}::uuid AND text_source IS DISTINCT FROM 'entered'`,
    );
  },
}));

/** ocr's hook: a scan's text is ready; the records holding that file read it again. */
export const legalOcrFinished: OcrFinished = async (db: Db, sourceSha256: string) => {
  const docs = await db
    .selectDistinct({ id: legalDocumentFiles.legalDocumentId })
    .from(legalDocumentFiles)
    .where(and(eq(legalDocumentFiles.sha256, sourceSha256), eq(legalDocumentFiles.role, 'main')));
  await enqueueMany(
    db,
    legalExtractTextJob,
    docs.map((d) => ({ payload: { legalDocumentId: d.id } })),
  );
};

export interface AttachedFile {
  sha256: string;
  fileName: string;
  role?: 'main' | 'attachment';
}

/**
 * Attaches a stored blob to the agency's own record (the gazette and copies use it too) and queues
 * the text extraction of a main file. Returns the file's id.
 */
export async function attachLegalFile(
  ctx: Ctx,
  legalDocumentId: string,
  file: AttachedFile,
): Promise<string> {
  return inTx(ctx, async (tx) => {
    const [doc] = await tx.db
      .select({ id: legalDocuments.id, agencyId: legalDocuments.agencyId })
      .from(legalDocuments)
      .where(eq(legalDocuments.id, legalDocumentId));
    if (!doc) throw notFound('Văn bản');
    if (!canEditRecord(tx, doc.agencyId))
      throw new AppError('forbidden', 'Chỉ cơ quan lưu giữ văn bản này mới được thêm tệp.');
    const blob = await findBlob(tx.db, file.sha256);
    if (!blob) throw new AppError('not_found', 'Tệp chưa được tải lên.');
    if (!LEGAL_FILE_TYPES.has(blob.mediaType))
      throw new AppError(
        'unsupported_media_type',
        `Tệp văn bản phải là PDF, DOCX hoặc ảnh quét (PNG, JPEG, TIFF); tệp này là ${blob.mediaType}.`,
      );
    const role = file.role ?? 'main';
    const [row] = await tx.db
      .insert(legalDocumentFiles)
      .values({
        legalDocumentId,
        role,
        sha256: blob.sha256,
        fileName: file.fileName,
        mediaType: blob.mediaType,
        size: Number(blob.size),
        createdBy: tx.actor.personId,
      })
      .returning({ id: legalDocumentFiles.id });
    if (role === 'main') await enqueue(tx.db, legalExtractTextJob, { legalDocumentId });
    await tx.db
      .update(legalDocuments)
      .set({ updatedAt: tx.now() })
      .where(eq(legalDocuments.id, legalDocumentId));
    await audit(tx.db, tx.actor, {
      action: 'legal.file.attach',
      entityType: 'legal_document',
      entityId: legalDocumentId,
      detail: { fileId: row!.id, sha256: blob.sha256, fileName: file.fileName, role },
    });
    return row!.id;
  });
}

/** A file's row for its download (every record is readable by anyone signed in; public pages too). */
export async function legalFile(db: Db, legalDocumentId: string, fileId: string) {
  const [f] = await db
    .select()
    .from(legalDocumentFiles)
    .where(and(eq(legalDocumentFiles.id, fileId), eq(legalDocumentFiles.legalDocumentId, legalDocumentId)));
  if (!f) throw notFound('Tệp');
  return f;
}

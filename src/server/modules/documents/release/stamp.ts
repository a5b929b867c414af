import { and, eq, sql } from 'drizzle-orm';
import { rows } from '../../../db/client.ts';
import { saveBlobs } from '../../../platform/blobs/index.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import {
  activeKey,
  isSignedPdf,
  recordSigning,
  signNumbering,
  signTopRight,
} from '../../signatures/index.ts';
import { registerFor } from '../registers.ts';
import { documentFiles } from '../schema.ts';
import type { ReleaseRead } from './routing.ts';

type ReleaseFile = NonNullable<ReleaseRead['files']>[number];

/**
 * Whether the release stamps the PDF (Appendix I, II.8): the main file is a digitally signed PDF and
 * the agency has a seal key. Cheap when no key is involved: nothing is read unless the main file is
 * a PDF, then one indexed query for the agency's key, then the file.
 */
export async function stampNeeded(ctx: Ctx, read: ReleaseRead): Promise<boolean> {
  const main = read.files?.find((f) => f.role === 'main');
  if (main?.mediaType !== 'application/pdf') return false;
  if (!(await activeKey(ctx, { agencyId: read.doc.agencyId }))) return false;
  return isSignedPdf(await ctx.blobs.read(main.sha256));
}

/**
 * Inside the release's transaction: locks the register's counter row (two releases never predict
 * the same number), writes the next number and the day/month into the PDF with the agency's
 * signature, signs separate PDF attachments at the top right, stores them as the current files and
 * returns the files the release hands to recipients, with the number it predicted.
 */
export async function stampForRelease(
  c: Ctx,
  read: ReleaseRead,
  o: { year: number; secret: boolean; notation: string; issuedDate: Date },
): Promise<{ files: ReleaseFile[]; number: number }> {
  const { doc } = read;
  const register = await registerFor(c.db, doc.agencyId, 'outgoing', o.secret);
  const [lock] = await rows<{ last_number: number }>(
    c.db,
    sql`INSERT INTO register_counters (register_id, year, last_number) VALUES (${register.id}, ${o.year}, 0)
        ON CONFLICT (register_id, year) DO UPDATE SET last_number = register_counters.last_number
        RETURNING last_number`,
  );
  const number = lock!.last_number + 1;
  const numberText = `${number < 10 ? '0' : ''}${number}`;
  const nn = `${numberText}/${o.notation}`;
  const agencyName = read.agency?.name ?? doc.issuerName ?? '';
  const at = c.now();
  const out: ReleaseFile[] = [];
  const newVersion: { sha256: string; fileName: string; role: string }[] = [];
  for (const f of read.files ?? []) {
    if (f.mediaType !== 'application/pdf' || (f.role !== 'main' && f.role !== 'attachment')) {
      out.push(f);
      continue;
    }
    const pdf = await c.blobs.read(f.sha256);
    const r =
      f.role === 'main'
        ? await signNumbering(c, pdf, {
            agencyId: doc.agencyId,
            agencyName,
            number: numberText,
            date: o.issuedDate,
            leaderName: doc.signerName,
            at,
          })
        : await signTopRight(c, pdf, {
            agencyId: doc.agencyId,
            agencyName,
            text: `${nn}, ${at.toISOString().replace(/\.\d+Z$/, 'Z')}`,
            reason: `Phụ lục văn bản ${nn}`,
            at,
            kind: 'number',
          });
    if (!r) {
      out.push(f);
      continue;
    }
    const [blob] = await saveBlobs(c.db, c.blobs, [
      { bytes: r.pdf, declaredType: 'application/pdf', maxBytes: r.pdf.length + 1 },
    ]);
    if (!blob || blob instanceof AppError)
      throw blob ?? new AppError('internal', 'Không lưu được tệp đã ký.');
    await recordSigning(c.db, r, `document:${doc.id}`, c.actor.personId);
    out.push({ ...f, sha256: blob.sha256, size: blob.size });
    newVersion.push({ sha256: blob.sha256, fileName: f.fileName, role: f.role });
  }
  if (newVersion.length) {
    const [v] = await rows<{ v: number }>(
      c.db,
      sql`SELECT coalesce(max(version), 0) + 1 AS v FROM document_files WHERE document_id = ${doc.id}`,
    );
    for (const nv of newVersion) {
      await c.db
        .update(documentFiles)
        .set({ current: false })
        .where(
          and(
            eq(documentFiles.documentId, doc.id),
            eq(documentFiles.current, true),
            eq(documentFiles.role, nv.role),
            eq(documentFiles.fileName, nv.fileName),
          ),
        );
    }
    const sizes = new Map(out.map((f) => [f.sha256, f.size]));
    await c.db.insert(documentFiles).values(
      newVersion.map((nv) => ({
        documentId: doc.id,
        sha256: nv.sha256,
        fileName: nv.fileName,
        mediaType: 'application/pdf',
        size: sizes.get(nv.sha256) ?? 0,
        role: nv.role,
        version: v!.v,
        uploadedById: c.actor.personId,
      })),
    );
  }
  return { files: out, number };
}

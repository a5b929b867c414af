import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { currentFiles, loadVisible } from '../../documents/index.ts';
import { legalDocumentFiles, legalDocuments, legalIssuers } from '../schema.ts';

/** What a copy is made from: its identity as printed, its main PDF, its text. */
export interface CopySource {
  kind: 'legal' | 'document';
  id: string;
  numberNotation: string | null;
  title: string;
  issuedDate: string | null;
  issuerName: string | null;
  pdf: { sha256: string; fileName: string } | null;
  text: string | null;
}

const PDF = 'application/pdf';

export const SECRET_REFUSED =
  'Văn bản mật không được sao và gửi qua mạng (Nghị định 30/2020/NĐ-CP, Điều 27 khoản 2; Luật Bảo vệ bí mật nhà nước 2018). Việc sao văn bản mật thực hiện trên giấy theo quy định về bảo vệ bí mật nhà nước.';
export const NOT_FINISHED =
  'Chỉ sao được văn bản đến đã đăng ký hoặc văn bản đi đã phát hành; văn bản này chưa phải bản chính.';

/**
 * A legal document of the base (every record is public, so any signed-in agency may copy it), with
 * its main PDF. 404 for an unknown id.
 */
export async function legalSource(ctx: Ctx, id: string): Promise<CopySource> {
  const [doc] = await ctx.db
    .select({
      id: legalDocuments.id,
      numberNotation: legalDocuments.numberNotation,
      title: legalDocuments.title,
      issuedDate: legalDocuments.issuedDate,
      issuerName: legalIssuers.name,
      fullText: legalDocuments.fullText,
    })
    .from(legalDocuments)
    .innerJoin(legalIssuers, eq(legalIssuers.id, legalDocuments.issuerId))
    .where(eq(legalDocuments.id, id));
  if (!doc) throw notFound('Văn bản');
  const [pdf] = await ctx.db
    .select({ sha256: legalDocumentFiles.sha256, fileName: legalDocumentFiles.fileName })
    .from(legalDocumentFiles)
    .where(
      and(
        eq(legalDocumentFiles.legalDocumentId, id),
        eq(legalDocumentFiles.role, 'main'),
        eq(legalDocumentFiles.mediaType, PDF),
      ),
    )
    .orderBy(asc(legalDocumentFiles.createdAt))
    .limit(1);
  return { kind: 'legal', ...doc, text: doc.fullText, pdf: pdf ?? null };
}

/**
 * A document of the documents module the actor's agency can see (404 otherwise; the same rule as
 * its page), never a secret one (409), and only an original: a registered arrival or a released
 * outgoing document (409).
 */
export async function documentSource(ctx: Ctx, id: string): Promise<CopySource> {
  const doc = await loadVisible(ctx, id);
  if (doc.secrecy !== 'normal') throw new AppError('conflict', SECRET_REFUSED);
  const original =
    doc.direction === 'outgoing'
      ? doc.status === 'released'
      : !['pending', 'refused', 'cancelled'].includes(doc.status);
  if (!original) throw new AppError('conflict', NOT_FINISHED);
  const files = (await currentFiles(ctx.db, [id], { roles: ['main'] })).get(id) ?? [];
  const pdf = files.find((f) => f.mediaType === PDF);
  return {
    kind: 'document',
    id,
    numberNotation: doc.numberNotation,
    title: doc.summary,
    issuedDate: doc.issuedDate,
    issuerName: doc.issuerName,
    pdf: pdf ? { sha256: pdf.sha256, fileName: pdf.fileName } : null,
    text: doc.fileText,
  };
}

import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { viDate, vnDate } from '../../../shared/calendar/vn-time.ts';
import type { disposeInput } from '../../../shared/schemas/dossiers.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { decodeCursor, paginate } from '../../platform/http/pagination.ts';
import { loadDossier, requireRoles, retentionRanOut } from './access.ts';
import { dossierMeta } from './metadata.ts';
import { dossierItems, dossiers, dossierTombstones } from './schema.ts';
import { auditDossier, presentDossier } from './service.ts';

/** The day a dossier's retention ends: its end date plus the retention in years; null = permanent. */
export function retentionEnds(endDate: string | null, years: number | null): string | null {
  if (!endDate || years === null) return null;
  return `${Number(endDate.slice(0, 4)) + years}${endDate.slice(4)}`;
}

/**
 * Closed or transferred dossiers whose retention has run out: the disposal review list, oldest end
 * date first, keyset-paginated on (end date, dossier code, id). The archive (người làm lưu trữ, or
 * the clerk) runs the review; the leader decides.
 */
export async function disposalReview(ctx: Ctx, q: { limit: number; cursor?: string }) {
  requireRoles(
    ctx,
    ['clerk', 'archivist', 'agency_leader'],
    'văn thư, người làm lưu trữ hoặc lãnh đạo cơ quan',
  );
  const today = vnDate(ctx.now());
  const after = decodeCursor(q.cursor, 3) as [string, string, string] | null;
  const found = await ctx.db
    .select()
    .from(dossiers)
    .where(
      sql`${dossiers.agencyId} = ${ctx.actor.agencyId} AND ${dossiers.status} IN ('closed', 'transferred')
          AND ${retentionRanOut(dossiers, today)}
          ${after ? sql`AND (${dossiers.endDate}, ${dossiers.fileCode}, ${dossiers.id}) > (${after[0]}::date, ${after[1]}, ${after[2]}::uuid)` : sql``}`,
    )
    .orderBy(dossiers.endDate, dossiers.fileCode, dossiers.id)
    .limit(q.limit + 1);
  const page = paginate(found, q.limit, (d) => [d.endDate, d.fileCode, d.id]);
  return {
    items: page.items.map((d) => ({
      ...presentDossier(d),
      retentionEnds: retentionEnds(d.endDate, d.retentionYears)!,
    })),
    nextCursor: page.nextCursor,
  };
}

/**
 * Disposes a dossier past its retention on the leader's recorded decision. Its items are unlinked
 * (the documents themselves stay: they belong to the documents module and may sit in other
 * dossiers); a tombstone keeps the dossier's metadata, its item list and the decision.
 */
export async function disposeDossier(ctx: Ctx, id: string, input: z.infer<typeof disposeInput>) {
  requireRoles(ctx, ['agency_leader'], 'lãnh đạo cơ quan');
  return inTx(ctx, async (tx) => {
    const d = await loadDossier(tx, id, { forUpdate: true });
    if (d.status === 'disposed') throw new AppError('conflict', `Hồ sơ ${d.fileCode} đã được hủy trước đó.`);
    if (d.status === 'open') throw new AppError('conflict', `Hồ sơ ${d.fileCode} đang mở; không thể hủy.`);
    const ends = retentionEnds(d.endDate, d.retentionYears);
    if (!ends) throw new AppError('conflict', `Hồ sơ ${d.fileCode} bảo quản vĩnh viễn; không được hủy.`);
    if (ends > vnDate(tx.now()))
      throw new AppError(
        'conflict',
        `Hồ sơ ${d.fileCode} còn thời hạn bảo quản đến ngày ${viDate(ends)}; chưa được hủy.`,
      );
    if (input.decisionDate > vnDate(tx.now()))
      throw new AppError('validation_failed', 'Ngày quyết định hủy không được sau hôm nay.', {
        fields: [{ path: 'body.decisionDate', message: 'Ngày quyết định hủy không được sau hôm nay' }],
      });
    const meta = await dossierMeta(tx, d);
    const metadata = {
      dossier: { ...presentDossier(d), organId: d.organId, rights: d.rights, language: d.language },
      items: meta.items.map((i) => ({
        ordinal: i.ordinal,
        kind: i.kind,
        typeName: i.typeName,
        codeNumber: i.codeNumber,
        codeNotation: i.codeNotation,
        issuedDate: i.issuedDate,
        subject: i.subject,
        organName: i.organName,
        files: i.files.map((f) => ({ fileName: f.fileName, sha256: f.sha256, size: f.size })),
      })),
    };
    await tx.db.insert(dossierTombstones).values({
      agencyId: d.agencyId,
      dossierId: d.id,
      fileCode: d.fileCode,
      decisionNumber: input.decisionNumber,
      decisionDate: input.decisionDate,
      reason: input.reason,
      decidedById: ctx.actor.personId,
      decidedByName: ctx.actor.fullName,
      metadata,
    });
    await tx.db.delete(dossierItems).where(eq(dossierItems.dossierId, d.id));
    await tx.db
      .update(dossiers)
      .set({ status: 'disposed', updatedAt: tx.now() })
      .where(eq(dossiers.id, d.id));
    await auditDossier(tx, d, 'dispose', { ...input, fileCode: d.fileCode, items: meta.items.length });
  });
}

import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { vnDate } from '../../../shared/calendar/vn-time.ts';
import type {
  addItemInput,
  closeInput,
  DossierSummaryView,
  DossierView,
  dossierListQuery,
  openDossierInput,
} from '../../../shared/schemas/dossiers.ts';
import { rows } from '../../db/client.ts';
import { audit } from '../../platform/audit/index.ts';
import { findBlob } from '../../platform/blobs/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { decodeCursor, paginate } from '../../platform/http/pagination.ts';
import { findAgency } from '../agencies/index.ts';
import { currentFiles, documentFacts, loadVisible } from '../documents/index.ts';
import {
  type DossierRow,
  dossierVisibleTo,
  itemDocumentsVisibleTo,
  loadDossier,
  mayEdit,
  requireEditable,
} from './access.ts';
import { pdfPageCount } from './pages.ts';
import { dossierItems, dossiers, dossierTombstones } from './schema.ts';

export function auditDossier(ctx: Ctx, d: Pick<DossierRow, 'id' | 'agencyId'>, action: string, detail = {}) {
  return audit(ctx.db, ctx.actor, {
    action: `dossier.${action}`,
    entityType: 'dossier',
    entityId: d.id,
    agencyId: d.agencyId,
    detail,
  });
}

/** The agency's identifier (OrganId, Appendix VI: String 13) — a dossier code cannot be made without it. */
export async function organIdOf(
  ctx: Ctx,
): Promise<{ code: string; name: string; parentName: string | null }> {
  const a = ctx.actor.agencyId ? await findAgency(ctx.db, ctx.actor.agencyId) : undefined;
  if (!a) throw new AppError('forbidden', 'Bạn cần giữ một chức vụ trong cơ quan để lập hồ sơ.');
  if (!a.agencyCode)
    throw new AppError(
      'conflict',
      'Cơ quan chưa có mã định danh (OrganId); hãy nhờ quản trị cập nhật mã trước khi lập hồ sơ.',
    );
  const parent = a.parentId ? await findAgency(ctx.db, a.parentId) : undefined;
  return { code: a.agencyCode, name: a.name, parentName: parent?.name ?? null };
}

/** FileCode = OrganId + FileCatalog + FileNotation (Appendix VI, Part II, table 3, field 1). */
export function fileCodeOf(organId: string, year: number, notation: string): string {
  return `${organId}.${year}.${notation}`;
}

export async function openDossier(ctx: Ctx, input: z.infer<typeof openDossierInput>) {
  if (!ctx.actor.role || !['clerk', 'officer', 'division_head', 'agency_leader'].includes(ctx.actor.role))
    throw new AppError('forbidden', 'Chỉ cán bộ giải quyết công việc được mở hồ sơ.');
  const organ = await organIdOf(ctx);
  const startDate = input.startDate ?? vnDate(ctx.now());
  const year = Number(startDate.slice(0, 4));
  let fields: { title: string; notation: string; retentionYears: number | null; planEntryId: string | null };
  let description: string | null = null;
  if ('planEntryId' in input) {
    const [e] = await rows<{
      id: string;
      kind: string;
      title: string;
      notation: string | null;
      retention_years: number | null;
      year: number;
    }>(
      ctx.db,
      sql`SELECT e.id, e.kind, e.title, e.notation, e.retention_years, p.year FROM dossier_plan_entries e
          JOIN dossier_plans p ON p.id = e.plan_id WHERE e.id = ${input.planEntryId} AND p.agency_id = ${ctx.actor.agencyId}`,
    );
    if (!e) throw notFound('Dòng danh mục hồ sơ');
    if (e.kind !== 'dossier' || !e.notation)
      throw new AppError(
        'validation_failed',
        'Chỉ mở được hồ sơ từ một dòng hồ sơ của danh mục, không phải đề mục.',
      );
    if (e.year !== year)
      throw new AppError(
        'validation_failed',
        `Dòng này thuộc danh mục năm ${e.year}; ngày bắt đầu hồ sơ phải trong năm ${e.year}.`,
      );
    fields = { title: e.title, notation: e.notation, retentionYears: e.retention_years, planEntryId: e.id };
  } else {
    fields = { ...input, planEntryId: null };
    description = input.description;
  }
  const fileCode = fileCodeOf(organ.code, year, fields.notation);
  return inTx(ctx, async (tx) => {
    const [dup] = await tx.db
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(and(eq(dossiers.agencyId, ctx.actor.agencyId!), eq(dossiers.fileCode, fileCode)));
    if (dup)
      throw new AppError('duplicate', `Mã hồ sơ ${fileCode} đã được dùng cho một hồ sơ khác của cơ quan.`, {
        extra: { dossierId: dup.id },
      });
    const [d] = await tx.db
      .insert(dossiers)
      .values({
        agencyId: ctx.actor.agencyId!,
        planEntryId: fields.planEntryId,
        organId: organ.code,
        year,
        notation: fields.notation,
        fileCode,
        title: fields.title,
        retentionYears: fields.retentionYears,
        creatorId: ctx.actor.personId,
        creatorName: ctx.actor.fullName,
        startDate,
        description,
      })
      .returning();
    await auditDossier(tx, d!, 'open', { fileCode });
    return d!;
  });
}

export async function addItem(ctx: Ctx, dossierId: string, input: z.infer<typeof addItemInput>) {
  return inTx(ctx, async (tx) => {
    const d = await loadDossier(tx, dossierId, { forUpdate: true });
    requireEditable(tx, d);
    const [{ next }] = (await rows<{ next: number }>(
      tx.db,
      sql`SELECT coalesce(max(ordinal), 0) + 1 AS next FROM dossier_items WHERE dossier_id = ${d.id}`,
    )) as [{ next: number }];
    let values: typeof dossierItems.$inferInsert;
    if ('documentId' in input) {
      // Visibility is the documents module's rule: a document the person may not see is "not found".
      const doc = await loadVisible(tx, input.documentId).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'not_found')
          throw new AppError(
            'not_found',
            'Văn bản không tồn tại hoặc bạn không có quyền xem, nên không thể đưa vào hồ sơ.',
          );
        throw e;
      });
      const [already] = await tx.db
        .select({ ordinal: dossierItems.ordinal })
        .from(dossierItems)
        .where(and(eq(dossierItems.dossierId, d.id), eq(dossierItems.documentId, doc.id)));
      if (already)
        throw new AppError(
          'duplicate',
          `Văn bản đã có trong hồ sơ ${d.fileCode} (số thứ tự ${already.ordinal}).`,
        );
      values = { dossierId: d.id, ordinal: next, kind: 'document', documentId: doc.id };
    } else {
      const b = await findBlob(tx.db, input.file.sha256);
      if (!b)
        throw new AppError(
          'validation_failed',
          `Tệp “${input.file.fileName}” chưa được tải lên hoặc đã bị hỏng; hãy tải lại.`,
        );
      values = {
        dossierId: d.id,
        ordinal: next,
        kind: 'file',
        title: input.title,
        sha256: b.sha256,
        fileName: input.file.fileName,
        mediaType: b.mediaType,
        size: b.size,
        pageCount: input.pageCount ?? null,
        itemDate: input.itemDate ?? null,
      };
    }
    const [item] = await tx.db
      .insert(dossierItems)
      .values({ ...values, addedById: ctx.actor.personId })
      .returning();
    await auditDossier(tx, d, 'add_item', {
      itemId: item!.id,
      ordinal: item!.ordinal,
      documentId: item!.documentId,
      sha256: item!.sha256,
    });
    return item!;
  });
}

export async function removeItem(ctx: Ctx, dossierId: string, itemId: string) {
  await inTx(ctx, async (tx) => {
    const d = await loadDossier(tx, dossierId, { forUpdate: true });
    requireEditable(tx, d);
    const [gone] = await tx.db
      .delete(dossierItems)
      .where(and(eq(dossierItems.id, itemId), eq(dossierItems.dossierId, d.id)))
      .returning();
    if (!gone) throw notFound('Mục trong hồ sơ');
    await tx.db.execute(
      sql`UPDATE dossier_items SET ordinal = ordinal - 1 WHERE dossier_id = ${d.id} AND ordinal > ${gone.ordinal}`,
    );
    await auditDossier(tx, d, 'remove_item', { itemId, documentId: gone.documentId, ordinal: gone.ordinal });
  });
}

/** Sets the order of the items; the list must name every item of the dossier exactly once. */
export async function reorderItems(ctx: Ctx, dossierId: string, itemIds: string[]) {
  await inTx(ctx, async (tx) => {
    const d = await loadDossier(tx, dossierId, { forUpdate: true });
    requireEditable(tx, d);
    const current = await tx.db
      .select({ id: dossierItems.id })
      .from(dossierItems)
      .where(eq(dossierItems.dossierId, d.id));
    const have = new Set(current.map((x) => x.id));
    if (
      new Set(itemIds).size !== itemIds.length ||
      itemIds.length !== have.size ||
      itemIds.some((x) => !have.has(x))
    )
      throw new AppError(
        'validation_failed',
        'Thứ tự mới phải liệt kê đúng và đủ các mục hiện có của hồ sơ, mỗi mục một lần.',
      );
    for (const [i, id] of itemIds.entries())
      await tx.db
        .update(dossierItems)
        .set({ ordinal: i + 1 })
        .where(eq(dossierItems.id, id));
    await auditDossier(tx, d, 'reorder', { itemIds });
  });
}

export interface ItemFacts {
  id: string;
  ordinal: number;
  kind: 'document' | 'file';
  documentId: string | null;
  date: string | null;
  pages: number;
}

/** Pages of each item: the recorded page count, else the pages of its PDF files. */
async function itemFacts(ctx: Ctx, dossierId: string): Promise<ItemFacts[]> {
  const items = await rows<{
    id: string;
    ordinal: number;
    kind: 'document' | 'file';
    document_id: string | null;
    sha256: string | null;
    media_type: string | null;
    item_page_count: number | null;
    item_date: string | null;
  }>(
    ctx.db,
    sql`SELECT i.id, i.ordinal, i.kind, i.document_id, i.sha256, i.media_type, i.page_count AS item_page_count,
               i.item_date::text AS item_date
          FROM dossier_items i
         WHERE i.dossier_id = ${dossierId} ORDER BY i.ordinal`,
  );
  // Page counts and dates of the documents are the documents module's facts.
  const docs = await documentFacts(
    ctx.db,
    items.map((i) => i.document_id).filter((x): x is string => !!x),
  );
  const out: ItemFacts[] = [];
  for (const i of items) {
    const doc = i.document_id ? docs.get(i.document_id) : undefined;
    let pages = i.kind === 'document' ? (doc?.pageCount ?? null) : i.item_page_count;
    if (pages == null) {
      const shas =
        i.kind === 'document'
          ? ((await currentFiles(ctx.db, [i.document_id!])).get(i.document_id!) ?? [])
              .filter((f) => f.mediaType === 'application/pdf')
              .map((f) => f.sha256)
          : i.media_type === 'application/pdf'
            ? [i.sha256!]
            : [];
      pages = 0;
      for (const s of shas) pages += (await pdfPageCount(ctx.blobs, s)) ?? 0;
    }
    out.push({
      id: i.id,
      ordinal: i.ordinal,
      kind: i.kind,
      documentId: i.document_id,
      date: i.kind === 'document' ? (doc?.issuedDate ?? null) : i.item_date,
      pages,
    });
  }
  return out;
}

/**
 * Closes a dossier (Decree 30/2020, Art. 29.4): its maker may correct the title and retention;
 * the end date (latest item date), document count and page total are computed; no change after.
 */
export async function closeDossier(ctx: Ctx, dossierId: string, input: z.infer<typeof closeInput>) {
  return inTx(ctx, async (tx) => {
    const d = await loadDossier(tx, dossierId, { forUpdate: true });
    requireEditable(tx, d);
    const facts = await itemFacts(tx, d.id);
    if (facts.length === 0)
      throw new AppError(
        'conflict',
        `Hồ sơ ${d.fileCode} chưa có văn bản, tài liệu nào; không thể kết thúc.`,
      );
    const latest = facts
      .map((f) => f.date)
      .filter((x): x is string => !!x)
      .sort()
      .at(-1);
    const endDate =
      latest && latest > d.startDate
        ? latest
        : vnDate(tx.now()) > d.startDate
          ? vnDate(tx.now())
          : d.startDate;
    const [closed] = await tx.db
      .update(dossiers)
      .set({
        status: 'closed',
        closedAt: tx.now(),
        endDate,
        docTotal: facts.length,
        pageTotal: facts.reduce((s, f) => s + f.pages, 0),
        title: input.title ?? d.title,
        retentionYears: input.retentionYears === undefined ? d.retentionYears : input.retentionYears,
        description: input.description ?? d.description,
        updatedAt: tx.now(),
      })
      .where(eq(dossiers.id, d.id))
      .returning();
    await auditDossier(tx, d, 'close', {
      endDate,
      docTotal: closed!.docTotal,
      pageTotal: closed!.pageTotal,
    });
    return closed!;
  });
}

export function presentDossier(d: DossierRow): DossierSummaryView {
  return {
    id: d.id,
    fileCode: d.fileCode,
    notation: d.notation,
    year: d.year,
    title: d.title,
    retentionYears: d.retentionYears,
    status: d.status as DossierSummaryView['status'],
    creatorName: d.creatorName,
    startDate: d.startDate,
    endDate: d.endDate,
    docTotal: d.docTotal,
    pageTotal: d.pageTotal,
    transferId: d.transferId,
  };
}

/** The dossier with its items in order; items linking a document the viewer may not see show only their place. */
export async function dossierDetail(ctx: Ctx, id: string): Promise<DossierView> {
  const d = await loadDossier(ctx, id);
  const items = await rows<{
    id: string;
    ordinal: number;
    kind: 'document' | 'file';
    document_id: string | null;
    title: string | null;
    file_name: string | null;
    page_count: number | null;
    item_date: string | null;
  }>(
    ctx.db,
    sql`SELECT i.id, i.ordinal, i.kind, i.document_id, i.title, i.file_name, i.page_count, i.item_date::text AS item_date
          FROM dossier_items i
         WHERE i.dossier_id = ${d.id} ORDER BY i.ordinal`,
  );
  // The documents this reader may see, by the documents module's rule (see itemDocumentsVisibleTo).
  const docs = await documentFacts(
    ctx.db,
    items.map((i) => i.document_id).filter((x): x is string => !!x),
    itemDocumentsVisibleTo(ctx.actor),
  );
  const [tomb] = await ctx.db.select().from(dossierTombstones).where(eq(dossierTombstones.dossierId, d.id));
  return {
    ...presentDossier(d),
    rights: d.rights,
    language: d.language,
    description: d.description,
    planEntryId: d.planEntryId,
    canEdit: d.status === 'open' && mayEdit(ctx.actor, d),
    tombstone: tomb
      ? {
          decisionNumber: tomb.decisionNumber,
          decisionDate: tomb.decisionDate,
          decidedByName: tomb.decidedByName,
          reason: tomb.reason,
        }
      : null,
    items: items.map((i) => {
      const isDoc = i.kind === 'document';
      const doc = isDoc && i.document_id ? docs.get(i.document_id) : undefined;
      const visible = !isDoc || !!doc;
      return {
        id: i.id,
        ordinal: i.ordinal,
        kind: i.kind,
        documentId: i.document_id,
        visible,
        numberNotation: doc ? doc.numberNotation : null,
        date: isDoc ? (doc ? doc.issuedDate : null) : i.item_date,
        typeCode: doc ? doc.typeCode : null,
        title: isDoc ? (doc ? doc.summary : 'Văn bản bạn không có quyền xem') : i.title!,
        author: doc ? doc.issuerName : null,
        pageCount: isDoc ? (doc ? doc.pageCount : null) : i.page_count,
        fileName: i.file_name,
      };
    }),
  };
}

export async function listDossiers(ctx: Ctx, q: z.infer<typeof dossierListQuery>) {
  const after = decodeCursor(q.cursor, 2) as [string, string] | null;
  const conds = [dossierVisibleTo(ctx.actor, vnDate(ctx.now()))];
  if (q.status) conds.push(sql`x.status = ${q.status}`);
  if (q.due === 'transfer')
    conds.push(
      sql`x.status = 'closed' AND x.transfer_id IS NULL AND (x.retention_years IS NULL OR x.retention_years >= 5)`,
    );
  if (q.documentId)
    conds.push(
      sql`EXISTS (SELECT 1 FROM dossier_items i WHERE i.dossier_id = x.id AND i.document_id = ${q.documentId})`,
    );
  if (after) conds.push(sql`(x.created_at, x.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
  const found = await rows<{ id: string; created_at: string | Date }>(
    ctx.db,
    sql`SELECT x.id, x.created_at FROM dossiers x WHERE ${sql.join(conds, sql` AND `)}
        ORDER BY x.created_at DESC, x.id DESC LIMIT ${q.limit + 1}`,
  );
  const page = paginate(found, q.limit, (r) => [new Date(r.created_at).toISOString(), r.id]);
  const full = page.items.length
    ? await ctx.db
        .select()
        .from(dossiers)
        .where(
          inArray(
            dossiers.id,
            page.items.map((x) => x.id),
          ),
        )
    : [];
  const byId = new Map(full.map((d) => [d.id, d]));
  return { items: page.items.map((x) => presentDossier(byId.get(x.id)!)), nextCursor: page.nextCursor };
}

/** Open dossiers the person may add to (the "Thêm vào hồ sơ" picker). */
export async function openDossiersFor(ctx: Ctx) {
  if (!ctx.actor.agencyId) return [];
  return ctx.db
    .select()
    .from(dossiers)
    .where(
      and(
        eq(dossiers.agencyId, ctx.actor.agencyId),
        eq(dossiers.status, 'open'),
        ctx.actor.role === 'clerk' ? sql`true` : eq(dossiers.creatorId, ctx.actor.personId),
      ),
    )
    .orderBy(asc(dossiers.fileCode))
    .limit(500);
}

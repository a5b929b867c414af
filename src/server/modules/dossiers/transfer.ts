import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { create } from 'xmlbuilder2';
import { z } from 'zod';
import { viDate, viDateOfInstant, vnDate } from '../../../shared/calendar/vn-time.ts';
import {
  type handoverInput,
  retentionLabel,
  type TransferView,
  type transferInput,
} from '../../../shared/schemas/dossiers.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit/index.ts';
import { findBlob, saveBlob } from '../../platform/blobs/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { decodeCursor, paginate } from '../../platform/http/pagination.ts';
import { defineJob, enqueue, type JobEnv, type JobHandler } from '../../platform/jobs/index.ts';
import { ListPdf } from '../../platform/pdf/index.ts';
import { requireArchiveKeeper, requireRoles } from './access.ts';
import { dossierMeta, refuseSecret } from './metadata.ts';
import { describeProblems, eachEntry, METADATA_XML, verifyPackage, writePackage } from './package.ts';
import { archiveRecords, archiveTransfers, dossiers } from './schema.ts';
import { organIdOf, presentDossier } from './service.ts';
import { numberInWords } from './words.ts';

type TransferRow = typeof archiveTransfers.$inferSelect;
/** Who sees transfers and the archive's holdings: both sides of the hand-over and the agency's leaders. */
const ARCHIVE_READERS = ['clerk', 'archivist', 'agency_leader'];
const ARCHIVE_READERS_VI = 'văn thư, người làm lưu trữ hoặc lãnh đạo cơ quan';
const PACKAGE_MAX_BYTES = 50 * 1024 ** 3;

/**
 * Closed dossiers go to the agency archive in a transfer made by the clerk, on the giving side
 * (Decree 30/2020, Art. 30); the archive (its archivist, or the clerk where there is none) takes it in.
 */
export async function createTransfer(ctx: Ctx, input: z.infer<typeof transferInput>) {
  requireRoles(ctx, ['clerk'], 'văn thư');
  const ids = [...new Set(input.dossierIds)];
  return inTx(ctx, async (tx) => {
    const found = await tx.db
      .select()
      .from(dossiers)
      .where(and(inArray(dossiers.id, ids), eq(dossiers.agencyId, ctx.actor.agencyId!)))
      .orderBy(asc(dossiers.fileCode))
      .for('update');
    if (found.length !== ids.length) throw notFound('Hồ sơ được chọn');
    for (const d of found) {
      if (d.status === 'open')
        throw new AppError('conflict', `Hồ sơ ${d.fileCode} đang mở; chỉ nộp lưu được hồ sơ đã kết thúc.`);
      if (d.status !== 'closed' || d.transferId)
        throw new AppError('conflict', `Hồ sơ ${d.fileCode} đã nộp lưu hoặc đã hủy; không thể nộp lưu lại.`);
    }
    for (const d of found) refuseSecret(await dossierMeta(tx, d));
    const [t] = await tx.db
      .insert(archiveTransfers)
      .values({
        agencyId: ctx.actor.agencyId!,
        title: input.title ?? `Hồ sơ nộp lưu ngày ${viDate(vnDate(tx.now()))}`,
        dossierCount: found.length,
        createdById: ctx.actor.personId,
        createdByName: ctx.actor.fullName,
      })
      .returning();
    await tx.db
      .update(dossiers)
      .set({ transferId: t!.id, updatedAt: tx.now() })
      .where(inArray(dossiers.id, ids));
    await enqueue(tx.db, buildPackageJob, { transferId: t!.id }, { maxAttempts: 3 });
    await audit(tx.db, ctx.actor, {
      action: 'archive_transfer.create',
      entityType: 'archive_transfer',
      entityId: t!.id,
      agencyId: t!.agencyId,
      detail: { dossiers: found.map((d) => d.fileCode) },
    });
    return t!;
  });
}

async function loadTransfer(ctx: Ctx, id: string): Promise<TransferRow> {
  const [t] = await ctx.db
    .select()
    .from(archiveTransfers)
    .where(and(eq(archiveTransfers.id, id), eq(archiveTransfers.agencyId, ctx.actor.agencyId ?? sql`NULL`)));
  if (!t || !ARCHIVE_READERS.includes(ctx.actor.role ?? '')) throw notFound('Đợt nộp lưu');
  return t;
}

export async function transferDetail(ctx: Ctx, id: string): Promise<TransferView> {
  const t = await loadTransfer(ctx, id);
  const ds = await ctx.db
    .select()
    .from(dossiers)
    .where(eq(dossiers.transferId, t.id))
    .orderBy(asc(dossiers.fileCode));
  return presentTransfer(t, ds.map(presentDossier));
}

function presentTransfer(t: TransferRow, ds: TransferView['dossiers']): TransferView {
  return {
    id: t.id,
    title: t.title,
    status: t.status as TransferView['status'],
    dossierCount: t.dossierCount,
    filesTotal: t.filesTotal,
    filesDone: t.filesDone,
    packageSha256: t.packageSha256,
    packageSize: t.packageSize,
    error: t.error,
    createdByName: t.createdByName,
    createdAt: t.createdAt.toISOString(),
    receivedAt: t.receivedAt?.toISOString() ?? null,
    handover: (t.handover as TransferView['handover']) ?? null,
    dossiers: ds,
  };
}

/** Keyset condition "before this (timestamp, id)" for lists newest first. */
function before(cursor: string | undefined, at: AnyPgColumn, id: AnyPgColumn) {
  const after = decodeCursor(cursor, 2) as [string, string] | null;
  return after ? sql`(${at}, ${id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql`true`;
}

export async function listTransfers(
  ctx: Ctx,
  q: { limit: number; cursor?: string; status?: TransferView['status'] },
) {
  requireRoles(ctx, ARCHIVE_READERS, ARCHIVE_READERS_VI);
  const ts = await ctx.db
    .select()
    .from(archiveTransfers)
    .where(
      and(
        eq(archiveTransfers.agencyId, ctx.actor.agencyId!),
        q.status ? eq(archiveTransfers.status, q.status) : undefined,
        before(q.cursor, archiveTransfers.createdAt, archiveTransfers.id),
      ),
    )
    .orderBy(desc(archiveTransfers.createdAt), desc(archiveTransfers.id))
    .limit(q.limit + 1);
  const page = paginate(ts, q.limit, (t) => [t.createdAt.toISOString(), t.id]);
  return { items: page.items.map((t) => presentTransfer(t, [])), nextCursor: page.nextCursor };
}

/** The package is built by a job (big transfers take a while); the transfer row shows its progress. */
export const buildPackageJob = defineJob(
  'dossiers.build_package',
  z.object({ transferId: z.uuid() }),
  buildPackage,
);

function buildPackage(env: JobEnv): JobHandler<{ transferId: string }> {
  const store = env.blobs;
  return {
    transactional: false,
    // Zipping a year of dossiers takes a while: in the slow lane.
    slow: true,
    async run({ db, job }) {
      const transferId = job.payload.transferId;
      const [t] = await db.select().from(archiveTransfers).where(eq(archiveTransfers.id, transferId));
      if (t?.status !== 'building') return;
      const actor: Actor = {
        personId: t.createdById,
        username: 'system',
        fullName: t.createdByName,
        sessionId: '',
        positionId: null,
        agencyId: t.agencyId,
        divisionId: null,
        role: 'clerk',
        ip: '',
      };
      const ctx: Ctx = { ...env, db, actor, now: () => new Date() };
      const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lt-transfer-')), 'package.zip');
      try {
        const ds = await db
          .select()
          .from(dossiers)
          .where(eq(dossiers.transferId, t.id))
          .orderBy(asc(dossiers.fileCode));
        const metas = [];
        for (const d of ds) metas.push(await dossierMeta(ctx, d));
        const total = metas.reduce((s, m) => s + m.items.reduce((n, i) => n + i.files.length, 0), 0);
        await db
          .update(archiveTransfers)
          .set({ filesTotal: total, filesDone: 0 })
          .where(eq(archiveTransfers.id, t.id));
        const organ = await organIdOf(ctx);
        await writePackage(
          tmp,
          store,
          metas,
          {
            organId: organ.code,
            organName: organ.name,
            transferId: t.id,
            createdAt: new Date().toISOString(),
          },
          async (done) => {
            await db.update(archiveTransfers).set({ filesDone: done }).where(eq(archiveTransfers.id, t.id));
          },
        );
        const blob = await saveBlob(db, store, fs.createReadStream(tmp), {
          declaredType: 'application/zip',
          maxBytes: PACKAGE_MAX_BYTES,
        });
        await db.transaction(async (tx) => {
          await tx
            .update(archiveTransfers)
            .set({
              status: 'ready',
              packageSha256: blob.sha256,
              packageSize: blob.size,
              updatedAt: new Date(),
            })
            .where(eq(archiveTransfers.id, t.id));
          await audit(tx, actor, {
            action: 'archive_transfer.package_built',
            entityType: 'archive_transfer',
            entityId: t.id,
            agencyId: t.agencyId,
            detail: { sha256: blob.sha256, size: blob.size, files: total },
          });
        });
      } catch (e) {
        // The dossiers go back to "closed, not transferred" so the clerk can try again.
        await db.transaction(async (tx) => {
          await tx
            .update(archiveTransfers)
            .set({ status: 'failed', error: (e as Error).message.slice(0, 1000), updatedAt: new Date() })
            .where(eq(archiveTransfers.id, t.id));
          await tx.update(dossiers).set({ transferId: null }).where(eq(dossiers.transferId, t.id));
          await audit(tx, actor, {
            action: 'archive_transfer.failed',
            entityType: 'archive_transfer',
            entityId: t.id,
            agencyId: t.agencyId,
            detail: { error: (e as Error).message.slice(0, 300) },
          });
        });
      } finally {
        fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
      }
    },
  };
}

export async function packageOf(ctx: Ctx, id: string): Promise<{ t: TransferRow; stream: Readable }> {
  const t = await loadTransfer(ctx, id);
  if (!t.packageSha256)
    throw new AppError(
      'conflict',
      t.status === 'failed' ? `Tạo gói nộp lưu thất bại: ${t.error}` : 'Gói nộp lưu đang được tạo; hãy chờ.',
    );
  await audit(ctx.db, ctx.actor, {
    action: 'archive_transfer.download',
    entityType: 'archive_transfer',
    entityId: t.id,
    agencyId: t.agencyId,
  });
  return { t, stream: await ctx.blobs.get(t.packageSha256) };
}

/**
 * Records the hand-over (biên bản giao nhận, Decree 30/2020, Appendix V, V) once the package exists:
 * the receiving side, "Lưu trữ cơ quan", records what it took and in what state.
 */
export async function recordHandover(ctx: Ctx, id: string, input: z.infer<typeof handoverInput>) {
  await requireArchiveKeeper(ctx);
  return inTx(ctx, async (tx) => {
    const t = await loadTransfer(tx, id);
    if (!['ready', 'received'].includes(t.status))
      throw new AppError('conflict', 'Chỉ lập biên bản giao nhận khi gói nộp lưu đã được tạo xong.');
    const handover = { ...input, recordedAt: tx.now().toISOString() };
    await tx.db
      .update(archiveTransfers)
      .set({ handover, updatedAt: tx.now() })
      .where(eq(archiveTransfers.id, t.id));
    await audit(tx.db, ctx.actor, {
      action: 'archive_transfer.handover',
      entityType: 'archive_transfer',
      entityId: t.id,
      agencyId: t.agencyId,
      detail: handover,
    });
  });
}

/** Mục lục hồ sơ, tài liệu nộp lưu (Appendix V, III). */
export async function transferListPdf(ctx: Ctx, id: string): Promise<Buffer> {
  const view = await transferDetail(ctx, id);
  const organ = await organIdOf(ctx);
  const pdf = new ListPdf(`Mục lục hồ sơ nộp lưu — ${view.title}`);
  pdf.heading(organ.parentName, organ.name);
  const years = [...new Set(view.dossiers.map((d) => d.year))].sort();
  pdf.title([
    { text: 'MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU', size: 14 },
    { text: organ.name, size: 12 },
    { text: `Năm ${years.join(', ')}`, size: 12 },
  ]);
  pdf.table(
    [
      { title: 'Số TT', width: 6, align: 'center' },
      { title: 'Số, ký hiệu hồ sơ', width: 14 },
      { title: 'Tiêu đề hồ sơ', width: 38 },
      { title: 'Thời gian tài liệu', width: 16, align: 'center' },
      { title: 'Thời hạn bảo quản', width: 10, align: 'center' },
      { title: 'Số tờ/ Số trang', width: 8, align: 'center' },
      { title: 'Ghi chú', width: 8 },
    ],
    view.dossiers.map((d, i) => ({
      cells: [
        String(i + 1),
        d.notation,
        d.title,
        `${viDate(d.startDate)} - ${viDate(d.endDate)}`,
        retentionLabel(d.retentionYears),
        d.pageTotal === null ? '' : String(d.pageTotal),
        '',
      ],
    })),
  );
  pdf.paragraph(`Mục lục này gồm: ${view.dossiers.length} hồ sơ (đơn vị bảo quản).`);
  pdf.paragraph(
    `Viết bằng chữ: ${numberInWords(view.dossiers.length).toLocaleLowerCase('vi')} hồ sơ (đơn vị bảo quản).`,
  );
  pdf.doc.moveDown(1);
  pdf.signatures([
    { role: '', name: '' },
    { role: 'Người lập', name: view.createdByName },
  ]);
  return pdf.end();
}

/** Biên bản giao nhận hồ sơ, tài liệu (Appendix V, V), filled from the transfer and its hand-over. */
export async function handoverPdf(ctx: Ctx, id: string): Promise<Buffer> {
  const view = await transferDetail(ctx, id);
  if (!view.handover) throw new AppError('conflict', 'Chưa lập biên bản giao nhận cho đợt nộp lưu này.');
  const h = view.handover;
  const organ = await organIdOf(ctx);
  const pdf = new ListPdf(`Biên bản giao nhận — ${view.title}`, false);
  pdf.heading(organ.parentName, organ.name);
  pdf.title([
    { text: 'BIÊN BẢN', size: 14 },
    { text: 'Giao nhận hồ sơ, tài liệu', size: 13 },
  ]);
  const years = view.dossiers.flatMap((d) => [d.startDate, d.endDate ?? d.startDate]).sort();
  const files = view.filesTotal + 2;
  for (const line of [
    'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;',
    `Căn cứ ${[...new Set(view.dossiers.map((d) => `Danh mục hồ sơ năm ${d.year}`))].join(', ')},`,
    'Chúng tôi gồm:',
    `BÊN GIAO: ${organ.name}`,
    `Ông (bà): ${h.giverName}`,
    `Chức vụ công tác: ${h.giverTitle}`,
    'BÊN NHẬN: Lưu trữ cơ quan',
    `Ông (bà): ${h.receiverName}`,
    `Chức vụ công tác: ${h.receiverTitle}`,
    'Thống nhất lập biên bản giao nhận tài liệu với những nội dung như sau:',
    `1. Tên khối tài liệu giao nộp: ${view.title}`,
    `2. Thời gian của hồ sơ, tài liệu: ${viDate(years[0])} - ${viDate(years.at(-1))}`,
    '3. Số lượng tài liệu:',
    'b) Đối với hồ sơ, tài liệu điện tử',
    `- Tổng số hồ sơ: ${view.dossiers.length}`,
    `- Tổng số tệp tin trong hồ sơ: ${view.filesTotal} (gói nộp lưu có ${files} tệp, kể cả dữ liệu đặc tả; SHA-256 của gói: ${view.packageSha256})`,
    `4. Tình trạng tài liệu giao nộp: ${h.condition}`,
    '5. Mục lục hồ sơ, tài liệu nộp lưu kèm theo.',
    'Biên bản này được lập thành hai bản; bên giao giữ một bản, bên nhận giữ một bản./.',
  ])
    pdf.paragraph(line);
  pdf.doc.moveDown(1);
  pdf.paragraph(`Ngày ${viDateOfInstant(h.recordedAt)}`, 'serif-italic');
  pdf.doc.moveDown(1);
  pdf.signatures([
    { role: 'ĐẠI DIỆN BÊN GIAO', name: h.giverName },
    { role: 'ĐẠI DIỆN BÊN NHẬN', name: h.receiverName },
  ]);
  return pdf.end();
}

// ---------------------------------------------------------------------------------------------
// The archive side: a verified package is imported read-only (Art. 30.3.b: "kiểm tra, nhận hồ sơ").

type XmlObj = Record<string, unknown>;
const arr = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const txt = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : typeof v === 'number'
      ? String(v)
      : (((v as XmlObj | undefined)?.['#'] as string) ?? '');
const isoOf = (vi: string): string | null => {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(vi);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
};
const retentionOf = (label: string): number | null => {
  const m = /^(\d+) năm$/.exec(label);
  return m ? Number(m[1]) : null;
};

async function readEntry(file: string, name: string): Promise<string | null> {
  let out: string | null = null;
  await eachEntry(file, async (n, s) => {
    if (n !== name) {
      s.resume();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(c as Buffer);
    out = Buffer.concat(chunks).toString('utf8');
  });
  return out;
}

export async function importPackage(ctx: Ctx, sha256: string) {
  await requireArchiveKeeper(ctx);
  const b = await findBlob(ctx.db, sha256);
  if (!b)
    throw new AppError('validation_failed', 'Gói nộp lưu chưa được tải lên hoặc đã bị hỏng; hãy tải lại.');
  const file = await ctx.blobs.localPath(sha256);
  const result = await verifyPackage(file);
  if (!result.ok)
    throw new AppError('validation_failed', describeProblems(result), {
      extra: { problems: result.problems },
    });
  const xml = await readEntry(file, METADATA_XML);
  if (!xml) throw new AppError('validation_failed', `Gói nộp lưu không có ${METADATA_XML}.`);
  let root: XmlObj;
  try {
    root = (create(xml).end({ format: 'object' }) as XmlObj).Dossiers as XmlObj;
  } catch (e) {
    throw new AppError(
      'validation_failed',
      `Dữ liệu đặc tả ${METADATA_XML} không đọc được: ${(e as Error).message}`,
    );
  }
  if (!root) throw new AppError('validation_failed', `${METADATA_XML} không có phần tử Dossiers.`);
  const organ = await organIdOf(ctx);
  if (txt(root['@organId']) !== organ.code)
    throw new AppError(
      'forbidden',
      `Gói nộp lưu của cơ quan có mã ${txt(root['@organId']) || '(không rõ)'}, không phải của ${organ.name}.`,
    );
  const [again] = await ctx.db
    .select({ id: archiveRecords.id })
    .from(archiveRecords)
    .where(and(eq(archiveRecords.agencyId, ctx.actor.agencyId!), eq(archiveRecords.packageSha256, sha256)))
    .limit(1);
  if (again) throw new AppError('duplicate', 'Gói nộp lưu này đã được lưu trữ cơ quan tiếp nhận.');
  const dossiersXml = arr(root.Dossier as XmlObj | XmlObj[]);
  const listedFiles = new Set<string>();
  const records = dossiersXml.map((d) => {
    const code = d.FileCode as XmlObj;
    const files = arr((d.Documents as XmlObj | undefined)?.Document as XmlObj | XmlObj[]).flatMap((doc) =>
      arr((doc.Files as XmlObj | undefined)?.File as XmlObj | XmlObj[]).map((f) => ({
        path: txt(f['@path']),
        sha256: txt(f['@sha256']),
        size: Number(txt(f['@size'])),
        fileName: txt(f),
      })),
    );
    for (const f of files) {
      if (result.entries.get(f.path) !== f.sha256)
        throw new AppError(
          'validation_failed',
          `Dữ liệu đặc tả nêu tệp ${f.path} nhưng tệp này không có trong gói hoặc khác mã SHA-256.`,
        );
      listedFiles.add(f.path);
    }
    return {
      fileCode: `${txt(code.OrganId)}.${txt(code.FileCatalog)}.${txt(code.FileNotation)}`,
      title: txt(d.Title),
      retentionYears: retentionOf(txt(d.Maintenance)),
      endDate: isoOf(txt(d.EndDate)),
      metadata: d,
      files,
    };
  });
  // Bytes first (content-addressed, idempotent), then the records in one transaction.
  await eachEntry(file, async (name, s) => {
    if (!listedFiles.has(name)) {
      s.resume();
      return;
    }
    await saveBlob(ctx.db, ctx.blobs, s, {
      maxBytes: PACKAGE_MAX_BYTES,
      expectSha256: result.entries.get(name),
    });
  });
  const rawTransfer = txt(root['@transferId']);
  const transferId = /^[0-9a-f-]{36}$/i.test(rawTransfer) ? rawTransfer : null;
  return inTx(ctx, async (tx) => {
    for (const r of records)
      await tx.db.insert(archiveRecords).values({
        agencyId: ctx.actor.agencyId!,
        transferId,
        packageSha256: sha256,
        fileCode: r.fileCode,
        title: r.title,
        retentionYears: r.retentionYears,
        endDate: r.endDate,
        metadata: r.metadata,
        files: r.files,
        importedById: ctx.actor.personId,
      });
    let received = false;
    if (transferId) {
      const [t] = await tx.db
        .select()
        .from(archiveTransfers)
        .where(
          and(
            eq(archiveTransfers.id, transferId),
            eq(archiveTransfers.agencyId, ctx.actor.agencyId!),
            eq(archiveTransfers.packageSha256, sha256),
          ),
        )
        .for('update');
      if (t && t.status === 'ready') {
        await tx.db
          .update(archiveTransfers)
          .set({ status: 'received', receivedAt: tx.now(), updatedAt: tx.now() })
          .where(eq(archiveTransfers.id, t.id));
        await tx.db
          .update(dossiers)
          .set({ status: 'transferred', updatedAt: tx.now() })
          .where(eq(dossiers.transferId, t.id));
        received = true;
      }
    }
    await audit(tx.db, ctx.actor, {
      action: 'archive.import',
      entityType: 'archive_package',
      entityId: transferId ?? undefined,
      agencyId: ctx.actor.agencyId!,
      detail: { sha256, dossiers: records.map((r) => r.fileCode), files: result.checked, received },
    });
    return { dossiers: records.length, files: result.checked, transferId, received };
  });
}

export async function listArchiveRecords(ctx: Ctx, q: { limit: number; cursor?: string }) {
  requireRoles(ctx, ARCHIVE_READERS, ARCHIVE_READERS_VI);
  const rs = await ctx.db
    .select()
    .from(archiveRecords)
    .where(
      and(
        eq(archiveRecords.agencyId, ctx.actor.agencyId!),
        before(q.cursor, archiveRecords.importedAt, archiveRecords.id),
      ),
    )
    .orderBy(desc(archiveRecords.importedAt), desc(archiveRecords.id))
    .limit(q.limit + 1);
  return paginate(rs, q.limit, (r) => [r.importedAt.toISOString(), r.id]);
}

import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createdView, okView as ok, pageOf } from '../../../shared/schemas/common.ts';
import {
  addedItemView,
  addItemInput,
  archiveImportResult,
  archiveKeeperView,
  archiveRecordView,
  closeInput,
  disposalReviewItem,
  disposeInput,
  dossierListQuery,
  dossierSummaryView,
  dossierView,
  handoverInput,
  importInput,
  openDossierInput,
  openedDossierView,
  planInput,
  planView,
  reorderInput,
  transferInput,
  transferListQuery,
  transferView,
} from '../../../shared/schemas/dossiers.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import { pageQuery } from '../../platform/http/pagination.ts';
import { archiveKeeper, loadDossier } from './access.ts';
import { dossierMeta, dossierPdf, metadataXml, refuseSecret } from './metadata.ts';
import { copyPreviousPlan, getPlan, renderPlanPdf, savePlan } from './plan.ts';
import { disposalReview, disposeDossier } from './retention.ts';
import {
  addItem,
  auditDossier,
  closeDossier,
  dossierDetail,
  listDossiers,
  openDossier,
  openDossiersFor,
  presentDossier,
  removeItem,
  reorderItems,
} from './service.ts';
import {
  createTransfer,
  handoverPdf,
  importPackage,
  listArchiveRecords,
  listTransfers,
  packageOf,
  recordHandover,
  transferDetail,
  transferListPdf,
} from './transfer.ts';

const tags = ['dossiers'];
const perm = { permission: 'dossiers' as const };
/** Transfers, the archive and its disposal review: clerks, archivists and leaders (each step checks who more closely). */
const archivePerm = { permission: 'dossiers.archive' as const };
const idParams = z.object({ id: z.uuid('Mã hồ sơ không hợp lệ') });
const yearParams = z.object({
  year: z.coerce.number().int().min(2000, 'Năm không hợp lệ').max(2100, 'Năm không hợp lệ'),
});

function sendFile(reply: FastifyReply, type: string, name: string, body: Buffer | NodeJS.ReadableStream) {
  reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
  return reply.send(body);
}

export const dossierRoutes: FastifyPluginAsyncZod = async (app) => {
  // --- Plan (danh mục hồ sơ) ---
  app.get(
    '/api/v1/dossier-plans/:year',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Danh mục hồ sơ của cơ quan trong năm',
        params: yearParams,
        response: { 200: planView },
      },
    },
    async (req) => getPlan(ctxOf(req), req.params.year),
  );
  app.put(
    '/api/v1/dossier-plans/:year',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Lưu danh mục hồ sơ của năm',
        params: yearParams,
        body: planInput,
        response: { 200: planView },
      },
    },
    async (req) => savePlan(ctxOf(req), req.params.year, req.body),
  );
  app.post(
    '/api/v1/dossier-plans/:year/copy-previous',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Lập danh mục từ danh mục năm trước',
        params: yearParams,
        response: { 200: planView },
      },
    },
    async (req) => copyPreviousPlan(ctxOf(req), req.params.year),
  );
  app.get(
    '/api/v1/dossier-plans/:year/print',
    { config: perm, schema: { tags, summary: 'In danh mục hồ sơ (Phụ lục V, mẫu II)', params: yearParams } },
    async (req, reply) =>
      sendFile(
        reply,
        'application/pdf',
        `danh-muc-ho-so-${req.params.year}.pdf`,
        await renderPlanPdf(ctxOf(req), req.params.year),
      ),
  );

  // --- Dossiers ---
  app.get(
    '/api/v1/dossiers',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Danh sách hồ sơ (phân trang keyset)',
        querystring: dossierListQuery,
        response: { 200: pageOf(dossierSummaryView) },
      },
    },
    async (req) => listDossiers(ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/dossiers/open-for-me',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Hồ sơ đang mở mà người dùng được thêm văn bản',
        response: { 200: z.array(dossierSummaryView) },
      },
    },
    async (req) => (await openDossiersFor(ctxOf(req))).map(presentDossier),
  );
  app.get(
    '/api/v1/dossiers/disposal-review',
    {
      config: archivePerm,
      schema: {
        tags,
        summary: 'Hồ sơ hết thời hạn bảo quản, chờ xét hủy (phân trang keyset)',
        querystring: pageQuery(),
        response: { 200: pageOf(disposalReviewItem) },
      },
    },
    async (req) => disposalReview(ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/dossiers',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Mở hồ sơ theo danh mục hoặc ngoài danh mục',
        body: openDossierInput,
        response: { 201: openedDossierView },
      },
    },
    async (req, reply) => {
      const d = await openDossier(ctxOf(req), req.body);
      return reply.code(201).send({ id: d.id, fileCode: d.fileCode });
    },
  );
  app.get(
    '/api/v1/dossiers/:id',
    { config: perm, schema: { tags, params: idParams, response: { 200: dossierView } } },
    async (req) => dossierDetail(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/dossiers/:id/items',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Thêm văn bản hoặc tài liệu vào hồ sơ (văn bản không bị sao chép)',
        params: idParams,
        body: addItemInput,
        response: { 201: addedItemView },
      },
    },
    async (req, reply) => {
      const item = await addItem(ctxOf(req), req.params.id, req.body);
      return reply.code(201).send({ id: item.id, ordinal: item.ordinal });
    },
  );
  app.delete(
    '/api/v1/dossiers/:id/items/:itemId',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Bỏ một mục khỏi hồ sơ',
        params: idParams.extend({ itemId: z.uuid() }),
        response: { 200: ok },
      },
    },
    async (req) => {
      await removeItem(ctxOf(req), req.params.id, req.params.itemId);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/v1/dossiers/:id/order',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Sắp xếp lại thứ tự văn bản trong hồ sơ',
        params: idParams,
        body: reorderInput,
        response: { 200: ok },
      },
    },
    async (req) => {
      await reorderItems(ctxOf(req), req.params.id, req.body.itemIds);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/v1/dossiers/:id/close',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Kết thúc hồ sơ',
        params: idParams,
        body: closeInput,
        response: { 200: dossierSummaryView },
      },
    },
    async (req) => presentDossier(await closeDossier(ctxOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/dossiers/:id/export.pdf',
    { config: perm, schema: { tags, summary: 'Xuất hồ sơ ra một tệp PDF có mục lục', params: idParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const meta = await dossierMeta(ctx, await loadDossier(ctx, req.params.id));
      refuseSecret(meta);
      const pdf = await dossierPdf(ctx, meta);
      await auditDossier(ctx, meta.row, 'export', { format: 'pdf' });
      return sendFile(reply, 'application/pdf', `${meta.row.fileCode}.pdf`, pdf);
    },
  );
  app.get(
    '/api/v1/dossiers/:id/export.xml',
    {
      config: perm,
      schema: { tags, summary: 'Xuất dữ liệu đặc tả hồ sơ (Phụ lục VI) ra XML', params: idParams },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const meta = await dossierMeta(ctx, await loadDossier(ctx, req.params.id));
      refuseSecret(meta);
      await auditDossier(ctx, meta.row, 'export', { format: 'xml' });
      return sendFile(
        reply,
        'application/xml; charset=utf-8',
        `${meta.row.fileCode}.xml`,
        Buffer.from(metadataXml([meta])),
      );
    },
  );
  app.post(
    '/api/v1/dossiers/:id/dispose',
    {
      config: archivePerm,
      schema: {
        tags,
        summary: 'Hủy hồ sơ hết thời hạn bảo quản theo quyết định của lãnh đạo',
        params: idParams,
        body: disposeInput,
        response: { 200: ok },
      },
    },
    async (req) => {
      await disposeDossier(ctxOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  // --- Transfers to the agency archive (nộp lưu) ---
  app.post(
    '/api/v1/archive-transfers',
    {
      config: archivePerm,
      schema: {
        tags,
        summary: 'Nộp lưu các hồ sơ đã kết thúc (tạo gói nộp lưu)',
        body: transferInput,
        response: { 201: createdView },
      },
    },
    async (req, reply) => {
      const t = await createTransfer(ctxOf(req), req.body);
      return reply.code(201).send({ id: t.id });
    },
  );
  app.get(
    '/api/v1/archive-transfers',
    {
      config: archivePerm,
      schema: {
        tags,
        summary: 'Các đợt nộp lưu (phân trang keyset), có thể lọc theo trạng thái',
        querystring: transferListQuery,
        response: { 200: pageOf(transferView) },
      },
    },
    async (req) => listTransfers(ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/archive-transfers/:id',
    { config: archivePerm, schema: { tags, params: idParams, response: { 200: transferView } } },
    async (req) => transferDetail(ctxOf(req), req.params.id),
  );
  app.get(
    '/api/v1/archive-transfers/:id/package',
    { config: archivePerm, schema: { tags, summary: 'Tải gói nộp lưu (ZIP)', params: idParams } },
    async (req, reply) => {
      const { t, stream } = await packageOf(ctxOf(req), req.params.id);
      reply.header('x-content-sha256', t.packageSha256!);
      return sendFile(reply, 'application/zip', `nop-luu-${t.id}.zip`, stream);
    },
  );
  app.post(
    '/api/v1/archive-transfers/:id/handover',
    {
      config: archivePerm,
      schema: {
        tags,
        summary: 'Lập biên bản giao nhận hồ sơ, tài liệu',
        params: idParams,
        body: handoverInput,
        response: { 200: ok },
      },
    },
    async (req) => {
      await recordHandover(ctxOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/v1/archive-transfers/:id/list.pdf',
    {
      config: archivePerm,
      schema: { tags, summary: 'In mục lục hồ sơ, tài liệu nộp lưu (Phụ lục V, mẫu III)', params: idParams },
    },
    async (req, reply) =>
      sendFile(
        reply,
        'application/pdf',
        'muc-luc-ho-so-nop-luu.pdf',
        await transferListPdf(ctxOf(req), req.params.id),
      ),
  );
  app.get(
    '/api/v1/archive-transfers/:id/handover.pdf',
    {
      config: archivePerm,
      schema: { tags, summary: 'In biên bản giao nhận (Phụ lục V, mẫu V)', params: idParams },
    },
    async (req, reply) =>
      sendFile(
        reply,
        'application/pdf',
        'bien-ban-giao-nhan.pdf',
        await handoverPdf(ctxOf(req), req.params.id),
      ),
  );

  // --- The agency archive: read-only import of verified packages ---
  app.get(
    '/api/v1/archive/keeper',
    {
      config: archivePerm,
      schema: {
        tags,
        summary:
          'Ai giữ Lưu trữ cơ quan: người làm lưu trữ, hoặc văn thư khi cơ quan chưa có người làm lưu trữ',
        response: { 200: archiveKeeperView },
      },
    },
    async (req) => archiveKeeper(ctxOf(req)),
  );
  app.post(
    '/api/v1/archive/imports',
    {
      config: archivePerm,
      schema: {
        tags,
        summary: 'Lưu trữ cơ quan kiểm tra và tiếp nhận gói nộp lưu (chỉ đọc)',
        body: importInput,
        response: { 201: archiveImportResult },
      },
    },
    async (req, reply) => reply.code(201).send(await importPackage(ctxOf(req), req.body.sha256)),
  );
  app.get(
    '/api/v1/archive/records',
    {
      config: archivePerm,
      schema: {
        tags,
        summary: 'Hồ sơ lưu trữ cơ quan đã tiếp nhận (phân trang keyset)',
        querystring: pageQuery(),
        response: { 200: pageOf(archiveRecordView) },
      },
    },
    async (req) => {
      const page = await listArchiveRecords(ctxOf(req), req.query);
      return {
        nextCursor: page.nextCursor,
        items: page.items.map((r) => ({
          id: r.id,
          fileCode: r.fileCode,
          title: r.title,
          retentionYears: r.retentionYears,
          endDate: r.endDate,
          transferId: r.transferId,
          importedAt: r.importedAt.toISOString(),
          files: (r.files as unknown[]).length,
        })),
      };
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  cellsInput,
  cellsSavedView,
  entryParams,
  entryQuery,
  gridView,
  historyQuery,
  historyView,
  VALUE_KINDS,
} from '../../../shared/schemas/indicators-entry.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { cellHistory, loadGrid, saveCells, uploadEntry } from './entry.ts';
import { entryTemplate } from './entry-xlsx.ts';

const tags = ['indicators'];
const P = '/api/v1/indicators/entry/:formId/:period';
// Entering figures changes no person, position or session: the session cache survives it.
const read = { permission: 'indicators.read' as const, sessionsUnchanged: true };
const kindQuery = entryQuery.extend({
  kind: z
    .enum(VALUE_KINDS, { error: 'Loại số liệu phải là "estimate" (ước tính) hoặc "official" (chính thức).' })
    .default('estimate'),
});
const uploadResult = z.object({
  ok: z.boolean(),
  saved: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
});
const report = { permission: 'indicators.report' as const, sessionsUnchanged: true };

/** Routes of the indicators module: the entry grid, cell saves and a cell's history (see entry.ts). */
export const entryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    P,
    {
      config: read,
      schema: {
        tags,
        summary: 'Bảng nhập số liệu của một biểu mẫu, kỳ và đơn vị (kèm cùng kỳ năm trước và kế hoạch năm)',
        params: entryParams,
        querystring: entryQuery,
        response: { 200: gridView },
      },
    },
    async (req) => loadGrid(ctxOf(req), req.params.formId, req.params.period, req.query.agencyId),
  );
  app.put(
    `${P}/cells`,
    {
      config: report,
      schema: {
        tags,
        summary: 'Lưu một hoặc nhiều ô (gõ, dán từ bảng tính, cả biểu): tất cả hoặc không ô nào',
        params: entryParams,
        body: cellsInput,
        response: { 200: cellsSavedView },
      },
    },
    async (req) => saveCells(ctxOf(req), req.params.formId, req.params.period, req.body),
  );
  app.get(
    `${P}/history`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Lịch sử thay đổi của một ô (ai, khi nào, trước và sau)',
        params: entryParams,
        querystring: historyQuery,
        response: { 200: historyView },
      },
    },
    async (req) => cellHistory(ctxOf(req), req.params.formId, req.params.period, req.query),
  );
  app.get(
    `${P}/template.xlsx`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Tệp Excel mẫu của biểu (số liệu hiện có đã điền sẵn)',
        params: entryParams,
        querystring: kindQuery,
      },
    },
    async (req, reply) => {
      const grid = await loadGrid(ctxOf(req), req.params.formId, req.params.period, req.query.agencyId);
      const name = `${grid.form.code}-${grid.period}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(await entryTemplate(grid, req.query.kind));
    },
  );
  app.post(
    `${P}/upload`,
    {
      config: report,
      schema: {
        tags,
        summary: 'Tải lên tệp Excel đã điền (multipart, trường "file"): lỗi từng ô, không ghi gì khi còn lỗi',
        params: entryParams,
        querystring: kindQuery,
        response: { 200: uploadResult, 422: uploadResult },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw new AppError('unsupported_media_type', 'Hãy gửi tệp dạng multipart/form-data.');
      const ctx = ctxOf(req);
      const part = await req.file({ limits: { fileSize: ctx.config.UPLOAD_MAX_BYTES + 1, files: 1 } });
      if (!part) throw new AppError('bad_request', 'Không có tệp trong yêu cầu (trường "file").');
      const data = await part.toBuffer().catch(() => {
        throw new AppError(
          'payload_too_large',
          `Tệp quá lớn (tối đa ${Math.floor(ctx.config.UPLOAD_MAX_BYTES / 1024)} KB).`,
        );
      });
      const r = await uploadEntry(ctx, req.params.formId, req.params.period, req.query, data, part.filename);
      return reply.status(r.ok ? 200 : 422).send(r);
    },
  );
};

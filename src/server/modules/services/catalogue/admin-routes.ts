import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { procedureListSchema } from '../../../../shared/services/api.ts';
import {
  catalogueAdminQuerySchema,
  importResultSchema,
  procedureAdminSchema,
  saveProcedureInputSchema,
} from '../../../../shared/services/catalogue-admin.ts';
import { ctxOf } from '../../../platform/http/ctx.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { importFile, procedureAdmin, saveVersion, setActive } from './admin.ts';
import { templateWorkbook } from './import.ts';
import { searchCatalogue } from './query.ts';

/** The catalogue's administration (permission services.catalogue): versions, retire, import. */
export const catalogueAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['services-catalogue'];
  const config = { permission: 'services.catalogue' as const };
  const codeParams = z.object({ code: z.string().trim().min(1).max(60) });
  const base = '/api/v1/services/catalogue';

  app.get(
    base,
    {
      config,
      schema: {
        tags,
        summary: 'Danh mục thủ tục (cả thủ tục đã ngừng áp dụng)',
        querystring: catalogueAdminQuerySchema,
        response: { 200: procedureListSchema },
      },
    },
    async (req) => {
      const { retired, ...q } = req.query;
      return searchCatalogue(app.services.db, q, { includeRetired: retired === '1' });
    },
  );

  app.get(
    `${base}/import/template.xlsx`,
    { config, schema: { tags, summary: 'Tệp Excel mẫu để nhập danh mục thủ tục' } },
    async (_req, reply) =>
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent('Mau-nhap-thu-tuc.xlsx')}`,
        )
        .send(await templateWorkbook()),
  );

  app.post(
    `${base}/import`,
    {
      config,
      schema: {
        tags,
        summary: 'Nhập danh mục thủ tục từ tệp Excel (theo mẫu) hoặc JSON; ?check=1 chỉ kiểm tra',
        querystring: z.object({ check: z.enum(['0', '1']).default('1') }),
        response: { 200: importResultSchema },
      },
    },
    async (req) => {
      if (!req.isMultipart())
        throw new AppError('unsupported_media_type', 'Hãy gửi tệp dạng multipart/form-data (trường "file").');
      const ctx = ctxOf(req);
      let file: { data: Buffer; fileName: string } | undefined;
      for await (const part of req.parts({ limits: { fileSize: ctx.config.UPLOAD_MAX_BYTES, files: 1 } }))
        if (part.type === 'file') {
          const data = await part.toBuffer().catch(() => {
            throw new AppError(
              'payload_too_large',
              `Tệp quá lớn (tối đa ${Math.floor(ctx.config.UPLOAD_MAX_BYTES / 1024)} KB).`,
            );
          });
          file = { data, fileName: (part.filename || 'tep-nhap').slice(0, 200) };
        }
      if (!file) throw new AppError('bad_request', 'Không có tệp trong yêu cầu (trường "file").');
      return importFile(ctx, file, req.query.check === '0');
    },
  );

  app.get(
    `${base}/:code`,
    {
      config,
      schema: {
        tags,
        summary: 'Một thủ tục với các phiên bản',
        params: codeParams,
        response: { 200: procedureAdminSchema },
      },
    },
    async (req) => procedureAdmin(app.services.db, req.params.code),
  );

  app.post(
    base,
    {
      config,
      schema: {
        tags,
        summary: 'Lưu thủ tục (mới, hoặc phiên bản mới của thủ tục đã có)',
        body: saveProcedureInputSchema,
        response: { 200: procedureAdminSchema },
      },
    },
    async (req) => saveVersion(ctxOf(req), req.body.content, req.body.note),
  );

  for (const [path, active, summary] of [
    ['retire', false, 'Ngừng áp dụng thủ tục (không nhận hồ sơ mới)'],
    ['restore', true, 'Áp dụng lại thủ tục'],
  ] as const)
    app.post(
      `${base}/:code/${path}`,
      { config, schema: { tags, summary, params: codeParams, response: { 200: procedureAdminSchema } } },
      async (req) => setActive(ctxOf(req), req.params.code, active),
    );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { procedureListSchema, procedurePublicSchema } from '../../../../shared/services/api.ts';
import { findBlob } from '../../../platform/blobs/index.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { publicRoute } from '../../../platform/public-html/layout.ts';
import { catalogueFields, catalogueQuerySchema, publicProcedure, searchCatalogue } from './query.ts';

/*
 * The catalogue of administrative procedures as open data (/api/v1/open/thu-tuc…), without signing in,
 * with the anonymous rate limit of every public page. Everything in a procedure is public (it is what
 * the national database publishes); retired procedures are not listed.
 */

const NO_PROCEDURE = 'Thủ tục này không có trong danh mục thủ tục hành chính đang áp dụng.';
const codeParams = z.object({ code: z.string().trim().min(1).max(60) });

export const catalogueRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.services;
  const pub = publicRoute(config.PUBLIC_RATE_PER_MINUTE);
  const tags = ['open-data'];

  app.get(
    '/api/v1/open/thu-tuc',
    {
      config: pub,
      schema: {
        tags,
        summary: 'Danh mục thủ tục hành chính (tìm không dấu theo mã, tên, lĩnh vực; phân trang)',
        querystring: catalogueQuerySchema,
        response: { 200: procedureListSchema },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return searchCatalogue(db, req.query);
    },
  );

  app.get(
    '/api/v1/open/thu-tuc/linh-vuc',
    {
      config: pub,
      schema: {
        tags,
        summary: 'Các lĩnh vực có thủ tục đang áp dụng',
        response: { 200: z.object({ items: z.array(z.string()) }) },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return { items: await catalogueFields(db) };
    },
  );

  app.get(
    '/api/v1/open/thu-tuc/:code',
    {
      config: pub,
      schema: {
        tags,
        summary: 'Một thủ tục hành chính theo mã quốc gia (phiên bản hiện hành)',
        params: codeParams,
        response: { 200: procedurePublicSchema },
      },
    },
    async (req, reply) => {
      const p = await publicProcedure(db, req.params.code);
      if (!p) throw new AppError('not_found', NO_PROCEDURE);
      reply.header('cache-control', 'public, max-age=60');
      return p;
    },
  );

  app.get(
    '/api/v1/open/thu-tuc/:code/mau/:paperKey',
    {
      config: pub,
      schema: {
        tags,
        summary: 'Tải mẫu đơn, tờ khai của một thành phần hồ sơ',
        params: codeParams.extend({ paperKey: z.string().max(40) }),
      },
    },
    async (req, reply) => {
      const p = await publicProcedure(db, req.params.code);
      const template = p?.content.papers.find((x) => x.key === req.params.paperKey)?.template;
      if (!template) throw new AppError('not_found', 'Thành phần hồ sơ này không có mẫu để tải.');
      const blob = await findBlob(db, template.sha256);
      if (!blob) throw new AppError('not_found', 'Tệp mẫu chưa được lưu trên hệ thống.');
      return reply
        .header('cache-control', 'public, max-age=3600')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(template.fileName)}`,
        )
        .type(blob.mediaType)
        .send(await app.services.blobs.read(template.sha256));
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { procedureListSchema, procedurePublicSchema } from '../../../../shared/services/api.ts';
import { findBlob } from '../../../platform/blobs/index.ts';
import { readerOf } from '../../../platform/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { publicNotFound, publicRoute, sendPublicHtml } from '../../../platform/public-html/layout.ts';
import { type CatalogueForm, renderCataloguePage, renderProcedurePage } from './pages.ts';
import {
  type CatalogueQuery,
  catalogueFields,
  catalogueQuerySchema,
  publicProcedure,
  searchCatalogue,
} from './query.ts';

const str = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

/** The public search form from the address, and what is wrong with it (in Vietnamese). */
function readCatalogueForm(query: Record<string, unknown>, fields: readonly string[]) {
  const form: CatalogueForm = {
    q: str(query.q, 200),
    linhVuc: str(query['linh-vuc'], 300),
    cap: str(query.cap, 20),
    mucDo: str(query['muc-do'], 20),
    sau: str(query.sau, 500),
  };
  const errors: string[] = [];
  if (form.linhVuc && !fields.includes(form.linhVuc))
    errors.push(`Lĩnh vực "${form.linhVuc}" không có trong danh mục.`);
  if (form.cap && !['province', 'district', 'commune'].includes(form.cap))
    errors.push('Cấp thực hiện không hợp lệ.');
  if (form.mucDo && !['none', 'partial', 'full'].includes(form.mucDo))
    errors.push('Mức độ dịch vụ công không hợp lệ.');
  const query2: CatalogueQuery = {
    q: form.q || undefined,
    field: form.linhVuc || undefined,
    level: (form.cap || undefined) as CatalogueQuery['level'],
    onlineLevel: (form.mucDo || undefined) as CatalogueQuery['onlineLevel'],
    cursor: form.sau || undefined,
    limit: 20,
  };
  return { form, errors, query: query2 };
}

/*
 * The catalogue of administrative procedures as open data (/api/v1/open/thu-tuc…), without signing in,
 * with the anonymous rate limit of every public page. Everything in a procedure is public (it is what
 * the national database publishes); retired procedures are not listed.
 */

const NO_PROCEDURE = 'Thủ tục này không có trong danh mục thủ tục hành chính đang áp dụng.';
const codeParams = z.object({ code: z.string().trim().min(1).max(60) });

export const catalogueRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.services;
  // Public pages and open data write nothing and tolerate a short lag: the read replica serves them.
  const db = readerOf(app.services);
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

  // The public pages (server-rendered, without JavaScript): the search and one procedure.
  app.get('/cong-khai/thu-tuc', { config: pub, schema: { hide: true } }, async (req, reply) => {
    const fields = await catalogueFields(db);
    const { form, errors, query } = readCatalogueForm(req.query as Record<string, unknown>, fields);
    let page = { items: [], nextCursor: null } as Awaited<ReturnType<typeof searchCatalogue>>;
    if (!errors.length)
      try {
        page = await searchCatalogue(db, query);
      } catch (e) {
        // A stale or edited "Trang sau" address: said on the page, never a 500.
        if (e instanceof AppError && e.status === 400) errors.push(e.detail);
        else throw e;
      }
    const body = renderCataloguePage({ form, fields, errors, page });
    if (errors.length)
      return reply
        .status(400)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(body);
    return sendPublicHtml(req, reply, body, 60);
  });

  app.get(
    '/cong-khai/thu-tuc/:code',
    { config: pub, schema: { hide: true, params: z.object({ code: z.string().max(100) }) } },
    async (req, reply) => {
      const p = await publicProcedure(db, req.params.code.trim());
      if (!p) return publicNotFound(req, reply, NO_PROCEDURE);
      return sendPublicHtml(req, reply, renderProcedurePage(p), 60);
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

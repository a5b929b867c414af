import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  indicatorCode,
  openCataloguePage,
  openCatalogueQuery,
  openValuesPage,
  openValuesQuery,
} from '../../../shared/schemas/indicators-analysis.ts';
import { readerOf } from '../../platform/context.ts';
import { openCatalogue, openValues, toCsv } from './open.ts';

/**
 * Open data (dữ liệu mở), without signing in: the catalogue of open indicators and their values
 * from approved reports. JSON by default, `?format=csv` for CSV (the next page's cursor then in the
 * `x-next-cursor` header). Stable URLs.
 */
export const openRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['open-data'];
  const config = { permission: 'public' as const };

  app.get(
    '/api/v1/open/indicators',
    {
      config,
      schema: {
        tags,
        summary: 'Danh mục chỉ tiêu KT-XH công khai (dữ liệu mở)',
        querystring: openCatalogueQuery,
        response: { 200: openCataloguePage },
      },
    },
    async (req, reply) => {
      const page = await openCatalogue(readerOf(app.services), req.query);
      if (req.query.format === 'csv') {
        if (page.nextCursor) reply.header('x-next-cursor', page.nextCursor);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="chi-tieu.csv"')
          .send(toCsv(['code', 'name', 'group', 'unit', 'periodicity', 'aggregation'], page.items) as never);
      }
      return page;
    },
  );

  app.get(
    '/api/v1/open/indicators/:code/values',
    {
      config,
      schema: {
        tags,
        summary: 'Số liệu đã được phê duyệt của một chỉ tiêu công khai (dữ liệu mở)',
        params: z.object({ code: indicatorCode }),
        querystring: openValuesQuery,
        response: { 200: openValuesPage },
      },
    },
    async (req, reply) => {
      const page = await openValues(readerOf(app.services), req.params.code, req.query);
      if (req.query.format === 'csv') {
        if (page.nextCursor) reply.header('x-next-cursor', page.nextCursor);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${req.params.code}.csv"`)
          .send(
            toCsv(['indicator', 'period', 'agencyCode', 'option', 'value', 'status'], page.items) as never,
          );
      }
      return page;
    },
  );
};

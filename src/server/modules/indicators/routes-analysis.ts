import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { itemsOf, okView } from '../../../shared/schemas/common.ts';
import {
  dashboardInput,
  dashboardQuery,
  dashboardValuesView,
  dashboardView,
  rankingQuery,
  rankingView,
  rollupQuery,
  rollupView,
} from '../../../shared/schemas/indicators-analysis.ts';
import { ctxOf, readCtxOf } from '../../platform/http/ctx.ts';
import { dashboardValues, ranking, rollupSeries, seriesCsv, seriesXlsx } from './analysis.ts';
import {
  createDashboard,
  deleteDashboard,
  getDashboard,
  listDashboards,
  presentDashboard,
  updateDashboard,
} from './dashboards.ts';

/** Routes of the indicators module: analysis and dashboards (see /work/notes/ind-design.md). */
// The analysis reads (roll-ups, rankings, dashboard values, their exports) tolerate a short lag: they
// run on the read replica when there is one (readCtxOf); dashboards' own settings stay on the primary.
export const analysisRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['indicators'];
  const config = { permission: 'indicators.read' as const };
  const base = '/api/v1/indicators';

  app.get(
    `${base}/analysis/rollup`,
    {
      config,
      schema: {
        tags,
        summary: 'Số liệu tổng hợp của một chỉ tiêu tại một đơn vị theo kỳ (cùng kỳ, tăng trưởng, kế hoạch)',
        querystring: rollupQuery,
        response: { 200: rollupView },
      },
    },
    async (req) => rollupSeries(readCtxOf(req), req.query),
  );

  app.get(
    `${base}/analysis/ranking`,
    {
      config,
      schema: {
        tags,
        summary: 'Xếp hạng các đơn vị trực thuộc theo giá trị chỉ tiêu trong một kỳ',
        querystring: rankingQuery,
        response: { 200: rankingView },
      },
    },
    async (req) => ranking(readCtxOf(req), req.query),
  );

  app.get(
    `${base}/analysis/dashboard`,
    {
      config,
      schema: {
        tags,
        summary: 'Giá trị nhiều chỉ tiêu tại một đơn vị trong một kỳ, so với cùng kỳ',
        querystring: dashboardQuery,
        response: { 200: dashboardValuesView },
      },
    },
    async (req) => dashboardValues(readCtxOf(req), req.query),
  );

  app.get(
    `${base}/analysis/series.csv`,
    { config, schema: { tags, summary: 'Xuất chuỗi số liệu tổng hợp (CSV)', querystring: rollupQuery } },
    async (req, reply) => {
      const v = await rollupSeries(readCtxOf(req), req.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${v.indicator.code}-${req.query.from}-${req.query.to}.csv"`,
        )
        .send(seriesCsv(v));
    },
  );

  app.get(
    `${base}/analysis/series.xlsx`,
    { config, schema: { tags, summary: 'Xuất chuỗi số liệu tổng hợp (Excel)', querystring: rollupQuery } },
    async (req, reply) => {
      const v = await rollupSeries(readCtxOf(req), req.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="${v.indicator.code}-${req.query.from}-${req.query.to}.xlsx"`,
        )
        .send(await seriesXlsx(v));
    },
  );

  // Dashboards: each person's own.
  const idParams = z.object({ id: z.uuid() });
  app.get(
    `${base}/dashboards`,
    {
      config,
      schema: { tags, summary: 'Bảng điều khiển của tôi', response: { 200: itemsOf(dashboardView) } },
    },
    async (req) => ({ items: (await listDashboards(ctxOf(req))).map(presentDashboard) }),
  );
  app.get(
    `${base}/dashboards/pinned`,
    {
      config,
      schema: {
        tags,
        summary: 'Bảng điều khiển đã ghim (trang chủ)',
        response: { 200: itemsOf(dashboardView) },
      },
    },
    async (req) => ({ items: (await listDashboards(ctxOf(req), true)).map(presentDashboard) }),
  );
  app.get(
    `${base}/dashboards/:id`,
    { config, schema: { tags, params: idParams, response: { 200: dashboardView } } },
    async (req) => presentDashboard(await getDashboard(ctxOf(req), req.params.id)),
  );
  app.post(
    `${base}/dashboards`,
    {
      config,
      schema: {
        tags,
        summary: 'Tạo bảng điều khiển',
        body: dashboardInput,
        response: { 201: dashboardView },
      },
    },
    async (req, reply) => reply.code(201).send(presentDashboard(await createDashboard(ctxOf(req), req.body))),
  );
  app.put(
    `${base}/dashboards/:id`,
    {
      config,
      schema: {
        tags,
        summary: 'Sửa bảng điều khiển',
        params: idParams,
        body: dashboardInput,
        response: { 200: dashboardView },
      },
    },
    async (req) => presentDashboard(await updateDashboard(ctxOf(req), req.params.id, req.body)),
  );
  app.delete(
    `${base}/dashboards/:id`,
    { config, schema: { tags, summary: 'Xoá bảng điều khiển', params: idParams, response: { 200: okView } } },
    async (req) => {
      await deleteDashboard(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
};

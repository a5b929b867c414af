import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  dutiesReplySchema,
  measuresQuerySchema,
  measuresReplySchema,
  recordsQuerySchema,
  recordsReplySchema,
  settingsReplySchema,
  settingsSchema,
  trendQuerySchema,
  trendReplySchema,
} from '../../../shared/reports/measures.ts';
import { roleAllows } from '../../platform/access/permissions.ts';
import { audit } from '../../platform/audit/index.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import { notFound } from '../../platform/http/errors.ts';
import { findAgency } from '../agencies/index.ts';
import { computeMeasures, itAgencyId, measureRecords, measureTrend } from './measures.ts';
import { reportSettings } from './schema.ts';
import { isConsolidator } from './templates.ts';
import { measuresXlsx } from './xlsx.ts';

/** The measured figures (issue 20): the ranked table, the trend, the records behind, the settings. */
export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['reports'];
  const measures = { permission: 'reports.measures' as const };

  app.get(
    '/api/v1/reports/measures',
    {
      config: measures,
      schema: {
        tags,
        summary:
          'Số liệu đo từ hệ thống của mỗi đơn vị trong một kỳ (văn bản, hồ sơ, dịch vụ công, phản ánh)',
        querystring: measuresQuerySchema,
        response: { 200: measuresReplySchema },
      },
    },
    async (req) => computeMeasures(ctxOf(req), req.query),
  );

  app.get(
    '/api/v1/reports/measures.xlsx',
    {
      config: measures,
      schema: { tags, summary: 'Bảng số liệu đo được của kỳ, tệp Excel', querystring: measuresQuerySchema },
    },
    async (req, reply) => {
      const view = await computeMeasures(ctxOf(req), req.query);
      const name = `So-lieu-do-duoc-${view.label.replace(/[^\p{L}\p{N}]+/gu, '-')}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('cache-control', 'private, no-store')
        .send(await measuresXlsx(view));
    },
  );

  app.get(
    '/api/v1/reports/measures/trend',
    {
      config: measures,
      schema: {
        tags,
        summary: 'Số liệu đo được theo từng tháng của một năm (xu hướng)',
        querystring: trendQuerySchema,
        response: { 200: trendReplySchema },
      },
    },
    async (req) => measureTrend(ctxOf(req), req.query),
  );

  app.get(
    '/api/v1/reports/measures/records',
    {
      config: measures,
      schema: {
        tags,
        summary: 'Các văn bản được tính vào một số liệu của cơ quan mình (tử số hoặc mẫu số)',
        querystring: recordsQuerySchema,
        response: { 200: recordsReplySchema },
      },
    },
    async (req) => measureRecords(ctxOf(req), req.query),
  );

  // Whether the signed-in person does the IT department's work on reports: every officer, head and
  // leader holds the permission, only the IT department's people (and the administrator) use it, so
  // the menu shows "Tổng hợp báo cáo" to them alone.
  app.get(
    '/api/v1/reports/duties',
    {
      config: { permission: 'authenticated' as const },
      schema: {
        tags,
        summary: 'Người đang đăng nhập có làm công việc tổng hợp báo cáo của cơ quan chuyên trách CNTT không',
        response: { 200: dutiesReplySchema },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const role = ctx.actor.role;
      return {
        consolidate: !!role && roleAllows(role, 'reports.consolidate') && (await isConsolidator(ctx)),
      };
    },
  );

  app.get(
    '/api/v1/reports/settings',
    {
      config: measures,
      schema: {
        tags,
        summary: 'Cơ quan chuyên trách công nghệ thông tin của tỉnh',
        response: { 200: settingsReplySchema },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const id = await itAgencyId(ctx.db);
      return { itAgencyId: id, itAgencyName: id ? ((await findAgency(ctx.db, id))?.name ?? null) : null };
    },
  );

  app.put(
    '/api/v1/reports/settings',
    {
      config: { permission: 'reports.settings' as const },
      schema: {
        tags,
        summary: 'Chọn cơ quan chuyên trách công nghệ thông tin (thẩm định kế hoạch, tổng hợp báo cáo)',
        body: settingsSchema,
        response: { 200: settingsReplySchema },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const { itAgencyId: id } = req.body;
      const agency = id ? await findAgency(ctx.db, id) : null;
      if (id && (!agency || agency.kind === 'division' || agency.status !== 'active'))
        throw notFound('Cơ quan');
      await ctx.db.transaction(async (tx) => {
        await tx
          .insert(reportSettings)
          .values({ id: true, itAgencyId: id, updatedAt: ctx.now() })
          .onConflictDoUpdate({ target: reportSettings.id, set: { itAgencyId: id, updatedAt: ctx.now() } });
        await audit(tx, ctx.actor, {
          action: 'reports.settings.update',
          entityType: 'report_settings',
          detail: { itAgencyId: id },
        });
      });
      return { itAgencyId: id, itAgencyName: agency?.name ?? null };
    },
  );
};

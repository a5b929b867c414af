import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  figureDossiersQuerySchema,
  figureDossiersReplySchema,
  figurePeriodSchema,
  figuresReplySchema,
} from '../../../../shared/services/figures.ts';
import { ctxOf } from '../../../platform/http/ctx.ts';
import { computeFigures, figureDossiers } from './compute.ts';
import { figuresXlsx } from './xlsx.ts';

/** The QĐ 766 figures of public services and the dossiers behind each (issue 18). */
export const figuresRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['services-figures'];
  const config = { permission: 'services.figures' as const };

  app.get(
    '/api/v1/services/figures',
    {
      config,
      schema: {
        tags,
        summary: 'Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766) của một đơn vị hoặc toàn tỉnh trong một kỳ',
        querystring: figurePeriodSchema,
        response: { 200: figuresReplySchema },
      },
    },
    async (req) => computeFigures(ctxOf(req), req.query),
  );

  app.get(
    '/api/v1/services/figures/dossiers',
    {
      config,
      schema: {
        tags,
        summary: 'Các hồ sơ được tính vào một chỉ số (tử số hoặc mẫu số)',
        querystring: figureDossiersQuerySchema,
        response: { 200: figureDossiersReplySchema },
      },
    },
    async (req) => figureDossiers(ctxOf(req), req.query),
  );

  app.get(
    '/api/v1/services/figures.xlsx',
    {
      config,
      schema: { tags, summary: 'Chỉ số phục vụ (QĐ 766) của kỳ, tệp Excel', querystring: figurePeriodSchema },
    },
    async (req, reply) => {
      const view = await computeFigures(ctxOf(req), req.query);
      const name = `Chi-so-QD766-${view.label.replace(/[^\p{L}\p{N}]+/gu, '-')}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(await figuresXlsx(view));
    },
  );
};

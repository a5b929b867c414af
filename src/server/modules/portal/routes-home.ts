import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { homeView } from '../../../shared/schemas/portal-home.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import { portalHome } from './home.ts';

/** The portal home: one request, everything a leader looks at in the morning. */
export const homeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/portal/home',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['portal'],
        summary:
          'Trang điều hành: lịch hôm nay và tuần này, thông báo mới, nhiệm vụ đến hạn, văn bản chờ xử lý',
        response: { 200: homeView },
      },
    },
    async (req) => portalHome(ctxOf(req)),
  );
};

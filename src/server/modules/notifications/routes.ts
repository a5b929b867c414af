import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okView } from '../../../shared/schemas/common.ts';
import { notificationListQuery, notificationPage } from '../../../shared/schemas/notifications.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import * as service from './service.ts';

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['notifications'];
  app.get(
    '/api/v1/notifications',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Thông báo của tôi (chuông), mới nhất trước',
        querystring: notificationListQuery,
        response: { 200: notificationPage },
      },
    },
    async (req) => {
      const r = await service.list(ctxOf(req), { ...req.query, unread: req.query.unread === 'true' });
      return {
        items: r.items.map((n) => ({
          id: n.id,
          kind: n.kind,
          title: n.title,
          body: n.body,
          link: n.link,
          createdAt: n.createdAt.toISOString(),
          read: n.readAt !== null,
        })),
        unread: r.unread,
        nextCursor: r.nextCursor,
      };
    },
  );
  app.post(
    '/api/v1/notifications/:id/read',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        params: z.object({ id: z.union([z.uuid(), z.literal('all')]) }),
        response: { 200: okView },
      },
    },
    async (req) => {
      await service.markRead(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
};

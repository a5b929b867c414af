import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/ctx.ts';
import { pageQuery } from '../../platform/http/pagination.ts';
import * as service from './service.ts';

const item = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['notifications'];
  app.get(
    '/api/v1/notifications',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Thông báo của tôi (chuông), mới nhất trước',
        querystring: pageQuery(100, 20).extend({ unread: z.enum(['true', 'false']).optional() }),
        response: {
          200: z.object({
            items: z.array(item),
            unread: z.number().int(),
            nextCursor: z.string().nullable(),
          }),
        },
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
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      await service.markRead(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
};

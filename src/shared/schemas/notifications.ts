import { z } from 'zod';
import { pageQuery } from './common.ts';

/** A notice of the bell. */
export const notificationView = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type NotificationView = z.infer<typeof notificationView>;

export const notificationListQuery = pageQuery(100, 20).extend({
  unread: z.enum(['true', 'false']).optional(),
});

/** A page of notices, with how many are unread in all. */
export const notificationPage = z.object({
  items: z.array(notificationView),
  unread: z.number().int(),
  nextCursor: z.string().nullable(),
});
export type NotificationPage = z.infer<typeof notificationPage>;

import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from '../../db/columns.ts';
import { people } from '../people/schema.ts';

/** In-app notices (the bell): what waits for a person. Mail delivery of the same notices comes later. */
export const notifications = pgTable(
  'notifications',
  {
    id: idColumn(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** e.g. document.submitted, document.assigned, document.review, document.returned, document.arrived, document.due_soon */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    /** Path in the web app, e.g. /van-ban/<id>. */
    link: text('link'),
    /** At most one notice per key (reminders are not repeated). */
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_person_idx').on(t.personId, t.createdAt, t.id),
    index('notifications_unread_idx').on(t.personId).where(sql`read_at IS NULL`),
    uniqueIndex('notifications_dedupe_uq').on(t.personId, t.dedupeKey),
  ],
);

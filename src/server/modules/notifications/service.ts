import { and, asc, desc, eq, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { insertRowsSql } from '../../db/bulk.ts';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.ts';
import { enqueueSelectSql } from '../../platform/jobs/index.ts';
import { noticeJob } from '../mail/index.ts';
import { notifications } from './schema.ts';

export interface Notice {
  kind: string;
  title: string;
  body?: string | null;
  link?: string | null;
  dedupeKey?: string;
}

/**
 * Notifies people, inside the caller's transaction (so a notice exists iff its cause does). New
 * notices also get a `mail.notice` job in the same transaction: the mail module sends them by e-mail
 * at once or in the daily digest, per each person's preference.
 */
export async function notify(
  db: Db,
  personIds: (string | null | undefined)[],
  notice: Notice,
): Promise<void> {
  await notifyMany(db, [{ personIds, notice }]);
}

/**
 * Many notices as two WITH items of the caller's statement (`notices`, then their `mail.notice`
 * job), so a hot path (a release to agencies here, a batch of arrivals) adds no round trip.
 */
export function noticesSql(
  list: { personIds: (string | null | undefined)[]; notice: Notice }[],
  opts: { from?: SQL } = {},
): SQL | null {
  const values = list.flatMap(({ personIds, notice }) =>
    [...new Set(personIds.filter((x): x is string => !!x))].map((personId) => ({
      personId,
      kind: notice.kind,
      title: notice.title,
      body: notice.body ?? null,
      link: notice.link ?? null,
      dedupeKey: notice.dedupeKey ?? null,
    })),
  );
  if (values.length === 0) return null;
  return sql`notices AS (${insertRowsSql(notifications, values, opts)} ON CONFLICT DO NOTHING RETURNING id),
      ${enqueueSelectSql('notices_mail', noticeJob, {
        payload: sql`jsonb_build_object('ids', jsonb_agg(id))`,
        from: sql`FROM notices HAVING count(*) > 0`,
      })}`;
}

/** Many notices in one statement, with one `mail.notice` job for all of them. */
export async function notifyMany(
  db: Db,
  list: { personIds: (string | null | undefined)[]; notice: Notice }[],
): Promise<void> {
  const items = noticesSql(list);
  if (items) await db.execute(sql`WITH ${items} SELECT 1`);
}

export type NoticeRow = typeof notifications.$inferSelect;

/** These notices (ids not found are left out), oldest first: e.g. to mail them. */
export async function findNotices(db: Db, ids: string[]): Promise<NoticeRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(notifications)
    .where(inArray(notifications.id, ids))
    .orderBy(asc(notifications.createdAt), asc(notifications.id));
}

export async function list(ctx: Ctx, q: { limit: number; cursor?: string; unread?: boolean }) {
  // uuid v7 ids are time-ordered: the id alone is an exact keyset cursor.
  const after = decodeCursor(q.cursor, 1) as [string] | null;
  const me = ctx.actor.personId;
  const r = await ctx.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.personId, me),
        q.unread ? isNull(notifications.readAt) : undefined,
        after ? lt(notifications.id, after[0]) : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(q.limit + 1);
  const items = r.slice(0, q.limit);
  const [{ n }] = (await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.personId, me), isNull(notifications.readAt)))) as [{ n: number }];
  const last = items[items.length - 1];
  return {
    items,
    unread: n,
    nextCursor: r.length > q.limit && last ? encodeCursor([last.id]) : null,
  };
}

export async function markRead(ctx: Ctx, id: string | 'all') {
  await ctx.db
    .update(notifications)
    .set({ readAt: ctx.now() })
    .where(
      and(
        eq(notifications.personId, ctx.actor.personId),
        isNull(notifications.readAt),
        id === 'all' ? undefined : eq(notifications.id, id),
      ),
    );
}

import { sql } from 'drizzle-orm';
import { vnDate } from '../../../shared/calendar/index.ts';
import type { Role } from '../../../shared/roles.ts';
import type { HomeEntryView, HomeView } from '../../../shared/schemas/portal-home.ts';
import { addDays, isoWeekOf, mondayOf } from '../../../shared/schemas/portal-schedule.ts';
import { rows } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { waitingCounts } from '../documents/index.ts';
import { unreadAnnouncements } from './announcements.ts';
import { pressingTasks, taskCountsFor } from './tasks.ts';

/** Monday to Sunday around a calendar day, with its ISO week number ("Tuần thứ N năm Y"). */
export function weekAround(day: string): { isoYear: number; isoWeek: number; from: string; to: string } {
  const from = mondayOf(day);
  return { ...isoWeekOf(day), from, to: addDays(from, 6) };
}

/** The document boxes whose counts a role's home shows (its waiting work, then what is overdue). */
function boxesFor(role: Role | null) {
  if (role === 'clerk') return ['to_register', 'to_release', 'overdue'] as const;
  if (role === 'agency_leader') return ['to_direct', 'to_review', 'overdue'] as const;
  if (role === 'division_head') return ['to_handle', 'to_review', 'overdue'] as const;
  if (role === 'officer') return ['to_handle', 'drafts', 'overdue'] as const;
  return [] as const;
}

/**
 * This week's entries for the person: those they chair, attend or follow (published weeks and their
 * own meetings) and the published schedule of their agency, once each, in time order.
 */
async function weekEntries(ctx: Ctx, from: string, to: string): Promise<HomeEntryView[]> {
  const me = ctx.actor.personId;
  const agency = ctx.actor.agencyId;
  return rows<HomeEntryView>(
    ctx.db,
    sql`WITH mine AS (
          SELECT DISTINCT p.entry_id FROM schedule_entry_people p WHERE p.person_id = ${me}
        )
        SELECT e.id, e.day::text AS day, e.session, e.starts_at AS "startsAt", e.ends_at AS "endsAt",
               e.content, e.place, e.chair_text AS "chairText", e.status,
               (e.id IN (SELECT entry_id FROM mine)) AS mine, (e.week_id IS NULL) AS meeting
          FROM schedule_entries e
          LEFT JOIN schedule_weeks w ON w.id = e.week_id
          LEFT JOIN schedules s ON s.id = w.schedule_id
         WHERE e.day BETWEEN ${from}::date AND ${to}::date
           AND (e.week_id IS NULL OR w.status = 'published')
           AND (e.id IN (SELECT entry_id FROM mine)
                OR (${agency}::uuid IS NOT NULL AND s.agency_id = ${agency}::uuid))
         ORDER BY e.starts_at, e.id
         LIMIT 200`,
  ).then((list) =>
    list.map((e) => ({
      ...e,
      startsAt: new Date(e.startsAt).toISOString(),
      endsAt: e.endsAt ? new Date(e.endsAt).toISOString() : null,
    })),
  );
}

/** Unread announcements are counted up to this many (then "50+"). */
const UNREAD_CAP = 50;

export async function portalHome(ctx: Ctx): Promise<HomeView> {
  const today = vnDate(ctx.now());
  const week = weekAround(today);
  const schedule = await weekEntries(ctx, week.from, week.to);
  const unread = await unreadAnnouncements(ctx.db, ctx.actor, UNREAD_CAP + 1, ctx.now());
  const counts = await taskCountsFor(ctx.db, ctx.actor, ctx.now());
  const pressing = await pressingTasks(ctx.db, ctx.actor, 5, ctx.now());
  const documents = ctx.actor.agencyId ? await waitingCounts(ctx, boxesFor(ctx.actor.role)) : [];
  return {
    today,
    week,
    schedule,
    announcements: {
      unread: Math.min(unread.length, UNREAD_CAP),
      more: unread.length > UNREAD_CAP,
      items: unread.slice(0, 5),
    },
    tasks: { ...counts, items: pressing },
    documents,
  };
}

import { sql } from 'drizzle-orm';
import { vnDate } from '../../../shared/calendar/index.ts';
import type { Role } from '../../../shared/roles.ts';
import type { HomeEntryView, HomeView } from '../../../shared/schemas/portal-home.ts';
import { rows } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { waitingCounts } from '../documents/index.ts';

/** Monday to Sunday around a calendar day, with its ISO week number. */
export function isoWeekOf(day: string): { isoYear: number; isoWeek: number; from: string; to: string } {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = new Date(d.getTime() - weekday * 86_400_000);
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  // The ISO week belongs to the year of its Thursday.
  const thursday = new Date(monday.getTime() + 3 * 86_400_000);
  const isoYear = thursday.getUTCFullYear();
  const jan1 = Date.UTC(isoYear, 0, 1);
  const isoWeek = Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1;
  const iso = (x: Date) => x.toISOString().slice(0, 10);
  return { isoYear, isoWeek, from: iso(monday), to: iso(sunday) };
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

export async function portalHome(ctx: Ctx): Promise<HomeView> {
  const today = vnDate(ctx.now());
  const week = isoWeekOf(today);
  const schedule = await weekEntries(ctx, week.from, week.to);
  const documents = ctx.actor.agencyId ? await waitingCounts(ctx, boxesFor(ctx.actor.role)) : [];
  return {
    today,
    week,
    schedule,
    announcements: { unread: 0, items: [] },
    tasks: { dueSoon: 0, overdue: 0, inProgress: 0, items: [] },
    documents,
  };
}

import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../db/client.ts';

/** An entry without an end time is taken to last an hour when looking for conflicts. */
export const DEFAULT_LENGTH_MINUTES = 60;

export interface Conflict {
  personId: string;
  entryId: string;
  startsAt: string;
  endsAt: string | null;
  content: string;
  place: string;
}

/**
 * Other active entries of these people that overlap [startsAt, endsAt) — entries of a published week
 * or meetings of their own calendar (drafts do not count: nobody has seen them). `excludeEntryId` is
 * the entry being edited.
 */
export async function conflictsFor(
  db: Db,
  personIds: readonly string[],
  startsAt: Date,
  endsAt: Date | null,
  excludeEntryId: string | null = null,
): Promise<Conflict[]> {
  if (personIds.length === 0) return [];
  const end = endsAt ?? new Date(startsAt.getTime() + DEFAULT_LENGTH_MINUTES * 60_000);
  return rows<Conflict>(
    db,
    sql`SELECT DISTINCT p.person_id AS "personId", e.id AS "entryId", e.starts_at AS "startsAt",
               e.ends_at AS "endsAt", e.content, e.place
          FROM schedule_entry_people p
          JOIN schedule_entries e ON e.id = p.entry_id
          LEFT JOIN schedule_weeks w ON w.id = e.week_id
         WHERE p.person_id = ANY(${sql.param([...personIds])}::uuid[])
           AND e.status = 'active'
           AND (e.week_id IS NULL OR w.status = 'published')
           AND (${excludeEntryId}::uuid IS NULL OR e.id <> ${excludeEntryId}::uuid)
           AND e.starts_at < ${end.toISOString()}::timestamptz
           AND COALESCE(e.ends_at, e.starts_at + make_interval(mins => ${DEFAULT_LENGTH_MINUTES}))
               > ${startsAt.toISOString()}::timestamptz
         ORDER BY e.starts_at`,
  );
}

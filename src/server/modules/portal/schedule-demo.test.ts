import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { vnDate } from '../../../shared/calendar/vn-time.ts';
import { addDays, mondayOf } from '../../../shared/schemas/portal-schedule.ts';
import { seedDemo } from '../../demo/seed.ts';

// The demo province's schedule, as the whole demo seed leaves it: last week published, this week
// published and adjusted once, next week a draft, all relative to today.
describe.each(ENGINES)('the demo schedule on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.cleanup());

  it('seeds the Thường trực UBND tỉnh schedule around this week, once', async () => {
    await seedDemo(t.database.db, 'Demo-password-2026');
    const monday = mondayOf(vnDate(new Date()));
    const s = await t.database.query<{ title: string; is_public: boolean; office: string }>(
      `SELECT s.title, s.is_public, o.name AS office FROM schedules s JOIN agencies o ON o.id = s.office_agency_id`,
    );
    expect(s).toEqual([
      {
        title: 'Lịch công tác của Thường trực UBND tỉnh',
        is_public: true,
        office: 'Văn phòng Ủy ban nhân dân tỉnh',
      },
    ]);
    const weeks = await t.database.query<{ week_start: string; status: string; revision: number; n: number }>(
      `SELECT w.week_start::text, w.status, w.revision,
              (SELECT count(*)::int FROM schedule_entries e WHERE e.week_id = w.id) AS n
         FROM schedule_weeks w ORDER BY w.week_start`,
    );
    expect(weeks).toEqual([
      { week_start: addDays(monday, -7), status: 'published', revision: 0, n: 5 },
      { week_start: monday, status: 'published', revision: 1, n: 12 },
      { week_start: addDays(monday, 7), status: 'draft', revision: 0, n: 3 },
    ]);
    const versions = await t.database.query<{ revision: number; note: string | null }>(
      `SELECT v.revision, v.change_note AS note FROM schedule_week_versions v
         JOIN schedule_weeks w ON w.id = v.week_id WHERE w.week_start = $1 ORDER BY v.revision`,
      [monday],
    );
    expect(versions.map((v) => v.revision)).toEqual([0, 1]);
    expect(versions[1]!.note).toMatch(/15:30/);
    const chairs = await t.database.query<{ username: string }>(
      `SELECT DISTINCT p.username FROM schedule_entry_people x JOIN people p ON p.id = x.person_id
        WHERE x.role = 'chair' ORDER BY 1`,
    );
    expect(chairs.map((c) => c.username)).toEqual(['lanhdao.ubnd', 'phochutich.ubnd']);
    await seedDemo(t.database.db, 'Demo-password-2026');
    expect((await t.database.query('SELECT id FROM schedule_entries')).length).toBe(20);
  });
});

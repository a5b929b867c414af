import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signIn, type TestApp } from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import { makeAgencyWithStaff } from '../../../../test/helpers/factories.ts';
import { vnDate } from '../../../shared/calendar/index.ts';
import type { HomeView } from '../../../shared/schemas/portal-home.ts';
import type { Db } from '../../db/client.ts';
import { conflictsFor } from './conflicts.ts';
import { weekAround } from './home.ts';
import {
  announcements,
  scheduleEntries,
  scheduleEntryPeople,
  schedules,
  scheduleWeeks,
  taskAgencies,
  tasks,
} from './schema.ts';

describe('weekAround', () => {
  it('gives Monday to Sunday and the ISO week number, across a year end', () => {
    expect(weekAround('2026-12-04')).toEqual({
      isoYear: 2026,
      isoWeek: 49,
      from: '2026-11-30',
      to: '2026-12-06',
    });
    expect(weekAround('2027-01-01')).toEqual({
      isoYear: 2026,
      isoWeek: 53,
      from: '2026-12-28',
      to: '2027-01-03',
    });
    expect(weekAround('2024-12-30')).toEqual({
      isoYear: 2025,
      isoWeek: 1,
      from: '2024-12-30',
      to: '2025-01-05',
    });
  });
});

describe.each(ENGINES)('portal home and conflicts on %s', (engine) => {
  let t: TestApp;
  let db: Db;
  let staff: Awaited<ReturnType<typeof makeAgencyWithStaff>>;
  let other: Awaited<ReturnType<typeof makeAgencyWithStaff>>;
  const today = vnDate(new Date());
  const week = weekAround(today);
  const at = (time: string, day = today) => new Date(`${day}T${time}:00+07:00`);

  const entry = async (
    weekId: string | null,
    agencyId: string,
    o: { time: string; content: string; people?: string[]; status?: 'active' | 'cancelled' },
  ) => {
    const [e] = await db
      .insert(scheduleEntries)
      .values({
        agencyId,
        weekId,
        day: today,
        session: o.time < '12:00' ? 'morning' : 'afternoon',
        startsAt: at(o.time),
        content: o.content,
        place: 'Phòng họp 1',
        status: o.status ?? 'active',
        source: weekId ? 'schedule' : 'invitation',
        isPublic: weekId !== null,
      })
      .returning();
    for (const p of o.people ?? [])
      await db.insert(scheduleEntryPeople).values({ entryId: e!.id, personId: p, role: 'participant' });
    return e!;
  };

  beforeAll(async () => {
    t = await makeTestApp(engine);
    db = t.database.db;
    staff = await makeAgencyWithStaff(db);
    other = await makeAgencyWithStaff(db);
    const [s] = await db
      .insert(schedules)
      .values({ agencyId: staff.agency.id, officeAgencyId: staff.agency.id, title: 'Lịch công tác' })
      .returning();
    const [o] = await db
      .insert(schedules)
      .values({ agencyId: other.agency.id, officeAgencyId: other.agency.id, title: 'Lịch công tác' })
      .returning();
    const [published] = await db
      .insert(scheduleWeeks)
      .values({
        scheduleId: s!.id,
        weekStart: week.from,
        isoYear: week.isoYear,
        isoWeek: week.isoWeek,
        status: 'published',
      })
      .returning();
    const [draft] = await db
      .insert(scheduleWeeks)
      .values({ scheduleId: o!.id, weekStart: week.from, isoYear: week.isoYear, isoWeek: week.isoWeek })
      .returning();
    await entry(published!.id, staff.agency.id, { time: '08:00', content: 'Giao ban đầu tuần' });
    await entry(published!.id, staff.agency.id, {
      time: '14:00',
      content: 'Họp bị hoãn',
      status: 'cancelled',
    });
    await entry(null, staff.agency.id, {
      time: '09:00',
      content: 'Dự họp theo giấy mời',
      people: [staff.leader.id],
    });
    // Another agency's draft, even with our leader in it, is nobody's business yet.
    await entry(draft!.id, other.agency.id, {
      time: '09:30',
      content: 'Lịch nháp của đơn vị khác',
      people: [staff.leader.id],
    });
    // A task the other agency gave this one, overdue since yesterday; an announcement to everyone.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const [task] = await db
      .insert(tasks)
      .values({
        assignerAgencyId: other.agency.id,
        leadAgencyId: staff.agency.id,
        content: 'Báo cáo tiến độ giải ngân',
        sourceKind: 'conclusion',
        assignedOn: '2026-01-05',
        dueOn: yesterday,
      })
      .returning();
    await db.insert(taskAgencies).values({ taskId: task!.id, agencyId: staff.agency.id, role: 'lead' });
    await db
      .insert(announcements)
      .values({ agencyId: other.agency.id, title: 'Lịch nghỉ Tết', body: 'Nội dung', audience: 'all' });
  });
  afterAll(() => t.close());

  it('shows the leader today’s entries of their agency and their own meetings, not drafts', async () => {
    const c = await signIn(t.app, staff.leader.username);
    const res = await c.get('/api/v1/portal/home');
    expect(res.statusCode).toBe(200);
    const home = res.json() as HomeView;
    expect(home.today).toBe(today);
    expect(home.week).toEqual(week);
    expect(home.schedule.map((e) => [e.content, e.mine, e.meeting, e.status])).toEqual([
      ['Giao ban đầu tuần', false, false, 'active'],
      ['Dự họp theo giấy mời', true, true, 'active'],
      ['Họp bị hoãn', false, false, 'cancelled'],
    ]);
    expect(home.documents.map((d) => d.box)).toEqual(['to_direct', 'to_review', 'overdue']);
    expect(home.tasks).toMatchObject({ overdue: 1, dueSoon: 0 });
    expect(home.tasks.items.map((k) => [k.content, k.overdue, k.leadAgencyName])).toEqual([
      ['Báo cáo tiến độ giải ngân', true, staff.agency.name],
    ]);
    expect(home.announcements).toMatchObject({ unread: 1, more: false });
    expect(home.announcements.items[0]?.title).toBe('Lịch nghỉ Tết');
  });

  it('shows another agency’s officer nothing of this agency', async () => {
    const c = await signIn(t.app, other.officer.username);
    const home = (await c.get('/api/v1/portal/home')).json() as HomeView;
    expect(home.schedule).toEqual([]);
  });

  it('needs a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/portal/home' })).statusCode).toBe(401);
  });

  it('finds a person’s overlapping entries, published or meetings, not drafts nor cancelled ones', async () => {
    const found = await conflictsFor(db, [staff.leader.id], at('08:30'), at('10:00'));
    expect(found.map((f) => f.content)).toEqual(['Dự họp theo giấy mời']);
    // Without an end, an entry is taken to last an hour: 10:00 does not meet the 09:00 meeting.
    expect(await conflictsFor(db, [staff.leader.id], at('10:00'), null)).toEqual([]);
    expect((await conflictsFor(db, [staff.leader.id], at('09:59'), null)).length).toBe(1);
    const own = found[0]!;
    expect(await conflictsFor(db, [staff.leader.id], at('08:30'), at('10:00'), own.entryId)).toEqual([]);
    expect(await conflictsFor(db, [], at('08:30'), at('10:00'))).toEqual([]);
  });
});

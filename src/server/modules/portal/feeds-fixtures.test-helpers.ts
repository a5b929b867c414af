/**
 * Test data for the feeds and the public schedule page: the schedule rows the schedule area would
 * write (published and draft weeks, entries, their people), inserted directly. Used by feeds.test.ts
 * and public-schedule.test.ts only.
 */
import { eq, sql } from 'drizzle-orm';
import { makeAgency, makePerson } from '../../../../test/helpers/factories.ts';
import type { Db } from '../../db/client.ts';
import { isoWeekOf } from './public-schedule-weeks.ts';
import {
  scheduleEntries,
  scheduleEntryAgencies,
  scheduleEntryPeople,
  schedules,
  scheduleWeeks,
} from './schema.ts';

/** Wednesday 2 December 2026, 10:00 in Vietnam: week 49 of 2026 (30/11 – 06/12). */
export const NOW = new Date('2026-12-02T03:00:00Z');

/** Marker texts that must never leave the internal side. */
export const SECRET = {
  participantName: 'Đặng Bí Mật Tham Dự',
  followingName: 'Lý Theo Dõi Nội Bộ',
  followingText: 'THEO-DOI-NOI-BO Phòng Tổng hợp',
  notes: 'GHI-CHU-NOI-BO không công bố',
  preparing: 'CHUAN-BI-NOI-BO Sở Tài chính',
  hiddenContent: 'NOI-DUNG-KHONG-CONG-KHAI họp kín',
  draftContent: 'NOI-DUNG-NHAP tuần sau',
  otherAgencyContent: 'NOI-DUNG-DON-VI-KHAC',
};

const at = (day: string, time: string) => new Date(`${day}T${time}:00+07:00`);

export interface Fixture {
  province: { id: string; agencyCode: string | null };
  office: { id: string };
  other: { id: string };
  leader: { id: string; username: string; fullName: string };
  clerk: { id: string; username: string };
  outsider: { id: string; username: string };
  secretPerson: { id: string };
  followingPerson: { id: string };
  scheduleId: string;
  week48Id: string;
  week49Id: string;
  week50Id: string;
  /** Week 49: public meeting (leader chairs), cancelled-postponed, non-public; a meeting; week 50 draft. */
  entries: {
    meeting: string;
    cancelled: string;
    hidden: string;
    own: string;
    draft: string;
    other: string;
    week48: string;
  };
}

export async function seedFeedsFixture(db: Db): Promise<Fixture> {
  const province = await makeAgency(db, {
    kind: 'province',
    name: 'Ủy ban nhân dân tỉnh Thử',
    shortName: 'UBND',
  });
  const office = await makeAgency(db, {
    parentId: province.id,
    name: 'Văn phòng UBND tỉnh Thử',
    shortName: 'VP',
  });
  const other = await makeAgency(db, { parentId: province.id, name: 'Sở Khác Thử', shortName: 'SK' });
  const leader = await makePerson(db, {
    agencyId: province.id,
    role: 'agency_leader',
    fullName: 'Trương Văn Sáu',
  });
  const clerk = await makePerson(db, { agencyId: office.id, role: 'clerk' });
  const outsider = await makePerson(db, { agencyId: other.id, role: 'officer' });
  const secretPerson = await makePerson(db, {
    agencyId: other.id,
    role: 'division_head',
    fullName: SECRET.participantName,
  });
  const followingPerson = await makePerson(db, {
    agencyId: office.id,
    role: 'officer',
    fullName: SECRET.followingName,
  });

  const [schedule] = await db
    .insert(schedules)
    .values({
      agencyId: province.id,
      officeAgencyId: office.id,
      title: 'Lịch công tác của Thường trực UBND tỉnh',
      isPublic: true,
    })
    .returning();
  const [otherSchedule] = await db
    .insert(schedules)
    .values({
      agencyId: other.id,
      officeAgencyId: other.id,
      title: 'Lịch công tác của Sở Khác',
      isPublic: false,
    })
    .returning();

  const week = async (
    scheduleId: string,
    monday: string,
    status: 'draft' | 'published',
    revision: number,
    updatedAt: Date,
  ) => {
    const w = isoWeekOf(monday);
    const [row] = await db
      .insert(scheduleWeeks)
      .values({
        scheduleId,
        weekStart: monday,
        isoYear: w.isoYear,
        isoWeek: w.isoWeek,
        status,
        revision,
        publishedAt: status === 'published' ? at(w.monday, '07:00') : null,
        publishedById: status === 'published' ? clerk.id : null,
        updatedAt,
      })
      .returning();
    return row!.id;
  };
  const week48Id = await week(schedule!.id, '2026-11-23', 'published', 0, at('2026-11-20', '16:00'));
  const week49Id = await week(schedule!.id, '2026-11-30', 'published', 1, at('2026-12-01', '14:05'));
  const week50Id = await week(schedule!.id, '2026-12-07', 'draft', 0, at('2026-12-02', '09:00'));
  const otherWeek = await week(otherSchedule!.id, '2026-11-30', 'published', 0, at('2026-11-27', '09:00'));

  const entry = async (v: Partial<typeof scheduleEntries.$inferInsert> & { day: string; startsAt: Date }) => {
    const [row] = await db
      .insert(scheduleEntries)
      .values({
        agencyId: province.id,
        session: 'morning',
        content: 'Nội dung',
        createdById: clerk.id,
        updatedAt: at(v.day, '06:00'),
        createdAt: at('2026-11-27', '08:00'),
        ...v,
      })
      .returning();
    return row!.id;
  };
  const meeting = await entry({
    weekId: week49Id,
    day: '2026-11-30',
    startsAt: at('2026-11-30', '08:00'),
    endsAt: at('2026-11-30', '10:30'),
    content: 'Họp UBND tỉnh thường kỳ tháng 12',
    place: 'Phòng họp số 1, UBND tỉnh',
    chairText: 'PCT Trương Văn Sáu',
    participantsText: 'Lãnh đạo các sở, ban, ngành tỉnh',
    preparingText: SECRET.preparing,
    followingText: SECRET.followingText,
    notes: SECRET.notes,
  });
  const cancelled = await entry({
    weekId: week49Id,
    day: '2026-12-01',
    session: 'afternoon',
    startsAt: at('2026-12-01', '14:00'),
    content: 'Kiểm tra công trình cầu Mỹ Thuận 2',
    place: 'Huyện Long Hồ',
    chairText: 'PCT Trương Văn Sáu',
    status: 'cancelled',
    sequence: 1,
    notes: 'Hoãn do mưa lớn',
  });
  const hidden = await entry({
    weekId: week49Id,
    day: '2026-12-02',
    startsAt: at('2026-12-02', '09:00'),
    content: SECRET.hiddenContent,
    place: 'Phòng họp số 2',
    isPublic: false,
  });
  const own = await entry({
    weekId: null,
    source: 'invitation',
    day: '2026-12-03',
    session: 'afternoon',
    startsAt: at('2026-12-03', '15:00'),
    endsAt: at('2026-12-03', '16:30'),
    content: 'Dự hội nghị trực tuyến của Chính phủ',
    place: 'Điểm cầu UBND tỉnh',
    isPublic: false,
  });
  const draft = await entry({
    weekId: week50Id,
    day: '2026-12-08',
    startsAt: at('2026-12-08', '08:00'),
    content: SECRET.draftContent,
  });
  const otherEntry = await entry({
    agencyId: other.id,
    weekId: otherWeek,
    day: '2026-12-04',
    startsAt: at('2026-12-04', '08:00'),
    content: SECRET.otherAgencyContent,
  });
  await db.insert(scheduleEntryPeople).values([
    { entryId: meeting, personId: leader.id, role: 'chair' },
    { entryId: meeting, personId: secretPerson.id, role: 'participant' },
    { entryId: meeting, personId: followingPerson.id, role: 'following' },
    { entryId: cancelled, personId: leader.id, role: 'chair' },
    { entryId: hidden, personId: leader.id, role: 'participant' },
    { entryId: own, personId: leader.id, role: 'participant' },
    { entryId: draft, personId: leader.id, role: 'chair' },
    { entryId: otherEntry, personId: outsider.id, role: 'chair' },
  ]);
  await db
    .insert(scheduleEntryAgencies)
    .values([{ entryId: meeting, agencyId: other.id, role: 'participant' }]);
  // Week 48: one public entry, so the pager of week 49 links back.
  const week48 = await entry({
    weekId: week48Id,
    day: '2026-11-24',
    startsAt: at('2026-11-24', '08:00'),
    content: 'Tiếp công dân định kỳ',
    place: 'Trụ sở tiếp công dân tỉnh',
  });
  return {
    province,
    office,
    other,
    leader: { id: leader.id, username: leader.username, fullName: leader.fullName },
    clerk: { id: clerk.id, username: clerk.username },
    outsider: { id: outsider.id, username: outsider.username },
    secretPerson: { id: secretPerson.id },
    followingPerson: { id: followingPerson.id },
    scheduleId: schedule!.id,
    week48Id,
    week49Id,
    week50Id,
    entries: { meeting, cancelled, hidden, own, draft, other: otherEntry, week48 },
  };
}

/** What an adjustment does to an entry (the schedule area's job): change it, raise its sequence and the week's revision. */
export async function adjustEntry(
  db: Db,
  weekId: string,
  entryId: string,
  change: Partial<typeof scheduleEntries.$inferInsert>,
  when: Date,
): Promise<void> {
  await db
    .update(scheduleEntries)
    .set({ ...change, sequence: sql`${scheduleEntries.sequence} + 1`, updatedAt: when })
    .where(eq(scheduleEntries.id, entryId));
  await db
    .update(scheduleWeeks)
    .set({ revision: sql`${scheduleWeeks.revision} + 1`, updatedAt: when })
    .where(eq(scheduleWeeks.id, weekId));
}

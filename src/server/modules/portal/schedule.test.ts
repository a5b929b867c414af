import { eq } from 'drizzle-orm';
import { getDocumentProxy, extractText as unpdfText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  expectProblem,
  makeTestApp,
  signIn,
  type TestApp,
} from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import { freshCode, makeAgency, makePerson } from '../../../../test/helpers/factories.ts';
import { exchangePeers } from '../exchange/schema.ts';
import { positions } from '../people/schema.ts';
import { seedScheduleDemo } from './demo-schedule.ts';
import { schedules } from './schema.ts';

// The province P's schedule, drafted by its office VP; D is a department of P whose officer reads it
// (and holds schedule.manage for D's own schedule, not P's). The clock says Wednesday 02/12/2026 10:00
// in Vietnam: week 2026-W49, Monday 30/11 to Sunday 06/12.
describe.each(ENGINES)('weekly work schedule on %s', (engine) => {
  let t: TestApp;
  const clock = new Date('2026-12-02T03:00:00Z');
  let scheduleId = '';
  let clerk: Client; // Văn phòng: drafts and publishes
  let vpOfficer: Client;
  let outsider: Client; // officer of department D
  let chairClient: Client;
  const ids = {} as Record<'chair' | 'pct' | 'dLeader' | 'gone' | 'D' | 'P' | 'VP' | 'clerk', string>;
  const peerCode = freshCode();
  const W = '2026-W49';
  const weekUrl = (week = W, suffix = '') => `/api/v1/portal/schedules/${scheduleId}/weeks/${week}${suffix}`;
  const entry = (over: Record<string, unknown> = {}) => ({
    day: '2026-12-01',
    session: 'morning',
    start: '08:00',
    end: '10:00',
    content: 'Họp giao ban Thường trực UBND tỉnh',
    place: 'Phòng họp số 1',
    chairId: ids.chair,
    chairText: 'CT Nguyễn Văn Chủ',
    participantIds: [ids.pct],
    participantAgencyIds: [ids.D],
    participantsText: 'Các Phó Chủ tịch; Lãnh đạo Sở D',
    ...over,
  });
  const count = async (table: string, where = 'true') =>
    (await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))[0]!.n;
  const state = async () => ({
    entries: await count('schedule_entries'),
    people: await count('schedule_entry_people'),
    weeks: await t.database.query('SELECT status, revision FROM schedule_weeks ORDER BY week_start'),
    versions: await count('schedule_week_versions'),
    audit: await count('audit_log', "action LIKE 'portal.schedule.%'"),
  });
  function problem(res: Parameters<typeof expectProblem>[0], status: number, message?: string | RegExp) {
    const p = expectProblem(res, status);
    const all = [p.detail, ...(p.fields ?? []).map((f) => f.message)];
    if (typeof message === 'string') expect(all).toContain(message);
    else if (message) expect(all.some((m) => message.test(m))).toBe(true);
    return p;
  }

  beforeAll(async () => {
    t = await makeTestApp(engine, { SESSION_CACHE_MS: '0' }, { now: () => clock });
    const db = t.database.db;
    const P = await makeAgency(db, { kind: 'province', name: 'Ủy ban nhân dân tỉnh Thử' });
    const VP = await makeAgency(db, { name: 'Văn phòng Ủy ban nhân dân tỉnh', parentId: P.id });
    const D = await makeAgency(db, { name: 'Sở Đường Thử', parentId: P.id });
    Object.assign(ids, { P: P.id, VP: VP.id, D: D.id });
    const c = await makePerson(db, { agencyId: VP.id, role: 'clerk', fullName: 'Trần Thị Văn Thư' });
    ids.clerk = c.id;
    clerk = await signIn(t.app, c.username);
    vpOfficer = await signIn(t.app, (await makePerson(db, { agencyId: VP.id, role: 'officer' })).username);
    outsider = await signIn(t.app, (await makePerson(db, { agencyId: D.id, role: 'officer' })).username);
    const chair = await makePerson(db, { agencyId: P.id, role: 'agency_leader', fullName: 'Nguyễn Văn Chủ' });
    ids.chair = chair.id;
    chairClient = await signIn(t.app, chair.username);
    ids.pct = (
      await makePerson(db, { agencyId: P.id, role: 'agency_leader', fullName: 'Trương Văn Phó' })
    ).id;
    ids.dLeader = (await makePerson(db, { agencyId: D.id, role: 'agency_leader' })).id;
    const gone = await makePerson(db, { agencyId: D.id, role: 'officer', fullName: 'Lê Đã Nghỉ' });
    ids.gone = gone.id;
    await db
      .update(positions)
      .set({ endedAt: new Date('2026-01-01') })
      .where(eqId(gone.positionId));
    const [s] = await db
      .insert(schedules)
      .values({
        agencyId: P.id,
        officeAgencyId: VP.id,
        title: 'Lịch công tác của Thường trực UBND tỉnh',
        isPublic: true,
      })
      .returning();
    scheduleId = s!.id;
    await db.insert(exchangePeers).values({
      name: 'Liên thông tỉnh Bạn',
      baseUrl: 'https://ban.example',
      agencyCodes: [peerCode],
      secret: 's',
    });
  });
  afterAll(async () => t?.close());

  it('lists the province schedule to a department officer and lets the office edit it', async () => {
    const mine = (await outsider.get('/api/v1/portal/schedules')).json();
    const s = mine.items.find((x: { id: string }) => x.id === scheduleId);
    expect(s).toMatchObject({ canEdit: false, officeName: 'Văn phòng Ủy ban nhân dân tỉnh' });
    expect(mine.canCreateOwn).toBe(true);
    const office = (await clerk.get('/api/v1/portal/schedules')).json();
    expect(office.items.find((x: { id: string }) => x.id === scheduleId).canEdit).toBe(true);
  });

  it('shows the office an empty draft of a week nobody opened, and hides it from readers', async () => {
    const res = await clerk.get(weekUrl());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: null,
      status: 'draft',
      weekStart: '2026-11-30',
      weekEnd: '2026-12-06',
      title: 'Tuần thứ 49 năm 2026 (từ ngày 30/11/2026 đến ngày 06/12/2026)',
      previousKey: '2026-W48',
      nextKey: '2026-W50',
      entries: [],
    });
    expect((await clerk.get(weekUrl('current'))).json().key).toBe(W);
    expect((await clerk.get(weekUrl('2026-12-06'))).json().key).toBe(W);
    problem(await outsider.get(weekUrl()), 404, /chưa được công bố/);
    problem(await clerk.get(weekUrl('2026-W60')), 400, /không đúng dạng/);
    problem(
      await clerk.get(`/api/v1/portal/schedules/${ids.P}/weeks/${W}`),
      404,
      'Lịch công tác không tồn tại.',
    );
  });

  let first = '';
  let second = '';
  it('drafts entries (sequence 0) that readers do not see', async () => {
    const res = await clerk.post(weekUrl(W, '/entries'), entry());
    expect(res.statusCode).toBe(200);
    const body = res.json();
    first = body.entry.id;
    expect(body.entry).toMatchObject({
      day: '2026-12-01',
      session: 'morning',
      start: '08:00',
      end: '10:00',
      chair: { id: ids.chair, name: 'Nguyễn Văn Chủ' },
      participants: [{ id: ids.pct, name: 'Trương Văn Phó' }],
      participantAgencies: [{ id: ids.D, name: 'Sở Đường Thử' }],
      sequence: 0,
      status: 'active',
    });
    expect(body.revision).toBe(0);
    const two = await clerk.post(
      weekUrl(W, '/entries'),
      entry({
        day: '2026-12-02',
        session: 'afternoon',
        start: '14:00',
        end: null,
        content: 'Họp nội bộ về công tác cán bộ',
        participantIds: [],
        participantAgencyIds: [],
        isPublic: false,
      }),
    );
    expect(two.statusCode).toBe(200);
    second = two.json().entry.id;
    const week = (await clerk.get(weekUrl())).json();
    expect(week.entries.map((e: { id: string }) => e.id)).toEqual([first, second]);
    expect(week.status).toBe('draft');
    problem(await outsider.get(weekUrl()), 404);
    // A reader learns nothing of a draft's entries either.
    problem(await outsider.patch(`/api/v1/portal/schedule-entries/${first}`, entry()), 404);
  });

  it('refuses bad entries with a precise Vietnamese message, and changes nothing', async () => {
    const before = await state();
    const bad: [Record<string, unknown>, string | RegExp][] = [
      [{ start: '09:00', end: '08:00' }, 'Giờ kết thúc 08:00 phải sau giờ bắt đầu 09:00.'],
      [
        { session: 'afternoon', start: '08:00' },
        'Giờ bắt đầu 08:00 không thuộc buổi chiều (từ 12:00 đến trước 18:00).',
      ],
      [{ session: 'evening', start: '23:30', end: null }, /không thuộc buổi tối/],
      [{ start: '8h30' }, 'Giờ bắt đầu "8h30" không đúng dạng HH:mm.'],
      [
        { day: '2026-12-07' },
        'Ngày 07/12/2026 không thuộc tuần này (từ ngày 30/11/2026 đến ngày 06/12/2026).',
      ],
      [
        { participantAgencyCodes: [peerCode] },
        `Đơn vị có mã ${peerCode} (Liên thông tỉnh Bạn) thuộc hệ thống của tỉnh/đơn vị khác; hãy gửi giấy mời qua liên thông văn bản.`,
      ],
      [{ participantAgencyCodes: ['999.99.99.Z99'] }, /Không tìm thấy đơn vị có mã định danh 999.99.99.Z99/],
      [
        { participantIds: [ids.gone] },
        'Lê Đã Nghỉ không còn công tác (không có chức vụ đang giữ), không thể ghi vào lịch.',
      ],
      [{ participantAgencyIds: [ids.chair] }, 'Đơn vị được chọn không tồn tại.'],
      [{ content: '' }, /nội dung/i],
    ];
    for (const [over, message] of bad) {
      const res = await clerk.post(weekUrl(W, '/entries'), entry(over));
      if (over.content === '') problem(res, 400, message);
      else problem(res, 422, message);
      const upd = await clerk.patch(`/api/v1/portal/schedule-entries/${first}`, entry(over));
      expect(upd.statusCode).toBe(over.content === '' ? 400 : 422);
    }
    // Someone with schedule.manage outside the office.
    problem(
      await outsider.post(weekUrl(W, '/entries'), entry()),
      403,
      'Chỉ Văn phòng Ủy ban nhân dân tỉnh mới được soạn, sửa lịch công tác này.',
    );
    problem(await outsider.post(weekUrl(W, '/publish')), 403, /Chỉ Văn phòng Ủy ban nhân dân tỉnh/);
    problem(await outsider.post(weekUrl('2026-W50', '/copy-previous')), 403);
    problem(await clerk.patch(`/api/v1/portal/schedule-entries/${ids.P}`, entry()), 404);
    problem(await clerk.post(weekUrl('2026-W50', '/publish')), 422, /chưa có mục nào/);
    const after = await state();
    expect({ ...after, weeks: after.weeks.slice(0, 1) }).toEqual({
      ...before,
      weeks: before.weeks.slice(0, 1),
    });
    expect(after.entries).toBe(2);
  });

  it('publishes the week (revision 0, version 0) and shows it to readers without non-public entries', async () => {
    const res = await clerk.post(weekUrl(W, '/publish'));
    expect(res.statusCode).toBe(200);
    expect(res.json().revision).toBe(0);
    problem(await clerk.post(weekUrl(W, '/publish')), 409, /đã được công bố/);
    // Once published, a reader with schedule.manage elsewhere is told who may edit it.
    problem(
      await outsider.patch(`/api/v1/portal/schedule-entries/${first}`, entry({ place: 'Nơi khác' })),
      403,
      'Chỉ Văn phòng Ủy ban nhân dân tỉnh mới được soạn, sửa lịch công tác này.',
    );
    problem(await outsider.post(`/api/v1/portal/schedule-entries/${first}/cancel`, {}), 403);
    const read = (await outsider.get(weekUrl())).json();
    expect(read).toMatchObject({ status: 'published', revision: 0, adjustmentLine: null });
    expect(read.entries.map((e: { id: string }) => e.id)).toEqual([first]);
    // The office and the people of the entry see the non-public one.
    expect((await vpOfficer.get(weekUrl())).json().entries).toHaveLength(2);
    expect((await chairClient.get(weekUrl())).json().entries).toHaveLength(2);
    const versions = (await outsider.get(`/api/v1/portal/schedule-weeks/${read.id}/versions`)).json();
    expect(versions.items).toEqual([
      expect.objectContaining({ revision: 0, changeNote: null, publishedBy: 'Trần Thị Văn Thư' }),
    ]);
    const v0 = (await outsider.get(`/api/v1/portal/schedule-weeks/${read.id}/versions/0`)).json();
    expect(v0.entries).toHaveLength(1);
    // The people in it were told.
    expect(
      await count('notifications', `kind = 'portal.schedule.published' AND person_id = '${ids.pct}'`),
    ).toBe(1);
  });

  let weekId = '';
  it('makes every saved change after publication an adjustment, keeping the previous version', async () => {
    const res = await clerk.patch(
      `/api/v1/portal/schedule-entries/${first}`,
      entry({ place: 'Hội trường UBND tỉnh', changeNote: 'Đổi địa điểm do sửa chữa phòng họp' }),
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    weekId = body.weekId;
    expect(body.revision).toBe(1);
    expect(body.entry).toMatchObject({ place: 'Hội trường UBND tỉnh', sequence: 1 });
    const week = (await outsider.get(weekUrl())).json();
    expect(week.revision).toBe(1);
    expect(week.adjustmentLine).toBe('Điều chỉnh lần 1 · Cập nhật lần cuối: 10:00 02/12/2026');
    const versions = (await clerk.get(`/api/v1/portal/schedule-weeks/${weekId}/versions`)).json().items;
    expect(versions.map((v: { revision: number }) => v.revision)).toEqual([1, 0]);
    expect(versions[0].changeNote).toBe('Đổi địa điểm do sửa chữa phòng họp');
    const v0 = (await clerk.get(`/api/v1/portal/schedule-weeks/${weekId}/versions/0`)).json();
    expect(v0.entries.find((e: { id: string }) => e.id === first).place).toBe('Phòng họp số 1');
    // Participants (not the clerk) are told.
    expect(
      await count('notifications', `kind = 'portal.schedule.changed' AND person_id = '${ids.pct}'`),
    ).toBe(1);
    expect(
      await count('notifications', `kind = 'portal.schedule.changed' AND person_id = '${ids.clerk}'`),
    ).toBe(0);

    // A change of the notes only: an adjustment, but subscribers' SEQUENCE stays.
    const notes = (
      await clerk.patch(
        `/api/v1/portal/schedule-entries/${first}`,
        entry({ place: 'Hội trường UBND tỉnh', notes: 'Mang theo tài liệu' }),
      )
    ).json();
    expect(notes.revision).toBe(2);
    expect(notes.entry.sequence).toBe(1);
    // Saving the same thing again changes nothing.
    const same = (
      await clerk.patch(
        `/api/v1/portal/schedule-entries/${first}`,
        entry({ place: 'Hội trường UBND tỉnh', notes: 'Mang theo tài liệu' }),
      )
    ).json();
    expect(same.revision).toBe(2);
    // A new line is an adjustment too.
    const added = (
      await clerk.post(
        weekUrl(W, '/entries'),
        entry({
          day: '2026-12-03',
          start: '08:30',
          end: '11:00',
          content: 'Tiếp công dân định kỳ',
          participantIds: [],
        }),
      )
    ).json();
    expect(added.revision).toBe(3);
    expect(added.entry.sequence).toBe(0);
  });

  it('cancels a published entry (kept, Hoãn/Hủy) instead of deleting it', async () => {
    problem(await clerk.delete(`/api/v1/portal/schedule-entries/${first}`), 409, /không xóa được/);
    const res = await clerk.post(`/api/v1/portal/schedule-entries/${first}/cancel`, {
      changeNote: 'Lãnh đạo đi công tác Trung ương',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ revision: 4, entry: { status: 'cancelled', sequence: 2 } });
    expect(
      await count('notifications', `kind = 'portal.schedule.cancelled' AND person_id = '${ids.pct}'`),
    ).toBe(1);
    const before = await state();
    problem(await clerk.post(`/api/v1/portal/schedule-entries/${first}/cancel`, {}), 409, /đã hoãn\/hủy/);
    problem(await clerk.patch(`/api/v1/portal/schedule-entries/${first}`, entry()), 409, /đã hoãn\/hủy/);
    expect(await state()).toEqual(before);
    const week = (await outsider.get(weekUrl())).json();
    expect(week.entries.find((e: { id: string }) => e.id === first).status).toBe('cancelled');
    const audit = await t.database.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE action LIKE 'portal.schedule.%'",
    );
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set([
        'portal.schedule.entry_create',
        'portal.schedule.publish',
        'portal.schedule.entry_update',
        'portal.schedule.entry_cancel',
      ]),
    );
  });

  it('copies last week into an empty draft, once', async () => {
    const res = await clerk.post(weekUrl('2026-W50', '/copy-previous'));
    expect(res.statusCode).toBe(200);
    expect(res.json().copied).toBe(2); // the cancelled line stays behind
    const next = (await clerk.get(weekUrl('2026-W50'))).json();
    expect(next.status).toBe('draft');
    expect(next.entries.map((e: { day: string }) => e.day)).toEqual(['2026-12-09', '2026-12-10']);
    expect(next.entries[0].sequence).toBe(0);
    problem(await clerk.post(weekUrl('2026-W50', '/copy-previous')), 409, /đã có 2 mục lịch/);
    problem(await clerk.post(weekUrl('2026-W52', '/copy-previous')), 422, /không có mục lịch nào để chép/);
    problem(await clerk.post(weekUrl(W, '/copy-previous')), 409, /đã công bố/);
    // A draft line is deleted, not cancelled.
    problem(await clerk.post(`/api/v1/portal/schedule-entries/${next.entries[0].id}/cancel`, {}), 409);
    expect((await clerk.delete(`/api/v1/portal/schedule-entries/${next.entries[0].id}`)).statusCode).toBe(
      200,
    );
  });

  it('gives a person their own week with conflicts flagged', async () => {
    // Two overlapping lines with the chair on Thursday.
    await clerk.post(
      weekUrl(W, '/entries'),
      entry({
        day: '2026-12-03',
        start: '09:00',
        end: '10:00',
        content: 'Làm việc với Sở D',
        participantIds: [],
      }),
    );
    const mine = (await chairClient.get(`/api/v1/portal/my-schedule?week=${W}`)).json();
    expect(mine.title).toBe('Tuần thứ 49 năm 2026 (từ ngày 30/11/2026 đến ngày 06/12/2026)');
    const thursday = mine.entries.filter((e: { day: string }) => e.day === '2026-12-03');
    expect(thursday).toHaveLength(2);
    for (const e of thursday) {
      expect(e.roles).toEqual(['chair']);
      expect(e.conflicts).toHaveLength(1);
    }
    expect(mine.entries.find((e: { id: string }) => e.id === first)).toMatchObject({
      status: 'cancelled',
      conflicts: [],
    });
    // Drafts are not in anyone's own week.
    const next = (await chairClient.get('/api/v1/portal/my-schedule?week=2026-W50')).json();
    expect(next.entries).toEqual([]);
  });

  it('prints the week as a PDF in the layout of the paper schedule', async () => {
    const res = await outsider.get(weekUrl(W, '/pdf'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const text = (
      await unpdfText(await getDocumentProxy(new Uint8Array(res.rawPayload)), { mergePages: true })
    ).text.replace(/\s+/g, ' ');
    for (const s of [
      'VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH',
      'LỊCH CÔNG TÁC TUẦN',
      'CỦA THƯỜNG TRỰC UBND TỈNH',
      'Tuần thứ 49 năm 2026 (từ ngày 30/11/2026 đến ngày 06/12/2026)',
      'Điều chỉnh lần 5',
      'Cập nhật lần cuối: 10:00 02/12/2026',
      'Nội dung công việc',
      'Chủ trì',
      'Thành phần',
      'Tiếp công dân định kỳ',
      'Hoãn/Hủy',
      'Thứ Năm',
    ])
      expect(text).toContain(s);
    // The non-public line is not printed for an outsider.
    expect(text).not.toContain('công tác cán bộ');
    problem(await outsider.get(weekUrl('2026-W50', '/pdf')), 404);
  });

  it('lets an agency open its own schedule, drafted by itself', async () => {
    const res = await outsider.post('/api/v1/portal/schedules');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      agencyId: ids.D,
      officeAgencyId: ids.D,
      isPublic: false,
      canEdit: true,
    });
    const again = await outsider.post('/api/v1/portal/schedules');
    expect(again.json().id).toBe(res.json().id);
    expect((await outsider.get('/api/v1/portal/schedules')).json().canCreateOwn).toBe(false);
  });

  it('seeds the demo schedule only where the demo province is', async () => {
    await seedScheduleDemo(t.database.db, clock);
    // No 'Văn phòng Ủy ban nhân dân tỉnh' child of a root province here other than ours, which has a schedule.
    expect(await count('schedules')).toBe(2);
  });
});

function eqId(id: string) {
  return eq(positions.id, id);
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectProblem, makeTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import { makeOffice, type Office } from '../../../../test/helpers/offices.ts';

const INVITATION_TEXT = `ỦY BAN NHÂN DÂN TỈNH
Quảng Trị, ngày 10 tháng 12 năm 2026
GIẤY MỜI
Ủy ban nhân dân tỉnh tổ chức cuộc họp nghe báo cáo tiến độ giải ngân vốn đầu tư công,
do đồng chí Trương Văn Sáu, Phó Chủ tịch UBND tỉnh chủ trì.
Thời gian: vào lúc 08 giờ 00 phút, ngày 15 tháng 12 năm 2026.
Địa điểm: Phòng họp số 1, UBND tỉnh.`;

describe.each(ENGINES)('meetings from invitations on %s', (engine) => {
  let t: TestApp;
  const clock = new Date('2026-12-10T03:00:00Z');
  let A: Office;
  let B: Office;
  beforeAll(async () => {
    t = await makeTestApp(engine, { SESSION_CACHE_MS: '0' }, { now: () => clock });
    A = await makeOffice(t.app, t.database.db);
    B = await makeOffice(t.app, t.database.db);
  });
  afterAll(() => t.close());

  let seq = 0;
  /** A giấy mời registered by the office's clerk, directed by its leader to `personId` (lead). */
  const invitation = async (
    o: Office,
    over: { summary?: string; typeCode?: string; personId?: string | null; text?: string } = {},
  ) => {
    seq++;
    const r = await o.clerk.post('/api/v1/documents/incoming', {
      issuerName: 'Ủy ban nhân dân tỉnh Quảng Trị',
      numberNotation: `${100 + seq}/GM-UBND`,
      typeCode: over.typeCode ?? 'giay_moi',
      issuedDate: '2026-12-10',
      summary: over.summary ?? 'Mời dự họp nghe báo cáo tiến độ giải ngân vốn đầu tư công năm 2026',
      submitToId: o.s.leader.id,
    });
    if (r.statusCode !== 201) throw new Error(`register ${r.statusCode} ${r.body}`);
    const id = r.json().id as string;
    if (over.personId !== null) {
      const d = await o.leader.post(`/api/v1/documents/${id}/direct`, {
        direction: 'Đề nghị đồng chí dự họp.',
        lead: { personId: over.personId ?? o.s.officer.id },
      });
      if (d.statusCode !== 200) throw new Error(`direct ${d.statusCode} ${d.body}`);
    }
    if (over.text)
      await t.database.query('UPDATE documents SET file_text = $1 WHERE id = $2', [over.text, id]);
    return id;
  };
  const list = async (c: Client, status = 'proposed') => {
    const r = await c.get(`/api/v1/portal/invitations?status=${status}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json().items as {
      documentId: string;
      status: string;
      proposal: Record<string, unknown>;
      assignees: { id: string; name: string }[];
      meeting: Record<string, unknown> | null;
      dismissReason: string | null;
    }[];
  };
  const meeting = (over: Record<string, unknown> = {}) => ({
    day: '2026-12-15',
    time: '08:00',
    endTime: '10:00',
    place: 'Phòng họp số 1, UBND tỉnh',
    content: 'Dự họp nghe báo cáo tiến độ giải ngân vốn đầu tư công',
    chairText: 'PCT Trương Văn Sáu',
    ...over,
  });
  const count = async (sql: string, params: unknown[] = []) =>
    (await t.database.query<{ n: number }>(sql, params))[0]!.n;

  it('proposes the meeting from the summary, then from the text once extracted; the assignee is prefilled', async () => {
    const id = await invitation(A);
    let item = (await list(A.clerk)).find((x) => x.documentId === id)!;
    expect(item.status).toBe('proposed');
    expect(item.proposal).toMatchObject({
      content: 'Dự họp nghe báo cáo tiến độ giải ngân vốn đầu tư công năm 2026',
      day: null,
      fromText: false,
    });
    expect(item.assignees.map((a) => a.id)).toEqual([A.s.officer.id]);
    expect(
      await count('SELECT count(*)::int AS n FROM schedule_invitations WHERE document_id = $1', [id]),
    ).toBe(1);

    await t.database.query('UPDATE documents SET file_text = $1 WHERE id = $2', [INVITATION_TEXT, id]);
    item = (await list(A.clerk)).find((x) => x.documentId === id)!;
    expect(item.proposal).toMatchObject({
      day: '2026-12-15',
      time: '08:00',
      session: 'morning',
      place: 'Phòng họp số 1, UBND tỉnh',
      chairText: 'Trương Văn Sáu, Phó Chủ tịch UBND tỉnh',
      fromText: true,
    });
    // The officer sees the invitation assigned to him; another agency's clerk does not.
    expect((await list(A.officer)).map((x) => x.documentId)).toContain(id);
    expect((await list(B.clerk)).map((x) => x.documentId)).not.toContain(id);
    expect((await B.clerk.get(`/api/v1/portal/invitations/${id}`)).statusCode).toBe(404);
    // Other types are not invitations.
    const other = await invitation(A, { typeCode: 'cong_van', summary: 'V/v báo cáo số liệu' });
    expect((await list(A.clerk)).map((x) => x.documentId)).not.toContain(other);
  });

  it('confirms into a meeting of the assignee, notifies him, audits; confirming again writes nothing', async () => {
    const id = await invitation(A, { text: INVITATION_TEXT });
    const r = await A.clerk.post(`/api/v1/portal/invitations/${id}/confirm`, meeting());
    expect(r.statusCode, r.body).toBe(201);
    const { entryId, created, conflicts } = r.json();
    expect(created).toBe(true);
    expect(conflicts).toEqual([]);
    const [e] = await t.database.query<Record<string, unknown>>(
      'SELECT week_id, source, is_public, agency_id, invitation_document_id, session, status, sequence FROM schedule_entries WHERE id = $1',
      [entryId],
    );
    expect(e).toMatchObject({
      week_id: null,
      source: 'invitation',
      is_public: false,
      agency_id: A.s.agency.id,
      invitation_document_id: id,
      session: 'morning',
      status: 'active',
      sequence: 0,
    });
    const people = await t.database.query<{ person_id: string; role: string }>(
      'SELECT person_id, role FROM schedule_entry_people WHERE entry_id = $1',
      [entryId],
    );
    expect(people).toEqual([{ person_id: A.s.officer.id, role: 'participant' }]);
    const [n] = await t.database.query<{ title: string; body: string; link: string }>(
      "SELECT title, body, link FROM notifications WHERE person_id = $1 AND kind = 'portal.meeting_new'",
      [A.s.officer.id],
    );
    expect(n!.title).toBe('Lịch họp mới: Dự họp nghe báo cáo tiến độ giải ngân vốn đầu tư công');
    expect(n!.body).toBe('08:00 (sáng) ngày 15/12/2026, Phòng họp số 1, UBND tỉnh');
    expect(n!.link).toBe('/lich-cong-tac?xem=cua-toi&tuan=2026-12-14');
    expect(
      await count(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'portal.invitations.confirm' AND entity_id = $1",
        [entryId],
      ),
    ).toBe(1);
    // Gone from the waiting list, in the confirmed one with its meeting.
    expect((await list(A.clerk)).map((x) => x.documentId)).not.toContain(id);
    const done = (await list(A.clerk, 'confirmed')).find((x) => x.documentId === id)!;
    expect(done.meeting).toMatchObject({
      id: entryId,
      time: '08:00',
      endTime: '10:00',
      people: [{ id: A.s.officer.id }],
    });

    const again = await A.clerk.post(`/api/v1/portal/invitations/${id}/confirm`, meeting({ time: '09:00' }));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ entryId, created: false });
    expect(
      await count('SELECT count(*)::int AS n FROM schedule_entries WHERE invitation_document_id = $1', [id]),
    ).toBe(1);

    // The officer's week shows it.
    const week = (await A.officer.get('/api/v1/portal/meetings?week=2026-12-17')).json();
    expect(week).toMatchObject({ weekStart: '2026-12-14', weekEnd: '2026-12-20' });
    expect(week.items.map((x: { id: string }) => x.id)).toContain(entryId);
  });

  it('shows a conflict with another entry of the same person, without blocking', async () => {
    const first = await invitation(A);
    const r1 = await A.clerk.post(
      `/api/v1/portal/invitations/${first}/confirm`,
      meeting({ day: '2026-12-16', time: '14:00', endTime: null, content: 'Họp Hội đồng thẩm định giá đất' }),
    );
    expect(r1.statusCode, r1.body).toBe(201);
    const second = await invitation(A, { summary: 'Mời dự Hội nghị triển khai chuyển đổi số' });
    const pre = await A.clerk.post('/api/v1/portal/invitations/conflicts', {
      day: '2026-12-16',
      time: '14:30',
      personIds: [A.s.officer.id, A.s.head.id],
    });
    expect(pre.statusCode, pre.body).toBe(200);
    expect(pre.json().items).toMatchObject([
      { personId: A.s.officer.id, entryId: r1.json().entryId, content: 'Họp Hội đồng thẩm định giá đất' },
    ]);
    const r2 = await A.clerk.post(
      `/api/v1/portal/invitations/${second}/confirm`,
      meeting({
        day: '2026-12-16',
        time: '14:30',
        endTime: '16:00',
        personIds: [A.s.officer.id, A.s.head.id],
      }),
    );
    expect(r2.statusCode, r2.body).toBe(201);
    expect(r2.json().conflicts).toHaveLength(1);
    expect(r2.json().conflicts[0]).toMatchObject({ personId: A.s.officer.id, entryId: r1.json().entryId });
  });

  it('refuses bad input with Vietnamese 422s and writes nothing', async () => {
    const id = await invitation(A);
    const before = await count('SELECT count(*)::int AS n FROM schedule_entries');
    let p = expectProblem(
      await A.clerk.post(
        `/api/v1/portal/invitations/${id}/confirm`,
        meeting({ session: 'morning', time: '14:00' }),
      ),
      422,
      'unprocessable',
    );
    expect(p.detail).toBe('Giờ bắt đầu 14:00 không thuộc buổi sáng (từ 05:00 đến trước 12:00).');
    p = expectProblem(
      await A.clerk.post(
        `/api/v1/portal/invitations/${id}/confirm`,
        meeting({ time: '10:00', endTime: '09:00' }),
      ),
      422,
    );
    expect(p.detail).toBe('Giờ kết thúc 09:00 phải sau giờ bắt đầu 10:00.');
    expect(p.fields?.[0]?.path).toBe('endTime');
    p = expectProblem(
      await A.clerk.post(`/api/v1/portal/invitations/${id}/confirm`, meeting({ time: '03:00' })),
      422,
    );
    expect(p.detail).toContain('không thuộc buổi nào');
    p = expectProblem(
      await A.clerk.post(
        `/api/v1/portal/invitations/${id}/confirm`,
        meeting({ personIds: [B.s.officer.id] }),
      ),
      422,
    );
    expect(p.detail).toContain('Người dự họp phải là người đang công tác tại cơ quan');
    // Nobody assigned and nobody chosen.
    const nobody = await invitation(A, { personId: null });
    p = expectProblem(await A.clerk.post(`/api/v1/portal/invitations/${nobody}/confirm`, meeting()), 422);
    expect(p.detail).toContain('Chọn ít nhất một người dự họp');
    expectProblem(
      await A.clerk.post(`/api/v1/portal/invitations/${id}/confirm`, meeting({ time: '8h' })),
      400,
    );
    expect(await count('SELECT count(*)::int AS n FROM schedule_entries')).toBe(before);
    expect((await list(A.clerk)).map((x) => x.documentId)).toContain(id);
    // Another agency's invitation does not exist for this clerk.
    expectProblem(await B.clerk.post(`/api/v1/portal/invitations/${id}/confirm`, meeting()), 404);
  });

  it('lets an assigned officer add the invitation to his own calendar only', async () => {
    const id = await invitation(A);
    const other = expectProblem(
      await A.officer.post(`/api/v1/portal/invitations/${id}/confirm`, meeting({ personIds: [A.s.head.id] })),
      403,
    );
    expect(other.detail).toContain('bạn chỉ có thể đưa giấy mời vào lịch của mình');
    const r = await A.officer.post(
      `/api/v1/portal/invitations/${id}/confirm`,
      meeting({ day: '2026-12-18' }),
    );
    expect(r.statusCode, r.body).toBe(201);
    const people = await t.database.query<{ person_id: string }>(
      'SELECT person_id FROM schedule_entry_people WHERE entry_id = $1',
      [r.json().entryId],
    );
    expect(people.map((x) => x.person_id)).toEqual([A.s.officer.id]);
    // Not assigned to the head: he does not see it.
    expectProblem(await A.head.post(`/api/v1/portal/invitations/${id}/confirm`, meeting()), 404);
    expectProblem(
      await A.officer.post(`/api/v1/portal/invitations/${id}/dismiss`, { reason: 'Không dự' }),
      403,
    );
  });

  it('dismisses with a reason; a confirmed one cannot be dismissed', async () => {
    const id = await invitation(A);
    expect(
      (await A.clerk.post(`/api/v1/portal/invitations/${id}/dismiss`, { reason: 'Đã có văn bản thay thế' }))
        .statusCode,
    ).toBe(200);
    expect((await list(A.clerk)).map((x) => x.documentId)).not.toContain(id);
    const dismissed = (await list(A.clerk, 'dismissed')).find((x) => x.documentId === id)!;
    expect(dismissed.dismissReason).toBe('Đã có văn bản thay thế');
    expect(
      await count(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'portal.invitations.dismiss' AND entity_id = $1",
        [id],
      ),
    ).toBe(1);
    expectProblem(await A.clerk.post(`/api/v1/portal/invitations/${id}/dismiss`, { reason: 'x' }), 400);

    const confirmed = await invitation(A);
    await A.clerk.post(`/api/v1/portal/invitations/${confirmed}/confirm`, meeting({ day: '2026-12-21' }));
    expectProblem(
      await A.clerk.post(`/api/v1/portal/invitations/${confirmed}/dismiss`, { reason: 'Không dự nữa' }),
      409,
    );
  });

  it('updates a meeting (sequence + 1, people told) and cancels it', async () => {
    const id = await invitation(A);
    const { entryId } = (
      await A.clerk.post(`/api/v1/portal/invitations/${id}/confirm`, meeting({ day: '2026-12-22' }))
    ).json();
    const u = await A.clerk.patch(
      `/api/v1/portal/meetings/${entryId}`,
      meeting({
        day: '2026-12-22',
        time: '14:00',
        endTime: '16:00',
        place: 'Hội trường tầng 3',
        personIds: [A.s.officer.id, A.s.head.id],
      }),
    );
    expect(u.statusCode, u.body).toBe(200);
    expect(u.json().meeting).toMatchObject({
      session: 'afternoon',
      time: '14:00',
      place: 'Hội trường tầng 3',
      sequence: 1,
    });
    expect(
      await count(
        "SELECT count(*)::int AS n FROM notifications WHERE person_id = $1 AND kind = 'portal.meeting_changed'",
        [A.s.head.id],
      ),
    ).toBe(1);
    expectProblem(
      await A.clerk.patch(
        `/api/v1/portal/meetings/${entryId}`,
        meeting({ session: 'evening', time: '14:00' }),
      ),
      422,
    );
    // Another agency: not found; the officer did not create it: forbidden.
    expectProblem(await B.clerk.patch(`/api/v1/portal/meetings/${entryId}`, meeting()), 404);
    expectProblem(
      await A.officer.post(`/api/v1/portal/meetings/${entryId}/cancel`, { reason: 'Trùng lịch' }),
      403,
    );
    const c = await A.clerk.post(`/api/v1/portal/meetings/${entryId}/cancel`, {
      reason: 'Ban tổ chức hoãn họp',
    });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ status: 'cancelled', sequence: 2 });
    expect(
      await count(
        "SELECT count(*)::int AS n FROM notifications WHERE person_id = $1 AND kind = 'portal.meeting_cancelled'",
        [A.s.officer.id],
      ),
    ).toBe(1);
    // A cancelled meeting is no conflict.
    const pre = await A.clerk.post('/api/v1/portal/invitations/conflicts', {
      day: '2026-12-22',
      time: '14:00',
      personIds: [A.s.officer.id],
    });
    expect(pre.json().items).toEqual([]);
    // A colleague's week: the clerk may read it, an officer may not read another's.
    expect(
      (await A.clerk.get(`/api/v1/portal/meetings?week=2026-12-22&personId=${A.s.head.id}`)).statusCode,
    ).toBe(200);
    expectProblem(await A.officer.get(`/api/v1/portal/meetings?personId=${A.s.head.id}`), 403);
  });

  it('attaches an invitation to a schedule entry: only a giấy mời the actor sees, only by the office', async () => {
    // The agency's schedule (office: itself), a draft week and an entry, as the schedule area writes them.
    const [s] = await t.database.query<{ id: string }>(
      `INSERT INTO schedules (id, agency_id, office_agency_id, title) VALUES (gen_random_uuid(), $1, $1, 'Lịch công tác') RETURNING id`,
      [A.s.agency.id],
    );
    const [w] = await t.database.query<{ id: string }>(
      `INSERT INTO schedule_weeks (id, schedule_id, week_start, iso_year, iso_week, status) VALUES (gen_random_uuid(), $1, '2026-12-14', 2026, 51, 'published') RETURNING id`,
      [s!.id],
    );
    const [e] = await t.database.query<{ id: string }>(
      `INSERT INTO schedule_entries (id, agency_id, week_id, day, session, starts_at, content, is_public)
       VALUES (gen_random_uuid(), $1, $2, '2026-12-17', 'morning', '2026-12-17T01:00:00Z', 'Giám đốc họp với các phòng', $3) RETURNING id`,
      [A.s.agency.id, w!.id, false],
    );
    const entryId = e!.id;
    // An outgoing giấy mời of the office, and a document of another type.
    const draft = async (typeCode: string) => {
      const r = await A.officer.post('/api/v1/documents/drafts', {
        typeCode,
        summary: 'Mời dự họp giao ban tháng 12',
        recipients: [{ kind: 'outside', name: 'Sở Tài chính' }],
      });
      if (r.statusCode !== 201) throw new Error(`draft ${r.statusCode} ${r.body}`);
      return r.json().id as string;
    };
    const gm = await draft('giay_moi');
    const cv = await draft('cong_van');
    const attach = (c: Client, documentId: string | null) =>
      c.inject({
        method: 'PUT',
        url: `/api/v1/portal/entries/${entryId}/invitation`,
        payload: { documentId },
      });

    const ok = await attach(A.clerk, gm);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(
      (
        await t.database.query<{ d: string }>(
          'SELECT invitation_document_id AS d FROM schedule_entries WHERE id = $1',
          [entryId],
        )
      )[0]!.d,
    ).toBe(gm);
    const notInvitation = expectProblem(await attach(A.clerk, cv), 422);
    expect(notInvitation.detail).toContain('không phải giấy mời');
    // Another agency's document is not found for this clerk.
    const bDoc = await invitation(B);
    expectProblem(await attach(A.clerk, bDoc), 404);
    // Someone outside the office: the entry is not public → not found; once public → forbidden, naming the office.
    expectProblem(await attach(B.clerk, null), 404);
    await t.database.query('UPDATE schedule_entries SET is_public = true WHERE id = $1', [entryId]);
    const outside = expectProblem(await attach(B.clerk, null), 403);
    expect(outside.detail).toBe(`Chỉ ${A.s.agency.name} mới được soạn, sửa lịch công tác này.`);
    // Detaching.
    expect((await attach(A.clerk, null)).json()).toEqual({ entryId, invitationDocumentId: null });
    expect(
      await count(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'portal.invitations.attach' AND entity_id = $1",
        [entryId],
      ),
    ).toBe(1);
  });
});

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  expectProblem,
  makeTestApp,
  signIn,
  type TestApp,
  tinyPdf,
  upload,
} from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import { makeAgency, makePerson } from '../../../../test/helpers/factories.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { taskCountsFor } from './index.ts';
import { sendTaskReminders } from './tasks-reminders.ts';

// The tasks journey on a small tree: the province's People's Committee P with its office VP
// (Văn phòng Ủy ban nhân dân tỉnh …), departments S1, S2 and an unrelated S3. Today is Tuesday
// 10 March 2026 (Vietnam), unless a test moves the clock.
describe.each(ENGINES)('portal tasks on %s', (engine) => {
  let t: TestApp;
  let clock = new Date('2026-03-10T03:00:00Z');
  const unit = {} as Record<'P' | 'VP' | 'S1' | 'S2' | 'S3', { id: string; name: string }>;
  const who = {} as Record<string, Client>;
  const personId = {} as Record<string, string>;
  const id = {} as Record<string, string>;

  const q = <T = Record<string, unknown>>(text: string, ...params: unknown[]) =>
    t.database.query<T>(text, params);
  const countTasks = async () => (await q<{ n: number }>('SELECT count(*)::int AS n FROM tasks'))[0]!.n;

  beforeAll(async () => {
    t = await makeTestApp(engine, { SESSION_CACHE_MS: '0' }, { now: () => clock });
    const db = t.database.db;
    const P = await makeAgency(db, { kind: 'province', name: 'Ủy ban nhân dân tỉnh Thử' });
    unit.P = P;
    unit.VP = await makeAgency(db, { parentId: P.id, name: 'Văn phòng Ủy ban nhân dân tỉnh Thử' });
    unit.S1 = await makeAgency(db, { parentId: P.id, name: 'Sở Tài chính Thử' });
    unit.S2 = await makeAgency(db, { parentId: P.id, name: 'Sở Nội vụ Thử' });
    unit.S3 = await makeAgency(db, { parentId: P.id, name: 'Sở Xây dựng Thử' });
    const person = async (
      name: string,
      agency: keyof typeof unit,
      role: Parameters<typeof makePerson>[1]['role'],
    ) => {
      const p = await makePerson(db, { agencyId: unit[agency].id, role, fullName: name });
      personId[name] = p.id;
      who[name] = await signIn(t.app, p.username);
    };
    await person('pClerk', 'P', 'clerk');
    await person('pLeader', 'P', 'agency_leader');
    await person('vpClerk', 'VP', 'clerk');
    await person('vpOfficer', 'VP', 'officer');
    await person('s1Clerk', 'S1', 'clerk');
    await person('s1Leader', 'S1', 'agency_leader');
    await person('s1Officer', 'S1', 'officer');
    await person('s2Clerk', 'S2', 'clerk');
    await person('s3Clerk', 'S3', 'clerk');
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (c: Client, body: unknown) => c.post('/api/v1/tasks', body);

  it('refuses a deadline before the assignment date with a precise Vietnamese message, writing nothing', async () => {
    const before = await countTasks();
    const res = await create(who.pClerk!, {
      sourceKind: 'conclusion',
      sourceText: 'Thông báo số 45/TB-UBND ngày 02/03/2026',
      assignedOn: '2026-03-02',
      tasks: [{ content: 'Rà soát hồ sơ', leadAgencyId: unit.S1.id, dueOn: '2026-03-01' }],
    });
    const p = expectProblem(res, 422, 'unprocessable');
    expect(p.detail).toBe('Hạn xử lý (01/03/2026) không được trước ngày giao (02/03/2026).');
    expect(p.fields?.[0]?.path).toBe('tasks.0.dueOn');
    // One bad row among good ones: nothing written either, the row named.
    const many = await create(who.pClerk!, {
      sourceKind: 'conclusion',
      assignedOn: '2026-03-02',
      tasks: [
        { content: 'Việc 1', leadAgencyId: unit.S1.id, dueOn: '2026-03-20' },
        { content: 'Việc 2', leadAgencyId: unit.S2.id, dueOn: '2026-02-27' },
      ],
    });
    expect(expectProblem(many, 422).detail).toBe(
      'Nhiệm vụ thứ 2: Hạn xử lý (27/02/2026) không được trước ngày giao (02/03/2026).',
    );
    // Neither a date nor working days; an assignment date in the future; the own agency as lead.
    const none = await create(who.pClerk!, {
      sourceKind: 'other',
      tasks: [{ content: 'Việc', leadAgencyId: unit.S1.id }],
    });
    expectProblem(none, 400);
    const future = await create(who.pClerk!, {
      sourceKind: 'other',
      assignedOn: '2026-03-11',
      tasks: [{ content: 'Việc', leadAgencyId: unit.S1.id, dueWorkingDays: 3 }],
    });
    expect(expectProblem(future, 422).detail).toContain('Ngày giao (11/03/2026) không được sau ngày hôm nay');
    const self = await create(who.pClerk!, {
      sourceKind: 'other',
      tasks: [{ content: 'Việc', leadAgencyId: unit.P.id, dueWorkingDays: 3 }],
    });
    expect(expectProblem(self, 422).detail).toContain('Đơn vị chủ trì phải là đơn vị khác');
    // An officer (no tasks.manage) may not record.
    expectProblem(
      await create(who.vpOfficer!, {
        sourceKind: 'other',
        tasks: [{ content: 'Việc', leadAgencyId: unit.S1.id, dueWorkingDays: 3 }],
      }),
      403,
    );
    expect(await countTasks()).toBe(before);
    expect(
      (
        await q<{ n: number }>(
          "SELECT count(*)::int AS n FROM audit_log WHERE action = 'portal.tasks.create'",
        )
      )[0]!.n,
    ).toBe(0);
  });

  it('records several tasks from one conclusion notice, deadlines as dates or working days', async () => {
    const res = await create(who.pClerk!, {
      sourceKind: 'conclusion',
      sourceText: 'Thông báo kết luận số 45/TB-UBND ngày 02/03/2026 của Chủ tịch UBND tỉnh',
      assignedOn: '2026-03-02',
      tasks: [
        {
          content: 'A: báo cáo quyết toán',
          leadAgencyId: unit.S1.id,
          cooperatingAgencyIds: [unit.S2.id],
          dueOn: '2026-03-09',
        },
        // Monday 2 March + 10 working days = Monday 16 March.
        { content: 'B: rà soát biên chế', leadAgencyId: unit.S1.id, dueWorkingDays: 10 },
        { content: 'C: kiểm tra dự án', leadAgencyId: unit.S1.id, dueOn: '2026-03-05' },
        { content: 'E: tổng hợp ý kiến', leadAgencyId: unit.S2.id, dueOn: '2026-03-20' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    [id.A, id.B, id.C, id.E] = res.json().ids;
    // Today + 2 working days: Thursday 12 March (due soon). Recorded by the office of the UBND.
    const d = await create(who.vpClerk!, {
      sourceKind: 'directive',
      tasks: [{ content: 'D: chuẩn bị báo cáo', leadAgencyId: unit.S1.id, dueWorkingDays: 2 }],
    });
    expect(d.statusCode, d.body).toBe(201);
    id.D = d.json().ids[0];
    const b = (await who.pClerk!.get(`/api/v1/tasks/${id.B}`)).json();
    expect(b.dueOn).toBe('2026-03-16');
    expect(b.dueWorkingDays).toBe(10);
    expect(b.events.map((e: { kind: string }) => e.kind)).toEqual(['created']);
    const dd = (await who.pClerk!.get(`/api/v1/tasks/${id.D}`)).json();
    expect(dd.assigner.id).toBe(unit.VP.id);
    expect(dd).toMatchObject({ dueOn: '2026-03-12', dueSoon: true, standing: 'in_progress' });
    const due = (await who.pClerk!.get('/api/v1/tasks/due-date?assignedOn=2026-03-02&workingDays=10')).json();
    expect(due.dueOn).toBe('2026-03-16');
    // The lead agency's clerk and leader were told; the co-operating agency's clerk too.
    const notices = await q<{ person_id: string }>(
      "SELECT person_id FROM notifications WHERE kind = 'tasks.assigned' AND link = $1",
      `/nhiem-vu/${id.A}`,
    );
    expect(notices.map((n) => n.person_id).sort()).toEqual(
      [personId.s1Clerk, personId.s1Leader, personId.s2Clerk].sort(),
    );
    expect(
      (
        await q<{ n: number }>(
          "SELECT count(*)::int AS n FROM audit_log WHERE action = 'portal.tasks.create'",
        )
      )[0]!.n,
    ).toBe(5);
  });

  it('shows a task to the assigning side and to its agencies only (another agency gets 404)', async () => {
    expect((await who.s1Officer!.get(`/api/v1/tasks/${id.A}`)).statusCode).toBe(200);
    expect((await who.s2Clerk!.get(`/api/v1/tasks/${id.A}`)).statusCode).toBe(200);
    // The UBND's office sees what the UBND's clerk recorded, and the UBND what its office recorded.
    expect((await who.vpClerk!.get(`/api/v1/tasks/${id.A}`)).statusCode).toBe(200);
    expect((await who.pLeader!.get(`/api/v1/tasks/${id.D}`)).statusCode).toBe(200);
    expectProblem(await who.s3Clerk!.get(`/api/v1/tasks/${id.A}`), 404);
    // An officer of the office is not the office: no tasks of the UBND.
    expectProblem(await who.vpOfficer!.get(`/api/v1/tasks/${id.A}`), 404);
    expect((await who.s3Clerk!.get('/api/v1/tasks')).json().items).toEqual([]);
    expect((await who.vpClerk!.get('/api/v1/tasks/scope')).json()).toEqual({
      canManage: true,
      canReport: true,
      assignerAgency: { id: unit.VP.id, name: unit.VP.name },
      hasAssigned: true,
    });
    expect((await who.s3Clerk!.get('/api/v1/tasks/scope')).json()).toMatchObject({
      canManage: true,
      hasAssigned: false,
    });
    expect((await who.vpOfficer!.get('/api/v1/tasks/scope')).json()).toMatchObject({
      canManage: false,
      canReport: true,
      assignerAgency: null,
    });
    const mine = (await who.s2Clerk!.get('/api/v1/tasks?box=mine'))
      .json()
      .items.map((x: { id: string }) => x.id);
    expect(mine.sort()).toEqual([id.A, id.E].sort());
    const assigned = (await who.vpClerk!.get('/api/v1/tasks?box=assigned&limit=2')).json();
    expect(assigned.items.map((x: { id: string }) => x.id)).toEqual([id.C, id.A]);
    const next = (
      await who.vpClerk!.get(`/api/v1/tasks?box=assigned&limit=2&cursor=${assigned.nextCursor}`)
    ).json();
    expect(next.items.map((x: { id: string }) => x.id)).toEqual([id.D, id.B]);
    const overdue = (await who.pClerk!.get('/api/v1/tasks?overdue=true'))
      .json()
      .items.map((x: { id: string }) => x.id);
    expect(overdue.sort()).toEqual([id.A, id.C].sort());
    const soon = (await who.s1Clerk!.get('/api/v1/tasks?dueSoon=true'))
      .json()
      .items.map((x: { id: string }) => x.id);
    expect(soon).toEqual([id.D]);
    const bySource = (await who.pClerk!.get('/api/v1/tasks?sourceKind=directive')).json().items;
    expect(bySource.map((x: { id: string }) => x.id)).toEqual([id.D]);
    const s2lead = (await who.pClerk!.get(`/api/v1/tasks?leadAgencyId=${unit.S2.id}`)).json().items;
    expect(s2lead.map((x: { id: string }) => x.id)).toEqual([id.E]);
  });

  it('takes progress with files from the lead, notes from co-operating agencies, the result from the lead only', async () => {
    const file = await upload(who.s1Officer!, 'tien-do.pdf', 'application/pdf', tinyPdf('tiến độ'));
    const p = await who.s1Officer!.post(`/api/v1/tasks/${id.A}/progress`, {
      progress: 40,
      text: 'Đã thu thập số liệu của các huyện.',
      files: [file],
    });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json().progress).toBe(40);
    // The co-operating agency adds a note; its percent does not move the task.
    const note = await who.s2Clerk!.post(`/api/v1/tasks/${id.A}/progress`, {
      progress: 90,
      text: 'Đã gửi ý kiến.',
    });
    expect(note.statusCode, note.body).toBe(200);
    expect(note.json().progress).toBe(40);
    expect(note.json().actions).toEqual(['progress']);
    expectProblem(await who.s2Clerk!.post(`/api/v1/tasks/${id.A}/result`, { text: 'Xong' }), 403);
    expectProblem(await who.s3Clerk!.post(`/api/v1/tasks/${id.A}/progress`, { text: 'Xen ngang' }), 404);
    // The file is downloaded by whoever sees the task, not by another agency.
    const dl = await who.vpClerk!.get(`/api/v1/tasks/${id.A}/files/${file.sha256}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toContain('tien-do.pdf');
    expectProblem(await who.s3Clerk!.get(`/api/v1/tasks/${id.A}/files/${file.sha256}`), 404);
    expectProblem(await who.vpClerk!.get(`/api/v1/tasks/${id.A}/files/${'0'.repeat(64)}`), 404);
    // A file never uploaded is refused, nothing written.
    const bad = await who.s1Officer!.post(`/api/v1/tasks/${id.A}/progress`, {
      text: 'x',
      files: [{ sha256: 'a'.repeat(64), fileName: 'mat.pdf' }],
    });
    expect(expectProblem(bad, 422).detail).toContain('«mat.pdf» chưa được tải lên');
  });

  it('reports results, accepts one late and one on time, returns another', async () => {
    // A: due 9 March, reported 10 March → late once accepted.
    const r = await who.s1Clerk!.post(`/api/v1/tasks/${id.A}/result`, {
      text: 'Đã hoàn thành báo cáo quyết toán.',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      status: 'reported',
      reportedOn: '2026-03-10',
      standing: 'overdue',
      actions: [],
    });
    expectProblem(await who.s1Clerk!.post(`/api/v1/tasks/${id.A}/result`, { text: 'lần nữa' }), 409);
    expect(
      (
        await q<{ n: number }>(
          "SELECT count(*)::int AS n FROM notifications WHERE kind = 'tasks.result' AND person_id = $1",
          personId.pClerk,
        )
      )[0]!.n,
    ).toBe(1);
    // The lead may not accept; the office may.
    expectProblem(await who.s1Leader!.post(`/api/v1/tasks/${id.A}/accept`, {}), 403);
    const office = (await who.vpClerk!.get(`/api/v1/tasks/${id.A}`)).json();
    expect(office.actions).toEqual(['accept', 'return']);
    const a = await who.vpClerk!.post(`/api/v1/tasks/${id.A}/accept`, {});
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ status: 'done', doneOn: '2026-03-10', standing: 'done_late' });
    // B: due 16 March, reported today → on time.
    await who.s1Clerk!.post(`/api/v1/tasks/${id.B}/result`, { text: 'Đã rà soát.' });
    const b = await who.pLeader!.post(`/api/v1/tasks/${id.B}/accept`, {});
    expect(b.json()).toMatchObject({ status: 'done', standing: 'done_on_time' });
    // E: reported, then returned with a reason → in progress again.
    await who.s2Clerk!.post(`/api/v1/tasks/${id.E}/result`, { text: 'Đã tổng hợp.' });
    expectProblem(await who.pClerk!.post(`/api/v1/tasks/${id.E}/return`, { reason: ' ' }), 400);
    const e = await who.pClerk!.post(`/api/v1/tasks/${id.E}/return`, { reason: 'Thiếu ý kiến của 2 huyện.' });
    expect(e.statusCode, e.body).toBe(200);
    expect(e.json()).toMatchObject({ status: 'in_progress', reportedOn: null, standing: 'in_progress' });
    expect(e.json().events.map((x: { kind: string }) => x.kind)).toEqual(['created', 'result', 'returned']);
    expectProblem(await who.pClerk!.post(`/api/v1/tasks/${id.E}/accept`, {}), 409);
    const actions = await q<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_type = 'task' AND entity_id = $1 ORDER BY seq",
      id.A,
    );
    expect(actions.map((x) => x.action)).toEqual([
      'portal.tasks.create',
      'portal.tasks.progress',
      'portal.tasks.progress',
      'portal.tasks.result',
      'portal.tasks.accept',
    ]);
  });

  it('counts per lead agency for a period, and exports them to xlsx', async () => {
    const res = await who.vpClerk!.get('/api/v1/tasks/figures?from=2026-03-01&to=2026-03-31');
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    const s1 = f.rows.find((x: { agency: { id: string } }) => x.agency.id === unit.S1.id);
    const s2 = f.rows.find((x: { agency: { id: string } }) => x.agency.id === unit.S2.id);
    expect(s1).toMatchObject({ assigned: 4, doneOnTime: 1, doneLate: 1, overdue: 1, inProgress: 1 });
    expect(s2).toMatchObject({ assigned: 1, doneOnTime: 0, doneLate: 0, overdue: 0, inProgress: 1 });
    expect(f.total).toEqual({ assigned: 5, doneOnTime: 1, doneLate: 1, overdue: 1, inProgress: 2 });
    // A period that excludes them; an agency's own figures; a reversed period.
    expect(
      (await who.vpClerk!.get('/api/v1/tasks/figures?from=2026-04-01&to=2026-04-30')).json().rows,
    ).toEqual([]);
    const own = (await who.s2Clerk!.get('/api/v1/tasks/figures?from=2026-03-01&to=2026-03-31')).json();
    expect(own.rows.map((x: { agency: { id: string } }) => x.agency.id)).toEqual([unit.S2.id]);
    expectProblem(await who.vpClerk!.get('/api/v1/tasks/figures?from=2026-03-31&to=2026-03-01'), 422);

    const x = await who.vpClerk!.get('/api/v1/tasks/figures.xlsx?from=2026-03-01&to=2026-03-31');
    expect(x.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(String(sheet.getRow(1).getCell(1).value)).toBe('TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO');
    expect(sheet.getRow(4).values).toContain('Hoàn thành quá hạn');
    const line = (name: string) => {
      for (let i = 5; i <= sheet.rowCount; i++)
        if (sheet.getRow(i).getCell(2).value === name) return sheet.getRow(i);
      throw new Error(`no row ${name}`);
    };
    const r1 = line(unit.S1.name);
    expect([3, 4, 5, 6, 7].map((c) => r1.getCell(c).value)).toEqual([4, 1, 1, 1, 1]);
    expect([3, 4, 5, 6, 7].map((c) => line('Tổng cộng').getCell(c).value)).toEqual([5, 1, 1, 1, 2]);
  });

  it('counts for the portal home and reminds due-soon and overdue tasks once each', async () => {
    const actor = (name: string, agency: keyof typeof unit, role: Actor['role']): Actor => ({
      personId: personId[name]!,
      username: name,
      fullName: name,
      sessionId: '',
      positionId: null,
      agencyId: unit[agency].id,
      divisionId: null,
      role,
      ip: '127.0.0.1',
    });
    expect(await taskCountsFor(t.database.db, actor('s1Clerk', 'S1', 'clerk'), clock)).toEqual({
      dueSoon: 1,
      overdue: 1,
      inProgress: 1,
    });
    expect(await taskCountsFor(t.database.db, actor('s3Clerk', 'S3', 'clerk'), clock)).toEqual({
      dueSoon: 0,
      overdue: 0,
      inProgress: 0,
    });
    const counted = await sendTaskReminders(t.database.db, '2026-03-10');
    expect(counted).toBe(2); // C overdue, D due soon
    await sendTaskReminders(t.database.db, '2026-03-10');
    const sent = await q<{ kind: string; n: number }>(
      "SELECT kind, count(*)::int AS n FROM notifications WHERE kind IN ('tasks.due_soon','tasks.overdue') GROUP BY kind ORDER BY kind",
    );
    // Due soon (D): S1's clerk and leader; overdue (C): the same two and the UBND's clerk.
    expect(sent).toEqual([
      { kind: 'tasks.due_soon', n: 2 },
      { kind: 'tasks.overdue', n: 3 },
    ]);
    // Days later D is overdue too: one more notice kind for it, still once.
    clock = new Date('2026-03-13T03:00:00Z');
    await sendTaskReminders(t.database.db, '2026-03-13');
    await sendTaskReminders(t.database.db, '2026-03-13');
    expect(
      (
        await q<{ n: number }>("SELECT count(*)::int AS n FROM notifications WHERE kind = 'tasks.overdue'")
      )[0]!.n,
    ).toBe(6);
  });
});

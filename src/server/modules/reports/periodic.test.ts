import fs from 'node:fs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  expectProblem,
  makeTestApp,
  signIn,
  type TestApp,
} from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import { makeAgency, makeAgencyWithStaff, makePerson } from '../../../../test/helpers/factories.ts';
import { vnYear } from '../../../shared/calendar/index.ts';
import type {
  ConsolidatedView,
  CycleView,
  LateItem,
  SubmissionItem,
  SubmissionView,
  Template,
  TemplateInput,
} from '../../../shared/reports/periodic.ts';
import { rows } from '../../db/client.ts';
import { seedDemo } from '../../demo/seed.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { agencies } from '../agencies/schema.ts';
import { deliveries, documents } from '../documents/schema.ts';
import { notifications } from '../notifications/schema.ts';
import { sendReportReminders } from './reminders.ts';
import { reportSettings, reportSubmissions } from './schema.ts';

// Periodic reports (issue 20) end to end through the API on a real database: templates kept by the IT
// department, a six-month cycle issued to three agencies with its due date in working days, agencies
// filling reports whose measured rows fill themselves (fresh until sent, then frozen), the IT
// department returning one and accepting two, the province's report consolidated (sums, a share
// recomputed from the summed parts, the agency that did not report listed), the late dashboard,
// closing the cycle, and the daily reminders, once a day. Every refusal is Vietnamese and changes nothing.

const NOW = new Date('2026-07-10T03:00:00Z'); // Friday 10 July 2026, 10:00 in Vietnam
const H1 = (month: number, day: number) => new Date(Date.UTC(2026, month - 1, day, 3));

const HALF: TemplateInput = {
  code: 'BC-CNTT-6T-TEST',
  name: 'Báo cáo ứng dụng CNTT 6 tháng (thử)',
  cycle: 'half',
  title: 'Tình hình ứng dụng công nghệ thông tin',
  dueDays: 5,
  sections: [
    { kind: 'text', key: 'results', title: 'Kết quả đạt được' },
    {
      kind: 'table',
      key: 'figures',
      title: 'Số liệu ứng dụng CNTT',
      rows: [
        { key: 'out_released', label: 'Văn bản đi phát hành', unit: 'văn bản', measure: 'outReleased' },
        { key: 'out_electronic', label: 'Tỷ lệ văn bản đi gửi điện tử', unit: '%', measure: 'outElectronic' },
        { key: 'computers', label: 'Số máy tính', unit: 'máy' },
        { key: 'budget', label: 'Kinh phí CNTT (triệu đồng)', unit: 'triệu đồng' },
      ],
    },
    { kind: 'text', key: 'difficulties', title: 'Khó khăn vướng mắc' },
  ],
};

const HAS_SOFFICE = fs.existsSync('/usr/bin/soffice') && fs.existsSync('/usr/bin/python3');

/** The text mammoth reads back from a DOCX, whitespace folded. */
async function docxText(docx: Buffer): Promise<string> {
  const { value } = await mammoth.extractRawText({ buffer: docx });
  return value.replace(/\s+/g, ' ');
}

const put = (c: Client, url: string, body: unknown) =>
  c.inject({ method: 'PUT', url, payload: body as object });

describe.each(ENGINES)('reports: periodic reports on %s', (engine) => {
  let t: TestApp;
  let province: Awaited<ReturnType<typeof makeAgency>>;
  let it_: Awaited<ReturnType<typeof makeAgency>>;
  let a: Awaited<ReturnType<typeof makeAgencyWithStaff>>;
  let b: Awaited<ReturnType<typeof makeAgencyWithStaff>>;
  let c: Awaited<ReturnType<typeof makeAgencyWithStaff>>;
  let itc: Client;
  let template: Template;
  let cycle: CycleView;
  const subOf = new Map<string, string>();

  const out = async (agencyId: string, by: string, at: Date, channel: 'internal' | 'paper') => {
    const [d] = await t.database.db
      .insert(documents)
      .values({
        typeCode: 'cong_van',
        summary: 'Về việc thử báo cáo định kỳ',
        createdById: by,
        agencyId,
        direction: 'outgoing',
        status: 'released',
        releasedAt: at,
      })
      .returning();
    await t.database.db
      .insert(deliveries)
      .values({ documentId: d!.id, channel, recipientName: 'Nơi nhận', status: 'sent' });
  };

  beforeAll(async () => {
    t = await makeTestApp(engine, {}, { now: () => NOW });
    const db = t.database.db;
    province = await makeAgency(db, { kind: 'province', name: 'Ủy ban nhân dân tỉnh Thử' });
    it_ = await makeAgency(db, {
      name: 'Sở Thông tin và Truyền thông Thử',
      parentId: province.id,
      sortOrder: '00',
    });
    a = await makeAgencyWithStaff(db);
    b = await makeAgencyWithStaff(db);
    c = await makeAgencyWithStaff(db);
    const order: [string, string][] = [
      [a.agency.id, '01'],
      [b.agency.id, '02'],
      [c.agency.id, '03'],
    ];
    for (const [id, sortOrder] of order)
      await db.update(agencies).set({ parentId: province.id, sortOrder }).where(eq(agencies.id, id));
    await db.insert(reportSettings).values({ id: true, itAgencyId: it_.id });
    await makePerson(db, { agencyId: it_.id, role: 'officer', username: `cntt-${engine}` });
    // Agency A in the first half of 2026: two released electronically, one on paper; one in July (not counted).
    await out(a.agency.id, a.clerk.id, H1(2, 3), 'internal');
    await out(a.agency.id, a.clerk.id, H1(3, 4), 'internal');
    await out(a.agency.id, a.clerk.id, H1(5, 5), 'paper');
    await out(a.agency.id, a.clerk.id, H1(7, 2), 'internal');
    // Agency B: one, electronically.
    await out(b.agency.id, b.clerk.id, H1(4, 6), 'internal');
    itc = await signIn(t.app, `cntt-${engine}`);
  });
  afterAll(() => t?.close());

  it('lets only the IT department keep templates, with unique codes and keys and figures that exist', async () => {
    // A division head elsewhere has the permission but is not the IT department; a clerk has not even that.
    expectProblem(await (await signIn(t.app, a.head.username)).post('/api/v1/reports/templates', HALF), 403);
    expectProblem(await (await signIn(t.app, a.clerk.username)).get('/api/v1/reports/templates'), 403);
    // The menu asks the same question: only the IT department's people consolidate.
    const duties = async (c: typeof itc) => (await c.get('/api/v1/reports/duties')).json();
    expect(await duties(await signIn(t.app, a.head.username))).toEqual({ consolidate: false });
    expect(await duties(await signIn(t.app, a.clerk.username))).toEqual({ consolidate: false });
    expect(await duties(itc)).toEqual({ consolidate: true });

    const bad = structuredClone(HALF);
    (bad.sections[1] as { rows: { measure?: string }[] }).rows[2]!.measure = 'computersCounted';
    const p = expectProblem(await itc.post('/api/v1/reports/templates', bad), 422, 'unprocessable');
    expect(p.detail).toContain('Số liệu «computersCounted» không tồn tại trong hệ thống.');
    expect(p.detail).toContain('Số liệu ứng dụng CNTT');
    expect(p.fields?.[0]?.path).toBe('sections.1.rows.2.measure');

    const dupKeys = structuredClone(HALF);
    dupKeys.sections[2]!.key = 'results';
    expect(expectProblem(await itc.post('/api/v1/reports/templates', dupKeys), 422).detail).toContain(
      'Mã mục «results» bị trùng',
    );
    const dupRows = structuredClone(HALF);
    (dupRows.sections[1] as { rows: { key: string }[] }).rows[3]!.key = 'computers';
    expect(expectProblem(await itc.post('/api/v1/reports/templates', dupRows), 422).detail).toContain(
      'Mã dòng «computers» bị trùng',
    );
    // Nothing was written by the refusals.
    expect((await itc.get('/api/v1/reports/templates')).json().items).toEqual([]);

    const res = await itc.post('/api/v1/reports/templates', HALF);
    expect(res.statusCode, res.body).toBe(201);
    template = res.json();
    expect(template).toMatchObject({ code: HALF.code, active: true, used: false });
    expect(
      expectProblem(await itc.post('/api/v1/reports/templates', HALF), 409, 'duplicate').detail,
    ).toContain(`Mã mẫu «${HALF.code}» đã được dùng`);
    expect((await itc.get(`/api/v1/reports/templates/${template.id}`)).json().sections).toEqual(
      HALF.sections,
    );
    // The system administrator keeps them too.
    const admin = await makePerson(t.database.db, { agencyId: province.id, role: 'system_admin' });
    const sys = await signIn(t.app, admin.username);
    expect(
      (await sys.get('/api/v1/reports/templates?active=true')).json().items.map((x: Template) => x.id),
    ).toEqual([template.id]);
  });

  it('issues a cycle with its due date in working days after the period end, once per period', async () => {
    const base = { templateId: template.id, year: 2026, agencyIds: [a.agency.id, b.agency.id, c.agency.id] };
    expect(expectProblem(await itc.post('/api/v1/reports/cycles', base), 422).detail).toContain('6 tháng');
    expectProblem(await itc.post('/api/v1/reports/cycles', { ...base, period: 3 }), 422);
    expectProblem(
      await itc.post('/api/v1/reports/cycles', { ...base, period: 1, agencyIds: [a.division.id] }),
      422,
    );
    expectProblem(
      await (await signIn(t.app, a.leader.username)).post('/api/v1/reports/cycles', { ...base, period: 1 }),
      403,
    );

    const res = await itc.post('/api/v1/reports/cycles', { ...base, period: 1 });
    expect(res.statusCode, res.body).toBe(201);
    cycle = res.json();
    // 30/6/2026 is a Tuesday; five working days after it: 1, 2, 3, 6, 7 July.
    expect(cycle).toMatchObject({
      label: '6 tháng đầu năm 2026',
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
      dueDate: '2026-07-07',
      status: 'open',
      counts: { assigned: 3, draft: 3, submitted: 0, late: 3 },
    });
    expect(
      expectProblem(await itc.post('/api/v1/reports/cycles', { ...base, period: 1 }), 409).detail,
    ).toContain('6 tháng đầu năm 2026');
    const subs = (await itc.get(`/api/v1/reports/cycles/${cycle.id}/submissions`)).json()
      .items as SubmissionItem[];
    // The tree's order, each with its status and late flag.
    expect(subs.map((s) => s.agencyId)).toEqual([a.agency.id, b.agency.id, c.agency.id]);
    expect(subs.every((s) => s.status === 'draft' && s.late)).toBe(true);
    for (const s of subs) subOf.set(s.agencyId, s.id);
    // Keyset pages.
    const p1 = (await itc.get(`/api/v1/reports/cycles/${cycle.id}/submissions?limit=2`)).json();
    expect(p1.items).toHaveLength(2);
    const p2 = (
      await itc.get(`/api/v1/reports/cycles/${cycle.id}/submissions?limit=2&cursor=${p1.nextCursor}`)
    ).json();
    expect(p2.items.map((s: SubmissionItem) => s.agencyId)).toEqual([c.agency.id]);
    expect(p2.nextCursor).toBeNull();
    // Each agency's clerk and leader was told.
    const told = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.personId, a.clerk.id), eq(notifications.kind, 'reports.cycle_issued')));
    expect(told).toHaveLength(1);
  });

  it('counts a monthly due date over the 30/4 and 1/5 holidays and refuses a period on a yearly report', async () => {
    const monthly = await itc.post('/api/v1/reports/templates', {
      ...HALF,
      code: 'BC-THANG-TEST',
      name: 'Báo cáo tháng (thử)',
      cycle: 'month',
      dueDays: 3,
    });
    expect(monthly.statusCode, monthly.body).toBe(201);
    const res = await itc.post('/api/v1/reports/cycles', {
      templateId: monthly.json().id,
      year: 2026,
      period: 4,
      agencyIds: [c.agency.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    // 30/4 (Thu) and 1/5 (Fri) are holidays, 2–3/5 the weekend: 4, 5, 6 May.
    expect(res.json()).toMatchObject({
      label: 'Tháng 4/2026',
      periodEnd: '2026-04-30',
      dueDate: '2026-05-06',
    });
    const yearly = (
      await itc.post('/api/v1/reports/templates', {
        ...HALF,
        code: 'BC-NAM-TEST',
        name: 'Năm',
        cycle: 'year',
      })
    ).json() as Template;
    expectProblem(
      await itc.post('/api/v1/reports/cycles', {
        templateId: yearly.id,
        year: 2025,
        period: 2,
        agencyIds: [a.agency.id],
      }),
      422,
    );
    // Without a list, every active agency below the root of the tree.
    const all = await itc.post('/api/v1/reports/cycles', { templateId: yearly.id, year: 2025 });
    expect(all.statusCode, all.body).toBe(201);
    const counted = await rows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM agencies WHERE status = 'active' AND kind <> 'division' AND parent_id IS NOT NULL`,
    );
    const n = counted[0]!.n;
    // 31/12/2025 + 5 working days: 1/1 is a holiday; 2, 5, 6, 7, 8 January.
    expect(all.json()).toMatchObject({ period: 0, label: 'Năm 2025', dueDate: '2026-01-08' });
    expect(all.json().counts.assigned).toBe(n);
  });

  it('keeps the sections of a template in use, but lets it be taken out of use', async () => {
    const changed = structuredClone(HALF);
    changed.sections.pop();
    expect(
      expectProblem(await put(itc, `/api/v1/reports/templates/${template.id}`, changed), 409).detail,
    ).toContain('hãy tạo mẫu mới');
    const res = await put(itc, `/api/v1/reports/templates/${template.id}`, {
      ...HALF,
      name: 'Đổi tên',
      active: false,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Đổi tên', active: false, used: true });
    expect(
      (await put(itc, `/api/v1/reports/templates/${template.id}`, { ...HALF, active: true })).statusCode,
    ).toBe(200);
  });

  it('shows an agency its report with the measured rows filled from the system, and no one else', async () => {
    const clerk = await signIn(t.app, a.clerk.username);
    const mine = (await clerk.get('/api/v1/reports/submissions')).json().items as SubmissionItem[];
    // Newest period first: the six-month report, then the yearly one of 2025.
    expect(mine.map((s) => s.label)).toEqual(['6 tháng đầu năm 2026', 'Năm 2025']);
    expect(mine[0]!.id).toBe(subOf.get(a.agency.id));
    expect(mine[0]).toMatchObject({
      label: '6 tháng đầu năm 2026',
      status: 'draft',
      late: true,
      dueDate: '2026-07-07',
    });
    const res = await clerk.get(`/api/v1/reports/submissions/${subOf.get(a.agency.id)}`);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json() as SubmissionView;
    expect(v.values.figures).toEqual({
      out_released: { value: 3, n: 3, measured: true },
      out_electronic: { value: 66.7, n: 2, d: 3, measured: true },
      computers: { value: null },
      budget: { value: null },
    });
    expect(v.values.results).toBe('');
    expect(v.can).toEqual({ edit: true, submit: true, review: false });
    // Another agency's clerk: 404, as if it did not exist; an agency admin has no reports.fill: 403.
    expectProblem(
      await (await signIn(t.app, b.clerk.username)).get(
        `/api/v1/reports/submissions/${subOf.get(a.agency.id)}`,
      ),
      404,
    );
    expectProblem(await (await signIn(t.app, a.admin.username)).get('/api/v1/reports/submissions'), 403);
    expectProblem(
      await (await signIn(t.app, a.admin.username)).get(
        `/api/v1/reports/submissions/${subOf.get(a.agency.id)}`,
      ),
      404,
    );
    // The IT department sees it, and may not edit it.
    const seen = (
      await itc.get(`/api/v1/reports/submissions/${subOf.get(a.agency.id)}`)
    ).json() as SubmissionView;
    expect(seen.can).toEqual({ edit: false, submit: false, review: false });
  });

  it('saves drafts with the version edited; refuses typed measured rows, unknown keys and stale versions', async () => {
    const officer = await signIn(t.app, a.officer.username);
    const url = `/api/v1/reports/submissions/${subOf.get(a.agency.id)}`;
    const typed = expectProblem(
      await put(officer, url, { version: 1, values: { figures: { out_released: 10, computers: 12 } } }),
      422,
    );
    expect(typed.detail).toContain('Dòng «Văn bản đi phát hành» tự điền từ hệ thống, không nhập tay.');
    expectProblem(await put(officer, url, { version: 1, values: { nothing: 'x' } }), 422);
    expectProblem(await put(officer, url, { version: 1, values: { figures: { ghost: 1 } } }), 422);
    expectProblem(await put(officer, url, { version: 1, values: { results: { computers: 1 } } }), 422);
    const ok = await put(officer, url, {
      version: 1,
      values: {
        results: 'Triển khai phần mềm quản lý văn bản.',
        figures: { computers: 10, out_released: null },
      },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      version: 2,
      values: { results: 'Triển khai phần mềm quản lý văn bản.' },
    });
    expect(ok.json().values.figures.computers).toEqual({ value: 10 });
    // Someone else saved meanwhile: 409, nothing changed.
    expectProblem(await put(officer, url, { version: 1, values: { results: 'Cũ' } }), 409);
    expect((await officer.get(url)).json()).toMatchObject({
      version: 2,
      values: { results: 'Triển khai phần mềm quản lý văn bản.' },
    });
  });

  it('submits only complete reports, by a submitter, and freezes the measured rows', async () => {
    const url = `/api/v1/reports/submissions/${subOf.get(a.agency.id)}`;
    const officer = await signIn(t.app, a.officer.username);
    expectProblem(await officer.post(`${url}/submit`), 403);
    const clerk = await signIn(t.app, a.clerk.username);
    const missing = expectProblem(await clerk.post(`${url}/submit`), 422);
    expect(missing.detail).toContain('«Kinh phí CNTT (triệu đồng)» (mục «Số liệu ứng dụng CNTT»)');
    expect(missing.detail).not.toContain('Số máy tính');
    expect((await clerk.get(url)).json().status).toBe('draft');
    expect(
      (await put(clerk, url, { version: 2, values: { figures: { computers: 10, budget: 120.5 } } }))
        .statusCode,
    ).toBe(200);
    const res = await clerk.post(`${url}/submit`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'submitted',
      late: false,
      can: { edit: false, submit: false },
    });
    // A document released later in the period does not change what was sent.
    await out(a.agency.id, a.clerk.id, H1(6, 20), 'internal');
    expect((await clerk.get(url)).json().values.figures.out_released).toEqual({
      value: 3,
      n: 3,
      measured: true,
    });
    expectProblem(await clerk.post(`${url}/submit`), 409);
    const [row] = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'reports.submission.submit'), eq(auditLog.entityId, subOf.get(a.agency.id)!)),
      );
    expect(row?.actorId).toBe(a.clerk.id);
  });

  it('lets the IT department return a report with its comment and accept the corrected one', async () => {
    const url = `/api/v1/reports/submissions/${subOf.get(a.agency.id)}`;
    expect((await itc.get(url)).json().can.review).toBe(true);
    expectProblem(await (await signIn(t.app, b.head.username)).post(`${url}/return`, { comment: 'x' }), 403);
    expectProblem(await itc.post(`${url}/return`, { comment: '  ' }), 400);
    const res = await itc.post(`${url}/return`, { comment: 'Bổ sung kết quả dịch vụ công trực tuyến.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'returned',
      returns: [{ comment: 'Bổ sung kết quả dịch vụ công trực tuyến.' }],
    });
    expectProblem(await itc.post(`${url}/return`, { comment: 'Lần nữa' }), 409);
    expectProblem(await itc.post(`${url}/accept`), 409);
    const told = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.personId, a.clerk.id), eq(notifications.kind, 'reports.returned')));
    expect(told).toHaveLength(1);
    // Returned: editable again, and the measured rows fresh again (the June document now counts).
    const clerk = await signIn(t.app, a.clerk.username);
    const again = (await clerk.get(url)).json() as SubmissionView;
    expect(again.can.edit).toBe(true);
    expect(again.values.figures).toMatchObject({
      out_released: { value: 4, n: 4 },
      out_electronic: { value: 75, n: 3, d: 4 },
      computers: { value: 10 },
    });
    await put(clerk, url, {
      version: again.version,
      values: { results: 'Đã bổ sung dịch vụ công trực tuyến.' },
    });
    expect((await clerk.post(`${url}/submit`)).json().status).toBe('submitted');
    const acc = await itc.post(`${url}/accept`);
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json().status).toBe('accepted');

    // B reports too and is accepted; C never sends.
    const bc = await signIn(t.app, b.leader.username);
    const burl = `/api/v1/reports/submissions/${subOf.get(b.agency.id)}`;
    await put(bc, burl, {
      version: 1,
      values: {
        results: 'Hoàn thành cổng thông tin.',
        difficulties: 'Thiếu nhân lực.',
        figures: { computers: 5, budget: 30 },
      },
    });
    expect((await bc.post(`${burl}/submit`)).statusCode).toBe(200);
    expect((await itc.post(`${burl}/accept`)).statusCode).toBe(200);
  });

  it('consolidates the accepted reports: sums, a share recomputed, texts by agency, the missing one listed', async () => {
    const res = await itc.get(`/api/v1/reports/cycles/${cycle.id}/consolidated`);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json() as ConsolidatedView;
    expect(v.included.map((x) => x.agencyId)).toEqual([a.agency.id, b.agency.id]);
    expect(v.missing).toEqual([{ agencyId: c.agency.id, agencyName: c.agency.name, status: 'draft' }]);
    const table = v.sections.find((s) => s.key === 'figures');
    if (table?.kind !== 'table') throw new Error('no table');
    const row = (k: string) => table.rows.find((r) => r.key === k);
    expect(row('out_released')).toMatchObject({ value: 5, n: 5 });
    // 3/4 and 1/1: 4/5 = 80 %, not the mean of 75 % and 100 %.
    expect(row('out_electronic')).toMatchObject({ value: 80, n: 4, d: 5 });
    expect(row('computers')?.value).toBe(15);
    expect(row('budget')?.value).toBe(150.5);
    const results = v.sections.find((s) => s.key === 'results');
    expect(results).toMatchObject({
      kind: 'text',
      parts: [
        { agencyName: a.agency.name, text: 'Đã bổ sung dịch vụ công trực tuyến.' },
        { agencyName: b.agency.name, text: 'Hoàn thành cổng thông tin.' },
      ],
    });
    expect(v.sections.find((s) => s.key === 'difficulties')).toMatchObject({
      parts: [{ agencyName: b.agency.name, text: 'Thiếu nhân lực.' }],
    });
    expect(v.cycle.counts).toMatchObject({ assigned: 3, accepted: 2, draft: 1, late: 1 });
    expectProblem(
      await (await signIn(t.app, a.leader.username)).get(`/api/v1/reports/cycles/${cycle.id}/consolidated`),
      403,
    );
  });

  it('gives the agency its report and the IT department the province’s report as DOCX and PDF', async () => {
    const clerk = await signIn(t.app, a.clerk.username);
    const own = await clerk.get(`/api/v1/reports/submissions/${subOf.get(a.agency.id)}.docx`);
    expect(own.statusCode, own.body.slice(0, 300)).toBe(200);
    expect(own.headers['content-type']).toContain('wordprocessingml');
    expect(own.headers['content-disposition']).toMatch(
      /^attachment; filename="bao-cao-BC-STN-2026-07-10\.docx"$/,
    );
    const text = await docxText(own.rawPayload);
    expect(text).toContain(a.agency.name.toLocaleUpperCase('vi'));
    expect(text).toContain('ỦY BAN NHÂN DÂN TỈNH THỬ');
    expect(text).toContain('Tình hình ứng dụng công nghệ thông tin 6 tháng đầu năm 2026');
    expect(text).toContain('Tỷ lệ văn bản đi gửi điện tử % 75%');
    expect(text).toContain('Kinh phí CNTT (triệu đồng) triệu đồng 120,5');
    expectProblem(
      await (await signIn(t.app, b.clerk.username)).get(
        `/api/v1/reports/submissions/${subOf.get(a.agency.id)}.docx`,
      ),
      404,
    );

    const res = await itc.get(`/api/v1/reports/cycles/${cycle.id}/consolidated.docx`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const all = await docxText(res.rawPayload);
    expect(all).toContain('SỞ THÔNG TIN VÀ TRUYỀN THÔNG THỬ');
    expect(all).toContain('Thử, ngày 10 tháng 7 năm 2026');
    expect(all).toContain('Tỷ lệ văn bản đi gửi điện tử % 80%');
    expect(all).toContain('Kinh phí CNTT (triệu đồng) triệu đồng 150,5');
    expect(all).toContain(`${b.agency.name} Hoàn thành cổng thông tin.`);
    // The agency that did not report is printed with its status.
    expect(all).toContain(`${c.agency.name} Đang soạn`);
    expectProblem(await clerk.get(`/api/v1/reports/cycles/${cycle.id}/consolidated.docx`), 403);

    if (engine === 'pglite' && HAS_SOFFICE) {
      const pdf = await itc.get(`/api/v1/reports/cycles/${cycle.id}/consolidated.pdf`);
      expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
  }, 120_000);

  it('lists the late reports of open cycles for the IT department', async () => {
    const late = (await itc.get('/api/v1/reports/late?limit=100')).json().items as LateItem[];
    const mine = late.find((x) => x.id === subOf.get(c.agency.id));
    expect(mine).toMatchObject({
      agencyId: c.agency.id,
      dueDate: '2026-07-07',
      daysLate: 3,
      status: 'draft',
    });
    expect(late.some((x) => x.id === subOf.get(a.agency.id))).toBe(false);
    // The most overdue first: the yearly reports of 2025, then C's monthly April report.
    expect(late[0]).toMatchObject({ dueDate: '2026-01-08', daysLate: 183 });
    expect(late.find((x) => x.dueDate === '2026-05-06')).toMatchObject({
      agencyId: c.agency.id,
      daysLate: 65,
    });
    const onlyLate = (await itc.get(`/api/v1/reports/cycles/${cycle.id}/submissions?late=true`)).json().items;
    expect(onlyLate.map((x: SubmissionItem) => x.agencyId)).toEqual([c.agency.id]);
    expectProblem(await (await signIn(t.app, c.leader.username)).get('/api/v1/reports/late'), 403);
  });

  it('refuses a report after the cycle is closed, and changes nothing', async () => {
    const closed = await itc.post(`/api/v1/reports/cycles/${cycle.id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
    expectProblem(await itc.post(`/api/v1/reports/cycles/${cycle.id}/close`), 409);
    const url = `/api/v1/reports/submissions/${subOf.get(c.agency.id)}`;
    const clerk = await signIn(t.app, c.clerk.username);
    const before = (await clerk.get(url)).json() as SubmissionView;
    expect(before.can.edit).toBe(false);
    const p = expectProblem(await clerk.post(`${url}/submit`), 409);
    expect(p.detail).toContain('6 tháng đầu năm 2026 đã đóng, không nhận báo cáo nữa.');
    expectProblem(await put(clerk, url, { version: before.version, values: { results: 'Muộn' } }), 409);
    const [row] = await t.database.db
      .select()
      .from(reportSubmissions)
      .where(eq(reportSubmissions.id, subOf.get(c.agency.id)!));
    expect(row).toMatchObject({ status: 'draft', version: 1, submittedAt: null });
    expect(row!.values).toEqual({});
    // Closed cycles leave the late dashboard.
    const late = (await itc.get('/api/v1/reports/late?limit=100')).json().items as LateItem[];
    expect(late.some((x) => x.cycleId === cycle.id)).toBe(false);
    // Cycles newest period first.
    const cycles = (await itc.get('/api/v1/reports/cycles')).json().items as CycleView[];
    expect(cycles.map((x) => x.label).slice(0, 3)).toEqual([
      '6 tháng đầu năm 2026',
      'Tháng 4/2026',
      'Năm 2025',
    ]);
  });

  it('reminds agencies of reports due within two working days or late, once a day', async () => {
    const db = t.database.db;
    const month = (
      await itc.post('/api/v1/reports/templates', {
        ...HALF,
        code: 'BC-NHAC-TEST',
        name: 'Nhắc (thử)',
        cycle: 'month',
        dueDays: 0,
      })
    ).json() as Template;
    // June: due 30/6, late. July: due 31/7, neither due soon nor late on 10/7.
    const june = (
      await itc.post('/api/v1/reports/cycles', {
        templateId: month.id,
        year: 2026,
        period: 6,
        agencyIds: [a.agency.id, b.agency.id],
      })
    ).json() as CycleView;
    await itc.post('/api/v1/reports/cycles', {
      templateId: month.id,
      year: 2026,
      period: 7,
      agencyIds: [a.agency.id],
    });
    const remindedIds = async () =>
      (
        await db
          .select({ id: reportSubmissions.id })
          .from(reportSubmissions)
          .where(inArray(reportSubmissions.cycleId, [june.id]))
      ).map((r) => r.id);
    const first = await sendReportReminders(db, NOW);
    expect(first).toBeGreaterThanOrEqual(2);
    const noticed = async () =>
      (
        await db
          .select()
          .from(notifications)
          .where(and(eq(notifications.personId, a.clerk.id), eq(notifications.kind, 'reports.overdue')))
      ).length;
    const once = await noticed();
    expect(once).toBeGreaterThanOrEqual(1);
    // The same day again (a rerun, a restart): nothing.
    expect(await sendReportReminders(db, new Date(NOW.getTime() + 3_600_000))).toBe(0);
    expect(await noticed()).toBe(once);
    // The next day: again, the same ones.
    expect(await sendReportReminders(db, new Date(NOW.getTime() + 86_400_000))).toBe(first);
    expect(await noticed()).toBeGreaterThan(once);
    const reminded = await db
      .select({ remindedAt: reportSubmissions.remindedAt })
      .from(reportSubmissions)
      .where(inArray(reportSubmissions.id, await remindedIds()));
    expect(reminded.every((r) => r.remindedAt?.getTime() === NOW.getTime() + 86_400_000)).toBe(true);
    // Due soon: a report due within two working days (Monday 13/7 seen on Friday 10/7) is reminded.
    const soon = (
      await itc.post('/api/v1/reports/templates', {
        ...HALF,
        code: 'BC-SAP-TEST',
        name: 'Sắp (thử)',
        cycle: 'month',
        dueDays: 9,
      })
    ).json() as Template;
    // June + 9 working days: 1, 2, 3, 6, 7, 8, 9, 10, 13 July.
    const soonCycle = (
      await itc.post('/api/v1/reports/cycles', {
        templateId: soon.id,
        year: 2026,
        period: 6,
        agencyIds: [c.agency.id],
      })
    ).json() as CycleView;
    expect(soonCycle.dueDate).toBe('2026-07-13');
    expect(await sendReportReminders(db, new Date(NOW.getTime() + 86_400_000 + 3_600_000))).toBe(1);
    const dueSoon = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.personId, c.clerk.id), eq(notifications.kind, 'reports.due_soon')));
    expect(dueSoon).toHaveLength(1);
  });
});

// The demo as `npm start` seeds it: the two templates and the six-month IT report of this year's first
// half issued to every agency, half of whose figures fill themselves.
describe.each(ENGINES)('reports: the demo periodic reports on %s', (engine) => {
  let t: TestApp;
  const password = 'Demo-password-2026';
  beforeAll(async () => {
    t = await makeTestApp(engine, {}, { now: () => NOW });
    await seedDemo(t.database.db, password, { dataDir: t.dataDir });
    await seedDemo(t.database.db, password, { dataDir: t.dataDir });
  }, 180_000);
  afterAll(async () => t?.close());

  it('issues the six-month IT report to every agency below the People’s Committee', async () => {
    const it = await signIn(t.app, 'truongphong.stttt', password);
    const templates = (await it.get('/api/v1/reports/templates')).json().items as Template[];
    expect(templates.map((x) => x.code)).toEqual(['BC-CNTT-6T', 'BC-THANG']);
    const half = templates[0]!;
    const tableRows = half.sections.flatMap((s) => (s.kind === 'table' ? s.rows : []));
    expect(tableRows.filter((r) => r.measure).length * 2).toBeGreaterThanOrEqual(tableRows.length);
    const cycles = (await it.get('/api/v1/reports/cycles')).json().items as CycleView[];
    expect(cycles).toHaveLength(1);
    const year = vnYear(new Date());
    expect(cycles[0]).toMatchObject({
      templateId: half.id,
      label: `6 tháng đầu năm ${year}`,
      status: 'open',
    });
    const [units] = await rows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM agencies WHERE status = 'active' AND kind <> 'division' AND parent_id IS NOT NULL`,
    );
    expect(cycles[0]!.counts.assigned).toBe(units!.n);
    const clerk = await signIn(t.app, 'vanthu.snv', password);
    const [mine] = (await clerk.get('/api/v1/reports/submissions')).json().items as SubmissionItem[];
    const view = (await clerk.get(`/api/v1/reports/submissions/${mine!.id}`)).json() as SubmissionView;
    expect(view.can).toMatchObject({ edit: true, submit: true });
    expect(view.values.so_lieu).toMatchObject({
      vb_di: { measured: true },
      may_tinh: { value: null },
    });
  });
});

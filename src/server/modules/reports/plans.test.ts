import { and, eq, inArray } from 'drizzle-orm';
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
import type {
  PlanOverviewPage,
  PlanPage,
  PlanVersionSnapshot,
  PlanView,
} from '../../../shared/reports/plans.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { agencies } from '../agencies/schema.ts';
import { documents } from '../documents/schema.ts';
import { notifications } from '../notifications/schema.ts';
import { itPlans, itPlanTasks, itPlanVersions, reportSettings } from './schema.ts';

// IT plans (issue 20) end to end over the API on a real database: an agency drafts its five-year and
// annual plans, submits them as versions; the IT department of the reports' settings comments per
// task, returns and appraises; the People's Committee's leader approves and has the decision drafted
// as an outgoing document; the agency reports progress during the year. Every refusal is checked to
// change nothing.

/** PUT with the client's cookie and CSRF header. */
const put = (c: Client, url: string, body: unknown) =>
  c.inject({ method: 'PUT', url, payload: body as Record<string, unknown> });

const NOW = new Date('2026-06-15T03:00:00Z');
const API = '/api/v1/reports/plans';

describe.each(ENGINES)('reports: IT plans on %s', (engine) => {
  let t: TestApp;
  let a: Awaited<ReturnType<typeof makeAgencyWithStaff>>;
  let b: Awaited<ReturnType<typeof makeAgencyWithStaff>>;
  let province: Awaited<ReturnType<typeof makeAgency>>;
  let otherProvince: Awaited<ReturnType<typeof makeAgency>>;
  let itDept: Awaited<ReturnType<typeof makeAgency>>;
  const p: Record<string, Awaited<ReturnType<typeof makePerson>>> = {};
  const as: Record<string, Client> = {};

  beforeAll(async () => {
    t = await makeTestApp(engine, {}, { now: () => NOW });
    const db = t.database.db;
    province = await makeAgency(db, { kind: 'province', name: 'UBND tỉnh Kế Hoạch' });
    otherProvince = await makeAgency(db, { kind: 'province', name: 'UBND tỉnh Khác' });
    itDept = await makeAgency(db, { name: 'Sở Thông tin và Truyền thông Thử', parentId: province.id });
    a = await makeAgencyWithStaff(db);
    b = await makeAgencyWithStaff(db);
    await db
      .update(agencies)
      .set({ parentId: province.id })
      .where(inArray(agencies.id, [a.agency.id, b.agency.id]));
    p.ubnd = await makePerson(db, { agencyId: province.id, role: 'agency_leader', fullName: 'Chủ tịch Thử' });
    p.ubndOfficer = await makePerson(db, { agencyId: province.id, role: 'officer' });
    p.otherUbnd = await makePerson(db, { agencyId: otherProvince.id, role: 'agency_leader' });
    p.itLeader = await makePerson(db, { agencyId: itDept.id, role: 'agency_leader' });
    p.itOfficer = await makePerson(db, { agencyId: itDept.id, role: 'officer' });
    await db
      .insert(reportSettings)
      .values({ id: true, itAgencyId: itDept.id })
      .onConflictDoUpdate({ target: reportSettings.id, set: { itAgencyId: itDept.id } });
    for (const [k, person] of Object.entries({
      ...p,
      aOfficer: a.officer,
      aHead: a.head,
      aLeader: a.leader,
      aClerk: a.clerk,
      bLeader: b.leader,
      bOfficer: b.officer,
    }))
      as[k] = await signIn(t.app, person.username);
  }, 120_000);
  afterAll(() => t?.close());

  const planRow = async (id: string) =>
    (await t.database.db.select().from(itPlans).where(eq(itPlans.id, id)))[0]!;
  const taskRows = async (id: string) =>
    t.database.db.select().from(itPlanTasks).where(eq(itPlanTasks.planId, id)).orderBy(itPlanTasks.ordinal);
  const versionRows = async (id: string) =>
    t.database.db.select().from(itPlanVersions).where(eq(itPlanVersions.planId, id));
  const auditOf = async (id: string) =>
    (
      await t.database.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(eq(auditLog.entityId, id))
        .orderBy(auditLog.seq)
    ).map((r) => r.action);
  const noticesOf = async (personId: string, kind: string) =>
    t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.personId, personId), eq(notifications.kind, kind)));

  let five: PlanView;
  let annual: PlanView;

  it('drafts a five-year plan and an annual plan under it; refuses overlaps, orphans and outsiders', async () => {
    let res = await as.aOfficer!.post(API, { kind: 'five_year', startYear: 2026 });
    expect(res.statusCode, res.body).toBe(201);
    five = res.json();
    expect(five).toMatchObject({
      kind: 'five_year',
      startYear: 2026,
      endYear: 2030,
      status: 'draft',
      version: 0,
      title: 'Kế hoạch ứng dụng công nghệ thông tin giai đoạn 2026–2030',
    });
    expect(five.actions).toMatchObject({ edit: true, delete: true, submit: false });

    // Overlapping five-year plan, an annual plan outside every five-year plan, a second plan of a year.
    expect(
      expectProblem(await as.aOfficer!.post(API, { kind: 'five_year', startYear: 2028 }), 409).detail,
    ).toBe('Đơn vị đã có kế hoạch 5 năm 2026–2030: hai kế hoạch 5 năm không được trùng năm.');
    expect(expectProblem(await as.aOfficer!.post(API, { kind: 'annual', startYear: 2031 }), 422).detail).toBe(
      'Đơn vị chưa có kế hoạch 5 năm bao gồm năm 2031: hãy lập kế hoạch 5 năm trước.',
    );
    res = await as.aOfficer!.post(API, { kind: 'annual', startYear: 2026, title: 'Kế hoạch CNTT năm 2026' });
    expect(res.statusCode, res.body).toBe(201);
    annual = res.json();
    expect(annual.parentPlan?.id).toBe(five.id);
    expect(annual.endYear).toBe(2026);
    expectProblem(await as.aHead!.post(API, { kind: 'annual', startYear: 2026 }), 409);
    expectProblem(await as.aOfficer!.post(API, { kind: 'quarterly', startYear: 2026 }), 400);

    // No permission (a clerk), another agency (404), the IT department before submission (404).
    expectProblem(await as.aClerk!.post(API, { kind: 'five_year', startYear: 2031 }), 403);
    expectProblem(await as.aClerk!.get(`${API}/${five.id}`), 404);
    expectProblem(await as.bLeader!.get(`${API}/${five.id}`), 404);
    expectProblem(await put(as.bLeader!, `${API}/${five.id}`, { title: 'Chiếm', tasks: [] }), 404);
    expectProblem(await as.itLeader!.get(`${API}/${five.id}`), 404);
    const plans = await t.database.db.select().from(itPlans).where(eq(itPlans.agencyId, a.agency.id));
    expect(plans).toHaveLength(2);
  });

  it('saves the tasks; refuses dates outside the plan and foreign links, changing nothing', async () => {
    const tasks = [
      {
        name: 'Nâng cấp hạ tầng mạng',
        budgetSource: 'Ngân sách địa phương',
        budgetAmount: 5_000_000_000,
        startDate: '2026-01-01',
        endDate: '2027-12-31',
        expectedResult: 'Mạng đáp ứng các hệ thống dùng chung',
      },
      { name: 'Số hóa hồ sơ lưu trữ', expectedResult: 'Hồ sơ được số hóa' },
    ];
    let res = await put(as.aOfficer!, `${API}/${five.id}`, {
      title: five.title,
      objectives: 'Chính quyền số',
      tasks,
    });
    expect(res.statusCode, res.body).toBe(200);
    five = res.json();
    expect(five.tasks.map((x) => x.name)).toEqual(['Nâng cấp hạ tầng mạng', 'Số hóa hồ sơ lưu trữ']);
    expect(five.budget.total).toBe(5_000_000_000);

    const before = await taskRows(five.id);
    const bad = await put(as.aOfficer!, `${API}/${five.id}`, {
      title: 'Đổi tên',
      tasks: [
        ...five.tasks.map((x) => ({ id: x.id, name: x.name })),
        { name: 'Quá hạn', endDate: '2031-01-01' },
      ],
    });
    expect(expectProblem(bad, 422).detail).toBe(
      'Nhiệm vụ «Quá hạn»: ngày kết thúc phải trong các năm 2026–2030.',
    );
    expectProblem(
      await put(as.aOfficer!, `${API}/${five.id}`, {
        title: 'Đổi tên',
        tasks: [{ name: 'Ngược', startDate: '2027-05-01', endDate: '2027-01-01' }],
      }),
      422,
    );
    expectProblem(
      await put(as.aOfficer!, `${API}/${five.id}`, {
        title: 'Đổi tên',
        tasks: [{ name: 'Không rõ nguồn', budgetAmount: 10 }],
      }),
      422,
    );
    expect(await taskRows(five.id)).toEqual(before);
    expect((await planRow(five.id)).title).toBe(five.title);

    // An annual task links to a task of the five-year plan, never to anything else.
    const foreign = await put(as.aOfficer!, `${API}/${annual.id}`, {
      title: annual.title,
      tasks: [{ name: 'Lạc', parentTaskId: annual.id }],
    });
    expect(expectProblem(foreign, 422).detail).toBe(
      'Nhiệm vụ «Lạc» gắn với một nhiệm vụ không thuộc kế hoạch 5 năm của đơn vị.',
    );
    res = await put(as.aOfficer!, `${API}/${annual.id}`, {
      title: annual.title,
      objectives: 'Năm đầu giai đoạn',
      tasks: [
        {
          name: 'Nâng cấp đường truyền',
          parentTaskId: five.tasks[0]!.id,
          budgetSource: 'Ngân sách địa phương',
          budgetAmount: 3_000_000_000,
          startDate: '2026-03-01',
          endDate: '2026-09-30',
        },
        { name: 'Số hóa hồ sơ 2020–2025', parentTaskId: five.tasks[1]!.id, budgetSource: 'Nguồn khác' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    annual = res.json();
    expect(annual.tasks[0]!.parentTaskName).toBe('Nâng cấp hạ tầng mạng');
    expect(annual.parentTasks).toHaveLength(2);
    expect(
      expectProblem(
        await put(as.aOfficer!, `${API}/${annual.id}`, {
          title: annual.title,
          tasks: [{ name: 'Sang năm', startDate: '2027-01-01' }],
        }),
        422,
      ).detail,
    ).toBe('Nhiệm vụ «Sang năm»: ngày bắt đầu phải trong năm 2026.');
  });

  it('submits the five-year plan (leaders and heads only); the IT department appraises; the UBND approves', async () => {
    expect(expectProblem(await as.aOfficer!.post(`${API}/${five.id}/submit`), 403).detail).toBe(
      'Chỉ lãnh đạo đơn vị hoặc trưởng phòng được trình kế hoạch.',
    );
    let res = await as.aHead!.post(`${API}/${five.id}/submit`);
    expect(res.statusCode, res.body).toBe(200);
    five = res.json();
    expect(five).toMatchObject({ status: 'submitted', version: 1 });
    expect(five.actions.edit).toBe(false);
    expect(await versionRows(five.id)).toHaveLength(1);
    expect(await noticesOf(p.itLeader!.id, 'plans.submitted')).toHaveLength(1);
    // Locked while under appraisal.
    expect(
      expectProblem(await put(as.aOfficer!, `${API}/${five.id}`, { title: 'Sửa lén', tasks: [] }), 409)
        .detail,
    ).toBe('Kế hoạch đã trình, đang chờ thẩm định: không sửa được.');
    expectProblem(await as.aHead!.post(`${API}/${five.id}/submit`), 409);
    expectProblem(await as.aOfficer!.delete(`${API}/${five.id}`), 409);

    // The IT department sees it now, with its actions; approval before appraisal is refused.
    res = await as.itOfficer!.get(`${API}/${five.id}`);
    expect(res.json().actions).toMatchObject({
      comment: true,
      returnPlan: true,
      appraise: true,
      edit: false,
    });
    expectProblem(await as.ubnd!.post(`${API}/${five.id}/approve`, {}), 409);
    res = await as.itLeader!.post(`${API}/${five.id}/appraise`, {
      opinion: 'Phù hợp chương trình chuyển đổi số.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'appraised',
      appraisalOpinion: 'Phù hợp chương trình chuyển đổi số.',
    });
    expect(await noticesOf(p.ubnd!.id, 'plans.appraised')).toHaveLength(1);
    res = await as.ubnd!.post(`${API}/${five.id}/approve`, {});
    expect(res.statusCode, res.body).toBe(200);
    five = res.json();
    expect(five).toMatchObject({
      status: 'approved',
      approvedByName: 'Chủ tịch Thử',
      approvalDocument: null,
    });
    expect(five.actions.issueDecision).toBe(true);
    expect(five.progress).toBeNull();
  });

  it('refuses an annual plan whose task lacks a budget line, naming it, and changes nothing', async () => {
    const res = await as.aLeader!.post(`${API}/${annual.id}/submit`);
    expect(expectProblem(res, 422).detail).toBe('Nhiệm vụ «Số hóa hồ sơ 2020–2025» chưa có nguồn kinh phí.');
    const row = await planRow(annual.id);
    expect(row).toMatchObject({ status: 'draft', version: 0, submittedAt: null });
    expect(await versionRows(annual.id)).toHaveLength(0);
    expect(await auditOf(annual.id)).not.toContain('plans.submit');
  });

  it('submits, is commented per task and returned; the agency resolves and resubmits a version 2', async () => {
    let res = await put(as.aOfficer!, `${API}/${annual.id}`, {
      title: annual.title,
      objectives: annual.objectives,
      tasks: annual.tasks.map((x, i) => ({
        id: x.id,
        name: x.name,
        parentTaskId: x.parentTaskId,
        budgetSource: x.budgetSource,
        budgetAmount: i === 1 ? 800_000_000 : x.budgetAmount,
        startDate: x.startDate,
        endDate: x.endDate,
      })),
    });
    expect(res.statusCode, res.body).toBe(200);
    res = await as.aLeader!.post(`${API}/${annual.id}/submit`);
    expect(res.statusCode, res.body).toBe(200);
    annual = res.json();
    expect(annual).toMatchObject({ status: 'submitted', version: 1 });
    const task = annual.tasks[1]!;

    // Only the IT department comments: an agency's own leader and the UBND are refused.
    expect(
      expectProblem(await as.aLeader!.post(`${API}/${annual.id}/comments`, { body: 'Tự khen' }), 403).detail,
    ).toBe(
      'Chỉ Sở Thông tin và Truyền thông Thử (cơ quan chuyên trách công nghệ thông tin) thẩm định kế hoạch.',
    );
    expectProblem(await as.ubnd!.post(`${API}/${annual.id}/comments`, { body: 'Ý kiến' }), 403);
    expectProblem(await as.ubnd!.post(`${API}/${annual.id}/appraise`, { opinion: 'Đạt yêu cầu' }), 403);
    expectProblem(await as.aClerk!.post(`${API}/${annual.id}/return`, {}), 403);
    expectProblem(
      await as.itOfficer!.post(`${API}/${annual.id}/comments`, { taskId: five.tasks[0]!.id, body: 'Lạc' }),
      422,
    );
    // Returning needs at least one comment.
    expectProblem(await as.itOfficer!.post(`${API}/${annual.id}/return`, {}), 422);
    expect((await planRow(annual.id)).status).toBe('submitted');

    res = await as.itOfficer!.post(`${API}/${annual.id}/comments`, {
      taskId: task.id,
      body: 'Kinh phí số hóa chưa có dự toán chi tiết.',
    });
    expect(res.statusCode, res.body).toBe(200);
    res = await as.itLeader!.post(`${API}/${annual.id}/return`, { comment: 'Bổ sung căn cứ pháp lý.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('returned');
    expect((await noticesOf(a.officer.id, 'plans.returned')).length).toBe(1);
    expect((await noticesOf(a.leader.id, 'plans.returned')).length).toBe(1);
    expectProblem(await as.itLeader!.post(`${API}/${annual.id}/return`, { comment: 'Lần nữa' }), 409);
    expectProblem(await as.itLeader!.post(`${API}/${annual.id}/appraise`, { opinion: 'Đạt' }), 409);

    // The agency sees the comments per item and marks them resolved.
    res = await as.aOfficer!.get(`${API}/${annual.id}`);
    annual = res.json();
    expect(annual.actions).toMatchObject({ edit: true, resolveComments: true, submit: false });
    const onTask = annual.comments.find((c) => c.taskId === task.id)!;
    expect(onTask).toMatchObject({ version: 1, taskName: 'Số hóa hồ sơ 2020–2025', resolvedAt: null });
    expect(annual.comments.find((c) => c.taskId === null)?.body).toBe('Bổ sung căn cứ pháp lý.');
    expectProblem(
      await as.bLeader!.post(`${API}/${annual.id}/comments/${onTask.id}/resolve`, { resolved: true }),
      404,
    );
    res = await as.aOfficer!.post(`${API}/${annual.id}/comments/${onTask.id}/resolve`, { resolved: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().comments.find((c: { id: string }) => c.id === onTask.id).resolvedAt).toBe(
      NOW.toISOString(),
    );

    res = await put(as.aOfficer!, `${API}/${annual.id}`, {
      title: annual.title,
      objectives: `${annual.objectives}. Căn cứ Quyết định 749/QĐ-TTg.`,
      tasks: annual.tasks.map((x, i) => ({
        ...x,
        budgetAmount: i === 1 ? 950_000_000 : x.budgetAmount,
        expectedResult: i === 1 ? 'Dự toán chi tiết kèm theo' : x.expectedResult,
      })),
    });
    expect(res.statusCode, res.body).toBe(200);
    res = await as.aHead!.post(`${API}/${annual.id}/submit`);
    expect(res.statusCode, res.body).toBe(200);
    annual = res.json();
    expect(annual).toMatchObject({ status: 'submitted', version: 2 });
    expect(annual.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(await versionRows(annual.id)).toHaveLength(2);
    const v1: PlanVersionSnapshot = (await as.itOfficer!.get(`${API}/${annual.id}/versions/1`)).json();
    expect(v1.tasks[1]!.budgetAmount).toBe(800_000_000);
    const v2: PlanVersionSnapshot = (await as.itOfficer!.get(`${API}/${annual.id}/versions/2`)).json();
    expect(v2.tasks[1]!.budgetAmount).toBe(950_000_000);
    expectProblem(await as.itOfficer!.get(`${API}/${annual.id}/versions/3`), 404);
    expectProblem(await as.bLeader!.get(`${API}/${annual.id}/versions/1`), 404);
  });

  it('appraises; only the root leader approves and issues the decision as an outgoing draft; the agency reports progress', async () => {
    expectProblem(
      await put(as.aOfficer!, `${API}/${annual.id}/progress`, {
        items: [{ taskId: annual.tasks[0]!.id, progress: 50 }],
      }),
      409,
    );
    let res = await as.itLeader!.post(`${API}/${annual.id}/appraise`, {
      opinion: 'Kế hoạch đã tiếp thu ý kiến; đề nghị UBND tỉnh phê duyệt.',
    });
    expect(res.statusCode, res.body).toBe(200);

    expect(expectProblem(await as.aLeader!.post(`${API}/${annual.id}/approve`, {}), 403).detail).toBe(
      'Chỉ lãnh đạo Ủy ban nhân dân tỉnh phê duyệt kế hoạch ứng dụng công nghệ thông tin.',
    );
    expectProblem(await as.itLeader!.post(`${API}/${annual.id}/approve`, {}), 403);
    expectProblem(await as.ubndOfficer!.post(`${API}/${annual.id}/approve`, {}), 403);
    expectProblem(await as.otherUbnd!.post(`${API}/${annual.id}/approve`, {}), 404);
    expect((await planRow(annual.id)).status).toBe('appraised');

    res = await as.ubnd!.post(`${API}/${annual.id}/approve`, { issueDecision: true });
    expect(res.statusCode, res.body).toBe(200);
    annual = res.json();
    expect(annual.status).toBe('approved');
    expect(annual.approvalDocument).toMatchObject({ status: 'draft', numberNotation: null });
    const [doc] = await t.database.db
      .select()
      .from(documents)
      .where(eq(documents.id, annual.approvalDocument!.id));
    expect(doc).toMatchObject({
      agencyId: province.id,
      direction: 'outgoing',
      status: 'draft',
      typeCode: 'quyet_dinh',
      summary: `Phê duyệt Kế hoạch CNTT năm 2026 của ${a.agency.name}`,
      drafterId: p.ubnd!.id,
    });
    expect((doc!.recipients as { agencyId: string }[]).map((r) => r.agencyId).sort()).toEqual(
      [a.agency.id, itDept.id].sort(),
    );
    expect((await planRow(annual.id)).approvalDocumentId).toBe(doc!.id);
    // The plan's maker and the submitter of the approved version are told.
    expect(await noticesOf(a.officer.id, 'plans.approved')).toHaveLength(2);
    expect(await noticesOf(a.head.id, 'plans.approved')).toHaveLength(2);
    expect(expectProblem(await as.ubnd!.post(`${API}/${annual.id}/decision`), 409).detail).toBe(
      'Quyết định phê duyệt kế hoạch này đã được tạo: mở văn bản để xử lý tiếp.',
    );
    expectProblem(await as.ubnd!.post(`${API}/${annual.id}/approve`, {}), 409);

    // The five-year plan was approved without a decision: issued afterwards, once.
    res = await as.ubnd!.post(`${API}/${five.id}/decision`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().approvalDocument.status).toBe('draft');
    expectProblem(await as.aLeader!.post(`${API}/${five.id}/decision`), 403);

    // Progress, weighted by budget: 3 000 000 000 at 40 %, 950 000 000 at 100 % → 54 %.
    const [t1, t2] = annual.tasks;
    expect(annual.actions.reportProgress).toBe(false); // the UBND's view
    res = await put(as.aOfficer!, `${API}/${annual.id}/progress`, {
      items: [
        { taskId: t1!.id, progress: 40, note: 'Đã lắp đặt thiết bị' },
        { taskId: t2!.id, progress: 100 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    annual = res.json();
    expect(annual.progress).toBe(54);
    expect(annual.tasks[0]).toMatchObject({ progress: 40, progressNote: 'Đã lắp đặt thiết bị' });
    expect(annual.actions.reportProgress).toBe(true);
    const before = await taskRows(annual.id);
    expectProblem(
      await put(as.aOfficer!, `${API}/${annual.id}/progress`, { items: [{ taskId: t1!.id, progress: 101 }] }),
      400,
    );
    expectProblem(
      await put(as.aOfficer!, `${API}/${annual.id}/progress`, {
        items: [
          { taskId: t1!.id, progress: 90 },
          { taskId: five.tasks[0]!.id, progress: 10 },
        ],
      }),
      422,
    );
    expectProblem(
      await put(as.bLeader!, `${API}/${annual.id}/progress`, { items: [{ taskId: t1!.id, progress: 5 }] }),
      404,
    );
    expectProblem(
      await put(as.aOfficer!, `${API}/${five.id}/progress`, {
        items: [{ taskId: five.tasks[0]!.id, progress: 5 }],
      }),
      409,
    );
    expect(await taskRows(annual.id)).toEqual(before);

    // An approved plan of next year waits for its year.
    const [next] = await t.database.db
      .insert(itPlans)
      .values({
        agencyId: a.agency.id,
        kind: 'annual',
        startYear: 2027,
        endYear: 2027,
        parentPlanId: five.id,
        title: 'Kế hoạch năm 2027',
        status: 'approved',
        version: 1,
      })
      .returning();
    const [nt] = await t.database.db
      .insert(itPlanTasks)
      .values({
        planId: next!.id,
        ordinal: 1,
        name: 'Việc năm sau',
        budgetSource: 'Nguồn khác',
        budgetAmount: 1,
      })
      .returning();
    expect(
      expectProblem(
        await put(as.aOfficer!, `${API}/${next!.id}/progress`, { items: [{ taskId: nt!.id, progress: 5 }] }),
        409,
      ).detail,
    ).toBe('Kế hoạch năm 2027 chưa đến năm thực hiện: báo cáo tiến độ từ ngày 01/01/2027.');

    expect(await auditOf(annual.id)).toEqual([
      'plans.create',
      'plans.update',
      'plans.update',
      'plans.submit',
      'plans.comment',
      'plans.return',
      'plans.comment.resolve',
      'plans.update',
      'plans.submit',
      'plans.appraise',
      'plans.approve',
      'plans.decision',
      'plans.progress',
    ]);
  });

  it('lists the agency’s plans and the province’s overview with status and progress, by keyset pages', async () => {
    const own: PlanPage = (await as.aOfficer!.get(`${API}?limit=10`)).json();
    expect(own.items.map((x) => x.id)).toEqual(expect.arrayContaining([five.id, annual.id]));
    expectProblem(await as.aClerk!.get(API), 403);

    const it2026: PlanOverviewPage = (await as.itOfficer!.get(`${API}/overview?year=2026&limit=100`)).json();
    expect(it2026.scope).toBe('Toàn tỉnh');
    const row = it2026.items.find((x) => x.id === annual.id)!;
    expect(row).toMatchObject({
      agencyName: a.agency.name,
      status: 'approved',
      progress: 54,
      budget: 3_950_000_000,
    });
    expect(it2026.items.some((x) => x.startYear === 2027 && x.kind === 'annual')).toBe(false);
    const approved: PlanOverviewPage = (
      await as.ubnd!.get(`${API}/overview?status=approved&kind=annual`)
    ).json();
    expect(approved.items.every((x) => x.status === 'approved' && x.kind === 'annual')).toBe(true);

    // Pages of one: every plan once, in order.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q = cursor ? `&cursor=${cursor}` : '';
      const page: PlanOverviewPage = (await as.itLeader!.get(`${API}/overview?limit=1${q}`)).json();
      seen.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([five.id, annual.id]));
    expectProblem(await as.itLeader!.get(`${API}/overview?cursor=bad`), 400);

    // Another agency follows only its own subtree.
    const bView: PlanOverviewPage = (await as.bOfficer!.get(`${API}/overview`)).json();
    expect(bView.scope).toBe(b.agency.name);
    expect(bView.items).toHaveLength(0);
  });

  it('deletes a draft never submitted, and nothing else', async () => {
    const created: PlanView = (await as.bOfficer!.post(API, { kind: 'five_year', startYear: 2026 })).json();
    expectProblem(await as.aOfficer!.delete(`${API}/${created.id}`), 404);
    expect((await as.bOfficer!.delete(`${API}/${created.id}`)).statusCode).toBe(200);
    expect(await t.database.db.select().from(itPlans).where(eq(itPlans.id, created.id))).toHaveLength(0);
    expect(await auditOf(created.id)).toEqual(['plans.create', 'plans.delete']);
    expectProblem(await as.aOfficer!.delete(`${API}/${annual.id}`), 409);
  });
});

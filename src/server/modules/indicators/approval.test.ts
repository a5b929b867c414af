import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  expectProblem,
  makeTestApp,
  signIn,
  type TestApp,
} from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import { makeAgency, makePerson } from '../../../../test/helpers/factories.ts';
import {
  indicatorDisaggregations,
  indicatorFormAgencies,
  indicatorFormItems,
  indicatorForms,
  indicatorGroups,
  indicators,
  indicatorValues,
} from './schema.ts';

// Validation rules, submission, the approval chain commune → district → province, and the
// completeness table, on a small tree: province P; districts D (communes C1, C2, C3) and D2 (C4).
describe.each(ENGINES)('indicator reports: validation, approval, completeness on %s', (engine) => {
  let t: TestApp;
  // Period 2026M11 ends 2026-11-30; due 5 days later (2026-12-05), locks after 15.
  let clock = new Date('2026-12-04T03:00:00Z');
  const tree = {} as Record<'P' | 'D' | 'D2' | 'C1' | 'C2' | 'C3' | 'C4', { id: string; name: string }>;
  const who = {} as Record<string, Client>;
  const personId = {} as Record<string, string>;
  const ind = {} as Record<string, string>;
  let formId = '';
  let directFormId = '';
  const period = '2026M11';

  const q = <T = Record<string, unknown>>(text: string, ...params: unknown[]) =>
    t.database.query<T>(text, params);
  const put = (c: Client, url: string, body: unknown) =>
    c.inject({ method: 'PUT', url, payload: body as object });

  async function setValue(agency: string, code: string, option: string, value: number | null, p = period) {
    await t.database.db
      .insert(indicatorValues)
      .values({
        indicatorId: ind[code]!,
        period: p,
        agencyId: tree[agency as keyof typeof tree].id,
        optionCode: option,
        estimate: value === null ? null : String(value),
        indicatorVersion: 1,
      })
      .onConflictDoUpdate({
        target: [
          indicatorValues.indicatorId,
          indicatorValues.period,
          indicatorValues.agencyId,
          indicatorValues.optionCode,
        ],
        set: { estimate: value === null ? null : String(value) },
      });
  }
  const url = (action: string, agency: keyof typeof tree, f = formId) =>
    `/api/v1/indicators/reports/${f}/${period}${action}?agencyId=${tree[agency].id}`;

  beforeAll(async () => {
    t = await makeTestApp(engine, { SESSION_CACHE_MS: '0' }, { now: () => clock });
    const db = t.database.db;
    const unit = async (key: keyof typeof tree, kind: string, parent?: keyof typeof tree) => {
      const a = await makeAgency(db, {
        kind,
        parentId: parent ? tree[parent].id : null,
        name: `${kind === 'commune' ? 'UBND xã' : kind === 'district' ? 'UBND huyện' : 'UBND tỉnh'} ${key}`,
      });
      tree[key] = { id: a.id, name: a.name };
    };
    await unit('P', 'province');
    await unit('D', 'district', 'P');
    await unit('D2', 'district', 'P');
    await unit('C1', 'commune', 'D');
    await unit('C2', 'commune', 'D');
    await unit('C3', 'commune', 'D');
    await unit('C4', 'commune', 'D2');
    const person = async (
      name: string,
      agency: keyof typeof tree,
      role: Parameters<typeof makePerson>[1]['role'],
    ) => {
      const p = await makePerson(db, { agencyId: tree[agency].id, role, fullName: name });
      personId[name] = p.id;
      who[name] = await signIn(t.app, p.username);
    };
    await person('admin', 'P', 'system_admin');
    await person('c1officer', 'C1', 'officer');
    await person('c1leader', 'C1', 'agency_leader');
    await person('c2officer', 'C2', 'officer');
    await person('c4officer', 'C4', 'officer');
    await person('dleader', 'D', 'agency_leader');
    await person('d2leader', 'D2', 'agency_leader');
    await person('pleader', 'P', 'agency_leader');

    const [g] = await db
      .insert(indicatorGroups)
      .values({ code: 'T02', name: 'Dân số và lao động' })
      .returning();
    const [sex] = await db
      .insert(indicatorDisaggregations)
      .values({
        code: 'gioi_tinh',
        name: 'Giới tính',
        options: [
          { code: 'nam', name: 'Nam' },
          { code: 'nu', name: 'Nữ' },
        ],
      })
      .returning();
    const indicator = async (code: string, name: string, disaggregationId: string | null = null) => {
      const [i] = await db
        .insert(indicators)
        .values({
          code,
          groupId: g!.id,
          name,
          unit: 'người',
          periodicity: 'month',
          valueType: 'integer',
          aggregation: 'sum',
          level: 'commune',
          disaggregationId,
        })
        .returning();
      ind[code] = i!.id;
    };
    await indicator('T0201', 'Dân số trung bình', sex!.id);
    await indicator('H0104', 'Dự toán chi ngân sách');
    await indicator('H0105', 'Chi ngân sách');
    const form = async (code: string, approvalLevels: number, agencies: (keyof typeof tree)[]) => {
      const [f] = await db
        .insert(indicatorForms)
        .values({
          code,
          name: `Biểu ${code}`,
          periodicity: 'month',
          dueDays: 5,
          lockDays: 15,
          approvalLevels,
        })
        .returning();
      await db
        .insert(indicatorFormItems)
        .values(
          ['T0201', 'H0104', 'H0105'].map((c, i) => ({ formId: f!.id, indicatorId: ind[c]!, sortOrder: i })),
        );
      await db
        .insert(indicatorFormAgencies)
        .values(agencies.map((a) => ({ formId: f!.id, agencyId: tree[a].id })));
      return f!.id;
    };
    formId = await form('BM01', 2, ['C1', 'C2', 'C3', 'C4']);
    directFormId = await form('BM00', 0, ['C1']);
  });
  afterAll(() => t.close());

  let blockingId = '';
  let warningId = '';

  describe('rules', () => {
    const rule = (over: Record<string, unknown> = {}) => ({
      name: 'Nữ không vượt tổng số',
      left: 'T0201[nu]',
      operator: '<=',
      right: 'T0201',
      importance: 'blocking',
      ...over,
    });

    it('refuses unknown codes, unknown options, bad syntax and bad operators, writing nothing', async () => {
      const a = who.admin!;
      let p = expectProblem(
        await a.post('/api/v1/indicators/rules', rule({ left: 'T9999' })),
        400,
        'validation_failed',
      );
      expect(p.detail).toBe('Vế trái: Mã chỉ tiêu không tồn tại: T9999');
      expect(p.fields).toEqual([{ path: 'left', message: 'Mã chỉ tiêu không tồn tại: T9999' }]);
      p = expectProblem(await a.post('/api/v1/indicators/rules', rule({ right: 'T0201[xx]' })), 400);
      expect(p.detail).toBe('Vế phải: Chỉ tiêu T0201 không có phân tổ «xx» (có: nam, nu)');
      p = expectProblem(await a.post('/api/v1/indicators/rules', rule({ right: 'H0104[nam]' })), 400);
      expect(p.detail).toBe('Vế phải: Chỉ tiêu H0104 không có phân tổ nào, không dùng được H0104[nam]');
      p = expectProblem(await a.post('/api/v1/indicators/rules', rule({ right: '(T0201 * 2' })), 400);
      expect(p.detail).toBe("Vế phải: Công thức sai ở vị trí 11: thiếu dấu ')'");
      expect(p.fields?.[0]?.path).toBe('right');
      p = expectProblem(await a.post('/api/v1/indicators/rules', rule({ left: '1 + 2', right: '3' })), 400);
      expect(p.detail).toBe('Quy tắc phải nhắc đến ít nhất một mã chỉ tiêu.');
      p = expectProblem(
        await a.post('/api/v1/indicators/rules', rule({ operator: '=>' })),
        400,
        'validation_failed',
      );
      expect(p.fields?.[0]?.path).toBe('body.operator');
      p = expectProblem(await a.post('/api/v1/indicators/rules', rule({ name: '  ' })), 400);
      expect(p.fields?.[0]?.path).toBe('body.name');
      p = expectProblem(
        await a.post('/api/v1/indicators/rules', rule({ formId: '00000000-0000-7000-8000-000000000000' })),
        400,
      );
      expect(p.detail).toBe('Biểu mẫu của quy tắc không tồn tại.');
      expectProblem(await who.c1officer!.post('/api/v1/indicators/rules', rule()), 403);
      expect((await q<{ n: number }>('SELECT count(*)::int AS n FROM indicator_rules'))[0]!.n).toBe(0);
    });

    it('creates, lists, updates and deletes rules', async () => {
      const a = who.admin!;
      let r = await a.post('/api/v1/indicators/rules', rule());
      expect(r.statusCode, r.body).toBe(201);
      blockingId = r.json().id;
      expect(r.json()).toMatchObject({
        codes: ['T0201'],
        formId: null,
        active: true,
        importance: 'blocking',
      });
      r = await a.post(
        '/api/v1/indicators/rules',
        rule({
          name: 'Chi không vượt 120% dự toán',
          left: 'H0105',
          right: 'H0104 * 1.2',
          importance: 'blocking',
          formId,
        }),
      );
      expect(r.statusCode, r.body).toBe(201);
      warningId = r.json().id;
      r = await put(a, `/api/v1/indicators/rules/${warningId}`, {
        name: 'Chi không vượt 120% dự toán',
        left: 'H0105',
        operator: '<=',
        right: 'H0104 * 1.2',
        importance: 'warning',
        formId,
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ importance: 'warning', formCode: 'BM01', codes: ['H0105', 'H0104'] });
      const bad = await put(a, `/api/v1/indicators/rules/${warningId}`, rule({ left: 'T0201 +' }));
      expectProblem(bad, 400);
      const spare = (
        await a.post('/api/v1/indicators/rules', rule({ name: 'Tạm', importance: 'warning' }))
      ).json().id;
      expect((await a.delete(`/api/v1/indicators/rules/${spare}`)).statusCode).toBe(200);
      expectProblem(await a.delete(`/api/v1/indicators/rules/${spare}`), 404);
      const list = (await who.c1officer!.get(`/api/v1/indicators/rules?formId=${formId}`)).json();
      expect(list.map((x: { name: string; importance: string }) => [x.name, x.importance])).toEqual([
        ['Chi không vượt 120% dự toán', 'warning'],
        ['Nữ không vượt tổng số', 'blocking'],
      ]);
      const audits = await q<{ action: string }>(
        "SELECT action FROM audit_log WHERE action LIKE 'indicators.rule.%' ORDER BY seq",
      );
      expect(audits.map((x) => x.action)).toEqual([
        'indicators.rule.create',
        'indicators.rule.create',
        'indicators.rule.update',
        'indicators.rule.create',
        'indicators.rule.delete',
      ]);
    });
  });

  describe('validation and submission', () => {
    it('lists the violations with both sides computed (official ?? estimate), skipping rules with a missing operand', async () => {
      await setValue('C1', 'T0201', '', 100);
      await setValue('C1', 'T0201', 'nu', 120);
      await setValue('C1', 'H0104', '', 100);
      await setValue('C1', 'H0105', '', 130);
      // The official value counts over the estimate.
      await q(
        `UPDATE indicator_values SET official = 150 WHERE indicator_id = $1 AND agency_id = $2 AND period = $3`,
        ind.H0105,
        tree.C1.id,
        period,
      );
      const r = await who.c1officer!.post(url('/validate', 'C1'));
      expect(r.statusCode, r.body).toBe(200);
      const v = r.json();
      expect(v.blocking).toBe(1);
      expect(v.warnings).toBe(1);
      expect(v.violations[0]).toMatchObject({
        key: blockingId,
        ruleId: blockingId,
        importance: 'blocking',
        left: 120,
        right: 100,
        codes: ['T0201'],
        message: 'Vi phạm quy tắc «Nữ không vượt tổng số» (T0201[nu] ≤ T0201): vế trái = 120, vế phải = 100.',
      });
      expect(v.violations[1]).toMatchObject({ key: warningId, importance: 'warning', left: 150, right: 120 });
      // Another agency's officer does not see this report.
      expectProblem(await who.c4officer!.post(url('/validate', 'C1')), 404);
      // C3 has only the total: the female rule is skipped, not violated.
      await setValue('C3', 'T0201', '', 10);
      expect((await who.dleader!.post(url('/validate', 'C3'))).json().violations).toEqual([]);
    });

    it('a blocking violation stops the submission; nothing is written', async () => {
      const r = await who.c1officer!.post(url('/submit', 'C1'), { comments: { [warningId]: 'Chi bổ sung' } });
      const p = expectProblem(r, 422, 'unprocessable');
      expect(p.detail).toBe(
        'Báo cáo còn 1 lỗi phải sửa trước khi gửi: Vi phạm quy tắc «Nữ không vượt tổng số» (T0201[nu] ≤ T0201): vế trái = 120, vế phải = 100.',
      );
      expect(r.json().violations.map((x: { key: string }) => x.key)).toEqual([blockingId]);
      expect((await q<{ n: number }>('SELECT count(*)::int AS n FROM indicator_reports'))[0]!.n).toBe(0);
      expect((await q<{ n: number }>('SELECT count(*)::int AS n FROM indicator_report_steps'))[0]!.n).toBe(0);
    });

    it('a warning needs a comment; with it the report goes to the district (level 1 of 2)', async () => {
      await setValue('C1', 'T0201', 'nu', 50);
      let r = await who.c1officer!.post(url('/submit', 'C1'), { comments: { [warningId]: '   ' } });
      const p = expectProblem(r, 422, 'unprocessable');
      expect(p.detail).toBe('Cần giải trình cho 1 cảnh báo trước khi gửi: Chi không vượt 120% dự toán.');
      expect(r.json().violations.map((x: { key: string }) => x.key)).toEqual([warningId]);
      expect(p.fields).toEqual([
        {
          path: `comments.${warningId}`,
          message:
            'Cần giải trình: Vi phạm quy tắc «Chi không vượt 120% dự toán» (H0105 ≤ H0104 * 1.2): vế trái = 150, vế phải = 120.',
        },
      ]);
      // Someone of another agency cannot submit it.
      expectProblem(await who.c4officer!.post(url('/submit', 'C1'), { comments: {} }), 403);
      expectProblem(await who.c2officer!.post(url('/submit', 'C1'), { comments: {} }), 403);

      r = await who.c1officer!.post(url('/submit', 'C1'), {
        comments: { [warningId]: 'Chi bổ sung cho bão lũ' },
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({
        status: 'submitted',
        level: 1,
        approvalLevels: 2,
        awaitingAgency: tree.D,
        chain: [
          { level: 1, ...tree.D },
          { level: 2, ...tree.P },
        ],
        dueOn: '2026-12-05',
        steps: [
          {
            action: 'submitted',
            level: 0,
            byAgencyName: tree.C1.name,
            note: '[Giải trình] Chi không vượt 120% dự toán: Chi bổ sung cho bão lũ',
          },
        ],
      });
      const notices = await q<{ person_id: string; title: string }>(
        "SELECT person_id, title FROM notifications WHERE kind = 'indicators.submitted'",
      );
      expect(notices).toEqual([
        { person_id: personId.dleader, title: `${tree.C1.name} gửi báo cáo BM01 Tháng 11/2026` },
      ]);
      expectProblem(await who.c1officer!.post(url('/submit', 'C1'), { comments: {} }), 409);
    });

    it('flags an outlier against 12 periods of history and keeps its explanation on the value', async () => {
      const history = [1000, 1010, 990, 1005, 995, 1000, 1020, 980, 1000, 1010, 990, 1000];
      const months = [
        '2025M11',
        '2025M12',
        ...Array.from({ length: 10 }, (_, i) => `2026M${String(i + 1).padStart(2, '0')}`),
      ];
      for (const [i, m] of months.entries()) await setValue('C2', 'T0201', '', history[i]!, m);
      await setValue('C2', 'T0201', '', 980, '2025M10'); // 13 periods back: not counted
      await setValue('C2', 'T0201', '', 1500);
      const v = (await who.c2officer!.post(url('/validate', 'C2'))).json();
      // mean 1000, sample sd 10.66 → ± max(32, 100) = [900; 1100]
      expect(v.violations).toEqual([
        {
          key: 'outlier:T0201:',
          ruleId: null,
          name: 'Giá trị bất thường: T0201',
          importance: 'warning',
          operator: null,
          leftExpr: 'T0201',
          rightExpr: null,
          left: 1500,
          right: null,
          range: [900, 1100],
          message:
            'Giá trị T0201 – Dân số trung bình Tháng 11/2026 = 1.500 nằm ngoài khoảng thường gặp [900; 1.100] (theo 12 kỳ trước).',
          codes: ['T0201'],
        },
      ]);
      // Within the range: no warning.
      await setValue('C2', 'T0201', '', 1090);
      expect((await who.c2officer!.post(url('/validate', 'C2'))).json().violations).toEqual([]);
      await setValue('C2', 'T0201', '', 1500);
      expectProblem(await who.c2officer!.post(url('/submit', 'C2'), { comments: {} }), 422);
      const r = await who.c2officer!.post(url('/submit', 'C2'), {
        comments: { 'outlier:T0201:': 'Sáp nhập thôn mới' },
      });
      expect(r.statusCode, r.body).toBe(200);
      const [cell] = await q<{ comment: string; rev: number }>(
        'SELECT comment, rev FROM indicator_values WHERE indicator_id = $1 AND agency_id = $2 AND period = $3 AND option_code = $4',
        ind.T0201,
        tree.C2.id,
        period,
        '',
      );
      expect(cell).toEqual({ comment: '[Giải trình] Sáp nhập thôn mới', rev: 2 });
      const hist = await q<{ kind: string; after: string; by_id: string }>(
        'SELECT kind, after, by_id FROM indicator_value_history WHERE agency_id = $1',
        tree.C2.id,
      );
      expect(hist).toEqual([
        { kind: 'comment', after: '[Giải trình] Sáp nhập thôn mới', by_id: personId.c2officer },
      ]);
    });
  });

  describe('approval', () => {
    it('only the awaiting agency approves; level by level up to the province', async () => {
      expectProblem(await who.d2leader!.post(url('/approve', 'C1')), 404);
      expectProblem(await who.c1leader!.post(url('/approve', 'C1')), 403);
      let p = expectProblem(await who.pleader!.post(url('/approve', 'C1')), 403);
      expect(p.detail).toBe(`Báo cáo đang chờ ${tree.D.name} duyệt, không phải đơn vị của bạn.`);
      expectProblem(await who.c1officer!.post(url('/approve', 'C1')), 403); // no indicators.approve

      const inboxD = (await who.dleader!.get('/api/v1/indicators/reports/inbox?limit=1')).json();
      expect(inboxD.items).toMatchObject([{ formCode: 'BM01', period, agency: tree.C1, level: 1 }]);
      expect(inboxD.nextCursor).not.toBeNull();
      const page2 = (
        await who.dleader!.get(`/api/v1/indicators/reports/inbox?limit=1&cursor=${inboxD.nextCursor}`)
      ).json();
      expect(page2).toMatchObject({ items: [{ agency: tree.C2 }], nextCursor: null });
      expect((await who.pleader!.get('/api/v1/indicators/reports/inbox')).json().items).toEqual([]);

      let r = await who.dleader!.post(url('/approve', 'C1'));
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ status: 'submitted', level: 2, awaitingAgency: tree.P });
      p = expectProblem(await who.dleader!.post(url('/approve', 'C1')), 403);
      expect((await who.pleader!.get('/api/v1/indicators/reports/inbox')).json().items).toMatchObject([
        { agency: tree.C1, level: 2 },
      ]);
      r = await who.pleader!.post(url('/approve', 'C1'));
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ status: 'approved', level: 2, awaitingAgency: null });
      expect(
        r
          .json()
          .steps.map((s: { action: string; level: number; byAgencyName: string }) => [
            s.action,
            s.level,
            s.byAgencyName,
          ]),
      ).toEqual([
        ['submitted', 0, tree.C1.name],
        ['approved', 1, tree.D.name],
        ['approved', 2, tree.P.name],
      ]);
      p = expectProblem(await who.pleader!.post(url('/approve', 'C1')), 409);
      expect(p.detail).toBe('Báo cáo đã được duyệt.');
      expectProblem(await who.c1officer!.post(url('/submit', 'C1'), {}), 409); // comments may be left out
      const [row] = await q<{ status: string }>(
        'SELECT status FROM indicator_reports WHERE agency_id = $1 AND form_id = $2',
        tree.C1.id,
        formId,
      );
      expect(row!.status).toBe('approved');
      const approvedNotices = await q<{ person_id: string }>(
        "SELECT person_id FROM notifications WHERE kind = 'indicators.approved' ORDER BY person_id",
      );
      expect(approvedNotices.map((x) => x.person_id).sort()).toEqual(
        [personId.c1officer, personId.c1leader].sort(),
      );
      const audits = await q<{ action: string }>(
        "SELECT action FROM audit_log WHERE action LIKE 'indicators.report.%' ORDER BY seq",
      );
      expect(audits.map((x) => x.action)).toEqual([
        'indicators.report.submit',
        'indicators.report.submit',
        'indicators.report.approve',
        'indicators.report.approve',
      ]);
    });

    it('return needs a reason and reopens the report for its agency only', async () => {
      let p = expectProblem(await who.dleader!.post(url('/return', 'C2'), { reason: '  ' }), 400);
      expect(p.fields?.[0]).toEqual({ path: 'body.reason', message: 'Lý do trả lại không được để trống.' });
      expectProblem(await who.d2leader!.post(url('/return', 'C2'), { reason: 'Sai' }), 404);
      const r = await who.dleader!.post(url('/return', 'C2'), { reason: 'Dân số tăng 50%, kiểm tra lại' });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({
        status: 'returned',
        level: 0,
        awaitingAgency: null,
        returnReason: 'Dân số tăng 50%, kiểm tra lại',
      });
      expect(r.json().steps.at(-1)).toMatchObject({
        action: 'returned',
        level: 1,
        note: 'Dân số tăng 50%, kiểm tra lại',
      });
      const [n] = await q<{ title: string; body: string }>(
        "SELECT title, body FROM notifications WHERE kind = 'indicators.returned' AND person_id = $1",
        personId.c2officer,
      );
      expect(n).toEqual({
        title: 'Báo cáo BM01 Tháng 11/2026 bị trả lại',
        body: 'Lý do: Dân số tăng 50%, kiểm tra lại',
      });
      p = expectProblem(await who.dleader!.post(url('/approve', 'C2')), 409);
      expect(p.detail).toBe('Báo cáo đã bị trả lại, đang chờ đơn vị gửi lại.');
      expect((await who.dleader!.get('/api/v1/indicators/reports/inbox')).json().items).toEqual([]);
    });

    it('a form with no approval level is final at submission', async () => {
      const r = await who.c1officer!.post(url('/submit', 'C1', directFormId), {
        comments: { [blockingId]: 'x', [warningId]: 'Chi bổ sung' },
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({
        status: 'approved',
        level: 0,
        approvalLevels: 0,
        awaitingAgency: null,
        chain: [],
      });
    });

    it('the report is shown to its agency and those above, not to others', async () => {
      expect((await who.pleader!.get(url('', 'C1'))).statusCode).toBe(200);
      expectProblem(await who.c4officer!.get(url('', 'C1')), 404);
      expectProblem(
        await who.c1officer!.get(`/api/v1/indicators/reports/${formId}/2026Q4?agencyId=${tree.C1.id}`),
        400,
      );
      expectProblem(await who.c1officer!.get(url('', 'C4')), 404);
    });
  });

  describe('completeness', () => {
    it('tells on time, late and missing per agency, with exact counts', async () => {
      clock = new Date('2026-12-07T03:00:00Z'); // past the due date (2026-12-05)
      const r = await who.c2officer!.post(url('/submit', 'C2'), {
        comments: { 'outlier:T0201:': 'Đã kiểm tra lại' },
      });
      expect(r.statusCode, r.body).toBe(200);
      const c = await who.pleader!.get(
        `/api/v1/indicators/reports/completeness?formId=${formId}&period=${period}`,
      );
      expect(c.statusCode, c.body).toBe(200);
      const v = c.json();
      expect(v.dueOn).toBe('2026-12-05');
      const byName = Object.fromEntries(
        v.rows.map(
          (x: { agency: { name: string }; status: string; timeliness: string; valueCount: number }) => [
            x.agency.name,
            [x.status, x.timeliness, x.valueCount],
          ],
        ),
      );
      expect(byName).toEqual({
        [tree.C1.name]: ['approved', 'on_time', 4],
        [tree.C2.name]: ['submitted', 'late', 1],
        [tree.C3.name]: ['draft', 'missing', 1],
        [tree.C4.name]: ['missing', 'missing', 0],
      });
      expect(v.summary).toEqual({
        total: 4,
        approved: 1,
        submitted: 1,
        returned: 0,
        draft: 1,
        missing: 1,
        onTime: 1,
        late: 1,
        overdue: 2,
        pending: 0,
        completePct: 50,
      });
      const underD = (
        await who.dleader!.get(
          `/api/v1/indicators/reports/completeness?formId=${formId}&period=${period}&parentId=${tree.D.id}`,
        )
      ).json();
      expect(underD.summary).toMatchObject({ total: 3, onTime: 1, late: 1, overdue: 1 });

      const x = await who.pleader!.get(
        `/api/v1/indicators/reports/completeness.xlsx?formId=${formId}&period=${period}`,
      );
      expect(x.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('Tình hình báo cáo')!;
      expect(sheet.getRow(4).values).toEqual([
        undefined,
        'STT',
        'Mã đơn vị',
        'Đơn vị',
        'Trạng thái',
        'Thời hạn',
        'Ngày gửi',
        'Ngày duyệt',
        'Số ô đã nhập',
      ]);
      const rowsOut = [5, 6, 7, 8].map((i) => [sheet.getCell(i, 3).value, sheet.getCell(i, 5).value]);
      expect(rowsOut).toContainEqual([tree.C2.name, 'Trễ hạn']);
      expect(rowsOut).toContainEqual([tree.C4.name, 'Quá hạn, chưa gửi']);
      expectProblem(
        await who.pleader!.get(`/api/v1/indicators/reports/completeness?formId=${formId}&period=2026`),
        400,
      );
    });

    it('a return near the lock date reopens the period for that agency only', async () => {
      clock = new Date('2026-12-14T03:00:00Z'); // locks on 2026-12-15
      const c3 = await makePerson(t.database.db, { agencyId: tree.C3.id, role: 'clerk' });
      const c3clerk = await signIn(t.app, c3.username);
      expect((await c3clerk.post(url('/submit', 'C3'), { comments: {} })).statusCode).toBe(200);
      const r = await who.dleader!.post(url('/return', 'C3'), { reason: 'Thiếu số liệu nữ' });
      expect(r.statusCode, r.body).toBe(200);
      const reopened = await q<{ agency_id: string; until: Date; reason: string; by_id: string }>(
        'SELECT agency_id, until, reason, by_id FROM indicator_reopenings WHERE form_id = $1 AND period = $2',
        formId,
        period,
      );
      expect(reopened).toEqual([
        {
          agency_id: tree.C3.id,
          until: new Date('2026-12-19T23:59:59.999+07:00'),
          reason: 'Báo cáo bị trả lại: Thiếu số liệu nữ',
          by_id: personId.dleader,
        },
      ]);
      // Once locked, the others cannot submit; C3 can, until its reopening ends.
      clock = new Date('2026-12-16T03:00:00Z');
      await setValue('C4', 'T0201', '', 7);
      const p = expectProblem(await who.c4officer!.post(url('/submit', 'C4'), {}), 409);
      expect(p.detail).toBe(
        'Tháng 11/2026 của biểu mẫu BM01 đã khóa sổ từ ngày 15/12/2026; đề nghị quản trị mở lại để gửi báo cáo.',
      );
      expect((await c3clerk.post(url('/submit', 'C3'), {})).statusCode).toBe(200);
      await who.dleader!.post(url('/return', 'C3'), { reason: 'Vẫn thiếu' });
      clock = new Date('2026-12-27T03:00:00Z');
      expectProblem(await c3clerk.post(url('/submit', 'C3'), {}), 409);
      // C2's return, long before the lock date, reopened nothing.
      const late = (
        await who.pleader!.get(`/api/v1/indicators/reports/completeness?formId=${formId}&period=${period}`)
      ).json();
      expect(late.summary).toMatchObject({ returned: 1, draft: 1, overdue: 2 });
    });
  });
});

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
import { makeAgency, makeDivision, makePerson } from '../../../../test/helpers/factories.ts';
import type { Db } from '../../db/client.ts';
import {
  indicatorFormItems,
  indicatorForms,
  indicatorGroups,
  indicatorReports,
  indicators,
  indicatorTargets,
  indicatorValues,
} from './schema.ts';

type Ind = typeof indicators.$inferSelect;

/*
 * A province P with districts D1 (communes C1, C2, C3 and a division) and D2 (commune C4), and
 * known numbers for every aggregation rule.
 */
describe.each(ENGINES)('indicator analysis and open data on %s', (engine) => {
  let t: TestApp;
  let db: Db;
  let leader: Client;
  let other: Client;
  const A: Record<string, { id: string; agencyCode: string | null; name: string }> = {};
  const I: Record<string, Ind> = {};

  const put = async (
    code: string,
    agency: string,
    period: string,
    v: { e?: number; o?: number; opt?: string },
  ) => {
    await db.insert(indicatorValues).values({
      indicatorId: I[code]!.id,
      period,
      agencyId: A[agency]!.id,
      optionCode: v.opt ?? '',
      estimate: v.e == null ? null : String(v.e),
      official: v.o == null ? null : String(v.o),
      comment: 'ghi chú nội bộ',
      indicatorVersion: 1,
      rev: 3,
    });
  };

  beforeAll(async () => {
    t = await makeTestApp(engine);
    db = t.database.db;
    const P = await makeAgency(db, { kind: 'province', name: 'UBND tỉnh Thử' });
    const D1 = await makeAgency(db, { kind: 'district', name: 'Huyện Một', parentId: P.id });
    const D2 = await makeAgency(db, { kind: 'district', name: 'Huyện Hai', parentId: P.id });
    const C1 = await makeAgency(db, {
      kind: 'commune',
      name: 'Xã Một',
      parentId: D1.id,
      agencyCode: 'X01.01',
    });
    const C2 = await makeAgency(db, {
      kind: 'commune',
      name: 'Xã Hai',
      parentId: D1.id,
      agencyCode: 'X01.02',
    });
    const C3 = await makeAgency(db, {
      kind: 'commune',
      name: 'Xã Ba',
      parentId: D1.id,
      agencyCode: 'X01.03',
    });
    const C4 = await makeAgency(db, {
      kind: 'commune',
      name: 'Xã Bốn',
      parentId: D2.id,
      agencyCode: 'X02.01',
    });
    const div = await makeDivision(db, D1.id);
    Object.assign(A, { P, D1, D2, C1, C2, C3, C4, div });
    leader = await signIn(t.app, (await makePerson(db, { agencyId: D1.id, role: 'agency_leader' })).username);
    other = await signIn(t.app, (await makePerson(db, { agencyId: P.id, role: 'officer' })).username);

    const [g] = await db.insert(indicatorGroups).values({ code: 'T01', name: 'Đất đai, dân số' }).returning();
    const mk = async (code: string, o: Partial<typeof indicators.$inferInsert>) => {
      const [r] = await db
        .insert(indicators)
        .values({
          code,
          groupId: g!.id,
          name: `Chỉ tiêu ${code}`,
          unit: 'tỷ đồng',
          periodicity: 'month',
          valueType: 'number',
          aggregation: 'sum',
          level: 'commune',
          ...o,
        })
        .returning();
      I[code] = r!;
    };
    await mk('A0101', { name: 'Giá trị sản xuất', aggregation: 'sum' });
    await mk('A0102', { name: 'Dân số trung bình', unit: 'người', periodicity: 'year', aggregation: 'last' });
    await mk('A0103', { name: 'GRDP', periodicity: 'year', aggregation: 'sum' });
    await mk('A0104', {
      name: 'GRDP bình quân đầu người',
      unit: 'triệu đồng',
      periodicity: 'year',
      aggregation: 'formula',
      formula: 'A0103 / A0102 * 1000',
      decimals: 2,
    });
    await mk('A0105', {
      name: 'Tỷ lệ hộ nghèo',
      unit: '%',
      periodicity: 'year',
      aggregation: 'weighted_avg',
      weightCode: 'A0102',
      decimals: 1,
    });
    await mk('A0106', { name: 'Không cộng được', periodicity: 'year', aggregation: 'none', open: false });
    await mk('A0107', { name: 'Số doanh nghiệp đang hoạt động', unit: 'doanh nghiệp', aggregation: 'last' });
    await mk('X0201', { periodicity: 'year', aggregation: 'formula', formula: 'X0202 * 2' });
    await mk('X0202', { periodicity: 'year', aggregation: 'formula', formula: 'X0201 + 1' });

    // A0101 (sum, month)
    await put('A0101', 'C1', '2026M01', { o: 10 });
    await put('A0101', 'C1', '2026M01', { o: 4, opt: 'nu' });
    await put('A0101', 'C1', '2026M02', { e: 20 });
    await put('A0101', 'C1', '2026M03', { e: 30 });
    await put('A0101', 'C2', '2026M01', { e: 1 });
    await put('A0101', 'C2', '2026M02', { e: 2 });
    await put('A0101', 'C2', '2026M03', { e: 3 });
    await put('A0101', 'C3', '2026M01', { e: 100 });
    await put('A0101', 'C3', '2026M02', { e: 999, o: 200 });
    await put('A0101', 'D1', '2026M01', { o: 5 });
    await put('A0101', 'C4', '2026M01', { o: 50 });
    await put('A0101', 'C1', '2025M01', { o: 8 });
    await put('A0101', 'C1', '2025M03', { o: 40 });
    // A0102 population (last), A0103 GRDP (sum), A0105 rate (weighted by population), A0106 none
    await put('A0102', 'C1', '2026', { o: 1000 });
    await put('A0102', 'C2', '2026', { o: 3000 });
    await put('A0103', 'C1', '2026', { o: 50 });
    await put('A0103', 'C2', '2026', { o: 150 });
    await put('A0103', 'C3', '2026', { o: 10 });
    await put('A0105', 'C1', '2026', { o: 10 });
    await put('A0105', 'C2', '2026', { o: 20 });
    await put('A0105', 'C3', '2026', { o: 99 });
    await put('A0106', 'D1', '2026', { o: 7 });
    await put('A0106', 'C1', '2026', { o: 3 });
    // A0107 (last, month)
    await put('A0107', 'C1', '2026M01', { o: 5 });
    await put('A0107', 'C1', '2026M02', { o: 6 });
    await put('A0107', 'C1', '2026M03', { o: 7 });
    await put('A0107', 'C2', '2026M03', { o: 10 });
    await put('A0107', 'C2', '2026M02', { o: 1000 });
    // Plans of A0101 for 2026.
    await db.insert(indicatorTargets).values([
      { indicatorId: I.A0101!.id, agencyId: A.C1!.id, year: 2026, value: '1000' },
      { indicatorId: I.A0101!.id, agencyId: A.C2!.id, year: 2026, value: '500' },
      { indicatorId: I.A0101!.id, agencyId: A.D1!.id, year: 2026, value: '100' },
      { indicatorId: I.A0101!.id, agencyId: A.C4!.id, year: 2026, value: '9999' },
    ]);
    // A form holding A0101: approved for C1 and C3 in 2026M01; C2 only submitted; C1 2026M02 returned.
    const [f] = await db
      .insert(indicatorForms)
      .values({ code: 'BM01', name: 'Biểu tháng', periodicity: 'month' })
      .returning();
    await db.insert(indicatorFormItems).values({ formId: f!.id, indicatorId: I.A0101!.id });
    await db.insert(indicatorReports).values([
      { formId: f!.id, agencyId: A.C1!.id, period: '2026M01', status: 'approved' },
      { formId: f!.id, agencyId: A.C3!.id, period: '2026M01', status: 'approved' },
      { formId: f!.id, agencyId: A.C2!.id, period: '2026M01', status: 'submitted' },
      { formId: f!.id, agencyId: A.C1!.id, period: '2026M02', status: 'returned' },
    ]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const rollup = async (c: Client, qs: string) => {
    const res = await c.get(`/api/v1/indicators/analysis/rollup?${qs}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const valueAt = async (code: string, agency: string, period: string, extra = '') =>
    (await rollup(leader, `indicator=${code}&agencyId=${A[agency]!.id}&from=${period}&to=${period}${extra}`))
      .points[0].value;

  it('sums a monthly indicator over three communes and the district itself (official ?? estimate)', async () => {
    const r = await rollup(leader, `indicator=A0101&agencyId=${A.D1!.id}&from=2026M01&to=2026M03`);
    expect(r.indicator).toMatchObject({
      code: 'A0101',
      name: 'Giá trị sản xuất',
      unit: 'tỷ đồng',
      decimals: 0,
    });
    expect(r.node).toEqual({ id: A.D1!.id, name: 'Huyện Một', code: A.D1!.agencyCode });
    expect(r.points.map((p: { value: number }) => p.value)).toEqual([116, 222, 33]);
    expect(r.points[0]).toMatchObject({
      period: '2026M01',
      label: 'Tháng 01/2026',
      lastYear: 8,
      growthPct: 1350,
    });
    expect(r.points[1]).toMatchObject({ lastYear: null, growthPct: null });
    expect(await valueAt('A0101', 'P', '2026M01')).toBe(166);
    expect(await valueAt('A0101', 'C3', '2026M02')).toBe(200);
    expect(await valueAt('A0101', 'D2', '2026M02')).toBeNull();
  });

  it('defaults to the actor agency and rolls an option', async () => {
    const r = await rollup(leader, 'indicator=A0101&from=2026M01&to=2026M01&option=nu');
    expect(r.node.id).toBe(A.D1!.id);
    expect(r.option).toBe('nu');
    expect(r.points[0].value).toBe(4);
  });

  it('sums months into a quarter, with last year, growth and the share of the year plan', async () => {
    const r = await rollup(leader, `indicator=A0101&agencyId=${A.D1!.id}&from=2026Q1&to=2026Q2`);
    expect(r.points[0]).toEqual({
      period: '2026Q1',
      label: 'Quý I/2026',
      value: 371,
      lastYear: 48,
      growthPct: 672.92,
      plan: 1600,
      planSharePct: 23.19,
    });
    expect(r.points[1]).toMatchObject({ period: '2026Q2', value: null, plan: 1600, planSharePct: null });
    const y = await rollup(leader, `indicator=A0101&agencyId=${A.P!.id}&from=2026&to=2026`);
    expect(y.points[0]).toMatchObject({ value: 421, plan: 11599 });
  });

  it('takes the last month of a quarter for a stock (summed across the tree)', async () => {
    expect(await valueAt('A0107', 'D1', '2026Q1')).toBe(17);
    expect(await valueAt('A0107', 'D1', '2026M02')).toBe(1006);
    expect(await valueAt('A0102', 'D1', '2026')).toBe(4000);
  });

  it('weights an average by the weight indicator over agencies having both', async () => {
    expect(await valueAt('A0105', 'D1', '2026')).toBe(17.5);
    expect(await valueAt('A0105', 'C3', '2026')).toBeNull();
  });

  it('recomputes a formula from the components rolled up at the node', async () => {
    expect(await valueAt('A0104', 'D1', '2026')).toBe(52.5);
    expect(await valueAt('A0104', 'C1', '2026')).toBe(50);
    expect(await valueAt('A0104', 'C3', '2026')).toBeNull();
  });

  it('takes only the node own value for a non-aggregable indicator', async () => {
    expect(await valueAt('A0106', 'D1', '2026')).toBe(7);
    expect(await valueAt('A0106', 'P', '2026')).toBeNull();
  });

  it('counts only approved reports on request', async () => {
    expect(await valueAt('A0101', 'D1', '2026M01', '&status=approved')).toBe(110);
    expect(await valueAt('A0101', 'D1', '2026M02', '&status=approved')).toBeNull();
  });

  it('refuses cycles, unknown codes and bad ranges in Vietnamese', async () => {
    let res = await leader.get(`/api/v1/indicators/analysis/rollup?indicator=X0201&from=2026&to=2026`);
    expect(expectProblem(res, 400).detail).toBe('Công thức có vòng lặp: X0201 → X0202 → X0201');
    res = await leader.get(`/api/v1/indicators/analysis/rollup?indicator=Z9999&from=2026&to=2026`);
    expect(expectProblem(res, 404).detail).toBe('Mã chỉ tiêu không tồn tại: Z9999');
    res = await leader.get(`/api/v1/indicators/analysis/rollup?indicator=A0101&from=2026M01&to=2026Q1`);
    expect(expectProblem(res, 400).detail).toContain('phải cùng loại kỳ');
    res = await leader.get(`/api/v1/indicators/analysis/rollup?indicator=A0101&from=2026M05&to=2026M01`);
    expect(expectProblem(res, 400).detail).toBe('Kỳ bắt đầu (from) phải trước kỳ kết thúc (to).');
    res = await leader.get(`/api/v1/indicators/analysis/rollup?indicator=A0101&from=2026M13&to=2026M01`);
    expectProblem(res, 400);
  });

  it('ranks the children of a node (divisions left out), with last year and growth', async () => {
    let res = await leader.get(
      `/api/v1/indicators/analysis/ranking?indicator=A0101&period=2026M01&parentId=${A.D1!.id}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    let r = res.json();
    expect(r.label).toBe('Tháng 01/2026');
    expect(
      r.items.map((x: { agency: { name: string }; value: number; rank: number }) => [
        x.rank,
        x.agency.name,
        x.value,
      ]),
    ).toEqual([
      [1, 'Xã Ba', 100],
      [2, 'Xã Một', 10],
      [3, 'Xã Hai', 1],
    ]);
    expect(r.items[1]).toMatchObject({ lastYear: 8, growthPct: 25 });
    res = await leader.get(
      `/api/v1/indicators/analysis/ranking?indicator=A0101&period=2026Q1&parentId=${A.P!.id}`,
    );
    r = res.json();
    expect(r.items.map((x: { agency: { name: string }; value: number }) => [x.agency.name, x.value])).toEqual(
      [
        ['Huyện Một', 371],
        ['Huyện Hai', 50],
      ],
    );
  });

  it('ranks by a formula and by a weighted average recomputed in each child', async () => {
    type Item = { rank: number | null; agency: { name: string }; value: number | null };
    const rank = async (code: string, period: string, parent: string) => {
      const res = await leader.get(
        `/api/v1/indicators/analysis/ranking?indicator=${code}&period=${period}&parentId=${A[parent]!.id}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((x: Item) => [x.rank, x.agency.name, x.value]);
    };
    expect(await rank('A0104', '2026', 'D1')).toEqual([
      [1, 'Xã Hai', 50],
      [2, 'Xã Một', 50],
      [null, 'Xã Ba', null],
    ]);
    expect(await rank('A0105', '2026', 'P')).toEqual([
      [1, 'Huyện Một', 17.5],
      [null, 'Huyện Hai', null],
    ]);
  });

  it('gives a dashboard of many indicators at a node in one call', async () => {
    const res = await leader.get(
      `/api/v1/indicators/analysis/dashboard?codes=A0103,A0104,A0105,A0101&agencyId=${A.D1!.id}&period=2026`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.label).toBe('Năm 2026');
    expect(r.items.map((x: { code: string; value: number }) => [x.code, x.value])).toEqual([
      ['A0103', 210],
      ['A0104', 52.5],
      ['A0105', 17.5],
      ['A0101', 371],
    ]);
    expect(r.items[3]).toMatchObject({ lastYear: 48, growthPct: 672.92 });
    expectProblem(await leader.get('/api/v1/indicators/analysis/dashboard?codes=&period=2026'), 400);
  });

  it('exports a series as CSV and xlsx', async () => {
    const q = `indicator=A0101&agencyId=${A.D1!.id}&from=2026Q1&to=2026Q1`;
    const csv = await leader.get(`/api/v1/indicators/analysis/series.csv?${q}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Kỳ,Mã kỳ,Giá trị,Cùng kỳ năm trước');
    expect(csv.body).toContain('Quý I/2026,2026Q1,371,48,672.92,1600,23.19');
    const x = await leader.get(`/api/v1/indicators/analysis/series.xlsx?${q}`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('A0101')!;
    expect(ws.getRow(4).values).toEqual([undefined, 'Quý I/2026', '2026Q1', 371, 48, 672.92, 1600, 23.19]);
  });

  it('keeps dashboards per person, pinned ones for the home page', async () => {
    const item = {
      title: 'Sản xuất',
      chart: 'line',
      indicators: ['A0101'],
      agencyId: A.D1!.id,
      from: '2026M01',
      to: '2026M12',
      compare: 'lastYear',
    };
    let res = await leader.post('/api/v1/indicators/dashboards', {
      name: 'Điều hành',
      pinned: true,
      items: [item],
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({ name: 'Điều hành', pinned: true, items: [item] });
    res = await leader.post('/api/v1/indicators/dashboards', { name: 'Nháp', items: [] });
    expect(res.statusCode).toBe(201);
    const draft = res.json();
    expect(
      (await leader.get('/api/v1/indicators/dashboards')).json().items.map((x: { name: string }) => x.name),
    ).toEqual(['Điều hành', 'Nháp']);
    expect(
      (await leader.get('/api/v1/indicators/dashboards/pinned'))
        .json()
        .items.map((x: { id: string }) => x.id),
    ).toEqual([d.id]);
    expect((await other.get('/api/v1/indicators/dashboards')).json().items).toEqual([]);
    expectProblem(await other.get(`/api/v1/indicators/dashboards/${d.id}`), 404);
    expectProblem(await other.delete(`/api/v1/indicators/dashboards/${d.id}`), 404);

    const put = (c: Client, id: string, body: unknown) =>
      c.inject({ method: 'PUT', url: `/api/v1/indicators/dashboards/${id}`, payload: body as object });
    res = await put(leader, draft.id, {
      name: 'Nháp 2',
      pinned: true,
      items: [{ ...item, indicators: ['A0101', 'Z9999'] }],
    });
    const p = expectProblem(res, 400);
    expect(p.detail).toBe('Biểu đồ 1 ("Sản xuất"): mã chỉ tiêu không tồn tại: Z9999');
    res = await put(leader, draft.id, {
      name: 'Nháp 2',
      pinned: true,
      items: [{ ...item, from: '2026M12', to: '2026M01' }],
    });
    expectProblem(res, 400);
    expect((await leader.get(`/api/v1/indicators/dashboards/${draft.id}`)).json()).toMatchObject({
      name: 'Nháp',
      pinned: false,
    });
    res = await put(leader, draft.id, { name: 'Nháp 2', pinned: true, items: [] });
    expect(res.statusCode).toBe(200);
    expect((await leader.get('/api/v1/indicators/dashboards/pinned')).json().items).toHaveLength(2);
    res = await leader.post('/api/v1/indicators/dashboards', { name: '', items: [] });
    expectProblem(res, 400);
    expect((await leader.delete(`/api/v1/indicators/dashboards/${draft.id}`)).statusCode).toBe(200);
    expect((await leader.get('/api/v1/indicators/dashboards')).json().items).toHaveLength(1);
  });

  it('refuses analysis without signing in', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/indicators/analysis/rollup?indicator=A0101&from=2026&to=2026',
    });
    expect(res.statusCode).toBe(401);
  });

  describe('open data', () => {
    const anon = (url: string) => t.app.inject({ method: 'GET', url });

    it('lists the catalogue of open indicators, paged, as JSON and CSV', async () => {
      let res = await anon('/api/v1/open/indicators?limit=3');
      expect(res.statusCode, res.body).toBe(200);
      const p1 = res.json();
      expect(p1.items.map((x: { code: string }) => x.code)).toEqual(['A0101', 'A0102', 'A0103']);
      expect(p1.items[0]).toEqual({
        code: 'A0101',
        name: 'Giá trị sản xuất',
        group: 'Đất đai, dân số',
        unit: 'tỷ đồng',
        periodicity: 'month',
        aggregation: 'sum',
      });
      res = await anon(`/api/v1/open/indicators?limit=3&cursor=${p1.nextCursor}`);
      const p2 = res.json();
      // A0106 is not open.
      expect(p2.items.map((x: { code: string }) => x.code)).toEqual(['A0104', 'A0105', 'A0107']);
      res = await anon(`/api/v1/open/indicators?limit=100&format=csv`);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.body).toContain('code,name,group,unit,periodicity,aggregation');
      expect(res.body).toContain('A0101,Giá trị sản xuất,"Đất đai, dân số",tỷ đồng,month,sum');
      expect(res.body).not.toContain('A0106');
    });

    it('gives approved values only, with public fields only', async () => {
      const res = await anon('/api/v1/open/indicators/A0101/values');
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json();
      expect(r.items).toEqual([
        {
          indicator: 'A0101',
          period: '2026M01',
          agencyCode: 'X01.01',
          option: '',
          value: 10,
          status: 'chính thức',
        },
        {
          indicator: 'A0101',
          period: '2026M01',
          agencyCode: 'X01.01',
          option: 'nu',
          value: 4,
          status: 'chính thức',
        },
        {
          indicator: 'A0101',
          period: '2026M01',
          agencyCode: 'X01.03',
          option: '',
          value: 100,
          status: 'ước',
        },
      ]);
      expect(r.nextCursor).toBeNull();
      for (const it of r.items) {
        expect(Object.keys(it).sort()).toEqual([
          'agencyCode',
          'indicator',
          'option',
          'period',
          'status',
          'value',
        ]);
      }
      // Nothing internal anywhere in the body: no comment, revision, person or internal id.
      for (const bad of [
        'ghi chú',
        'rev',
        'updatedBy',
        'comment',
        A.C1!.id,
        I.A0101!.id,
        'X01.02',
        '2026M02',
      ]) {
        expect(res.body).not.toContain(bad);
      }
    });

    it('filters by period, range and agency code, pages with a cursor, and answers CSV', async () => {
      expect((await anon('/api/v1/open/indicators/A0101/values?period=2026M02')).json().items).toEqual([]);
      expect(
        (await anon('/api/v1/open/indicators/A0101/values?from=2026M01&to=2026M03&agency=X01.03')).json()
          .items,
      ).toEqual([
        {
          indicator: 'A0101',
          period: '2026M01',
          agencyCode: 'X01.03',
          option: '',
          value: 100,
          status: 'ước',
        },
      ]);
      const seen: string[] = [];
      let cursor = '';
      for (let i = 0; i < 5; i++) {
        const r = (
          await anon(`/api/v1/open/indicators/A0101/values?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        ).json();
        seen.push(
          ...r.items.map((x: { agencyCode: string; option: string }) => `${x.agencyCode}/${x.option}`),
        );
        if (!r.nextCursor) break;
        cursor = r.nextCursor;
      }
      expect(seen).toEqual(['X01.01/', 'X01.01/nu', 'X01.03/']);
      const csv = await anon('/api/v1/open/indicators/A0101/values?format=csv&limit=2');
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['x-next-cursor']).toBeTruthy();
      expect(csv.body.replace('\uFEFF', '').split('\r\n')).toEqual([
        'indicator,period,agencyCode,option,value,status',
        'A0101,2026M01,X01.01,,10,chính thức',
        'A0101,2026M01,X01.01,nu,4,chính thức',
        '',
      ]);
    });

    it('is described in the OpenAPI document', async () => {
      const doc = (await anon('/api/docs/json')).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/open/indicators',
          '/api/v1/open/indicators/{code}/values',
          '/api/v1/indicators/analysis/rollup',
          '/api/v1/indicators/analysis/dashboard',
          '/api/v1/indicators/dashboards/{id}',
        ]),
      );
      const values = doc.paths['/api/v1/open/indicators/{code}/values'].get;
      const item = values.responses['200'].content['application/json'].schema.properties.items.items;
      expect(Object.keys(item.properties).sort()).toEqual([
        'agencyCode',
        'indicator',
        'option',
        'period',
        'status',
        'value',
      ]);
    });

    it('refuses closed or unknown indicators and bad parameters in Vietnamese', async () => {
      let p = expectProblem(await anon('/api/v1/open/indicators/A0106/values'), 404);
      expect(p.detail).toBe('Chỉ tiêu không tồn tại hoặc không được công khai: A0106');
      p = expectProblem(await anon('/api/v1/open/indicators/Z9999/values'), 404);
      expectProblem(await anon('/api/v1/open/indicators/A0101/values?period=2026M01&from=2026M01'), 400);
      expectProblem(await anon('/api/v1/open/indicators/A0101/values?cursor=xyz'), 400);
      expectProblem(await anon('/api/v1/open/indicators/a-b/values'), 400);
    });
  });
});

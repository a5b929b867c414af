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
  indicatorReports,
  indicators,
  indicatorTargets,
  indicatorValues,
} from './schema.ts';

// The entry grid and cell saves of commune C1 (district D); the period 2026M11 ends on 30/11, is
// due 5 days later and locks after 15; the clock says 04/12/2026.
describe.each(ENGINES)('indicator entry on %s', (engine) => {
  let t: TestApp;
  const clock = new Date('2026-12-04T03:00:00Z');
  const tree = {} as Record<'D' | 'C1' | 'C2', { id: string }>;
  const ind = {} as Record<string, string>;
  let formId = '';
  let otherFormId = '';
  let anh: Client;
  let binh: Client;
  let c2: Client;
  let dLeader: Client;
  const url = (period = '2026M11', suffix = '') => `/api/v1/indicators/entry/${formId}/${period}${suffix}`;
  const save = (c: Client, body: object, period = '2026M11') =>
    c.inject({ method: 'PUT', url: url(period, '/cells'), payload: { kind: 'estimate', ...body } });
  const grid = async (c: Client, q = '') => (await c.inject({ method: 'GET', url: `${url()}${q}` })).json();
  const stored = async () =>
    (
      await t.database.query<{ code: string; option_code: string; estimate: string | null; rev: number }>(
        `SELECT i.code, v.option_code, v.estimate::text, v.rev FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
          WHERE v.agency_id = $1 AND v.period = '2026M11' ORDER BY i.code, v.option_code`,
        [tree.C1.id],
      )
    ).map((r) => [r.code, r.option_code, r.estimate === null ? null : Number(r.estimate), r.rev]);
  function problem(res: Parameters<typeof expectProblem>[0], status: number, message?: string) {
    const p = expectProblem(res, status);
    if (message) expect([p.detail, ...(p.fields ?? []).map((f) => f.message)]).toContain(message);
    return p;
  }

  beforeAll(async () => {
    t = await makeTestApp(engine, { SESSION_CACHE_MS: '0' }, { now: () => clock });
    const db = t.database.db;
    tree.D = await makeAgency(db, { kind: 'district', name: 'UBND huyện D' });
    tree.C1 = await makeAgency(db, { kind: 'commune', name: 'UBND xã C1', parentId: tree.D.id });
    tree.C2 = await makeAgency(db, { kind: 'commune', name: 'UBND xã C2', parentId: tree.D.id });
    const person = async (agency: keyof typeof tree, role: 'officer' | 'agency_leader', fullName: string) =>
      signIn(t.app, (await makePerson(db, { agencyId: tree[agency].id, role, fullName })).username);
    anh = await person('C1', 'officer', 'Nguyễn Văn Anh');
    binh = await person('C1', 'officer', 'Trần Thị Bình');
    c2 = await person('C2', 'officer', 'Lê Văn Cường');
    dLeader = await person('D', 'agency_leader', 'Phạm Văn Dũng');

    const [g] = await db.insert(indicatorGroups).values({ code: 'X01', name: 'Dân số' }).returning();
    const [sex] = await db
      .insert(indicatorDisaggregations)
      .values({
        code: 'gt',
        name: 'Giới tính',
        options: [
          { code: 'nam', name: 'Nam' },
          { code: 'nu', name: 'Nữ' },
        ],
      })
      .returning();
    const indicator = async (
      code: string,
      valueType: string,
      decimals: number,
      disaggregationId: string | null = null,
    ) => {
      const [i] = await db
        .insert(indicators)
        .values({
          code,
          groupId: g!.id,
          name: `Chỉ tiêu ${code}`,
          unit: 'đơn vị',
          periodicity: 'month',
          valueType,
          decimals,
          aggregation: 'sum',
          level: 'commune',
          disaggregationId,
        })
        .returning();
      ind[code] = i!.id;
    };
    await indicator('X0101', 'integer', 0, sex!.id);
    await indicator('X0102', 'number', 1);
    await indicator('X0103', 'percent', 1);
    await indicator('X0199', 'integer', 0);
    const [f] = await db
      .insert(indicatorForms)
      .values({ code: 'BMX', name: 'Biểu tháng cấp xã', periodicity: 'month' })
      .returning();
    formId = f!.id;
    await db.insert(indicatorFormItems).values([
      { formId, indicatorId: ind.X0102!, sortOrder: 2 },
      { formId, indicatorId: ind.X0101!, sortOrder: 1 },
      { formId, indicatorId: ind.X0103!, sortOrder: 3 },
    ]);
    await db.insert(indicatorFormAgencies).values([
      { formId, agencyId: tree.C1.id },
      { formId, agencyId: tree.C2.id },
    ]);
    const [o] = await db
      .insert(indicatorForms)
      .values({ code: 'BMY', name: 'Biểu khác', periodicity: 'month' })
      .returning();
    otherFormId = o!.id;
    await db.insert(indicatorValues).values([
      {
        indicatorId: ind.X0101!,
        period: '2025M11',
        agencyId: tree.C1.id,
        optionCode: '',
        estimate: '90',
        official: '95',
        indicatorVersion: 1,
      },
      {
        indicatorId: ind.X0101!,
        period: '2025M11',
        agencyId: tree.C1.id,
        optionCode: 'nu',
        estimate: '40',
        indicatorVersion: 1,
      },
    ]);
    await db
      .insert(indicatorTargets)
      .values({ indicatorId: ind.X0101!, agencyId: tree.C1.id, year: 2026, value: '1200' });
  });
  afterAll(async () => t?.close());

  it('shows the grid in the form order with options, last year and the plan', async () => {
    const g = await grid(anh);
    expect(g).toMatchObject({
      period: '2026M11',
      periodLabel: 'Tháng 11/2026',
      state: 'due_soon',
      editable: true,
      reportStatus: null,
    });
    expect(g.calendar).toEqual({ opensOn: '2026-11-30', dueOn: '2026-12-05', locksOn: '2026-12-15' });
    expect(g.rows.map((r: { code: string }) => r.code)).toEqual(['X0101', 'X0102', 'X0103']);
    expect(g.rows[0].options.map((o: { name: string }) => o.name)).toEqual(['Tổng số', 'Nam', 'Nữ']);
    expect(g.rows[0].lastYear).toEqual({ '': 95, nam: null, nu: 40 });
    expect(g.rows[0].plan).toBe(1200);
    expect(g.rows[0].cells['']).toMatchObject({ estimate: null, rev: 0 });
  });

  it('saves a pasted block all at once, reads Vietnamese numbers, keeps history and the report draft', async () => {
    const r = await save(anh, {
      cells: [
        { indicator: 'X0101', option: '', value: '1.234', rev: 0 },
        { indicator: 'X0101', option: 'nu', value: '600', rev: 0 },
        { indicator: 'X0102', value: '12,5', rev: 0 },
        { indicator: 'X0103', value: '45,2%', rev: 0, comment: 'Số ước' },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().saved.map((s: { rev: number }) => s.rev)).toEqual([1, 1, 1, 1]);
    expect(await stored()).toEqual([
      ['X0101', '', 1234, 1],
      ['X0101', 'nu', 600, 1],
      ['X0102', '', 12.5, 1],
      ['X0103', '', 45.2, 1],
    ]);
    const g = await grid(binh);
    expect(g.rows[2].cells['']).toMatchObject({
      estimate: 45.2,
      comment: 'Số ước',
      rev: 1,
      updatedBy: 'Nguyễn Văn Anh',
    });
    expect(g.reportStatus).toBe('draft');
    const h = await anh.inject({ method: 'GET', url: `${url('2026M11', '/history')}?indicator=X0103` });
    expect(h.statusCode, h.body).toBe(200);
    expect(
      h.json().items.map((i: { kind: string; after: string; by: string }) => [i.kind, i.after, i.by]),
    ).toEqual([
      ['comment', 'Số ước', 'Nguyễn Văn Anh'],
      ['estimate', '45.2', 'Nguyễn Văn Anh'],
    ]);
    const [a] = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'indicators.values.save' AND agency_id = $1`,
      [tree.C1.id],
    );
    expect(a!.n).toBe(1);
    // The official figure is kept beside the estimate.
    const o = await save(anh, { kind: 'official', cells: [{ indicator: 'X0101', value: '1240', rev: 1 }] });
    expect(o.json().saved[0]).toMatchObject({ estimate: 1234, official: 1240, rev: 2 });
  });

  it('refuses the later of two saves of one cell, and says who saved what', async () => {
    const g = await grid(binh);
    const rev = g.rows[1].cells[''].rev;
    expect((await save(anh, { cells: [{ indicator: 'X0102', value: '13', rev }] })).statusCode).toBe(200);
    const late = await save(binh, {
      cells: [
        { indicator: 'X0102', value: '14', rev },
        { indicator: 'X0101', option: 'nam', value: '5', rev: 0 },
      ],
    });
    const p = problem(late, 409);
    expect(p.detail).toMatch(
      /^Ô X0102 \(Tổng số\) vừa được Nguyễn Văn Anh sửa lúc 04\/12\/2026 10:00 thành 13; tải lại để xem giá trị mới\.$/,
    );
    expect((await stored()).find((s) => s[0] === 'X0102')).toEqual(['X0102', '', 13, rev + 1]);
    expect((await stored()).some((s) => s[1] === 'nam')).toBe(false);
  });

  it('lists every bad cell with its reason and writes nothing', async () => {
    const before = await stored();
    const r = await save(anh, {
      cells: [
        { indicator: 'X0101', option: 'nam', value: '10', rev: 0 },
        { indicator: 'X0101', option: 'nu', value: 'abc', rev: 1 },
        { indicator: 'X0102', value: '1,25', rev: 2 },
        { indicator: 'X0199', value: '1', rev: 0 },
        { indicator: 'X0103', option: 'nam', value: '1', rev: 0 },
        { indicator: 'X0101', option: '', value: '12,5', rev: 2 },
      ],
    });
    const p = problem(r, 422, 'X0101 (Nữ): «abc» không phải là số (ví dụ 1.234,5 hoặc 1234.5).');
    expect(p.detail).toBe('Có 5 ô không hợp lệ; chưa lưu ô nào.');
    expect(p.fields!.map((f) => [f.path, f.message])).toEqual([
      ['cells.1.value', 'X0101 (Nữ): «abc» không phải là số (ví dụ 1.234,5 hoặc 1234.5).'],
      ['cells.2.value', 'X0102 (Tổng số): «1,25» có quá 1 chữ số thập phân.'],
      ['cells.3.indicator', 'Chỉ tiêu X0199 không có trong biểu mẫu BMX.'],
      ['cells.4.option', 'Chỉ tiêu X0103 không có phân tổ «nam» (có: chỉ có Tổng số).'],
      ['cells.5.value', 'X0101 (Tổng số): «12,5» phải là số nguyên.'],
    ]);
    expect(await stored()).toEqual(before);
    problem(
      await save(anh, { kind: 'draft', cells: [{ indicator: 'X0101', value: '1', rev: 0 }] }),
      400,
      'Loại số liệu phải là "estimate" (ước tính) hoặc "official" (chính thức).',
    );
  });

  it('refuses another agency, a form it does not report, a closed or locked period and a sent report', async () => {
    problem(
      await save(c2, { agencyId: tree.C1.id, cells: [{ indicator: 'X0102', value: '1', rev: 0 }] }),
      403,
      'Bạn không thuộc UBND xã C1, không nhập số liệu cho đơn vị này được.',
    );
    problem(await c2.inject({ method: 'GET', url: `${url()}?agencyId=${tree.C1.id}` }), 404);
    problem(
      await anh.inject({
        method: 'PUT',
        url: `/api/v1/indicators/entry/${otherFormId}/2026M11/cells`,
        payload: { kind: 'estimate', cells: [{ indicator: 'X0102', value: '1', rev: 0 }] },
      }),
      404,
      'UBND xã C1 không phải đơn vị báo cáo của biểu mẫu BMY.',
    );
    problem(
      await save(anh, { cells: [{ indicator: 'X0102', value: '1', rev: 0 }] }, '2026M10'),
      409,
      'Kỳ báo cáo đã khóa từ ngày 15/11/2026; cần quản trị mở lại cho đơn vị.',
    );
    problem(
      await save(anh, { cells: [{ indicator: 'X0102', value: '1', rev: 0 }] }, '2026M12'),
      409,
      'Kỳ báo cáo chưa mở: mở nhập từ ngày 31/12/2026.',
    );
    problem(
      await save(anh, { cells: [{ indicator: 'X0102', value: '1', rev: 0 }] }, '2026Q4'),
      400,
      'Kỳ báo cáo 2026Q4 không phải kỳ của biểu mẫu BMX (biểu mẫu báo cáo theo tháng).',
    );
    await t.database.db
      .insert(indicatorReports)
      .values({ formId, agencyId: tree.C2.id, period: '2026M11', status: 'submitted' });
    problem(
      await save(c2, { cells: [{ indicator: 'X0102', value: '1', rev: 0 }] }),
      409,
      'Báo cáo đã gửi, đang chờ duyệt: không sửa được.',
    );
  });

  it('lets the district read the commune grid, not write it', async () => {
    const g = await grid(dLeader, `?agencyId=${tree.C1.id}`);
    expect(g).toMatchObject({
      editable: false,
      readOnlyReason: 'Bạn đang xem số liệu của đơn vị khác: chỉ xem, không sửa.',
    });
    expect(g.rows[1].cells[''].estimate).toBe(13);
  });
});

describe.each(ENGINES)('indicator entry by spreadsheet on %s', (engine) => {
  let t: TestApp;
  const clock = new Date('2026-12-04T03:00:00Z');
  let formId = '';
  let officer: Client;
  const base = () => `/api/v1/indicators/entry/${formId}/2026M11`;

  function multipart(c: Client, url: string, fileName: string, data: Buffer) {
    const boundary = '----lt-xlsx';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return c.inject({
      method: 'POST',
      url,
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  }
  async function template(): Promise<ExcelJS.Workbook> {
    const r = await officer.inject({ method: 'GET', url: `${base()}/template.xlsx` });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ExcelJS.Buffer);
    return wb;
  }
  const bytes = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
  const values = async () =>
    (
      await t.database.query<{ code: string; option_code: string; estimate: string }>(
        `SELECT i.code, v.option_code, v.estimate::text FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id ORDER BY 1, 2`,
      )
    ).map((r) => [r.code, r.option_code, Number(r.estimate)]);

  beforeAll(async () => {
    t = await makeTestApp(engine, {}, { now: () => clock });
    const db = t.database.db;
    const commune = await makeAgency(db, { kind: 'commune', name: 'UBND xã E' });
    officer = await signIn(t.app, (await makePerson(db, { agencyId: commune.id, role: 'officer' })).username);
    const [g] = await db.insert(indicatorGroups).values({ code: 'X02', name: 'Nông nghiệp' }).returning();
    const [sex] = await db
      .insert(indicatorDisaggregations)
      .values({
        code: 'gt2',
        name: 'Giới tính',
        options: [
          { code: 'nam', name: 'Nam' },
          { code: 'nu', name: 'Nữ' },
        ],
      })
      .returning();
    const [a] = await db
      .insert(indicators)
      .values({
        code: 'X0201',
        groupId: g!.id,
        name: 'Diện tích lúa',
        unit: 'ha',
        periodicity: 'month',
        valueType: 'number',
        decimals: 1,
        aggregation: 'sum',
        level: 'commune',
      })
      .returning();
    const [b] = await db
      .insert(indicators)
      .values({
        code: 'X0202',
        groupId: g!.id,
        name: 'Lao động',
        unit: 'người',
        periodicity: 'month',
        valueType: 'integer',
        aggregation: 'sum',
        level: 'commune',
        disaggregationId: sex!.id,
      })
      .returning();
    const [f] = await db
      .insert(indicatorForms)
      .values({ code: 'BMN', name: 'Biểu nông nghiệp', periodicity: 'month' })
      .returning();
    formId = f!.id;
    await db.insert(indicatorFormItems).values([
      { formId, indicatorId: a!.id, sortOrder: 1 },
      { formId, indicatorId: b!.id, sortOrder: 2 },
    ]);
    await db.insert(indicatorFormAgencies).values({ formId, agencyId: commune.id });
  });
  afterAll(async () => t?.close());

  it('gives a template with the form, and takes it back filled', async () => {
    const wb = await template();
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(4).values).toEqual([
      undefined,
      'Mã chỉ tiêu',
      'Tên chỉ tiêu',
      'Đơn vị tính',
      'Tổng số',
      'Nam',
      'Nữ',
    ]);
    expect([ws.getCell('A5').value, ws.getCell('A6').value]).toEqual(['X0201', 'X0202']);
    ws.getCell('D5').value = 12.5;
    ws.getCell('D6').value = '1.234';
    ws.getCell('E6').value = 600;
    const r = await multipart(officer, `${base()}/upload`, 'bieu.xlsx', await bytes(wb));
    expect(r.json()).toEqual({ ok: true, saved: 4, errors: [] });
    expect(await values()).toEqual([
      ['X0201', '', 12.5],
      ['X0202', '', 1234],
      ['X0202', 'nam', 600],
    ]);
  });

  it('refuses moved columns, merged cells, formulas, dates, values of the wrong type, a macro and 50,000 rows, writing nothing', async () => {
    const before = await values();
    const moved = await template();
    moved.worksheets[0]!.getCell('D4').value = 'Nam';
    moved.worksheets[0]!.getCell('E4').value = 'Tổng số';
    let r = await multipart(officer, `${base()}/upload`, 'bieu.xlsx', await bytes(moved));
    expect(r.statusCode).toBe(422);
    expect(r.json().errors).toEqual([
      { row: 4, column: 'D', message: 'Cột D phải là "Tổng số", gặp "Nam" (cột bị dời hoặc đổi tên).' },
      { row: 4, column: 'E', message: 'Cột E phải là "Nam", gặp "Tổng số" (cột bị dời hoặc đổi tên).' },
    ]);

    const bad = await template();
    const ws = bad.worksheets[0]!;
    ws.mergeCells('E5:F5');
    ws.getCell('D5').value = { formula: '1+1', result: 2 };
    ws.getCell('D6').value = new Date('2026-01-05T00:00:00Z');
    r = await multipart(officer, `${base()}/upload`, 'bieu.xlsx', await bytes(bad));
    expect(r.json().errors.map((e: { message: string }) => e.message)).toEqual(['Không nhận ô gộp (E5:F5).']);
    ws.unMergeCells('E5:F5');
    ws.getCell('E5').value = null;
    ws.getCell('F6').value = 'nhiều';
    r = await multipart(officer, `${base()}/upload`, 'bieu.xlsx', await bytes(bad));
    expect(r.json().errors).toEqual([
      { row: 5, column: 'D', message: 'Ô D5 chứa công thức Excel; chỉ nhận giá trị.' },
      { row: 6, column: 'D', message: 'Ô D6 là ngày tháng, không phải số (định dạng ô sai?).' },
    ]);
    ws.getCell('D5').value = 3;
    ws.getCell('D6').value = 7;
    r = await multipart(officer, `${base()}/upload`, 'bieu.xlsx', await bytes(bad));
    expect(r.json().errors).toEqual([
      {
        row: 6,
        column: 'F',
        message: 'Ô F6: X0202 (Nữ): «nhiều» không phải là số (ví dụ 1.234,5 hoặc 1234.5).',
      },
    ]);

    r = await multipart(officer, `${base()}/upload`, 'bieu.xlsm', await bytes(await template()));
    expectProblem(r, 415);
    expect(r.json().detail).toBe('Tệp có macro (.xlsm, vbaProject) không được nhận; hãy lưu thành .xlsx.');

    const big = await template();
    const s = big.worksheets[0]!;
    for (let i = 0; i < 50_000; i++) s.getRow(7 + i).getCell(1).value = `X${i}`;
    r = await multipart(officer, `${base()}/upload`, 'bieu.xlsx', await bytes(big));
    expectProblem(r, 400);
    expect(r.json().detail).toBe(
      'Tệp có 50006 dòng; biểu mẫu BMN chỉ có 2 chỉ tiêu. Hãy dùng tệp mẫu tải từ hệ thống.',
    );
    expect(await values()).toEqual(before);
  });
});

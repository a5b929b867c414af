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
import { makeAgency, makeAgencyWithStaff, makePerson } from '../../../../test/helpers/factories.ts';
import { COLUMNS, exportCatalogue } from './catalogue-xlsx.ts';
import { seedIndicatorsDemo } from './demo-seed.ts';
import { entryStateFor } from './forms.ts';
import { sendReminders } from './reminders.ts';

const base = {
  groupCode: 'T05',
  name: 'Tổng sản phẩm trên địa bàn',
  unit: 'tỷ đồng',
  periodicity: 'quarter',
  valueType: 'number',
  decimals: 1,
  aggregation: 'sum',
  level: 'department',
  official: false,
};

function multipart(fileName: string, data: Buffer) {
  const boundary = '----lt-ind-boundary';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe.each(ENGINES)('indicators catalogue, forms and reminders on %s', (engine) => {
  let t: TestApp;
  let clock = new Date('2026-03-10T03:00:00Z');
  let admin: Client;
  let clerk: Client;
  let staff: Awaited<ReturnType<typeof makeAgencyWithStaff>>;
  beforeAll(async () => {
    t = await makeTestApp(engine, { SESSION_CACHE_MS: '0' }, { now: () => clock });
    const db = t.database.db;
    // The demo province's shape: a province, a district, two communes.
    const province = await makeAgency(db, { kind: 'province', name: 'UBND tỉnh Thử' });
    const district = await makeAgency(db, {
      kind: 'district',
      name: 'UBND huyện Thử',
      parentId: province.id,
    });
    await makeAgency(db, { kind: 'commune', name: 'UBND xã Một', parentId: district.id });
    await makeAgency(db, { kind: 'commune', name: 'UBND xã Hai', parentId: district.id });
    await makeAgency(db, { kind: 'department', name: 'Cục Thống kê tỉnh Thử', parentId: province.id });
    await db.transaction((tx) => seedIndicatorsDemo(tx, new Date('2026-03-10T03:00:00Z')));
    staff = await makeAgencyWithStaff(db);
    const sys = await makePerson(db, { agencyId: staff.agency.id, role: 'system_admin' });
    admin = await signIn(t.app, sys.username);
    clerk = await signIn(t.app, staff.clerk.username);
  });
  afterAll(() => t.close());

  const q = <T>(sql: string, ...params: unknown[]) => t.database.query<T>(sql, params);
  const put = (c: Client, url: string, body: unknown) =>
    c.inject({ method: 'PUT', url, payload: body as object });

  it('the demo seed gives 20 provincial groups, ≥ 60 indicators, forms, values and plans', async () => {
    const groups = await q<{ n: number }>(
      "SELECT count(DISTINCT g.code)::int AS n FROM indicators i JOIN indicator_groups g ON g.id = i.group_id WHERE g.code LIKE 'T%'",
    );
    expect(groups[0]!.n).toBe(20);
    const [{ n }] = (await q<{ n: number }>('SELECT count(*)::int AS n FROM indicators')) as [{ n: number }];
    expect(n).toBeGreaterThanOrEqual(60);
    const official = await q<{ n: number }>('SELECT count(*)::int AS n FROM indicators WHERE official');
    expect(official[0]!.n).toBe(17);
    const forms = await q<{ code: string; items: number; agencies: number }>(
      `SELECT f.code, (SELECT count(*)::int FROM indicator_form_items WHERE form_id = f.id) AS items,
              (SELECT count(*)::int FROM indicator_form_agencies WHERE form_id = f.id) AS agencies
         FROM indicator_forms f ORDER BY f.code`,
    );
    expect(forms.find((f) => f.code === 'BM-XA-THANG')).toEqual({
      code: 'BM-XA-THANG',
      items: 8,
      agencies: 2,
    });
    // Two communes × months 2024M01 … 2026M02 (26 months, the March form opens on 31/3) × 8 + 2 options.
    const vals = await q<{ n: number }>(
      "SELECT count(*)::int AS n FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.code LIKE 'X%'",
    );
    expect(vals[0]!.n).toBe(2 * 26 * 10);
    const approved = await q<{ n: number }>(
      "SELECT count(*)::int AS n FROM indicator_reports WHERE status = 'approved' AND period LIKE '2025M%'",
    );
    expect(approved[0]!.n).toBe(24);
    const plans = await q<{ n: number }>(
      'SELECT count(*)::int AS n FROM indicator_targets WHERE year = 2026',
    );
    expect(plans[0]!.n).toBe(5 + 2);
  });

  it('lists groups and pages the catalogue by code', async () => {
    const g = await admin.get('/api/v1/indicators/groups');
    expect(g.json().items[0]).toMatchObject({ code: 'T01', name: 'Đất đai, dân số' });
    const p1 = await clerk.get('/api/v1/indicators/catalogue?group=T01&limit=10');
    expect(p1.statusCode).toBe(200);
    expect(p1.json().items.map((i: { code: string }) => i.code)[0]).toBe('T0101');
    expect(p1.json().items).toHaveLength(10);
    const p2 = await clerk.get(
      `/api/v1/indicators/catalogue?group=T01&limit=10&cursor=${p1.json().nextCursor}`,
    );
    expect(p2.json().items.map((i: { code: string }) => i.code)).toEqual(
      Array.from({ length: 7 }, (_, i) => `T01${String(i + 11)}`),
    );
    expect(p2.json().nextCursor).toBeNull();
  });

  it('creates an indicator, and an update keeps the old definition as a version', async () => {
    const c = await admin.post('/api/v1/indicators/catalogue', { ...base, code: 'T0599' });
    expect(c.statusCode).toBe(201);
    expect(c.json()).toMatchObject({ code: 'T0599', version: 1, groupCode: 'T05' });
    const u = await put(admin, '/api/v1/indicators/catalogue/T0599', {
      ...base,
      unit: 'triệu đồng',
      decimals: 2,
    });
    expect(u.statusCode).toBe(200);
    expect(u.json()).toMatchObject({ version: 2, unit: 'triệu đồng', decimals: 2 });
    const d = await admin.get('/api/v1/indicators/catalogue/T0599');
    expect(d.json().versions).toHaveLength(1);
    expect(d.json().versions[0]).toMatchObject({ version: 1, definition: { unit: 'tỷ đồng', decimals: 1 } });
    const audits = await q<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_type = 'indicator' AND detail->>'code' = 'T0599' ORDER BY seq",
    );
    expect(audits.map((a) => a.action)).toEqual(['indicator.create', 'indicator.update']);
    // The same definition again: nothing changes.
    const same = await put(admin, '/api/v1/indicators/catalogue/T0599', {
      ...base,
      unit: 'triệu đồng',
      decimals: 2,
    });
    expect(same.json().version).toBe(2);
  });

  it('refuses bad definitions with precise messages, writing nothing', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [
        { ...base, code: 't01' },
        400,
        'Mã chỉ tiêu không hợp lệ: "t01" (1–3 chữ in hoa rồi 2–6 chữ số, ví dụ T0101).',
      ],
      [{ ...base, code: 'T0101' }, 409, 'Mã chỉ tiêu T0101 đã có trong danh mục.'],
      [{ ...base, code: 'T0590', groupCode: 'T99' }, 400, 'Nhóm chỉ tiêu không tồn tại: T99.'],
      [
        { ...base, code: 'T0591', aggregation: 'weighted_avg' },
        400,
        'Chỉ tiêu T0591: "Chỉ tiêu trọng số" là bắt buộc khi cách tổng hợp là bình quân gia quyền.',
      ],
      [
        { ...base, code: 'T0592', aggregation: 'weighted_avg', weightCode: 'T9998' },
        400,
        'Chỉ tiêu trọng số không tồn tại: T9998.',
      ],
      [
        { ...base, code: 'T0593', aggregation: 'formula' },
        400,
        'Chỉ tiêu T0593: "Công thức" là bắt buộc khi cách tổng hợp là công thức.',
      ],
      [
        { ...base, code: 'T0594', aggregation: 'formula', formula: 'T0502 / T9999' },
        400,
        'Mã chỉ tiêu không tồn tại: T9999.',
      ],
    ];
    for (const [body, status, detail] of cases) {
      const r = await admin.post('/api/v1/indicators/catalogue', body);
      expect(expectProblem(r, status).detail, JSON.stringify(body)).toBe(detail);
    }
    const r = await admin.post('/api/v1/indicators/catalogue', { ...base, code: 'T0595', decimals: 7 });
    expect(expectProblem(r, 400).fields?.[0]?.message).toBe(
      'Số chữ số thập phân phải là số nguyên từ 0 đến 6',
    );
    const none = await q<{ n: number }>(
      "SELECT count(*)::int AS n FROM indicators WHERE code LIKE 'T059_' AND code <> 'T0599'",
    );
    expect(none[0]!.n).toBe(0);
    expectProblem(await clerk.post('/api/v1/indicators/catalogue', { ...base, code: 'T0596' }), 403);
  });

  it('refuses a formula that closes a cycle across the catalogue', async () => {
    const a = await admin.post('/api/v1/indicators/catalogue', {
      ...base,
      code: 'T0580',
      aggregation: 'formula',
      formula: 'T0599 * 2',
    });
    expect(a.statusCode).toBe(201);
    const b = await put(admin, '/api/v1/indicators/catalogue/T0599', {
      ...base,
      aggregation: 'formula',
      formula: '(T0580 + 1) / 2',
    });
    expect(expectProblem(b, 400).detail).toBe('Công thức có vòng lặp: T0599 → T0580 → T0599.');
    const bad = await admin.post('/api/v1/indicators/catalogue', {
      ...base,
      code: 'T0581',
      aggregation: 'formula',
      formula: 'T0599 * (2',
    });
    expect(expectProblem(bad, 400).detail).toMatch(/^Chỉ tiêu T0581: Công thức sai ở vị trí \d+/);
  });

  async function workbook(rowsIn: (string | number)[][], header: string[] = [...COLUMNS]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh mục');
    ws.addRow(header);
    for (const r of rowsIn) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const good = [
    'T0570',
    'Giá trị tăng thêm ngành dịch vụ',
    'T05',
    'tỷ đồng',
    'Quý',
    'Số',
    1,
    'Cộng',
    '',
    '',
    '',
    'Sở, ngành',
    '',
    'Không',
  ];
  const importFile = (c: Client, name: string, data: Buffer) =>
    c.inject({ method: 'POST', url: '/api/v1/indicators/catalogue/import', ...multipart(name, data) });

  it('an import with errors lists every bad row and column and writes nothing', async () => {
    const data = await workbook([
      good,
      ['t1', 'Tên', 'T05', 'ha', 'Quý', 'Số', 1, 'Cộng', '', '', '', 'Tỉnh', '', 'Không'],
      ['T0571', 'Tên', 'T77', 'ha', 'Tuần', 'Số', 9, 'Cộng', '', '', '', 'Tỉnh', '', 'Có lẽ'],
      ['T0572', 'Tên', 'T05', 'ha', 'Năm', 'Số', 0, 'Công thức', '', 'T0570 / T8888', '', 'Tỉnh', '', 'Có'],
    ]);
    const r = await importFile(admin, 'danh-muc.xlsx', data);
    expect(r.statusCode).toBe(422);
    expect(r.json().errors).toEqual([
      { row: 3, column: 'A', message: 'Mã chỉ tiêu không hợp lệ: "t1" (1–3 chữ in hoa rồi 2–6 chữ số).' },
      { row: 4, column: 'C', message: 'Nhóm chỉ tiêu không tồn tại: T77.' },
      { row: 4, column: 'E', message: 'Kỳ "Tuần" không hợp lệ (Tháng, Quý, 6 tháng, 9 tháng, Năm).' },
      { row: 4, column: 'G', message: 'Số chữ số thập phân "9" phải là số nguyên từ 0 đến 6.' },
      { row: 4, column: 'N', message: 'Chính thức phải là "Có" hoặc "Không", gặp "Có lẽ".' },
      { row: 5, column: 'J', message: 'Mã chỉ tiêu không tồn tại: T8888.' },
    ]);
    const none = await q<{ n: number }>("SELECT count(*)::int AS n FROM indicators WHERE code = 'T0570'");
    expect(none[0]!.n).toBe(0);
    // Moved columns, macros.
    const moved = await importFile(
      admin,
      'x.xlsx',
      await workbook([good], ['Tên chỉ tiêu', 'Mã', ...COLUMNS.slice(2)]),
    );
    expect(moved.json().errors[0]).toEqual({
      row: 1,
      column: 'A',
      message: 'Cột A phải là "Mã", gặp "Tên chỉ tiêu".',
    });
    // Merged cells and Excel formulas.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh mục');
    ws.addRow([...COLUMNS]);
    ws.addRow(good);
    ws.addRow(['T0573', 'Tên', 'T05', 'ha', 'Năm', 'Số', 0, 'Cộng', '', '', '', 'Tỉnh', '', 'Có']);
    ws.getCell('G3').value = { formula: '1+1', result: 2 };
    const formulaFile = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await importFile(admin, 'f.xlsx', formulaFile)).json().errors).toEqual([
      { row: 3, column: 'G', message: 'Ô G3 chứa công thức Excel; chỉ nhận giá trị.' },
    ]);
    ws.mergeCells('B2:B3');
    const merged = await importFile(admin, 'm.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(merged.json().errors[0]).toEqual({
      row: 2,
      column: 'B2:B3',
      message: 'Không nhận ô gộp (B2:B3).',
    });
    expect(
      (
        await q<{ n: number }>("SELECT count(*)::int AS n FROM indicators WHERE code IN ('T0570','T0573')")
      )[0]!.n,
    ).toBe(0);
    const macro = await importFile(admin, 'x.xlsm', data);
    expect(expectProblem(macro, 415).detail).toBe(
      'Tệp có macro (.xlsm, vbaProject) không được nhận; hãy lưu thành .xlsx.',
    );
  });

  it('exports the catalogue and imports it back (round trip), then imports a new row', async () => {
    const before = await q<{ n: number }>('SELECT count(*)::int AS n FROM indicators');
    const x = await admin.get('/api/v1/indicators/catalogue.xlsx');
    expect(x.statusCode).toBe(200);
    const again = await importFile(admin, 'danh-muc.xlsx', x.rawPayload);
    expect(again.json()).toEqual({ ok: true, created: 0, updated: 0, errors: [] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ExcelJS.Buffer);
    wb.worksheets[0]!.addRow(good);
    expect(wb.worksheets[0]!.getCell('A2').value).toBe('T0101');
    wb.worksheets[0]!.getCell('D2').value = 'km²';
    const withNew = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await importFile(admin, 'danh-muc.xlsx', withNew);
    expect(r.json()).toEqual({ ok: true, created: 1, updated: 1, errors: [] });
    expect((await admin.get('/api/v1/indicators/catalogue/T0101')).json()).toMatchObject({
      unit: 'km²',
      version: 2,
    });
    const after = await q<{ n: number }>('SELECT count(*)::int AS n FROM indicators');
    expect(after[0]!.n).toBe(before[0]!.n + 1);
    const audit = await q<{ detail: { sha256: string } }>(
      "SELECT detail FROM audit_log WHERE action = 'indicator.import' ORDER BY seq DESC LIMIT 1",
    );
    expect(audit[0]!.detail.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await exportCatalogue(t.database.db)).length).toBeGreaterThan(1000);
  });

  it('forms: items of the same periodicity only; calendar, state per agency; reopen', async () => {
    const agencyIds = [staff.agency.id];
    const wrong = await admin.post('/api/v1/indicators/forms', {
      code: 'BM-T',
      name: 'Biểu thử',
      periodicity: 'month',
      dueDays: 5,
      lockDays: 10,
      approvalLevels: 1,
      items: ['X0101', 'T0102'],
      agencyIds,
    });
    expect(expectProblem(wrong, 400).detail).toBe(
      'Chỉ tiêu T0102 báo cáo theo năm, không cùng kỳ với biểu mẫu (tháng).',
    );
    const levels = await admin.post('/api/v1/indicators/forms', {
      code: 'BM-T',
      name: 'Biểu thử',
      periodicity: 'month',
      dueDays: 5,
      lockDays: 10,
      approvalLevels: 5,
      items: [],
      agencyIds,
    });
    expect(expectProblem(levels, 400).fields?.[0]?.message).toBe('Số cấp duyệt phải là số nguyên từ 0 đến 4');
    const f = await admin.post('/api/v1/indicators/forms', {
      code: 'BM-T',
      name: 'Biểu thử',
      periodicity: 'month',
      dueDays: 5,
      lockDays: 10,
      approvalLevels: 1,
      items: ['X0101', 'X0102'],
      agencyIds,
    });
    expect(f.statusCode).toBe(201);
    const id = f.json().id as string;
    // Today 2026-03-10: February ended 28/2, due 5/3, locks 10/3.
    const s = await clerk.get(`/api/v1/indicators/forms/${id}/schedule?period=2026M02`);
    expect(s.json()).toMatchObject({
      label: 'Tháng 02/2026',
      opensOn: '2026-02-28',
      dueOn: '2026-03-05',
      locksOn: '2026-03-10',
      agencies: [{ agencyId: staff.agency.id, state: 'locked', reopenedUntil: null }],
    });
    clock = new Date('2026-02-04T03:00:00Z');
    expect((await entryStateFor(t.database.db, id, staff.agency.id, '2026M01', '2026-02-04')).state).toBe(
      'due_soon',
    );
    expect((await entryStateFor(t.database.db, id, staff.agency.id, '2026M02', '2026-02-04')).state).toBe(
      'not_open',
    );
    clock = new Date('2026-03-10T03:00:00Z');
    const bad = await admin.post(`/api/v1/indicators/forms/${id}/reopen`, {
      agencyId: staff.agency.id,
      period: '2026Q1',
      until: '2026-03-15',
      reason: 'Bổ sung số liệu',
    });
    expect(expectProblem(bad, 400).detail).toBe(
      'Kỳ báo cáo 2026Q1 không phải kỳ của biểu mẫu BM-T (biểu mẫu báo cáo theo tháng).',
    );
    const ro = await admin.post(`/api/v1/indicators/forms/${id}/reopen`, {
      agencyId: staff.agency.id,
      period: '2026M02',
      until: '2026-03-15',
      reason: 'Bổ sung số liệu',
    });
    expect(ro.statusCode).toBe(200);
    expect(ro.json().agencies[0]).toMatchObject({ state: 'reopened', reopenedUntil: '2026-03-15' });
    const st = await entryStateFor(t.database.db, id, staff.agency.id, '2026M02', '2026-03-12');
    expect(st).toMatchObject({ state: 'reopened', acceptsEntry: true, assigned: true, reportStatus: null });
    expect(
      (await entryStateFor(t.database.db, id, staff.agency.id, '2026M02', '2026-03-16')).acceptsEntry,
    ).toBe(false);
    expectProblem(
      await clerk.post(`/api/v1/indicators/forms/${id}/reopen`, {
        agencyId: staff.agency.id,
        period: '2026M02',
        until: '2026-03-15',
        reason: 'Bổ sung số liệu',
      }),
      403,
    );
  });

  it('reminders: due soon then overdue, once each, to the clerks', async () => {
    const f = await admin.post('/api/v1/indicators/forms', {
      code: 'BM-R',
      name: 'Biểu nhắc',
      periodicity: 'month',
      dueDays: 5,
      lockDays: 20,
      approvalLevels: 0,
      items: ['X0103'],
      agencyIds: [staff.agency.id],
    });
    const id = f.json().id as string;
    const mine = () =>
      q<{ kind: string; title: string }>(
        "SELECT kind, title FROM notifications WHERE person_id = $1 AND kind LIKE 'indicators.%' AND link LIKE $2 ORDER BY created_at, id",
        staff.clerk.id,
        `%${id}%`,
      );
    await sendReminders(t.database.db, '2026-04-03'); // March due 5/4: due soon
    await sendReminders(t.database.db, '2026-04-03');
    expect(await mine()).toEqual([
      {
        kind: 'indicators.due_soon',
        title: 'Sắp đến hạn báo cáo Biểu nhắc – Tháng 03/2026 (hạn 05/04/2026)',
      },
    ]);
    await sendReminders(t.database.db, '2026-04-07');
    await sendReminders(t.database.db, '2026-04-08');
    expect((await mine()).map((n) => n.kind)).toEqual(['indicators.due_soon', 'indicators.overdue']);
    const mails = await q<{ n: number }>("SELECT count(*)::int AS n FROM jobs WHERE kind = 'mail.notice'");
    expect(mails[0]!.n).toBeGreaterThan(0);
  });
});

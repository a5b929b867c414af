import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, makeTestApp, signIn, type TestApp } from '../../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../../test/helpers/db.ts';
import { makeAgencyWithStaff, makePerson } from '../../../../../test/helpers/factories.ts';
import { makeProcedure, sampleProcedureContent } from '../fixtures.test-helpers.ts';
import { SHEETS } from './import.ts';

/** The catalogue's administration: versions, retire and restore, import of xlsx and JSON (issue 18). */

function multipart(bytes: Buffer, fileName: string) {
  const boundary = `----lt${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function workbook(
  rows: { code: string; level: string; agency: string; stepDays?: number }[],
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const main = book.addWorksheet(SHEETS.procedures);
  main.addRow([
    'Mã thủ tục',
    'Tên thủ tục',
    'Lĩnh vực',
    'Cấp thực hiện',
    'Mức độ trực tuyến',
    'Mã cơ quan thực hiện',
    'Thời hạn giải quyết (ngày làm việc)',
    'Kết quả thực hiện',
  ]);
  const steps = book.addWorksheet(SHEETS.steps);
  steps.addRow(['Mã thủ tục', 'Tên bước', 'Loại bước', 'Số ngày làm việc']);
  const papers = book.addWorksheet(SHEETS.papers);
  papers.addRow(['Mã thủ tục', 'Mã giấy tờ', 'Tên giấy tờ', 'Bản chính', 'Bản sao', 'Bắt buộc']);
  for (const r of rows) {
    main.addRow([
      r.code,
      `Thủ tục ${r.code}`,
      'Hộ tịch',
      r.level,
      'Toàn trình',
      r.agency,
      3,
      'Giấy chứng nhận',
    ]);
    steps.addRow([r.code, 'Tiếp nhận', 'Tiếp nhận', 0.5]);
    steps.addRow([r.code, 'Giải quyết', 'Xử lý', r.stepDays ?? 2]);
    papers.addRow([r.code, 'to-khai', 'Tờ khai', 1, 0, 'Có']);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe.each(ENGINES)('services catalogue administration on %s', (engine) => {
  let t: TestApp;
  let admin: Client;
  let agencyAdmin: Client;
  let clerk: Client;
  let p: Awaited<ReturnType<typeof makeProcedure>>;
  let otherCode: string;

  beforeAll(async () => {
    t = await makeTestApp(engine);
    p = await makeProcedure(t.database.db);
    const other = await makeAgencyWithStaff(t.database.db);
    otherCode = other.agency.agencyCode ?? '';
    admin = await signIn(
      t.app,
      (await makePerson(t.database.db, { agencyId: other.agency.id, role: 'system_admin' })).username,
    );
    agencyAdmin = await signIn(t.app, p.staff.admin.username);
    clerk = await signIn(t.app, p.staff.clerk.username);
  });
  afterAll(() => t?.close());

  it('keeps every version, asks what changed, retires and restores; a clerk may not', async () => {
    const url = `/api/v1/services/catalogue/${encodeURIComponent(p.procedure.code)}`;
    const noNote = await agencyAdmin.post('/api/v1/services/catalogue', {
      content: { ...p.content, processingDays: 7 },
    });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().detail).toContain('nội dung thay đổi');
    const saved = await agencyAdmin.post('/api/v1/services/catalogue', {
      content: { ...p.content, processingDays: 7 },
      note: 'Rút ngắn thời hạn',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, content: { processingDays: 7 } });
    expect(saved.json().versions.map((v: { version: number; note: string }) => [v.version, v.note])).toEqual([
      [2, 'Rút ngắn thời hạn'],
      [1, null],
    ]);
    // Outside the agency admin's own tree: refused, nothing written.
    const foreign = await agencyAdmin.post('/api/v1/services/catalogue', {
      content: sampleProcedureContent(otherCode),
    });
    expect(foreign.statusCode).toBe(403);
    expect((await clerk.get(url)).statusCode).toBe(403);
    expect((await agencyAdmin.post(`${url}/retire`)).json().active).toBe(false);
    expect((await agencyAdmin.post(`${url}/retire`)).statusCode).toBe(409);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/open/thu-tuc/${encodeURIComponent(p.procedure.code)}`,
        })
      ).statusCode,
    ).toBe(404);
    const listed = (await agencyAdmin.get('/api/v1/services/catalogue?retired=1')).json();
    expect(listed.items.map((x: { code: string }) => x.code)).toContain(p.procedure.code);
    expect((await agencyAdmin.post(`${url}/restore`)).json().active).toBe(true);
    const audits = await t.database.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE action LIKE 'services.procedure.%' ORDER BY seq`,
    );
    expect(audits.map((a) => a.action)).toEqual([
      'services.procedure.save',
      'services.procedure.retire',
      'services.procedure.restore',
    ]);
  });

  it('checks a workbook row by row, imports it all or nothing, and a second import writes nothing', async () => {
    const agency = p.staff.agency.agencyCode ?? '';
    const bad = await workbook([
      { code: '9.000001.000.00.00.H99', level: 'Cấp tỉnh', agency },
      { code: '9.000002.000.00.00.H99', level: 'Cấp vùng', agency },
      { code: '9.000003.000.00.00.H99', level: 'Cấp xã', agency: '000.99.99.H00' },
    ]);
    const checked = await admin.inject({
      method: 'POST',
      url: '/api/v1/services/catalogue/import?check=0',
      ...multipart(bad, 'danh-muc.xlsx'),
    });
    expect(checked.statusCode, checked.body).toBe(200);
    const r = checked.json();
    expect(r.status).toBe('failed');
    expect(r.problems).toEqual([
      expect.objectContaining({ where: 'Thủ tục, dòng 3 (mã 9.000002.000.00.00.H99)' }),
      expect.objectContaining({ where: 'Thủ tục, dòng 4', message: 'Không có cơ quan mã 000.99.99.H00.' }),
    ]);
    const none = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM service_procedures WHERE code LIKE '9.%'`,
    );
    expect(none[0]?.n).toBe(0);

    const good = await workbook([
      { code: '9.000001.000.00.00.H99', level: 'Cấp tỉnh', agency },
      { code: '9.000002.000.00.00.H99', level: 'Cấp xã', agency },
    ]);
    const dry = (
      await admin.inject({
        method: 'POST',
        url: '/api/v1/services/catalogue/import',
        ...multipart(good, 'danh-muc.xlsx'),
      })
    ).json();
    expect(dry).toMatchObject({ status: 'checked', created: 2, updated: 0 });
    const written = (
      await admin.inject({
        method: 'POST',
        url: '/api/v1/services/catalogue/import?check=0',
        ...multipart(good, 'danh-muc.xlsx'),
      })
    ).json();
    expect(written).toMatchObject({ status: 'imported', created: 2 });
    const again = (
      await admin.inject({
        method: 'POST',
        url: '/api/v1/services/catalogue/import?check=0',
        ...multipart(good, 'danh-muc.xlsx'),
      })
    ).json();
    expect(again.rows.map((x: { action: string }) => x.action)).toEqual(['unchanged', 'unchanged']);
    const changed = await workbook([
      { code: '9.000001.000.00.00.H99', level: 'Cấp tỉnh', agency, stepDays: 1 },
    ]);
    const next = (
      await admin.inject({
        method: 'POST',
        url: '/api/v1/services/catalogue/import?check=0',
        ...multipart(changed, 'sua.xlsx'),
      })
    ).json();
    expect(next).toMatchObject({ status: 'imported', created: 0, updated: 1 });
    const versions = (await admin.get('/api/v1/services/catalogue/9.000001.000.00.00.H99')).json().versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const template = await admin.get('/api/v1/services/catalogue/import/template.xlsx');
    expect(template.statusCode).toBe(200);
    const tbook = new ExcelJS.Workbook();
    await tbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(tbook.worksheets.map((w) => w.name)).toEqual([
      SHEETS.procedures,
      SHEETS.steps,
      SHEETS.papers,
      SHEETS.fees,
      'Hướng dẫn',
    ]);
  });

  it('imports JSON, and refuses a file of another kind with a Vietnamese reason', async () => {
    const content = sampleProcedureContent(p.staff.agency.agencyCode ?? '', {
      code: '9.000010.000.00.00.H99',
    });
    const json = Buffer.from(JSON.stringify([content, { ...content, code: '' }]));
    const r = (
      await admin.inject({
        method: 'POST',
        url: '/api/v1/services/catalogue/import',
        ...multipart(json, 'dm.json'),
      })
    ).json();
    expect(r.status).toBe('failed');
    expect(r.problems[0].where).toBe('Phần tử thứ 2');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const wrong = await admin.inject({
      method: 'POST',
      url: '/api/v1/services/catalogue/import',
      ...multipart(png, 'anh.xlsx'),
    });
    expect(wrong.statusCode).toBe(415);
    expect(wrong.json().detail).toContain('Chỉ nhận tệp Excel');
  });
});

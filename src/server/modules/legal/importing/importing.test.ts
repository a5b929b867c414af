import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  expectProblem,
  makeTestApp,
  signIn,
  type TestApp,
} from '../../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../../test/helpers/db.ts';
import { makeAgencyWithStaff } from '../../../../../test/helpers/factories.ts';

const HEADER =
  'Số ký hiệu,Loại văn bản,Cơ quan ban hành,Người ký,Chức danh,Trích yếu,Ngày ban hành,Ngày có hiệu lực,Ngày hết hiệu lực,Lĩnh vực';
const BODIES = ['Chính phủ', 'Bộ Tài chính', 'thu_tuong', 'Bo Noi vu'];
const TYPES = ['Nghị định', 'Thông tư', 'Quyết định', 'thong_tu'];

/** `n` central documents, one per line, dates dd/mm/yyyy; every 10th expired by its own term. */
function centralCsv(n: number, from = 1): string {
  const lines = [HEADER];
  for (let i = from; i < from + n; i++) {
    const k = i % 4;
    const day = String((i % 28) + 1).padStart(2, '0');
    const abbr = ['NĐ-CP', 'TT-BTC', 'QĐ-TTg', 'TT-BNV'][k];
    const to = i % 10 === 0 ? `01/01/2024` : '';
    lines.push(
      `${i}/2020/${abbr},${TYPES[k]},${BODIES[k]},Nguyễn Văn ${i},Bộ trưởng,"Quy định về việc số ${i}, năm 2020",${day}/03/2020,${day}/05/2020,${to},${(i % 27) + 1}`,
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function multipart(fileName: string, data: Buffer | string, mapping?: unknown) {
  const b = '----lt-legal-import';
  const parts: Buffer[] = [];
  if (mapping !== undefined)
    parts.push(
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="mapping"\r\n\r\n${typeof mapping === 'string' ? mapping : JSON.stringify(mapping)}\r\n`,
      ),
    );
  parts.push(
    Buffer.from(
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.isBuffer(data) ? data : Buffer.from(data),
    Buffer.from(`\r\n--${b}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

describe.each(ENGINES)('legal import on %s', (engine) => {
  let t: TestApp;
  let clerk: Client;
  let head: Client;
  const clock = new Date('2026-12-04T03:00:00Z');
  beforeAll(async () => {
    t = await makeTestApp(engine, {}, { now: () => clock });
    const staff = await makeAgencyWithStaff(t.database.db);
    clerk = await signIn(t.app, staff.clerk.username);
    head = await signIn(t.app, staff.head.username);
  });
  afterAll(() => t.close());

  const q = <T>(text: string, ...params: unknown[]) => t.database.query<T>(text, params);
  const count = async () => (await q<{ n: number }>('SELECT count(*)::int AS n FROM legal_documents'))[0]!.n;
  const send = (c: Client, name: string, data: Buffer | string, dryRun: boolean, mapping?: unknown) =>
    c.inject({
      method: 'POST',
      url: `/api/v1/legal/imports?dryRun=${dryRun}`,
      ...multipart(name, data, mapping),
    });

  it('checks 200 central documents (dry run: nothing written), then writes all of them at once', async () => {
    const csv = centralCsv(200);
    const dry = await send(clerk, 'trung-uong.csv', csv, true);
    expect(dry.statusCode).toBe(200);
    const checked = dry.json();
    expect(checked).toMatchObject({ state: 'checked', rows: 200, errors: [], imported: 0 });
    expect(checked.mapping['Số ký hiệu']).toBe('numberNotation');
    expect(checked.preview).toHaveLength(20);
    expect(checked.preview[0]).toMatchObject({
      row: 2,
      numberNotation: '1/2020/TT-BTC',
      typeName: 'Thông tư',
      issuerName: 'Bộ Tài chính',
      issuedDate: '2020-03-02',
      ok: true,
    });
    expect(await count()).toBe(0);

    const real = await send(clerk, 'trung-uong.csv', csv, false);
    expect(real.statusCode, real.body).toBe(201);
    expect(real.json()).toMatchObject({ state: 'imported', imported: 200 });
    const rows = await q<{ status_now: string; n: number; origin: string; batch: number }>(
      `SELECT status_now, origin, count(*)::int AS n, count(DISTINCT import_batch_id)::int AS batch
         FROM legal_documents GROUP BY 1, 2 ORDER BY 1`,
    );
    expect(rows).toEqual([
      { status_now: 'expired', origin: 'central', n: 20, batch: 1 },
      { status_now: 'in_force', origin: 'central', n: 180, batch: 1 },
    ]);
    const ttg = await q<{ type_code: string; field_code: number; effective_from: string }>(
      `SELECT type_code, field_code, effective_from::text FROM legal_documents WHERE number_notation = '2/2020/QĐ-TTg'`,
    );
    // "Quyết định" from the Prime Minister is the Prime Minister's decision type.
    expect(ttg).toEqual([{ type_code: 'quyet_dinh_ttg', field_code: 3, effective_from: '2020-05-03' }]);
    const rec = await q<{ state: string; rows: number }>(
      `SELECT state, rows FROM legal_imports WHERE id = $1`,
      real.json().id,
    );
    expect(rec).toEqual([{ state: 'imported', rows: 200 }]);
  });

  it('lists every bad row of every kind and writes nothing', async () => {
    const before = await count();
    const csv = [
      HEADER,
      '900/2021/NĐ-CP,Nghị định,Chính phủ,,,Tốt,01/02/2021,15/03/2021,,',
      '901/2021/XX,Công văn lạ,Chính phủ,,,Loại lạ,01/02/2021,15/03/2021,,',
      '902/2021/NĐ-CP,Nghị định,Bộ Không Có,,,Cơ quan lạ,01/02/2021,15/03/2021,,',
      '903/2021/NĐ-CP,Nghị định,Chính phủ,,,Ngày sai,31/02/2021,15/03/2021,,',
      '904/2021/NĐ-CP,Nghị định,Chính phủ,,,Hiệu lực trước ban hành,10/02/2021,01/02/2021,,',
      '905/2021/NĐ-CP,Nghị định,Chính phủ,,,Hết trước hiệu lực,01/02/2021,15/03/2021,15/03/2021,',
      '900/2021/NĐ-CP,Nghị định,Chính phủ,,,Trùng trong tệp,01/02/2021,15/03/2021,,',
      '1/2020/TT-BTC,Thông tư,Bộ Tài chính,,,Trùng trong cơ sở dữ liệu,01/02/2021,15/03/2021,,',
      '906/2021/NĐ-CP,Nghị định,Chính phủ,,,,01/02/2021,15/03/2021,,99',
    ].join('\n');
    const dry = await send(clerk, 'loi.csv', csv, true);
    expect(dry.statusCode).toBe(200);
    expect(dry.json().state).toBe('failed');
    expect(dry.json().errors).toEqual([
      { row: 3, field: 'typeCode', message: 'Loại văn bản "Công văn lạ" không có trong danh mục.' },
      {
        row: 4,
        field: 'issuerId',
        message:
          'Cơ quan ban hành "Bộ Không Có" không có trong danh mục; hãy thêm cơ quan đó trước hoặc sửa tên, mã.',
      },
      {
        row: 5,
        field: 'issuedDate',
        message: 'Ngày ban hành "31/02/2021" không hợp lệ (dạng dd/mm/yyyy hoặc yyyy-mm-dd).',
      },
      { row: 6, field: 'effectiveFrom', message: 'Ngày có hiệu lực không được trước ngày ban hành.' },
      { row: 7, field: 'effectiveTo', message: 'Ngày hết hiệu lực phải sau ngày có hiệu lực.' },
      {
        row: 8,
        field: 'numberNotation',
        message: 'Số ký hiệu "900/2021/NĐ-CP" của Chính phủ trùng với dòng 2 trong tệp.',
      },
      {
        row: 9,
        field: 'numberNotation',
        message: 'Văn bản số "1/2020/TT-BTC" của Bộ Tài chính đã có trong cơ sở dữ liệu.',
      },
      { row: 10, field: 'title', message: 'Thiếu trích yếu.' },
      { row: 10, field: 'fieldCode', message: 'Lĩnh vực "99" không có trong danh mục 27 lĩnh vực.' },
    ]);
    expect(dry.json().preview.map((p: { ok: boolean }) => p.ok)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);

    const real = await send(clerk, 'loi.csv', csv, false);
    const p = expectProblem(real, 422, 'unprocessable');
    expect(p.detail).toBe('Tệp có 8 dòng lỗi; chưa ghi văn bản nào. Hãy sửa tệp rồi nhập lại.');
    expect((p as unknown as { result: { errors: unknown[] } }).result.errors).toHaveLength(9);
    expect(await count()).toBe(before);
  });

  it('reads xlsx with headers without diacritics and date cells, and JSON with field names', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh mục');
    ws.addRow([
      'So ky hieu',
      'Loai van ban',
      'Co quan ban hanh',
      'Trich yeu',
      'Ngay ban hanh',
      'Ngay co hieu luc',
    ]);
    ws.addRow([
      '10/2022/TT-BTC',
      'Thông tư',
      'bo_tai_chinh',
      'Thông tư về phí',
      new Date(Date.UTC(2022, 0, 5)),
      '20/02/2022',
    ]);
    ws.addRow([
      '11/2022/TT-BTC',
      'Thông tư',
      'Bộ Tài chính',
      'Thông tư về lệ phí',
      new Date(Date.UTC(2022, 0, 6)),
      '2027-02-20',
    ]);
    const x = await send(clerk, 'danh-muc.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), false);
    expect(x.statusCode, x.body).toBe(201);
    const got = await q<{ issued_date: string; status_now: string }>(
      `SELECT issued_date::text, status_now FROM legal_documents WHERE number_notation LIKE '1_/2022/TT-BTC' ORDER BY 1`,
    );
    expect(got).toEqual([
      { issued_date: '2022-01-05', status_now: 'in_force' },
      { issued_date: '2022-01-06', status_now: 'not_yet' },
    ]);

    const json = JSON.stringify([
      {
        numberNotation: '12/2022/NĐ-CP',
        typeCode: 'nghi_dinh',
        issuerId: 'chinh_phu',
        title: 'Nghị định về thuế',
        issuedDate: '2022-03-01',
        effectiveFrom: '2022-04-15',
      },
    ]);
    const j = await send(clerk, 'a.json', json, false);
    expect(j.statusCode, j.body).toBe(201);
    expect(j.json().imported).toBe(1);
  });

  it('takes an explicit mapping for headers it cannot guess', async () => {
    const csv =
      'Ký hiệu VB;Hình thức;Nơi ký;Nội dung tóm tắt;Ngày ký;Hiệu lực từ\n13/2022/NĐ-CP;Nghị định;Chính phủ;Về đất đai;01/03/2022;15/04/2022\n';
    const guessed = await send(clerk, 'x.csv', csv, true);
    expect(guessed.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'numberNotation',
      'typeCode',
      'issuerId',
      'title',
      'issuedDate',
      'effectiveFrom',
    ]);
    expect(guessed.json().errors[0]).toEqual({
      row: 1,
      field: 'numberNotation',
      message: 'Không có cột "Số ký hiệu" trong tệp; hãy chọn cột tương ứng.',
    });
    const mapping = {
      'Ký hiệu VB': 'numberNotation',
      'Hình thức': 'typeCode',
      'Nơi ký': 'issuerId',
      'Nội dung tóm tắt': 'title',
      'Ngày ký': 'issuedDate',
      'Hiệu lực từ': 'effectiveFrom',
    };
    const r = await send(clerk, 'x.csv', csv, false, mapping);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().mapping).toEqual(mapping);
  });

  it('refuses bad requests with a precise Vietnamese problem, nothing written', async () => {
    const before = await count();
    const good = centralCsv(1, 5000);
    expect(expectProblem(await send(head, 'a.csv', good, false), 403).code).toBe('forbidden');
    expect(expectProblem(await clerk.post('/api/v1/legal/imports', { file: 'x' }), 415).detail).toContain(
      'multipart/form-data',
    );
    expect(expectProblem(await send(clerk, 'a.csv', good, false, '{not json'), 400).detail).toBe(
      'Cách ghép cột (mapping) phải là JSON: { "tên cột": "trường" }.',
    );
    expect(
      expectProblem(await send(clerk, 'a.csv', good, false, { 'Số ký hiệu': 'color' }), 400).fields?.[0]
        ?.path,
    ).toBe('mapping.Số ký hiệu');
    expect(expectProblem(await send(clerk, 'a.csv', good, false, { 'Không có': 'title' }), 400).detail).toBe(
      'Tệp không có cột "Không có" mà cách ghép cột nêu.',
    );
    expect(expectProblem(await send(clerk, 'a.csv', `${HEADER}\n`, false), 400).detail).toBe(
      'Tệp không có dòng dữ liệu nào.',
    );
    expect(expectProblem(await send(clerk, 'a.json', '{"a":1}', false), 400).detail).toBe(
      'Tệp JSON phải là một mảng các đối tượng, mỗi đối tượng là một văn bản.',
    );
    expect(expectProblem(await send(clerk, 'a.xlsx', 'not a workbook', false), 415).code).toBe(
      'unsupported_media_type',
    );
    expect(await count()).toBe(before);
  });
});

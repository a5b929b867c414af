import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  expectProblem,
  makeTestApp,
  signIn,
  type TestApp,
  tinyPdf,
  upload,
} from '../../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../../test/helpers/db.ts';
import { makeOffice, type Office } from '../../../../../test/helpers/offices.ts';
import type { Ctx } from '../../../platform/context.ts';
import { attachmentHeader } from './labels.ts';
import { type RegisterRow, registerRowSource, registerRows, renderRegisterPdf } from './registers.ts';
import { registerPeriod } from './service.ts';

/** The text of a PDF answer, whitespace folded (pdf.js splits wrapped cells into lines). */
async function pdfText(body: Buffer): Promise<{ pages: number; text: string }> {
  const { totalPages, text } = await extractText(new Uint8Array(body), { mergePages: true });
  return { pages: totalPages, text: text.replace(/\s+/g, ' ') };
}

/** Collects what a renderer writes. */
function sink() {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  return { out, bytes: () => Buffer.concat(chunks) };
}

const row = (n: number): RegisterRow => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  registerYear: 2026,
  number: n,
  status: 'assigned',
  secrecy: 'normal',
  urgency: n % 10 === 0 ? 'hoa_toc' : 'normal',
  typeCode: 'cong_van',
  summary: `Về việc báo cáo số liệu thống kê quý ${n} ${'và các nội dung liên quan '.repeat(n % 4)}`,
  numberNotation: `${n}/UBND-VX`,
  issuedDate: '2026-03-05',
  issuerName: 'Ủy ban nhân dân huyện Long Hồ',
  arrivedAt: new Date('2026-03-06T02:00:00Z'),
  handlers: 'Phòng Tổng hợp',
  transferredAt: new Date('2026-03-06T08:00:00Z'),
  signerName: null,
  recipients: null,
  archiveHolder: null,
  copies: null,
});

describe('register PDF layout', () => {
  it('repeats the table header and numbers every page "Trang x/y"', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => row(i + 1));
    const { out, bytes } = sink();
    await renderRegisterPdf(
      {
        agencyName: 'Sở Nội vụ',
        registerName: 'Sổ đăng ký văn bản đến',
        direction: 'incoming',
        from: '2026-01-01',
        to: '2026-06-30',
        rows: () => rows,
      },
      out,
    );
    const { totalPages, text } = await extractText(new Uint8Array(bytes()), { mergePages: false });
    expect(totalPages).toBeGreaterThan(3);
    const pages = text.map((p) => p.replace(/\s+/g, ' '));
    expect(pages[0]).toContain('Từ số 01 đến số 120');
    expect(pages[0]).toContain(`Sổ gồm ${totalPages} trang, 120 văn bản`);
    pages.forEach((p, i) => {
      expect(p).toContain(`Trang ${i + 1}/${totalPages}`);
      if (i > 0) expect(p).toContain('Ngày đến (1) Số đến (2) Tác giả (3)');
    });
    expect(pages.join(' ')).toContain('120/UBND-VX');
    expect(pages.join(' ')).toContain('Hỏa tốc');
  });

  it('stops reading rows when the download is cancelled', async () => {
    let drawn = 0;
    let pass = 0;
    // An output that never accepts more than its first chunks: the renderer must wait, then stop.
    const out = new Writable({ highWaterMark: 1024, write() {} });
    const rendering = renderRegisterPdf(
      {
        agencyName: 'Sở Nội vụ',
        registerName: 'Sổ đăng ký văn bản đến',
        direction: 'incoming',
        from: '2026-01-01',
        to: '2026-12-31',
        rows: function* () {
          pass++;
          for (let n = 1; n <= 3000; n++) {
            if (pass === 2) drawn++;
            yield row(n);
          }
        },
      },
      out,
    );
    await new Promise((r) => setTimeout(r, 200));
    out.destroy();
    await rendering;
    expect(pass).toBe(2);
    expect(drawn).toBeLessThan(100);
  });

  it('bounds the period and names files in UTF-8', () => {
    expect(registerPeriod({}, '2026-11-23')).toEqual({ from: '2026-01-01', to: '2026-11-23' });
    expect(registerPeriod({ from: '2025-07-01' }, '2026-11-23')).toEqual({
      from: '2025-07-01',
      to: '2025-12-31',
    });
    expect(registerPeriod({ from: '2025-07-01', to: '2026-06-30' }, '2026-11-23').to).toBe('2026-06-30');
    expect(() => registerPeriod({ from: '2025-07-01', to: '2026-07-01' }, '2026-11-23')).toThrow(/một năm/);
    expect(() => registerPeriod({ from: '2026-02-01', to: '2026-01-31' }, '2026-11-23')).toThrow(
      /ngày kết thúc/i,
    );
    expect(attachmentHeader("Sổ đăng ký (đến) 'A'.pdf")).toBe(
      `attachment; filename="So-dang-ky-den-A-.pdf"; filename*=UTF-8''S%E1%BB%95%20%C4%91%C4%83ng%20k%C3%BD%20%28%C4%91%E1%BA%BFn%29%20%27A%27.pdf`,
    );
  });
});

describe.each(ENGINES)('printing documents on %s', (engine) => {
  let t: TestApp;
  const clock = new Date('2026-11-23T03:00:00Z');
  let A: Office;
  let B: Office;
  const office = () => makeOffice(t.app, t.database.db);
  const register = async (c: Client, over: Record<string, unknown>) => {
    const r = await c.post('/api/v1/documents/incoming', {
      issuerName: 'Ủy ban nhân dân tỉnh Vĩnh Long',
      typeCode: 'cong_van',
      issuedDate: '2026-11-20',
      ...over,
    });
    if (r.statusCode !== 201) throw new Error(`register ${r.statusCode} ${r.body}`);
    return r.json() as { id: string; arrivalNumber: number };
  };
  const docs = [
    { numberNotation: '2176/UBND-TTTH', summary: 'Triển khai chữ ký số trên thiết bị di động cho cán bộ' },
    {
      numberNotation: '15/KH-UBND',
      summary: 'Kế hoạch chuyển đổi số năm 2027 của tỉnh',
      typeCode: 'ke_hoach',
    },
    { numberNotation: '08/CT-UBND', summary: 'Tăng cường kỷ luật, kỷ cương hành chính', typeCode: 'chi_thi' },
  ];
  let registered: { id: string; arrivalNumber: number }[] = [];
  let secret: { id: string; arrivalNumber: number };

  beforeAll(async () => {
    t = await makeTestApp(engine, { SESSION_CACHE_MS: '0' }, { now: () => clock });
    A = await office();
    B = await office();
    registered = [];
    for (const d of docs) registered.push(await register(A.clerk, d));
    secret = await register(A.clerk, {
      numberNotation: '99/BC-CA',
      summary: 'Báo cáo tình hình an ninh trật tự',
      typeCode: 'bao_cao',
      secrecy: 'mat',
    });
    await register(B.clerk, { numberNotation: '77/TB-SNV', summary: 'Thông báo của cơ quan khác' });
  });
  afterAll(() => t.close());

  const registerUrl = (dir: string, from = '2026-01-01', to = '2026-12-31') =>
    `/api/v1/documents/registers/${dir}.pdf?from=${from}&to=${to}`;

  it('prints the incoming register with the decree columns, each document and the page numbers', async () => {
    const res = await A.clerk.get(registerUrl('incoming'));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Sổ đăng ký văn bản đến')}`,
    );
    const { pages, text } = await pdfText(res.rawPayload);
    expect(text).toContain(A.s.agency.name.toLocaleUpperCase('vi'));
    expect(text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(text).toContain('Từ ngày 01/01/2026 đến ngày 31/12/2026');
    expect(text).toContain('Số đến');
    expect(text).toContain('Tên loại và trích yếu nội dung văn bản');
    expect(text).toContain(`Trang ${pages}/${pages}`);
    docs.forEach((d, i) => {
      expect(text).toContain(d.numberNotation);
      expect(text).toContain(d.summary);
      expect(text).toContain(` ${String(registered[i]!.arrivalNumber).padStart(2, '0')} `);
    });
    // The clerk who registered the secret document is named on it; the other agency's is not here.
    expect(text).toContain('99/BC-CA');
    expect(text).not.toContain('77/TB-SNV');
  });

  it('leaves secret documents out of the register of a leader not named on them', async () => {
    const res = await A.leader.get(registerUrl('incoming'));
    expect(res.statusCode).toBe(200);
    const { text } = await pdfText(res.rawPayload);
    expect(text).toContain(docs[0]!.numberNotation);
    expect(text).not.toContain('99/BC-CA');
    expect(secret.arrivalNumber).toBeGreaterThan(0);
  });

  it('prints an empty outgoing register for a period without releases', async () => {
    const res = await A.leader.get(registerUrl('outgoing', '2026-01-01', '2026-10-31'));
    expect(res.statusCode).toBe(200);
    const { text } = await pdfText(res.rawPayload);
    expect(text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
    expect(text).toContain('Nơi nhận văn bản');
    expect(text).toContain('Không có văn bản nào');
  });

  it('prints the outgoing register with number, signer, recipients and the unit keeping the copy', async () => {
    const draft = await A.officer.post('/api/v1/documents/drafts', {
      typeCode: 'cong_van',
      summary: 'Đề nghị cung cấp số liệu cải cách hành chính',
      recipients: [
        { kind: 'agency', agencyId: B.s.agency.id },
        { kind: 'outside', name: 'Bưu điện tỉnh' },
      ],
      files: [await upload(A.officer, 'du-thao.pdf', 'application/pdf', tinyPdf())],
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json().id;
    expect((await A.officer.post(`/api/v1/documents/${id}/submit-review`, {})).statusCode).toBe(200);
    const head = await signIn(t.app, A.s.head.username);
    expect((await head.post(`/api/v1/documents/${id}/review`, { action: 'approve' })).statusCode).toBe(200);
    expect((await A.leader.post(`/api/v1/documents/${id}/review`, { action: 'sign' })).statusCode).toBe(200);
    const rel = await A.clerk.post(`/api/v1/documents/${id}/release`, {});
    expect(rel.statusCode, rel.body).toBe(200);

    const res = await A.clerk.get(registerUrl('outgoing'));
    expect(res.statusCode).toBe(200);
    const { text } = await pdfText(res.rawPayload);
    expect(text).toContain(rel.json().numberNotation);
    expect(text).toContain('Công văn Đề nghị cung cấp số liệu cải cách hành chính');
    expect(text).toContain(A.s.leader.fullName);
    expect(text).toContain(`${B.s.agency.name}; Bưu điện tỉnh`);
    expect(text).toContain(A.s.division.name);
    // The secret series is a register of its own (Art. 15.2): empty here.
    const secretRegister = await A.clerk.get(`${registerUrl('outgoing')}&secret=true`);
    expect(secretRegister.statusCode).toBe(200);
    const secretText = (await pdfText(secretRegister.rawPayload)).text;
    expect(secretText).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI (MẬT)');
    expect(secretText).not.toContain(rel.json().numberNotation);
  });

  it('refuses the register to officers and rejects a bad period', async () => {
    expectProblem(await A.officer.get(registerUrl('incoming')), 403, 'forbidden');
    const backwards = expectProblem(
      await A.clerk.get(registerUrl('incoming', '2026-12-31', '2026-01-01')),
      400,
      'validation_failed',
    );
    expect(backwards.detail).toMatch(/ngày/i);
    const tooLong = expectProblem(
      await A.clerk.get(registerUrl('incoming', '2025-01-01', '2026-01-01')),
      400,
      'validation_failed',
    );
    expect(tooLong.detail).toContain('một năm');
    expectProblem(await A.clerk.get(registerUrl('incoming', '2026-02-30', '2026-03-01')), 400);
    expectProblem(await A.clerk.get(registerUrl('sideways')), 400);
    expectProblem(await A.clerk.get(`${registerUrl('incoming')}&secret=true`), 400, 'validation_failed');
  });

  it('prints the handling slip of a directed document with the direction and the lead', async () => {
    const id = registered[0]!.id;
    const directed = await A.leader.post(`/api/v1/documents/${id}/direct`, {
      direction: 'Giao phòng chủ trì tham mưu, báo cáo trước ngày 30/11.',
      lead: { divisionId: A.s.division.id },
      coHandlers: [{ personId: A.s.officer.id }],
      dueDate: '2026-11-30',
    });
    expect(directed.statusCode, directed.body).toBe(200);
    const res = await A.leader.get(`/api/v1/documents/${id}/slip.pdf`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text } = await pdfText(res.rawPayload);
    expect(text).toContain('PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN');
    expect(text).toContain('Công văn số 2176/UBND-TTTH ngày 20 tháng 11 năm 2026');
    expect(text).toContain('Giao phòng chủ trì tham mưu, báo cáo trước ngày 30/11.');
    expect(text).toContain(`chủ trì: ${A.s.division.name}`);
    expect(text).toContain(A.s.officer.fullName);
    expect(text).toContain('Thời hạn giải quyết: 30/11/2026');
    expect(text).toContain(A.s.leader.fullName);
    // The register now shows whom it was passed to and when.
    const reg = await pdfText((await A.clerk.get(registerUrl('incoming'))).rawPayload);
    expect(reg.text).toContain(A.s.division.name);
    expect(reg.text).toContain('23/11/2026');
  });

  it('reads the register in keyset pages, in register order, without gaps or repeats', async () => {
    const ctx: Ctx = {
      ...t.app.services,
      actor: {
        personId: A.s.clerk.id,
        username: A.s.clerk.username,
        fullName: A.s.clerk.fullName,
        sessionId: 'test',
        positionId: A.s.clerk.positionId,
        agencyId: A.s.agency.id,
        divisionId: null,
        role: 'clerk',
        ip: '127.0.0.1',
      },
    };
    const period = { direction: 'incoming' as const, from: '2026-11-23', to: '2026-11-23' };
    const seen: number[] = [];
    let after = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof registerRows>> = await registerRows(ctx, {
        ...period,
        afterCursor: after,
        limit: 2,
      });
      seen.push(...page.rows.map((r) => r.number));
      after = page.nextCursor;
      pages++;
    } while (after);
    expect(pages).toBe(2);
    expect(seen).toEqual([...registered.map((r) => r.arrivalNumber), secret.arrivalNumber]);
    const all: RegisterRow[] = [];
    for await (const r of registerRowSource(ctx, period)()) all.push(r);
    expect(all.map((r) => r.number)).toEqual(seen);
    expect(all[0]).toMatchObject({
      handlers: `${A.s.division.name}; ${A.s.officer.fullName} (phối hợp)`,
      issuerName: 'Ủy ban nhân dân tỉnh Vĩnh Long',
    });
    // The day before holds nothing.
    expect((await registerRows(ctx, { ...period, from: '2026-11-22', to: '2026-11-22' })).rows).toEqual([]);
  });

  it('answers 404 for the slip of another agency’s document', async () => {
    expectProblem(await B.clerk.get(`/api/v1/documents/${registered[0]!.id}/slip.pdf`), 404, 'not_found');
    expectProblem(await B.leader.get(`/api/v1/documents/${registered[1]!.id}/slip.pdf`), 404, 'not_found');
  });

  it('exports the filtered list to Excel: headings, one row per document, real dates', async () => {
    const res = await A.clerk.get('/api/v1/documents/export.xlsx?box=incoming');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/filename\*=UTF-8''/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Số đến',
      'Ngày đến',
      'Số ký hiệu',
      'Ngày văn bản',
      'Loại',
      'Trích yếu',
      'Cơ quan ban hành',
      'Độ mật',
      'Độ khẩn',
      'Hạn xử lý',
      'Trạng thái',
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const listed = (await A.clerk.get('/api/v1/documents?box=incoming&limit=200')).json().items as {
      numberNotation: string;
    }[];
    const numbers = (col: number) =>
      sheet
        .getColumn(col)
        .values.slice(2)
        .map((v) => String(v));
    expect(sheet.rowCount - 1).toBe(listed.length);
    expect(numbers(3).sort()).toEqual(listed.map((x) => x.numberNotation).sort());
    const row = sheet.getRow(2 + numbers(3).indexOf('15/KH-UBND'));
    expect(row.getCell(4).value).toBeInstanceOf(Date);
    expect((row.getCell(4).value as Date).toISOString().slice(0, 10)).toBe('2026-11-20');
    expect(row.getCell(5).value).toBe('Kế hoạch');
    expect(row.getCell(6).value).toBe('Kế hoạch chuyển đổi số năm 2027 của tỉnh');

    // The same filters as the list: a search keeps only what it finds.
    const found = await A.clerk.get('/api/v1/documents/export.xlsx?box=incoming&q=chu%20ky%20so');
    const one = new ExcelJS.Workbook();
    await one.xlsx.load(found.rawPayload as unknown as ArrayBuffer);
    expect(one.worksheets[0]!.rowCount).toBe(2);
    expect(one.worksheets[0]!.getRow(2).getCell(3).value).toBe('2176/UBND-TTTH');
  });
});

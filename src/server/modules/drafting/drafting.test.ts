import { eq } from 'drizzle-orm';
import mammoth from 'mammoth';
import PizZip from 'pizzip';
import { extractText } from 'unpdf';
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
import { documentFiles } from '../documents/schema.ts';
import { positions } from '../people/schema.ts';
import { builtinTemplate } from './builtin.ts';
import { documentDrafts, documentTemplates } from './schema.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function multipart(fileName: string, data: Buffer, type = DOCX) {
  const boundary = '----lt-drafting-boundary';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function sendFile(c: Client, url: string, fileName: string, data: Buffer) {
  return c.inject({ method: 'POST', url, ...multipart(fileName, data) });
}

/** A DOCX whose document.xml is replaced by `xml` body text (tags written by hand). */
async function docxWithText(text: string): Promise<Buffer> {
  const zip = new PizZip(await builtinTemplate('thong_bao'));
  const xml = zip.file('word/document.xml')!.asText();
  zip.file('word/document.xml', xml.replace('{summary}', text));
  return zip.generate({ type: 'nodebuffer' }) as Buffer;
}

describe.each(ENGINES)('drafting (%s)', (engine) => {
  let t: TestApp;
  let officer: Client;
  let other: Client;
  let admin: Client;
  let agencyId: string;

  beforeAll(async () => {
    t = await makeTestApp(engine);
    const province = await makeAgency(t.database.db, {
      kind: 'province',
      name: 'Ủy ban nhân dân tỉnh Bình An',
      shortName: 'UBND',
    });
    const agency = await makeAgency(t.database.db, {
      parentId: province.id,
      name: 'Sở Nội vụ',
      shortName: 'SNV',
    });
    agencyId = agency.id;
    const division = await makeDivision(t.database.db, agency.id, { shortName: 'VP', name: 'Văn phòng' });
    const o = await makePerson(t.database.db, {
      agencyId: agency.id,
      role: 'officer',
      divisionId: division.id,
    });
    const o2 = await makePerson(t.database.db, {
      agencyId: agency.id,
      role: 'officer',
      divisionId: division.id,
    });
    const a = await makePerson(t.database.db, { agencyId: agency.id, role: 'agency_admin' });
    const leader = await makePerson(t.database.db, {
      agencyId: agency.id,
      role: 'agency_leader',
      fullName: 'Nguyễn Thị Ánh Tuyết',
    });
    await makePerson(t.database.db, { agencyId: agency.id, role: 'division_head', divisionId: division.id });
    await t.database.db
      .update(positions)
      .set({ title: 'Phó Giám đốc' })
      .where(eq(positions.id, leader.positionId));
    officer = await signIn(t.app, o.username);
    other = await signIn(t.app, o2.username);
    admin = await signIn(t.app, a.username);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  async function newDraft(typeCode: string, summary: string) {
    const res = await officer.post('/api/v1/documents/drafts', {
      typeCode,
      summary,
      recipients: [
        { kind: 'outside', name: 'Sở Tài chính' },
        { kind: 'outside', name: 'Ủy ban nhân dân huyện Đông Hòa' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  it('prefills, makes the DOCX from the template, converts it to PDF with exact Vietnamese, then submits', async () => {
    const id = await newDraft('cong_van', 'Tăng cường chuyển đổi số trong công tác văn thư');
    const pre = await officer.get(`/api/v1/documents/${id}/draft`);
    expect(pre.statusCode, pre.body).toBe(200);
    const f = pre.json().fields;
    expect(f).toMatchObject({
      parentName: 'Ủy ban nhân dân tỉnh Bình An',
      issuerName: 'Sở Nội vụ',
      notation: 'SNV-VP',
      place: 'Bình An',
      number: null,
      date: null,
      kinhGui: ['Sở Tài chính', 'Ủy ban nhân dân huyện Đông Hòa'],
      archive: 'Lưu: VT, VP',
      competence: 'KT.',
      authority: 'Giám đốc',
      position: 'Phó Giám đốc',
      signerName: 'Nguyễn Thị Ánh Tuyết',
    });
    const body =
      'Thực hiện Nghị định số 30/2020/NĐ-CP, Sở Nội vụ đề nghị các cơ quan rà soát hồ sơ.\nĐề nghị các đơn vị khẩn trương thực hiện.';
    const saved = await officer.inject({
      method: 'PUT',
      url: `/api/v1/documents/${id}/draft`,
      payload: { fields: { ...f, noiNhan: ['Giám đốc Sở (để b/c)'] }, body },
    });
    expect(saved.statusCode, saved.body).toBe(200);

    const made = await officer.post(`/api/v1/documents/${id}/draft/make`);
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ version: 1, mediaType: DOCX });
    const docx = await t.blobs.read(made.json().sha256);
    const text = (await mammoth.extractRawText({ buffer: docx })).value;
    for (const s of [
      'ỦY BAN NHÂN DÂN TỈNH BÌNH AN',
      'SỞ NỘI VỤ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'V/v Tăng cường chuyển đổi số trong công tác văn thư',
      '- Sở Tài chính;',
      '- Ủy ban nhân dân huyện Đông Hòa.',
      'Thực hiện Nghị định số 30/2020/NĐ-CP, Sở Nội vụ đề nghị các cơ quan rà soát hồ sơ.',
      '- Như trên;',
      '- Giám đốc Sở (để b/c);',
      '- Lưu: VT, VP.',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Nguyễn Thị Ánh Tuyết',
    ])
      expect(text).toContain(s);
    expect(text).toMatch(/Số: {6,}\/SNV-VP/);
    expect(text).toMatch(/Bình An, ngày {6,}tháng {6,}năm \d{4}/);

    const pdfRes = await officer.post(`/api/v1/documents/${id}/draft/pdf`);
    expect(pdfRes.statusCode, pdfRes.body).toBe(201);
    expect(pdfRes.json()).toMatchObject({ version: 2, mediaType: 'application/pdf' });
    const pdf = await t.blobs.read(pdfRes.json().sha256);
    const { text: pdfText } = await extractText(new Uint8Array(pdf), { mergePages: true });
    const flat = pdfText.replace(/\s+/g, ' ');
    for (const s of [
      'SỞ NỘI VỤ',
      'Độc lập - Tự do - Hạnh phúc',
      'Đề nghị các đơn vị khẩn trương thực hiện.',
      '- Ủy ban nhân dân huyện Đông Hòa.',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Nguyễn Thị Ánh Tuyết',
    ])
      expect(flat).toContain(s);

    // The PDF is the current main file; the DOCX stays as version 1.
    const detail = (await officer.get(`/api/v1/documents/${id}`)).json();
    const current = detail.files.filter((x: { current?: boolean }) => x.current !== false);
    expect(current.map((x: { fileName: string }) => x.fileName).some((n: string) => n.endsWith('.pdf'))).toBe(
      true,
    );
    const versions = await t.database.db.select().from(documentFiles).where(eq(documentFiles.documentId, id));
    expect(versions.map((v) => [v.version, v.current, v.mediaType]).sort()).toEqual([
      [1, false, DOCX],
      [2, true, 'application/pdf'],
    ]);
    // Audit rows of each change.
    const actions = (
      await t.database.query<{ action: string }>('SELECT action FROM audit_log WHERE entity_id = $1', [id])
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'drafting.save',
        'drafting.make_docx',
        'drafting.make_pdf',
        'document.edit_draft',
      ]),
    );
    // A second PDF from a PDF is refused.
    expectProblem(await officer.post(`/api/v1/documents/${id}/draft/pdf`), 409);

    const submit = await officer.post(`/api/v1/documents/${id}/submit-review`, {});
    expect(submit.statusCode, submit.body).toBeLessThan(300);
  }, 120_000);

  it('makes the DOCX of a draft created without files (the "Soạn theo mẫu" start) from the prefill', async () => {
    const id = await newDraft('quyet_dinh', 'Về việc ban hành Quy chế công tác văn thư');
    const made = await officer.post(`/api/v1/documents/${id}/draft/make`);
    expect(made.statusCode, made.body).toBe(201);
    const text = (await mammoth.extractRawText({ buffer: await t.blobs.read(made.json().sha256) })).value;
    expect(text).toContain('QUYẾT ĐỊNH');
    expect(text).toContain('Về việc ban hành Quy chế công tác văn thư');
    expect(text).toMatch(/Số: {6,}\/QĐ-SNV/);
    expect(text).toContain('- Sở Tài chính;');
    expect(text).toContain('- Lưu: VT, VP.');
  });

  it('lets only the holder change the draft, and refuses a bad DOCX upload with nothing written', async () => {
    const id = await newDraft('thong_bao', 'Thông báo lịch họp giao ban');
    const g = await officer.get(`/api/v1/documents/${id}/draft`);
    const f = g.json().fields;
    for (const res of [
      await other.post(`/api/v1/documents/${id}/draft/make`),
      await other.inject({
        method: 'PUT',
        url: `/api/v1/documents/${id}/draft`,
        payload: { fields: f, body: 'x' },
      }),
      await sendFile(
        other,
        `/api/v1/documents/${id}/draft/upload-docx`,
        'a.docx',
        await builtinTemplate('thong_bao'),
      ),
    ])
      expect([403, 404]).toContain(res.statusCode);
    const notDocx = await sendFile(
      officer,
      `/api/v1/documents/${id}/draft/upload-docx`,
      'a.docx',
      Buffer.from('hello'),
    );
    expect(expectProblem(notDocx, 415).detail).toBe('Tệp không phải văn bản Word (.docx).');
    const bad = await officer.inject({
      method: 'PUT',
      url: `/api/v1/documents/${id}/draft`,
      payload: { fields: { ...f, signerName: '' }, body: '' },
    });
    expectProblem(bad, 400);
    expect(
      await t.database.db.select().from(documentDrafts).where(eq(documentDrafts.documentId, id)),
    ).toEqual([]);
    expect(await t.database.db.select().from(documentFiles).where(eq(documentFiles.documentId, id))).toEqual(
      [],
    );
    const ok = await sendFile(
      officer,
      `/api/v1/documents/${id}/draft/upload-docx`,
      'sua.docx',
      await docxWithText('Bản đã sửa'),
    );
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ version: 1, fileName: 'sua.docx' });
  });

  describe('templates', () => {
    const templatesOf = async () =>
      t.database.db.select().from(documentTemplates).where(eq(documentTemplates.agencyId, agencyId));

    it('lists built-in templates and downloads one', async () => {
      const list = await admin.get('/api/v1/drafting/templates');
      expect(list.statusCode, list.body).toBe(200);
      const items = list.json().items as { typeCode: string; source: string }[];
      for (const code of [
        'quyet_dinh',
        'cong_van',
        'thong_bao',
        'to_trinh',
        'bao_cao',
        'ke_hoach',
        'giay_moi',
        'bien_ban',
      ])
        expect(items.find((i) => i.typeCode === code)?.source).toBe('builtin');
      const dl = await admin.get('/api/v1/drafting/templates/cong_van/docx');
      expect(dl.statusCode).toBe(200);
      expect(dl.rawPayload.readUInt32LE(0)).toBe(0x04034b50);
      // An officer has no templates.manage.
      expect((await officer.get('/api/v1/drafting/templates')).statusCode).toBe(403);
    });

    it('refuses bad templates precisely, writing nothing', async () => {
      const url = '/api/v1/drafting/templates/thong_bao';
      expect(
        expectProblem(await sendFile(admin, url, 'a.docx', Buffer.from('not a zip at all')), 415).detail,
      ).toBe('Tệp không phải văn bản Word (.docx).');
      const macro = new PizZip(await builtinTemplate('thong_bao'));
      macro.file('word/vbaProject.bin', Buffer.from('x'));
      expect(
        expectProblem(
          await sendFile(admin, url, 'a.docm', macro.generate({ type: 'nodebuffer' }) as Buffer),
          415,
        ).detail,
      ).toContain('macro');
      const unknown = await docxWithText('{foo} và {bar}');
      expect(expectProblem(await sendFile(admin, url, 'a.docx', unknown), 422).detail).toBe(
        'Mẫu có trường không được hỗ trợ: {foo}, {bar}',
      );
      const big = Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.alloc(11 * 1024 * 1024)]);
      expectProblem(await sendFile(admin, url, 'a.docx', big), 413);
      expect(await templatesOf()).toEqual([]);
    });

    it('uploads versions, fills with the agency template, and goes back to the built-in one, audited', async () => {
      const url = '/api/v1/drafting/templates/thong_bao';
      const v1 = await sendFile(admin, url, 'tb1.docx', await docxWithText('MẪU RIÊNG {summary}'));
      expect(v1.statusCode, v1.body).toBe(201);
      const v2 = await sendFile(admin, url, 'tb2.docx', await docxWithText('MẪU MỚI {summary}'));
      expect(v2.json()).toMatchObject({ version: 2 });
      const rows = await templatesOf();
      expect(rows.filter((r) => r.retiredAt === null).map((r) => r.version)).toEqual([2]);
      const item = (await admin.get('/api/v1/drafting/templates'))
        .json()
        .items.find((i: { typeCode: string }) => i.typeCode === 'thong_bao');
      expect(item).toMatchObject({ source: 'agency', version: 2 });

      const id = await newDraft('thong_bao', 'Lịch tiếp công dân');
      const made = await officer.post(`/api/v1/documents/${id}/draft/make`);
      const text = (await mammoth.extractRawText({ buffer: await t.blobs.read(made.json().sha256) })).value;
      expect(text).toContain('MẪU MỚI Lịch tiếp công dân');

      expect((await admin.delete(url)).statusCode).toBe(200);
      expectProblem(await admin.delete(url), 409);
      expect((await templatesOf()).every((r) => r.retiredAt !== null)).toBe(true);
      const audits = await t.database.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE action LIKE 'template.%' AND agency_id = $1`,
        [agencyId],
      );
      expect(audits.map((r) => r.action).sort()).toEqual([
        'template.reset',
        'template.upload',
        'template.upload',
      ]);
    });
  });
});

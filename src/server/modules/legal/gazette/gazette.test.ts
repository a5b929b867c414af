import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { getDocumentProxy, extractText as unpdfText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  expectProblem,
  makeTestApp,
  signIn,
  type TestApp,
} from '../../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../../test/helpers/db.ts';
import { freshCode, makeAgency, makePerson } from '../../../../../test/helpers/factories.ts';
import { createPdfBuffer } from '../../../platform/pdf/index.ts';
import { legalDocumentFiles, legalDocuments, legalIssuers } from '../schema.ts';
import { remindLateItems } from './jobs.ts';

/** A one- or two-page PDF whose text says which document it is. */
async function documentPdf(text: string, pages = 1): Promise<Buffer> {
  const { doc, end } = createPdfBuffer({ title: text });
  for (let i = 0; i < pages; i++) {
    doc.addPage({ size: 'A4' });
    doc
      .font('serif')
      .fontSize(14)
      .text(`${text} — trang ${i + 1}`, 72, 72);
  }
  return end();
}

// The province P; its People's Committee U keeps its own legal documents and submits them; VP is
// the gazette office; D is a department that keeps a decision of its own. The clock says
// 02/12/2026 10:00 in Vietnam.
describe.each(ENGINES)('the official gazette on %s', (engine) => {
  let t: TestApp;
  let clock = new Date('2026-12-02T03:00:00Z');
  const G = '/api/v1/legal/gazette';
  let admin: Client;
  let uClerk: Client; // submits U's documents
  let vpClerk: Client; // the gazette editor
  let dClerk: Client; // another agency's clerk
  const ids = {} as Record<'U' | 'VP' | 'D' | 'uClerk' | 'issuer' | 'central', string>;
  const docs = {} as Record<'a' | 'b' | 'c' | 'noPdf' | 'central' | 'dOwn' | 'e', string>;
  const items = {} as Record<'a' | 'b' | 'c' | 'e', string>;
  let issueId = '';

  const count = async (table: string, where = 'true') =>
    (await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))[0]!.n;
  const snapshot = async () => ({
    items: await t.database.query(
      'SELECT id, state, issue_id, position, received_at FROM gazette_items ORDER BY id',
    ),
    issues: await t.database.query('SELECT * FROM gazette_issues ORDER BY id'),
    docs: await t.database.query(
      'SELECT id, gazette_issue_id, gazette_date FROM legal_documents ORDER BY id',
    ),
    audit: await count('audit_log', "action LIKE 'legal.gazette.%'"),
    notices: await count('notifications', "kind = 'legal.gazette'"),
  });
  function problem(res: Parameters<typeof expectProblem>[0], status: number, message: string | RegExp) {
    const p = expectProblem(res, status);
    const all = [p.detail, ...(p.fields ?? []).map((f) => f.message)];
    if (typeof message === 'string') expect(all).toContain(message);
    else
      expect(
        all.some((m) => message.test(m)),
        all.join(' | '),
      ).toBe(true);
    return p;
  }

  async function legalDoc(over: Partial<typeof legalDocuments.$inferInsert>, pdf?: string) {
    const [d] = await t.database.db
      .insert(legalDocuments)
      .values({
        agencyId: ids.U,
        origin: 'local',
        numberNotation: `${freshCode()}/2026/QĐ-UBND`,
        typeCode: 'quyet_dinh_ubnd',
        issuerId: ids.issuer,
        title: 'Quyết định thử',
        issuedDate: '2026-11-30',
        effectiveFrom: '2026-12-10',
        ...over,
      })
      .returning({ id: legalDocuments.id });
    if (pdf) {
      const bytes = await documentPdf(pdf, pdf.includes('hai trang') ? 2 : 1);
      const stored = await t.blobs.putBuffer(bytes, { declaredType: 'application/pdf', maxBytes: 1e7 });
      await t.database.db.insert(legalDocumentFiles).values({
        legalDocumentId: d!.id,
        sha256: stored.sha256,
        fileName: 'van-ban.pdf',
        mediaType: 'application/pdf',
        size: stored.size,
      });
    }
    return d!.id;
  }

  beforeAll(async () => {
    t = await makeTestApp(engine, { SESSION_CACHE_MS: '0' }, { now: () => clock });
    const db = t.database.db;
    const P = await makeAgency(db, { kind: 'province', name: 'Tỉnh Thử' });
    const U = await makeAgency(db, { name: 'Ủy ban nhân dân tỉnh Thử', parentId: P.id });
    const VP = await makeAgency(db, { name: 'Văn phòng Ủy ban nhân dân tỉnh Thử', parentId: P.id });
    const D = await makeAgency(db, { name: 'Sở Thử', parentId: P.id });
    Object.assign(ids, { U: U.id, VP: VP.id, D: D.id });
    admin = await signIn(t.app, (await makePerson(db, { agencyId: P.id, role: 'system_admin' })).username);
    const uc = await makePerson(db, { agencyId: U.id, role: 'clerk', fullName: 'Văn Thư Ủy Ban' });
    ids.uClerk = uc.id;
    uClerk = await signIn(t.app, uc.username);
    vpClerk = await signIn(t.app, (await makePerson(db, { agencyId: VP.id, role: 'clerk' })).username);
    dClerk = await signIn(t.app, (await makePerson(db, { agencyId: D.id, role: 'clerk' })).username);
    const [issuer] = await db
      .insert(legalIssuers)
      .values({
        code: `UB${freshCode()}`,
        name: `Ủy ban nhân dân tỉnh Thử ${freshCode()}`,
        level: 'local',
        agencyId: U.id,
      })
      .returning();
    ids.issuer = issuer!.id;
    const [central] = await db.select().from(legalIssuers).where(eq(legalIssuers.level, 'central')).limit(1);
    ids.central = central!.id;
    docs.a = await legalDoc(
      { numberNotation: '21/2026/QĐ-UBND', title: 'ban hành Quy định quản lý chợ' },
      'Toàn văn quyết định hai trang về quản lý chợ',
    );
    docs.b = await legalDoc(
      {
        numberNotation: '22/2026/QĐ-UBND',
        title: 'quy định giá dịch vụ thoát nước',
        issuedDate: '2026-11-20',
      },
      'Toàn văn quyết định về giá thoát nước',
    );
    docs.c = await legalDoc({ numberNotation: '23/2026/QĐ-UBND' }, 'Quyết định bị trả lại');
    docs.e = await legalDoc({ numberNotation: '24/2026/QĐ-UBND' }, 'Quyết định chờ đăng');
    docs.noPdf = await legalDoc({ numberNotation: '25/2026/QĐ-UBND' });
    docs.central = await legalDoc(
      { origin: 'central', issuerId: ids.central, typeCode: 'nghi_dinh', numberNotation: '99/2026/NĐ-CP' },
      'Nghị định',
    );
    docs.dOwn = await legalDoc({ agencyId: D.id, numberNotation: '26/2026/QĐ-UBND' }, 'Của sở');
  });
  afterAll(async () => t?.close());

  it('lets only the system administrator name the gazette office', async () => {
    problem(await vpClerk.inject({ method: 'PUT', url: `${G}/settings`, payload: {} }), 403, /quyền/);
    const before = await snapshot();
    problem(
      await admin.inject({
        method: 'PUT',
        url: `${G}/settings`,
        payload: { officeAgencyId: ids.VP, title: 'CB' },
      }),
      400,
      'Tên công báo phải có ít nhất 3 ký tự, ví dụ "CÔNG BÁO TỈNH VĨNH LONG".',
    );
    problem(
      await admin.inject({
        method: 'PUT',
        url: `${G}/settings`,
        payload: { officeAgencyId: '0190f000-0000-7000-8000-000000000000', title: 'CÔNG BÁO TỈNH THỬ' },
      }),
      400,
      'Cơ quan không tồn tại hoặc không còn hoạt động.',
    );
    expect(await snapshot()).toEqual(before);
    const res = await admin.inject({
      method: 'PUT',
      url: `${G}/settings`,
      payload: { officeAgencyId: ids.VP, title: 'CÔNG BÁO TỈNH THỬ' },
    });
    expect(res.statusCode).toBe(200);
    expect((await vpClerk.get(`${G}/settings`)).json()).toMatchObject({ configured: true, isEditor: true });
    expect((await uClerk.get(`${G}/settings`)).json()).toMatchObject({ isEditor: false });
  });

  it('takes submissions of the own signed local documents with a PDF, flagging late ones', async () => {
    const a = await uClerk.post(`${G}/items`, { legalDocumentId: docs.a });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({
      state: 'submitted',
      lateSubmission: false,
      numberNotation: '21/2026/QĐ-UBND',
    });
    items.a = a.json().id;
    const b = (await uClerk.post(`${G}/items`, { legalDocumentId: docs.b })).json();
    expect(b).toMatchObject({ state: 'submitted', lateSubmission: true }); // signed 20/11, sent 02/12
    items.b = b.id;
    items.c = (await uClerk.post(`${G}/items`, { legalDocumentId: docs.c })).json().id;
    items.e = (await uClerk.post(`${G}/items`, { legalDocumentId: docs.e })).json().id;
    expect((await uClerk.get(`${G}/documents/${docs.a}`)).json()).toMatchObject({
      canSubmit: false,
      item: { id: items.a },
    });
    expect(await count('audit_log', "action = 'legal.gazette.submit'")).toBe(4);
  });

  it('refuses bad submissions with precise messages, changing nothing', async () => {
    const before = await snapshot();
    problem(
      await uClerk.post(`${G}/items`, { legalDocumentId: docs.central }),
      400,
      'Văn bản của cơ quan trung ương không đăng trên Công báo tỉnh; chỉ văn bản của HĐND, UBND, Chủ tịch UBND tỉnh được gửi đăng.',
    );
    problem(
      await dClerk.post(`${G}/items`, { legalDocumentId: docs.a }),
      403,
      'Chỉ cơ quan ban hành (cơ quan giữ hồ sơ văn bản) mới được gửi đăng văn bản này.',
    );
    problem(
      await uClerk.post(`${G}/items`, { legalDocumentId: docs.noPdf }),
      400,
      'Văn bản chưa có tệp PDF đã ký; hãy đính kèm tệp PDF trước khi gửi đăng Công báo.',
    );
    problem(
      await uClerk.post(`${G}/items`, { legalDocumentId: docs.a }),
      409,
      'Văn bản này đã được gửi đăng Công báo (đang chờ tiếp nhận).',
    );
    problem(await uClerk.post(`${G}/items`, { legalDocumentId: 'abc' }), 400, 'Mã văn bản không hợp lệ.');
    problem(
      await uClerk.post(`${G}/items`, { legalDocumentId: '0190f000-0000-7000-8000-000000000000' }),
      404,
      'Văn bản quy phạm pháp luật không tồn tại.',
    );
    expect((await dClerk.get(`${G}/documents/${docs.a}`)).json()).toMatchObject({ canSubmit: false });
    expect(await snapshot()).toEqual(before);
  });

  it('lets the gazette office accept or return, telling the submitting clerks', async () => {
    const before = await snapshot();
    problem(
      await uClerk.post(`${G}/items/${items.a}/accept`),
      403,
      'Chỉ Văn phòng Ủy ban nhân dân tỉnh Thử (cơ quan Công báo) mới được biên tập Công báo.',
    );
    problem(
      await vpClerk.post(`${G}/items/${items.c}/return`, { reason: 'sai' }),
      400,
      'Lý do trả lại phải có ít nhất 5 ký tự.',
    );
    expect(await snapshot()).toEqual(before);
    for (const id of [items.a, items.b, items.e]) {
      const res = await vpClerk.post(`${G}/items/${id}/accept`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ state: 'accepted', publishBy: '2026-12-09' });
    }
    problem(
      await vpClerk.post(`${G}/items/${items.a}/accept`),
      409,
      'Chỉ văn bản đang chờ tiếp nhận mới được tiếp nhận.',
    );
    const ret = await vpClerk.post(`${G}/items/${items.c}/return`, {
      reason: 'Thiếu chữ ký số trên tệp PDF',
    });
    expect(ret.json()).toMatchObject({ state: 'returned', returnReason: 'Thiếu chữ ký số trên tệp PDF' });
    const notices = await t.database.query<{ title: string; body: string | null }>(
      `SELECT title, body FROM notifications WHERE person_id = '${ids.uClerk}' AND kind = 'legal.gazette' ORDER BY created_at, title`,
    );
    expect(notices.map((n) => n.title)).toContain('Văn bản 23/2026/QĐ-UBND bị trả lại, không đăng Công báo');
    expect(notices.map((n) => n.title)).toContain(
      'Văn bản 21/2026/QĐ-UBND đã được tiếp nhận để đăng Công báo',
    );
    expect(notices.find((n) => n.body)?.body).toBe('Lý do: Thiếu chữ ký số trên tệp PDF');
    // A returned document may be sent again once fixed.
    expect((await uClerk.get(`${G}/documents/${docs.c}`)).json()).toMatchObject({ canSubmit: true });
    const view = (await vpClerk.get(G)).json();
    expect(view.waiting).toEqual([]);
    expect(view.accepted.map((i: { id: string }) => i.id).sort()).toEqual([items.a, items.b, items.e].sort());
    expect(view.late.map((i: { id: string }) => i.id)).toEqual([items.b]);
  });

  it('numbers draft issues per year and refuses a number already used in the year', async () => {
    const made = await vpClerk.post(`${G}/issues`, {
      year: 2026,
      numberFrom: 1271,
      numberTo: 1272,
      issueDate: '2026-12-03',
    });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ label: 'Số 1271 + 1272', state: 'draft', canEdit: true });
    issueId = made.json().id;
    const before = await snapshot();
    problem(
      await vpClerk.post(`${G}/issues`, { year: 2026, numberFrom: 1272, issueDate: '2026-12-04' }),
      409,
      'Số 1272 năm 2026 đã có: trùng với số công báo "Số 1271 + 1272" (bản nháp, ngày 03/12/2026).',
    );
    problem(
      await vpClerk.post(`${G}/issues`, {
        year: 2026,
        numberFrom: 1270,
        numberTo: 1275,
        issueDate: '2026-12-04',
      }),
      409,
      'Số công báo Số 1271 + 1272 năm 2026 đã có.',
    );
    problem(
      await vpClerk.post(`${G}/issues`, { year: 2026, numberFrom: 5, numberTo: 3, issueDate: '2026-12-04' }),
      400,
      'Số cuối của số ghép không được nhỏ hơn số đầu.',
    );
    problem(
      await vpClerk.post(`${G}/issues`, { year: 2026, numberFrom: 7, issueDate: '2025-12-04' }),
      400,
      'Ngày phát hành phải thuộc năm của số công báo.',
    );
    problem(
      await vpClerk.post(`${G}/issues`, { year: 2026, numberFrom: 0, issueDate: '2026-12-04' }),
      400,
      'Số công báo phải từ 1 trở lên.',
    );
    problem(
      await uClerk.post(`${G}/issues`, { year: 2026, numberFrom: 8, issueDate: '2026-12-04' }),
      403,
      /cơ quan Công báo/,
    );
    expect(await snapshot()).toEqual(before);
    // The same number in another year is another issue; then it goes away again.
    const other = await vpClerk.post(`${G}/issues`, {
      year: 2025,
      numberFrom: 1272,
      issueDate: '2025-12-04',
    });
    expect(other.statusCode).toBe(201);
    expect((await vpClerk.delete(`${G}/issues/${other.json().id}`)).statusCode).toBe(200);
  });

  it('places and orders accepted documents in the draft', async () => {
    const before = await snapshot();
    problem(
      await vpClerk.post(`${G}/issues/${issueId}/items`, { itemId: items.c }),
      409,
      'Chỉ văn bản đã tiếp nhận, chưa xếp vào số nào mới được xếp vào số công báo.',
    );
    expect(await snapshot()).toEqual(before);
    await vpClerk.post(`${G}/issues/${issueId}/items`, { itemId: items.a });
    await vpClerk.post(`${G}/issues/${issueId}/items`, { itemId: items.e });
    const placed = (
      await vpClerk.post(`${G}/issues/${issueId}/items`, { itemId: items.b, position: 1 })
    ).json();
    expect(placed.items.map((i: { id: string }) => i.id)).toEqual([items.b, items.a, items.e]);
    const removed = (await vpClerk.delete(`${G}/issues/${issueId}/items/${items.e}`)).json();
    expect(removed.items.map((i: { position: number }) => i.position)).toEqual([1, 2]);
    const mid = await snapshot();
    problem(
      await vpClerk.inject({
        method: 'PUT',
        url: `${G}/issues/${issueId}/order`,
        payload: { itemIds: [items.a] },
      }),
      400,
      'Danh sách sắp xếp phải gồm đúng 2 văn bản của số công báo, mỗi văn bản một lần.',
    );
    problem(
      await vpClerk.inject({
        method: 'PUT',
        url: `${G}/issues/${issueId}/order`,
        payload: { itemIds: [items.a, items.a] },
      }),
      400,
      /mỗi văn bản một lần/,
    );
    expect(await snapshot()).toEqual(mid);
    const ordered = await vpClerk.inject({
      method: 'PUT',
      url: `${G}/issues/${issueId}/order`,
      payload: { itemIds: [items.a, items.b] },
    });
    expect(ordered.json().items.map((i: { numberNotation: string }) => i.numberNotation)).toEqual([
      '21/2026/QĐ-UBND',
      '22/2026/QĐ-UBND',
    ]);
    // Drafts are the office's: others do not see them.
    expect((await uClerk.get(`${G}/issues/${issueId}`)).statusCode).toBe(404);
  });

  it('publishes the issue as one PDF: cover, contents with pages, then each document', async () => {
    const res = await vpClerk.post(`${G}/issues/${issueId}/publish`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'published', canEdit: false });
    expect(res.json().items.map((i: { state: string }) => i.state)).toEqual(['published', 'published']);
    const pdf = await uClerk.get(`${G}/issues/${issueId}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = new Uint8Array(pdf.rawPayload);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(4); // cover and contents, 2 + 1 pages
    const { text } = await unpdfText(await getDocumentProxy(bytes), { mergePages: false });
    const cover = (text as string[])[0]!.replace(/\s+/g, ' ');
    expect(cover).toContain('CÔNG BÁO TỈNH THỬ');
    expect(cover).toContain('Số 1271 + 1272');
    expect(cover).toContain('Ngày 03-12-2026');
    expect(cover).toContain('MỤC LỤC');
    expect(cover).toContain('1 21/2026/QĐ-UBND 30/11/2026 ban hành Quy định quản lý chợ 2');
    expect(cover).toContain('2 22/2026/QĐ-UBND 20/11/2026 quy định giá dịch vụ thoát nước 4');
    expect((text as string[])[1]).toContain('Toàn văn quyết định hai trang về quản lý chợ — trang 1');
    expect((text as string[])[3]).toContain('Toàn văn quyết định về giá thoát nước');
    const rows = await t.database.query<{
      id: string;
      gazette_issue_id: string | null;
      gazette_date: string | null;
    }>(
      `SELECT id, gazette_issue_id, gazette_date::text FROM legal_documents WHERE id IN ('${docs.a}', '${docs.b}')`,
    );
    expect(rows.every((r) => r.gazette_issue_id === issueId && r.gazette_date === '2026-12-03')).toBe(true);
    const notices = await t.database.query<{ title: string }>(
      `SELECT title FROM notifications WHERE person_id = '${ids.uClerk}' AND title LIKE '%đã được đăng%'`,
    );
    expect(notices.map((n) => n.title).sort()).toEqual([
      'Văn bản 21/2026/QĐ-UBND đã được đăng Công báo Số 1271 + 1272 năm 2026',
      'Văn bản 22/2026/QĐ-UBND đã được đăng Công báo Số 1271 + 1272 năm 2026',
    ]);
    // The submitting agency sees the published issue.
    expect((await uClerk.get(`${G}/issues/${issueId}`)).json()).toMatchObject({ label: 'Số 1271 + 1272' });
  });

  it('never changes a published issue', async () => {
    const before = await snapshot();
    const msg = 'Số công báo đã phát hành, không thể sửa.';
    problem(
      await vpClerk.inject({
        method: 'PUT',
        url: `${G}/issues/${issueId}`,
        payload: { year: 2026, numberFrom: 1300, issueDate: '2026-12-05' },
      }),
      409,
      msg,
    );
    problem(await vpClerk.delete(`${G}/issues/${issueId}`), 409, msg);
    problem(await vpClerk.post(`${G}/issues/${issueId}/items`, { itemId: items.e }), 409, msg);
    problem(await vpClerk.delete(`${G}/issues/${issueId}/items/${items.a}`), 409, msg);
    problem(
      await vpClerk.inject({
        method: 'PUT',
        url: `${G}/issues/${issueId}/order`,
        payload: { itemIds: [items.b, items.a] },
      }),
      409,
      msg,
    );
    problem(await vpClerk.post(`${G}/issues/${issueId}/publish`), 409, msg);
    problem(
      await vpClerk.post(`${G}/items/${items.a}/return`, { reason: 'Trả lại sau khi đăng' }),
      409,
      /trả lại/,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('lists an accepted document not published within 7 days as late', async () => {
    clock = new Date('2026-12-10T03:00:00Z');
    const view = (await vpClerk.get(G)).json();
    const late = view.late.find((i: { id: string }) => i.id === items.e);
    expect(late).toMatchObject({ latePublication: true, lateSubmission: false, publishBy: '2026-12-09' });
    expect(view.late.find((i: { id: string }) => i.id === items.b)).toMatchObject({ lateSubmission: true });
    expect(view.issues.map((i: { label: string }) => i.label)).toContain('Số 1271 + 1272');
    // The daily job tells the office once per late document.
    expect(await remindLateItems(t.database.db, '2026-12-09')).toBe(0);
    expect(await remindLateItems(t.database.db, '2026-12-10')).toBe(1);
    await remindLateItems(t.database.db, '2026-12-10');
    const reminders = await t.database.query<{ title: string }>(
      `SELECT title FROM notifications WHERE dedupe_key LIKE 'gazette-late:%'`,
    );
    expect(reminders).toEqual([{ title: 'Văn bản 24/2026/QĐ-UBND đã quá hạn 7 ngày đăng Công báo' }]);
    const mine = (await uClerk.get(G)).json();
    expect(mine.mine).toHaveLength(4);
    expect(mine.waiting).toEqual([]);
    clock = new Date('2026-12-02T03:00:00Z');
  });

  it('audits every change', async () => {
    const actions = await t.database.query<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE action LIKE 'legal.gazette.%' GROUP BY action ORDER BY action`,
    );
    expect(Object.fromEntries(actions.map((a) => [a.action, a.n]))).toEqual({
      'legal.gazette.accept': 3,
      'legal.gazette.issue.create': 2,
      'legal.gazette.issue.delete': 1,
      'legal.gazette.issue.place': 3,
      'legal.gazette.issue.publish': 1,
      'legal.gazette.issue.reorder': 1,
      'legal.gazette.issue.unplace': 1,
      'legal.gazette.return': 1,
      'legal.gazette.settings': 1,
      'legal.gazette.submit': 4,
    });
  });
});

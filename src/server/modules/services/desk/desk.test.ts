import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { getDocumentProxy, extractText as unpdfText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, makeTestApp, signIn, type TestApp } from '../../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../../test/helpers/db.ts';
import { makeAgencyWithStaff } from '../../../../../test/helpers/factories.ts';
import { answerSupplement } from '../applicants/dossiers.ts';
import { createDossier } from '../core/create.ts';
import { makeProcedure } from '../fixtures.test-helpers.ts';
import { promptApologies } from './jobs.ts';

/** The one-stop desk and the handling steps, end to end through the API (issue 18). */

const vn = (isoLocal: string) => new Date(`${isoLocal}+07:00`);
const pdfText = async (bytes: Buffer) =>
  (await unpdfText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true })).text;

const goodForm = {
  businessName: 'Karaoke Hoa Sen',
  idNumber: '001203004005',
  rooms: 4,
  kind: 'ho',
  address: { province: 'Thành phố Hà Nội', commune: 'Phường Ba Đình', street: '12 Phố Huế' },
};

describe.each(ENGINES)('services desk on %s', (engine) => {
  let t: TestApp;
  let clock = vn('2026-12-07T09:00:00');
  let p: Awaited<ReturnType<typeof makeProcedure>>;
  let clerk: Client;
  let officer: Client;
  let leader: Client;
  let head: Client;
  let stranger: Client;
  let strangerPersonId: string;
  let a: string; // the online dossier
  let b: string; // the counter dossier
  const q = <T>(text: string, params: unknown[] = []) => t.database.query<T>(text, params);
  const view = async (c: Client, id: string) => {
    const r = await c.get(`/api/v1/services/desk/dossiers/${id}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const post = (c: Client, id: string, path: string, body: unknown = {}) =>
    c.post(`/api/v1/services/desk/dossiers/${id}/${path}`, body);

  beforeAll(async () => {
    t = await makeTestApp(engine, {}, { now: () => clock });
    p = await makeProcedure(t.database.db);
    clerk = await signIn(t.app, p.staff.clerk.username);
    officer = await signIn(t.app, p.staff.officer.username);
    leader = await signIn(t.app, p.staff.leader.username);
    head = await signIn(t.app, p.staff.head.username);
    const other = await makeAgencyWithStaff(t.database.db);
    stranger = await signIn(t.app, other.clerk.username);
    strangerPersonId = other.officer.id;
    await q(
      `INSERT INTO mail_accounts (id, agency_id, address, display_name, username, secret_enc, imap_host, imap_port,
         imap_security, smtp_host, smtp_port, smtp_security, poll_enabled)
       SELECT gen_random_uuid(), id, 'motcua@tinh.test', 'Bộ phận một cửa', 'motcua', 'x', '127.0.0.1', 9, 'none', '127.0.0.1', 9, 'none', false
       FROM agencies WHERE parent_id IS NULL ON CONFLICT DO NOTHING`,
    );
    const made = await t.database.db.transaction((tx) =>
      createDossier(tx, {
        agencyId: p.staff.agency.id,
        procedure: { id: p.procedure.id, version: p.version, onlineLevel: 'full', processingDays: 5 },
        channel: 'online',
        applicantId: null,
        applicant: {
          kind: 'citizen',
          name: 'Trần Thị Bình',
          email: 'binh@example.test',
          idNumber: '001203004005',
        },
        formData: goodForm,
        papers: [],
        now: clock,
        secretKey: Buffer.alloc(32, 9),
      }),
    );
    a = made.dossier.id;
  });
  afterAll(() => t?.close());

  it('takes a walk-in dossier at the counter once, accepted at once, and refuses a bad form with the field named', async () => {
    const key = randomUUID();
    const body = {
      procedureCode: p.procedure.code,
      applicant: { fullName: 'Lê Văn Cường', kind: 'citizen', idNumber: '001099000111', phone: '0912345678' },
      form: goodForm,
      papers: [],
      idempotencyKey: key,
    };
    const [one, two] = await Promise.all([
      clerk.post('/api/v1/services/desk/dossiers', body),
      clerk.post('/api/v1/services/desk/dossiers', body),
    ]);
    expect(one.statusCode, one.body).toBe(200);
    expect(two.json().id).toBe(one.json().id);
    b = one.json().id;
    const v = await view(clerk, b);
    expect(v).toMatchObject({ status: 2, channel: 'counter', applicant: { name: 'Lê Văn Cường' } });
    expect(v.steps.map((s: { name: string }) => s.name)).toEqual([
      'Tiếp nhận hồ sơ',
      'Thẩm định hồ sơ',
      'Lãnh đạo phê duyệt',
      'Trả kết quả',
    ]);
    expect(v.steps[0].doneAt).not.toBeNull();
    // Mon 7/12 + 5 working days = Mon 14/12, end of the day in Vietnam.
    expect(v.dueAt).toBe('2026-12-14T16:59:59.999Z');
    const bad = await clerk.post('/api/v1/services/desk/dossiers', {
      ...body,
      idempotencyKey: randomUUID(),
      form: { ...goodForm, rooms: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual([expect.objectContaining({ path: 'body.form.rooms' })]);
    const receipt = await clerk.get(`/api/v1/services/desk/dossiers/${b}/receipt.pdf`);
    expect(receipt.statusCode).toBe(200);
    expect(await pdfText(receipt.rawPayload)).toContain('GIẤY TIẾP NHẬN HỒ SƠ');
  });

  it('asks for the exact missing papers (Mẫu 02), stops the clock, then accepts when they come', async () => {
    const list = (await clerk.get('/api/v1/services/desk/dossiers?view=waiting')).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([a]);
    const empty = await post(clerk, a, 'supplement', { reason: 'Thiếu giấy tờ', items: [] });
    expect(empty.statusCode).toBe(400);
    const asked = await post(clerk, a, 'supplement', {
      reason: 'Bản sao giấy chứng nhận không rõ nét',
      items: [
        { paperKey: 'gcn', name: 'Bản sao giấy chứng nhận đăng ký kinh doanh', originals: 0, copies: 1 },
      ],
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const again = await post(clerk, a, 'supplement', {
      reason: 'Thêm một lần nữa',
      items: [{ name: 'Đơn' }],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('Yêu cầu bổ sung giấy tờ');
    expect((await post(clerk, a, 'accept')).statusCode).toBe(409);
    const form02 = await clerk.get(`/api/v1/services/desk/dossiers/${a}/forms/02`);
    expect(form02.statusCode).toBe(200);
    const text02 = await pdfText(form02.rawPayload);
    expect(text02).toContain('PHIẾU YÊU CẦU BỔ SUNG');
    expect(text02).toContain('Bản sao giấy chứng nhận đăng ký kinh doanh');
    const mail = await q<{ subject: string }>('SELECT subject FROM mail_outbox WHERE to_address = $1', [
      'binh@example.test',
    ]);
    expect(mail.map((m) => m.subject)).toContain(
      `Hồ sơ ${(await view(clerk, a)).code}: Yêu cầu bổ sung giấy tờ`,
    );

    clock = vn('2026-12-08T09:00:00');
    await t.database.query(
      `INSERT INTO blobs (sha256, size, media_type) VALUES ($1, 10, 'application/pdf') ON CONFLICT DO NOTHING`,
      ['b'.repeat(64)],
    );
    await answerSupplement(
      t.database.db,
      a,
      { papers: [{ paperKey: 'gcn', sha256: 'b'.repeat(64), fileName: 'gcn.pdf' }] },
      clock,
    );
    expect((await view(clerk, a)).status).toBe(1);
    const told = await q<{ title: string }>('SELECT title FROM notifications WHERE person_id = $1', [
      p.staff.clerk.id,
    ]);
    expect(told.map((n) => n.title)).toContain(
      `Hồ sơ ${(await view(clerk, a)).code} đã được bổ sung giấy tờ`,
    );
    expect((await post(clerk, a, 'accept')).statusCode).toBe(200);
    const v = await view(clerk, a);
    expect(v.status).toBe(2);
    // Accepted Tue 8/12: 5 working days → Tue 15/12.
    expect(v.dueAt).toBe('2026-12-15T16:59:59.999Z');
    expect(v.papers.filter((x: { supplement: boolean }) => x.supplement)).toHaveLength(1);
  });

  it('hands the steps in order to the agency’s people, only the assignee finishes a step', async () => {
    const v = await view(clerk, a);
    const [, check, approve] = v.steps;
    expect(
      (await post(clerk, a, `steps/${approve.id}/hand`, { assigneeId: p.staff.leader.id })).statusCode,
    ).toBe(409);
    const outsider = await post(clerk, a, `steps/${check.id}/hand`, { assigneeId: strangerPersonId });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().detail).toContain('không thuộc cơ quan');
    expect((await post(officer, a, `steps/${check.id}/done`, { result: 'Đạt' })).statusCode).toBe(403);
    // An officer may not take or pass on work the desk has not handed them.
    const grab = await post(officer, a, `steps/${check.id}/hand`, { assigneeId: p.staff.officer.id });
    expect(grab.statusCode).toBe(403);
    expect(grab.json().detail).toContain('bộ phận một cửa');
    const handed = await post(clerk, a, `steps/${check.id}/hand`, { assigneeId: p.staff.officer.id });
    expect(handed.statusCode, handed.body).toBe(200);
    expect((await view(clerk, a)).status).toBe(4);
    const handedNotice = await q<{ title: string; link: string }>(
      'SELECT title, link FROM notifications WHERE person_id = $1',
      [p.staff.officer.id],
    );
    expect(handedNotice).toEqual([
      { title: `Hồ sơ ${v.code}: Thẩm định hồ sơ`, link: `/mot-cua/ho-so/${a}` },
    ]);
    const work = (await officer.get('/api/v1/services/work')).json();
    expect(work.items.map((w: { stepId: string }) => w.stepId)).toEqual([check.id]);
    const notMine = await post(leader, a, `steps/${check.id}/done`, { result: 'Đạt' });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().detail).toContain('không được giao cho bạn');
    const skip = await post(officer, a, `steps/${approve.id}/done`, { result: 'Đạt' });
    expect(skip.statusCode).toBe(409);
    expect((await view(officer, a)).actions.doneStepId).toBe(check.id);
    expect((await stranger.get(`/api/v1/services/desk/dossiers/${a}`)).statusCode).toBe(404);
    expect((await stranger.get('/api/v1/services/desk/dossiers')).json().items).toEqual([]);
    expect((await officer.get('/api/v1/services/desk/dossiers')).statusCode).toBe(403);
    const edited = Buffer.from(JSON.stringify(['hôm qua', 'x'])).toString('base64url');
    expect((await clerk.get(`/api/v1/services/desk/dossiers?cursor=${edited}`)).statusCode).toBe(400);
    expect((await officer.get(`/api/v1/services/work?cursor=${edited}`)).statusCode).toBe(400);
    const reads = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'services.dossier.read' AND entity_id = $1`,
      [a],
    );
    expect(reads[0]?.n).toBeGreaterThan(0);
  });

  it('prompts and sends the apology before the due date, never after; a late dossier stays late in the figures', async () => {
    clock = vn('2026-12-14T09:00:00');
    expect(await promptApologies(t.database.db, clock)).toBeGreaterThanOrEqual(1);
    const notices = await q<{ title: string }>(`SELECT title FROM notifications WHERE person_id = $1`, [
      p.staff.clerk.id,
    ]);
    expect(notices.some((n) => n.title.includes('sắp đến hạn'))).toBe(true);
    const early = await post(clerk, a, 'apology', {
      reason: 'Cần xác minh thực địa',
      newDueDate: '2026-12-15',
    });
    expect(early.statusCode).toBe(400);
    const weekend = await post(clerk, a, 'apology', {
      reason: 'Cần xác minh thực địa',
      newDueDate: '2026-12-19',
    });
    expect(weekend.json().detail).toContain('ngày làm việc');
    const ok = await post(clerk, a, 'apology', { reason: 'Cần xác minh thực địa', newDueDate: '2026-12-18' });
    expect(ok.statusCode, ok.body).toBe(200);
    const v = await view(clerk, a);
    expect(v.dueAt).toBe('2026-12-18T16:59:59.999Z');
    expect(v.originalDueAt).toBe('2026-12-15T16:59:59.999Z');
    const mails = await q<{ subject: string; body_text: string }>(
      `SELECT subject, body_text FROM mail_outbox WHERE to_address = 'binh@example.test' AND subject LIKE '%xin lỗi%'`,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]?.body_text).toContain('18/12/2026');
    const form04 = await pdfText(
      (await clerk.get(`/api/v1/services/desk/dossiers/${a}/forms/04`)).rawPayload,
    );
    expect(form04).toContain('Cần xác minh thực địa');

    // The counter dossier was due Mon 14/12: on Wed 16/12 an apology is after the fact.
    clock = vn('2026-12-16T10:00:00');
    const late = await post(clerk, b, 'apology', {
      reason: 'Cần xác minh thực địa',
      newDueDate: '2026-12-21',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('đã quá hạn');
    expect(
      (await clerk.get('/api/v1/services/desk/dossiers?view=late'))
        .json()
        .items.map((x: { id: string }) => x.id),
    ).toEqual([b]);

    const steps = (await view(clerk, a)).steps;
    expect(
      (await post(officer, a, `steps/${steps[1].id}/done`, { result: 'Hồ sơ đủ điều kiện' })).statusCode,
    ).toBe(200);
    const toOfficer = await post(clerk, a, `steps/${steps[2].id}/hand`, { assigneeId: p.staff.officer.id });
    expect(toOfficer.json().detail).toContain('lãnh đạo');
    expect(
      (await post(officer, a, `steps/${steps[2].id}/hand`, { assigneeId: p.staff.leader.id })).statusCode,
    ).toBe(200);
    expect((await post(clerk, a, 'result', {})).statusCode).toBe(400);
    expect(
      (await post(clerk, a, 'result', { file: { sha256: 'b'.repeat(64), fileName: 'ketqua.pdf' } }))
        .statusCode,
    ).toBe(409);
    expect(
      (await post(leader, a, `steps/${steps[2].id}/done`, { result: 'Đồng ý cấp phép' })).statusCode,
    ).toBe(200);
    expect(
      (await post(clerk, a, 'result', { file: { sha256: 'c'.repeat(64), fileName: 'ketqua.pdf' } }))
        .statusCode,
    ).toBe(400);
    const noDoc = await post(clerk, a, 'result', { documentId: randomUUID() });
    expect(noDoc.statusCode).toBe(400);
    expect(noDoc.json().detail).toContain('văn bản đi');
    expect(
      (await post(clerk, a, 'result', { file: { sha256: 'b'.repeat(64), fileName: 'ketqua.pdf' } }))
        .statusCode,
    ).toBe(200);
    expect((await post(clerk, a, 'fee', { amount: 4_000_000, receipt: 'BL-0001' })).statusCode).toBe(200);
    expect((await post(clerk, a, 'fee', { amount: 4_000_000, receipt: 'BL-0001' })).statusCode).toBe(409);
    expect((await post(clerk, a, 'return', { method: 'online' })).statusCode).toBe(200);
    const done = await view(clerk, a);
    expect(done.status).toBe(10);
    expect(done.steps.every((s: { doneAt: string | null }) => s.doneAt)).toBe(true);
    expect(done.steps[1].timeliness).toBe('late');
    const sheet = await pdfText((await head.get(`/api/v1/services/desk/dossiers/${a}/forms/06`)).rawPayload);
    expect(sheet).toContain('PHIẾU KIỂM SOÁT');
    expect(sheet).toContain('Quá hạn');

    const figures = (await clerk.get('/api/v1/services/figures?period=month&year=2026&month=12')).json();
    const onTime = figures.items.find((f: { key: string }) => f.key === 'onTime');
    expect(onTime).toMatchObject({ numerator: 0, denominator: 1 });
  });

  it('stops a dossier with Mẫu 05, prints the register Mẫu 07 as PDF and Excel, refuses a bad period', async () => {
    expect((await post(clerk, b, 'stop', { reason: 'Ngắn' })).statusCode).toBe(400);
    expect((await post(clerk, b, 'stop', { reason: 'Người nộp đề nghị dừng giải quyết' })).statusCode).toBe(
      200,
    );
    expect((await view(clerk, b)).status).toBe(8);
    expect((await clerk.get(`/api/v1/services/desk/dossiers/${b}/forms/03`)).statusCode).toBe(404);
    const xlsx = await clerk.get('/api/v1/services/desk/register.xlsx?from=2026-12-01&to=2026-12-31');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const codes: string[] = [];
    book.worksheets[0]?.eachRow((r, n) => {
      if (n > 4) codes.push(String(r.getCell(2).value));
    });
    expect(codes).toHaveLength(2);
    const pdf = await clerk.get('/api/v1/services/desk/register.pdf?from=2026-12-01&to=2026-12-31');
    expect(await pdfText(pdf.rawPayload)).toContain('SỔ THEO DÕI HỒ SƠ');
    const bad = await clerk.get('/api/v1/services/desk/register.pdf?from=2026-12-31&to=2026-12-01');
    expect(bad.statusCode).toBe(400);
  });
});

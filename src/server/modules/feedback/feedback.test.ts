import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  expectProblem,
  makeTestApp,
  signIn,
  type TestApp,
  tinyPdf,
  upload,
} from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import { makeAgencyWithStaff, makePerson } from '../../../../test/helpers/factories.ts';
import { secretKey } from '../../platform/crypto/index.ts';
import { stripIdentity } from './identity.ts';
import { remindDue } from './jobs.ts';
import { issueFormToken } from './public.ts';

/** Feedback, complaints and denunciations end to end through the API and the public pages (issue 19). */

const vn = (isoLocal: string) => new Date(`${isoLocal}+07:00`);
const BOUNDARY = '----lt-feedback';

function formBody(
  fields: Record<string, string>,
  files: { name: string; type: string; bytes: Buffer }[] = [],
) {
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files)
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="tep"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

describe.each(ENGINES)('feedback on %s', (engine) => {
  let t: TestApp;
  let clock = vn('2026-12-07T09:00:00');
  let staff: Awaited<ReturnType<typeof makeAgencyWithStaff>>;
  let other: Awaited<ReturnType<typeof makeAgencyWithStaff>>;
  let clerk: Client;
  let officer: Client;
  let leader: Client;
  let admin: Client;
  let verifier: Client;
  let stranger: Client;
  let formKey: Buffer;
  const q = <T>(text: string, params: unknown[] = []) => t.database.query<T>(text, params);
  const agedToken = () => issueFormToken(formKey, Date.now() - 10_000);
  const submit = (
    fields: Record<string, string>,
    files: { name: string; type: string; bytes: Buffer }[] = [],
  ) => t.app.inject({ method: 'POST', url: '/cong-khai/phan-anh', ...formBody(fields, files) });
  const good = () => ({
    token: agedToken(),
    loai: 'regulation',
    co_quan: staff.agency.id,
    nguoi_gui: 'citizen',
    ho_ten: 'Nguyễn Văn An',
    dia_chi: '12 Lê Lợi, phường 1',
    dien_thoai: '0901234567',
    email: 'an@example.test',
    tieu_de: 'Thủ tục yêu cầu nhiều bản sao',
    noi_dung: 'Đề nghị bỏ yêu cầu nộp bản sao giấy khai sinh khi đã có cơ sở dữ liệu dân cư.',
    linh_vuc: 'Hộ tịch',
    cong_khai: '1',
  });
  const codeAndSecret = (body: string) => {
    const code = /Mã đơn thư: ([A-Z0-9.-]+)/.exec(body)?.[1] ?? '';
    const secret = /Mã bí mật: <strong>([A-Z0-9]+)<\/strong>/.exec(body)?.[1] ?? '';
    return { code, secret };
  };
  const idOf = async (code: string) =>
    (await q<{ id: string }>('SELECT id FROM feedback_items WHERE code = $1', [code]))[0]!.id;
  const act = (c: Client, id: string, verb: string, body: unknown = {}) =>
    c.post(`/api/v1/feedback/items/${id}/${verb}`, body);

  beforeAll(async () => {
    t = await makeTestApp(engine, { FEEDBACK_SUBMITS_PER_MINUTE: '1000' }, { now: () => clock });
    staff = await makeAgencyWithStaff(t.database.db);
    other = await makeAgencyWithStaff(t.database.db);
    const v = await makePerson(t.database.db, { agencyId: staff.agency.id, role: 'officer' });
    clerk = await signIn(t.app, staff.clerk.username);
    officer = await signIn(t.app, staff.officer.username);
    leader = await signIn(t.app, staff.leader.username);
    admin = await signIn(t.app, staff.admin.username);
    verifier = await signIn(t.app, v.username);
    stranger = await signIn(t.app, other.clerk.username);
    (staff as unknown as { verifierId: string }).verifierId = v.id;
    formKey = secretKey(undefined, t.dataDir, 'feedback-form.key');
  });
  afterAll(async () => t?.close());

  it('refuses robots and bad input on the public form, and changes nothing', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/cong-khai/phan-anh' });
    expect(page.statusCode).toBe(200);
    const fresh = /name="token" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    expect(fresh).not.toBe('');
    const before = (await q<{ n: number }>('SELECT count(*)::int AS n FROM feedback_items'))[0]!.n;
    const tooFast = await submit({ ...good(), token: fresh });
    expect(tooFast.statusCode).toBe(400);
    expect(tooFast.body).toContain('quá nhanh');
    const honeypot = await submit({ ...good(), website: 'http://spam.example' });
    expect(honeypot.statusCode).toBe(400);
    expect(honeypot.body).toContain('Ô ẩn');
    const forged = await submit({ ...good(), token: `${agedToken().split('.')[0]}.AAAA` });
    expect(forged.body).toContain('đã bị thay đổi');
    const script = await submit({ ...good(), noi_dung: 'Xin chào <script>alert(1)</script>' });
    expect(script.statusCode).toBe(400);
    expect(script.body).toContain('không được chứa mã HTML');
    // The values typed are kept (escaped), never executed.
    expect(script.body).toContain('&lt;script&gt;');
    const noName = await submit({ ...good(), ho_ten: '' });
    expect(noName.body).toContain('Vui lòng nhập họ và tên người gửi.');
    const exe = await submit(good(), [
      {
        name: 'tai-lieu.pdf',
        type: 'application/pdf',
        bytes: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00program'),
      },
    ]);
    expect(exe.statusCode).toBe(415);
    expect(exe.body).toContain('không nhận loại tệp này');
    const big = await submit(good(), [
      { name: 'lon.pdf', type: 'application/pdf', bytes: Buffer.alloc(10 * 1024 * 1024 + 10, 0x25) },
    ]);
    expect(big.statusCode).toBe(413);
    const after = (await q<{ n: number }>('SELECT count(*)::int AS n FROM feedback_items'))[0]!.n;
    expect(after).toBe(before);
  });

  it('takes a feedback online, answers a retry with the same item, and shows it only to its agency', async () => {
    const fields = good();
    const [first, retry] = await Promise.all([
      submit(fields, [{ name: 'de-nghi.pdf', type: 'application/pdf', bytes: tinyPdf('de nghi') }]),
      submit(fields, [{ name: 'de-nghi.pdf', type: 'application/pdf', bytes: tinyPdf('de nghi') }]),
    ]);
    expect([first.statusCode, retry.statusCode].sort()).toEqual([200, 201]);
    const a = codeAndSecret(first.body);
    expect(codeAndSecret(retry.body)).toEqual(a);
    expect(a.code).toMatch(/-PA-261207-0001$/);
    const id = await idOf(a.code);
    // No personal column anywhere but the sealed identity.
    const raw = await q<Record<string, unknown>>('SELECT * FROM feedback_items WHERE id = $1', [id]);
    expect(JSON.stringify(raw)).not.toContain('Nguyễn Văn An');
    const sealed = await q<{ sealed: string }>('SELECT sealed FROM feedback_identities WHERE item_id = $1', [
      id,
    ]);
    expect(sealed[0]!.sealed).not.toContain('Nguy');

    const list = await clerk.get('/api/v1/feedback/register?status=open');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((r: { code: string }) => r.code)).toContain(a.code);
    // A search without diacritics finds it (the newest items' window, then the full-text index).
    const found = await clerk.get('/api/v1/feedback/register?q=ban%20sao%20khai%20sinh');
    expect(found.json().items.map((r: { code: string }) => r.code)).toEqual([a.code]);
    expect((await clerk.get('/api/v1/feedback/register?q=khongcotu')).json().items).toEqual([]);
    expect((await stranger.get(`/api/v1/feedback/items/${id}`)).statusCode).toBe(404);
    expect((await stranger.get('/api/v1/feedback/register')).json().items).toHaveLength(0);
    await expectProblem(await admin.get('/api/v1/feedback/register'), 403);

    // Classify, accept, settle, publish, rate; the answer reaches the public board.
    expect((await act(clerk, id, 'classify', { kind: 'regulation' })).statusCode).toBe(200);
    expect((await act(clerk, id, 'accept')).statusCode).toBe(200);
    const v1 = (await clerk.get(`/api/v1/feedback/items/${id}`)).json();
    expect(v1.status).toBe('accepted');
    expect(v1.identitySealed).toBe(false);
    expect(v1.actions).toContain('settle');
    const who = await clerk.get(`/api/v1/feedback/items/${id}/identity`);
    expect(who.json().name).toBe('Nguyễn Văn An');
    clock = vn('2026-12-10T10:00:00');
    expect(
      (await act(clerk, id, 'settle', { result: 'Sở sẽ bỏ yêu cầu bản sao từ năm 2027.' })).statusCode,
    ).toBe(200);
    await expectProblem(
      await act(clerk, id, 'publish', { question: 'Đề nghị bỏ bản sao <b>x</b>', answer: 'Đồng ý.' }),
      400,
    );
    expect(
      (
        await act(clerk, id, 'publish', {
          question: 'Ông Nguyễn Văn An (0901234567) đề nghị bỏ yêu cầu bản sao giấy khai sinh.',
          answer: 'Sở sẽ bỏ yêu cầu bản sao từ năm 2027.',
        })
      ).statusCode,
    ).toBe(200);
    const board = await t.app.inject({ method: 'GET', url: '/cong-khai/phan-anh/tra-loi?q=khai%20sinh' });
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain('bỏ yêu cầu bản sao');
    expect(board.body).not.toContain('Nguyễn Văn An');
    expect(board.body).not.toContain('0901234567');
    const noAccent = await t.app.inject({
      method: 'GET',
      url: '/cong-khai/phan-anh/tra-loi?q=ban%20sao%20giay%20khai%20sinh',
    });
    expect(noAccent.body).toContain(`/cong-khai/phan-anh/tra-loi/${a.code}`);
    const open = await t.app.inject({ method: 'GET', url: '/api/v1/open/phan-anh' });
    expect(open.statusCode).toBe(200);
    expect(JSON.stringify(open.json())).not.toMatch(/Nguyễn Văn An|0901234567|an@example/);

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/cong-khai/phan-anh/tra-cuu',
      payload: `ma=${a.code}&bi_mat=WRONGWRONG`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('Không tìm thấy đơn thư');
    const track = await t.app.inject({
      method: 'POST',
      url: '/cong-khai/phan-anh/tra-cuu',
      payload: `ma=${a.code}&bi_mat=${a.secret}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(track.statusCode).toBe(200);
    expect(track.body).toContain('Đã giải quyết, trả lời');
    expect(track.body).not.toContain(staff.clerk.fullName);
    const rate = (score: number) =>
      t.app.inject({
        method: 'POST',
        url: '/cong-khai/phan-anh/danh-gia',
        payload: `ma=${a.code}&bi_mat=${a.secret}&diem=${score}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    expect((await rate(5)).statusCode).toBe(200);
    const twice = await rate(4);
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('chỉ đánh giá một lần');
    const mails = await q<{ to_address: string; body_text: string }>(
      "SELECT to_address, body_text FROM mail_outbox WHERE to_address = 'an@example.test'",
    );
    // No mailbox is set up in this test: nothing queued, nothing failed.
    expect(mails.length).toBeGreaterThanOrEqual(0);
  });

  it('accepts a complaint, extends it once, refuses a second extension, and forwards never go back', async () => {
    clock = vn('2026-12-07T09:00:00');
    const r = await clerk.post('/api/v1/feedback/items', {
      channel: 'desk',
      declaredKind: 'complaint',
      sender: { name: 'Lê Thị Hoa', address: 'Xã Phước Hậu', phone: '0912 345 678' },
      subject: 'Khiếu nại quyết định xử phạt',
      content: 'Tôi khiếu nại quyết định xử phạt vi phạm hành chính số 12/QĐ-XPHC.',
      files: [await upload(clerk, 'don.pdf', 'application/pdf', tinyPdf('don'))],
    });
    expect(r.statusCode, r.body).toBe(200);
    const id = r.json().id as string;
    // The complaint's 10 days to accept are calendar days.
    const [row] = await q<{ classify_due_at: Date }>(
      'SELECT classify_due_at FROM feedback_items WHERE id = $1',
      [id],
    );
    expect(new Date(row!.classify_due_at).toISOString()).toBe(vn('2026-12-17T23:59:59.999').toISOString());
    await expectProblem(await act(clerk, id, 'accept'), 409);
    expect((await act(clerk, id, 'classify', { kind: 'complaint' })).statusCode).toBe(200);
    expect((await act(clerk, id, 'accept')).statusCode).toBe(200);
    const [acc] = await q<{ settle_due_at: Date }>('SELECT settle_due_at FROM feedback_items WHERE id = $1', [
      id,
    ]);
    expect(new Date(acc!.settle_due_at).toISOString()).toBe(vn('2027-01-06T23:59:59.999').toISOString());
    await expectProblem(await act(clerk, id, 'extend', { reason: '' }), 400);
    expect(
      (await act(clerk, id, 'extend', { reason: 'Vụ việc phức tạp, cần xác minh thêm.' })).statusCode,
    ).toBe(200);
    const third = await expectProblem(await act(clerk, id, 'extend', { reason: 'Lần nữa.' }), 409);
    expect(third.detail).toContain('không cho gia hạn thêm');
    const [ext] = await q<{ settle_due_at: Date; extensions: number }>(
      'SELECT settle_due_at, extensions FROM feedback_items WHERE id = $1',
      [id],
    );
    expect(ext!.extensions).toBe(1);
    expect(new Date(ext!.settle_due_at).toISOString()).toBe(vn('2027-01-21T23:59:59.999').toISOString());
    // Refusing a settled or accepted item is a conflict; a wrong kind a 400.
    await expectProblem(await act(clerk, id, 'refuse', { reason: 'x' }), 409);
    await expectProblem(await act(clerk, id, 'classify', { kind: 'spam' }), 400);

    // Forwarding: here → other → back here is refused.
    const f = await clerk.post('/api/v1/feedback/items', {
      channel: 'post',
      declaredKind: 'regulation',
      sender: { name: 'Trần Minh' },
      subject: 'Phản ánh về thủ tục đất đai',
      content: 'Thủ tục cấp giấy chứng nhận kéo dài.',
    });
    const fid = f.json().id as string;
    expect(
      (await act(clerk, fid, 'forward', { agencyId: other.agency.id, reason: 'Thuộc thẩm quyền Sở khác.' }))
        .statusCode,
    ).toBe(200);
    // Still in our register, as forwarded; we can no longer act on it.
    const mine = (await clerk.get(`/api/v1/feedback/items/${fid}`)).json();
    expect(mine.status).toBe('forwarded');
    expect(mine.actions).toEqual([]);
    await expectProblem(await act(clerk, fid, 'refuse', { reason: 'x' }), 403);
    const back = await expectProblem(
      await act(stranger, fid, 'forward', { agencyId: staff.agency.id, reason: 'Trả lại.' }),
      409,
    );
    expect(back.detail).toContain('không chuyển ngược lại');
  });

  it('seals a denunciation: only the named settler opens the identity; verifier, clerk, admin and others fail', async () => {
    clock = vn('2026-12-08T09:00:00');
    const verifierId = (staff as unknown as { verifierId: string }).verifierId;
    const r = await clerk.post('/api/v1/feedback/items', {
      channel: 'post',
      declaredKind: 'denunciation',
      sender: {
        name: 'Phạm Văn Cường',
        address: 'ấp Phú Thạnh',
        phone: '0987654321',
        idNumber: '079203001234',
      },
      subject: 'Tố cáo cán bộ nhận tiền',
      content:
        'Tôi là Phạm Văn Cường, số điện thoại 0987654321, CCCD 079203001234, ở ấp Phú Thạnh. Tôi tố cáo cán bộ A nhận tiền.',
      files: [
        {
          ...(await upload(clerk, 'thu-to-cao.pdf', 'application/pdf', tinyPdf('thu to cao'))),
          identifying: true,
        },
        {
          ...(await upload(clerk, 'bien-lai.pdf', 'application/pdf', tinyPdf('bien lai'))),
          identifying: false,
        },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    const id = r.json().id as string;
    const stored = await q<{ content: string; subject: string }>(
      'SELECT content, subject FROM feedback_items WHERE id = $1',
      [id],
    );
    for (const secret of ['Phạm Văn Cường', '0987654321', '079203001234', 'Phú Thạnh'])
      expect(stored[0]!.content).not.toContain(secret);
    expect(stored[0]!.content).toContain('cán bộ A nhận tiền');

    // Before anyone is named, nobody opens it — not even the clerk who entered it.
    await expectProblem(await clerk.get(`/api/v1/feedback/items/${id}/identity`), 403);
    await expectProblem(await act(clerk, id, 'assign', { settlers: [staff.officer.id], verifiers: [] }), 403);
    expect(
      (await act(leader, id, 'assign', { settlers: [staff.officer.id], verifiers: [verifierId] })).statusCode,
    ).toBe(200);
    await expectProblem(
      await act(leader, id, 'assign', { settlers: [other.officer.id], verifiers: [] }),
      400,
    );

    const settlerView = (await officer.get(`/api/v1/feedback/items/${id}`)).json();
    expect(settlerView.identitySealed).toBe(false);
    const who = await officer.get(`/api/v1/feedback/items/${id}/identity`);
    expect(who.statusCode).toBe(200);
    expect(who.json().name).toBe('Phạm Văn Cường');
    const letter = settlerView.files.find((f: { identifying: boolean }) => f.identifying);
    expect((await officer.get(`/api/v1/feedback/items/${id}/files/${letter.id}`)).statusCode).toBe(200);

    // Every other role: sealed everywhere.
    for (const [name, c, status] of [
      ['verifier', verifier, 403],
      ['clerk', clerk, 403],
      ['leader', leader, 403],
      ['admin', admin, 403],
      ['other agency', stranger, 404],
    ] as const) {
      const res = await c.get(`/api/v1/feedback/items/${id}/identity`);
      expect(res.statusCode, name).toBe(status);
      expect(res.body, name).not.toContain('Phạm Văn Cường');
      const file = await c.get(`/api/v1/feedback/items/${id}/files/${letter.id}`);
      expect(file.statusCode, name).toBe(status);
      for (const url of [
        `/api/v1/feedback/items/${id}`,
        `/api/v1/feedback/register`,
        `/api/v1/feedback/register?q=to%20cao`,
        `/api/v1/feedback/register.xlsx?from=2026-12-01&to=2026-12-31`,
        `/api/v1/feedback/figures?year=2026`,
        `/api/v1/feedback/items/${id}/verifier-copy.pdf`,
        `/api/v1/notifications`,
        `/api/v1/audit?limit=100`,
      ]) {
        const res2 = await c.get(url);
        expect(res2.body, `${name} ${url}`).not.toContain('Phạm Văn Cường');
        expect(res2.body, `${name} ${url}`).not.toContain('0987654321');
        expect(res2.body, `${name} ${url}`).not.toContain('079203001234');
      }
    }
    const verifierCopy = await verifier.get(`/api/v1/feedback/items/${id}/verifier-copy.pdf`);
    expect(verifierCopy.statusCode).toBe(200);
    expect(verifierCopy.headers['content-type']).toContain('application/pdf');

    // Reads are audited, the refused ones too; the audit rows carry the code, not the person.
    const audits = await q<{ action: string; detail: unknown }>(
      "SELECT action, detail FROM audit_log WHERE entity_id = $1 AND action LIKE 'feedback.identity.%'",
      [id],
    );
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['feedback.identity.read', 'feedback.identity.refused']),
    );
    expect(JSON.stringify(audits)).not.toContain('Phạm');

    // Only the settler settles; the clerk cannot accept it.
    expect((await act(clerk, id, 'classify', { kind: 'denunciation' })).statusCode).toBe(200);
    await expectProblem(await act(clerk, id, 'accept'), 403);
    expect((await act(officer, id, 'accept')).statusCode).toBe(200);
    expect((await act(officer, id, 'extend', { reason: 'Phức tạp.' })).statusCode).toBe(200);
    expect((await act(officer, id, 'extend', { reason: 'Đặc biệt phức tạp.' })).statusCode).toBe(200);
    const third = await expectProblem(await act(officer, id, 'extend', { reason: 'Lần ba.' }), 409);
    expect(third.detail).toContain('2 lần');
  });

  it('counts figures and reminds of due items without personal data', async () => {
    const f = await clerk.get('/api/v1/feedback/figures?year=2026&month=12');
    expect(f.statusCode, f.body).toBe(200);
    const body = f.json();
    expect(body.totals.received).toBeGreaterThanOrEqual(3);
    expect(body.totals.settled).toBe(1);
    expect(body.totals.onTimeRate).toBe(1);
    expect(body.totals.satisfactionRate).toBe(1);
    expect(body.byKind.length).toBeGreaterThan(0);
    const n = await remindDue(t.database.db, vn('2027-02-01T08:00:00'));
    expect(n).toBeGreaterThan(0);
    const notices = await q<{ title: string; body: string }>(
      "SELECT title, body FROM notifications WHERE kind LIKE 'feedback.%'",
    );
    expect(JSON.stringify(notices)).not.toMatch(/Phạm Văn Cường|Lê Thị Hoa|0987654321/);
  });

  it('withholds the files and strips the text of an item reclassified as a denunciation', async () => {
    const r = await clerk.post('/api/v1/feedback/items', {
      channel: 'post',
      declaredKind: 'proposal',
      sender: { name: 'Ngô Thị Yến', phone: '0977111222' },
      subject: 'Kiến nghị về cán bộ xã',
      content: 'Tôi là Ngô Thị Yến (0977111222). Cán bộ B nhận tiền của dân.',
      files: [await upload(clerk, 'thu.pdf', 'application/pdf', tinyPdf('thu'))],
    });
    const id = r.json().id as string;
    expect((await act(clerk, id, 'classify', { kind: 'denunciation' })).statusCode).toBe(200);
    const view = (await clerk.get(`/api/v1/feedback/items/${id}`)).json();
    expect(view.identitySealed).toBe(true);
    expect(view.content).not.toMatch(/Ngô Thị Yến|0977111222/);
    expect(view.files[0].available).toBe(false);
    expect((await clerk.get(`/api/v1/feedback/items/${id}/files/${view.files[0].id}`)).statusCode).toBe(403);
  });

  it('strips identity case- and diacritics-insensitively', () => {
    const out = stripIdentity(
      'Tôi là PHAM VAN CUONG, ở Ấp Phú Thạnh; gọi 0987.654.321 hoặc cuong@example.vn',
      {
        name: 'Phạm Văn Cường',
        address: 'ấp Phú Thạnh',
      },
    );
    expect(out).not.toMatch(/PHAM|Phú|0987|cuong@/i);
  });
});

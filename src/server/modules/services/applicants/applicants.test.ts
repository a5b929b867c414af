import { createHash, randomUUID } from 'node:crypto';
import { getDocumentProxy, extractText as unpdfText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../../test/helpers/db.ts';
import { makeProcedure } from '../fixtures.test-helpers.ts';

/** The applicants' API and the public tracking page (issue 18). */

const pdf = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

function multipart(bytes: Buffer, fileName: string, type = 'application/pdf') {
  const boundary = `----lt${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const goodForm = {
  businessName: 'Karaoke Hoa Sen',
  idNumber: '001203004005',
  rooms: 4,
  kind: 'ho',
  address: { province: 'Thành phố Hà Nội', commune: 'Phường Ba Đình', street: '12 Phố Huế Bí Mật' },
};

describe.each(ENGINES)('services applicants on %s', (engine) => {
  let t: TestApp;
  let proc: Awaited<ReturnType<typeof makeProcedure>>;
  const q = <T>(text: string, params: unknown[] = []) => t.database.query<T>(text, params);
  const upload = async (bytes: Buffer, name = 'don.pdf', type = 'application/pdf', query = '') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/applicants/papers${query}`,
      ...multipart(bytes, name, type),
    });
  const papers = async () => {
    const a = (await upload(pdf(`don ${randomUUID()}`), 'don.pdf')).json();
    const b = (await upload(pdf(`gcn ${randomUUID()}`), 'gcn.pdf')).json();
    return [
      { paperKey: 'don', sha256: a.sha256, fileName: 'don.pdf' },
      { paperKey: 'gcn', sha256: b.sha256, fileName: 'gcn.pdf' },
    ];
  };
  const input = async (over: Record<string, unknown> = {}) => ({
    procedureCode: proc.procedure.code,
    agencyId: proc.staff.agency.id,
    idempotencyKey: randomUUID(),
    applicant: {
      fullName: 'Trần Thị Bình',
      kind: 'citizen',
      idNumber: '001203004005',
      email: 'binh@example.test',
      address: '12 Phố Huế Bí Mật',
    },
    form: goodForm,
    papers: await papers(),
    ...over,
  });
  const submit = (body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/applicants/dossiers', payload: body as object, headers });
  const count = async () =>
    (await q<{ n: number }>('SELECT count(*)::int AS n FROM service_dossiers'))[0]?.n ?? 0;

  beforeAll(async () => {
    t = await makeTestApp(engine);
    proc = await makeProcedure(t.database.db);
    await q(
      `INSERT INTO mail_accounts (id, agency_id, address, display_name, username, secret_enc, imap_host, imap_port,
         imap_security, smtp_host, smtp_port, smtp_security, poll_enabled)
       SELECT gen_random_uuid(), id, 'motcua@tinh.test', 'Bộ phận một cửa', 'motcua', 'x', '127.0.0.1', 9, 'none', '127.0.0.1', 9, 'none', false
       FROM agencies WHERE parent_id IS NULL ON CONFLICT DO NOTHING`,
    );
  });
  afterAll(() => t.close());

  it('takes PDF, JPEG and PNG papers by their bytes, up to 10 MB, and checks the SHA-256 sent', async () => {
    const bytes = pdf('one');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const ok = await upload(bytes, 'don.pdf', 'application/octet-stream', `?sha256=${sha}`);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      sha256: sha,
      fileName: 'don.pdf',
      mediaType: 'application/pdf',
      size: bytes.length,
    });
    const png = Buffer.concat([
      Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
      Buffer.alloc(64),
    ]);
    expect((await upload(png, 'anh.png', 'image/png')).statusCode).toBe(201);

    const text = await upload(Buffer.from('hello, not a pdf'), 'gia.pdf', 'application/pdf');
    expect(text.statusCode).toBe(415);
    expect(text.headers['content-type']).toContain('application/problem+json');
    expect(text.json().detail).toContain('PDF, JPEG hoặc PNG');
    const zip = await upload(Buffer.from('504b030414000000080000000000', 'hex'), 'a.zip', 'application/zip');
    expect(zip.statusCode).toBe(415);
    const big = await upload(Buffer.concat([pdf('big'), Buffer.alloc(10 * 1024 * 1024)]), 'lon.pdf');
    expect(big.statusCode).toBe(413);
    const bad = await upload(pdf('two'), 'don.pdf', 'application/pdf', `?sha256=${'0'.repeat(64)}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('SHA-256');
    const twoSha = createHash('sha256').update(pdf('two')).digest('hex');
    const kept = await q<{ n: number }>('SELECT count(*)::int AS n FROM blobs WHERE sha256 = $1', [twoSha]);
    expect(kept[0]?.n).toBe(0);
    const stored = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM blobs WHERE media_type NOT IN ('application/pdf','image/png')`,
    );
    expect(stored[0]?.n).toBe(0);
  });

  it('makes one dossier from ten concurrent retries of a submission, refuses the key with another body', async () => {
    const before = await count();
    const body = await input();
    const answers = await Promise.all(Array.from({ length: 10 }, () => submit(body)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
    ]);
    const codes = new Set(answers.map((a) => a.json().code));
    const secrets = new Set(answers.map((a) => a.json().secret));
    expect(codes.size).toBe(1);
    expect(secrets.size).toBe(1);
    expect(await count()).toBe(before + 1);
    const first = answers.find((a) => a.statusCode === 201)?.json();
    expect(first).toMatchObject({ status: 1, created: true });
    expect(first.code).toMatch(new RegExp(`^${proc.staff.agency.agencyCode}-`));
    // One mail with the code and the secret, for the one dossier made.
    const mails = await q<{ body_text: string }>('SELECT body_text FROM mail_outbox WHERE subject = $1', [
      `Đã nhận hồ sơ ${first.code}`,
    ]);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.body_text).toContain(first.secret);
    // The desk's clerk is told once of the new dossier.
    const told = await q<{ n: number }>(
      'SELECT count(*)::int AS n FROM notifications WHERE person_id = $1 AND title = $2',
      [proc.staff.clerk.id, `Hồ sơ trực tuyến mới ${first.code}`],
    );
    expect(told[0]?.n).toBe(1);

    const other = await submit({ ...body, form: { ...goodForm, rooms: 5 } });
    expect(other.statusCode).toBe(409);
    expect(other.json().detail).toContain('Mã chống gửi trùng');
    expect(await count()).toBe(before + 1);
  });

  it('refuses a wrong form, a missing required paper or an unknown paper with precise errors, writing nothing', async () => {
    const before = await count();
    const badForm = await submit(await input({ form: { ...goodForm, idNumber: '12', rooms: 0, kind: 'x' } }));
    expect(badForm.statusCode).toBe(400);
    const paths = badForm.json().fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.form.idNumber', 'body.form.rooms', 'body.form.kind']),
    );
    expect(badForm.json().fields.find((f: { path: string }) => f.path === 'body.form.idNumber').message).toBe(
      'Số CCCD gồm 12 chữ số.',
    );
    const body = await input();
    const missing = await submit({ ...body, papers: body.papers.slice(0, 1) });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().detail).toContain('Thiếu thành phần hồ sơ bắt buộc');
    const unknown = await submit({
      ...body,
      papers: [...body.papers, { paperKey: 'gcn', sha256: 'a'.repeat(64), fileName: 'x.pdf' }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toContain('chưa được tải lên');
    const noAgency = await submit({ ...body, agencyId: randomUUID() });
    expect(noAgency.statusCode).toBe(400);
    expect(noAgency.json().detail).toContain('Cơ quan');
    expect(await count()).toBe(before);
  });

  it('shows a dossier to a guest with its secret, and the same 404 for a wrong secret or an unknown code', async () => {
    const r = (await submit(await input())).json();
    const view = await t.app.inject({
      method: 'GET',
      url: `/api/v1/applicants/dossiers/${r.code}`,
      headers: { 'x-dossier-secret': r.secret.toLowerCase() },
    });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({
      code: r.code,
      status: 1,
      statusLabel: 'Mới đăng ký',
      canRate: false,
    });
    expect(view.json().papers).toHaveLength(2);
    expect(view.json().timeline[0]).toMatchObject({ kind: 'submitted', status: 1 });
    const wrong = await t.app.inject({
      method: 'GET',
      url: `/api/v1/applicants/dossiers/${r.code}`,
      headers: { 'x-dossier-secret': 'AAAAAAAAAA' },
    });
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/v1/applicants/dossiers/KHONG-CO-0001',
      headers: { 'x-dossier-secret': r.secret },
    });
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    const receipt = await t.app.inject({
      method: 'GET',
      url: `/api/v1/applicants/dossiers/${r.code}/receipt.pdf`,
      headers: { 'x-dossier-secret': r.secret },
    });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    expect(receipt.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await unpdfText(await getDocumentProxy(new Uint8Array(receipt.rawPayload)), {
      mergePages: true,
    });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(flat).toContain(r.code);
    expect(flat).toContain('Trần Thị Bình');
    const due = new Date(new Date(r.dueAt).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect(flat).toContain(due.split('-').reverse().join('/'));
    expect(flat.replace(/ /g, '')).toContain(`/cong-khai/tra-cuu?ma=${r.code}`);
  });

  /** Signs in through the e-mail code, reading the code from the mail outbox. */
  const signInAs = async (email: string) => {
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applicants/sign-in/code',
      payload: { email },
    });
    expect(asked.statusCode).toBe(202);
    const [mail] = await q<{ subject: string }>(
      'SELECT subject FROM mail_outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1',
      [email.toLowerCase()],
    );
    const code = mail?.subject.match(/(\d{6})$/)?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applicants/sign-in',
      payload: { email, code },
    });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'lt_applicant');
    return { cookie: `lt_applicant=${cookie?.value}`, csrf: res.json().csrfToken as string, me: res.json() };
  };

  it('signs in by an e-mail code (hashed, limited attempts), shows the guest dossiers of that address, keeps others out', async () => {
    const guest = (
      await submit(
        await input({
          applicant: { fullName: 'Lê Văn Cường', kind: 'citizen', email: 'Cuong@Example.test' },
        }),
      )
    ).json();
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/applicants/sign-in/code',
      payload: { email: 'cuong@example.test' },
    });
    const [row] = await q<{ code_hash: string }>(
      `SELECT code_hash FROM service_applicant_codes WHERE email = 'cuong@example.test' ORDER BY created_at DESC LIMIT 1`,
    );
    expect(row?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applicants/sign-in',
      payload: { email: 'cuong@example.test', code: '000000' },
    });
    expect([401, 200]).toContain(wrong.statusCode);
    if (wrong.statusCode === 401)
      expect(wrong.json().detail).toBe('Mã đăng nhập không đúng hoặc đã hết hạn.');

    const s = await signInAs('cuong@example.test');
    const h = { cookie: s.cookie, 'x-applicant-csrf': s.csrf };
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/applicants/me',
      headers: { cookie: s.cookie },
    });
    expect(me.json()).toMatchObject({ email: 'cuong@example.test' });
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/applicants/dossiers',
      headers: { cookie: s.cookie },
    });
    expect(list.json().items.map((i: { code: string }) => i.code)).toContain(guest.code);
    const own = await t.app.inject({
      method: 'GET',
      url: `/api/v1/applicants/dossiers/${guest.code}`,
      headers: { cookie: s.cookie },
    });
    expect(own.statusCode).toBe(200);

    const noCsrf = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/applicants/me',
      headers: { cookie: s.cookie },
      payload: { fullName: 'Lê Văn Cường', kind: 'citizen' },
    });
    expect(noCsrf.statusCode).toBe(403);
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/applicants/me',
      headers: h,
      payload: { fullName: 'Lê Văn Cường', kind: 'citizen', phone: '0912345678' },
    });
    expect(put.json()).toMatchObject({ fullName: 'Lê Văn Cường', phone: '0912345678' });
    const badPhone = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/applicants/me',
      headers: h,
      payload: { fullName: 'X', kind: 'citizen', phone: '12' },
    });
    expect(badPhone.statusCode).toBe(400);

    // Signed in, a submission is the account's at once.
    const mine = await submit(await input({ applicant: { fullName: 'Lê Văn Cường', kind: 'citizen' } }), h);
    expect(mine.statusCode, mine.body).toBe(201);
    const list2 = await t.app.inject({
      method: 'GET',
      url: '/api/v1/applicants/dossiers',
      headers: { cookie: s.cookie },
    });
    expect(list2.json().items).toHaveLength(2);

    const other = await signInAs('khac@example.test');
    const theirs = await t.app.inject({
      method: 'GET',
      url: `/api/v1/applicants/dossiers/${guest.code}`,
      headers: { cookie: other.cookie },
    });
    expect(theirs.statusCode).toBe(404);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/applicants/sign-out', headers: h });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/v1/applicants/me',
      headers: { cookie: s.cookie },
    });
    expect(after.statusCode).toBe(401);
  });

  it('stops a code after five wrong attempts', async () => {
    const email = 'thu@example.test';
    await t.app.inject({ method: 'POST', url: '/api/v1/applicants/sign-in/code', payload: { email } });
    const [mail] = await q<{ subject: string }>('SELECT subject FROM mail_outbox WHERE to_address = $1', [
      email,
    ]);
    const code = mail?.subject.match(/(\d{6})$/)?.[1] ?? '';
    const wrongCode = code === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++)
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/applicants/sign-in',
            payload: { email, code: wrongCode },
          })
        ).statusCode,
      ).toBe(401);
    const late = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applicants/sign-in',
      payload: { email, code },
    });
    expect(late.statusCode).toBe(429);

    // A new code that has expired is refused like a wrong one, and stays unused.
    const again = 'het-han@example.test';
    await t.app.inject({ method: 'POST', url: '/api/v1/applicants/sign-in/code', payload: { email: again } });
    const [m2] = await q<{ subject: string }>('SELECT subject FROM mail_outbox WHERE to_address = $1', [
      again,
    ]);
    await q(`UPDATE service_applicant_codes SET expires_at = now() - interval '1 minute' WHERE email = $1`, [
      again,
    ]);
    const expired = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applicants/sign-in',
      payload: { email: again, code: m2?.subject.match(/(\d{6})$/)?.[1] },
    });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().detail).toBe('Mã đăng nhập không đúng hoặc đã hết hạn.');
    expect(await q('SELECT 1 FROM service_applicants WHERE email = $1', [again])).toHaveLength(0);
  });

  it('takes the missing papers of a supplement request, restarts the clock, rates once after the result', async () => {
    const r = (await submit(await input())).json();
    const [d] = await q<{ id: string; due_at: Date }>(
      'SELECT id, due_at FROM service_dossiers WHERE code = $1',
      [r.code],
    );
    const noOpen = await t.app.inject({
      method: 'POST',
      url: `/api/v1/applicants/dossiers/${r.code}/supplement`,
      headers: { 'x-dossier-secret': r.secret },
      payload: { papers: (await papers()).slice(0, 1) },
    });
    expect(noOpen.statusCode).toBe(409);
    // The desk asked for a paper 8 days ago (clock stopped).
    const asked = new Date(Date.now() - 8 * 86_400_000);
    await q(`UPDATE service_dossiers SET status = 5, paused_at = $2 WHERE id = $1`, [d?.id, asked]);
    await q(
      `INSERT INTO service_dossier_events (dossier_id, kind, status_from, status_to, public_note) VALUES ($1, 'supplement_requested', 1, 5, 'Bổ sung bản sao GCN')`,
      [d?.id],
    );
    await q(
      `INSERT INTO service_supplements (id, dossier_id, items, reason) VALUES (gen_random_uuid(), $1, $2, 'Bản sao mờ')`,
      [d?.id, JSON.stringify([{ paperKey: 'gcn', name: 'Bản sao GCN', originals: 0, copies: 1 }])],
    );
    const view = await t.app.inject({
      method: 'GET',
      url: `/api/v1/applicants/dossiers/${r.code}`,
      headers: { 'x-dossier-secret': r.secret },
    });
    expect(view.json().openSupplement).toMatchObject({ reason: 'Bản sao mờ' });
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/applicants/dossiers/${r.code}/supplement`,
      headers: { 'x-dossier-secret': r.secret },
      payload: { papers: [{ paperKey: 'khong-co', sha256: 'b'.repeat(64), fileName: 'x.pdf' }] },
    });
    expect(bad.statusCode).toBe(400);
    const ans = await t.app.inject({
      method: 'POST',
      url: `/api/v1/applicants/dossiers/${r.code}/supplement`,
      headers: { 'x-dossier-secret': r.secret },
      payload: { papers: (await papers()).slice(1) },
    });
    expect(ans.statusCode, ans.body).toBe(200);
    expect(ans.json()).toMatchObject({ status: 1, openSupplement: null });
    expect(ans.json().papers).toHaveLength(3);
    expect(new Date(ans.json().dueAt).getTime()).toBeGreaterThan(new Date(d?.due_at ?? 0).getTime());

    const early = await t.app.inject({
      method: 'POST',
      url: `/api/v1/applicants/dossiers/${r.code}/rating`,
      headers: { 'x-dossier-secret': r.secret },
      payload: { rating: 5 },
    });
    expect(early.statusCode).toBe(409);
    const bytes = pdf('ket qua');
    const blob = (await upload(bytes, 'kq.pdf')).json();
    await q(
      `UPDATE service_dossiers SET status = 10, return_method = 'online', returned_at = now(), result_blob = $2, result_file_name = 'GiayPhep.pdf' WHERE id = $1`,
      [d?.id, blob.sha256],
    );
    const result = await t.app.inject({
      method: 'GET',
      url: `/api/v1/applicants/dossiers/${r.code}/result`,
      headers: { 'x-dossier-secret': r.secret },
    });
    expect(result.statusCode).toBe(200);
    expect(result.rawPayload.equals(bytes)).toBe(true);
    const rate = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/applicants/dossiers/${r.code}/rating`,
        headers: { 'x-dossier-secret': r.secret },
        payload: { rating: 4, comment: 'Nhanh' },
      });
    const first = await rate();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ rating: 4, canRate: false });
    expect((await rate()).statusCode).toBe(409);
    const outOfRange = await t.app.inject({
      method: 'POST',
      url: `/api/v1/applicants/dossiers/${r.code}/rating`,
      headers: { 'x-dossier-secret': r.secret },
      payload: { rating: 9 },
    });
    expect(outOfRange.statusCode).toBe(400);
  });

  it('answers the public tracking page without JavaScript and without personal data or officers', async () => {
    const r = (await submit(await input())).json();
    const [d] = await q<{ id: string }>('SELECT id FROM service_dossiers WHERE code = $1', [r.code]);
    await q(
      `INSERT INTO service_dossier_events (dossier_id, kind, status_from, status_to, actor_id, public_note, internal_note)
       VALUES ($1, 'accepted', 1, 2, $2, 'Hồ sơ đã được tiếp nhận.', 'Cán bộ ghi chú nội bộ')`,
      [d?.id, proc.staff.clerk.id],
    );
    const form = await t.app.inject({ method: 'GET', url: `/cong-khai/tra-cuu?ma=${r.code}` });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<form method="post"');
    expect(form.body).toContain(`value="${r.code}"`);
    const post = (ma: string, secret: string) =>
      t.app.inject({
        method: 'POST',
        url: '/cong-khai/tra-cuu',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ ma, bi_mat: secret }).toString(),
      });
    const ok = await post(r.code.toLowerCase(), r.secret);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Được tiếp nhận');
    expect(ok.body).toContain('Hồ sơ đã được tiếp nhận.');
    for (const secret of [
      '001203004005',
      'Phố Huế Bí Mật',
      'Trần Thị Bình',
      'Cán bộ ghi chú',
      proc.staff.clerk.fullName ?? '@@',
    ])
      expect(ok.body).not.toContain(secret);
    const wrong = await post(r.code, 'ZZZZZZZZZZ');
    const unknown = await post('KHONG-CO-9999', r.secret);
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    const strip = (s: string) => s.replace(/value="[^"]*"/g, '').replace(/<title>[^<]*<\/title>/, '');
    expect(strip(wrong.body)).toBe(strip(unknown.body));
    expect((await post('', '')).statusCode).toBe(400);
  });
});

describe.each(ENGINES)('services tracking rate limit on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(engine, { PUBLIC_RATE_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('slows down someone guessing secrets', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push(
        (
          await t.app.inject({
            method: 'POST',
            url: '/cong-khai/tra-cuu',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: 'ma=ABC-261204-0001&bi_mat=AAAAAAAAAA',
          })
        ).statusCode,
      );
    expect(codes[4]).toBe(429);
  });

  it('slows down uploads and sign-in codes from one address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/applicants/papers',
            headers: { 'content-type': 'multipart/form-data; boundary=x' },
            payload: '--x--\r\n',
          })
        ).statusCode,
      );
    expect(codes[4]).toBe(429);
    const asks: number[] = [];
    for (let i = 0; i < 12; i++)
      asks.push(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/applicants/sign-in/code',
            payload: { email: `a${i}@example.test` },
          })
        ).statusCode,
      );
    expect(asks.slice(0, 10).every((c) => c === 202)).toBe(true);
    expect(asks[11]).toBe(429);
  });
});

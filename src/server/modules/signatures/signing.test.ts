import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  expectProblem,
  makeTestApp,
  signIn,
  type TestApp,
  upload,
} from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import { makeOffice, type Office } from '../../../../test/helpers/offices.ts';
import { signCopy } from './index.ts';
import { makeCa, makeP12, type TestCa } from './testing/certs.ts';
import { decreePdf } from './testing/pdfs.ts';
import { pdfsig, pdftotext } from './testing/tools.ts';

const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe.each(ENGINES)('signing keys and PAdES signatures on %s', (engine) => {
  let t: TestApp;
  let o: Office;
  let admin: Client;
  let ca: TestCa;
  beforeAll(async () => {
    t = await makeTestApp(engine);
    o = await makeOffice(t.app, t.database.db);
    admin = await signIn(t.app, o.s.admin.username);
    ca = makeCa();
  });
  afterAll(() => t.close());

  const count = async () =>
    (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM signing_keys'))[0]!.n;
  const uploadKey = (c: Client, body: Record<string, unknown>) => c.post('/api/v1/signing-keys', body);

  it('refuses a wrong password, an expired or not-yet-valid certificate, a key-less file, a certificate not for signing: nothing written', async () => {
    const good = makeP12(ca, { cn: 'Lãnh Đạo Thử' });
    const before = await count();
    const wrong = expectProblem(
      await uploadKey(admin, {
        ownerKind: 'person',
        personId: o.s.leader.id,
        p12Base64: good.p12.toString('base64'),
        password: 'sai',
      }),
      422,
    );
    expect(wrong.detail).toBe('Mật khẩu tệp PKCS#12 không đúng.');
    const expired = makeP12(ca, {
      cn: 'Hết hạn',
      notBefore: new Date('2020-01-01'),
      notAfter: new Date('2021-01-01'),
    });
    const e = expectProblem(
      await uploadKey(admin, {
        ownerKind: 'person',
        personId: o.s.leader.id,
        p12Base64: expired.p12.toString('base64'),
        password: expired.password,
      }),
      422,
    );
    expect(e.detail).toBe('Chứng thư số đã hết hạn ngày 01/01/2021 (hiệu lực từ 01/01/2020 đến 01/01/2021).');
    const future = makeP12(ca, {
      cn: 'Chưa tới',
      notBefore: new Date(Date.now() + 86400_000 * 40),
      notAfter: new Date(Date.now() + 86400_000 * 400),
    });
    expect(
      expectProblem(
        await uploadKey(admin, {
          ownerKind: 'agency',
          p12Base64: future.p12.toString('base64'),
          password: future.password,
        }),
        422,
      ).detail,
    ).toMatch(/^Chứng thư số chưa có hiệu lực: hiệu lực từ ngày \d\d\/\d\d\/\d{4} đến/);
    const noKey = makeP12(ca, { cn: 'Không khóa', withoutKey: true });
    expect(
      expectProblem(
        await uploadKey(admin, {
          ownerKind: 'agency',
          p12Base64: noKey.p12.toString('base64'),
          password: noKey.password,
        }),
        422,
      ).detail,
    ).toBe('Tệp PKCS#12 không chứa khóa bí mật.');
    const enc = makeP12(ca, { cn: 'Mã hóa', keyUsage: { keyEncipherment: true } });
    expect(
      expectProblem(
        await uploadKey(admin, {
          ownerKind: 'agency',
          p12Base64: enc.p12.toString('base64'),
          password: enc.password,
        }),
        422,
      ).detail,
    ).toBe('Chứng thư số không dùng để ký (thiếu mục đích digitalSignature hoặc nonRepudiation).');
    expectProblem(
      await uploadKey(admin, { ownerKind: 'agency', p12Base64: 'bm90IGEgcDEy', password: 'x' }),
      422,
    );
    expectProblem(
      await uploadKey(o.leader, {
        ownerKind: 'agency',
        p12Base64: good.p12.toString('base64'),
        password: good.password,
      }),
      403,
    );
    expect(await count()).toBe(before);
  });

  it('the leader with a key signs the final PDF: a new version, PAdES valid in pdfsig; a non-PDF final version is refused', async () => {
    const leaderKey = makeP12(ca, { cn: o.s.leader.fullName });
    const up = await uploadKey(admin, {
      ownerKind: 'person',
      personId: o.s.leader.id,
      p12Base64: leaderKey.p12.toString('base64'),
      password: leaderKey.password,
    });
    expect(up.statusCode, up.body).toBe(201);
    const list = (await admin.get('/api/v1/signing-keys')).json();
    expect(list[0]).toMatchObject({ ownerKind: 'person', personId: o.s.leader.id, hasImage: false });
    expect(JSON.stringify(list)).not.toMatch(/PRIVATE|p12|password/i);
    expect((await o.leader.get('/api/v1/signing-keys/mine')).json().key.subject).toContain('CN=');

    // A DOCX-only draft: refused, nothing changes.
    const docx = await upload(
      o.officer,
      'du-thao.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      Buffer.from('PK\u0003\u0004 not really'),
    );
    const d1 = await o.officer.post('/api/v1/documents/drafts', {
      typeCode: 'cong_van',
      summary: 'V/v thử',
      recipients: [{ kind: 'outside', name: 'Sở A' }],
      files: [{ ...docx, role: 'main' }],
    });
    if (d1.statusCode === 201) {
      const id1 = d1.json().id;
      await o.officer.post(`/api/v1/documents/${id1}/submit-review`, { toId: o.s.leader.id });
      const r = expectProblem(
        await o.leader.post(`/api/v1/documents/${id1}/review`, { action: 'sign' }),
        422,
      );
      expect(r.detail).toBe('Bản cuối phải là tệp PDF: hãy tạo bản PDF từ bản thảo trước khi ký.');
      const st = await t.database.query<{ status: string }>('SELECT status FROM documents WHERE id = $1', [
        id1,
      ]);
      expect(st[0]!.status).not.toBe('signed');
    }

    const pdf = await decreePdf({ signerName: o.s.leader.fullName });
    const f = await upload(o.officer, 'cong-van.pdf', 'application/pdf', pdf);
    const d = await o.officer.post('/api/v1/documents/drafts', {
      typeCode: 'cong_van',
      summary: 'V/v ký số',
      recipients: [{ kind: 'outside', name: 'Sở A' }],
      files: [{ ...f, role: 'main' }],
    });
    expect(d.statusCode, d.body).toBe(201);
    const id = d.json().id;
    await o.officer.post(`/api/v1/documents/${id}/submit-review`, { toId: o.s.leader.id });
    const s = await o.leader.post(`/api/v1/documents/${id}/review`, { action: 'sign' });
    expect(s.statusCode, s.body).toBe(200);
    const files = await t.database.query<{
      sha256: string;
      version: number;
      current: boolean;
      file_name: string;
    }>(
      `SELECT sha256, version, current, file_name FROM document_files WHERE document_id = $1 AND role = 'main' ORDER BY version`,
      [id],
    );
    expect(files.map((x) => [x.version, x.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(files[1]!.file_name).toBe('cong-van.signed.pdf');
    const signed = await t.blobs.read(files[1]!.sha256);
    const kept = pdf.lastIndexOf('%%EOF') + 5; // an incremental update: the original bytes are kept as they were
    expect(signed.subarray(0, kept).equals(pdf.subarray(0, kept))).toBe(true);
    const report = pdfsig(signed);
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signature is Valid.');
    expect(report).toContain('Total document signed');
    const rows = await t.database.query<{ kind: string; subject: string }>(
      'SELECT kind, subject FROM pdf_signings',
    );
    expect(rows).toContainEqual({ kind: 'person', subject: `document:${id}` });
    const audits = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action IN ('document.sign_pdf', 'signing_key_upload')`,
    );
    expect(audits[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('the clerk numbers a signed PDF: number and date in the blanks, the agency seal signs; both signatures valid; concurrent releases get distinct numbers', async () => {
    const seal = makeP12(ca, { cn: 'Cơ quan thử (con dấu)' });
    const up = await uploadKey(admin, {
      ownerKind: 'agency',
      p12Base64: seal.p12.toString('base64'),
      password: seal.password,
      imageBase64: PNG_1PX.toString('base64'),
    });
    expect(up.statusCode, up.body).toBe(201);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const pdf = await decreePdf({ signerName: o.s.leader.fullName });
      const f = await upload(o.officer, `cv-${i}.pdf`, 'application/pdf', pdf);
      const d = await o.officer.post('/api/v1/documents/drafts', {
        typeCode: 'cong_van',
        summary: `V/v cấp số ${i}`,
        recipients: [{ kind: 'outside', name: 'Sở A' }],
        files: [{ ...f, role: 'main' }],
      });
      const id = d.json().id;
      await o.officer.post(`/api/v1/documents/${id}/submit-review`, { toId: o.s.leader.id });
      expect((await o.leader.post(`/api/v1/documents/${id}/review`, { action: 'sign' })).statusCode).toBe(
        200,
      );
      ids.push(id);
    }
    const res = await Promise.all(ids.map((id) => o.clerk.post(`/api/v1/documents/${id}/release`, {})));
    for (const r of res) expect(r.statusCode, r.body).toBe(200);
    const numbers = res.map((r) => r.json().number as number);
    expect(new Set(numbers).size).toBe(3);
    for (const [k, id] of ids.entries()) {
      const [main] = await t.database.query<{ sha256: string; version: number }>(
        `SELECT sha256, version FROM document_files WHERE document_id = $1 AND role = 'main' AND current`,
        [id],
      );
      expect(main!.version).toBe(3);
      const pdf = await t.blobs.read(main!.sha256);
      const report = pdfsig(pdf);
      expect(report).toContain('Signature #2');
      expect(report.match(/Signature is Valid\./g)?.length).toBe(2);
      expect(report).toContain('Not total document signed');
      const text = pdftotext(pdf);
      const nn = String(numbers[k]).padStart(2, '0');
      expect(text).toMatch(new RegExp(`Số:\\s*${nn}`));
    }
  });

  it('signCopy: an electronic copy gets the agency signature top right with "SAO Y, agency, time"', async () => {
    const actor = { personId: o.s.clerk.id, fullName: o.s.clerk.fullName, agencyId: o.s.agency.id } as never;
    const ctx = {
      db: t.database.db,
      actor,
      now: () => new Date('2026-12-04T03:00:00Z'),
      config: t.config,
      blobs: t.blobs,
      hooks: {},
    } as never;
    const pdf = await decreePdf({ signerName: 'Ai Đó' });
    const out = await signCopy(ctx, pdf, { form: 'SAO Y', agencyId: o.s.agency.id });
    expect(out).toBeDefined();
    const report = pdfsig(out!);
    expect(report).toContain('Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(pdftotext(out!)).toContain('SAO Y, ');
    expect(pdftotext(out!)).toContain('2026-12-04T03:00:00Z');
  });
});

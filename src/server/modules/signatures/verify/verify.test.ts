import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  expectProblem,
  makeTestApp,
  signIn,
  type TestApp,
  upload,
} from '../../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../../test/helpers/db.ts';
import { makeAgency, makePerson } from '../../../../../test/helpers/factories.ts';
import { makeOffice, type Office } from '../../../../../test/helpers/offices.ts';
import { landCopies } from '../../documents/copies.ts';
import { verifyPdfJob } from './store.ts';
import { makePdf, makeTestPki, signTestPdf, type TestPki } from './testing.ts';
import { TEXT } from './verifier.ts';

// Trust anchors (system admin), and the verification of PDFs arriving: registered by a clerk, landed
// as a recipient's copy; the document's page carries each PDF's signature.
describe.each(ENGINES)('signature verification on %s', (engine) => {
  let t: TestApp;
  let admin: Client;
  let A: Office;
  let pki: TestPki;
  let signed: Buffer;
  let tampered: Buffer;
  const P = '/api/v1/signatures/trust-anchors';
  const q = <T = Record<string, unknown>>(text: string, ...params: unknown[]) =>
    t.database.query<T>(text, params);
  const count = async (table: string, where = 'true') =>
    (await q<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))[0]!.n;

  beforeAll(async () => {
    t = await makeTestApp(engine, { SESSION_CACHE_MS: '0' });
    const root = await makeAgency(t.database.db, { kind: 'province' });
    admin = await signIn(
      t.app,
      (await makePerson(t.database.db, { agencyId: root.id, role: 'system_admin' })).username,
    );
    A = await makeOffice(t.app, t.database.db);
    pki = await makeTestPki();
    signed = await signTestPdf(await makePdf(2), pki.direct);
    tampered = Buffer.from(signed);
    const at = tampered.indexOf('/MediaBox');
    tampered[at + 12] = tampered[at + 12] === 0x30 ? 0x31 : 0x30;
  });
  afterAll(() => t?.close());

  it('refuses garbage, a non-CA certificate, a foreign CRL, a duplicate; nothing written', async () => {
    const before = [await count('trust_anchors'), await count('audit_log')];
    const bad = async (body: Record<string, unknown>, status: number, detail: string | RegExp) => {
      const p = expectProblem(await admin.post(P, body), status);
      expect(p.detail).toMatch(detail);
    };
    await bad(
      { certificates: 'không phải chứng thư' },
      400,
      'Tệp không phải chứng thư số X.509 (PEM hoặc DER): không nạp được.',
    );
    await bad(
      { certificates: Buffer.from('garbage bytes').toString('base64') },
      400,
      /^Tệp không phải chứng thư số X\.509/,
    );
    await bad(
      { certificates: pki.direct.pem },
      400,
      'Chứng thư «Trần Thị Bình» không phải của tổ chức chứng thực (CA): chỉ nạp chứng thư gốc hoặc trung gian.',
    );
    await bad(
      { certificates: pki.root.pem, crl: pki.intermediateCrl.pem },
      400,
      'CRL này không do «Root CA thử nghiệm» ký: không nạp được.',
    );
    await bad({ certificates: pki.root.pem, crl: 'rác' }, 400, /^Tệp CRL không đọc được/);
    await bad(
      { certificates: pki.root.pem + pki.intermediate.pem, crl: pki.rootCrl.pem },
      400,
      'Chỉ kèm CRL khi nạp một chứng thư.',
    );
    // A clerk may not touch anchors.
    expectProblem(await A.clerk.post(P, { certificates: pki.root.pem }), 403);
    expect([await count('trust_anchors'), await count('audit_log')]).toEqual(before);
  });

  it('a clerk registers a signed PDF: a job is queued; the page shows the signature (unknown CA, then valid once the admin loads it)', async () => {
    const file = await upload(A.clerk, 'cong-van-ky-so.pdf', 'application/pdf', signed);
    const bad = await upload(A.clerk, 'cong-van-sua.pdf', 'application/pdf', tampered);
    const reg = await A.clerk.post('/api/v1/documents/incoming', {
      issuerName: 'Sở Nội vụ thử nghiệm',
      numberNotation: '15/SNV-VP',
      typeCode: 'cong_van',
      issuedDate: '2026-11-20',
      summary: 'V/v thử chữ ký số',
      files: [file, { ...bad, role: 'attachment' }],
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const id = reg.json().id as string;
    const jobs = await q<{ payload: { sha256s: string[] } }>(
      `SELECT payload FROM jobs WHERE kind = 'signatures.verify_pdf'`,
    );
    expect(jobs.flatMap((j) => j.payload.sha256s)).toEqual(expect.arrayContaining([file.sha256, bad.sha256]));

    // The job verifies and stores (no anchors yet: the CA is unknown).
    const handler = verifyPdfJob.handler(t.app.services);
    await handler.batch!.run({
      db: t.database.db,
      jobs: [
        {
          id: 1,
          kind: verifyPdfJob.kind,
          attempts: 0,
          max_attempts: 3,
          payload: { sha256s: [file.sha256, bad.sha256] },
        },
      ],
    });
    expect(await count('pdf_verifications', `sha256 = '${file.sha256}' AND status = 'warning'`)).toBe(1);

    const detail = async () => {
      const r = await A.clerk.get(`/api/v1/documents/${id}`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json().files as { fileName: string; signature: Record<string, unknown> | null }[];
    };
    let files = await detail();
    expect(files[0]!.signature).toMatchObject({
      status: 'warning',
      signers: [
        { name: 'Trần Thị Bình', organisation: 'Sở Nội vụ thử nghiệm', valid: false, chain: 'unknown' },
      ],
    });
    expect(files[1]!.signature).toMatchObject({
      status: 'invalid',
      summary: `Chữ ký không hợp lệ: ${TEXT.changed}`,
    });

    // The admin loads the root with its CRL: verifications become stale and are redone on the next read.
    const add = await admin.post(P, { certificates: pki.root.pem, crl: pki.rootCrl.pem });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json().items[0]).toMatchObject({ subject: 'Root CA thử nghiệm', hasCrl: true });
    expect(await count('audit_log', `action = 'signatures.trust.add'`)).toBe(1);
    expectProblem(await admin.post(P, { certificates: pki.root.pem }), 409);
    files = await detail();
    expect(files[0]!.signature).toMatchObject({
      status: 'valid',
      summary: 'Chữ ký hợp lệ: Trần Thị Bình.',
      signers: [{ name: 'Trần Thị Bình', valid: true, chain: 'trusted', issuer: 'Root CA thử nghiệm' }],
    });
    expect(files[1]!.signature).toMatchObject({ status: 'invalid' });
    // Only allow-listed fields.
    expect(Object.keys(files[0]!.signature!).sort()).toEqual(['signers', 'status', 'summary']);

    // Listed; removed (audited); the verification is stale again → unknown CA.
    const list = (await admin.get(P)).json().items as { id: string; fingerprint: string }[];
    expect(list).toHaveLength(1);
    expect((await admin.delete(`${P}/${list[0]!.id}`)).statusCode).toBe(204);
    expectProblem(await admin.delete(`${P}/${list[0]!.id}`), 404);
    files = await detail();
    expect(files[0]!.signature).toMatchObject({ status: 'warning' });
    // Loaded again without its CRL: valid, revocation not checked (said in the details); then its CRL set.
    const again = (await admin.post(P, { certificates: pki.root.pem })).json().items[0];
    expect((await detail())[0]!.signature).toMatchObject({
      status: 'valid',
      signers: [{ notes: [TEXT.noRevocation] }],
    });
    const crl = await admin.post(`${P}/${again.id}/crl`, { crl: pki.rootCrl.der.toString('base64') });
    expect(crl.statusCode, crl.body).toBe(200);
    expect((await detail())[0]!.signature).toMatchObject({ status: 'valid' });
  });

  it('a copy landed from another installation queues its verification; unsigned PDFs show none', async () => {
    const stored = await t.blobs.putBuffer(signed, { declaredType: 'application/pdf', maxBytes: 10_000_000 });
    const plain = await t.blobs.putBuffer(await makePdf(1, 'Khong ky'), {
      declaredType: 'application/pdf',
      maxBytes: 10_000_000,
    });
    await q(
      `INSERT INTO blobs (sha256, size, media_type) VALUES ($1, $2, 'application/pdf'), ($3, $4, 'application/pdf') ON CONFLICT DO NOTHING`,
      stored.sha256,
      stored.size,
      plain.sha256,
      plain.size,
    );
    const id = uuidv7();
    await t.database.db.transaction((tx) =>
      landCopies(tx, new Date(), [
        {
          id,
          agencyId: A.s.agency.id,
          source: 'edxml',
          fields: {
            typeCode: 'cong_van',
            summary: 'Văn bản liên thông có chữ ký số',
            numberNotation: '9/UBND-VP',
            issuedDate: '2026-11-20',
            issuerName: 'UBND tỉnh B',
            issuerCode: '000.00.00.B01',
            signerName: 'Trần Thị Bình',
            signerTitle: 'Chủ tịch',
            urgency: 'thuong',
            pageCount: 2,
            copies: null,
            dueDate: null,
          },
          files: [
            {
              sha256: stored.sha256,
              fileName: 'a.pdf',
              mediaType: 'application/pdf',
              size: stored.size,
              role: 'main',
            },
            {
              sha256: plain.sha256,
              fileName: 'b.pdf',
              mediaType: 'application/pdf',
              size: plain.size,
              role: 'attachment',
            },
          ],
          arrival: { from: 'UBND tỉnh B', via: 'edxml' },
          notice: 'Văn bản liên thông mới',
        },
      ]),
    );
    const jobs = await q<{ payload: { sha256s: string[] } }>(
      `SELECT payload FROM jobs WHERE kind = 'signatures.verify_pdf'`,
    );
    expect(
      jobs.some((j) => j.payload.sha256s.includes(stored.sha256) && j.payload.sha256s.includes(plain.sha256)),
    ).toBe(true);
    const r = await A.clerk.get(`/api/v1/documents/${id}`);
    expect(r.statusCode, r.body).toBe(200);
    const files = r.json().files as { signature: { status: string; signers: { name: string }[] } | null }[];
    expect(files[0]!.signature).toMatchObject({ status: 'valid', signers: [{ name: 'Trần Thị Bình' }] });
    expect(files[1]!.signature).toMatchObject({ status: 'none', signers: [] });
  });
});

import { createHash } from 'node:crypto';
import http from 'node:http';
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
import { makePerson } from '../../../../test/helpers/factories.ts';
import { makeOffice, type Office } from '../../../../test/helpers/offices.ts';
import { verifyAuditChain } from '../../platform/audit/index.ts';
import { JobRunner } from '../../platform/jobs/index.ts';
import { buildEdoc, buildStatus, edocDocumentId, parsePacket, wireTimestamp } from './edxml/index.ts';
import { FLUSH_JOB, flushJob } from './index.ts';
import { HEADER_FROM, HEADER_SIGNATURE, HEADER_TIMESTAMP, sign } from './signature.ts';

const SECRET = 'a-shared-secret-of-the-two-installations';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Site {
  t: TestApp;
  url: string;
  office: Office;
  admin: Client;
  code: string;
  drain(): Promise<void>;
}

async function site(engine: 'pglite' | 'postgres'): Promise<Site> {
  const t = await makeTestApp(engine, { SESSION_CACHE_MS: '0' });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const addr = t.app.server.address() as { port: number };
  const office = await makeOffice(t.app, t.database.db);
  const sys = await makePerson(t.database.db, { agencyId: office.s.agency.id, role: 'system_admin' });
  const runner = new JobRunner(t.database.db, [flushJob], { env: t.app.services, backoffBaseMs: 1 });
  return {
    t,
    url: `http://127.0.0.1:${addr.port}`,
    office,
    admin: await signIn(t.app, sys.username),
    code: office.s.agency.agencyCode!,
    drain: async () => {
      // Only the exchange's jobs: other kinds (text extraction) stay queued, as they would elsewhere.
      await t.database.query(
        `UPDATE jobs SET run_at = now() WHERE kind = '${FLUSH_JOB}' AND status = 'queued'`,
      );
      await runner.drain(20);
    },
  };
}

describe.each(ENGINES)('edXML exchange between two installations on %s', (engine) => {
  let A: Site;
  let B: Site;
  beforeAll(async () => {
    A = await site(engine);
    B = await site(engine);
    const a = await A.admin.post('/api/v1/exchange/peers', {
      name: 'Tỉnh B',
      baseUrl: B.url,
      agencyCodes: [B.code],
      secret: SECRET,
    });
    expect(a.statusCode, a.body).toBe(201);
    const b = await B.admin.post('/api/v1/exchange/peers', {
      name: 'Tỉnh A',
      baseUrl: A.url,
      agencyCodes: [A.code],
      secret: SECRET,
    });
    expect(b.statusCode, b.body).toBe(201);
  });
  afterAll(async () => {
    await A?.t.close();
    await B?.t.close();
  });

  const detail = async (c: Client, id: string) => (await c.get(`/api/v1/documents/${id}`)).json();
  const deliveryOf = async (id: string) =>
    (await detail(A.office.clerk, id)).deliveries.find((d: { channel: string }) => d.channel === 'edxml');

  async function signed(o: Office, recipients: unknown[], file = tinyPdf('liên thông')) {
    const f = await upload(o.officer, 'cong-van.pdf', 'application/pdf', file);
    const d = await o.officer.post('/api/v1/documents/drafts', {
      typeCode: 'cong_van',
      summary: 'V/v phối hợp triển khai liên thông văn bản giữa hai tỉnh',
      recipients,
      files: [f],
      pageCount: 2,
      urgency: 'khan',
    });
    expect(d.statusCode, d.body).toBe(201);
    const id = d.json().id as string;
    await o.officer.post(`/api/v1/documents/${id}/submit-review`, { toId: o.s.leader.id });
    const s = await o.leader.post(`/api/v1/documents/${id}/review`, { action: 'sign' });
    expect(s.statusCode, s.body).toBe(200);
    return id;
  }

  const post = (site: Site, body: Buffer | string, opts: { from: string; secret?: string; ts?: number }) => {
    const ts = opts.ts ?? Date.now();
    const buf = Buffer.from(body);
    return site.t.app.inject({
      method: 'POST',
      url: '/api/v1/exchange/inbox',
      payload: buf,
      headers: {
        'content-type': 'application/xml',
        [HEADER_FROM]: opts.from,
        [HEADER_TIMESTAMP]: String(ts),
        [HEADER_SIGNATURE]: sign(opts.secret ?? SECRET, ts, buf),
      },
    });
  };

  /** Many packages in one signed multipart request, as a Liên Thông peer sends them. */
  const postBatch = async (
    site: Site,
    bodies: (Buffer | string)[],
    opts: { from: string; secret?: string },
  ) => {
    const form = new FormData();
    bodies.forEach((b, i) => {
      form.append(
        `p${i}`,
        new Blob([new Uint8Array(Buffer.from(b))], { type: 'application/xml' }),
        `p${i}.edxml`,
      );
    });
    const encoded = new Response(form);
    const contentType = encoded.headers.get('content-type')!;
    const body = Buffer.from(await encoded.arrayBuffer());
    const ts = Date.now();
    return site.t.app.inject({
      method: 'POST',
      url: '/api/v1/exchange/inbox/batch',
      payload: body,
      headers: {
        'content-type': contentType,
        [HEADER_FROM]: opts.from,
        [HEADER_TIMESTAMP]: String(ts),
        [HEADER_SIGNATURE]: sign(opts.secret ?? SECRET, ts, body),
      },
    });
  };

  let docId: string;
  let copyId: string;
  let packageXml: Buffer;
  const file = tinyPdf('van ban goc');

  it('shows an unknown agency code before release, then sends to the peer and mirrors its statuses', async () => {
    docId = await signed(
      A.office,
      [
        { kind: 'outside', name: 'Sở ở tỉnh B', agencyCode: B.code },
        { kind: 'outside', name: 'Cơ quan chưa kết nối', agencyCode: '999.99.99.Z99' },
      ],
      file,
    );
    const routes = (await A.office.clerk.get(`/api/v1/exchange/documents/${docId}/routes`)).json().items;
    expect(routes.map((r: { route: string }) => r.route)).toEqual(['peer', 'unknown']);
    const refused = expectProblem(await A.office.clerk.post(`/api/v1/documents/${docId}/release`, {}), 409);
    expect(refused.detail).toContain('999.99.99.Z99');
    const rel = await A.office.clerk.post(`/api/v1/documents/${docId}/release`, { paperForUnknown: true });
    expect(rel.statusCode, rel.body).toBe(200);
    expect((await deliveryOf(docId)).status).toBe('pending');

    await A.drain();
    const outbox = (await A.admin.get('/api/v1/exchange/outbox')).json().items;
    expect(outbox.map((r: { state: string }) => r.state)).toEqual(['delivered']);

    // B: a pending incoming document with every field mapped and the same file bytes.
    const list = (await B.office.clerk.get('/api/v1/documents?box=to_register')).json().items;
    expect(list).toHaveLength(1);
    copyId = list[0].id;
    const copy = await detail(B.office.clerk, copyId);
    expect(copy).toMatchObject({
      status: 'pending',
      source: 'edxml',
      typeCode: 'cong_van',
      summary: 'V/v phối hợp triển khai liên thông văn bản giữa hai tỉnh',
      numberNotation: rel.json().numberNotation,
      issuerName: A.office.s.agency.name,
      issuerCode: A.code,
      urgency: 'khan',
      pageCount: 2,
    });
    const bytes = await B.office.clerk.get(`/api/v1/documents/${copyId}/files/${copy.files[0].id}`);
    expect(sha(bytes.rawPayload)).toBe(sha(file));

    // Status 01 (arrived) travels back; then 03 when B's clerk registers it.
    await B.drain();
    expect((await deliveryOf(docId)).status).toBe('delivered');
    expect(
      (
        await B.office.clerk.post(`/api/v1/documents/${copyId}/register`, {
          submitToId: B.office.s.leader.id,
        })
      ).statusCode,
    ).toBe(200);
    await B.drain();
    expect((await deliveryOf(docId)).status).toBe('registered');
    const events = (await detail(A.office.clerk, docId)).events
      .map((e: { kind: string; data: { code?: string } }) => `${e.kind}:${e.data.code ?? ''}`)
      .filter((k: string) => k.startsWith('exchange_status'));
    expect(events).toEqual(['exchange_status:01', 'exchange_status:03', 'exchange_status:04']);
  });

  it('exports a released document as an .edxml download carrying every field', async () => {
    const res = await A.office.clerk.get(`/api/v1/exchange/documents/${docId}/edxml`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('.edxml');
    packageXml = res.rawPayload;
    const p = parsePacket(packageXml, { maxBytes: 10_000_000 });
    expect(p.kind).toBe('edoc');
    if (p.kind !== 'edoc') return;
    expect(p.edoc.from.organId).toBe(A.code);
    expect(p.edoc.to.map((t) => t.organId)).toEqual([B.code, '999.99.99.Z99']);
    expect(p.edoc.otherInfo.priority).toBe(1);
    expect(p.edoc.documentType.typeName).toBe('Công văn');
    expect(sha(p.edoc.attachments[0]!.data)).toBe(sha(file));
    // B's officer (not the issuer) cannot export A's document.
    expectProblem(await B.office.clerk.get(`/api/v1/exchange/documents/${docId}/edxml`), 404);
  });

  it('acknowledges a resent identical package without a second copy, refuses a changed one', async () => {
    // The very bytes A sent (kept in its outbox) arrive again, e.g. after a lost answer.
    const [row] = await A.t.database.query<{ package_sha256: string; body: Uint8Array | null }>(
      `SELECT package_sha256, body FROM exchange_outbox WHERE business = 'new'`,
    );
    // A small package is kept in its outbox row, with its hash.
    const sent = Buffer.from(row!.body!);
    expect(sha(sent)).toBe(row!.package_sha256);
    const again = await post(B, sent, { from: A.code });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().result).toBe('duplicate');
    // The export names both recipients and has its own trace time: same DocumentId, other content.
    const changed = packageXml;
    const dup = expectProblem(await post(B, changed, { from: A.code }), 409, 'duplicate');
    expect(dup.detail).toContain('đã được nhận trước đó');
    const n = await B.t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM documents WHERE source = 'edxml'`,
    );
    expect(n[0]!.n).toBe(1);
  });

  it('refuses bad signatures, replays, oversized, malformed, wrongly addressed and XXE packages with precise errors', async () => {
    expectProblem(await post(B, packageXml, { from: A.code, secret: 'wrong-secret-wrong-secret' }), 401);
    const old = expectProblem(await post(B, packageXml, { from: A.code, ts: Date.now() - 3_600_000 }), 401);
    expect(old.detail).toContain('quá hạn');
    expectProblem(await post(B, packageXml, { from: '000.00.00.X00' }), 401);
    expectProblem(
      await B.t.app.inject({
        method: 'POST',
        url: '/api/v1/exchange/inbox',
        payload: packageXml,
        headers: { 'content-type': 'application/xml' },
      }),
      401,
    );
    const bad = expectProblem(await post(B, '<edXML><oops>', { from: A.code }), 400);
    expect(bad.detail).toContain('XML');
    const xxe = `<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY x SYSTEM "file:///etc/passwd">]><edXML>&x;</edXML>`;
    expectProblem(await post(B, xxe, { from: A.code }), 415);
    const elsewhere = buildEdoc({
      ...(parsePacket(packageXml, { maxBytes: 1e7 }) as { edoc: Parameters<typeof buildEdoc>[0] }).edoc,
      to: [{ organId: '111.11.11.Q11', organName: 'Không ở đây' }],
      documentId: edocDocumentId(A.code, '2026-11-20', '77', 'UBND'),
    });
    const wrong = expectProblem(await post(B, elsewhere, { from: A.code }), 400);
    expect(wrong.detail).toContain('111.11.11.Q11');
    const huge = await B.t.app.inject({
      method: 'POST',
      url: '/api/v1/exchange/inbox',
      payload: Buffer.alloc(B.t.config.EXCHANGE_MAX_BYTES + 10, 32),
      headers: {
        'content-type': 'application/xml',
        [HEADER_FROM]: A.code,
        [HEADER_TIMESTAMP]: '1',
        [HEADER_SIGNATURE]: '0'.repeat(64),
      },
    });
    expect(huge.statusCode).toBe(413);
    // Refusals are recorded with their reason; no document was half-created.
    const refusedRows = (await B.admin.get('/api/v1/exchange/inbox?state=refused')).json().items;
    expect(refusedRows.length).toBeGreaterThanOrEqual(3);
    expect(refusedRows.every((r: { reason: string }) => r.reason.length > 0)).toBe(true);
    const n = await B.t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM documents WHERE source = 'edxml'`,
    );
    expect(n[0]!.n).toBe(1);
    // A file failing its check: refused, and status 02 goes back to the sender. A does not know this
    // DocumentId (nor the wrongly addressed one above, also answered 02 in the name of B's home
    // agency), so A in turn refuses both statuses: B's outbox shows them refused with A's reason.
    const exe = buildEdoc({
      ...(parsePacket(packageXml, { maxBytes: 1e7 }) as { edoc: Parameters<typeof buildEdoc>[0] }).edoc,
      to: [{ organId: B.code, organName: 'B' }],
      documentId: edocDocumentId(A.code, '2026-11-20', '78', 'UBND'),
      attachments: [
        {
          contentId: 'x',
          name: 'setup.pdf',
          contentType: 'application/pdf',
          data: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]),
        },
      ],
    });
    const exeRes = expectProblem(await post(B, exe, { from: A.code }), 400);
    expect(exeRes.detail).toContain('thực thi');
    await B.drain();
    const refusedOut = (await B.admin.get('/api/v1/exchange/outbox?state=refused')).json().items;
    expect(refusedOut.map((r: { business: string }) => r.business)).toEqual(['02', '02']);
  });

  it('tells the sender when the peer serves no agency with the code it was sent to (status 02)', async () => {
    // A's registry says B serves 222.22.22.Q22; B does not.
    await A.t.database.query(
      `UPDATE exchange_peers SET agency_codes = agency_codes || '["222.22.22.Q22"]'::jsonb`,
    );
    const lost = await signed(A.office, [
      { kind: 'outside', name: 'Cơ quan lạc địa chỉ', agencyCode: '222.22.22.Q22' },
    ]);
    expect((await A.office.clerk.post(`/api/v1/documents/${lost}/release`, {})).statusCode).toBe(200);
    await A.drain();
    const out = (await A.admin.get('/api/v1/exchange/outbox?state=refused')).json().items;
    expect(out.find((r: { documentId: string }) => r.documentId === lost)?.lastError).toContain(
      '222.22.22.Q22',
    );
    await B.drain();
    const d = await deliveryOf(lost);
    expect(d.status).toBe('refused');
    expect(d.note).toContain('222.22.22.Q22');
    const n = await B.t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM documents WHERE source = 'edxml'`,
    );
    expect(n[0]!.n).toBe(1);
    await A.t.database.query(`UPDATE exchange_peers SET agency_codes = agency_codes - '222.22.22.Q22'`);
  });

  it('sends an update and a recall; the recipient answers 15 and the sender sees it', async () => {
    const v2 = tinyPdf('ban sua');
    const f = await upload(A.office.clerk, 'cong-van-sua.pdf', 'application/pdf', v2);
    const up = await A.office.clerk.post(`/api/v1/documents/${docId}/update`, {
      reason: 'Sửa lỗi chính tả',
      files: [f],
    });
    expect(up.statusCode, up.body).toBe(200);
    await A.drain();
    let copy = await detail(B.office.clerk, copyId);
    const current = copy.files.filter((x: { current: boolean }) => x.current);
    expect(current.map((x: { fileName: string; version: number }) => [x.fileName, x.version])).toEqual([
      ['cong-van-sua.pdf', 2],
    ]);
    await B.drain();
    expect((await deliveryOf(docId)).note).toContain('Đã cập nhật');

    const rc = await A.office.clerk.post(`/api/v1/documents/${docId}/recall`, { reason: 'Ban hành nhầm' });
    expect(rc.statusCode, rc.body).toBe(200);
    expect((await deliveryOf(docId)).note).toContain('yêu cầu thu hồi');
    await A.drain();
    copy = await detail(B.office.clerk, copyId);
    expect(copy.status).toBe('cancelled');
    await B.drain();
    expect((await deliveryOf(docId)).status).toBe('recalled');
  });

  it('imports an uploaded package into the clerk’s own agency only', async () => {
    const edoc = (parsePacket(packageXml, { maxBytes: 1e7 }) as { edoc: Parameters<typeof buildEdoc>[0] })
      .edoc;
    const forB = buildEdoc({
      ...edoc,
      from: { organId: '222.22.22.W22', organName: 'Bộ ngoài hệ thống' },
      to: [{ organId: B.code, organName: 'B' }],
      documentId: edocDocumentId('222.22.22.W22', '2026-11-21', '05', 'BNG-VP'),
    });
    const up = await upload(B.office.clerk, 'goi-tin.edxml', 'application/xml', Buffer.from(forB));
    const r = await B.office.clerk.post('/api/v1/exchange/import', { sha256: up.sha256 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ result: 'accepted', kind: 'edoc', business: 'new' });
    const d = await detail(B.office.clerk, r.json().documentIds[0]);
    expect(d).toMatchObject({
      status: 'pending',
      issuerCode: '222.22.22.W22',
      issuerName: 'Bộ ngoài hệ thống',
    });
    // The same upload again is a duplicate, not a second document.
    expect((await B.office.clerk.post('/api/v1/exchange/import', { sha256: up.sha256 })).json().result).toBe(
      'duplicate',
    );
    // A's clerk cannot import a package addressed to B.
    const upA = await upload(A.office.clerk, 'goi-tin.edxml', 'application/xml', Buffer.from(forB));
    expectProblem(await A.office.clerk.post('/api/v1/exchange/import', { sha256: upA.sha256 }), 400);
    // Officers cannot import at all.
    expectProblem(await B.office.officer.post('/api/v1/exchange/import', { sha256: up.sha256 }), 403);
  });

  it('never sends a secret document over the network: paper only, no export', async () => {
    const f = await upload(A.office.officer, 'mat.pdf', 'application/pdf', tinyPdf('mat'));
    const d = await A.office.officer.post('/api/v1/documents/drafts', {
      typeCode: 'cong_van',
      summary: 'V/v nội dung mật gửi tỉnh B',
      recipients: [{ kind: 'outside', name: 'Sở ở tỉnh B', agencyCode: B.code }],
      files: [f],
      secrecy: 'mat',
    });
    const id = d.json().id as string;
    await A.office.officer.post(`/api/v1/documents/${id}/submit-review`, { toId: A.office.s.leader.id });
    await A.office.leader.post(`/api/v1/documents/${id}/review`, { action: 'sign' });
    expectProblem(await A.office.clerk.post(`/api/v1/documents/${id}/release`, {}), 409);
    const rel = await A.office.clerk.post(`/api/v1/documents/${id}/release`, { paperForSecret: true });
    expect(rel.statusCode, rel.body).toBe(200);
    const dels = (await detail(A.office.clerk, id)).deliveries;
    expect(dels.map((x: { channel: string }) => x.channel)).toEqual(['paper']);
    expectProblem(await A.office.clerk.get(`/api/v1/exchange/documents/${id}/edxml`), 403);
    const queued = await A.t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM exchange_outbox WHERE document_id = '${id}'`,
    );
    expect(queued[0]!.n).toBe(0);
  });

  it('takes a batch of packages in one signed request, in order, one result each, never half made', async () => {
    const base = (parsePacket(packageXml, { maxBytes: 1e7 }) as { edoc: Parameters<typeof buildEdoc>[0] })
      .edoc;
    const make = (n: number) =>
      buildEdoc({
        ...base,
        to: [{ organId: B.code, organName: 'B' }],
        codeNumber: String(n),
        subject: `Văn bản lô số ${n}`,
        documentId: edocDocumentId(A.code, '2026-11-21', String(n), 'UBND'),
      });
    const unknownStatus = buildStatus({
      responseFor: { organId: B.code, code: '9/X', documentId: `${B.code},2026/11/21,9/X` },
      from: { organId: A.code, organName: 'A' },
      statusCode: '03',
      timestamp: wireTimestamp(new Date()),
    });
    expectProblem(await postBatch(B, [make(31)], { from: A.code, secret: 'wrong-secret-wrong-secret' }), 401);
    // A signed body that is not multipart at all: refused as a whole, nothing taken.
    const garbage = Buffer.from('không phải multipart');
    const ts = Date.now();
    const broken = await B.t.app.inject({
      method: 'POST',
      url: '/api/v1/exchange/inbox/batch',
      payload: garbage,
      headers: {
        'content-type': 'multipart/form-data; boundary=xyz',
        [HEADER_FROM]: A.code,
        [HEADER_TIMESTAMP]: String(ts),
        [HEADER_SIGNATURE]: sign(SECRET, ts, garbage),
      },
    });
    expect(expectProblem(broken, 400).detail).toContain('multipart');
    const res = await postBatch(B, [make(31), make(32), make(31), '<edXML><oops>', unknownStatus], {
      from: A.code,
    });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { status: number; result?: string; documentIds?: string[] }[];
    expect(items.map((i) => i.status)).toEqual([200, 200, 200, 400, 404]);
    expect(items.slice(0, 3).map((i) => i.result)).toEqual(['accepted', 'accepted', 'duplicate']);
    // The same package twice in one batch is one document.
    expect(items[2]!.documentIds).toEqual(items[0]!.documentIds);
    const made = await B.t.database.query<{ summary: string; files: number }>(
      `SELECT d.summary, (SELECT count(*)::int FROM document_files f WHERE f.document_id = d.id) AS files
         FROM documents d WHERE d.summary LIKE 'Văn bản lô số %' ORDER BY d.summary`,
    );
    expect(made).toEqual([
      { summary: 'Văn bản lô số 31', files: 1 },
      { summary: 'Văn bản lô số 32', files: 1 },
    ]);
    // Sent again (a lost answer): duplicates, nothing new; the audit chains still hold.
    const again = await postBatch(B, [make(31), make(32)], { from: A.code });
    expect(again.json().items.map((i: { result: string }) => i.result)).toEqual(['duplicate', 'duplicate']);
    expect((await verifyAuditChain(B.t.database.db)).ok).toBe(true);
  });

  it('sends single packages to a peer that has no batch route, and records each answer', async () => {
    const received: string[] = [];
    const other = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        if (req.url?.endsWith('/batch')) {
          res.statusCode = 404;
          res.end('{}');
          return;
        }
        received.push(Buffer.concat(chunks).toString('utf8'));
        const refuse = received.length === 2;
        res.statusCode = refuse ? 409 : 200;
        res.end(JSON.stringify(refuse ? { detail: 'Đã nhận văn bản này' } : { result: 'accepted' }));
      });
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    try {
      const port = (other.address() as { port: number }).port;
      const peer = await A.admin.post('/api/v1/exchange/peers', {
        name: 'Hệ thống khác',
        baseUrl: `http://127.0.0.1:${port}`,
        agencyCodes: ['333.33.33.Q33'],
        secret: SECRET,
      });
      expect(peer.statusCode, peer.body).toBe(201);
      for (let i = 0; i < 3; i++) {
        const id = await signed(A.office, [
          { kind: 'outside', name: 'Cơ quan hệ thống khác', agencyCode: '333.33.33.Q33' },
        ]);
        expect((await A.office.clerk.post(`/api/v1/documents/${id}/release`, {})).statusCode).toBe(200);
      }
      await A.drain();
      expect(received).toHaveLength(3);
      expect(received.every((x) => x.includes('333.33.33.Q33'))).toBe(true);
      const rows = await A.t.database.query<{ state: string; last_error: string | null }>(
        `SELECT state, last_error FROM exchange_outbox WHERE peer_id = $1 ORDER BY created_at, id`,
        [peer.json().id],
      );
      expect(rows.map((r) => r.state)).toEqual(['delivered', 'refused', 'delivered']);
      expect(rows[1]!.last_error).toContain('Đã nhận văn bản này');
    } finally {
      await new Promise((r) => other.close(r));
      await A.t.database.query(`UPDATE exchange_peers SET status = 'disabled' WHERE name = 'Hệ thống khác'`);
    }
  });

  it('exchanges by key pair instead of a shared secret: each side registers the other’s public key', async () => {
    const idA = (await A.admin.get('/api/v1/exchange/identity')).json();
    const idB = (await B.admin.get('/api/v1/exchange/identity')).json();
    expect(idA.publicKey).toContain('BEGIN PUBLIC KEY');
    expect(idA.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(idA.fingerprint).not.toBe(idB.fingerprint);
    const peerOf = async (site: Site, name: string) =>
      (await site.admin.get('/api/v1/exchange/peers'))
        .json()
        .items.find((p: { name: string }) => p.name === name);
    const bAtA = await peerOf(A, 'Tỉnh B');
    const aAtB = await peerOf(B, 'Tỉnh A');
    const byKey = (p: { name: string; baseUrl: string; agencyCodes: string[] }, publicKey: string) => ({
      name: p.name,
      baseUrl: p.baseUrl,
      agencyCodes: p.agencyCodes,
      publicKey,
    });
    // A key that is not one, or a key and a secret together, is refused with the field named.
    const bad = expectProblem(
      await A.admin.patch(`/api/v1/exchange/peers/${bAtA.id}`, byKey(bAtA, 'khong phai khoa')),
      400,
    );
    expect(bad.detail).toContain('PEM');
    expectProblem(
      await A.admin.patch(`/api/v1/exchange/peers/${bAtA.id}`, {
        ...byKey(bAtA, idB.publicKey),
        secret: SECRET,
      }),
      400,
    );
    const updated = await A.admin.patch(`/api/v1/exchange/peers/${bAtA.id}`, byKey(bAtA, idB.publicKey));
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ auth: 'key', keyFingerprint: idB.fingerprint });
    expect(
      (await B.admin.patch(`/api/v1/exchange/peers/${aAtB.id}`, byKey(aAtB, idA.publicKey))).statusCode,
    ).toBe(200);
    try {
      // A signs with its private key; B verifies with A's public key, and answers the same way.
      const id = await signed(A.office, [{ kind: 'outside', name: 'Sở ở tỉnh B', agencyCode: B.code }]);
      expect((await A.office.clerk.post(`/api/v1/documents/${id}/release`, {})).statusCode).toBe(200);
      await A.drain();
      await B.drain();
      expect((await deliveryOf(id)).status).toBe('delivered');
      // The shared secret no longer opens B's door, and a tampered signature neither.
      const hmac = expectProblem(await post(B, packageXml, { from: A.code }), 401);
      expect(hmac.detail).toContain('Chữ ký');
      const body = Buffer.from(packageXml);
      const ts = Date.now();
      const forged = await B.t.app.inject({
        method: 'POST',
        url: '/api/v1/exchange/inbox',
        payload: body,
        headers: {
          'content-type': 'application/xml',
          [HEADER_FROM]: A.code,
          [HEADER_TIMESTAMP]: String(ts),
          [HEADER_SIGNATURE]: Buffer.alloc(64, 7).toString('base64'),
        },
      });
      expect(forged.statusCode).toBe(401);
    } finally {
      // Back to the shared secret for the tests after this one.
      const back = { name: bAtA.name, baseUrl: bAtA.baseUrl, agencyCodes: bAtA.agencyCodes, secret: SECRET };
      expect((await A.admin.patch(`/api/v1/exchange/peers/${bAtA.id}`, back)).json().auth).toBe('secret');
      await B.admin.patch(`/api/v1/exchange/peers/${aAtB.id}`, {
        ...back,
        name: aAtB.name,
        baseUrl: aAtB.baseUrl,
        agencyCodes: aAtB.agencyCodes,
      });
    }
  });

  it('keeps peers to administrators and refuses a code served twice', async () => {
    expectProblem(await A.office.clerk.get('/api/v1/exchange/peers'), 403);
    const peers = (await A.admin.get('/api/v1/exchange/peers')).json().items;
    const b = peers.find((p: { name: string }) => p.name === 'Tỉnh B');
    expect(b).not.toHaveProperty('secret');
    expect(b.outbox.delivered).toBeGreaterThanOrEqual(3);
    expectProblem(
      await A.admin.post('/api/v1/exchange/peers', {
        name: 'Trùng',
        baseUrl: 'http://127.0.0.1:9',
        agencyCodes: [B.code],
        secret: SECRET,
      }),
      409,
    );
    expectProblem(
      await A.admin.post('/api/v1/exchange/peers', {
        name: 'Mã của mình',
        baseUrl: 'http://127.0.0.1:9',
        agencyCodes: [A.code],
        secret: SECRET,
      }),
      409,
    );
  });
});

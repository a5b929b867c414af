import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  expectProblem,
  makeTestApp,
  signIn,
  type TestApp,
} from '../../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../../test/helpers/db.ts';
import { makeAgency, makePerson } from '../../../../../test/helpers/factories.ts';
import { EFFECT_RULE_MESSAGE } from '../../../../shared/legal/api.ts';
import {
  makeDecree30Pdf,
  makeScannedPdf,
  SAMPLE_DECISION,
} from '../../documents/extract/testing/make-docs.ts';
import { legalExtractTextJob, legalOcrFinished } from './files.ts';
import { recomputeStatusJob } from './jobs.ts';
import { searchLegal } from './search.ts';

// The legal records through the HTTP API: the province's office (VP) keeps the records; another
// department (S1) reads them but cannot change them. Today is 10 March 2026 in Vietnam.
describe.each(ENGINES)('legal records on %s', (engine) => {
  let t: TestApp;
  const clock = new Date('2026-03-10T03:00:00Z');
  const who = {} as Record<'vpClerk' | 'vpOfficer' | 's1Clerk' | 'vpArchivist', Client>;
  let ubndIssuer = '';
  let chinhPhu = '';

  const q = <T = Record<string, unknown>>(text: string, ...params: unknown[]) =>
    t.database.query<T>(text, params);
  const count = async (table: string) =>
    (await q<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  beforeAll(async () => {
    t = await makeTestApp(engine, { SESSION_CACHE_MS: '0' }, { now: () => clock });
    const db = t.database.db;
    const P = await makeAgency(db, { kind: 'province', name: 'Ủy ban nhân dân tỉnh Thử' });
    const VP = await makeAgency(db, { parentId: P.id, name: 'Văn phòng Ủy ban nhân dân tỉnh Thử' });
    const S1 = await makeAgency(db, { parentId: P.id, name: 'Sở Tư pháp Thử' });
    const person = async (
      key: keyof typeof who,
      agencyId: string,
      role: Parameters<typeof makePerson>[1]['role'],
    ) => {
      const p = await makePerson(db, { agencyId, role });
      who[key] = await signIn(t.app, p.username);
    };
    await person('vpClerk', VP.id, 'clerk');
    await person('vpOfficer', VP.id, 'officer');
    await person('vpArchivist', VP.id, 'archivist');
    await person('s1Clerk', S1.id, 'clerk');
    const res = await who.vpClerk.post('/api/v1/legal/issuers', {
      name: 'Ủy ban nhân dân tỉnh Thử',
      level: 'local',
    });
    expect(res.statusCode).toBe(201);
    ubndIssuer = res.json().id;
    const issuers = (await who.s1Clerk.get('/api/v1/legal/issuers')).json().items as {
      id: string;
      code: string;
    }[];
    chinhPhu = issuers.find((i) => i.code === 'chinh_phu')!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const decision = (
    numberNotation: string,
    issuedDate: string,
    effectiveFrom: string,
    extra: object = {},
  ) => ({
    origin: 'local',
    numberNotation,
    typeCode: 'quyet_dinh_ubnd',
    issuerId: ubndIssuer,
    signerName: 'Nguyễn Văn An',
    signerTitle: 'Chủ tịch',
    title: `Quyết định ban hành Quy định quản lý ${numberNotation}`,
    issuedDate,
    effectiveFrom,
    scope: 'Tỉnh Thử',
    fieldCode: 15,
    ...extra,
  });
  const create = async (body: object) => {
    const res = await who.vpClerk.post('/api/v1/legal/documents', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; numberNotation: string; statusNow: string; statusLabel: string };
  };

  it('creates, reads, edits and finds a record (number first, then words without diacritics)', async () => {
    const doc = await create(
      decision('25/2024/QĐ-UBND', '2024-05-02', '2024-05-15', {
        title: 'Quyết định ban hành Quy định về quản lý chợ trên địa bàn tỉnh',
        summary: 'Quy định phân cấp quản lý chợ.',
      }),
    );
    expect(doc).toMatchObject({ statusNow: 'in_force', statusLabel: 'Còn hiệu lực' });
    const got = (await who.s1Clerk.get(`/api/v1/legal/documents/${doc.id}`)).json();
    expect(got).toMatchObject({
      numberNotation: '25/2024/QĐ-UBND',
      typeName: 'Quyết định của Ủy ban nhân dân',
      issuerName: 'Ủy ban nhân dân tỉnh Thử',
      fieldName: 'Bộ máy hành chính',
      expiredOn: null,
      canEdit: false,
      files: [],
    });
    expect((await who.vpClerk.get(`/api/v1/legal/documents/${doc.id}`)).json().canEdit).toBe(true);

    const patched = await who.vpOfficer.patch(`/api/v1/legal/documents/${doc.id}`, {
      effectiveTo: '2026-01-01',
      sector: 'Công Thương',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      sector: 'Công Thương',
      statusNow: 'expired',
      expiredOn: '2026-01-01',
    });
    const audited = await q<{ action: string }>(
      'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq',
      doc.id,
    );
    expect(audited.map((a) => a.action)).toEqual(['legal.document.create', 'legal.document.update']);

    // A central decree whose title mentions "quản lý chợ", and the number search.
    await create({
      ...decision('60/2024/NĐ-CP', '2024-06-05', '2024-07-25'),
      origin: 'central',
      typeCode: 'nghi_dinh',
      issuerId: chinhPhu,
      title: 'Nghị định về phát triển và quản lý chợ',
    });
    const words = (await who.s1Clerk.get('/api/v1/legal/documents?q=quan%20ly%20cho')).json();
    expect(words.items.map((i: { numberNotation: string }) => i.numberNotation)).toEqual([
      '60/2024/NĐ-CP',
      '25/2024/QĐ-UBND',
    ]);
    const number = (await who.s1Clerk.get('/api/v1/legal/documents?q=25%2F2024')).json();
    expect(number.items[0].numberNotation).toBe('25/2024/QĐ-UBND');
    const filtered = (await who.s1Clerk.get('/api/v1/legal/documents?typeCode=nghi_dinh&year=2024')).json();
    expect(filtered.items.map((i: { numberNotation: string }) => i.numberNotation)).toEqual([
      '60/2024/NĐ-CP',
    ]);
    const expired = (await who.s1Clerk.get('/api/v1/legal/documents?status=expired')).json();
    expect(expired.items.map((i: { numberNotation: string }) => i.numberNotation)).toEqual([
      '25/2024/QĐ-UBND',
    ]);
    // Keyset pages: one at a time, nothing lost or repeated.
    const first = (await who.s1Clerk.get('/api/v1/legal/documents?q=quan%20ly%20cho&limit=1')).json();
    const second = (
      await who.s1Clerk.get(`/api/v1/legal/documents?q=quan%20ly%20cho&limit=1&cursor=${first.nextCursor}`)
    ).json();
    expect([first.items[0].numberNotation, second.items[0].numberNotation]).toEqual([
      '60/2024/NĐ-CP',
      '25/2024/QĐ-UBND',
    ]);
    expect(second.nextCursor).toBeUndefined();
    // Beyond the window of newest documents the full-text index answers, in the same order.
    const numbers = async (window: number) => {
      const out: string[] = [];
      let after: string | undefined;
      do {
        const p = await searchLegal(t.database.db, { q: 'quan ly', limit: 1, window, after });
        out.push(...p.items.map((i) => i.numberNotation));
        after = p.nextCursor;
      } while (after);
      return out;
    };
    expect(await numbers(1)).toEqual(await numbers(2000));
    expect(await numbers(1)).toEqual(['60/2024/NĐ-CP', '25/2024/QĐ-UBND']);
  });

  it('refuses bad input with a precise Vietnamese problem, changing nothing', async () => {
    const before = await count('legal_documents');
    let p = expectProblem(
      await who.vpClerk.post(
        '/api/v1/legal/documents',
        decision('1/2025/QĐ-UBND', '2025-03-10', '2025-03-01'),
      ),
      400,
    );
    expect(p.detail).toBe('Ngày có hiệu lực không được trước ngày ban hành.');
    p = expectProblem(
      await who.vpClerk.post(
        '/api/v1/legal/documents',
        decision('1/2025/QĐ-UBND', '2025-03-10', '2025-03-20', { effectiveTo: '2025-03-20' }),
      ),
      400,
    );
    expect(p.detail).toBe('Ngày hết hiệu lực phải sau ngày có hiệu lực.');
    p = expectProblem(
      await who.vpClerk.post(
        '/api/v1/legal/documents',
        decision('1/2025/QĐ-UBND', '2025-03-10', '2025-03-20', { statusNow: 'in_force' }),
      ),
      400,
    );
    expect(p.detail).toBe(EFFECT_RULE_MESSAGE);
    p = expectProblem(
      await who.vpClerk.post('/api/v1/legal/documents', {
        ...decision('1/2025/QĐ-UBND', '2025-03-10', '2025-03-20'),
        typeCode: 'x',
      }),
      400,
    );
    expect(p.fields?.[0]?.message).toBe('Loại văn bản không có trong danh mục.');
    const doc = await create(decision('2/2025/QĐ-UBND', '2025-03-10', '2025-03-20'));
    p = expectProblem(
      await who.vpClerk.post(
        '/api/v1/legal/documents',
        decision('2/2025/qđ-ubnd', '2025-04-10', '2025-04-20'),
      ),
      409,
    );
    expect(p.detail).toContain('đã có văn bản số 2/2025/qđ-ubnd');
    const stamp = (
      await q<{ u: string }>('SELECT updated_at::text AS u FROM legal_documents WHERE id = $1', doc.id)
    )[0]!.u;
    p = expectProblem(
      await who.vpClerk.patch(`/api/v1/legal/documents/${doc.id}`, { statusNow: 'expired' }),
      400,
    );
    expect(p.detail).toBe(EFFECT_RULE_MESSAGE);
    p = expectProblem(
      await who.vpClerk.patch(`/api/v1/legal/documents/${doc.id}`, { effectiveFrom: '2025-03-01' }),
      400,
    );
    expect(p.detail).toBe('Ngày có hiệu lực không được trước ngày ban hành.');
    p = expectProblem(
      await who.vpClerk.patch(`/api/v1/legal/documents/${doc.id}`, { effectiveTo: '2025-03-19' }),
      400,
    );
    expect(p.detail).toBe('Ngày hết hiệu lực phải sau ngày có hiệu lực.');
    expect(
      (await q<{ u: string }>('SELECT updated_at::text AS u FROM legal_documents WHERE id = $1', doc.id))[0]!
        .u,
    ).toBe(stamp);
    expect(await count('legal_documents')).toBe(before + 1);

    // A declared status where it is computed (the document guides nothing).
    p = expectProblem(
      await who.vpClerk.post(`/api/v1/legal/documents/${doc.id}/declared-status`, {
        status: 'expired',
        from: '2026-01-01',
      }),
      400,
    );
    expect(p.detail).toBe(EFFECT_RULE_MESSAGE);
    expect((await q('SELECT declared_status FROM legal_documents WHERE id = $1', doc.id))[0]).toEqual({
      declared_status: null,
    });
  });

  it('refuses self-replacement, a cycle of replacements and a duplicate link', async () => {
    const a = await create(decision('10/2020/QĐ-UBND', '2020-01-10', '2020-01-25'));
    const b = await create(decision('11/2021/QĐ-UBND', '2021-01-10', '2021-01-25'));
    const c = await create(decision('12/2022/QĐ-UBND', '2022-01-10', '2022-01-25'));
    const rel = (from: string, body: object) =>
      who.vpClerk.post(`/api/v1/legal/documents/${from}/relations`, body);
    let p = expectProblem(await rel(a.id, { kind: 'replaces', targetId: a.id }), 400);
    expect(p.detail).toBe('Văn bản không thể thay thế chính nó.');
    expect((await rel(b.id, { kind: 'replaces', targetId: a.id })).statusCode).toBe(201);
    expect((await rel(c.id, { kind: 'repeals', targetId: b.id })).statusCode).toBe(201);
    const links = await count('legal_relations');
    p = expectProblem(await rel(a.id, { kind: 'replaces', targetId: b.id }), 409);
    expect(p.detail).toBe(
      'Quan hệ này tạo thành vòng thay thế: 10/2020/QĐ-UBND → 11/2021/QĐ-UBND → 10/2020/QĐ-UBND.',
    );
    p = expectProblem(await rel(a.id, { kind: 'repeals', targetId: c.id }), 409);
    expect(p.detail).toBe(
      'Quan hệ này tạo thành vòng thay thế: 10/2020/QĐ-UBND → 12/2022/QĐ-UBND → 11/2021/QĐ-UBND → 10/2020/QĐ-UBND.',
    );
    p = expectProblem(await rel(b.id, { kind: 'replaces', targetId: a.id }), 409);
    expect(p.detail).toBe('Quan hệ "Văn bản thay thế" từ văn bản 11/2021/QĐ-UBND tới 10/2020/QĐ-UBND đã có.');
    expect(await count('legal_relations')).toBe(links);
    // Other kinds may point back (an amendment of a replacing document is no cycle).
    expect((await rel(a.id, { kind: 'cites', targetId: c.id })).statusCode).toBe(201);

    // Removing the replacement puts the old decision back in force (its cached status too).
    const cached = async () =>
      (await q<{ s: string }>('SELECT status_now AS s FROM legal_documents WHERE id = $1', a.id))[0]!.s;
    expect(await cached()).toBe('expired');
    const links2 = (await who.s1Clerk.get(`/api/v1/legal/documents/${b.id}/relations`)).json().items as {
      id: string;
      kind: string;
      direction: string;
    }[];
    const replacing = links2.find((l) => l.kind === 'replaces' && l.direction === 'outgoing')!;
    expectProblem(await who.s1Clerk.delete(`/api/v1/legal/documents/${b.id}/relations/${replacing.id}`), 403);
    expect(
      (await who.vpClerk.delete(`/api/v1/legal/documents/${b.id}/relations/${replacing.id}`)).statusCode,
    ).toBe(204);
    expect(await cached()).toBe('in_force');
    expectProblem(await who.vpClerk.delete(`/api/v1/legal/documents/${b.id}/relations/${replacing.id}`), 404);
  });

  it('shows a replaced decision "Hết hiệu lực toàn bộ" from the replacing decision effect date, naming it in its history', async () => {
    const old = await create(decision('30/2013/QĐ-UBND', '2013-08-01', '2013-08-11'));
    const amending = await create(decision('05/2016/QĐ-UBND', '2016-01-05', '2016-01-15'));
    const replacing = await create(
      decision('14/2026/QĐ-UBND', '2026-03-02', '2026-03-12', {
        title: 'Quyết định thay thế Quyết định số 30/2013/QĐ-UBND',
      }),
    );
    await who.vpClerk.post(`/api/v1/legal/documents/${amending.id}/relations`, {
      kind: 'amends',
      targetId: old.id,
      articles: 'Điều 5',
    });
    const res = await who.vpClerk.post(`/api/v1/legal/documents/${replacing.id}/relations`, {
      kind: 'replaces',
      targetId: old.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    // Today (10/3) the replacement is not yet in effect: partly expired by the amendment.
    let view = (await who.s1Clerk.get(`/api/v1/legal/documents/${old.id}`)).json();
    expect(view).toMatchObject({ statusNow: 'expired_partly', expiredOn: null });
    const status = (asOf: string) => who.s1Clerk.get(`/api/v1/legal/documents/${old.id}/status?asOf=${asOf}`);
    expect((await status('2026-03-11')).json()).toEqual({
      status: 'expired_partly',
      statusLabel: 'Hết hiệu lực một phần',
      asOf: '2026-03-11',
    });
    expect((await status('2026-03-12')).json()).toEqual({
      status: 'expired',
      statusLabel: 'Hết hiệu lực toàn bộ',
      asOf: '2026-03-12',
    });

    // Two days later the daily job runs: the list and the page say "Hết hiệu lực toàn bộ".
    clock.setTime(Date.parse('2026-03-12T01:00:00Z'));
    const handler = recomputeStatusJob.handler(t.app.services);
    await handler.run!({
      db: t.database.db,
      job: { id: 0, kind: recomputeStatusJob.kind, payload: {}, attempts: 0, max_attempts: 1 },
    });
    view = (await who.s1Clerk.get(`/api/v1/legal/documents/${old.id}`)).json();
    expect(view).toMatchObject({
      statusNow: 'expired',
      statusLabel: 'Hết hiệu lực toàn bộ',
      expiredOn: '2026-03-12',
    });
    const cached = (await who.s1Clerk.get('/api/v1/legal/documents?q=30%2F2013')).json();
    expect(cached.items[0]).toMatchObject({
      numberNotation: '30/2013/QĐ-UBND',
      statusLabel: 'Hết hiệu lực toàn bộ',
    });
    const history = (await who.s1Clerk.get(`/api/v1/legal/documents/${old.id}/history`)).json().items;
    expect(
      history.map((h: { date: string; event: string; statusLabel: string }) => [
        h.date,
        h.event,
        h.statusLabel,
      ]),
    ).toEqual([
      ['2013-08-01', 'Văn bản được ban hành', 'Chưa có hiệu lực'],
      ['2013-08-11', 'Văn bản có hiệu lực', 'Còn hiệu lực'],
      ['2016-01-15', 'Được sửa đổi', 'Hết hiệu lực một phần'],
      ['2026-03-12', 'Bị thay thế', 'Hết hiệu lực toàn bộ'],
    ]);
    expect(history[3].by).toMatchObject({ id: replacing.id, numberNotation: '14/2026/QĐ-UBND' });
    expect(history[2].articles).toBe('Điều 5');

    const relations = (await who.s1Clerk.get(`/api/v1/legal/documents/${old.id}/relations`)).json().items;
    expect(relations.map((r: { label: string; direction: string }) => [r.label, r.direction])).toEqual([
      ['Văn bản sửa đổi', 'incoming'],
      ['Văn bản thay thế', 'incoming'],
    ]);
    const diagram = (await who.s1Clerk.get(`/api/v1/legal/documents/${replacing.id}/diagram`)).json();
    expect(diagram.current.numberNotation).toBe('14/2026/QĐ-UBND');
    expect(diagram.groups).toEqual([
      expect.objectContaining({
        kind: 'replaces',
        direction: 'outgoing',
        label: 'Văn bản bị thay thế',
        items: [expect.objectContaining({ id: old.id, statusNow: 'expired' })],
      }),
    ]);
    clock.setTime(Date.parse('2026-03-10T03:00:00Z'));
  });

  it('keeps a guiding document in force under the 2025 law until its end is announced', async () => {
    const law = await create(decision('01/2015/NQ-HĐND', '2015-01-05', '2015-01-15'));
    const guiding = await create(decision('02/2015/QĐ-UBND', '2015-02-05', '2015-02-15'));
    const newer = await create(decision('03/2025/NQ-HĐND', '2025-08-01', '2025-08-11'));
    await who.vpClerk.post(`/api/v1/legal/documents/${guiding.id}/relations`, {
      kind: 'guides',
      targetId: law.id,
    });
    await who.vpClerk.post(`/api/v1/legal/documents/${newer.id}/relations`, {
      kind: 'replaces',
      targetId: law.id,
    });
    expect((await who.s1Clerk.get(`/api/v1/legal/documents/${guiding.id}`)).json().statusNow).toBe(
      'in_force',
    );
    const res = await who.vpClerk.post(`/api/v1/legal/documents/${guiding.id}/declared-status`, {
      status: 'expired',
      from: '2026-03-01',
      byId: newer.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      statusNow: 'expired',
      declaredStatus: 'expired',
      declaredFrom: '2026-03-01',
      declaredBy: { id: newer.id, numberNotation: '03/2025/NQ-HĐND' },
    });
  });

  it('lets only the keeping agency write, and nobody without an account', async () => {
    const doc = await create(decision('40/2025/QĐ-UBND', '2025-05-10', '2025-05-20'));
    const other = await create(decision('41/2025/QĐ-UBND', '2025-06-10', '2025-06-20'));
    let p = expectProblem(
      await who.s1Clerk.patch(`/api/v1/legal/documents/${doc.id}`, { sector: 'Tư pháp' }),
      403,
    );
    expect(p.detail).toBe('Chỉ cơ quan lưu giữ văn bản này mới được sửa thông tin của nó.');
    p = expectProblem(
      await who.s1Clerk.post(`/api/v1/legal/documents/${doc.id}/relations`, {
        kind: 'replaces',
        targetId: other.id,
      }),
      403,
    );
    expectProblem(
      await who.vpArchivist.post(
        '/api/v1/legal/documents',
        decision('42/2025/QĐ-UBND', '2025-06-10', '2025-06-20'),
      ),
      403,
    );
    expectProblem(await who.vpArchivist.patch(`/api/v1/legal/documents/${doc.id}`, { sector: 'x' }), 403);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/legal/documents',
      payload: decision('43/2025/QĐ-UBND', '2025-06-10', '2025-06-20'),
    });
    expectProblem(anonymous, 401);
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/legal/documents/${doc.id}` }), 401);
    expect((await q('SELECT sector FROM legal_documents WHERE id = $1', doc.id))[0]).toEqual({
      sector: null,
    });
    expectProblem(await who.s1Clerk.get('/api/v1/legal/documents/00000000-0000-7000-8000-000000000000'), 404);
  });

  it('uploads a PDF, serves it back and fills the full text from it', async () => {
    const doc = await create(decision('50/2025/QĐ-UBND', '2025-07-10', '2025-07-20'));
    const boundary = '----lt-legal';
    const pdf = await makeDecree30Pdf({
      ...SAMPLE_DECISION,
      number: 50,
      summary: 'Về việc quy định mức thu phí bảo vệ môi trường đối với nước thải sinh hoạt',
    });
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="qd-50.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await who.vpClerk.inject({
      method: 'POST',
      url: `/api/v1/legal/documents/${doc.id}/files`,
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json().id;
    const down = await who.s1Clerk.get(`/api/v1/legal/documents/${doc.id}/files/${fileId}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(pdf)).toBe(true);
    const jobs = await q<{ payload: { legalDocumentId: string } }>(
      "SELECT payload FROM jobs WHERE kind = 'legal.extract_text'",
    );
    expect(jobs.map((j) => j.payload.legalDocumentId)).toContain(doc.id);
    const handler = legalExtractTextJob.handler(t.app.services);
    await handler.run!({
      db: t.database.db,
      job: {
        id: 0,
        kind: 'legal.extract_text',
        payload: { legalDocumentId: doc.id },
        attempts: 0,
        max_attempts: 1,
      },
    });
    const view = (await who.s1Clerk.get(`/api/v1/legal/documents/${doc.id}`)).json();
    expect(view.textSource).toBe('file');
    expect(view.fullText).toContain('phí bảo vệ môi trường');
    expect(view.files).toEqual([
      expect.objectContaining({ id: fileId, fileName: 'qd-50.pdf', mediaType: 'application/pdf' }),
    ]);
    const found = (await who.s1Clerk.get('/api/v1/legal/documents?q=phi%20bao%20ve%20moi%20truong')).json();
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([doc.id]);
    // Another agency cannot add a file.
    const refused = await who.s1Clerk.inject({
      method: 'POST',
      url: `/api/v1/legal/documents/${doc.id}/files`,
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expectProblem(refused, 403);
  });
  it('asks OCR for a scan and takes its text when the run ends (the ocrFinished hook)', async () => {
    const doc = await create(decision('51/2025/QĐ-UBND', '2025-07-11', '2025-07-21'));
    const boundary = '----lt-legal-scan';
    const scan = await makeScannedPdf(1);
    const up = await who.vpClerk.inject({
      method: 'POST',
      url: `/api/v1/legal/documents/${doc.id}/files`,
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        scan,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(up.statusCode, up.body).toBe(201);
    const sha256 = up.json().sha256 as string;
    const run = legalExtractTextJob.handler(t.app.services).run!;
    const job = {
      id: 0,
      kind: 'legal.extract_text',
      payload: { legalDocumentId: doc.id },
      attempts: 0,
      max_attempts: 1,
    };
    await run({ db: t.database.db, job });
    expect(await q('SELECT status FROM ocr_runs WHERE source_sha256 = $1', sha256)).toEqual([
      { status: 'queued' },
    ]);
    expect((await who.s1Clerk.get(`/api/v1/legal/documents/${doc.id}`)).json().textSource).toBeNull();
    // The OCR runner finishes (simulated) and calls the hook: the record's extraction is queued again.
    await q(
      "UPDATE ocr_runs SET status = 'done', text = 'Quyết định về bảo vệ rừng đầu nguồn' WHERE source_sha256 = $1",
      sha256,
    );
    const queued = async () =>
      (
        await q<{ n: number }>(
          "SELECT count(*)::int AS n FROM jobs WHERE kind = 'legal.extract_text' AND payload->>'legalDocumentId' = $1",
          doc.id,
        )
      )[0]!.n;
    const before = await queued();
    await legalOcrFinished(t.database.db, sha256);
    expect(await queued()).toBe(before + 1);
    await run({ db: t.database.db, job });
    const view = (await who.s1Clerk.get(`/api/v1/legal/documents/${doc.id}`)).json();
    expect(view).toMatchObject({ textSource: 'ocr', fullText: 'Quyết định về bảo vệ rừng đầu nguồn' });
  });
});

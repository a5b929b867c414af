import { sql as sqlTag } from 'drizzle-orm';
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
import { makeOffice, type Office } from '../../../../test/helpers/offices.ts';
import { formatNumber } from '../../../shared/documents/decree30.ts';
import { rows } from '../../db/client.ts';
import { numberTextSql } from './registers.ts';

describe.each(ENGINES)('documents on %s', (engine) => {
  let t: TestApp;
  let clock = new Date('2026-11-23T03:00:00Z');
  let A: Office;
  let B: Office;
  const office = () => makeOffice(t.app, t.database.db);
  beforeAll(async () => {
    t = await makeTestApp(engine, { SESSION_CACHE_MS: '0' }, { now: () => clock });
    A = await office();
    B = await office();
  });
  afterAll(() => t.close());

  const incoming = (over: Record<string, unknown> = {}) => ({
    issuerName: 'Thủ tướng Chính phủ',
    numberNotation: '10/2006/CT-TTg',
    typeCode: 'chi_thi',
    issuedDate: '2006-03-23',
    summary: 'Về việc giảm văn bản, giấy tờ hành chính trong hoạt động của các cơ quan hành chính nhà nước',
    signerName: 'Phan Văn Khải',
    ...over,
  });
  const detail = async (c: Client, id: string) => {
    const r = await c.get(`/api/v1/documents/${id}`);
    if (r.statusCode !== 200) throw new Error(`detail ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const register = async (c: Client, over: Record<string, unknown> = {}) => {
    const r = await c.post('/api/v1/documents/incoming', incoming(over));
    if (r.statusCode !== 201) throw new Error(`register ${r.statusCode} ${r.body}`);
    return r.json() as { id: string; arrivalNumber: number };
  };
  /** The outgoing document of an office with this number (this year). */
  const idOf = async (o: Office, n: number) =>
    (
      await t.database.query<{ id: string }>(
        `SELECT id FROM documents WHERE agency_id = $1 AND direction = 'outgoing' AND number = $2`,
        [o.s.agency.id, n],
      )
    )[0]!.id;
  const count = async (table: string) =>
    (await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  it('registers, directs, hands down, handles and closes an incoming document, with its timeline', async () => {
    const file = await upload(A.clerk, 'chi-thi.pdf', 'application/pdf', tinyPdf());
    const reg = await A.clerk.post(
      '/api/v1/documents/incoming',
      incoming({ files: [file], submitToId: A.s.leader.id }),
    );
    expect(reg.statusCode, reg.body).toBe(201);
    const { id, arrivalNumber } = reg.json();
    expect(arrivalNumber).toBeGreaterThanOrEqual(1);
    let d = await detail(A.leader, id);
    expect(d).toMatchObject({
      status: 'submitted',
      holder: { id: A.s.leader.id },
      issuerName: 'Thủ tướng Chính phủ',
    });
    expect(d.actions).toContain('direct');
    expect(d.files[0]).toMatchObject({ fileName: 'chi-thi.pdf', mediaType: 'application/pdf' });

    // The same document again: the clerk is warned, and can confirm.
    const dup = expectProblem(await A.clerk.post('/api/v1/documents/incoming', incoming()), 409, 'duplicate');
    expect(dup.detail).toContain(String(arrivalNumber));

    const due = (await A.leader.get('/api/v1/documents/due-date?workingDays=5')).json().dueDate;
    expect(due).toBe('2026-11-30');
    expect(
      (
        await A.leader.post(`/api/v1/documents/${id}/direct`, {
          direction: 'Giao phòng chủ trì tham mưu.',
          lead: { divisionId: A.s.division.id },
          forInfo: [{ personId: A.s.clerk.id }],
          dueDate: due,
        })
      ).statusCode,
    ).toBe(200);
    // Officers see it through their division; the head hands it to the officer.
    expect(
      (await A.officer.get('/api/v1/documents?box=to_handle')).json().items.map((x: { id: string }) => x.id),
    ).toContain(id);
    expect(
      (await A.head.post(`/api/v1/documents/${id}/reassign`, { personId: A.s.officer.id })).statusCode,
    ).toBe(200);
    const doneFile = await upload(A.officer, 'bao-cao.pdf', 'application/pdf', tinyPdf('bao cao'));
    expect(
      (
        await A.officer.post(`/api/v1/documents/${id}/progress`, {
          note: 'Đã dự thảo báo cáo.',
          files: [doneFile],
          done: true,
        })
      ).statusCode,
    ).toBe(200);
    expect((await A.head.post(`/api/v1/documents/${id}/close`, { note: 'Hoàn thành' })).statusCode).toBe(200);
    d = await detail(A.clerk, id);
    expect(d.status).toBe('done');
    expect(d.events.map((e: { kind: string }) => e.kind)).toEqual([
      'registered',
      'submitted',
      'directed',
      'reassigned',
      'handled',
      'closed',
    ]);
    expect(d.files.map((f: { role: string }) => f.role)).toEqual(['main', 'result']);
  });

  it('gives arrival numbers without gaps or duplicates under parallel registration, restarting on 1 January', async () => {
    const o = await office();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        o.clerk.post(
          '/api/v1/documents/incoming',
          incoming({ numberNotation: `${i + 1}/UBND-VP`, allowDuplicate: true }),
        ),
      ),
    );
    const numbers = results.map((r) => r.json().arrivalNumber).sort((a: number, b: number) => a - b);
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const saved = clock;
    clock = new Date('2026-12-31T16:59:00Z'); // 23:59 on 31 December in Vietnam
    expect((await register(o.clerk, { numberNotation: 'x/1' })).arrivalNumber).toBe(13);
    clock = new Date('2026-12-31T17:01:00Z'); // 00:01 on 1 January 2027 in Vietnam
    expect((await register(o.clerk, { numberNotation: 'x/2' })).arrivalNumber).toBe(1);
    clock = saved;
  });

  it('drafts, reviews, signs, numbers and releases to another agency, which registers it; the sender sees each status', async () => {
    const draftFile = await upload(A.officer, 'du-thao-v1.pdf', 'application/pdf', tinyPdf('v1'));
    const draft = await A.officer.post('/api/v1/documents/drafts', {
      typeCode: 'cong_van',
      summary: 'V/v triển khai vận hành hệ thống quản lý văn bản',
      recipients: [
        { kind: 'agency', agencyId: B.s.agency.id },
        { kind: 'outside', name: 'Bưu điện tỉnh' },
      ],
      files: [draftFile],
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json().id;
    expect((await A.officer.post(`/api/v1/documents/${id}/submit-review`, {})).statusCode).toBe(200);
    expect((await detail(A.head, id)).holder.id).toBe(A.s.head.id);
    expect(
      (await A.head.post(`/api/v1/documents/${id}/review`, { action: 'return', note: 'Sửa lại đoạn 2' }))
        .statusCode,
    ).toBe(200);
    const v2 = await upload(A.officer, 'du-thao-v2.pdf', 'application/pdf', tinyPdf('v2'));
    expect((await A.officer.patch(`/api/v1/documents/${id}`, { files: [v2] })).statusCode).toBe(200);
    await A.officer.post(`/api/v1/documents/${id}/submit-review`, {});
    expect((await A.head.post(`/api/v1/documents/${id}/review`, { action: 'approve' })).statusCode).toBe(200);
    expectProblem(await A.head.post(`/api/v1/documents/${id}/review`, { action: 'sign' }), 403);
    expect((await A.leader.post(`/api/v1/documents/${id}/review`, { action: 'sign' })).statusCode).toBe(200);
    // Signed: the final version is immutable.
    expectProblem(await A.officer.patch(`/api/v1/documents/${id}`, { summary: 'Đổi sau khi ký' }), 409);
    const rel = await A.clerk.post(`/api/v1/documents/${id}/release`, {});
    expect(rel.statusCode, rel.body).toBe(200);
    expect(rel.json().numberNotation).toMatch(/^0\d\/STN-P$/);
    let d = await detail(A.clerk, id);
    expect(
      d.files.filter((f: { current: boolean }) => f.current).map((f: { fileName: string }) => f.fileName),
    ).toEqual(['du-thao-v2.pdf']);
    expect(d.files).toHaveLength(2);
    expect(
      d.deliveries.map((x: { channel: string; status: string }) => `${x.channel}:${x.status}`).sort(),
    ).toEqual(['internal:delivered', 'paper:pending']);

    // Agency B sees it arrive, registers it; A sees the status change.
    const arrived = (await B.clerk.get('/api/v1/documents?box=to_register')).json().items;
    const copy = arrived.find(
      (x: { numberNotation: string }) => x.numberNotation === rel.json().numberNotation,
    );
    expect(copy).toMatchObject({ status: 'pending', issuerName: A.s.agency.name });
    const copyDetail = await detail(B.clerk, copy.id);
    expect(copyDetail.files[0].sha256).toBe(v2.sha256);
    expect(
      (await B.clerk.post(`/api/v1/documents/${copy.id}/register`, { submitToId: B.s.leader.id })).statusCode,
    ).toBe(200);
    d = await detail(A.clerk, id);
    expect(d.deliveries.find((x: { channel: string }) => x.channel === 'internal').status).toBe('registered');
    await B.leader.post(`/api/v1/documents/${copy.id}/direct`, { lead: { personId: B.s.officer.id } });
    expect(
      (await detail(A.clerk, id)).deliveries.find((x: { channel: string }) => x.channel === 'internal')
        .status,
    ).toBe('assigned');

    // Update, then recall: B's copy follows and is finally cancelled, its metadata kept.
    const v3 = await upload(A.clerk, 'ban-sua.pdf', 'application/pdf', tinyPdf('v3'));
    expect(
      (await A.clerk.post(`/api/v1/documents/${id}/update`, { reason: 'Sửa lỗi chính tả', files: [v3] }))
        .statusCode,
    ).toBe(200);
    const updated = await detail(B.clerk, copy.id);
    expect(updated.files.find((f: { current: boolean }) => f.current).sha256).toBe(v3.sha256);
    expect(
      (await A.clerk.post(`/api/v1/documents/${id}/recall`, { reason: 'Ban hành nhầm' })).statusCode,
    ).toBe(200);
    const cancelled = await detail(B.clerk, copy.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', numberNotation: rel.json().numberNotation });
    expect(cancelled.events.map((e: { kind: string }) => e.kind)).toContain('recalled');
  });

  it('numbers releases without gaps or duplicates when clerks release at once, and a document only once', async () => {
    const o = await office();
    const signed = async (i: number) => {
      const f = await upload(o.officer, `cv-${i}.pdf`, 'application/pdf', tinyPdf(`release ${i}`));
      const d = await o.officer.post('/api/v1/documents/drafts', {
        typeCode: 'cong_van',
        summary: `Công văn phát hành song song số ${i}`,
        recipients: [{ kind: 'agency', agencyId: B.s.agency.id }],
        files: [f],
      });
      expect(d.statusCode, d.body).toBe(201);
      const id = d.json().id as string;
      await o.officer.post(`/api/v1/documents/${id}/submit-review`, { toId: o.s.leader.id });
      expect((await o.leader.post(`/api/v1/documents/${id}/review`, { action: 'sign' })).statusCode).toBe(
        200,
      );
      return id;
    };
    const ids: string[] = [];
    for (let i = 1; i <= 11; i++) ids.push(await signed(i));
    // The same document twice at once: one release, one number, one copy at the recipient.
    const [a, b] = await Promise.all([
      o.clerk.post(`/api/v1/documents/${ids[0]}/release`, {}),
      o.clerk.post(`/api/v1/documents/${ids[0]}/release`, {}),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const rest = await Promise.all(
      ids.slice(1).map((id) => o.clerk.post(`/api/v1/documents/${id}/release`, {})),
    );
    for (const r of rest) expect(r.statusCode, r.body).toBe(200);
    const printed = [a, b, ...rest]
      .filter((r) => r.statusCode === 200)
      .map((r) => r.json() as { number: number; numberNotation: string })
      .sort((x, y) => x.number - y.number);
    expect(printed.map((r) => r.number)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    // Two digits below 10 (Decree 30, Appendix I), as the document, its copy and its event print it.
    expect(printed[0]!.numberNotation).toMatch(/^01\//);
    expect(printed[10]!.numberNotation).toMatch(/^11\//);
    const copies = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM documents WHERE source_document_id = $1`,
      [ids[0]],
    );
    expect(copies[0]!.n).toBe(1);
    const last = printed[10]!;
    const d = await detail(o.clerk, await idOf(o, last.number));
    expect(d.numberNotation).toBe(last.numberNotation);
    expect(d.events.find((e: { kind: string }) => e.kind === 'released').data.numberNotation).toBe(
      last.numberNotation,
    );
    const [copy] = await t.database.query<{ number_notation: string }>(
      `SELECT number_notation FROM documents WHERE source_document_id = $1`,
      [d.id],
    );
    expect(copy!.number_notation).toBe(last.numberNotation);
    // The number as the statement prints it is formatNumber's, for every number of a busy year.
    const printedBySql = await rows<{ n: number; t: string }>(
      t.database.db,
      sqlTag`SELECT n, ${numberTextSql(sqlTag`n`)} AS t FROM generate_series(1, 3000) n`,
    );
    expect(printedBySql.filter((r) => r.t !== formatNumber(r.n))).toEqual([]);
  });

  it('lets the recipient refuse an electronic document; the reason reaches the sender; a leader can override', async () => {
    const f = await upload(A.officer, 'x.pdf', 'application/pdf', tinyPdf('refuse'));
    const id = (
      await A.officer.post('/api/v1/documents/drafts', {
        typeCode: 'thong_bao',
        summary: 'Thông báo lịch họp',
        recipients: [{ kind: 'agency', agencyId: B.s.agency.id }],
        files: [f],
      })
    ).json().id;
    await A.officer.post(`/api/v1/documents/${id}/submit-review`, { toId: A.s.leader.id });
    await A.leader.post(`/api/v1/documents/${id}/review`, { action: 'sign' });
    const numberNotation = (await A.clerk.post(`/api/v1/documents/${id}/release`, {})).json().numberNotation;
    expect(numberNotation).toMatch(/\/TB-STN$/);
    const copy = (await B.clerk.get('/api/v1/documents?box=to_register'))
      .json()
      .items.find((x: { numberNotation: string }) => x.numberNotation === numberNotation);
    expectProblem(await B.clerk.post(`/api/v1/documents/${copy.id}/refuse`, { reason: '' }), 400);
    expect(
      (await B.clerk.post(`/api/v1/documents/${copy.id}/refuse`, { reason: 'Tệp đính kèm không mở được' }))
        .statusCode,
    ).toBe(200);
    const sender = (await detail(A.clerk, id)).deliveries[0];
    expect(sender).toMatchObject({ status: 'refused', note: 'Tệp đính kèm không mở được' });
    expect(
      (await B.leader.post(`/api/v1/documents/${copy.id}/override`, { reason: 'Xử lý khẩn' })).statusCode,
    ).toBe(200);
    expect((await detail(A.clerk, id)).deliveries[0].status).toBe('registered');
  });

  it('keeps secret documents off the network and away from colleagues not named on them', async () => {
    const f = await upload(A.clerk, 'mat.pdf', 'application/pdf', tinyPdf('mat'));
    const { id } = await register(A.clerk, {
      numberNotation: '99/M',
      secrecy: 'mat',
      files: [f],
      submitToId: A.s.leader.id,
    });
    expect((await detail(A.leader, id)).secrecy).toBe('mat');
    // Another clerk of the same agency is not named on it.
    const { makePerson } = await import('../../../../test/helpers/factories.ts');
    const other = await signIn(
      t.app,
      (await makePerson(t.database.db, { agencyId: A.s.agency.id, role: 'clerk' })).username,
    );
    expectProblem(await other.get(`/api/v1/documents/${id}`), 404);
    expect(
      (await other.get('/api/v1/documents?box=incoming&limit=200'))
        .json()
        .items.map((x: { id: string }) => x.id),
    ).not.toContain(id);
    const reads = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'document.read_secret' AND entity_id = $1`,
      [id],
    );
    expect(reads[0]!.n).toBeGreaterThanOrEqual(1);

    const df = await upload(A.officer, 'mat-di.pdf', 'application/pdf', tinyPdf('mat di'));
    const out = (
      await A.officer.post('/api/v1/documents/drafts', {
        typeCode: 'cong_van',
        summary: 'V/v nội dung mật',
        secrecy: 'mat',
        recipients: [{ kind: 'agency', agencyId: B.s.agency.id }],
        files: [df],
      })
    ).json().id;
    await A.officer.post(`/api/v1/documents/${out}/submit-review`, { toId: A.s.leader.id });
    await A.leader.post(`/api/v1/documents/${out}/review`, { action: 'sign' });
    // Signing names the clerks; the release over the network is refused, on paper it goes ahead.
    const before = await count('deliveries');
    const refused = expectProblem(
      await A.clerk.post(`/api/v1/documents/${out}/release`, {}),
      409,
      'conflict',
    );
    expect(refused.detail).toContain('Văn bản mật không được gửi qua mạng');
    expect(await count('deliveries')).toBe(before);
    expect((await detail(A.clerk, out)).status).toBe('signed');
    const rel = (await A.clerk.post(`/api/v1/documents/${out}/release`, { paperForSecret: true })).json();
    expect(rel.number).toBe(1); // the secret series has its own numbers
    const d = await detail(A.clerk, out);
    expect(d.deliveries.map((x: { channel: string }) => x.channel)).toEqual(['paper']);
    expect(
      (await B.clerk.get('/api/v1/documents?box=to_register&limit=200'))
        .json()
        .items.map((x: { summary: string }) => x.summary),
    ).not.toContain('V/v nội dung mật');
  });

  it("never shows or changes another agency's documents", async () => {
    const f = await upload(A.clerk, 'a.pdf', 'application/pdf', tinyPdf('a'));
    const { id } = await register(A.clerk, { numberNotation: '7/A', files: [f] });
    const fileId = (await detail(A.clerk, id)).files[0].id;
    for (const c of [B.clerk, B.leader, B.officer]) {
      expectProblem(await c.get(`/api/v1/documents/${id}`), 404);
      expectProblem(await c.get(`/api/v1/documents/${id}/files/${fileId}`), 404);
      expect(
        (await c.get('/api/v1/documents?box=incoming&limit=200'))
          .json()
          .items.map((x: { id: string }) => x.id),
      ).not.toContain(id);
    }
    expectProblem(await B.clerk.post(`/api/v1/documents/${id}/submit`, { leaderId: B.s.leader.id }), 404);
    expectProblem(
      await B.leader.post(`/api/v1/documents/${id}/direct`, { lead: { personId: B.s.officer.id } }),
      404,
    );
    // An officer of A who was not assigned does not see it either.
    expectProblem(await A.officer.get(`/api/v1/documents/${id}`), 404);
    const dl = await A.clerk.get(`/api/v1/documents/${id}/files/${fileId}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload).toEqual(tinyPdf('a'));
  });

  it('finds documents without diacritics, number matches first, with highlighted snippets', async () => {
    const o = await office();
    await register(o.clerk, {
      numberNotation: '55/UBND-VP',
      summary: 'Triển khai Chỉ thị số: 10/2006/CT-TTg về giảm giấy tờ',
      issuedDate: '2026-01-05',
    });
    await register(o.clerk, { summary: 'Về việc giảm văn bản, giấy tờ hành chính' });
    await register(o.clerk, {
      numberNotation: '3/QĐ-UBND',
      typeCode: 'quyet_dinh',
      summary: 'Quyết định thành lập tổ công tác',
    });
    const r = (
      await o.clerk.get(`/api/v1/documents?box=incoming&q=${encodeURIComponent('chi thi 10 2006')}`)
    ).json().items;
    expect(r).toHaveLength(2);
    expect(r[0].numberNotation).toBe('10/2006/CT-TTg');
    const r2 = (
      await o.clerk.get(`/api/v1/documents?box=incoming&q=${encodeURIComponent('quyet dinh thanh lap')}`)
    ).json().items;
    expect(r2.map((x: { numberNotation: string }) => x.numberNotation)).toEqual(['3/QĐ-UBND']);
    expect(r2[0].snippet).toContain(
      '<mark>Quyết</mark> <mark>định</mark> <mark>thành</mark> <mark>lập</mark> tổ',
    );
    const filtered = (await o.clerk.get('/api/v1/documents?box=incoming&typeCode=quyet_dinh')).json().items;
    expect(filtered).toHaveLength(1);
    const page1 = (await o.clerk.get('/api/v1/documents?box=incoming&limit=2')).json();
    const page2 = (
      await o.clerk.get(`/api/v1/documents?box=incoming&limit=2&cursor=${page1.nextCursor}`)
    ).json();
    expect([...page1.items, ...page2.items].map((x: { id: string }) => x.id)).toHaveLength(3);
  });

  it('pages a search through number matches, the newest window and older documents without gaps', async () => {
    const { listDocuments } = await import('./lists.ts');
    const { documentListQuery } = await import('../../../shared/schemas/documents.ts');
    const o = await office();
    // Registered oldest first: n = number match ("25 ubnd" in the notation), t = text match only, x = neither.
    const plan = ['n', 't', 'x', 't', 'n', 't', 'x', 't', 'n', 't'] as const;
    const ids: Record<string, string[]> = { n: [], t: [], x: [] };
    for (const [i, kind] of plan.entries()) {
      clock = new Date(clock.getTime() + 60_000);
      const { id } = await register(o.clerk, {
        numberNotation: kind === 'n' ? '25/UBND-VP' : `${i}/KH-SNV`,
        summary: kind === 't' ? `Về việc 25 kế hoạch UBND huyện, lần ${i}` : `Về lịch họp giao ban, lần ${i}`,
        allowDuplicate: true,
      });
      ids[kind]!.push(id);
    }
    // Newest first within each part; number matches before the others.
    const expected = [...ids.n!].reverse().concat([...ids.t!].reverse());
    const actor = {
      personId: o.s.clerk.id,
      username: o.s.clerk.username,
      fullName: 'x',
      sessionId: 'test',
      positionId: null,
      agencyId: o.s.agency.id,
      divisionId: null,
      role: 'clerk' as const,
      ip: '127.0.0.1',
    };
    const ctx = { db: t.database.db, actor, now: () => clock } as unknown as Parameters<
      typeof listDocuments
    >[0];
    for (const window of [1, 3, 2000]) {
      for (const limit of [1, 2, 4, 20]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await listDocuments(
            ctx,
            documentListQuery.parse({ box: 'incoming', q: '25 ubnd', limit, cursor }),
            { window },
          );
          seen.push(...page.items.map((x) => x.row.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen, `window ${window}, limit ${limit}`).toEqual(expected);
      }
    }
    const first = await o.clerk.get(`/api/v1/documents?box=incoming&q=${encodeURIComponent('25 ubnd')}`);
    expect(first.json().items.map((x: { id: string }) => x.id)).toEqual(expected);
  });

  it('lists "to handle" newest assignment first, each document once, across batches and pages', async () => {
    const { listDocuments } = await import('./lists.ts');
    const { documentListQuery } = await import('../../../shared/schemas/documents.ts');
    const o = await office();
    const assigned: string[] = [];
    for (let i = 0; i < 7; i++) {
      clock = new Date(clock.getTime() + 60_000);
      const { id } = await register(o.clerk, {
        summary: `Việc số ${i}`,
        allowDuplicate: true,
        submitToId: o.s.leader.id,
      });
      // Alternately to the officer's division, to the officer, and (i = 3) to the division with the
      // officer as co-handler: that document must be listed once.
      const lead = i % 2 ? { personId: o.s.officer.id } : { divisionId: o.s.division.id };
      const r = await o.leader.post(`/api/v1/documents/${id}/direct`, {
        lead,
        coHandlers: i === 3 ? [{ personId: o.s.officer.id }] : [],
      });
      expect(r.statusCode, r.body).toBe(200);
      assigned.push(id);
    }
    const expected = [...assigned].reverse();
    const actor = {
      personId: o.s.officer.id,
      username: o.s.officer.username,
      fullName: 'x',
      sessionId: 'test',
      positionId: null,
      agencyId: o.s.agency.id,
      divisionId: o.s.division.id,
      role: 'officer' as const,
      ip: '127.0.0.1',
    };
    const ctx = { db: t.database.db, actor, now: () => clock } as unknown as Parameters<
      typeof listDocuments
    >[0];
    for (const batch of [1, 2, 200])
      for (const limit of [1, 3, 50]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await listDocuments(
            ctx,
            documentListQuery.parse({ box: 'to_handle', limit, cursor }),
            { batch },
          );
          seen.push(...page.items.map((x) => x.row.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen, `batch ${batch}, limit ${limit}`).toEqual(expected);
      }
    // The same list over HTTP.
    const http = await o.officer.get('/api/v1/documents?box=to_handle&limit=50');
    expect(http.json().items.map((x: { id: string }) => x.id)).toEqual(expected);
  });

  it('refuses bad input with a clear message and writes nothing', async () => {
    const before = await count('documents');
    const p = expectProblem(
      await A.clerk.post('/api/v1/documents/incoming', {
        numberNotation: '',
        typeCode: 'sach',
        issuedDate: '23/11/2026',
        summary: 'x',
      }),
      400,
      'validation_failed',
    );
    expect(p.fields!.map((f) => f.path)).toEqual(
      expect.arrayContaining(['body.numberNotation', 'body.typeCode', 'body.issuedDate', 'body.summary']),
    );
    expectProblem(
      await A.clerk.post(
        '/api/v1/documents/incoming',
        incoming({ numberNotation: '1/Z', files: [{ sha256: 'a'.repeat(64), fileName: 'ghost.pdf' }] }),
      ),
      400,
    );
    expectProblem(
      await A.officer.post('/api/v1/documents/incoming', incoming({ numberNotation: '1/Y' })),
      403,
    );
    expectProblem(
      await A.clerk.post(
        '/api/v1/documents/incoming',
        incoming({ numberNotation: '1/X', submitToId: B.s.leader.id }),
      ),
      400,
    );
    expectProblem(
      await A.officer.post('/api/v1/documents/drafts', {
        typeCode: 'cong_van',
        summary: 'Gửi chính mình',
        recipients: [{ kind: 'agency', agencyId: A.s.agency.id }],
      }),
      400,
    );
    expect(await count('documents')).toBe(before);
    expectProblem(await A.clerk.get('/api/v1/documents?box=everything'), 400);
    expectProblem(await A.clerk.get('/api/v1/documents/not-a-uuid'), 400);
  });

  it('tells people in the bell what waits for them, and reminds handlers of deadlines once', async () => {
    const o = await office();
    const { id } = await register(o.clerk, { numberNotation: '77/N', submitToId: o.s.leader.id });
    const bell = (await o.leader.get('/api/v1/notifications')).json();
    expect(bell.unread).toBe(1);
    expect(bell.items[0]).toMatchObject({ kind: 'document.submitted', link: `/van-ban/${id}`, read: false });
    await o.leader.post(`/api/v1/notifications/${bell.items[0].id}/read`);
    expect((await o.leader.get('/api/v1/notifications?unread=true')).json().unread).toBe(0);
    const dr = await o.leader.post(`/api/v1/documents/${id}/direct`, {
      lead: { personId: o.s.officer.id },
      dueDate: '2020-01-02',
    });
    expect(dr.statusCode, dr.body).toBe(200);
    expect((await o.officer.get('/api/v1/notifications')).json().items[0].kind).toBe('document.assigned');
    const { deadlineReminders } = await import('./reminders.ts');
    await deadlineReminders.handler.run({
      db: t.database.db,
      job: { id: 0, kind: 'x', payload: {}, attempts: 1, max_attempts: 1 },
    });
    await deadlineReminders.handler.run({
      db: t.database.db,
      job: { id: 0, kind: 'x', payload: {}, attempts: 1, max_attempts: 1 },
    });
    const kinds = (await o.officer.get('/api/v1/notifications'))
      .json()
      .items.map((n: { kind: string }) => n.kind);
    expect(kinds.filter((k: string) => k === 'document.overdue')).toHaveLength(1);
    expect(
      (await o.officer.get('/api/v1/documents?box=overdue')).json().items.map((x: { id: string }) => x.id),
    ).toContain(id);
    expectProblem(await o.officer.post('/api/v1/notifications/not-an-id/read'), 400);
  });

  it('proposes the fields of an uploaded Decree 30 document and indexes its text for search', async () => {
    const { makeDecree30Pdf, SAMPLE_DECISION } = await import('./extract/testing/make-docs.ts');
    const o = await office();
    const pdf = await makeDecree30Pdf(SAMPLE_DECISION);
    const file = await upload(o.clerk, 'qd-123.pdf', 'application/pdf', pdf);
    const pre = await o.clerk.post('/api/v1/documents/prefill', { sha256: file.sha256 });
    expect(pre.statusCode, pre.body).toBe(200);
    const p = pre.json().proposal;
    expect(p).toMatchObject({
      numberNotation: '123/QĐ-UBND',
      issuedDate: '2020-03-05',
      typeCode: 'quyet_dinh',
    });
    expect(p.summary).toContain('Quy chế quản lý văn bản điện tử');
    expectProblem(await o.clerk.post('/api/v1/documents/prefill', { sha256: 'b'.repeat(64) }), 404);
    const { id } = await register(o.clerk, {
      issuerName: p.issuerName,
      numberNotation: p.numberNotation,
      typeCode: p.typeCode,
      issuedDate: p.issuedDate,
      summary: p.summary,
      files: [file],
    });
    // The extraction job runs after the commit; then words of the body find the document.
    const { JobRunner } = await import('../../platform/jobs/index.ts');
    const { extractTextJob } = await import('./text-index.ts');
    await new JobRunner(t.database.db, [extractTextJob], { env: t.app.services }).drain();
    const hits = (
      await o.clerk.get(
        `/api/v1/documents?box=incoming&q=${encodeURIComponent('luat to chuc chinh quyen dia phuong')}`,
      )
    ).json().items;
    expect(hits.map((x: { id: string }) => x.id)).toEqual([id]);
    expect(hits[0].snippet).toContain('<mark>');
  });
});

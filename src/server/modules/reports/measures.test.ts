import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, makeTestApp, signIn, type TestApp } from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import { makeAgency, makeAgencyWithStaff, makePerson } from '../../../../test/helpers/factories.ts';
import type { MeasuresReply, RecordsReply, TrendReply } from '../../../shared/reports/measures.ts';
import { agencies } from '../agencies/schema.ts';
import { assignments, deliveries, documentFiles, documents } from '../documents/schema.ts';
import { dossiers } from '../dossiers/schema.ts';
import { pdfSignings, signingKeys } from '../signatures/schema.ts';

// The measured figures (issue 20) over records laid down as the other modules would leave them: each
// figure counts exactly the documents its method names, the list behind a figure adds up to it, a
// viewer sees only his agency (the province's people and the IT department every agency), and bad
// periods, measures and other agencies' lists are refused in Vietnamese.

const NOW = new Date('2026-11-20T03:00:00Z');
const IN_NOV = (day: number, hour = 3) => new Date(Date.UTC(2026, 10, day, hour));

describe.each(ENGINES)('reports: measured figures on %s', (engine) => {
  let t: TestApp;
  let a: Awaited<ReturnType<typeof makeAgencyWithStaff>>;
  let b: Awaited<ReturnType<typeof makeAgencyWithStaff>>;
  let province: Awaited<ReturnType<typeof makeAgency>>;
  let itDept: Awaited<ReturnType<typeof makeAgency>>;
  const released: string[] = [];

  beforeAll(async () => {
    t = await makeTestApp(engine, {}, { now: () => NOW });
    const db = t.database.db;
    province = await makeAgency(db, { kind: 'province', name: 'UBND tỉnh Thử' });
    a = await makeAgencyWithStaff(db);
    b = await makeAgencyWithStaff(db);
    itDept = await makeAgency(db, { name: 'Sở Thông tin và Truyền thông Thử', parentId: province.id });
    await db
      .update(agencies)
      .set({ parentId: province.id })
      .where(inArray(agencies.id, [a.agency.id, b.agency.id]));
    const base = { typeCode: 'cong_van', summary: 'Về việc thử số liệu', createdById: a.clerk.id };

    // Agency A, outgoing in November: 4 released — electronic (signed), paper only, mixed, no
    // recipient — one released in October, and one draft that counts nowhere.
    const out = async (at: Date | null, channels: string[], status = 'released') => {
      const [d] = await db
        .insert(documents)
        .values({
          ...base,
          agencyId: a.agency.id,
          direction: 'outgoing',
          status: status as 'released',
          releasedAt: at,
          numberNotation: `${released.length + 1}/UBND-VP`,
        })
        .returning();
      for (const channel of channels)
        await db
          .insert(deliveries)
          .values({ documentId: d!.id, channel, recipientName: 'Nơi nhận', status: 'sent' });
      if (status === 'released' && at && at >= IN_NOV(1)) released.push(d!.id);
      return d!.id;
    };
    const electronic = await out(IN_NOV(3), ['internal', 'edxml']);
    await out(IN_NOV(4), ['paper']);
    await out(IN_NOV(5), ['internal', 'paper']);
    await out(IN_NOV(6), []);
    await out(new Date(Date.UTC(2026, 9, 30)), ['internal']);
    await out(null, ['internal'], 'draft');
    const [key] = await db
      .insert(signingKeys)
      .values({
        ownerKind: 'person',
        personId: a.leader.id,
        agencyId: a.agency.id,
        p12Sealed: 'x',
        passwordSealed: 'x',
        certificatePem: 'x',
        fingerprint: `fp-${engine}`,
        notBefore: IN_NOV(1),
        notAfter: IN_NOV(30),
        subject: 'CN=Thử',
        issuer: 'CN=Thử',
        serialNumber: '01',
      })
      .returning();
    await db.insert(pdfSignings).values({
      keyId: key!.id,
      kind: 'person',
      inputSha256: 'a',
      outputSha256: 'b',
      subject: `document:${electronic}`,
    });

    // Agency A, incoming in November: 2 electronic with a file, 1 electronic without, 1 on paper;
    // one still pending (not counted). Due dates: one handled on time, one late, one overdue and
    // open, one not yet due (counts in neither part).
    const inc = async (
      source: string,
      file: boolean,
      due: string | null,
      doneAt: Date | null,
      status = 'registered',
    ) => {
      const [d] = await db
        .insert(documents)
        .values({
          ...base,
          agencyId: a.agency.id,
          direction: 'incoming',
          status: (doneAt ? 'done' : status) as 'registered',
          source,
          arrivedAt: IN_NOV(2),
          dueDate: due,
        })
        .returning();
      if (file)
        await db.insert(documentFiles).values({
          documentId: d!.id,
          sha256: 'c'.repeat(64),
          fileName: 'vb.pdf',
          mediaType: 'application/pdf',
          size: 10,
        });
      if (doneAt)
        await db.insert(assignments).values({
          documentId: d!.id,
          role: 'lead',
          personId: a.officer.id,
          status: 'done',
          doneAt,
        });
      return d!.id;
    };
    await inc('electronic', true, '2026-11-10', IN_NOV(10, 16)); // done 23:00 on the 10th, Vietnam: on time
    await inc('edxml', true, '2026-11-10', IN_NOV(10, 17)); // 00:00 on the 11th, Vietnam: late
    await inc('mail', false, '2026-11-12', null); // overdue, open
    await inc('paper', true, '2026-11-25', null); // not yet due on the 20th
    await inc('electronic', true, null, null, 'pending');

    // Agency B: one released on paper; one dossier opened.
    const [ob] = await db
      .insert(documents)
      .values({
        ...base,
        agencyId: b.agency.id,
        direction: 'outgoing',
        status: 'released',
        releasedAt: IN_NOV(7),
        createdById: b.clerk.id,
      })
      .returning();
    await db
      .insert(deliveries)
      .values({ documentId: ob!.id, channel: 'paper', recipientName: 'X', status: 'sent' });
    await db.insert(dossiers).values({
      agencyId: b.agency.id,
      organId: 'X',
      year: 2026,
      notation: '01',
      fileCode: '2026.01',
      title: 'Hồ sơ thử',
      creatorId: b.clerk.id,
      creatorName: 'Văn thư',
      startDate: '2026-11-02',
      createdAt: IN_NOV(2),
    });
    await makePerson(db, { agencyId: itDept.id, role: 'agency_leader', username: `it-${engine}` });
    await makePerson(db, { agencyId: province.id, role: 'agency_leader', username: `tinh-${engine}` });
  });
  afterAll(() => t?.close());

  const value = (r: MeasuresReply, agencyId: string, key: string) =>
    r.rows.find((x) => x.agencyId === agencyId)?.values[key];

  it('counts each figure of each agency from the records, as its method says', async () => {
    const leader = await signIn(t.app, a.leader.username);
    const res = await leader.get('/api/v1/reports/measures?year=2026&month=11');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as MeasuresReply;
    expect(r.label).toBe('Tháng 11/2026');
    expect(r.scope.agencyId).toBe(a.agency.id);
    // A's own subtree only: A and none of B.
    expect(r.rows.map((x) => x.agencyId)).toEqual([a.agency.id]);
    const v = (k: string) => value(r, a.agency.id, k);
    expect(v('outReleased')).toEqual({ n: 4, d: null });
    expect(v('outElectronic')).toEqual({ n: 1, d: 3 });
    expect(v('outPaperOnly')).toEqual({ n: 1, d: null });
    expect(v('outSigned')).toEqual({ n: 1, d: 4 });
    expect(v('inReceived')).toEqual({ n: 4, d: null });
    expect(v('inElectronicWithFile')).toEqual({ n: 2, d: 4 });
    expect(v('inOnTime')).toEqual({ n: 1, d: 3 });
    expect(r.total.values.outReleased).toEqual({ n: 4, d: null });
    expect(r.recordsOf).toEqual([a.agency.id]);
  });

  it('shows the province and the IT department every agency, ranked rows with the total', async () => {
    const other = await signIn(t.app, `it-${engine}`);
    // Before the IT department is named, its leader sees only his own agency.
    const before = (await other.get('/api/v1/reports/measures?year=2026&month=11')).json() as MeasuresReply;
    expect(before.rows.map((x) => x.agencyId)).toEqual([itDept.id]);
    const admin = await makePerson(t.database.db, { agencyId: province.id, role: 'system_admin' });
    const sys = await signIn(t.app, admin.username);
    expectProblem(
      await other.inject({
        method: 'PUT',
        url: '/api/v1/reports/settings',
        payload: { itAgencyId: itDept.id },
      }),
      403,
    );
    expectProblem(
      await sys.inject({
        method: 'PUT',
        url: '/api/v1/reports/settings',
        payload: { itAgencyId: a.division.id },
      }),
      404,
    );
    const put = await sys.inject({
      method: 'PUT',
      url: '/api/v1/reports/settings',
      payload: { itAgencyId: itDept.id },
    });
    expect(put.statusCode, put.body).toBe(200);
    for (const who of [other, await signIn(t.app, `tinh-${engine}`)]) {
      const r = (await who.get('/api/v1/reports/measures?year=2026&month=11')).json() as MeasuresReply;
      expect(r.scope.agencyId).toBeNull();
      const ids = r.rows.map((x) => x.agencyId);
      expect(ids).toEqual(expect.arrayContaining([a.agency.id, b.agency.id, itDept.id, province.id]));
      expect(ids).not.toContain(a.division.id);
      expect(value(r, b.agency.id, 'outPaperOnly')).toEqual({ n: 1, d: null });
      expect(value(r, b.agency.id, 'dossiersOpened')).toEqual({ n: 1, d: null });
      expect(r.total.values.outReleased!.n).toBeGreaterThanOrEqual(5);
      // They read every agency's numbers but list no one's documents (not their agency's).
      expect(r.recordsOf.filter((x) => x !== itDept.id && x !== province.id)).toEqual([]);
    }
    const year = (
      await other.get(`/api/v1/reports/measures/trend?year=2026&agencyId=${a.agency.id}`)
    ).json() as TrendReply;
    expect(year.months.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(year.months[9]!.values.outReleased).toEqual({ n: 1, d: null });
    expect(year.months[10]!.values.outReleased).toEqual({ n: 4, d: null });
    const xlsx = await other.get('/api/v1/reports/measures.xlsx?year=2026&quarter=4');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('lists the documents behind a figure, adding up to it, for the agency’s own people', async () => {
    const clerk = await signIn(t.app, a.clerk.username);
    const q = `year=2026&month=11&agencyId=${a.agency.id}`;
    const num = (
      await clerk.get(`/api/v1/reports/measures/records?${q}&measure=outElectronic`)
    ).json() as RecordsReply;
    expect(num.items).toHaveLength(1);
    expect(num.items[0]!.detail).toBe('Gửi điện tử · có chữ ký số');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (
        await clerk.get(
          `/api/v1/reports/measures/records?${q}&measure=outReleased&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        )
      ).json() as RecordsReply;
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...released].sort());
    const due = (
      await clerk.get(`/api/v1/reports/measures/records?${q}&measure=inOnTime&part=denominator`)
    ).json() as RecordsReply;
    expect(due.items.map((i) => i.detail).sort()).toEqual([
      'Chưa đúng hạn',
      'Chưa đúng hạn',
      'Giải quyết đúng hạn',
    ]);

    // Another agency's documents, a figure that counts no documents, a bad period or cursor: refused.
    const other = await signIn(t.app, b.clerk.username);
    const refused = expectProblem(
      await other.get(`/api/v1/reports/measures/records?${q}&measure=outReleased`),
      403,
    );
    expect(refused.detail).toMatch(/chính cơ quan/);
    expectProblem(
      await other.get(`/api/v1/reports/measures?year=2026&month=11&agencyId=${a.agency.id}`),
      403,
    );
    expectProblem(await clerk.get(`/api/v1/reports/measures/records?${q}&measure=svcOnline`), 400);
    expectProblem(await clerk.get(`/api/v1/reports/measures/records?${q}&measure=khong-co`), 400);
    expectProblem(
      await clerk.get(`/api/v1/reports/measures/records?${q}&measure=outReleased&cursor=abc`),
      400,
    );
    const bad = expectProblem(await clerk.get('/api/v1/reports/measures?year=2026&month=13'), 400);
    expect(bad.detail).toMatch(/Tháng từ 1 đến 12|không hợp lệ/);
    expectProblem(await clerk.get('/api/v1/reports/measures?year=2026&month=2&quarter=1'), 400);
  });

  it('is closed to those without the permission', async () => {
    const archivist = await makePerson(t.database.db, { agencyId: a.agency.id, role: 'archivist' });
    const c = await signIn(t.app, archivist.username);
    expectProblem(await c.get('/api/v1/reports/measures?year=2026'), 403);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/reports/measures?year=2026' })).statusCode,
    ).toBe(401);
  });
});

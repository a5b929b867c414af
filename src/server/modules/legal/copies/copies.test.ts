import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  expectProblem,
  makeTestApp,
  signIn,
  type TestApp,
} from '../../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../../test/helpers/db.ts';
import { makeAgency, makeDivision, makePerson } from '../../../../../test/helpers/factories.ts';
import { NO_RECIPIENTS, TRICH_SAO_NEEDS_EXCERPT } from '../../../../shared/legal/copies.ts';
import type { Role } from '../../../../shared/roles.ts';
import { saveBlobs } from '../../../platform/blobs/index.ts';
import { documentFiles, documentReaders, documents } from '../../documents/schema.ts';
import { makeCa, makeP12 } from '../../signatures/testing/certs.ts';
import { decreePdf } from '../../signatures/testing/pdfs.ts';
import { pdfsig, pdftotext } from '../../signatures/testing/tools.ts';
import { legalDocumentFiles, legalDocuments } from '../schema.ts';
import { SECRET_REFUSED } from './sources.ts';

// A small province: the office VP (makes the copies), department D, districts X1 and X2, commune C
// under X1, and another department O whose documents the office cannot see. Clerks everywhere.
describe.each(ENGINES)('legal copies on %s', (engine) => {
  let t: TestApp;
  let clock = new Date('2026-12-04T03:00:00Z');
  const unit = {} as Record<'P' | 'VP' | 'VPa' | 'D' | 'X1' | 'X2' | 'C' | 'O', { id: string; name: string }>;
  const who = {} as Record<string, Client>;
  const names = {} as Record<string, string>;
  let legalId: string;
  let noPdfLegalId: string;
  let incomingId: string;
  let secretId: string;
  let otherDocId: string;

  const q = <T = Record<string, unknown>>(text: string, ...params: unknown[]) =>
    t.database.query<T>(text, params);
  const count = async (table: string) =>
    (await q<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const snapshot = async () => ({
    copies: await count('legal_copies'),
    documents: await count('documents'),
    deliveries: await count('deliveries'),
    counters: (
      await q<{ n: number }>('SELECT coalesce(sum(last_number),0)::int AS n FROM register_counters')
    )[0]!.n,
  });
  const copy = (c: Client, body: Record<string, unknown>) => c.post('/api/v1/legal/copies', body);
  const blob = async (bytes: Buffer) => {
    const [b] = await saveBlobs(t.database.db, t.blobs, [
      { bytes, declaredType: 'application/pdf', maxBytes: 10_000_000 },
    ]);
    return b as { sha256: string; size: number };
  };

  beforeAll(async () => {
    t = await makeTestApp(engine, { SESSION_CACHE_MS: '0' }, { now: () => clock });
    const db = t.database.db;
    const mk = async (
      key: keyof typeof unit,
      kind: string,
      parent: keyof typeof unit | null,
      name: string,
      short = 'X',
    ) => {
      const a =
        kind === 'division'
          ? await makeDivision(db, unit[parent!].id, { name })
          : await makeAgency(db, { kind, parentId: parent ? unit[parent].id : null, name, shortName: short });
      unit[key] = { id: a.id, name: a.name };
    };
    await mk('P', 'province', null, 'UBND tỉnh Thử', 'UBND');
    await mk('VP', 'department', 'P', 'Văn phòng UBND tỉnh Thử', 'VP');
    await mk('VPa', 'division', 'VP', 'Phòng Tổng hợp');
    await mk('D', 'department', 'P', 'Sở Tư pháp Thử', 'STP');
    await mk('X1', 'district', 'P', 'UBND huyện Một', 'UBND');
    await mk('X2', 'district', 'P', 'UBND huyện Hai', 'UBND');
    await mk('C', 'commune', 'X1', 'UBND xã Một', 'UBND');
    await mk('O', 'department', 'P', 'Sở Khác', 'SK');
    const person = async (key: string, at: keyof typeof unit, role: Role) => {
      const p = await makePerson(db, { agencyId: unit[at].id, role, fullName: `Người ${key}` });
      names[key] = p.fullName;
      who[key] = await signIn(t.app, p.username);
      return p;
    };
    const clerkId = (await person('clerk', 'VP', 'clerk')).id;
    await person('leader', 'VP', 'agency_leader');
    await person('officer', 'VP', 'officer');
    await person('admin', 'VP', 'agency_admin');
    await person('x1Clerk', 'X1', 'clerk');
    await person('x2Clerk', 'X2', 'clerk');
    await person('dClerk', 'D', 'clerk');
    await person('oClerk', 'O', 'clerk');

    // A legal document with its main PDF, and one without (records' rows, written as they would be).
    const pdf = await blob(await decreePdf({ signerName: 'Nguyễn Văn Ký', title: 'CHỦ TỊCH' }));
    const [issuer] = await q<{ id: string }>('SELECT id FROM legal_issuers ORDER BY code LIMIT 1');
    const [l] = await db
      .insert(legalDocuments)
      .values({
        agencyId: unit.VP.id,
        origin: 'central',
        numberNotation: '30/2020/NĐ-CP',
        typeCode: 'nghi_dinh',
        issuerId: issuer!.id,
        title: 'Nghị định về công tác văn thư',
        issuedDate: '2020-03-05',
        effectiveFrom: '2020-03-05',
        fullText: 'Nghị định này quy định về công tác văn thư.',
      })
      .returning();
    legalId = l!.id;
    await db.insert(legalDocumentFiles).values({
      legalDocumentId: legalId,
      sha256: pdf.sha256,
      fileName: 'nd30.pdf',
      mediaType: 'application/pdf',
      size: pdf.size,
    });
    const [l2] = await db
      .insert(legalDocuments)
      .values({
        agencyId: unit.VP.id,
        origin: 'central',
        numberNotation: '01/2011/TT-BNV',
        typeCode: 'thong_tu',
        issuerId: issuer!.id,
        title: 'Thông tư chưa có tệp',
        issuedDate: '2011-01-19',
        effectiveFrom: '2011-03-05',
      })
      .returning();
    noPdfLegalId = l2!.id;

    // Documents of the documents module: a registered arrival of VP, a secret one, one of O.
    const doc = async (agencyId: string, over: Partial<typeof documents.$inferInsert> = {}) => {
      const [d] = await db
        .insert(documents)
        .values({
          agencyId,
          direction: 'incoming',
          status: 'registered',
          typeCode: 'cong_van',
          summary: 'V/v triển khai hệ thống văn bản điện tử',
          numberNotation: '12/UBND-VP',
          issuedDate: '2026-11-30',
          issuerName: 'UBND tỉnh Thử',
          ...over,
        })
        .returning();
      await db.insert(documentFiles).values({
        documentId: d!.id,
        sha256: pdf.sha256,
        fileName: 'cv.pdf',
        mediaType: 'application/pdf',
        size: pdf.size,
      });
      return d!.id;
    };
    incomingId = await doc(unit.VP.id);
    secretId = await doc(unit.VP.id, { secrecy: 'mat', summary: 'Văn bản mật' });
    // The clerk may read it (named on it): still never copied over the network.
    await db.insert(documentReaders).values({ documentId: secretId, personId: clerkId });
    otherDocId = await doc(unit.O.id);
  });
  afterAll(() => t.close());

  it('sends a sao lục of a legal document to all districts and a department: numbered 01/SL-VP, unsigned without a key, delivered to each clerk', async () => {
    const res = await copy(who.clerk!, {
      legalDocumentId: legalId,
      form: 'sao_luc',
      groups: ['all_districts'],
      agencyIds: [unit.D.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      number: 1,
      year: 2026,
      numberNotation: '01/SL-VP',
      form: 'sao_luc',
      signed: false,
      total: 3,
      registered: 0,
    });
    expect(c.source).toEqual({
      kind: 'legal',
      id: legalId,
      numberNotation: '30/2020/NĐ-CP',
      title: 'Nghị định về công tác văn thư',
    });
    expect(c.recipients.map((r: { name: string }) => r.name).sort()).toEqual(
      [unit.D.name, unit.X1.name, unit.X2.name].sort(),
    );
    // The outgoing document of the copy's type carries the number, in the copies register.
    const [out] = await q<{
      type_code: string;
      status: string;
      number_notation: string;
      number: number;
      direction: string;
    }>(
      'SELECT d.type_code, d.status, d.number_notation, d.number, d.direction FROM documents d WHERE d.id = $1',
      c.outgoingDocumentId,
    );
    expect(out).toEqual({
      type_code: 'sao_luc',
      status: 'released',
      number_notation: '01/SL-VP',
      number: 1,
      direction: 'outgoing',
    });
    const [reg] = await q<{ direction: string; name: string }>(
      'SELECT r.direction, r.name FROM registers r JOIN documents d ON d.register_id = r.id WHERE d.id = $1',
      c.outgoingDocumentId,
    );
    expect(reg).toEqual({ direction: 'copies', name: 'Sổ đăng ký bản sao văn bản' });
    // The PDF: the source's pages, then the copy's block.
    const [file] = await q<{ sha256: string }>(
      'SELECT sha256 FROM document_files WHERE document_id = $1',
      c.outgoingDocumentId,
    );
    const text = pdftotext(await t.blobs.read(file!.sha256));
    expect(text).toContain('Đoạn 1: nội dung văn bản');
    expect(text).toContain('SAO LỤC');
    expect(text).toContain('Số: 01/SL-VP');
    expect(text).toContain('ngày 04 tháng 12 năm 2026');
    expect(pdfsig(await t.blobs.read(file!.sha256))).not.toContain('Signature is Valid');
    // The district's clerk sees it among arrivals, with its notice, and registers it like any arrival.
    const arrivals = (await who.x1Clerk!.get('/api/v1/documents?box=to_register')).json();
    const arrived = arrivals.items.find((d: { numberNotation: string }) => d.numberNotation === '01/SL-VP');
    expect(arrived).toBeTruthy();
    expect(arrived.typeCode).toBe('sao_luc');
    const notices = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications n JOIN positions p ON p.person_id = n.person_id
        WHERE p.agency_id = $1 AND n.link = $2`,
      unit.X1.id,
      `/van-ban/${arrived.id}`,
    );
    expect(notices[0]!.n).toBe(1);
    const registered = await who.x1Clerk!.post(`/api/v1/documents/${arrived.id}/register`, {});
    expect(registered.statusCode, registered.body).toBe(200);
    const arrivalNumber = registered.json().arrivalNumber;
    // The legal record shows where its copies went and who registered them.
    const list = (await who.officer!.get(`/api/v1/legal/documents/${legalId}/copies`)).json();
    expect(list.items).toHaveLength(1);
    const x1 = list.items[0].recipients.find((r: { agencyId: string }) => r.agencyId === unit.X1.id);
    expect(x1).toMatchObject({ status: 'registered', arrivalNumber, registeredBy: names.x1Clerk });
    expect(Number.isNaN(Date.parse(x1.registeredAt))).toBe(false);
    expect(list.items[0].registered).toBe(1);
    const x2 = list.items[0].recipients.find((r: { agencyId: string }) => r.agencyId === unit.X2.id);
    expect(x2).toMatchObject({ status: 'delivered', arrivalNumber: null, registeredBy: null });
    const [a] = await q<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'legal.copy'",
    );
    expect(a!.n).toBe(1);
  });

  it('numbers every form in one series per agency, distinct under concurrency, from 01 again on 1 January', async () => {
    const sy = (
      await copy(who.leader!, { legalDocumentId: legalId, form: 'sao_y', agencyIds: [unit.D.id] })
    ).json();
    expect(sy.numberNotation).toBe('02/SY-VP');
    const many = await Promise.all(
      Array.from({ length: 5 }, () =>
        copy(who.clerk!, { legalDocumentId: legalId, form: 'sao_luc', agencyIds: [unit.X2.id] }),
      ),
    );
    for (const r of many) expect(r.statusCode, r.body).toBe(201);
    expect(many.map((r) => r.json().number).sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7]);
    // Another agency has its own series.
    const other = (
      await copy(who.dClerk!, { legalDocumentId: legalId, form: 'sao_y', agencyIds: [unit.X1.id] })
    ).json();
    expect(other.numberNotation).toBe('01/SY-STP');
    clock = new Date('2026-12-31T17:30:00Z'); // 1 January 2027 in Vietnam
    const next = (
      await copy(who.clerk!, { legalDocumentId: legalId, form: 'sao_y', agencyIds: [unit.D.id] })
    ).json();
    expect(next).toMatchObject({ year: 2027, number: 1, numberNotation: '01/SY-VP' });
    const register = (await who.clerk!.get('/api/v1/legal/copies?year=2026&limit=3')).json();
    expect(register.items.map((i: { number: number }) => i.number)).toEqual([7, 6, 5]);
    const page2 = (
      await who.clerk!.get(`/api/v1/legal/copies?year=2026&limit=3&cursor=${register.nextCursor}`)
    ).json();
    expect(page2.items.map((i: { number: number }) => i.number)).toEqual([4, 3, 2]);
    clock = new Date('2026-12-04T03:00:00Z');
  });

  it('makes a trích sao of a document of the documents module with the excerpt only, listed on that document', async () => {
    const res = await copy(who.clerk!, {
      documentId: incomingId,
      form: 'trich_sao',
      excerpt: 'Điều 3. Các cơ quan triển khai hệ thống trước ngày 31/12/2026.',
      agencyIds: [unit.X1.id, unit.C.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c.numberNotation).toMatch(/^\d\d\/TrS-VP$/);
    expect(c.source).toMatchObject({ kind: 'document', id: incomingId, numberNotation: '12/UBND-VP' });
    const [file] = await q<{ sha256: string }>(
      'SELECT sha256 FROM document_files WHERE document_id = $1',
      c.outgoingDocumentId,
    );
    const text = pdftotext(await t.blobs.read(file!.sha256));
    expect(text).toContain('TRÍCH SAO');
    expect(text).toContain('Điều 3. Các cơ quan triển khai');
    expect(text).toContain('Trích từ: số 12/UBND-VP');
    expect(text).not.toContain('Đoạn 1: nội dung');
    const list = (await who.clerk!.get(`/api/v1/legal/document-copies/${incomingId}`)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    // Another agency cannot read that document's copies.
    expectProblem(await who.oClerk!.get(`/api/v1/legal/document-copies/${incomingId}`), 404);
  });

  it('refuses bad input precisely, nothing written', async () => {
    const before = await snapshot();
    const none = expectProblem(await copy(who.clerk!, { legalDocumentId: legalId, form: 'sao_y' }), 400);
    expect(JSON.stringify(none)).toContain(NO_RECIPIENTS);
    const unknown = expectProblem(
      await copy(who.clerk!, {
        legalDocumentId: legalId,
        form: 'sao_y',
        agencyIds: ['01900000-0000-7000-8000-000000000000'],
      }),
      400,
    );
    expect(unknown.detail).toBe(
      'Nơi nhận không phải là cơ quan đang hoạt động trong hệ thống: 01900000-0000-7000-8000-000000000000.',
    );
    const division = expectProblem(
      await copy(who.clerk!, { legalDocumentId: legalId, form: 'sao_y', agencyIds: [unit.VPa.id] }),
      400,
    );
    expect(division.detail).toBe(
      `Nơi nhận không phải là cơ quan đang hoạt động trong hệ thống: ${unit.VPa.name}.`,
    );
    const self = expectProblem(
      await copy(who.clerk!, { legalDocumentId: legalId, form: 'sao_y', agencyIds: [unit.VP.id] }),
      400,
    );
    expect(self.detail).toMatch(/^Không có cơ quan nào để nhận bản sao/);
    const excerpt = expectProblem(
      await copy(who.clerk!, { legalDocumentId: legalId, form: 'trich_sao', agencyIds: [unit.D.id] }),
      400,
    );
    expect(JSON.stringify(excerpt)).toContain(TRICH_SAO_NEEDS_EXCERPT);
    const secret = expectProblem(
      await copy(who.clerk!, { documentId: secretId, form: 'sao_y', agencyIds: [unit.D.id] }),
      409,
    );
    expect(secret.detail).toBe(SECRET_REFUSED);
    const hidden = expectProblem(
      await copy(who.clerk!, { documentId: otherDocId, form: 'sao_y', agencyIds: [unit.D.id] }),
      404,
    );
    expect(hidden.detail).toBe('Văn bản không tồn tại hoặc bạn không có quyền xem.');
    expectProblem(
      await copy(who.clerk!, {
        legalDocumentId: '01900000-0000-7000-8000-000000000000',
        form: 'sao_y',
        agencyIds: [unit.D.id],
      }),
      404,
    );
    const noPdf = expectProblem(
      await copy(who.clerk!, { legalDocumentId: noPdfLegalId, form: 'sao_y', agencyIds: [unit.D.id] }),
      409,
    );
    expect(noPdf.detail).toMatch(/^Văn bản này chưa có tệp PDF bản chính để sao/);
    const both = expectProblem(
      await copy(who.clerk!, {
        legalDocumentId: legalId,
        documentId: incomingId,
        form: 'sao_y',
        agencyIds: [unit.D.id],
      }),
      400,
    );
    expect(JSON.stringify(both)).toContain('Chọn đúng một văn bản để sao');
    const badForm = expectProblem(
      await copy(who.clerk!, { legalDocumentId: legalId, form: 'ban_chup', agencyIds: [unit.D.id] }),
      400,
    );
    expect(JSON.stringify(badForm)).toContain('Hình thức sao phải là sao y, sao lục hoặc trích sao.');
    expectProblem(
      await copy(who.officer!, { legalDocumentId: legalId, form: 'sao_y', agencyIds: [unit.D.id] }),
      403,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('signs the copy with the agency key when it has one', async () => {
    const ca = makeCa();
    // The test's clock is fixed; the certificate must be valid on that day, not on the real one.
    const key = makeP12(ca, { cn: 'Văn phòng UBND tỉnh Thử', notBefore: new Date('2026-01-01T00:00:00Z') });
    const up = await who.admin!.post('/api/v1/signing-keys', {
      ownerKind: 'agency',
      p12Base64: key.p12.toString('base64'),
      password: key.password,
    });
    expect(up.statusCode, up.body).toBe(201);
    const c = (
      await copy(who.clerk!, { legalDocumentId: legalId, form: 'sao_y', agencyIds: [unit.D.id] })
    ).json();
    expect(c.signed).toBe(true);
    const [file] = await q<{ sha256: string }>(
      'SELECT sha256 FROM document_files WHERE document_id = $1',
      c.outgoingDocumentId,
    );
    const bytes = await t.blobs.read(file!.sha256);
    expect(pdfsig(bytes)).toContain('Signature is Valid.');
    // The signature's line, in the signatures module's Latin font (diacritics folded).
    expect(pdftotext(bytes)).toContain('SAO Y, Van phong UBND tinh Thu, 2026-12-04T03:00:00Z');
    expect(pdftotext(bytes)).toContain('Số: ');
  });
});

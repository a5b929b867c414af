import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
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
import { makeDivision, makePerson } from '../../../../test/helpers/factories.ts';
import { makeOffice, type Office } from '../../../../test/helpers/offices.ts';
import { JobRunner } from '../../platform/jobs/index.ts';
import { verifyPackage } from './package.ts';
import { rewriteZip } from './test-zip.ts';
import { buildPackageJob } from './transfer.ts';

/** A real PDF with `pages` pages, each saying `label`. */
async function pdfOf(pages: number, label: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < pages; i++)
    pdf.addPage([300, 400]).drawText(`${label.normalize('NFD').replace(/[^\x20-\x7e]/g, '')} ${i + 1}`, {
      x: 20,
      y: 350,
      size: 12,
    });
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

describe.each(ENGINES)('dossiers on %s', (engine) => {
  let t: TestApp;
  let clock = new Date('2026-11-23T03:00:00Z');
  let A: Office;
  let B: Office;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-dossiers-'));
  beforeAll(async () => {
    t = await makeTestApp(engine, { SESSION_CACHE_MS: '0' }, { now: () => clock });
    A = await makeOffice(t.app, t.database.db);
    B = await makeOffice(t.app, t.database.db);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const count = async (sql: string, ...params: unknown[]) =>
    (await t.database.query<{ n: number }>(sql, params))[0]!.n;
  const runJobs = () => new JobRunner(t.database.db, [buildPackageJob], { env: t.app.services }).drain();

  /** An incoming document handed to A's officer, with a PDF of `pages` pages. */
  async function docForOfficer(o: Office, summary: string, pages: number, issuedDate: string, assign = true) {
    const file = await upload(o.clerk, `${summary}.pdf`, 'application/pdf', await pdfOf(pages, summary));
    const r = await o.clerk.post('/api/v1/documents/incoming', {
      issuerName: 'Sở Nội vụ',
      numberNotation: `${Math.floor(Math.random() * 9000) + 100}/SNV-VP`,
      typeCode: 'cong_van',
      issuedDate,
      summary,
      files: [file],
      submitToId: o.s.leader.id,
      allowDuplicate: true,
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as string;
    if (assign) {
      const d = await o.leader.post(`/api/v1/documents/${id}/direct`, {
        direction: 'Giao chuyên viên giải quyết.',
        lead: { personId: o.s.officer.id },
      });
      expect(d.statusCode, d.body).toBe(200);
    }
    return id;
  }

  const plan = {
    decision: 'Quyết định số 12/QĐ-STN ngày 05 tháng 01 năm 2026 của Giám đốc Sở',
    entries: [
      { kind: 'heading', title: 'Tổ chức, cán bộ', notation: 'TCCB' },
      { kind: 'subheading', title: 'Tuyển dụng' },
      {
        kind: 'dossier',
        title: 'Hồ sơ tuyển dụng công chức năm 2026',
        notation: '01.TCCB',
        retentionYears: 20,
        responsible: 'Nguyễn Văn A',
      },
      { kind: 'dossier', title: 'Kế hoạch công tác năm', notation: '02.TCCB', retentionYears: null },
      { kind: 'heading', title: 'Văn phòng', notation: 'VP' },
      { kind: 'dossier', title: 'Báo cáo tháng', notation: '01.VP', retentionYears: 5 },
    ],
  };

  it('keeps a yearly plan: headings numbered, bad lines refused, copied from last year, printed', async () => {
    expectProblem(
      await A.officer.inject({ method: 'PUT', url: '/api/v1/dossier-plans/2026', payload: plan }),
      403,
    );
    const noHeading = expectProblem(
      await A.clerk.inject({
        method: 'PUT',
        url: '/api/v1/dossier-plans/2026',
        payload: { entries: plan.entries.slice(2) },
      }),
      400,
    );
    expect(noHeading.detail).toContain('đề mục lớn');
    const dup = expectProblem(
      await A.clerk.inject({
        method: 'PUT',
        url: '/api/v1/dossier-plans/2026',
        payload: {
          entries: [...plan.entries, { kind: 'dossier', title: 'X', notation: '01.VP', retentionYears: 10 }],
        },
      }),
      400,
    );
    expect(dup.detail).toContain('01.VP');
    const noRetention = expectProblem(
      await A.clerk.inject({
        method: 'PUT',
        url: '/api/v1/dossier-plans/2026',
        payload: { entries: [plan.entries[0], { kind: 'dossier', title: 'X', notation: '09.VP' }] },
      }),
      400,
    );
    expect(JSON.stringify(noRetention)).toContain('thời hạn bảo quản');
    expect(
      await count(`SELECT count(*)::int AS n FROM dossier_plans WHERE agency_id = $1`, A.s.agency.id),
    ).toBe(0);

    const saved = await A.clerk.inject({ method: 'PUT', url: '/api/v1/dossier-plans/2026', payload: plan });
    expect(saved.statusCode, saved.body).toBe(200);
    const p = saved.json();
    expect(p.entries.map((e: { number: string }) => e.number)).toEqual(['I', '1', '', '', 'II', '']);
    // Editing keeps ids of the lines sent back and drops the others.
    const edited = p.entries.filter((e: { notation: string }) => e.notation !== '02.TCCB');
    const again = await A.clerk.inject({
      method: 'PUT',
      url: '/api/v1/dossier-plans/2026',
      payload: { decision: plan.decision, entries: edited },
    });
    expect(again.json().entries.map((e: { id: string }) => e.id)).toEqual(
      edited.map((e: { id: string }) => e.id),
    );
    await A.clerk.inject({ method: 'PUT', url: '/api/v1/dossier-plans/2026', payload: plan });

    // The leader starts 2027 from 2026; a second copy would overwrite and is refused.
    const copied = await A.leader.post('/api/v1/dossier-plans/2027/copy-previous');
    expect(copied.statusCode, copied.body).toBe(200);
    expect(copied.json().entries.map((e: { title: string }) => e.title)).toEqual(
      plan.entries.map((e) => e.title),
    );
    expect(copied.json().decision).toBeNull();
    expectProblem(await A.leader.post('/api/v1/dossier-plans/2027/copy-previous'), 409);
    expectProblem(await A.leader.post('/api/v1/dossier-plans/2031/copy-previous'), 404);
    // Another agency sees its own (empty) plan.
    expect((await B.clerk.get('/api/v1/dossier-plans/2026')).json().entries).toEqual([]);

    const pdf = await A.officer.get('/api/v1/dossier-plans/2026/print');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  let dossierId: string;
  let docs: string[];
  it('files documents into a dossier opened from the plan, numbers them, and closes it with computed totals', async () => {
    const p = (await A.officer.get('/api/v1/dossier-plans/2026')).json();
    const line = p.entries.find((e: { notation: string }) => e.notation === '01.TCCB');
    expectProblem(await A.officer.post('/api/v1/dossiers', { planEntryId: p.entries[0].id }), 400);
    expectProblem(await B.officer.post('/api/v1/dossiers', { planEntryId: line.id }), 404);
    const opened = await A.officer.post('/api/v1/dossiers', {
      planEntryId: line.id,
      startDate: '2026-03-02',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    dossierId = opened.json().id;
    expect(opened.json().fileCode).toBe(`${A.s.agency.agencyCode}.2026.01.TCCB`);
    expectProblem(
      await A.officer.post('/api/v1/dossiers', { planEntryId: line.id, startDate: '2026-04-01' }),
      409,
    );

    docs = [
      await docForOfficer(A, 'Kế hoạch tuyển dụng', 2, '2026-03-05'),
      await docForOfficer(A, 'Thông báo tuyển dụng', 3, '2026-04-10'),
    ];
    const hidden = await docForOfficer(A, 'Văn bản không giao', 1, '2026-05-01', false);
    const before = await count(
      `SELECT count(*)::int AS n FROM dossier_items WHERE dossier_id = $1`,
      dossierId,
    );
    const refused = expectProblem(
      await A.officer.post(`/api/v1/dossiers/${dossierId}/items`, { documentId: hidden }),
      404,
    );
    expect(refused.detail).toContain('không có quyền xem');
    expectProblem(
      await A.officer.post(`/api/v1/dossiers/${dossierId}/items`, {
        documentId: await docForOfficer(B, 'Của B', 1, '2026-03-01'),
      }),
      404,
    );
    expect(await count(`SELECT count(*)::int AS n FROM dossier_items WHERE dossier_id = $1`, dossierId)).toBe(
      before,
    );

    // Add in reverse order, then put them in the order of the matter.
    const i2 = (await A.officer.post(`/api/v1/dossiers/${dossierId}/items`, { documentId: docs[1] })).json();
    const i1 = (await A.officer.post(`/api/v1/dossiers/${dossierId}/items`, { documentId: docs[0] })).json();
    expect([i2.ordinal, i1.ordinal]).toEqual([1, 2]);
    const dup = expectProblem(
      await A.officer.post(`/api/v1/dossiers/${dossierId}/items`, { documentId: docs[0] }),
      409,
    );
    expect(dup.detail).toContain('số thứ tự 2');
    const minutes = await upload(A.officer, 'bien-ban.pdf', 'application/pdf', await pdfOf(1, 'Biên bản'));
    const i3 = await A.officer.post(`/api/v1/dossiers/${dossierId}/items`, {
      file: minutes,
      title: 'Biên bản họp hội đồng tuyển dụng',
      itemDate: '2026-06-15',
    });
    expect(i3.statusCode, i3.body).toBe(201);
    expectProblem(
      await A.officer.post(`/api/v1/dossiers/${dossierId}/order`, { itemIds: [i1.id, i2.id] }),
      400,
    );
    expect(
      (await A.officer.post(`/api/v1/dossiers/${dossierId}/order`, { itemIds: [i1.id, i2.id, i3.json().id] }))
        .statusCode,
    ).toBe(200);

    // The same document also sits in an ad hoc dossier, without being copied.
    const docRows = await count(`SELECT count(*)::int AS n FROM documents`);
    const adhoc = await A.officer.post('/api/v1/dossiers', {
      title: 'Hồ sơ theo dõi tuyển dụng',
      notation: '99.TD',
      retentionYears: 5,
    });
    expect(adhoc.statusCode, adhoc.body).toBe(201);
    expect(
      (await A.officer.post(`/api/v1/dossiers/${adhoc.json().id}/items`, { documentId: docs[0] })).statusCode,
    ).toBe(201);
    expect(await count(`SELECT count(*)::int AS n FROM documents`)).toBe(docRows);
    const inDossiers = (await A.officer.get(`/api/v1/dossiers?documentId=${docs[0]}`)).json().items;
    expect(inDossiers.map((d: { id: string }) => d.id).sort()).toEqual([dossierId, adhoc.json().id].sort());

    let d = (await A.officer.get(`/api/v1/dossiers/${dossierId}`)).json();
    expect(d.items.map((i: { title: string; ordinal: number }) => [i.ordinal, i.title])).toEqual([
      [1, 'Kế hoạch tuyển dụng'],
      [2, 'Thông báo tuyển dụng'],
      [3, 'Biên bản họp hội đồng tuyển dụng'],
    ]);
    expect(d.canEdit).toBe(true);
    // Other agencies cannot see it; the head of the maker's division reads it but cannot change it.
    expectProblem(await B.clerk.get(`/api/v1/dossiers/${dossierId}`), 404);
    expect((await A.head.get(`/api/v1/dossiers/${dossierId}`)).json().canEdit).toBe(false);
    expectProblem(await A.head.post(`/api/v1/dossiers/${dossierId}/items`, { documentId: docs[0] }), 403);

    // Close: end date = latest item, 3 items, 2 + 3 + 1 pages (counted from the PDFs).
    clock = new Date('2026-11-24T03:00:00Z');
    const closed = await A.officer.post(`/api/v1/dossiers/${dossierId}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'closed',
      endDate: '2026-06-15',
      docTotal: 3,
      pageTotal: 6,
      startDate: '2026-03-02',
    });

    // A closed dossier does not change: add, remove, reorder are refused and nothing moves.
    for (const res of [
      await A.officer.post(`/api/v1/dossiers/${dossierId}/items`, { documentId: hidden }),
      await A.officer.post(`/api/v1/dossiers/${dossierId}/items`, { documentId: docs[0] }),
      await A.officer.delete(`/api/v1/dossiers/${dossierId}/items/${i1.id}`),
      await A.officer.post(`/api/v1/dossiers/${dossierId}/order`, { itemIds: [i2.id, i1.id, i3.json().id] }),
      await A.officer.post(`/api/v1/dossiers/${dossierId}/close`, {}),
    ]) {
      const pr = expectProblem(res, 409);
      expect(pr.detail).toContain('đã kết thúc');
    }
    d = (await A.officer.get(`/api/v1/dossiers/${dossierId}`)).json();
    expect(d.items.map((i: { id: string }) => i.id)).toEqual([i1.id, i2.id, i3.json().id]);
    expect(d.canEdit).toBe(false);
    expectProblem(
      await A.officer.post(`/api/v1/dossiers/${adhoc.json().id}/close`, { retentionYears: 0 }),
      400,
    );
  });

  it('exports a dossier to one PDF with its contents list and to Appendix VI XML', async () => {
    const pdf = await A.officer.get(`/api/v1/dossiers/${dossierId}/export.pdf`);
    expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
    const doc = await PDFDocument.load(pdf.rawPayload);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(7); // contents list + 6 pages of documents
    const xml = await A.officer.get(`/api/v1/dossiers/${dossierId}/export.xml`);
    expect(xml.statusCode).toBe(200);
    expect(xml.body).toContain('<FileNotation>01.TCCB</FileNotation>');
    expect(xml.body).toContain(`<OrganId>${A.s.agency.agencyCode}</OrganId>`);
    expect(xml.body).toContain('<FileCatalog>2026</FileCatalog>');
    expect(xml.body).toContain('<DocTotal>3</DocTotal>');
    expect(xml.body).toContain('<PageTotal>6</PageTotal>');
    expect(xml.body).toContain('<Maintenance>20 năm</Maintenance>');
    expect(xml.body).toContain('<StartDate>02/03/2026</StartDate>');
    expect(xml.body).toContain('<EndDate>15/06/2026</EndDate>');
    expect(xml.body).toMatch(/<DocOrdinal>1<\/DocOrdinal>\s*<TypeName>Công văn<\/TypeName>/);
    expect(xml.body).toContain('<ArrivalNumber>');
    expect(xml.body).toContain('Giao chuyên viên giải quyết.');
    expectProblem(await B.officer.get(`/api/v1/dossiers/${dossierId}/export.xml`), 404);
  });

  let packageFile: string;
  it('transfers closed dossiers only, builds a verifiable package, and the archive imports it read-only', async () => {
    const open = await A.officer.post('/api/v1/dossiers', {
      title: 'Hồ sơ còn mở',
      notation: '50.VP',
      retentionYears: 10,
    });
    const openId = open.json().id;
    const refused = expectProblem(
      await A.clerk.post('/api/v1/archive-transfers', { dossierIds: [dossierId, openId] }),
      409,
    );
    expect(refused.detail).toContain('50.VP');
    expect(refused.detail).toContain('đang mở');
    expect(
      await count(`SELECT count(*)::int AS n FROM archive_transfers WHERE agency_id = $1`, A.s.agency.id),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM dossiers WHERE transfer_id IS NOT NULL AND agency_id = $1`,
        A.s.agency.id,
      ),
    ).toBe(0);
    expectProblem(await A.officer.post('/api/v1/archive-transfers', { dossierIds: [dossierId] }), 403);
    expectProblem(await B.clerk.post('/api/v1/archive-transfers', { dossierIds: [dossierId] }), 404);

    const due = (await A.clerk.get('/api/v1/dossiers?due=transfer')).json().items;
    expect(due.map((d: { id: string }) => d.id)).toEqual([dossierId]);
    const created = await A.clerk.post('/api/v1/archive-transfers', {
      dossierIds: [dossierId],
      title: 'Tài liệu tuyển dụng 2026',
    });
    expect(created.statusCode, created.body).toBe(201);
    const tid = created.json().id;
    expect((await A.clerk.get(`/api/v1/archive-transfers/${tid}`)).json().status).toBe('building');
    expectProblem(await A.clerk.get(`/api/v1/archive-transfers/${tid}/package`), 409);
    expectProblem(await A.clerk.post('/api/v1/archive-transfers', { dossierIds: [dossierId] }), 409);
    await runJobs();
    const tv = (await A.clerk.get(`/api/v1/archive-transfers/${tid}`)).json();
    expect(tv).toMatchObject({ status: 'ready', filesTotal: 3, filesDone: 3, dossierCount: 1 });
    expect(tv.dossiers[0].fileCode).toBe(`${A.s.agency.agencyCode}.2026.01.TCCB`);

    const pkg = await A.clerk.get(`/api/v1/archive-transfers/${tid}/package`);
    expect(pkg.statusCode).toBe(200);
    packageFile = path.join(tmp, 'package.zip');
    fs.writeFileSync(packageFile, pkg.rawPayload);
    const v = await verifyPackage(packageFile);
    expect(v.ok, JSON.stringify(v.problems)).toBe(true);
    expect(v.checked).toBe(5); // XML, CSV and three files
    expect([...v.entries.keys()].sort()).toEqual(
      [
        'metadata/dossiers.xml',
        'metadata/muc-luc-ho-so.csv',
        `files/${tv.dossiers[0].fileCode}/${tv.dossiers[0].fileCode}.001.pdf`,
        `files/${tv.dossiers[0].fileCode}/${tv.dossiers[0].fileCode}.002.pdf`,
        `files/${tv.dossiers[0].fileCode}/${tv.dossiers[0].fileCode}.003.pdf`,
      ].sort(),
    );

    // A package with an altered or a missing file is refused by name, and nothing is recorded.
    const victim = `files/${tv.dossiers[0].fileCode}/${tv.dossiers[0].fileCode}.002.pdf`;
    const altered = path.join(tmp, 'altered.zip');
    await rewriteZip(packageFile, altered, (name, data) => {
      if (name !== victim) return data;
      const copy = Buffer.from(data);
      copy[copy.length - 20] = copy[copy.length - 20]! ^ 0xff;
      return copy;
    });
    const missing = path.join(tmp, 'missing.zip');
    await rewriteZip(packageFile, missing, (name, data) => (name === victim ? null : data));
    for (const [file, word] of [
      [altered, 'đã bị thay đổi'],
      [missing, 'thiếu trong gói'],
    ] as const) {
      const up = await upload(A.clerk, path.basename(file), 'application/zip', fs.readFileSync(file));
      const pr = expectProblem(await A.clerk.post('/api/v1/archive/imports', { sha256: up.sha256 }), 400);
      expect(pr.detail).toContain(victim);
      expect(pr.detail).toContain(word);
    }
    expect(
      await count(`SELECT count(*)::int AS n FROM archive_records WHERE agency_id = $1`, A.s.agency.id),
    ).toBe(0);
    expect((await A.clerk.get(`/api/v1/archive-transfers/${tid}`)).json().status).toBe('ready');

    // Another agency's archive cannot take it; the agency's own archive does, once.
    const good = await upload(A.clerk, 'package.zip', 'application/zip', pkg.rawPayload);
    expectProblem(
      await B.clerk.post('/api/v1/archive/imports', {
        sha256: (await upload(B.clerk, 'p.zip', 'application/zip', pkg.rawPayload)).sha256,
      }),
      403,
    );
    expectProblem(await A.officer.post('/api/v1/archive/imports', { sha256: good.sha256 }), 403);
    const imp = await A.clerk.post('/api/v1/archive/imports', { sha256: good.sha256 });
    expect(imp.statusCode, imp.body).toBe(201);
    expect(imp.json()).toMatchObject({ dossiers: 1, files: 5, transferId: tid, received: true });
    expectProblem(await A.clerk.post('/api/v1/archive/imports', { sha256: good.sha256 }), 409);
    expect((await A.clerk.get(`/api/v1/archive-transfers/${tid}`)).json().status).toBe('received');
    expect((await A.officer.get(`/api/v1/dossiers/${dossierId}`)).json().status).toBe('transferred');
    const records = (await A.clerk.get('/api/v1/archive/records')).json();
    expect(records).toMatchObject({
      items: [{ fileCode: tv.dossiers[0].fileCode, files: 3, retentionYears: 20, endDate: '2026-06-15' }],
      nextCursor: null,
    });
    expect((await B.clerk.get('/api/v1/archive/records')).json().items).toEqual([]);
    const transfers = (await A.clerk.get('/api/v1/archive-transfers?limit=1')).json();
    expect(transfers.items.map((x: { id: string }) => x.id)).toEqual([tid]);
    expectProblem(await A.clerk.get('/api/v1/archive-transfers?cursor=garbage'), 400);
    await expect(
      t.database.query(`UPDATE archive_records SET title = 'x' WHERE agency_id = $1`, [A.s.agency.id]),
    ).rejects.toThrow(/read-only/);
    await expect(
      t.database.query(`DELETE FROM archive_records WHERE agency_id = $1`, [A.s.agency.id]),
    ).rejects.toThrow(/read-only/);

    // Hand-over record and the printable lists.
    expectProblem(await A.clerk.get(`/api/v1/archive-transfers/${tid}/handover.pdf`), 409);
    expectProblem(await A.clerk.post(`/api/v1/archive-transfers/${tid}/handover`, { giverName: 'A' }), 400);
    const ho = await A.clerk.post(`/api/v1/archive-transfers/${tid}/handover`, {
      giverName: 'Trần Thị Giao',
      giverTitle: 'Chuyên viên',
      receiverName: 'Lê Văn Nhận',
      receiverTitle: 'Lưu trữ viên',
      condition: 'Đầy đủ, toàn vẹn',
    });
    expect(ho.statusCode, ho.body).toBe(200);
    for (const url of [
      `/api/v1/archive-transfers/${tid}/handover.pdf`,
      `/api/v1/archive-transfers/${tid}/list.pdf`,
    ]) {
      const r = await A.clerk.get(url);
      expect(r.statusCode, url).toBe(200);
      expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
  });

  it("shows a division head the dossiers of the division's people, without letting them change them", async () => {
    const d = (
      await A.officer.post('/api/v1/dossiers', {
        title: 'Hồ sơ tổ chức hội nghị chuyển đổi số',
        notation: '07.CDS',
        retentionYears: 10,
      })
    ).json();
    const listed = async (c: Client) =>
      (await c.get('/api/v1/dossiers?limit=100')).json().items.map((x: { id: string }) => x.id);
    expect(await listed(A.head)).toContain(d.id);
    expect((await A.head.get(`/api/v1/dossiers/${d.id}`)).statusCode).toBe(200);
    expectProblem(await A.head.post(`/api/v1/dossiers/${d.id}/close`, {}), 403);
    // Another division's head, and another agency's, see nothing of it.
    const other = await makePerson(t.database.db, {
      agencyId: A.s.agency.id,
      role: 'division_head',
      divisionId: (await makeDivision(t.database.db, A.s.agency.id)).id,
    });
    const otherHead = await signIn(t.app, other.username);
    expect(await listed(otherHead)).not.toContain(d.id);
    expectProblem(await otherHead.get(`/api/v1/dossiers/${d.id}`), 404);
    expectProblem(await B.head.get(`/api/v1/dossiers/${d.id}`), 404);
  });

  it('refuses to export or transfer a dossier holding a secret document', async () => {
    const secret = await A.clerk.post('/api/v1/documents/incoming', {
      issuerName: 'Bộ Công an',
      numberNotation: '77/BCA-A',
      typeCode: 'cong_van',
      issuedDate: '2026-02-02',
      summary: 'Văn bản mật',
      secrecy: 'mat',
      allowDuplicate: true,
    });
    expect(secret.statusCode, secret.body).toBe(201);
    const d = (
      await A.clerk.post('/api/v1/dossiers', { title: 'Hồ sơ mật', notation: '01.M', retentionYears: null })
    ).json();
    expect(
      (await A.clerk.post(`/api/v1/dossiers/${d.id}/items`, { documentId: secret.json().id })).statusCode,
    ).toBe(201);
    expectProblem(await A.clerk.get(`/api/v1/dossiers/${d.id}/export.pdf`), 403);
    expect((await A.clerk.post(`/api/v1/dossiers/${d.id}/close`, {})).statusCode).toBe(200);
    const pr = expectProblem(await A.clerk.post('/api/v1/archive-transfers', { dossierIds: [d.id] }), 403);
    expect(pr.detail).toContain('văn bản mật');
    // The leader, not named on it, sees only the item's place.
    const view = (await A.leader.get(`/api/v1/dossiers/${d.id}`)).json();
    expect(view.items[0]).toMatchObject({ visible: false, numberNotation: null });
  });

  it('lists dossiers past retention; only a leader disposes, with a recorded decision and a tombstone', async () => {
    const clerk2 = await makePerson(t.database.db, { agencyId: A.s.agency.id, role: 'clerk' });
    const c2: Client = await signIn(t.app, clerk2.username);
    const d = (
      await c2.post('/api/v1/dossiers', {
        title: 'Báo cáo tháng 3',
        notation: '03.BC',
        retentionYears: 5,
        startDate: '2026-03-01',
      })
    ).json();
    const docId = await docForOfficer(A, 'Báo cáo', 1, '2026-03-31');
    expect((await c2.post(`/api/v1/dossiers/${d.id}/items`, { documentId: docId })).statusCode).toBe(201);
    expect((await c2.post(`/api/v1/dossiers/${d.id}/close`, {})).statusCode).toBe(200);
    const decision = {
      decisionNumber: '45/QĐ-STN',
      decisionDate: '2026-11-24',
      reason: 'Hết thời hạn bảo quản',
    };
    expect(
      (await A.leader.get('/api/v1/dossiers/disposal-review')).json().items.map((x: { id: string }) => x.id),
    ).not.toContain(d.id);
    const early = expectProblem(await A.leader.post(`/api/v1/dossiers/${d.id}/dispose`, decision), 409);
    expect(early.detail).toContain('31/03/2031');

    clock = new Date('2031-04-02T03:00:00Z');
    const review = (await A.leader.get('/api/v1/dossiers/disposal-review')).json().items;
    // One row per page: the keyset walk finds the same dossiers.
    const walked: string[] = [];
    let cursor = '';
    do {
      const p = (await A.leader.get(`/api/v1/dossiers/disposal-review?limit=1${cursor}`)).json();
      walked.push(...p.items.map((x: { id: string }) => x.id));
      cursor = p.nextCursor ? `&cursor=${p.nextCursor}` : '';
    } while (cursor);
    expect(walked).toEqual(review.map((x: { id: string }) => x.id));
    expect(review.find((x: { id: string }) => x.id === d.id)).toMatchObject({ retentionEnds: '2031-03-31' });
    expect(review.map((x: { id: string }) => x.id)).not.toContain(dossierId); // 20 years
    expectProblem(await c2.post(`/api/v1/dossiers/${d.id}/dispose`, decision), 403);
    expectProblem(await A.leader.post(`/api/v1/dossiers/${d.id}/dispose`, { ...decision, reason: '' }), 400);
    expectProblem(await A.leader.post(`/api/v1/dossiers/${dossierId}/dispose`, decision), 409);
    const ok = await A.leader.post(`/api/v1/dossiers/${d.id}/dispose`, decision);
    expect(ok.statusCode, ok.body).toBe(200);
    const view = (await A.leader.get(`/api/v1/dossiers/${d.id}`)).json();
    expect(view).toMatchObject({ status: 'disposed', items: [], tombstone: { decisionNumber: '45/QĐ-STN' } });
    const [tomb] = await t.database.query<{ metadata: { items: { subject: string }[] } }>(
      `SELECT metadata FROM dossier_tombstones WHERE dossier_id = $1`,
      [d.id],
    );
    expect(tomb!.metadata.items[0]!.subject).toBe('Báo cáo');
    expect(await count(`SELECT count(*)::int AS n FROM documents WHERE id = $1`, docId)).toBe(1);
    expectProblem(await A.leader.post(`/api/v1/dossiers/${d.id}/dispose`, decision), 409);
    await expect(
      t.database.query(`DELETE FROM dossier_tombstones WHERE dossier_id = $1`, [d.id]),
    ).rejects.toThrow(/read-only/);
    const actions = await t.database.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`,
      [d.id],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'dossier.open',
      'dossier.add_item',
      'dossier.close',
      'dossier.dispose',
    ]);
  });
});

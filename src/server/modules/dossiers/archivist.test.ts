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
import { makePerson } from '../../../../test/helpers/factories.ts';
import { makeOffice, type Office } from '../../../../test/helpers/offices.ts';
import { JobRunner } from '../../platform/jobs/index.ts';
import { positions } from '../people/schema.ts';
import { buildPackageJob } from './transfer.ts';

// The archivist (người làm lưu trữ, Decree 30/2020 ch. IV "Lưu trữ cơ quan"): takes transfers in,
// keeps the archive and runs the disposal review; registers no documents and reads no open dossier.
// Office C has an archivist; where an agency has none, its clerk keeps the archive (dossiers.test.ts).
describe.each(ENGINES)('the archivist on %s', (engine) => {
  let t: TestApp;
  let clock = new Date('2026-11-23T03:00:00Z');
  let C: Office;
  let E: Office;
  let archivist: Awaited<ReturnType<typeof makePerson>>;
  let arch: Client;
  let otherArch: Client;
  beforeAll(async () => {
    t = await makeTestApp(engine, { SESSION_CACHE_MS: '0' }, { now: () => clock });
    C = await makeOffice(t.app, t.database.db);
    E = await makeOffice(t.app, t.database.db);
    archivist = await makePerson(t.database.db, {
      agencyId: C.s.agency.id,
      role: 'archivist',
      fullName: 'Lê Văn Lưu',
    });
    arch = await signIn(t.app, archivist.username);
    otherArch = await signIn(
      t.app,
      (await makePerson(t.database.db, { agencyId: E.s.agency.id, role: 'archivist' })).username,
    );
  });
  afterAll(() => t.close());

  const count = async (sql: string, ...params: unknown[]) =>
    (await t.database.query<{ n: number }>(sql, params))[0]!.n;
  const runJobs = () => new JobRunner(t.database.db, [buildPackageJob], { env: t.app.services }).drain();

  /** An incoming document of office `o` directed to its officer. */
  async function docForOfficer(o: Office, summary: string, issuedDate: string) {
    const r = await o.clerk.post('/api/v1/documents/incoming', {
      issuerName: 'Sở Nội vụ',
      numberNotation: `${Math.floor(Math.random() * 9000) + 100}/SNV-VP`,
      typeCode: 'cong_van',
      issuedDate,
      summary,
      submitToId: o.s.leader.id,
      allowDuplicate: true,
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as string;
    const d = await o.leader.post(`/api/v1/documents/${id}/direct`, {
      direction: 'Giao chuyên viên giải quyết.',
      lead: { personId: o.s.officer.id },
    });
    expect(d.statusCode, d.body).toBe(200);
    return id;
  }

  /** A dossier of C's officer holding one document; closed unless `open`. */
  async function officerDossier(notation: string, retentionYears: number, summary: string, open = false) {
    const d = await C.officer.post('/api/v1/dossiers', {
      title: `Hồ sơ ${summary}`,
      notation,
      retentionYears,
      startDate: '2026-02-01',
    });
    expect(d.statusCode, d.body).toBe(201);
    const id = d.json().id as string;
    const doc = await docForOfficer(C, summary, '2026-03-10');
    expect((await C.officer.post(`/api/v1/dossiers/${id}/items`, { documentId: doc })).statusCode).toBe(201);
    if (!open) expect((await C.officer.post(`/api/v1/dossiers/${id}/close`, {})).statusCode).toBe(200);
    return { id, doc };
  }

  let openDossier: { id: string; doc: string };
  let kept: { id: string; doc: string };
  let shortLived: { id: string; doc: string };
  it('has no documents, mail or exchange, and reads no dossier that was not handed to the archive', async () => {
    openDossier = await officerDossier('01.OPEN', 10, 'Việc còn đang làm', true);
    kept = await officerDossier('02.KEEP', 10, 'Kế hoạch cải cách hành chính');
    shortLived = await officerDossier('03.SHORT', 2, 'Giấy mời họp');

    const me = (await arch.get('/api/v1/me')).json();
    expect(me.position.role).toBe('archivist');
    expect([...me.permissions].sort()).toEqual(['authenticated', 'dossiers', 'dossiers.archive']);

    // Documents, mail and edXML import belong to other roles: refused at the door (403).
    for (const res of [
      await arch.get('/api/v1/documents?box=incoming'),
      await arch.get(`/api/v1/documents/${kept.doc}`),
      await arch.post('/api/v1/documents/incoming', {
        issuerName: 'Sở Nội vụ',
        numberNotation: '1/SNV',
        typeCode: 'cong_van',
        issuedDate: '2026-03-01',
        summary: 'Thử vào sổ',
      }),
      await arch.get('/api/v1/mail/candidates'),
      await arch.get('/api/v1/people'),
    ])
      expectProblem(res, 403);

    // Dossiers: neither another person's open dossier nor a closed one still kept by its unit (404).
    expectProblem(await arch.get(`/api/v1/dossiers/${openDossier.id}`), 404);
    expectProblem(await arch.get(`/api/v1/dossiers/${kept.id}`), 404);
    expectProblem(await arch.get(`/api/v1/dossiers/${kept.id}/export.xml`), 404);
    expect((await arch.get('/api/v1/dossiers?limit=100')).json().items).toEqual([]);
    expect((await arch.get('/api/v1/dossiers/open-for-me')).json()).toEqual([]);
    // It opens no dossier of its own and does not edit the plan, but reads it (transfers follow it).
    expectProblem(
      await arch.post('/api/v1/dossiers', { title: 'X', notation: '09.X', retentionYears: 5 }),
      403,
    );
    expectProblem(
      await arch.inject({
        method: 'PUT',
        url: '/api/v1/dossier-plans/2026',
        payload: { entries: [{ kind: 'heading', title: 'Văn phòng' }] },
      }),
      403,
    );
    expect((await arch.get('/api/v1/dossier-plans/2026')).statusCode).toBe(200);
    // Transfers are made by the giving side (the clerk), not by the archive.
    expectProblem(await arch.post('/api/v1/archive-transfers', { dossierIds: [kept.id] }), 403);
    expect(
      await count(`SELECT count(*)::int AS n FROM archive_transfers WHERE agency_id = $1`, C.s.agency.id),
    ).toBe(0);
  });

  it('takes a transfer in, reads its dossiers and records the hand-over; the clerk no longer does', async () => {
    expect((await arch.get('/api/v1/archive/keeper')).json()).toEqual({
      keptBy: 'archivist',
      archivists: ['Lê Văn Lưu'],
      mayReceive: true,
    });
    expect((await C.clerk.get('/api/v1/archive/keeper')).json()).toMatchObject({
      keptBy: 'archivist',
      mayReceive: false,
    });
    expectProblem(await C.officer.get('/api/v1/archive/keeper'), 403);

    const created = await C.clerk.post('/api/v1/archive-transfers', {
      dossierIds: [kept.id],
      title: 'Đợt 1',
    });
    expect(created.statusCode, created.body).toBe(201);
    const tid = created.json().id as string;
    await runJobs();
    const ids = async (url: string) => (await arch.get(url)).json().items.map((x: { id: string }) => x.id);
    expect(await ids('/api/v1/archive-transfers')).toEqual([tid]);
    // What waits for the archive: the transfers whose package is ready.
    expect(await ids('/api/v1/archive-transfers?status=ready')).toEqual([tid]);
    expectProblem(await arch.get('/api/v1/archive-transfers?status=lost'), 400);
    const tv = (await arch.get(`/api/v1/archive-transfers/${tid}`)).json();
    expect(tv).toMatchObject({ status: 'ready', dossierCount: 1 });
    const pkg = await arch.get(`/api/v1/archive-transfers/${tid}/package`);
    expect(pkg.statusCode).toBe(200);
    expect((await arch.get(`/api/v1/archive-transfers/${tid}/list.pdf`)).statusCode).toBe(200);

    // A dossier handed to the archive: read in full (its documents too), exported, never changed.
    const d = await arch.get(`/api/v1/dossiers/${kept.id}`);
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({ canEdit: false, transferId: tid });
    expect(d.json().items[0]).toMatchObject({ visible: true, title: 'Kế hoạch cải cách hành chính' });
    expect((await arch.get(`/api/v1/dossiers/${kept.id}/export.xml`)).body).toContain('02.KEEP');
    expect(
      (await arch.get('/api/v1/dossiers?limit=100')).json().items.map((x: { id: string }) => x.id),
    ).toEqual([kept.id]);
    expectProblem(await arch.post(`/api/v1/dossiers/${kept.id}/items`, { documentId: openDossier.doc }), 409);
    // …but not the documents themselves, which stay with the documents module.
    expectProblem(await arch.get(`/api/v1/documents/${kept.doc}`), 403);

    // The clerk (and the leader) no longer take packages in or record the hand-over.
    const good = await upload(C.clerk, 'package.zip', 'application/zip', pkg.rawPayload);
    const refused = expectProblem(
      await C.clerk.post('/api/v1/archive/imports', { sha256: good.sha256 }),
      403,
    );
    expect(refused.detail).toContain('Lê Văn Lưu');
    expectProblem(await C.leader.post('/api/v1/archive/imports', { sha256: good.sha256 }), 403);
    const handover = {
      giverName: 'Trần Thị Giao',
      giverTitle: 'Văn thư',
      receiverName: 'Lê Văn Lưu',
      receiverTitle: 'Lưu trữ viên',
      condition: 'Đầy đủ, toàn vẹn',
    };
    expectProblem(await C.clerk.post(`/api/v1/archive-transfers/${tid}/handover`, handover), 403);
    expect(
      await count(`SELECT count(*)::int AS n FROM archive_records WHERE agency_id = $1`, C.s.agency.id),
    ).toBe(0);

    // Another agency's archivist sees none of it.
    expectProblem(await otherArch.get(`/api/v1/archive-transfers/${tid}`), 404);
    expectProblem(await otherArch.get(`/api/v1/dossiers/${kept.id}`), 404);
    expectProblem(
      await otherArch.post('/api/v1/archive/imports', {
        sha256: (await upload(otherArch, 'p.zip', 'application/zip', pkg.rawPayload)).sha256,
      }),
      403,
    );

    const imp = await arch.post('/api/v1/archive/imports', { sha256: good.sha256 });
    expect(imp.statusCode, imp.body).toBe(201);
    expect(imp.json()).toMatchObject({ dossiers: 1, transferId: tid, received: true });
    expect((await arch.post(`/api/v1/archive-transfers/${tid}/handover`, handover)).statusCode).toBe(200);
    expect((await arch.get(`/api/v1/archive-transfers/${tid}/handover.pdf`)).statusCode).toBe(200);
    expect((await arch.get('/api/v1/archive/records')).json().items).toMatchObject([
      { fileCode: tv.dossiers[0].fileCode, transferId: tid },
    ]);
    expect((await C.officer.get(`/api/v1/dossiers/${kept.id}`)).json().status).toBe('transferred');
    expect(await ids('/api/v1/archive-transfers?status=ready')).toEqual([]);
    expect(await ids('/api/v1/archive-transfers?status=received')).toEqual([tid]);
    // The clerk and the leader still see the archive's lists.
    expect((await C.clerk.get('/api/v1/archive/records')).json().items).toHaveLength(1);
    expect((await C.leader.get(`/api/v1/archive-transfers/${tid}`)).json().status).toBe('received');
    const acts = await t.database.query<{ action: string; actor_id: string }>(
      `SELECT action, actor_id FROM audit_log WHERE entity_id = $1 AND action IN ('archive.import', 'archive_transfer.handover') ORDER BY seq`,
      [tid],
    );
    expect(acts).toEqual([
      { action: 'archive.import', actor_id: archivist.id },
      { action: 'archive_transfer.handover', actor_id: archivist.id },
    ]);
  });

  it('runs the disposal review and reads the dossiers under review; the leader alone decides', async () => {
    expect((await arch.get('/api/v1/dossiers/disposal-review')).json().items).toEqual([]);
    expectProblem(await arch.get(`/api/v1/dossiers/${shortLived.id}`), 404);

    clock = new Date('2029-04-02T03:00:00Z');
    const review = (await arch.get('/api/v1/dossiers/disposal-review')).json().items;
    expect(review.map((x: { id: string }) => x.id)).toEqual([shortLived.id]);
    expect(review[0]).toMatchObject({ retentionEnds: '2028-03-10' });
    const d = await arch.get(`/api/v1/dossiers/${shortLived.id}`);
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().items[0]).toMatchObject({ visible: true, title: 'Giấy mời họp' });
    // Still never an open dossier, however old.
    expectProblem(await arch.get(`/api/v1/dossiers/${openDossier.id}`), 404);

    const decision = {
      decisionNumber: '09/QĐ-STN',
      decisionDate: '2029-04-01',
      reason: 'Hết thời hạn bảo quản',
    };
    expectProblem(await arch.post(`/api/v1/dossiers/${shortLived.id}/dispose`, decision), 403);
    expect((await C.leader.post(`/api/v1/dossiers/${shortLived.id}/dispose`, decision)).statusCode).toBe(200);
    expect((await arch.get(`/api/v1/dossiers/${shortLived.id}`)).json()).toMatchObject({
      status: 'disposed',
      tombstone: { decisionNumber: '09/QĐ-STN' },
    });
  });

  it('gives the archive back to the clerk once the agency has no active archivist', async () => {
    const [tr] = await t.database.query<{ id: string }>(
      `SELECT id FROM archive_transfers WHERE agency_id = $1`,
      [C.s.agency.id],
    );
    const handover = {
      giverName: 'Trần Thị Giao',
      giverTitle: 'Văn thư',
      receiverName: 'Nguyễn Thị Kiêm',
      receiverTitle: 'Văn thư kiêm lưu trữ',
      condition: 'Đầy đủ',
    };
    expectProblem(await C.clerk.post(`/api/v1/archive-transfers/${tr!.id}/handover`, handover), 403);
    await t.database.query(`UPDATE people SET disabled_at = now() WHERE id = $1`, [archivist.id]);
    expect((await C.clerk.get('/api/v1/archive/keeper')).json()).toEqual({
      keptBy: 'clerk',
      archivists: [],
      mayReceive: true,
    });
    expect((await C.clerk.post(`/api/v1/archive-transfers/${tr!.id}/handover`, handover)).statusCode).toBe(
      200,
    );
    await t.database.query(`UPDATE people SET disabled_at = NULL WHERE id = $1`, [archivist.id]);
    expect((await C.clerk.get('/api/v1/archive/keeper')).json().mayReceive).toBe(false);
  });

  it('follows the people administration: an archivist appointed by the agency admin takes over, and hands back', async () => {
    const F = await makeOffice(t.app, t.database.db);
    const admin = await signIn(t.app, F.s.admin.username);
    expect((await F.clerk.get('/api/v1/archive/keeper')).json()).toEqual({
      keptBy: 'clerk',
      archivists: [],
      mayReceive: true,
    });
    const created = await admin.post('/api/v1/people', {
      username: `luutru.${F.s.agency.id.slice(-6)}`,
      fullName: 'Phạm Thị Lưu Trữ',
      positions: [{ agencyId: F.s.agency.id, role: 'archivist', title: 'Lưu trữ viên' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const person = created.json().person;
    expect(person.positions[0]).toMatchObject({ role: 'archivist' });
    expect((await F.clerk.get('/api/v1/archive/keeper')).json()).toEqual({
      keptBy: 'archivist',
      archivists: ['Phạm Thị Lưu Trữ'],
      mayReceive: false,
    });
    // The archivist moves to another post: a new position, then the archive one ends.
    const moved = await admin.post(`/api/v1/people/${person.id}/positions`, {
      agencyId: F.s.agency.id,
      role: 'officer',
      title: 'Chuyên viên',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const ended = await admin.delete(`/api/v1/people/${person.id}/positions/${person.positions[0].id}`);
    expect(ended.statusCode, ended.body).toBe(200);
    expect((await F.clerk.get('/api/v1/archive/keeper')).json().mayReceive).toBe(true);
  });

  it('lets a person who is both clerk and archivist work as either, one position at a time', async () => {
    const both = await makePerson(t.database.db, { agencyId: E.s.agency.id, role: 'archivist' });
    const [clerkPos] = await t.database.db
      .insert(positions)
      .values({ personId: both.id, agencyId: E.s.agency.id, role: 'clerk', title: 'Văn thư' })
      .returning();
    const c = await signIn(t.app, both.username);
    expectProblem(await c.get('/api/v1/documents?box=incoming'), 403);
    expect((await c.get('/api/v1/archive/keeper')).json().mayReceive).toBe(true);
    expect((await c.post('/api/v1/auth/position', { positionId: clerkPos!.id })).statusCode).toBe(200);
    expect((await c.get('/api/v1/documents?box=incoming')).statusCode).toBe(200);
    // As the clerk, the archive is the archivists' (this person among them).
    expect((await c.get('/api/v1/archive/keeper')).json()).toMatchObject({
      keptBy: 'archivist',
      mayReceive: false,
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  expectProblem,
  makeTestApp,
  signIn,
  type TestApp,
} from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import {
  freshCode,
  makeAgency,
  makeAgencyWithStaff,
  makePerson,
} from '../../../../test/helpers/factories.ts';

describe.each(ENGINES)('agencies on %s', (engine) => {
  let t: TestApp;
  let sys: Client;
  let root: Awaited<ReturnType<typeof makeAgency>>;
  beforeAll(async () => {
    t = await makeTestApp(engine);
    root = await makeAgency(t.database.db, {
      kind: 'province',
      name: 'Ủy ban nhân dân tỉnh Thử',
      shortName: 'UBND',
    });
    const admin = await makePerson(t.database.db, { agencyId: root.id, role: 'system_admin' });
    sys = await signIn(t.app, admin.username);
  });
  afterAll(() => t.close());

  const count = async () =>
    (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM agencies'))[0]!.n;

  it('creates, renames and moves units, keeping their history', async () => {
    const dept = (
      await sys.post('/api/v1/agencies', {
        parentId: root.id,
        kind: 'department',
        name: 'Sở Nội vụ',
        shortName: 'SNV',
        agencyCode: freshCode(),
      })
    ).json();
    expect(dept).toMatchObject({ name: 'Sở Nội vụ', parentId: root.id, status: 'active' });
    const div = (
      await sys.post('/api/v1/agencies', {
        parentId: dept.id,
        kind: 'division',
        name: 'Phòng Tổ chức',
        shortName: 'TC',
        agencyCode: null,
      })
    ).json();
    const renamed = (await sys.patch(`/api/v1/agencies/${dept.id}`, { name: 'Sở Nội vụ tỉnh' })).json();
    expect(renamed.name).toBe('Sở Nội vụ tỉnh');
    const other = await makeAgency(t.database.db, { parentId: root.id });
    expect((await sys.post(`/api/v1/agencies/${div.id}/move`, { parentId: other.id })).json().parentId).toBe(
      other.id,
    );
    const hist = (await sys.get(`/api/v1/agencies/${dept.id}/history`)).json().items;
    expect(hist.map((h: { change: string }) => h.change)).toEqual(['created', 'updated']);
    expect(hist[1].before.name).toBe('Sở Nội vụ');
    // A unit cannot move below itself.
    expectProblem(
      await sys.post(`/api/v1/agencies/${root.id}/move`, { parentId: dept.id }),
      400,
      'validation_failed',
    );
  });

  it('names who made each change in the history, as they were named then', async () => {
    const a = await makeAgencyWithStaff(t.database.db);
    const admin = await signIn(t.app, a.admin.username);
    const div = (
      await admin.post('/api/v1/agencies', {
        parentId: a.agency.id,
        kind: 'division',
        name: 'Phòng Lưu trữ',
        shortName: 'LT',
        agencyCode: null,
      })
    ).json();
    const boss = await makePerson(t.database.db, {
      agencyId: root.id,
      role: 'system_admin',
      fullName: 'Trần Thị Quản Trị',
    });
    await (await signIn(t.app, boss.username)).patch(`/api/v1/agencies/${div.id}`, {
      name: 'Phòng Lưu trữ tỉnh',
    });
    // A later change of name does not rewrite what the history recorded.
    await t.database.query(`UPDATE people SET full_name = 'Tên Đã Đổi' WHERE id = $1`, [a.admin.id]);
    const hist = (await sys.get(`/api/v1/agencies/${div.id}/history`)).json().items;
    expect(hist.map((h: { change: string; actorName: string | null }) => [h.change, h.actorName])).toEqual([
      ['created', a.admin.fullName],
      ['updated', 'Trần Thị Quản Trị'],
    ]);
    expect(hist.map((h: { actorId: string }) => h.actorId)).toEqual([a.admin.id, boss.id]);
  });

  it('validates the QCVN 102 code, uniqueness and the parent', async () => {
    const before = await count();
    const bad = expectProblem(
      await sys.post('/api/v1/agencies', {
        parentId: root.id,
        kind: 'department',
        name: 'Sở X',
        shortName: 'SX',
        agencyCode: '12.34',
      }),
      400,
      'validation_failed',
    );
    expect(bad.fields?.some((f) => f.path.includes('agencyCode'))).toBe(true);
    expectProblem(
      await sys.post('/api/v1/agencies', {
        parentId: root.id,
        kind: 'department',
        name: 'Sở X',
        shortName: 'SX',
        agencyCode: root.agencyCode,
      }),
      409,
      'duplicate',
    );
    expectProblem(
      await sys.post('/api/v1/agencies', {
        parentId: '01a20000-0000-7000-8000-000000000000',
        kind: 'department',
        name: 'Sở X',
        shortName: 'SX',
        agencyCode: freshCode(),
      }),
      400,
    );
    expectProblem(
      await sys.post('/api/v1/agencies', {
        parentId: null,
        kind: 'division',
        name: 'Phòng mồ côi',
        shortName: 'P',
        agencyCode: null,
      }),
      400,
    );
    expectProblem(
      await sys.inject({
        method: 'POST',
        url: '/api/v1/agencies',
        payload: '{"bad',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'bad_request',
    );
    expectProblem(
      await sys.inject({
        method: 'POST',
        url: '/api/v1/agencies',
        payload: 'plain',
        headers: { 'content-type': 'text/plain' },
      }),
      400,
    );
    expectProblem(await sys.post('/api/v1/agencies', { kind: 42 }), 400, 'validation_failed');
    expect(await count()).toBe(before);
  });

  it('merges a unit into another: children and people follow, the old unit stays as a record', async () => {
    const a = await makeAgency(t.database.db, { parentId: root.id, kind: 'district', name: 'UBND huyện Cũ' });
    const b = await makeAgency(t.database.db, {
      parentId: root.id,
      kind: 'district',
      name: 'UBND huyện Mới',
    });
    const commune = await makeAgency(t.database.db, { parentId: a.id, kind: 'commune' });
    const person = await makePerson(t.database.db, { agencyId: a.id, role: 'clerk' });
    const r = (await sys.post(`/api/v1/agencies/${a.id}/merge`, { targetId: b.id })).json();
    expect(r.movedChildren).toBe(1);
    expect(r.source.status).toBe('merged');
    expect((await sys.get(`/api/v1/agencies/${commune.id}`)).json().parentId).toBe(b.id);
    const old = (await sys.get(`/api/v1/agencies/${a.id}`)).json();
    expect(old).toMatchObject({ name: 'UBND huyện Cũ', status: 'merged', mergedIntoId: b.id });
    const pos = await t.database.query<{ agency_id: string; ended_at: Date | null }>(
      'SELECT agency_id, ended_at FROM positions WHERE person_id = $1 ORDER BY created_at',
      [person.id],
    );
    expect(pos.find((p) => p.ended_at === null)?.agency_id).toBe(b.id);
    expect(pos.some((p) => p.agency_id === a.id && p.ended_at)).toBe(true);
    expectProblem(await sys.post(`/api/v1/agencies/${a.id}/merge`, { targetId: b.id }), 409);
    // Without the district level (the 2025 shape): a commune hangs directly under the province.
    const flat = (
      await sys.post('/api/v1/agencies', {
        parentId: root.id,
        kind: 'commune',
        name: 'UBND xã Sau Cải Cách',
        shortName: 'UBND',
        agencyCode: freshCode(),
      })
    ).json();
    expect(flat.parentId).toBe(root.id);
  });

  it('lists with keyset pagination and diacritics-free search', async () => {
    const parent = await makeAgency(t.database.db, { parentId: root.id });
    for (let i = 0; i < 7; i++)
      await makeAgency(t.database.db, {
        parentId: parent.id,
        kind: 'commune',
        name: `UBND xã Phước Hậu ${i}`,
      });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await sys.get(`/api/v1/agencies?parentId=${parent.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((x: { id: string }) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const found = (await sys.get(`/api/v1/agencies?q=${encodeURIComponent('phuoc hau 3')}`)).json().items;
    expect(found.map((x: { name: string }) => x.name)).toContain('UBND xã Phước Hậu 3');
    expectProblem(await sys.get('/api/v1/agencies?cursor=garbage'), 400);
    expectProblem(await sys.get('/api/v1/agencies?limit=501'), 400);
    expectProblem(await sys.get('/api/v1/agencies/not-a-uuid'), 400);
    expectProblem(await sys.get('/api/v1/agencies/01a20000-0000-7000-8000-000000000000'), 404, 'not_found');
  });

  it('imports CSV: a dry run lists every bad row and writes nothing; a clean file imports', async () => {
    const pc = root.agencyCode!;
    const c1 = freshCode();
    const c2 = freshCode();
    const bad = [
      'agency_code,name,short_name,kind,parent_code,email,address',
      `${c1},Sở Mới,SM,department,${pc},,`,
      `9.9.9,Sở Hỏng,SH,department,${pc},,`,
      `${c2},Sở Thiếu Cha,ST,department,000.00.99.Z99,,`,
      `,Phòng A,PA,division,${c1},,`,
      `${freshCode()},X,SX,galaxy,${pc},bad-mail,`,
    ].join('\n');
    const before = await count();
    const dry = (await sys.post('/api/v1/agencies/import?dryRun=true', { csv: bad })).json();
    expect(dry.errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 6]);
    expect(dry.errors[2].messages.length).toBeGreaterThanOrEqual(3);
    const real = expectProblem(
      await sys.post('/api/v1/agencies/import?dryRun=false', { csv: bad }),
      400,
      'validation_failed',
    );
    expect((real as unknown as { errors: unknown[] }).errors).toHaveLength(3);
    expect(await count()).toBe(before);

    const good = [
      'agency_code,name,short_name,kind,parent_code,email,address',
      `${c1},Sở Mới,SM,department,${pc},sm@x.vn,`,
      `,Phòng A,PA,division,${c1},,`,
    ].join('\n');
    const ok = (await sys.post('/api/v1/agencies/import?dryRun=false', { csv: good })).json();
    expect(ok).toMatchObject({ created: 2, errors: [] });
    expect(await count()).toBe(before + 2);
    // Importing the same file again changes nothing; a renamed row updates.
    expect((await sys.post('/api/v1/agencies/import?dryRun=false', { csv: good })).json()).toMatchObject({
      created: 0,
      unchanged: 2,
    });
    const renamed = good.replace('Sở Mới,', 'Sở Mới Đổi Tên,');
    expect((await sys.post('/api/v1/agencies/import?dryRun=true', { csv: renamed })).json()).toMatchObject({
      updated: 1,
      unchanged: 1,
    });
    const csv = await sys.get('/api/v1/agencies/export.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(`${c1},Sở Mới,SM,department,${pc}`);
    expectProblem(await sys.post('/api/v1/agencies/import', { csv: 'a,b\n1,2' }), 400, 'validation_failed');
  });

  it('scopes an agency admin to their own agency', async () => {
    const mine = await makeAgencyWithStaff(t.database.db);
    const other = await makeAgencyWithStaff(t.database.db);
    const admin = await signIn(t.app, mine.admin.username);
    const div = await admin.post('/api/v1/agencies', {
      parentId: mine.agency.id,
      kind: 'division',
      name: 'Phòng Mới',
      shortName: 'PM',
      agencyCode: null,
    });
    expect(div.statusCode).toBe(201);
    expectProblem(
      await admin.post('/api/v1/agencies', {
        parentId: other.agency.id,
        kind: 'division',
        name: 'Phòng Lạ',
        shortName: 'PL',
        agencyCode: null,
      }),
      403,
    );
    expectProblem(await admin.patch(`/api/v1/agencies/${other.agency.id}`, { name: 'Đổi tên trộm' }), 403);
    expectProblem(
      await admin.post('/api/v1/agencies', {
        parentId: mine.agency.id,
        kind: 'department',
        name: 'Sở Con',
        shortName: 'SC',
        agencyCode: freshCode(),
      }),
      403,
    );
    expectProblem(await admin.post('/api/v1/agencies/import?dryRun=true', { csv: 'x' }), 403);
    const clerk = await signIn(t.app, mine.clerk.username);
    expect((await clerk.get('/api/v1/agencies?limit=5')).statusCode).toBe(200);
    expectProblem(
      await clerk.post('/api/v1/agencies', {
        parentId: mine.agency.id,
        kind: 'division',
        name: 'Phòng',
        shortName: 'P',
        agencyCode: null,
      }),
      403,
      'forbidden',
    );
    expect(
      (
        await t.database.query<{ name: string }>('SELECT name FROM agencies WHERE id = $1', [other.agency.id])
      )[0]!.name,
    ).toBe(other.agency.name);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, makeTestApp, signIn, type TestApp } from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import { makeAgencyWithStaff, makePerson } from '../../../../test/helpers/factories.ts';

describe.each(ENGINES)('people administration on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(engine);
  });
  afterAll(() => t.close());
  const peopleCount = async () =>
    (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM people'))[0]!.n;

  it('an agency admin creates a person with a temporary password that must be changed', async () => {
    const a = await makeAgencyWithStaff(t.database.db);
    const admin = await signIn(t.app, a.admin.username);
    const res = await admin.post('/api/v1/people', {
      username: 'Nguyen.Van.A',
      fullName: 'Nguyễn Văn A',
      email: 'a@example.vn',
      positions: [
        { agencyId: a.agency.id, divisionId: a.division.id, role: 'officer', title: 'Chuyên viên' },
      ],
    });
    expect(res.statusCode).toBe(201);
    const { person, temporaryPassword } = res.json();
    expect(person).toMatchObject({ username: 'nguyen.van.a', mustChangePassword: true, disabled: false });
    expect(person.positions[0]).toMatchObject({
      role: 'officer',
      divisionId: a.division.id,
      agencyCode: a.agency.agencyCode,
    });
    const c = await signIn(t.app, 'nguyen.van.a', temporaryPassword);
    expect((await c.get('/api/v1/me')).json().stage).toBe('password');
    // Same username again: refused, nothing written.
    const n = await peopleCount();
    expectProblem(
      await admin.post('/api/v1/people', {
        username: 'nguyen.van.a',
        fullName: 'Khác',
        positions: [{ agencyId: a.agency.id, role: 'clerk' }],
      }),
      409,
      'duplicate',
    );
    expect(await peopleCount()).toBe(n);
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const a = await makeAgencyWithStaff(t.database.db);
    const admin = await signIn(t.app, a.admin.username);
    const n = await peopleCount();
    const p = expectProblem(
      await admin.post('/api/v1/people', { username: 'Có Dấu', fullName: '', positions: [] }),
      400,
      'validation_failed',
    );
    expect(p.fields!.map((f) => f.path).sort()).toEqual(['body.fullName', 'body.positions', 'body.username']);
    expectProblem(
      await admin.post('/api/v1/people', {
        username: 'ok.name',
        fullName: 'Tên',
        positions: [{ agencyId: a.agency.id, role: 'emperor' }],
      }),
      400,
    );
    expectProblem(
      await admin.post('/api/v1/people', {
        username: 'ok.name',
        fullName: 'Tên',
        positions: [{ agencyId: a.division.id, role: 'clerk' }],
      }),
      400,
    );
    expectProblem(
      await admin.post('/api/v1/people', {
        username: 'ok.name',
        fullName: 'Tên',
        positions: [{ agencyId: a.agency.id, role: 'system_admin' }],
      }),
      403,
    );
    expectProblem(await admin.get('/api/v1/people/123'), 400);
    expect(await peopleCount()).toBe(n);
  });

  it("never shows or changes another agency's people (404, so ids cannot be probed)", async () => {
    const a = await makeAgencyWithStaff(t.database.db);
    const b = await makeAgencyWithStaff(t.database.db);
    const admin = await signIn(t.app, a.admin.username);
    const list = (await admin.get('/api/v1/people?limit=200')).json().items.map((p: { id: string }) => p.id);
    expect(list).toContain(a.clerk.id);
    expect(list).not.toContain(b.clerk.id);
    expectProblem(await admin.get(`/api/v1/people/${b.clerk.id}`), 404);
    expectProblem(await admin.post(`/api/v1/people/${b.clerk.id}/disable`), 404);
    expectProblem(await admin.post(`/api/v1/people/${b.clerk.id}/reset-password`), 404);
    expectProblem(
      await admin.post('/api/v1/people', {
        username: 'spy',
        fullName: 'Gián Điệp',
        positions: [{ agencyId: b.agency.id, role: 'clerk' }],
      }),
      403,
    );
    const clerk = await signIn(t.app, a.clerk.username);
    expectProblem(await clerk.get('/api/v1/people'), 403, 'forbidden');
    const rows = await t.database.query<{ disabled_at: Date | null }>(
      'SELECT disabled_at FROM people WHERE id = $1',
      [b.clerk.id],
    );
    expect(rows[0]!.disabled_at).toBeNull();
  });

  it("disabling ends the person's sessions at once; reset gives a new temporary password", async () => {
    const a = await makeAgencyWithStaff(t.database.db);
    const admin = await signIn(t.app, a.admin.username);
    const officer = await signIn(t.app, a.officer.username);
    expect((await admin.post(`/api/v1/people/${a.officer.id}/disable`)).json().disabled).toBe(true);
    expectProblem(await officer.get('/api/v1/me'), 401);
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: a.officer.username, password: 'Test-password-2026' },
      }),
      403,
      'account_disabled',
    );
    await admin.post(`/api/v1/people/${a.officer.id}/enable`);
    const reset = (await admin.post(`/api/v1/people/${a.officer.id}/reset-password`)).json();
    expect(reset.temporaryPassword).toMatch(/^\S{12}$/);
    const c = await signIn(t.app, a.officer.username, reset.temporaryPassword);
    expect((await c.get('/api/v1/me')).json().stage).toBe('password');
    expectProblem(await admin.post(`/api/v1/people/${a.admin.id}/disable`), 409);
  });

  it('adds and ends positions, keeping at least one', async () => {
    const a = await makeAgencyWithStaff(t.database.db);
    const admin = await signIn(t.app, a.admin.username);
    const p = await makePerson(t.database.db, { agencyId: a.agency.id, role: 'officer' });
    const added = (
      await admin.post(`/api/v1/people/${p.id}/positions`, {
        agencyId: a.agency.id,
        divisionId: a.division.id,
        role: 'division_head',
        title: 'Phó trưởng phòng',
      })
    ).json();
    expect(added.positions).toHaveLength(2);
    const ended = (await admin.delete(`/api/v1/people/${p.id}/positions/${p.positionId}`)).json();
    expect(ended.positions.map((x: { role: string }) => x.role)).toEqual(['division_head']);
    expectProblem(await admin.delete(`/api/v1/people/${p.id}/positions/${ended.positions[0].id}`), 409);
    const other = await makeAgencyWithStaff(t.database.db);
    expectProblem(
      await admin.post(`/api/v1/people/${p.id}/positions`, {
        agencyId: a.agency.id,
        divisionId: other.division.id,
        role: 'officer',
      }),
      400,
    );
  });

  it('audits every change', async () => {
    const a = await makeAgencyWithStaff(t.database.db);
    const admin = await signIn(t.app, a.admin.username);
    await admin.post(`/api/v1/people/${a.clerk.id}/reset-password`);
    const rows = await t.database.query<{ action: string; actor_id: string }>(
      `SELECT action, actor_id FROM audit_log WHERE entity_id = $1`,
      [a.clerk.id],
    );
    expect(rows).toEqual([{ action: 'person.reset_password', actor_id: a.admin.id }]);
    const log = (await admin.get('/api/v1/audit?action=person.')).json().items;
    expect(log.some((r: { entityId: string }) => r.entityId === a.clerk.id)).toBe(true);
  });
});

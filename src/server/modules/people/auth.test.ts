import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, expectProblem, makeTestApp, signIn, type TestApp } from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import { makeAgency, makePerson, PASSWORD } from '../../../../test/helpers/factories.ts';
import { currentTotp } from '../../platform/auth/totp.ts';
import { people, sessions } from './schema.ts';

describe.each(ENGINES)('sign-in on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(engine, {
      LOGIN_MAX_FAILURES: '3',
      TOTP_REQUIRED_ROLES: 'system_admin',
      LOGIN_RATE_PER_MINUTE: '1000',
    });
  });
  afterAll(() => t.close());

  it('signs in, returns me with positions and agency, and signs out', async () => {
    const agency = await makeAgency(t.database.db);
    const p = await makePerson(t.database.db, { agencyId: agency.id, role: 'clerk' });
    const c = await signIn(t.app, p.username);
    const me = (await c.get('/api/v1/me')).json();
    expect(me).toMatchObject({
      username: p.username,
      stage: 'ok',
      agency: { id: agency.id, agencyCode: agency.agencyCode },
    });
    expect(me.positions).toHaveLength(1);
    expect(me.position.role).toBe('clerk');
    expect(me).not.toHaveProperty('passwordHash');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: p.username, password: PASSWORD },
    });
    const set = login.cookies.find((x) => x.name === 'lt_session')!;
    expect(set.httpOnly).toBe(true);
    expect(set.sameSite).toBe('Lax');
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expectProblem(await c.get('/api/v1/me'), 401, 'unauthenticated');
  });

  it('refuses a wrong password without saying whether the user exists, then locks out', async () => {
    const agency = await makeAgency(t.database.db);
    const p = await makePerson(t.database.db, { agencyId: agency.id, role: 'officer' });
    const unknown = expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'nobody-here', password: 'x' },
      }),
      401,
      'invalid_credentials',
    );
    expect(unknown.detail).toContain('không đúng');
    const bad = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: p.username, password: 'wrong-password-1' },
      });
    expect(expectProblem(await bad(), 401, 'invalid_credentials').detail).toContain('Còn 2 lần');
    expectProblem(await bad(), 401);
    const locked = expectProblem(await bad(), 423, 'account_locked');
    expect(locked.detail).toMatch(/sau \d+ phút/);
    // Even the right password is refused while locked.
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: p.username, password: PASSWORD },
      }),
      423,
    );
    // The lock expires.
    await t.database.db
      .update(people)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(people.id, p.id));
    await signIn(t.app, p.username);
  });

  it('requires the CSRF token on state-changing requests', async () => {
    const agency = await makeAgency(t.database.db);
    const p = await makePerson(t.database.db, { agencyId: agency.id, role: 'clerk' });
    const c = await signIn(t.app, p.username);
    expectProblem(await clientFor(t.app, c.cookie, 'forged').post('/api/v1/auth/logout'), 403, 'csrf_failed');
    expectProblem(
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: c.cookie } }),
      403,
      'csrf_failed',
    );
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('forces a password change first, and the change ends other sessions', async () => {
    const agency = await makeAgency(t.database.db);
    const p = await makePerson(t.database.db, {
      agencyId: agency.id,
      role: 'officer',
      mustChangePassword: true,
    });
    const other = await signIn(t.app, p.username);
    const c = await signIn(t.app, p.username);
    expect((await c.get('/api/v1/me')).json().stage).toBe('password');
    expectProblem(await c.get('/api/v1/agencies'), 403, 'password_change_required');
    const weak = expectProblem(
      await c.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'short' }),
      400,
      'validation_failed',
    );
    expect(weak.fields?.[0]?.path).toContain('newPassword');
    expectProblem(
      await c.post('/api/v1/auth/password', { currentPassword: 'wrong', newPassword: 'New-password-2026' }),
      400,
    );
    const r = await c.post('/api/v1/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'New-password-2026',
    });
    expect(r.json()).toEqual({ stage: 'ok' });
    expect((await c.get('/api/v1/agencies?limit=1')).statusCode).toBe(200);
    expectProblem(await other.get('/api/v1/me'), 401);
    await signIn(t.app, p.username, 'New-password-2026');
  });

  it('lists and revokes own sessions', async () => {
    const agency = await makeAgency(t.database.db);
    const p = await makePerson(t.database.db, { agencyId: agency.id, role: 'officer' });
    const a = await signIn(t.app, p.username);
    const b = await signIn(t.app, p.username);
    const list = (await a.get('/api/v1/auth/sessions')).json().items;
    expect(list).toHaveLength(2);
    const theirs = list.find((s: { current: boolean }) => !s.current);
    expect((await a.delete(`/api/v1/auth/sessions/${theirs.id}`)).statusCode).toBe(200);
    expectProblem(await b.get('/api/v1/me'), 401);
    // Someone else's session id is simply not found.
    const q = await makePerson(t.database.db, { agencyId: agency.id, role: 'officer' });
    const c = await signIn(t.app, q.username);
    const mine = (await a.get('/api/v1/auth/sessions')).json().items[0].id;
    expectProblem(await c.delete(`/api/v1/auth/sessions/${mine}`), 404);
  });

  it('enrols and then requires TOTP for a role that must use it', async () => {
    const agency = await makeAgency(t.database.db);
    const p = await makePerson(t.database.db, { agencyId: agency.id, role: 'system_admin' });
    const c = await signIn(t.app, p.username);
    expect((await c.get('/api/v1/me')).json().stage).toBe('totp_enroll');
    expectProblem(await c.get('/api/v1/agencies'), 401, 'totp_required');
    const { secret, uri } = (await c.post('/api/v1/auth/totp/setup')).json();
    expect(uri).toContain('otpauth://totp/');
    expectProblem(
      await c.post('/api/v1/auth/totp/enable', {
        code: '000000' === currentTotp(secret) ? '111111' : '000000',
      }),
      401,
      'totp_invalid',
    );
    expect((await c.post('/api/v1/auth/totp/enable', { code: currentTotp(secret) })).json()).toEqual({
      stage: 'ok',
    });
    expect((await c.get('/api/v1/agencies?limit=1')).statusCode).toBe(200);
    // Next sign-in: the code step.
    const d = await signIn(t.app, p.username);
    expect((await d.get('/api/v1/me')).json().stage).toBe('totp_pending');
    expectProblem(await d.get('/api/v1/agencies'), 401, 'totp_required');
    expectProblem(await d.post('/api/v1/auth/totp/verify', { code: 'abc' }), 400, 'validation_failed');
    expect((await d.post('/api/v1/auth/totp/verify', { code: currentTotp(secret) })).json()).toEqual({
      stage: 'ok',
    });
    expect((await d.get('/api/v1/agencies?limit=1')).statusCode).toBe(200);
  });

  it('switches between positions held at once (kiêm nhiệm)', async () => {
    const a1 = await makeAgency(t.database.db);
    const a2 = await makeAgency(t.database.db);
    const p = await makePerson(t.database.db, { agencyId: a1.id, role: 'officer' });
    const { positions } = await import('./schema.ts');
    const [pos2] = await t.database.db
      .insert(positions)
      .values({ personId: p.id, agencyId: a2.id, role: 'agency_leader', title: 'Kiêm nhiệm' })
      .returning();
    const c = await signIn(t.app, p.username);
    expect((await c.get('/api/v1/me')).json().positions).toHaveLength(2);
    expect((await c.post('/api/v1/auth/position', { positionId: pos2!.id })).statusCode).toBe(200);
    const me = (await c.get('/api/v1/me')).json();
    expect(me.agency.id).toBe(a2.id);
    expect(me.position.role).toBe('agency_leader');
    const stranger = await makePerson(t.database.db, { agencyId: a2.id, role: 'clerk' });
    expectProblem(await c.post('/api/v1/auth/position', { positionId: stranger.positionId }), 404);
  });

  it('drops a cached session when the person is disabled behind the application (NOTIFY)', async () => {
    const agency = await makeAgency(t.database.db);
    const p = await makePerson(t.database.db, { agencyId: agency.id, role: 'clerk' });
    const c = await signIn(t.app, p.username);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200); // now cached
    await t.database.query('UPDATE people SET disabled_at = now() WHERE id = $1', [p.id]);
    let status = 200;
    for (let i = 0; i < 50 && status === 200; i++) {
      await new Promise((r) => setTimeout(r, 20));
      status = (await c.get('/api/v1/me')).statusCode;
    }
    expect(status).toBe(401);
  });

  it('writes sign-in, failure and sign-out to the audit log', async () => {
    const agency = await makeAgency(t.database.db);
    const p = await makePerson(t.database.db, { agencyId: agency.id, role: 'clerk' });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: p.username, password: 'nope-nope-1' },
    });
    const c = await signIn(t.app, p.username);
    await c.post('/api/v1/auth/logout');
    const rows = await t.database.query<{ action: string; ip: string }>(
      `SELECT action, ip FROM audit_log WHERE entity_id = $1 OR actor_id::text = $1 ORDER BY seq`,
      [p.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['auth.login_failed', 'auth.login', 'auth.logout']);
    expect(rows[1]!.ip).toBeTruthy();
    const live = await t.database.db.select().from(sessions).where(eq(sessions.personId, p.id));
    expect(live.every((s) => s.revokedAt)).toBe(true);
  });
});

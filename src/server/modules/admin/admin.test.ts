import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { expectProblem, makeTestApp, signIn, type TestApp } from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import { makeAgency, makeAgencyWithStaff, makePerson } from '../../../../test/helpers/factories.ts';
import { defineJob, enqueue } from '../../platform/jobs/index.ts';

describe.each(ENGINES)('administration on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(engine);
  });
  afterAll(() => t.close());

  it('shows an agency admin only their own agency in the audit log, with filters and pages', async () => {
    const a = await makeAgencyWithStaff(t.database.db);
    const b = await makeAgencyWithStaff(t.database.db);
    const adminA = await signIn(t.app, a.admin.username);
    const adminB = await signIn(t.app, b.admin.username);
    for (let i = 0; i < 3; i++) await adminA.post(`/api/v1/people/${a.clerk.id}/reset-password`);
    await adminB.post(`/api/v1/people/${b.clerk.id}/reset-password`);
    const page1 = (await adminA.get('/api/v1/audit?action=person.reset&limit=2')).json();
    expect(page1.items).toHaveLength(2);
    const page2 = (
      await adminA.get(`/api/v1/audit?action=person.reset&limit=2&cursor=${page1.nextCursor}`)
    ).json();
    const all = [...page1.items, ...page2.items];
    expect(all.map((r: { entityId: string }) => r.entityId)).toEqual([a.clerk.id, a.clerk.id, a.clerk.id]);
    expect((await adminA.get(`/api/v1/audit?agencyId=${b.agency.id}`)).json().items).toEqual([]);
    expect(
      (await adminA.get(`/api/v1/audit?actorId=${a.admin.id}&from=2020-01-01T00:00:00Z`)).json().items.length,
    ).toBeGreaterThanOrEqual(3);
    expectProblem(await adminA.get('/api/v1/audit?from=yesterday'), 400);
    expectProblem(await adminA.get('/api/v1/audit?cursor=abc'), 400);
    const officer = await signIn(t.app, a.officer.username);
    expectProblem(await officer.get('/api/v1/audit'), 403);
    // Verifying the chain is for system administrators.
    expectProblem(await adminA.post('/api/v1/audit/verify'), 403);
  });

  it('lets the system administrator verify the chain, see the job queue, retry and cancel', async () => {
    const root = await makeAgency(t.database.db);
    const sys = await signIn(
      t.app,
      (await makePerson(t.database.db, { agencyId: root.id, role: 'system_admin' })).username,
    );
    expect((await sys.post('/api/v1/audit/verify')).json()).toMatchObject({ ok: true });
    await enqueue(
      t.database.db,
      defineJob('admin.test', z.object({ n: z.number() }), { run: async () => {} }),
      {
        n: 1,
      },
    );
    await t.database.query(`UPDATE jobs SET status = 'dead', last_error = 'boom' WHERE kind = 'admin.test'`);
    const dead = (await sys.get('/api/v1/admin/jobs?status=dead'))
      .json()
      .items.filter((j: { kind: string }) => j.kind === 'admin.test');
    expect(dead[0]).toMatchObject({ status: 'dead', lastError: 'boom' });
    expect((await sys.post(`/api/v1/admin/jobs/${dead[0].id}/retry`)).statusCode).toBe(200);
    expect(
      (await t.database.query<{ status: string }>(`SELECT status FROM jobs WHERE id = $1`, [dead[0].id]))[0]!
        .status,
    ).toBe('queued');
    expect((await sys.post(`/api/v1/admin/jobs/${dead[0].id}/cancel`)).statusCode).toBe(200);
    expectProblem(await sys.post(`/api/v1/admin/jobs/${dead[0].id}/cancel`), 404);
    expectProblem(await sys.post('/api/v1/admin/jobs/999999999/retry'), 404);
    expectProblem(await sys.get('/api/v1/admin/jobs?status=exploded'), 400);
    const stats = (await sys.get('/api/v1/admin/stats')).json();
    expect(stats.agencies).toBeGreaterThan(0);
    expect(stats.signInsToday).toBeGreaterThanOrEqual(1);
  });

  it('gives an agency admin figures for their agency only', async () => {
    const a = await makeAgencyWithStaff(t.database.db);
    const admin = await signIn(t.app, a.admin.username);
    const stats = (await admin.get('/api/v1/admin/stats')).json();
    expect(stats).toMatchObject({ agencies: 2, people: 5, deadJobs: 0 });
    const clerk = await signIn(t.app, a.clerk.username);
    expectProblem(await clerk.get('/api/v1/admin/stats'), 403);
    expectProblem(await admin.get('/api/v1/admin/jobs'), 403);
  });
});

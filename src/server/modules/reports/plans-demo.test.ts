import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signIn, type TestApp } from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import type { PlanOverviewPage, PlanPage, PlanView } from '../../../shared/reports/plans.ts';
import { seedDemo } from '../../demo/seed.ts';

// The demo's IT plans as the whole demo seed leaves them, seeded twice (idempotent): the IT
// department's annual plan waits for its own appraisal; Sở Nội vụ can draft its annual plan under
// its approved five-year plan.
describe.each(ENGINES)('the demo IT plans on %s', (engine) => {
  let t: TestApp;
  const password = 'Demo-password-2026';
  beforeAll(async () => {
    t = await makeTestApp(engine, {}, { now: () => new Date('2026-03-02T03:00:00Z') });
    await seedDemo(t.database.db, password, { dataDir: t.dataDir });
    await seedDemo(t.database.db, password, { dataDir: t.dataDir });
  }, 180_000);
  afterAll(async () => t?.close());

  it('has two approved five-year plans and an annual plan under appraisal', async () => {
    const it = await signIn(t.app, 'lanhdao.stttt', password);
    const all: PlanOverviewPage = (await it.get('/api/v1/reports/plans/overview?year=2026')).json();
    expect(all.items.map((p) => `${p.agencyName}: ${p.kind} ${p.status}`).sort()).toEqual([
      'Sở Nội vụ: five_year approved',
      'Sở Thông tin và Truyền thông: annual submitted',
      'Sở Thông tin và Truyền thông: five_year approved',
    ]);
    const annual = all.items.find((p) => p.kind === 'annual')!;
    const view: PlanView = (await it.get(`/api/v1/reports/plans/${annual.id}`)).json();
    expect(view.actions).toMatchObject({ comment: true, appraise: true, returnPlan: true });
    expect(view.tasks.every((x) => x.parentTaskName && x.budgetAmount! > 0)).toBe(true);

    const snv = await signIn(t.app, 'lanhdao.snv', password);
    const own: PlanPage = (await snv.get('/api/v1/reports/plans')).json();
    expect(own.items).toHaveLength(1);
    const created = await snv.post('/api/v1/reports/plans', { kind: 'annual', startYear: 2026 });
    expect(created.statusCode, created.body).toBe(201);
    expect((created.json() as PlanView).parentTasks).toHaveLength(3);
  });
});

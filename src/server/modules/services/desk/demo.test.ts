import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signIn, type TestApp } from '../../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../../test/helpers/db.ts';
import { seedDemo } from '../../../demo/seed.ts';

// The demo catalogue and desk as the whole demo seed leaves them, seeded twice (idempotent).
describe.each(ENGINES)('the demo public services on %s', (engine) => {
  let t: TestApp;
  const password = 'Demo-password-2026';
  beforeAll(async () => {
    t = await makeTestApp(engine);
    await seedDemo(t.database.db, password);
    await seedDemo(t.database.db, password);
  });
  afterAll(async () => t?.close());

  it('lists the demo procedures publicly and gives Sở Nội vụ’s desk work in every state', async () => {
    const all = (await t.app.inject({ method: 'GET', url: '/api/v1/open/thu-tuc?limit=50' })).json();
    expect(all.items).toHaveLength(6);
    const birth = all.items.find((p: { name: string }) => p.name === 'Thủ tục đăng ký khai sinh');
    expect(birth.level).toBe('commune');
    expect(birth.agencies.length).toBeGreaterThan(50);
    const clerk = await signIn(t.app, 'vanthu.snv', password);
    const desk = (await clerk.get('/api/v1/services/desk/dossiers')).json();
    expect(desk.items.map((d: { status: number }) => d.status).sort((a: number, b: number) => a - b)).toEqual(
      [1, 4, 4, 5, 10],
    );
    const officer = await signIn(t.app, 'chuyenvien.snv', password);
    expect((await officer.get('/api/v1/services/work')).json().items).toHaveLength(1);
    const leader = await signIn(t.app, 'lanhdao.snv', password);
    expect((await leader.get('/api/v1/services/work')).json().items).toHaveLength(1);
  });
});

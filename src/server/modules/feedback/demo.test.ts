import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signIn, type TestApp } from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import { seedDemo } from '../../demo/seed.ts';

// The demo register of Sở Nội vụ as the whole demo seed leaves it, seeded twice (idempotent).
describe.each(ENGINES)('the demo feedback on %s', (engine) => {
  let t: TestApp;
  const password = 'Demo-password-2026';
  beforeAll(async () => {
    t = await makeTestApp(engine);
    await seedDemo(t.database.db, password, { dataDir: t.dataDir });
    await seedDemo(t.database.db, password, { dataDir: t.dataDir });
  });
  afterAll(async () => t?.close());

  it('gives Sở Nội vụ items in every state, a published answer, and a denunciation only its settler opens', async () => {
    const clerk = await signIn(t.app, 'vanthu.snv', password);
    const list = (await clerk.get('/api/v1/feedback/register')).json();
    expect(list.items.map((r: { status: string }) => r.status).sort()).toEqual([
      'accepted',
      'received',
      'received',
      'settled',
    ]);
    const denunciation = list.items.find((r: { kind: string }) => r.kind === 'denunciation');
    expect(denunciation.senderName).toBeNull();
    expect((await clerk.get(`/api/v1/feedback/items/${denunciation.id}/identity`)).statusCode).toBe(403);
    const officer = await signIn(t.app, 'chuyenvien.snv', password);
    const who = await officer.get(`/api/v1/feedback/items/${denunciation.id}/identity`);
    expect(who.statusCode).toBe(200);
    expect(who.json().name).toBe('Phạm Văn Cường');
    const board = await t.app.inject({ method: 'GET', url: '/cong-khai/phan-anh/tra-loi' });
    expect(board.body).toContain('bản sao');
    expect(board.body).not.toContain('Trần Văn Bình');
  });
});

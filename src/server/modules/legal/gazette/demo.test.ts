import { getDocumentProxy, extractText as unpdfText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signIn, type TestApp } from '../../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../../test/helpers/db.ts';
import { seedDemo } from '../../../demo/seed.ts';

// The demo gazette as the whole demo seed leaves it: Văn phòng UBND tỉnh edits "CÔNG BÁO TỈNH VĨNH
// LONG", one issue is published with two of the province's decisions, a third waits.
describe.each(ENGINES)('the demo gazette on %s', (engine) => {
  let t: TestApp;
  const password = 'Demo-password-2026';
  beforeAll(async () => {
    t = await makeTestApp(engine);
    await seedDemo(t.database.db, password);
  });
  afterAll(async () => t?.close());

  it('seeds the office, a published issue and a waiting submission, once', async () => {
    await seedDemo(t.database.db, password);
    const vp = await signIn(t.app, 'vanthu.vp', password);
    const view = (await vp.get('/api/v1/legal/gazette')).json();
    expect(view.settings).toMatchObject({
      officeName: 'Văn phòng Ủy ban nhân dân tỉnh',
      title: 'CÔNG BÁO TỈNH VĨNH LONG',
      isEditor: true,
    });
    expect(view.issues).toHaveLength(1);
    expect(view.issues[0]).toMatchObject({ label: 'Số 45 + 46', state: 'published', itemCount: 2 });
    expect(view.waiting).toHaveLength(1);
    // Published within 7 days of receipt: only the waiting decision may be late (sent late).
    expect(view.late.filter((i: { latePublication: boolean }) => i.latePublication)).toEqual([]);
    const issue = (await vp.get(`/api/v1/legal/gazette/issues/${view.issues[0].id}`)).json();
    const linked = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM legal_documents WHERE gazette_issue_id = '${issue.id}'`,
    );
    expect(linked[0]!.n).toBe(2);
    // Seeded without a blob store, the issue's PDF is built on its first download.
    const pdf = await vp.get(`/api/v1/legal/gazette/issues/${issue.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    const { text } = await unpdfText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), {
      mergePages: true,
    });
    const flat = (text as string).replace(/\s+/g, ' ');
    expect(flat).toContain('CÔNG BÁO TỈNH VĨNH LONG');
    expect(flat).toContain('Số 45 + 46');
    expect(flat).toContain(issue.items[0].numberNotation);
  });
});

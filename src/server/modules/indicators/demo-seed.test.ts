import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { seedDemo } from '../../demo/seed.ts';
import { seedIndicatorsDemo } from './demo-seed.ts';

// The whole demo (agencies, people, then every module's seedDemo): the indicators' part on the
// demo province's 107 communes and 7 districts.
describe.each(ENGINES)('the demo seed with indicators on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.cleanup());

  it('loads the catalogue, forms, values and plans in a few seconds', async () => {
    const started = Date.now();
    await seedDemo(t.database.db, 'Demo-password-2026');
    const took = Date.now() - started;
    const q = async (sql: string) => (await t.database.query<{ n: number }>(sql, []))[0]!.n;
    expect(await q('SELECT count(*)::int AS n FROM indicators')).toBeGreaterThanOrEqual(60);
    expect(
      await q(
        "SELECT count(DISTINCT group_id)::int AS n FROM indicators i JOIN indicator_groups g ON g.id = i.group_id WHERE g.code LIKE 'T%'",
      ),
    ).toBe(20);
    expect(
      await q(
        "SELECT count(*)::int AS n FROM indicator_form_agencies fa JOIN indicator_forms f ON f.id = fa.form_id WHERE f.code = 'BM-XA-THANG'",
      ),
    ).toBe(107);
    expect(await q('SELECT count(*)::int AS n FROM indicator_values')).toBeGreaterThan(2000);
    expect(
      await q("SELECT count(*)::int AS n FROM indicator_reports WHERE status = 'approved'"),
    ).toBeGreaterThan(100);
    expect(took).toBeLessThan(30000);
    // Run twice: nothing more.
    const before = await q('SELECT count(*)::int AS n FROM indicator_values');
    await seedDemo(t.database.db, 'Demo-password-2026');
    expect(await q('SELECT count(*)::int AS n FROM indicator_values')).toBe(before);
    // The indicators' part alone, again on an emptied catalogue: fast (multi-row inserts).
    for (const table of [
      'indicator_targets',
      'indicator_reports',
      'indicator_values',
      'indicator_form_items',
      'indicator_form_agencies',
      'indicator_forms',
      'indicators',
      'indicator_disaggregations',
      'indicator_groups',
    ])
      await t.database.query(`DELETE FROM ${table}`, []);
    // How long it takes is the benchmark's business (a timed test fails on a loaded machine).
    await t.database.db.transaction((tx) => seedIndicatorsDemo(tx));
    expect(await q('SELECT count(*)::int AS n FROM indicator_values')).toBe(before);
  });
});

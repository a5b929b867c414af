import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from '../../../../../test/helpers/db.ts';
import { seedDemo } from '../../../demo/seed.ts';
import { seedRecordsDemo } from './demo.ts';

// The demo legal base as the whole demo seed leaves it: the province's issuers linked to its People's
// Committee, documents kept by Văn phòng UBND tỉnh, statuses computed from the links.
describe.each(ENGINES)('the demo legal base on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.cleanup());

  it('seeds the province issuers and the documents with their statuses, once', async () => {
    await seedDemo(t.database.db, 'Demo-password-2026');
    const issuers = await t.database.query<{ code: string; name: string; agency: string | null }>(
      `SELECT i.code, i.name, a.name AS agency FROM legal_issuers i LEFT JOIN agencies a ON a.id = i.agency_id
        WHERE i.level = 'local' ORDER BY i.sort_order`,
    );
    expect(issuers).toEqual([
      { code: 'hdnd_tinh', name: 'Hội đồng nhân dân tỉnh Vĩnh Long', agency: null },
      { code: 'ubnd_tinh', name: 'Ủy ban nhân dân tỉnh Vĩnh Long', agency: 'Ủy ban nhân dân tỉnh Vĩnh Long' },
      {
        code: 'ct_ubnd_tinh',
        name: 'Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long',
        agency: 'Ủy ban nhân dân tỉnh Vĩnh Long',
      },
    ]);
    const docs = await t.database.query<{ number_notation: string; status_now: string; keeper: string }>(
      `SELECT d.number_notation, d.status_now, a.name AS keeper FROM legal_documents d JOIN agencies a ON a.id = d.agency_id`,
    );
    expect(docs.length).toBeGreaterThanOrEqual(20);
    // The office keeps the base; the gazette demo's own decisions are kept by the UBND, which submits them.
    expect(new Set(docs.map((d) => d.keeper))).toEqual(
      new Set(['Văn phòng Ủy ban nhân dân tỉnh', 'Ủy ban nhân dân tỉnh Vĩnh Long']),
    );
    const status = Object.fromEntries(docs.map((d) => [d.number_notation, d.status_now]));
    expect(status).toMatchObject({
      '80/2015/QH13': 'expired',
      '64/2025/QH15': 'in_force',
      '34/2016/NĐ-CP': 'expired',
      '01/2011/TT-BNV': 'expired',
      '30/2013/QĐ-UBND': 'expired',
      '14/2019/QĐ-UBND': 'in_force',
      '37/2019/QĐ-UBND': 'expired',
      '61/2018/NĐ-CP': 'expired_partly',
      '05/2023/NQ-HĐND': 'expired_partly',
      '03/2025/QĐ-CTUBND': 'in_force',
    });
    await seedRecordsDemo(t.database.db);
    const again = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM legal_documents');
    expect(again[0]!.n).toBe(docs.length);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { freshCode, makeAgency, makeDivision } from '../../../../test/helpers/factories.ts';
import type { Db } from '../../db/client.ts';
import { activeAgenciesByCode, findAgencies, homeAgencyId, rootNames } from './store.ts';

// The lookups other modules use instead of reading the agencies table (the exchange routes packages
// by code and names the province on them).

describe.each(ENGINES)('agency lookups on %s', (engine) => {
  let t: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    db = t.database.db;
  });
  afterAll(() => t.cleanup());

  it('finds the active unit holding each code in one query, divisions included, merged ones not', async () => {
    const province = await makeAgency(db, { kind: 'province', name: 'UBND tỉnh Thử', parentId: null });
    const dept = await makeAgency(db, { parentId: province.id });
    const division = await makeDivision(db, dept.id, { agencyCode: freshCode() });
    const merged = await makeAgency(db, { parentId: province.id, status: 'merged' });
    const found = await activeAgenciesByCode(db, [
      dept.agencyCode!,
      division.agencyCode!,
      merged.agencyCode!,
      dept.agencyCode!,
      '999.99.99.X99',
    ]);
    expect([...found.keys()].sort()).toEqual([dept.agencyCode, division.agencyCode].sort());
    expect(found.get(dept.agencyCode!)).toEqual({
      id: dept.id,
      name: dept.name,
      shortName: dept.shortName,
      agencyCode: dept.agencyCode,
      parentId: province.id,
      kind: 'department',
    });
    expect(found.get(division.agencyCode!)?.kind).toBe('division');
    expect((await activeAgenciesByCode(db, [])).size).toBe(0);

    const byId = await findAgencies(db, [dept.id, merged.id, dept.id]);
    expect([...byId.keys()].sort()).toEqual([dept.id, merged.id].sort());
    const roots = await rootNames(db, [division.id, dept.id, province.id]);
    expect(Object.fromEntries(roots)).toEqual({
      [division.id]: 'UBND tỉnh Thử',
      [dept.id]: 'UBND tỉnh Thử',
      [province.id]: 'UBND tỉnh Thử',
    });
    // The installation's home agency: the first root with a code.
    expect(await homeAgencyId(db)).toBe(province.id);
  });
});

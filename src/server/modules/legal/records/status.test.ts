import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from '../../../../../test/helpers/db.ts';
import { makeAgency } from '../../../../../test/helpers/factories.ts';
import { effectStatus, expiryOf } from '../../../../shared/legal/effect.ts';
import type { RelationKind } from '../../../../shared/legal/relations.ts';
import { legalDocuments, legalIssuers, legalRelations } from '../schema.ts';
import { loadEffectInputs } from './effect-inputs.ts';
import { recomputeStatuses } from './status.ts';

// The set-based recompute (status.ts) must give every document the status the pure rules
// (shared/legal/effect.ts) give it, on a varied fixture: terms, replacements before and after the
// 2025 law, guiding chains three deep, suspensions with and without an end, declared statuses.
describe.each(ENGINES)('legal status recompute on %s', (engine) => {
  let t: TestDatabase;
  const ids: string[] = [];

  // A small deterministic generator, so a failure can be replayed.
  let seed = 17;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const day = (from: number, span: number) => {
    const d = new Date(Date.UTC(from, 0, 1) + Math.floor(rand() * span) * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  const plus = (d: string, days: number) =>
    new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await openTestDatabase(engine);
    const db = t.database.db;
    const agency = await makeAgency(db, { kind: 'province', name: 'Ủy ban nhân dân tỉnh Thử' });
    const [issuer] = await db
      .insert(legalIssuers)
      .values({ code: 'thu_ubnd', name: 'Ủy ban nhân dân tỉnh Thử', level: 'local' })
      .returning();
    const docs: (typeof legalDocuments.$inferInsert)[] = [];
    for (let i = 0; i < 80; i++) {
      const issued = day(2012, 14 * 365);
      const from = plus(issued, Math.floor(rand() * 60));
      docs.push({
        id: uuidv7(),
        agencyId: agency.id,
        origin: 'local',
        numberNotation: `${i + 1}/${issued.slice(0, 4)}/QĐ-UBND`,
        typeCode: 'quyet_dinh_ubnd',
        issuerId: issuer!.id,
        title: `Quyết định thử ${i + 1}`,
        issuedDate: issued,
        effectiveFrom: from,
        effectiveTo: rand() < 0.15 ? plus(from, 100 + Math.floor(rand() * 2000)) : null,
      });
    }
    // Declared statuses on a few (they guide something below, but the rules do not need it).
    for (const d of docs.slice(0, 6)) {
      d.declaredStatus = pick(['expired', 'in_force', 'expired_partly'] as const);
      d.declaredFrom = plus(d.effectiveFrom!, Math.floor(rand() * 3000));
    }
    docs[0]!.declaredById = docs[10]!.id;
    await db.insert(legalDocuments).values(docs);
    ids.push(...docs.map((d) => d.id!));
    const kinds: RelationKind[] = [
      'replaces',
      'repeals',
      'amends',
      'partly_repeals',
      'suspends',
      'partly_suspends',
      'halts',
      'supplements',
      'based_on',
      'guides',
      'guides',
      'guides',
    ];
    const seen = new Set<string>();
    const rels: (typeof legalRelations.$inferInsert)[] = [];
    for (let i = 0; i < 160; i++) {
      const a = Math.floor(rand() * docs.length);
      const b = Math.floor(rand() * docs.length);
      if (a === b) continue;
      const kind = pick(kinds);
      // Guiding runs from a later document to an earlier one (no guiding cycles).
      const [source, target] = kind === 'guides' ? (a > b ? [a, b] : [b, a]) : [a, b];
      const key = `${source}:${kind}:${target}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const suspending = kind === 'suspends' || kind === 'partly_suspends' || kind === 'halts';
      const own = rand() < 0.3 ? day(2014, 12 * 365) : null;
      rels.push({
        sourceId: docs[source]!.id!,
        targetId: docs[target]!.id!,
        kind,
        effectiveDate: own,
        endsOn: suspending && rand() < 0.5 ? plus(own ?? docs[source]!.effectiveFrom!, 200) : null,
      });
    }
    await db.insert(legalRelations).values(rels);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('agrees with the pure rules for every document on many dates', async () => {
    const db = t.database.db;
    const inputs = await loadEffectInputs(db, ids);
    // The fixture reaches every way of expiring, the 2015 cascade included.
    const reasons = new Set([...inputs.values()].map((i) => expiryOf(i)?.reason));
    expect([...reasons]).toEqual(
      expect.arrayContaining(['term', 'replaces', 'repeals', 'declared', 'cascade']),
    );
    const dates = [
      '2013-01-01',
      '2016-06-30',
      '2020-01-01',
      '2024-12-31',
      '2025-07-01',
      '2026-03-15',
      '2030-01-01',
    ];
    let compared = 0;
    const seenStatuses = new Set<string>();
    for (const asOf of dates) {
      const result = await recomputeStatuses(db, asOf);
      expect(result.documents).toBe(ids.length);
      const stored = await t.database.query<{ id: string; status_now: string }>(
        'SELECT id, status_now FROM legal_documents',
      );
      for (const row of stored) {
        const expected = effectStatus(inputs.get(row.id)!, asOf);
        expect({ id: row.id, asOf, status: row.status_now }).toEqual({ id: row.id, asOf, status: expected });
        seenStatuses.add(expected);
        compared++;
      }
    }
    expect(compared).toBe(ids.length * dates.length);
    // The fixture is varied enough to reach every status.
    expect([...seenStatuses].sort()).toEqual(
      ['expired', 'expired_partly', 'in_force', 'not_yet', 'suspended', 'suspended_partly'].sort(),
    );
  });

  it('recomputes the touched documents and those guiding them only, and reports changes', async () => {
    const db = t.database.db;
    await recomputeStatuses(db, '2026-03-15');
    const again = await recomputeStatuses(db, '2026-03-15');
    expect(again.changed).toBe(0);
    const some = ids.slice(20, 23);
    const scoped = await recomputeStatuses(db, '2013-01-01', some);
    expect(scoped.documents).toBeGreaterThanOrEqual(3);
    expect(scoped.documents).toBeLessThan(ids.length);
    const inputs = await loadEffectInputs(db, some);
    const stored = await t.database.query<{ id: string; status_now: string }>(
      'SELECT id, status_now FROM legal_documents WHERE id = ANY($1::uuid[])',
      [some],
    );
    for (const row of stored) expect(row.status_now).toBe(effectStatus(inputs.get(row.id)!, '2013-01-01'));
  });
});

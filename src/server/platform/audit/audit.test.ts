import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { canonicalJson } from './chain.ts';
import { audit, auditMany, verifyAuditChain } from './index.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe.each(ENGINES)('audit chain on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.cleanup());

  const who = {
    personId: '01a20000-0000-7000-8000-000000000001',
    fullName: 'Người Kiểm Tra',
    agencyId: null,
    ip: '127.0.0.1',
  };

  it('links rows, also under concurrent writers, and verifies', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        audit(t.database.db, who, {
          action: 'test.write',
          entityId: String(i),
          detail: { i, nested: { b: 1, a: 'ấ' } },
        }),
      ),
    );
    expect(await verifyAuditChain(t.database.db, 7)).toEqual({ ok: true, checked: 20 });
  });

  it('keeps one chain per agency, so agencies append in parallel, and still verifies', async () => {
    const a = '01a20000-0000-7000-8000-00000000000a';
    const b = '01a20000-0000-7000-8000-00000000000b';
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        audit(t.database.db, who, { action: 'test.agency', agencyId: i % 2 ? a : b, detail: { i } }),
      ),
    );
    expect(await verifyAuditChain(t.database.db)).toEqual({ ok: true, checked: 30 });
    const rows = await t.database.query<{ prev_hash: string; hash: string }>(
      `SELECT prev_hash, hash FROM audit_log WHERE agency_id = $1 ORDER BY seq`,
      [a],
    );
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  });

  it('appends batches (auditMany) among single appends on the same chains, and still verifies', async () => {
    const a = '01a20000-0000-7000-8000-0000000000aa';
    const before = (await verifyAuditChain(t.database.db)).checked;
    await Promise.all([
      ...Array.from({ length: 6 }, (_, i) =>
        auditMany(
          t.database.db,
          { system: 'exchange' },
          Array.from({ length: 5 }, (_, k) => ({
            action: 'test.batch',
            agencyId: k % 2 ? a : null,
            entityId: `${i}.${k}`,
            detail: { i, k, name: 'Sở Thông tin và Truyền thông' },
          })),
        ),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        audit(t.database.db, who, { action: 'test.single', agencyId: i % 2 ? a : null, detail: { i } }),
      ),
    ]);
    expect(await verifyAuditChain(t.database.db, 11)).toEqual({ ok: true, checked: before + 40 });
    const [{ n }] = (await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.batch'`,
    )) as [{ n: number }];
    expect(n).toBe(30);
  });

  it('refuses updates and deletes at the database', async () => {
    await expect(t.database.query(`UPDATE audit_log SET action = 'x' WHERE seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.database.query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
  });

  it('finds an edited row and a removed row', async () => {
    // Someone with rights over the database bypasses the trigger; the chain still tells.
    await t.database.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await t.database.query(`UPDATE audit_log SET detail = '{"i": 99}' WHERE seq = 5`);
    expect(await verifyAuditChain(t.database.db)).toMatchObject({
      ok: false,
      checked: 4,
      firstBroken: { seq: 5, reason: 'the row was edited' },
    });
    await t.database.query('DELETE FROM audit_log WHERE seq IN (5)');
    expect(await verifyAuditChain(t.database.db)).toMatchObject({
      ok: false,
      firstBroken: { seq: 6, reason: expect.stringContaining('removed') },
    });
    await t.database.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
  });

  it('finds the newest rows of a chain removed, which no later row links to', async () => {
    const t2 = await openTestDatabase(engine);
    try {
      const c = '01a20000-0000-7000-8000-00000000000c';
      for (let i = 0; i < 3; i++) await audit(t2.database.db, who, { action: 'test.tail', agencyId: c });
      await audit(t2.database.db, who, { action: 'test.other', agencyId: null });
      expect(await verifyAuditChain(t2.database.db)).toEqual({ ok: true, checked: 4 });
      await t2.database.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      await t2.database.query(`DELETE FROM audit_log WHERE seq = 3`);
      expect(await verifyAuditChain(t2.database.db)).toMatchObject({
        ok: false,
        firstBroken: { reason: `the newest rows of chain ${c} were removed` },
      });
    } finally {
      await t2.cleanup();
    }
  });
});

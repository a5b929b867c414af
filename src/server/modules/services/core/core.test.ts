import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from '../../../../../test/helpers/db.ts';
import { STATUS } from '../../../../shared/services/statuses.ts';
import { makeProcedure } from '../fixtures.test-helpers.ts';
import { createDossier } from './create.ts';
import { lockDossier, moveDossier } from './transition.ts';

describe.each(ENGINES)('services core on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(async () => t?.cleanup());

  it('numbers dossiers per agency per day, answers a retry with the same dossier and secret, refuses a bad move', async () => {
    const p = await makeProcedure(t.database.db);
    const key = Buffer.alloc(32, 7);
    const base = {
      agencyId: p.staff.agency.id,
      procedure: { id: p.procedure.id, version: p.version, onlineLevel: 'full', processingDays: 5 },
      channel: 'online' as const,
      applicantId: null,
      applicant: { kind: 'citizen' as const, name: 'Nguyễn Văn A', email: 'a@example.test' },
      formData: {},
      papers: [],
      now: new Date('2026-12-04T03:00:00Z'),
      secretKey: key,
    };
    const first = await t.database.db.transaction((tx) =>
      createDossier(tx, { ...base, idempotencyKey: 'k1', requestHash: 'h' }),
    );
    const again = await t.database.db.transaction((tx) =>
      createDossier(tx, { ...base, idempotencyKey: 'k1', requestHash: 'h' }),
    );
    const second = await t.database.db.transaction((tx) =>
      createDossier(tx, { ...base, idempotencyKey: 'k2', requestHash: 'h' }),
    );
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.dossier.id).toBe(first.dossier.id);
    expect(again.secret).toBe(first.secret);
    expect(first.dossier.code).toBe(`${p.staff.agency.agencyCode}-261204-0001`);
    expect(second.dossier.code).toBe(`${p.staff.agency.agencyCode}-261204-0002`);
    // Friday 4/12 + 5 working days = Friday 11/12, end of the day in Vietnam.
    expect(first.dossier.dueAt?.toISOString()).toBe('2026-12-11T16:59:59.999Z');
    await expect(
      t.database.db.transaction((tx) =>
        createDossier(tx, { ...base, idempotencyKey: 'k1', requestHash: 'other' }),
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      t.database.db.transaction(async (tx) =>
        moveDossier(tx, await lockDossier(tx, first.dossier.id), STATUS.returned, { kind: 'returned' }),
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
  });
});

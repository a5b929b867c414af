import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';

// Migration 0034 is hand-written (drizzle-kit keeps no storage parameters): check it applies on both
// engines and leaves the per-table autovacuum settings bench/scale.ts measured with.
describe.each(ENGINES)('autovacuum settings of the big tables (%s)', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.cleanup());

  it('sets them on documents, assignments, readers, jobs and the audit log', async () => {
    const rows = await t.database.query<{ relname: string; reloptions: string[] | null }>(
      `SELECT relname, reloptions FROM pg_class
        WHERE relkind = 'r' AND relname IN ('documents', 'document_assignments', 'document_readers', 'jobs', 'audit_log')
        ORDER BY relname`,
    );
    const options = Object.fromEntries(rows.map((r) => [r.relname, r.reloptions ?? []]));
    expect(Object.keys(options)).toEqual([
      'audit_log',
      'document_assignments',
      'document_readers',
      'documents',
      'jobs',
    ]);
    expect(options.documents).toContain('autovacuum_vacuum_scale_factor=0.01');
    expect(options.documents).toContain('autovacuum_analyze_scale_factor=0.005');
    expect(options.document_assignments).toContain('autovacuum_vacuum_scale_factor=0.01');
    expect(options.document_readers).toContain('autovacuum_vacuum_insert_scale_factor=0.01');
    expect(options.jobs).toContain('autovacuum_vacuum_threshold=500');
    expect(options.audit_log).toContain('autovacuum_vacuum_insert_threshold=10000');
  });
});

// The module boundaries (docs/ARCHITECTURE.md, "Boundaries"), checked over the server's source:
// (a) the platform imports nothing under src/server/modules;
// (b) a module imports another module only through its index.ts (a schema.ts may import another
//     module's schema.ts, for foreign keys);
// (c) no code names another module's table, or the platform's (jobs, audit_log, blobs …): not by
//     importing a Drizzle table object or a schema.ts, not in the text of raw SQL. Tests, bench/ and
//     the web are not checked: tests may set up data in any table;
// (d) no index.ts hands out a table object.
// Table ownership comes from each schema.ts, so a new module is covered without editing this file.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { is, Table } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  applyExceptions,
  checkBoundaries,
  type Exception,
  formatViolations,
  readServerSources,
  type SourceText,
  sqlRelations,
  type Violation,
} from './architecture/boundaries.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every allowed violation, each with its reason. Stale entries fail the test: remove them. */
const EXCEPTIONS: Exception[] = [
  {
    file: 'src/server/db/client.ts',
    rule: 'foreign-table',
    reason:
      'Drizzle’s client is built with every table (src/server/db/schema.ts) for the Db type; no query here.',
  },
  {
    file: 'src/server/db/schema.ts',
    rule: 'foreign-table',
    reason: 'Gathers every schema.ts for drizzle-kit (migrations) and the Db type; it holds no query.',
  },
  // Issue 18: one prepared statement each, kept for speed (public tracking at 200 clients, figures).
  ...[
    'src/server/modules/services/applicants/tracking.ts',
    'src/server/modules/services/figures/compute.ts',
  ].map((file) => ({
    file,
    rule: 'foreign-table' as const,
    reason:
      'One prepared statement joins the agency’s name (public tracking, figures’ drill-down) for speed.',
  })),
];

describe('module boundaries', () => {
  it('hold in src/server, but for the listed exceptions', async () => {
    const files = readServerSources(REPO);
    const found = checkBoundaries(files);
    // (d) also at run time: whatever an index.ts exports, re-exported from anywhere, is no table.
    for (const f of files.filter((x) =>
      /^src\/server\/(modules\/[^/]+|platform\/[^/]+)\/index\.ts$/.test(x.path),
    )) {
      const exported = (await import(path.join(REPO, f.path))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exported)) {
        const v: Violation = {
          rule: 'index-exports-table',
          file: f.path,
          line: 0,
          detail: `exports table ${name}`,
        };
        if (is(value, Table) && !found.some((x) => x.file === v.file && x.detail === v.detail)) found.push(v);
      }
    }
    const { unexcused, stale } = applyExceptions(found, EXCEPTIONS);
    expect(
      formatViolations(unexcused),
      'read another module through its index.ts (docs/ARCHITECTURE.md)',
    ).toBe('');
    expect(
      stale.map((e) => `${e.file} [${e.rule}]`),
      'exceptions that excuse nothing any more',
    ).toEqual([]);
    for (const e of EXCEPTIONS) expect(e.reason.length).toBeGreaterThan(20);
  });
});

describe('the boundary checker', () => {
  const fixture = (files: Record<string, string>): SourceText[] =>
    Object.entries(files).map(([p, text]) => ({ path: p, text }));
  // A fake module `alpha` owning alpha_things, and a module `beta` reaching into it in every way.
  const alphaSchema = `import { pgTable, text } from 'drizzle-orm/pg-core';
export const alphaThings = pgTable('alpha_things', { id: text('id').primaryKey() });`;
  const files = fixture({
    'src/server/modules/alpha/schema.ts': alphaSchema,
    'src/server/modules/alpha/index.ts': `export { alphaThings } from './schema.ts';
export { countThings } from './store.ts';`,
    'src/server/modules/alpha/store.ts': `import { sql } from 'drizzle-orm';
export const countThings = () => sql\`SELECT count(*) FROM alpha_things\`;`,
    'src/server/modules/beta/schema.ts': `import { pgTable, text } from 'drizzle-orm/pg-core';
import { alphaThings } from '../alpha/schema.ts';
export const betaRows = pgTable('beta_rows', { thing: text('thing').references(() => alphaThings.id) });`,
    'src/server/modules/beta/service.ts': `import { sql } from 'drizzle-orm';
import { alphaThings, countThings } from '../alpha/index.ts';
import { countThings as again } from '../alpha/store.ts';
export const a = sql\`SELECT b.* FROM beta_rows b JOIN alpha_things t ON t.id = b.thing WHERE \${1}\`;
export const b = \`SELECT 1 FROM beta_rows b, alpha_things t\`;
export const c = 'UPDATE alpha_things SET id = id';
export const fine = ['/api/v1/alpha_things', 'the alpha_things from elsewhere', countThings, again, alphaThings];`,
    'src/server/modules/beta/service.test.ts': `const x = 'DELETE FROM alpha_things';`,
    'src/server/platform/gamma/index.ts': `import { countThings } from '../../modules/alpha/index.ts';
export const y = countThings;
export const z = 'SELECT 1 FROM alpha_things';`,
    'src/server/main.ts': `export const w = 'SELECT 1 FROM beta_rows';`,
  });

  it('reports each kind of violation where it is', () => {
    const v = checkBoundaries(files).map((x) => `${x.file}:${x.line} ${x.rule}`);
    expect(v.sort()).toEqual(
      [
        // (d) alpha hands out its table
        'src/server/modules/alpha/index.ts:1 index-exports-table',
        // (c) beta imports alpha's table object, (b) reaches past alpha's index.ts
        'src/server/modules/beta/service.ts:2 foreign-table',
        'src/server/modules/beta/service.ts:3 deep-import',
        // (c) raw SQL naming alpha's table: a JOIN, an item of a FROM list, an UPDATE
        'src/server/modules/beta/service.ts:4 foreign-table',
        'src/server/modules/beta/service.ts:5 foreign-table',
        'src/server/modules/beta/service.ts:6 foreign-table',
        // (a) the platform imports a module, and names its table
        'src/server/platform/gamma/index.ts:1 platform-imports-module',
        'src/server/platform/gamma/index.ts:3 foreign-table',
        // code outside modules owns no table
        'src/server/main.ts:1 foreign-table',
      ].sort(),
    );
  });

  it('lets schema.ts files reference each other, tests set up data, and prose mention a table', () => {
    const v = checkBoundaries(files);
    expect(v.filter((x) => x.file.endsWith('schema.ts') || x.file.endsWith('.test.ts'))).toEqual([]);
    expect(v.filter((x) => x.file === 'src/server/modules/beta/service.ts' && x.line === 7)).toEqual([]);
    expect(v.filter((x) => x.file === 'src/server/modules/alpha/store.ts')).toEqual([]);
  });

  it('finds the relations of raw SQL, and only in SQL positions', () => {
    const names = (t: string) => sqlRelations(t).map((r) => r.name);
    expect(
      names('SELECT x FROM a_t a, b_t b LEFT JOIN c_t c ON true WHERE y IN (SELECT 1 FROM d_t)'),
    ).toEqual(['a_t', 'b_t', 'c_t', 'd_t']);
    expect(names('INSERT INTO a_t (k) SELECT 1; DELETE FROM b_t; UPDATE c_t SET k = 1')).toEqual([
      'a_t',
      'b_t',
      'c_t',
    ]);
    expect(names('delivered from a_t, to b_t')).toEqual([]);
  });

  it('excuses only what an exception names, and reports exceptions that excuse nothing', () => {
    const v = checkBoundaries(files);
    const { unexcused, stale } = applyExceptions(v, [
      { file: 'src/server/modules/beta/service.ts', rule: 'foreign-table', reason: 'fixture' },
      { file: 'src/server/modules/beta/other.ts', rule: 'foreign-table', reason: 'fixture' },
    ]);
    expect(
      unexcused.some((x) => x.file === 'src/server/modules/beta/service.ts' && x.rule === 'foreign-table'),
    ).toBe(false);
    expect(unexcused.some((x) => x.rule === 'deep-import')).toBe(true);
    expect(stale.map((e) => e.file)).toEqual(['src/server/modules/beta/other.ts']);
  });
});

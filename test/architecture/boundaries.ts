// The module boundaries of docs/ARCHITECTURE.md as a checker over source text, so that a new module
// is covered without editing the test: table ownership is read from every `pgTable('name', …)` of the
// modules' and the platform's files. `checkBoundaries` is pure (files in, violations out), so that a
// fixture can prove it fails; test/architecture.test.ts runs it over src/server.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface SourceText {
  /** Path from the repository root, with forward slashes. */
  path: string;
  text: string;
}

export type Rule =
  /** (a) the platform has no domain knowledge: it imports nothing under src/server/modules. */
  | 'platform-imports-module'
  /** (b) a module reaches another module only through that module's index.ts. */
  | 'deep-import'
  /** (c) a module names another module's (or the platform's) table: a Drizzle table object or raw SQL. */
  | 'foreign-table'
  /** (d) an index.ts hands out a table object. */
  | 'index-exports-table';

export interface Violation {
  rule: Rule;
  file: string;
  line: number;
  detail: string;
}

export interface Table {
  /** SQL name, e.g. `document_files`. */
  name: string;
  /** The Drizzle object's exported name, e.g. `documentFiles`. */
  object: string;
  /** `platform` or the module's folder name. */
  owner: string;
  /** The file that defines it. */
  file: string;
}

const SERVER = 'src/server/';
const MODULES = 'src/server/modules/';
const PLATFORM = 'src/server/platform/';
/** The rest of src/server (app.ts, runtime.ts, main.ts, demo/, ops/, db/): it owns no table. */
export const ROOT = '(root)';

/**
 * `documents` for src/server/modules/documents/…, `platform` for src/server/platform/…, ROOT for the
 * rest of src/server, null outside the server (web, shared, bench, scripts: not checked).
 */
export function ownerOf(file: string): string | null {
  if (file.startsWith(MODULES)) return file.slice(MODULES.length).split('/')[0] ?? null;
  if (file.startsWith(PLATFORM)) return 'platform';
  if (file.startsWith(SERVER)) return ROOT;
  return null;
}

const isModule = (owner: string | null) => !!owner && owner !== 'platform' && owner !== ROOT;

/** Test code (which may set up data in any table) rather than what ships. */
export function isTestCode(file: string): boolean {
  return /\.test\.ts$/.test(file) || file.includes('/testing/') || file.startsWith('test/');
}

const TABLE_DEF = /export\s+const\s+(\w+)\s*=\s*pgTable\(\s*['"`]([\w]+)['"`]/g;

/** Every table of the modules and the platform, by SQL name. */
export function tablesOf(files: SourceText[]): Map<string, Table> {
  const out = new Map<string, Table>();
  for (const f of files) {
    const owner = ownerOf(f.path);
    if (!owner || owner === ROOT || isTestCode(f.path)) continue;
    for (const m of f.text.matchAll(TABLE_DEF)) {
      out.set(m[2]!, { name: m[2]!, object: m[1]!, owner, file: f.path });
    }
  }
  return out;
}

/**
 * Table names written where SQL expects a relation: after FROM, JOIN, INTO, UPDATE, TABLE, REFERENCES
 * (and each item of a comma-separated FROM list). Keywords are upper case, as every statement of
 * the code base writes them, so that prose ("delivered from agencies") is not taken for SQL.
 */
export function sqlRelations(text: string): { name: string; index: number }[] {
  const out: { name: string; index: number }[] = [];
  const keyword =
    /\b(FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES|USING)\s+(?:ONLY\s+)?(?:public\.)?"?([a-z_][a-z0-9_]*)"?/g;
  for (const m of text.matchAll(keyword)) {
    out.push({ name: m[2]!, index: m.index! });
    if (m[1] !== 'FROM') continue;
    // FROM a x, b y: the items after commas, up to the next clause.
    const rest = text.slice(m.index! + m[0].length);
    const end = rest.search(
      /\b(WHERE|JOIN|LEFT|RIGHT|INNER|CROSS|GROUP|ORDER|LIMIT|UNION|HAVING|ON|FOR|WINDOW)\b|[;()]/,
    );
    const list = end < 0 ? rest : rest.slice(0, end);
    const items = list.split(',').slice(1);
    let offset = m.index! + m[0].length + (list.split(',')[0]?.length ?? 0);
    for (const item of items) {
      const name = /^\s*(?:public\.)?"?([a-z_][a-z0-9_]*)/.exec(item)?.[1];
      if (name) out.push({ name, index: offset });
      offset += item.length + 1;
    }
  }
  return out;
}

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
}

function isSchemaFile(file: string): boolean {
  return /\/schema\.ts$/.test(file);
}

/** Checks every rule over the given files (production code only: tests may set up any table). */
export function checkBoundaries(files: SourceText[]): Violation[] {
  const tables = tablesOf(files);
  const objectsByFile = new Map<string, Map<string, Table>>();
  const objectsByOwner = new Map<string, Map<string, Table>>();
  for (const t of tables.values()) {
    if (!objectsByFile.has(t.file)) objectsByFile.set(t.file, new Map());
    objectsByFile.get(t.file)!.set(t.object, t);
    if (!objectsByOwner.has(t.owner)) objectsByOwner.set(t.owner, new Map());
    objectsByOwner.get(t.owner)!.set(t.object, t);
  }
  const out: Violation[] = [];
  for (const f of files) {
    if (isTestCode(f.path) || !f.path.endsWith('.ts')) continue;
    const owner = ownerOf(f.path);
    if (!owner) continue;
    const src = ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest, true);
    const lineOf = (pos: number) => src.getLineAndCharacterOfPosition(pos).line + 1;
    const report = (rule: Rule, pos: number, detail: string) =>
      out.push({ rule, file: f.path, line: lineOf(pos), detail });

    const onSpecifier = (node: ts.Node, spec: string, names: string[] | 'all' | null, isExport: boolean) => {
      const target = resolve(f.path, spec);
      if (!target) return;
      const targetOwner = ownerOf(target);
      if (owner === 'platform' && target.startsWith(MODULES)) {
        report('platform-imports-module', node.getStart(), `imports ${target}`);
        return;
      }
      if (target === `${SERVER}db/schema.ts`) {
        report('foreign-table', node.getStart(), 'imports every table through src/server/db/schema.ts');
        return;
      }
      if (isModule(owner) && isModule(targetOwner) && targetOwner !== owner) {
        const viaIndex = target === `${MODULES}${targetOwner}/index.ts`;
        // Foreign keys: a schema.ts may reference another module's table in its own schema.ts.
        const foreignKey = isSchemaFile(f.path) && isSchemaFile(target);
        if (!viaIndex && !foreignKey) {
          report('deep-import', node.getStart(), `imports ${target}; use ${MODULES}${targetOwner}/index.ts`);
          return;
        }
        if (foreignKey) return;
      }
      if (targetOwner && targetOwner !== owner) {
        const foreign = objectsByOwner.get(targetOwner);
        if (names === 'all' && isSchemaFile(target)) {
          report('foreign-table', node.getStart(), `imports all of ${target}`);
        } else if (Array.isArray(names) && foreign) {
          for (const n of names) {
            const t = foreign.get(n);
            if (t)
              report('foreign-table', node.getStart(), `uses table ${t.name} (${t.owner}) from ${target}`);
          }
        }
      }
      // (d) an index.ts re-exporting a table object defined in the file it exports from.
      if (isExport && /\/index\.ts$/.test(f.path)) {
        const defined = objectsByFile.get(target);
        if (defined) {
          if (names === 'all') report('index-exports-table', node.getStart(), `export * from ${target}`);
          else if (Array.isArray(names)) {
            for (const n of names) {
              if (defined.has(n)) report('index-exports-table', node.getStart(), `exports table ${n}`);
            }
          }
        }
      }
    };

    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.importClause;
        let names: string[] | 'all' | null = [];
        if (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings)) names = 'all';
        else if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings)) {
          names = clause.namedBindings.elements.map((e) => (e.propertyName ?? e.name).text);
        }
        if (clause?.name && Array.isArray(names)) names.push('default');
        onSpecifier(node, node.moduleSpecifier.text, names, false);
      } else if (
        ts.isExportDeclaration(node) &&
        node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier)
      ) {
        const names =
          node.exportClause && ts.isNamedExports(node.exportClause)
            ? node.exportClause.elements.map((e) => (e.propertyName ?? e.name).text)
            : 'all';
        onSpecifier(node, node.moduleSpecifier.text, names, true);
      } else if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0] &&
        ts.isStringLiteralLike(node.arguments[0])
      ) {
        onSpecifier(node, node.arguments[0].text, 'all', false);
      } else if (
        ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTemplateHead(node) ||
        ts.isTemplateMiddle(node) ||
        ts.isTemplateTail(node)
      ) {
        if (!ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent)) {
          for (const r of sqlRelations(node.text)) {
            const t = tables.get(r.name);
            if (t && t.owner !== owner) {
              report('foreign-table', node.getStart(), `SQL names ${t.owner}'s table ${t.name}`);
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(src);
  }
  return out;
}

/** One line per violation, for a readable failure. */
export function formatViolations(list: Violation[]): string {
  return list.map((v) => `${v.file}:${v.line} [${v.rule}] ${v.detail}`).join('\n');
}

/** A violation the rules allow for a stated reason: a file, a rule and optionally a part of the detail. */
export interface Exception {
  file: string;
  rule: Rule;
  /** Only violations whose detail contains this text (all of the file's under the rule when absent). */
  detail?: string;
  reason: string;
}

const excuses = (e: Exception, v: Violation) =>
  e.file === v.file && e.rule === v.rule && (e.detail === undefined || v.detail.includes(e.detail));

/**
 * The violations no exception allows, and the exceptions that allow nothing any more (stale: the
 * list must shrink as the code is fixed, or it would hide the next violation in the same file).
 */
export function applyExceptions(
  violations: Violation[],
  exceptions: Exception[],
): { unexcused: Violation[]; stale: Exception[] } {
  return {
    unexcused: violations.filter((v) => !exceptions.some((e) => excuses(e, v))),
    stale: exceptions.filter((e) => !violations.some((v) => excuses(e, v))),
  };
}

/** The server's sources (every .ts file under src/server), with paths from the repository root. */
export function readServerSources(repoRoot: string): SourceText[] {
  const dir = path.join(repoRoot, SERVER);
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((p) => p.split(path.sep).join('/'))
    .filter((p) => p.endsWith('.ts'))
    .sort()
    .map((p) => ({ path: `${SERVER}${p}`, text: fs.readFileSync(path.join(dir, p), 'utf8') }));
}

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The API's shapes are written once, as zod schemas in src/shared/schemas, and the web infers its
// types from them (DESIGN.md §7, "Schema on every route"). These checks catch a shape typed again by
// hand in the web, and the web reaching into server code.

const root = path.resolve(import.meta.dirname, '../..');
const webDir = path.join(root, 'web');
const schemasDir = path.join(root, 'shared', 'schemas');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Every name src/shared/schemas exports, schemas as their type's name (agencyView → AgencyView). */
function sharedNames(): Set<string> {
  const names = new Set<string>();
  for (const file of sourceFiles(schemasDir)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^export (?:const|function|type|interface) (\w+)/gm)) {
      const name = m[1]!;
      names.add(name[0]!.toUpperCase() + name.slice(1));
    }
  }
  return names;
}

/** The interfaces and type aliases a web file declares (not the names it imports or re-exports). */
function declarations(text: string): { name: string; kind: 'interface' | 'type' }[] {
  return [
    ...text.matchAll(
      /^\s*(?:export\s+)?(?:(interface)\s+([A-Z]\w*)|(type)\s+([A-Z]\w*)\s*(?:<[^=]*>)?\s*=)/gm,
    ),
  ].map((m) => (m[1] ? { name: m[2]!, kind: 'interface' } : { name: m[4]!, kind: 'type' }));
}

const SHAPE_SUFFIX = /(View|Input|Row|Reply|Result|Query)$/;

describe('API shapes in the web', () => {
  const shared = sharedNames();
  const files = sourceFiles(webDir).map((f) => ({
    file: path.relative(root, f),
    text: fs.readFileSync(f, 'utf8'),
  }));

  it('finds the shared schemas and the web sources', () => {
    expect(shared.has('AgencyView')).toBe(true);
    expect(shared.has('PeerInput')).toBe(true);
    expect(files.length).toBeGreaterThan(20);
  });

  it('declares no type under the name of a shared schema, and no hand-written *View/*Input/*Row interface', () => {
    const retyped = files.flatMap(({ file, text }) =>
      declarations(text)
        .filter((d) => shared.has(d.name) || (d.kind === 'interface' && SHAPE_SUFFIX.test(d.name)))
        .map((d) => `${file}: ${d.kind} ${d.name}`),
    );
    expect(retyped, 'import these from src/shared/schemas (z.infer / z.input) instead').toEqual([]);
  });

  it('never imports server code', () => {
    const imports = files.flatMap(({ file, text }) =>
      [...text.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]/g)]
        .map((m) => m[1] ?? m[2]!)
        .filter((spec) => spec.startsWith('.'))
        .filter((spec) =>
          path.resolve(path.dirname(path.join(root, file)), spec).startsWith(path.join(root, 'server')),
        )
        .map((spec) => `${file}: ${spec}`),
    );
    expect(imports).toEqual([]);
  });
});

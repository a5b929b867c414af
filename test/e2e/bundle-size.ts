import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

/**
 * The JavaScript a browser downloads to show the sign-in page: the entry chunk, the sign-in
 * route's lazy chunk, and every chunk they import statically (from Vite's build manifest).
 */
export function signInRouteFiles(webDir: string): { file: string; bytes: number; gzip: number }[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(webDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const files = new Set<string>();
  const walk = (key: string) => {
    const c = manifest[key];
    if (!c || files.has(c.file)) return;
    files.add(c.file);
    for (const i of c.imports ?? []) walk(i);
  };
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  const signIn = Object.keys(manifest).find((k) => k.endsWith('features/auth/SignInPage.tsx'));
  if (!entry || !signIn) throw new Error('build manifest lacks the entry or the sign-in chunk');
  walk(entry);
  walk(signIn);
  return [...files]
    .filter((f) => f.endsWith('.js'))
    .map((file) => {
      const buf = fs.readFileSync(path.join(webDir, file));
      return { file, bytes: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const rows = signInRouteFiles(process.argv[2] ?? 'dist/web');
  for (const r of rows)
    console.log(
      `${(r.gzip / 1024).toFixed(1).padStart(7)} KB gzip  ${(r.bytes / 1024).toFixed(1).padStart(7)} KB  ${r.file}`,
    );
  const total = rows.reduce((s, r) => s + r.gzip, 0);
  console.log(`${(total / 1024).toFixed(1).padStart(7)} KB gzip in total (${rows.length} files)`);
}

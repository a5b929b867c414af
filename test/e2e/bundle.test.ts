import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signInRouteFiles } from './bundle-size.ts';
import { ensureWebBuild, ROOT } from './web-build.ts';

// The sign-in page is the first thing everyone loads, often on a phone over a slow provincial
// connection: its JavaScript (entry chunk + sign-in chunk + what they import) stays ≤ 252 KB gzip.
// (250 KB until the feedback system's two routes and menu label, 0.1 KB over; the next room is in the
// Vietnamese dictionary, 68 KB raw and all eager: its systems' screen texts can load with their screens.)
const BUDGET = 252 * 1024;

describe('web bundle', () => {
  it('keeps the sign-in route within 252 KB of gzipped JavaScript', () => {
    ensureWebBuild();
    const files = signInRouteFiles(path.join(ROOT, 'dist/web'));
    const total = files.reduce((s, f) => s + f.gzip, 0);
    const report = files.map((f) => `${(f.gzip / 1024).toFixed(1)} KB  ${f.file}`).join('\n');
    expect(
      total,
      `sign-in route JavaScript is ${(total / 1024).toFixed(1)} KB gzip:\n${report}`,
    ).toBeLessThanOrEqual(BUDGET);
  }, 180_000);
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Builds the web app when it is missing or older than its sources (scripts/ensure-web-build.mjs).
 * Test files run in parallel processes, so a lock directory makes one build and the others wait.
 */
export function ensureWebBuild(): void {
  const lock = path.join(os.tmpdir(), 'lienthong-web-build.lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // A lock older than 3 minutes belongs to a process that died.
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 180_000)
          fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        /* removed meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`waited 3 minutes for the web build lock ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    // vitest sets NODE_ENV=test; the app under test must be the production build people get.
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/ensure-web-build.mjs')], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (r.status !== 0) throw new Error(`scripts/ensure-web-build.mjs failed with status ${r.status}`);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

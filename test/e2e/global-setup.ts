import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserServer, chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM, CHROMIUM_ARGS, HAS_CHROMIUM, seedDataDir } from './harness.ts';
import { ensureWebBuild } from './web-build.ts';

/**
 * Once for all browser test files: the production web build, one data directory with the demo
 * province migrated and seeded (each file's server starts on a copy of it: ~1 s instead of ~20 s
 * of migrations and seeding, and no file sees another's changes), and one Chromium that every file
 * connects to (each test still gets its own context: no cookies or storage shared).
 */
export default async function setup(project: TestProject) {
  if (!HAS_CHROMIUM) return;
  ensureWebBuild();
  const templateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-e2e-template-'));
  let browser: BrowserServer | undefined;
  try {
    [, browser] = await Promise.all([
      seedDataDir(templateDir),
      chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }),
    ]);
  } catch (e) {
    fs.rmSync(templateDir, { recursive: true, force: true });
    throw e;
  }
  project.provide('e2eTemplateDir', templateDir);
  project.provide('e2eBrowserWs', browser.wsEndpoint());
  return async () => {
    await browser?.close();
    fs.rmSync(templateDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eTemplateDir: string;
    e2eBrowserWs: string;
  }
}

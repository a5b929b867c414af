import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { type Server, startServer } from '../../src/server/runtime.ts';
import { ensureWebBuild, ROOT } from './web-build.ts';

export { ensureWebBuild, ROOT };

/**
 * Shared harness of the browser tests: Debian's Chromium driven by playwright-core (never a
 * downloaded browser), a real server started in-process on a fresh data directory with the demo
 * province (a copy of the one `global-setup.ts` seeded for the run), one browser for the whole run
 * (also started there) and a fresh context per test.
 */

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = fs.existsSync(CHROMIUM);
export const DEMO_PASSWORD = 'Demo-password-2026';
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };
const RESULTS_DIR = path.join(ROOT, 'test-results', 'e2e');

if (!HAS_CHROMIUM && process.env.CI === 'true') {
  // In CI a missing browser is a broken machine, not a reason to skip.
  throw new Error(
    `CI=true but ${CHROMIUM} does not exist: the browser tests cannot run (apt-get install chromium).`,
  );
}

/** describe() that skips on a developer machine without Chromium (and fails under CI, above). */
export const describeBrowser = describe.skipIf(!HAS_CHROMIUM);

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface E2EServer {
  server: Server;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

function serverConfig(dataDir: string, env: Record<string, string> = {}) {
  return loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    DEMO_PASSWORD,
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    // Every test signs in from 127.0.0.1; the default 20 a minute would throttle the suite itself.
    LOGIN_RATE_PER_MINUTE: '1000',
    ...env,
  });
}

/** Migrates and seeds the demo province into `dataDir` (a start and a stop of the real server). */
export async function seedDataDir(dataDir: string): Promise<void> {
  const server = await startServer(serverConfig(dataDir));
  await server.stop();
}

/** What the run's global setup provided (nothing when a script uses the harness outside vitest). */
function provided<K extends 'e2eTemplateDir' | 'e2eBrowserWs'>(key: K): string | undefined {
  try {
    return inject(key) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The real server (migrations, demo province, built web app) on a random port of 127.0.0.1, on a
 * data directory of its own: a copy of the run's seeded one when there is one, else seeded here.
 */
export async function startE2EServer(env: Record<string, string> = {}): Promise<E2EServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-e2e-'));
  const template = provided('e2eTemplateDir');
  if (template) fs.cpSync(template, dataDir, { recursive: true });
  const server = await startServer(serverConfig(dataDir, env));
  return {
    server,
    url: server.url,
    dataDir,
    async stop() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The run's Chromium (closing it only disconnects this file), or a headless Chromium of its own;
 * playwright gives each a fresh temporary user-data directory, and every test a fresh context.
 */
export function launchBrowser(): Promise<Browser> {
  const ws = provided('e2eBrowserWs');
  if (ws) return chromium.connect(ws);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Requests that tried to leave the machine (blocked); a test fails when there is any. */
  blocked: string[];
  /** Uncaught errors and CSP violations in the page; a test fails when there is any. */
  pageErrors: string[];
}

/** A fresh context (no cookies, no storage) that can only reach 127.0.0.1. */
export async function newTestPage(browser: Browser, baseURL: string, viewport = DESKTOP): Promise<TestPage> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      /* not a URL: block */
    }
    if (host === '127.0.0.1') return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  // Fail with a screenshot rather than wait out the test's own timeout. The same wait in and out of
  // CI: a newcomer's busy two-core machine is as slow as CI's (only CI retries a failed test).
  page.setDefaultTimeout(30_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  // The server's CSP (no inline script, no CDN) must never have to block anything the app does.
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) pageErrors.push(m.text());
  });
  return { page, context, blocked, pageErrors };
}

/**
 * Keeps a screenshot of a screen for people reviewing the look (test-results/e2e/screens/), scrolled
 * to the top; `fullPage: false` for what a dialog or drawer covers.
 */
export async function saveScreen(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  const dir = path.join(RESULTS_DIR, 'screens');
  fs.mkdirSync(dir, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: opts.fullPage ?? true });
}

export function screenshotPath(name: string): string {
  const safe = name
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
  return path.join(RESULTS_DIR, `${safe}.png`);
}

/**
 * The project's own axe-core (4.14: `label-content-name-mismatch` is a WCAG 2.1 A rule there, while
 * the copy bundled with @axe-core/playwright still files it as experimental and skips it).
 */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** WCAG 2.0 and 2.1, levels A and AA, plus axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const WCAG = new Set(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);

/**
 * Runs axe on the page as it is, then at the other width (1280 px ↔ 360 px: every screen a test
 * visits is checked on a desktop and on a phone), and throws listing every violation of a WCAG 2.1
 * A or AA rule, and every serious or critical one of the best practices.
 */
export async function expectAccessible(
  page: Page,
  label: string,
  opts: { thisWidthOnly?: boolean } = {},
): Promise<void> {
  const size = page.viewportSize() ?? DESKTOP;
  const phone = size.width < 768;
  await axeCheck(page, `${label} (${size.width} px)`);
  if (opts.thisWidthOnly) return;
  const other = phone ? DESKTOP : PHONE;
  await page.setViewportSize(other);
  try {
    // The layout follows the width through media queries: let React render it before checking.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await axeCheck(page, `${label} (${other.width} px)`);
  } finally {
    await page.setViewportSize(size);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
}

async function axeCheck(page: Page, label: string): Promise<void> {
  // A dialog that is still fading in or out, or a button still in its loading or colour transition,
  // is half-transparent: axe would measure the contrast of a frame of the animation, not of the
  // screen. Wait until antd's motion classes, loading buttons and finite transitions are gone (a
  // spinner's endless animation does not count).
  await page
    .waitForFunction(
      () =>
        !document.querySelector(
          '[class*="-enter"], [class*="-appear"], [class*="-leave"], .ant-btn-loading',
        ) &&
        document.getAnimations().every((a) => a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY),
      undefined,
      {
        timeout: 5000,
      },
    )
    .catch(() => undefined);
  const results = await new AxeBuilder({ page, axeSource: AXE_SOURCE }).withTags(AXE_TAGS).analyze();
  const bad = results.violations.filter(
    (v) => v.tags.some((t) => WCAG.has(t)) || v.impact === 'serious' || v.impact === 'critical',
  );
  if (bad.length) {
    const lines = bad.map(
      (v) =>
        `- [${v.impact}] ${v.id}: ${v.help}\n${v.nodes
          .slice(0, 5)
          .map(
            (n) => `    ${n.target.join(' ')}  ${n.failureSummary?.split('\n').slice(1, 2).join(' ') ?? ''}`,
          )
          .join('\n')}`,
    );
    throw new Error(`axe found ${bad.length} violation(s) on ${label}:\n${lines.join('\n')}`);
  }
}

export interface E2E {
  readonly url: string;
  /** The file's server (its database and data directory, e.g. to run its jobs). */
  readonly server: E2EServer;
  readonly browser: Browser;
  /** it() with a fresh page; on failure a screenshot goes to test-results/e2e/<test name>.png. */
  test(
    name: string,
    fn: (t: TestPage) => Promise<void>,
    opts?: { viewport?: { width: number; height: number }; timeout?: number },
  ): void;
}

/**
 * Call inside describeBrowser(): starts the server (with `env` added to its settings) and connects
 * to the browser once for the file, and stops both afterwards. With `concurrent`, the file's tests run side by
 * side (each in its own context, on accounts no other test changes): Chromium's processes use the
 * second core while this one serves the API, which roughly halves the file's time on two cores.
 */
export function setupE2E(opts: { concurrent?: boolean; env?: Record<string, string> } = {}): E2E {
  const register = opts.concurrent ? it.concurrent : it;
  let server: E2EServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!provided('e2eTemplateDir')) ensureWebBuild();
    [server, browser] = await Promise.all([startE2EServer(opts.env), launchBrowser()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get url() {
      if (!server) throw new Error('server not started');
      return server.url;
    },
    get server() {
      if (!server) throw new Error('server not started');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('browser not started');
      return browser;
    },
    test(name, fn, testOpts = {}) {
      register(
        name,
        async () => {
          const t = await newTestPage(browser!, server!.url, testOpts.viewport ?? DESKTOP);
          try {
            await fn(t);
            if (t.blocked.length)
              throw new Error(`the page tried to leave the machine:\n${t.blocked.join('\n')}`);
            if (t.pageErrors.length)
              throw new Error(`uncaught errors in the page:\n${t.pageErrors.join('\n')}`);
          } catch (e) {
            fs.mkdirSync(RESULTS_DIR, { recursive: true });
            await t.page.screenshot({ path: screenshotPath(name), fullPage: true }).catch(() => undefined);
            throw e;
          } finally {
            await t.context.close();
          }
        },
        // Generous: tests of a file run side by side and share two cores with the server they call.
        testOpts.timeout ?? 120_000,
      );
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Journeys shared by the test files

/** Signs in through the real sign-in page and waits for the home page. */
export async function signInUI(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((u) => u.pathname === '/');
  await page.getByRole('heading', { level: 1, name: /^Xin chào/ }).waitFor();
}

/** Signs the context in through the API (cookies shared with the pages), for tests about other screens. */
export async function signInAPI(
  context: BrowserContext,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  const res = await context.request.post('/api/v1/auth/login', { data: { username, password } });
  if (!res.ok()) throw new Error(`sign-in of ${username} failed: ${res.status()} ${await res.text()}`);
}

/** GET on the API with the context's session. */
export async function apiGet<T>(context: BrowserContext, url: string): Promise<T> {
  const res = await context.request.get(url);
  if (!res.ok()) throw new Error(`GET ${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** API calls as `username` on a context (same cookies as its pages), with the CSRF header. */
export async function apiAs(context: BrowserContext, username: string) {
  const res = await context.request.post('/api/v1/auth/login', {
    data: { username, password: DEMO_PASSWORD },
  });
  if (!res.ok()) throw new Error(`sign-in ${username}: ${res.status()} ${await res.text()}`);
  const csrf = (await res.json()).csrfToken as string;
  const headers = { 'x-csrf-token': csrf };
  return {
    async get<T>(url: string): Promise<T> {
      const r = await context.request.get(url);
      if (!r.ok()) throw new Error(`GET ${url}: ${r.status()} ${await r.text()}`);
      return (await r.json()) as T;
    },
    async post<T>(url: string, data: unknown): Promise<T> {
      const r = await context.request.post(url, { data: data as object, headers });
      if (!r.ok()) throw new Error(`POST ${url}: ${r.status()} ${await r.text()}`);
      return (await r.json()) as T;
    },
    async upload(name: string, mimeType: string, buffer: Buffer) {
      const r = await context.request.post('/api/v1/files', {
        multipart: { file: { name, mimeType, buffer } },
        headers,
      });
      if (!r.ok()) throw new Error(`upload: ${r.status()} ${await r.text()}`);
      return (await r.json()) as { sha256: string; fileName: string };
    },
  };
}

/**
 * On a phone, the first card of the named list shows its main text (a document's summary) on the
 * first screen: the page opened at the top, nothing to scroll past.
 */
export async function expectFirstCardInView(page: Page, listName: string | RegExp): Promise<string> {
  const title = page
    .getByRole('list', { name: listName })
    .getByRole('listitem')
    .first()
    .locator('.lt-item-title');
  await title.waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await title.boundingBox();
  const view = page.viewportSize()!;
  if (!box || box.y < 0 || box.y + box.height > view.height || box.x < 0 || box.x + box.width > view.width)
    throw new Error(
      `the first card of "${listName}" is not on the first screen (${view.width}×${view.height}): ${JSON.stringify(box)}`,
    );
  return (await title.innerText()).trim();
}

/**
 * Picks an option of an antd Select (the combobox `select`, optionally typing `typed` to search) and
 * checks that the pick took: on two loaded cores a click can land while the dropdown is still
 * opening and be lost, leaving the form unchanged; so the pick is tried again, at most three times.
 */
export async function chooseOption(
  page: Page,
  select: Locator,
  option: string | RegExp,
  typed?: string,
): Promise<void> {
  const root = select.locator(
    'xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  // The chosen label is a text node of .ant-select-content (a .ant-select-content-value only when styled).
  const shown = root.locator('.ant-select-content', { hasText: option });
  for (let attempt = 1; ; attempt++) {
    await select.click();
    if (typed !== undefined) await select.fill(typed);
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: option,
      })
      .first()
      .click();
    try {
      await shown.first().waitFor({ timeout: 3_000 });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

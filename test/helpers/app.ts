import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { type Config, loadConfig } from '../../src/server/config.ts';
import { DiskBlobStore } from '../../src/server/platform/blobs/store.ts';
import { type Engine, openTestDatabase, type TestDatabase } from './db.ts';
import { PASSWORD } from './factories.ts';

export interface TestApp extends TestDatabase {
  app: FastifyInstance;
  config: Config;
  blobs: DiskBlobStore;
  dataDir: string;
  close(): Promise<void>;
}

/** The real app on a real database (in-process, called with inject); a temp DATA_DIR for blobs. */
export async function makeTestApp(
  engine: Engine,
  env: Record<string, string> = {},
  opts: { now?: () => Date } = {},
): Promise<TestApp> {
  const tdb = await openTestDatabase(engine);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    UPLOAD_MAX_BYTES: String(2 * 1024 * 1024),
    LOGIN_RATE_PER_MINUTE: '10000',
    ...env,
  });
  const blobs = new DiskBlobStore(path.join(dataDir, 'blobs'));
  const app = await buildApp({ config, database: tdb.database, blobs, now: opts.now });
  await app.ready();
  return {
    ...tdb,
    app,
    config,
    blobs,
    dataDir,
    async close() {
      await app.close();
      await tdb.cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Client {
  csrf: string;
  cookie: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

/** Signs in through the real endpoint and returns a client that sends the cookie and CSRF header. */
export async function signIn(app: FastifyInstance, username: string, password = PASSWORD): Promise<Client> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'lt_session')!;
  return clientFor(app, `lt_session=${cookie.value}`, res.json().csrfToken);
}

export function clientFor(app: FastifyInstance, cookie: string, csrf: string): Client {
  const inject = (opts: InjectOptions) =>
    app.inject({ ...opts, headers: { cookie, 'x-csrf-token': csrf, ...(opts.headers ?? {}) } });
  return {
    csrf,
    cookie,
    inject,
    get: (url) => inject({ method: 'GET', url }),
    post: (url, body) => inject({ method: 'POST', url, payload: body as InjectOptions['payload'] }),
    patch: (url, body) => inject({ method: 'PATCH', url, payload: body as InjectOptions['payload'] }),
    delete: (url) => inject({ method: 'DELETE', url }),
  };
}

/** Asserts an RFC 9457 problem with a Vietnamese detail. */
export function expectProblem(res: LightMyRequestResponse, status: number, code?: string) {
  const body = res.json();
  if (
    res.statusCode !== status ||
    !res.headers['content-type']?.toString().includes('application/problem+json') ||
    (code && body.code !== code)
  ) {
    throw new Error(
      `expected problem ${status} ${code ?? ''}, got ${res.statusCode} ${res.headers['content-type']} ${res.body.slice(0, 500)}`,
    );
  }
  if (typeof body.detail !== 'string' || body.detail.length === 0) throw new Error('problem without detail');
  return body as { code: string; detail: string; fields?: { path: string; message: string }[] };
}

/** Uploads bytes through the real multipart endpoint; returns the stored file's reference. */
export async function upload(c: Client, fileName: string, type: string, data: Buffer) {
  const boundary = '----lt-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await c.inject({
    method: 'POST',
    url: '/api/v1/files',
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  if (res.statusCode !== 201) throw new Error(`upload failed ${res.statusCode} ${res.body}`);
  const body = res.json() as { sha256: string; fileName: string };
  return { sha256: body.sha256, fileName: body.fileName };
}

/** A tiny but valid PDF whose text says `text`. */
export function tinyPdf(text = 'Liên Thông'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text.replace(/[^\x20-\x7e]/g, '?')}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  expectProblem,
  makeTestApp,
  signIn,
  type TestApp,
} from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import { makeAgency, makePerson } from '../../../../test/helpers/factories.ts';

/** A tiny but real PDF. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a90000000049454e44ae426082',
  'hex',
);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);

function multipart(name: string, type: string, data: Buffer) {
  const boundary = '----lt-test-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(ENGINES)('file uploads on %s', (engine) => {
  let t: TestApp;
  let c: Client;
  beforeAll(async () => {
    t = await makeTestApp(engine);
    const a = await makeAgency(t.database.db);
    c = await signIn(t.app, (await makePerson(t.database.db, { agencyId: a.id, role: 'clerk' })).username);
  });
  afterAll(() => t.close());
  const upload = (name: string, type: string, data: Buffer, query = '') =>
    c.inject({ method: 'POST', url: `/api/v1/files${query}`, ...multipart(name, type, data) });
  const blobRows = async () =>
    (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM blobs'))[0]!.n;

  it('stores a PDF by its SHA-256, once, and verifies a declared hash', async () => {
    const sha = createHash('sha256').update(PDF).digest('hex');
    const r = await upload('cong-van.pdf', 'application/pdf', PDF, `?sha256=${sha}`);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toEqual({
      sha256: sha,
      size: PDF.length,
      mediaType: 'application/pdf',
      fileName: 'cong-van.pdf',
    });
    expect(fs.readFileSync(t.blobs.pathOf(sha))).toEqual(PDF);
    const again = await upload('copy.pdf', 'application/pdf', PDF);
    expect(again.json().sha256).toBe(sha);
    const rows = await t.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM blobs WHERE sha256 = $1',
      [sha],
    );
    expect(rows[0]!.n).toBe(1);
    expect((await upload('anh.png', 'image/png', PNG)).json().mediaType).toBe('image/png');
  });

  it('refuses executables, mismatched types, oversize files and wrong hashes, storing nothing', async () => {
    const before = await blobRows();
    expectProblem(await upload('virus.pdf', 'application/pdf', EXE), 415);
    expectProblem(await upload('tool', 'application/octet-stream', ELF), 415);
    expectProblem(await upload('run.sh', 'text/plain', Buffer.from('#!/bin/sh\nrm -rf /\n')), 415);
    expectProblem(await upload('fake.pdf', 'application/pdf', PNG), 415);
    expectProblem(await upload('fake.png', 'image/png', Buffer.from('hello there')), 415);
    expectProblem(
      await upload('big.pdf', 'application/pdf', Buffer.concat([PDF, Buffer.alloc(3 * 1024 * 1024, 0x20)])),
      413,
      'payload_too_large',
    );
    expectProblem(await upload('empty.txt', 'text/plain', Buffer.alloc(0)), 400);
    expectProblem(
      await upload('x.pdf', 'application/pdf', PDF, `?sha256=${'0'.repeat(64)}`),
      400,
      'validation_failed',
    );
    expectProblem(await c.post('/api/v1/files', { not: 'multipart' }), 415);
    // The SHA-mismatched PDF is the only content stored earlier; no new rows, no temp files left.
    expect(await blobRows()).toBe(before);
    expect(fs.readdirSync(path.join(t.dataDir, 'blobs', 'tmp'))).toEqual([]);
  });
});

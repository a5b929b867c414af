import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgencyWithStaff, PASSWORD } from '../../../../test/helpers/factories.ts';
import { exited, freePort, json, remoteSignIn, serve, waitFor } from '../../../../test/helpers/process.ts';
import { openDatabase } from '../../db/client.ts';
import { exchangePeers } from './schema.ts';

/**
 * Three installations as operators run them: three `lienthong serve` processes, each with its own
 * embedded database (DATA_DIR) on its own loopback port, registered as peers of each other. They
 * exchange documents, statuses, an update and a recall; then one is stopped, 50 documents are
 * released to it, it starts again, and all 50 arrive exactly once with the same file bytes.
 */
const SECRET = 'federation-test-shared-secret-2026';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdf = (text: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);

type Api = Awaited<ReturnType<typeof remoteSignIn>>;
interface Install {
  name: string;
  dir: string;
  port: number;
  url: string;
  code: string;
  staff: Awaited<ReturnType<typeof makeAgencyWithStaff>>;
  child: ChildProcess | null;
  clerk: Api;
  officer: Api;
  leader: Api;
}

describe('three installations exchanging edXML over loopback', () => {
  const sites: Install[] = [];

  async function start(s: Install) {
    const p = await serve({ DATA_DIR: s.dir, PORT: String(s.port), DEMO: 'off', LOG_LEVEL: 'error' });
    s.child = p.child;
    s.url = p.url;
    s.clerk = await remoteSignIn(s.url, s.staff.clerk.username, PASSWORD);
    s.officer = await remoteSignIn(s.url, s.staff.officer.username, PASSWORD);
    s.leader = await remoteSignIn(s.url, s.staff.leader.username, PASSWORD);
  }

  async function stop(s: Install) {
    s.child!.kill('SIGKILL');
    await exited(s.child!);
    s.child = null;
  }

  beforeAll(async () => {
    for (const name of ['X', 'Y', 'Z']) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lt-fed-${name}-`));
      const db = await openDatabase({ pgliteDir: path.join(dir, 'pg') });
      await db.migrate();
      const staff = await makeAgencyWithStaff(db.db);
      await db.close();
      sites.push({
        name,
        dir,
        port: await freePort(),
        url: '',
        code: staff.agency.agencyCode!,
        staff,
      } as Install);
    }
    // Each registers the other two as peers (same secret on both sides of each pair).
    for (const s of sites) {
      const db = await openDatabase({ pgliteDir: path.join(s.dir, 'pg') });
      for (const o of sites.filter((x) => x !== s))
        await db.db.insert(exchangePeers).values({
          name: `Tỉnh ${o.name}`,
          baseUrl: `http://127.0.0.1:${o.port}`,
          agencyCodes: [o.code],
          secret: SECRET,
        });
      await db.close();
    }
    await Promise.all(sites.map(start));
  }, 240_000);

  afterAll(async () => {
    for (const s of sites) {
      if (s.child) {
        s.child.kill('SIGKILL');
        await exited(s.child);
      }
      fs.rmSync(s.dir, { recursive: true, force: true });
    }
  });

  async function release(from: Install, to: Install[], summary: string, file: Buffer) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)], { type: 'application/pdf' }), 'van-ban.pdf');
    const up = await json<{ sha256: string }>(
      fetch(`${from.url}/api/v1/files`, {
        method: 'POST',
        body: form,
        headers: { cookie: from.officer.cookie, 'x-csrf-token': from.officer.csrfToken },
      }),
    );
    const draft = await json<{ id: string }>(
      from.officer.call('POST', '/api/v1/documents/drafts', {
        typeCode: 'cong_van',
        summary,
        recipients: to.map((t) => ({ kind: 'outside', name: `Cơ quan tỉnh ${t.name}`, agencyCode: t.code })),
        files: [{ sha256: up.sha256, fileName: 'van-ban.pdf', role: 'main' }],
      }),
    );
    await json(
      from.officer.call('POST', `/api/v1/documents/${draft.id}/submit-review`, {
        toId: from.staff.leader.id,
      }),
    );
    await json(from.leader.call('POST', `/api/v1/documents/${draft.id}/review`, { action: 'sign' }));
    await json(from.clerk.call('POST', `/api/v1/documents/${draft.id}/release`, {}));
    return draft.id;
  }

  const pendingEdxml = async (s: Install) =>
    (
      await json<{ items: { id: string; summary: string }[] }>(
        s.clerk.call('GET', '/api/v1/documents?box=to_register&limit=100'),
      )
    ).items;
  const deliveries = async (s: Install, id: string) =>
    (
      await json<{ deliveries: { recipientName: string; status: string; note: string | null }[] }>(
        s.clerk.call('GET', `/api/v1/documents/${id}`),
      )
    ).deliveries;
  const statusFor = async (s: Install, id: string, to: Install) =>
    (await deliveries(s, id)).find((d) => d.recipientName === `Cơ quan tỉnh ${to.name}`)?.status;

  it('exchanges documents and statuses, an update and a recall between the three', async () => {
    const [X, Y, Z] = sites as [Install, Install, Install];
    const d1 = await release(X, [Y, Z], 'Về việc phối hợp liên thông ba tỉnh', pdf('d1'));
    const atY = await waitFor('d1 at Y', async () =>
      (await pendingEdxml(Y)).find((d) => d.summary.includes('ba tỉnh')),
    );
    const atZ = await waitFor('d1 at Z', async () =>
      (await pendingEdxml(Z)).find((d) => d.summary.includes('ba tỉnh')),
    );
    await waitFor(
      '01 from Y and Z',
      async () => (await statusFor(X, d1, Y)) === 'delivered' && (await statusFor(X, d1, Z)) === 'delivered',
    );

    await json(Y.clerk.call('POST', `/api/v1/documents/${atY.id}/register`, {}));
    await json(
      Z.clerk.call('POST', `/api/v1/documents/${atZ.id}/refuse`, { reason: 'Không thuộc thẩm quyền' }),
    );
    await waitFor('03 from Y', async () => (await statusFor(X, d1, Y)) === 'registered');
    await waitFor('02 from Z', async () => (await statusFor(X, d1, Z)) === 'refused');
    expect((await deliveries(X, d1)).find((d) => d.status === 'refused')?.note).toContain(
      'Không thuộc thẩm quyền',
    );

    // The other direction: Y writes to X.
    const d2 = await release(Y, [X], 'Về việc trả lời văn bản của tỉnh X', pdf('d2'));
    const atX = await waitFor('d2 at X', async () =>
      (await pendingEdxml(X)).find((d) => d.summary.includes('trả lời')),
    );
    await json(X.clerk.call('POST', `/api/v1/documents/${atX.id}/register`, {}));
    await waitFor('03 from X', async () => (await statusFor(Y, d2, X)) === 'registered');

    // Update then recall d1: Y's copy gets the new file, then is cancelled; X sees "recalled".
    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array(pdf('d1 v2'))], { type: 'application/pdf' }),
      'van-ban-sua.pdf',
    );
    const up = await json<{ sha256: string }>(
      fetch(`${X.url}/api/v1/files`, {
        method: 'POST',
        body: form,
        headers: { cookie: X.clerk.cookie, 'x-csrf-token': X.clerk.csrfToken },
      }),
    );
    await json(
      X.clerk.call('POST', `/api/v1/documents/${d1}/update`, {
        reason: 'Bổ sung phụ lục',
        files: [{ sha256: up.sha256, fileName: 'van-ban-sua.pdf', role: 'main' }],
      }),
    );
    await waitFor('update at Y', async () => {
      const d = await json<{ files: { fileName: string; current: boolean }[] }>(
        Y.clerk.call('GET', `/api/v1/documents/${atY.id}`),
      );
      return d.files.some((f) => f.current && f.fileName === 'van-ban-sua.pdf');
    });
    await json(X.clerk.call('POST', `/api/v1/documents/${d1}/recall`, { reason: 'Ban hành nhầm' }));
    await waitFor(
      'recall at Y',
      async () =>
        (await json<{ status: string }>(Y.clerk.call('GET', `/api/v1/documents/${atY.id}`))).status ===
        'cancelled',
    );
    await waitFor('15 from Y', async () => (await statusFor(X, d1, Y)) === 'recalled');
  }, 240_000);

  it('delivers 50 documents released to a stopped installation exactly once after it returns', async () => {
    const [X, , Z] = sites as [Install, Install, Install];
    await stop(Z);
    const expected = new Map<string, string>();
    for (let i = 1; i <= 50; i++) {
      const bytes = pdf(`lo ${i} ${Math.random()}`);
      const summary = `Lô văn bản thử số ${i}`;
      expected.set(summary, sha(bytes));
      await release(X, [Z], summary, bytes);
    }
    // While Z is down the queue shows the failures with their reason.
    const peers = await json<{ items: { name: string; id: string }[] }>(
      X.clerk.call('GET', '/api/v1/exchange/peers'),
    ).catch(() => null);
    expect(peers).toBeNull(); // a clerk may not see the administrators' queue screen
    await start(Z);
    const arrived = await waitFor(
      '50 documents at Z',
      async () => {
        const items = (await pendingEdxml(Z)).filter((d) => d.summary.startsWith('Lô văn bản thử'));
        return items.length >= 50 ? items : null;
      },
      180_000,
    );
    // Let any retry still in flight land, then count again: exactly once each.
    await new Promise((r) => setTimeout(r, 3000));
    const again = (await pendingEdxml(Z)).filter((d) => d.summary.startsWith('Lô văn bản thử'));
    expect(again).toHaveLength(50);
    expect(new Set(arrived.map((d) => d.summary)).size).toBe(50);
    for (const d of again) {
      const full = await json<{ summary: string; files: { id: string }[] }>(
        Z.clerk.call('GET', `/api/v1/documents/${d.id}`),
      );
      const res = await Z.clerk.call('GET', `/api/v1/documents/${d.id}/files/${full.files[0]!.id}`);
      expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(expected.get(full.summary));
    }
  }, 400_000);
});

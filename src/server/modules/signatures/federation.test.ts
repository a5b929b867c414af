import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgencyWithStaff, makePerson, PASSWORD } from '../../../../test/helpers/factories.ts';
import { exited, freePort, json, remoteSignIn, serve, waitFor } from '../../../../test/helpers/process.ts';
import { openDatabase } from '../../db/client.ts';
import { exchangePeers } from '../exchange/schema.ts';
import { makeCa, makeP12 } from './testing/certs.ts';
import { pdfsig } from './testing/tools.ts';

/**
 * The paperless path between two installations as operators run them (two `lienthong serve`
 * processes on loopback, each with its own embedded database, peers of each other): at X an officer
 * drafts a công văn from the built-in template, makes its PDF, the leader signs it with his key, the
 * clerk numbers and releases it with the agency's seal; at Y, which trusts the CA, the document
 * arrives over edXML and its file shows "valid" with the leader's name — the signatures travelled
 * intact in the package.
 */
const SECRET = 'paperless-federation-secret-2026';

type Api = Awaited<ReturnType<typeof remoteSignIn>>;
interface Site {
  dir: string;
  port: number;
  url: string;
  code: string;
  staff: Awaited<ReturnType<typeof makeAgencyWithStaff>>;
  sysadmin: Awaited<ReturnType<typeof makePerson>>;
  child: ChildProcess | null;
}

describe('a signed document travels to another installation and is verified there', () => {
  const sites: Site[] = [];

  beforeAll(async () => {
    for (const name of ['X', 'Y']) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lt-sig-${name}-`));
      const db = await openDatabase({ pgliteDir: path.join(dir, 'pg') });
      await db.migrate();
      const staff = await makeAgencyWithStaff(db.db);
      const sysadmin = await makePerson(db.db, { agencyId: staff.agency.id, role: 'system_admin' });
      await db.close();
      sites.push({
        dir,
        port: await freePort(),
        url: '',
        code: staff.agency.agencyCode!,
        staff,
        sysadmin,
        child: null,
      });
    }
    for (const s of sites) {
      const db = await openDatabase({ pgliteDir: path.join(s.dir, 'pg') });
      for (const o of sites.filter((x) => x !== s))
        await db.db.insert(exchangePeers).values({
          name: `Tỉnh ${o.code}`,
          baseUrl: `http://127.0.0.1:${o.port}`,
          agencyCodes: [o.code],
          secret: SECRET,
        });
      await db.close();
    }
    for (const s of sites) {
      const p = await serve({ DATA_DIR: s.dir, PORT: String(s.port), DEMO: 'off', LOG_LEVEL: 'error' });
      s.child = p.child;
      s.url = p.url;
    }
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

  it('drafted from the template at X, signed and sealed, shows "valid" with the signer at Y', async () => {
    const [X, Y] = sites as [Site, Site];
    const as = (s: Site, username: string): Promise<Api> => remoteSignIn(s.url, username, PASSWORD);
    const [admin, officer, leader, clerk] = await Promise.all([
      as(X, X.staff.admin.username),
      as(X, X.staff.officer.username),
      as(X, X.staff.leader.username),
      as(X, X.staff.clerk.username),
    ]);
    const [ySys, yClerk] = await Promise.all([as(Y, Y.sysadmin.username), as(Y, Y.staff.clerk.username)]);

    // X's administrator uploads the leader's key and the agency's seal; Y's trusts their CA.
    const ca = makeCa('CA thử nghiệm liên thông');
    const mine = makeP12(ca, { cn: X.staff.leader.fullName });
    const seal = makeP12(ca, { cn: 'Cơ quan X' });
    await json(
      admin.call('POST', '/api/v1/signing-keys', {
        ownerKind: 'person',
        personId: X.staff.leader.id,
        p12Base64: mine.p12.toString('base64'),
        password: mine.password,
      }),
    );
    await json(
      admin.call('POST', '/api/v1/signing-keys', {
        ownerKind: 'agency',
        p12Base64: seal.p12.toString('base64'),
        password: seal.password,
      }),
    );
    await json(ySys.call('POST', '/api/v1/signatures/trust-anchors', { certificates: ca.pem }));

    // The officer drafts from the template: no file to upload, the PDF is made from the DOCX.
    const draft = await json<{ id: string }>(
      officer.call('POST', '/api/v1/documents/drafts', {
        typeCode: 'cong_van',
        summary: 'V/v thử nghiệm ký số liên thông giữa hai tỉnh',
        recipients: [{ kind: 'outside', name: 'Cơ quan tỉnh Y', agencyCode: Y.code }],
        files: [],
      }),
    );
    const prefill = await json<{ fields: Record<string, unknown> }>(
      officer.call('GET', `/api/v1/documents/${draft.id}/draft`),
    );
    await json(
      officer.call('PUT', `/api/v1/documents/${draft.id}/draft`, {
        fields: prefill.fields,
        body: 'Đề nghị quý cơ quan phối hợp thử nghiệm ký số văn bản điện tử.',
      }),
    );
    await json(officer.call('POST', `/api/v1/documents/${draft.id}/draft/make`, {}));
    await json(officer.call('POST', `/api/v1/documents/${draft.id}/draft/pdf`, {}));
    await json(
      officer.call('POST', `/api/v1/documents/${draft.id}/submit-review`, { toId: X.staff.leader.id }),
    );
    await json(leader.call('POST', `/api/v1/documents/${draft.id}/review`, { action: 'sign' }));
    await json(clerk.call('POST', `/api/v1/documents/${draft.id}/release`, {}));

    // At X: the released main file carries both signatures, each valid for the bytes it covers.
    type Detail = {
      number: string | null;
      files: {
        id: string;
        current: boolean;
        role: string;
        mediaType: string;
        signature: { status: string; signers: { name: string | null }[] } | null;
      }[];
    };
    const sent = await json<Detail>(clerk.call('GET', `/api/v1/documents/${draft.id}`));
    const main = sent.files.find((f) => f.current && f.role === 'main')!;
    expect(main.mediaType).toBe('application/pdf');
    const bytes = Buffer.from(
      await (
        await fetch(`${X.url}/api/v1/documents/${draft.id}/files/${main.id}`, {
          headers: { cookie: clerk.cookie },
        })
      ).arrayBuffer(),
    );
    const report = pdfsig(bytes);
    expect(report.match(/Signature is Valid/g)?.length).toBe(2);

    // At Y: it arrives over edXML; the file's signature is verified against Y's trust anchors.
    const atY = await waitFor('the document at Y', async () =>
      (
        await json<{ items: { id: string; summary: string }[] }>(
          yClerk.call('GET', '/api/v1/documents?box=to_register&limit=50'),
        )
      ).items.find((d) => d.summary.includes('ký số liên thông')),
    );
    const received = await waitFor('the verified file at Y', async () => {
      const d = await json<Detail>(yClerk.call('GET', `/api/v1/documents/${atY.id}`));
      const f = d.files.find((x) => x.mediaType === 'application/pdf');
      return f?.signature ? f : null;
    });
    expect(received.signature, JSON.stringify(received.signature)).toMatchObject({ status: 'valid' });
    expect(received.signature!.signers.map((s) => s.name)).toContain(X.staff.leader.fullName);
  }, 180_000);
});

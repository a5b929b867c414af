// `npm run bench -- exchange`: documents released from one installation to recipients spread over three
// installations (the sender's own agencies, and agencies served by two peer installations), each a
// `lienthong serve` process with its own embedded database on a loopback port. Measures the time from
// the first release until every recipient has registered the document as arrived (status 01 back at
// the sender for the peers' recipients), documents/s, and counts lost and duplicated documents by
// comparing, after the run, every recipient's incoming documents and every file's SHA-256.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { openDatabase } from '../src/server/db/client.ts';
import {
  makeDecree30Pdf,
  SAMPLE_CONG_VAN,
} from '../src/server/modules/documents/extract/testing/make-docs.ts';
import { documentFiles, documents } from '../src/server/modules/documents/schema.ts';
import { exchangePeers } from '../src/server/modules/exchange/schema.ts';
import { saveBlob } from '../src/server/platform/blobs/index.ts';
import { DiskBlobStore } from '../src/server/platform/blobs/store.ts';
import { makeAgencyWithStaff, makePerson, PASSWORD } from '../test/helpers/factories.ts';
import { freePort, remoteSignIn } from '../test/helpers/process.ts';
import { backendPids, cpuMeter, pct, waitForQuiet } from './cpu.ts';
import { freshDatabase, machine, type Result, request, startProcess } from './lib.ts';

const N = Number(process.env.BENCH_EXCHANGE_DOCS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_EXCHANGE_CONCURRENCY ?? 8);
/** Sending agencies at X: one agency's releases are serialised by its register (numbering). */
const SENDERS = Number(process.env.BENCH_EXCHANGE_SENDERS ?? 4);
const TARGET_DOCS_PER_S = 200;
const SECRET = 'bench-exchange-shared-secret';

/** postgres (default): each installation its own database on the bench server; pglite: each embedded. */
const ENGINE = process.env.BENCH_EXCHANGE_ENGINE === 'pglite' ? 'pglite' : 'postgres';
const QUIET_WAIT = Number(process.env.BENCH_QUIET_WAIT ?? 30);
/**
 * The documents' files: small PDFs without a text layer (as scans are; the default), or, with
 * BENCH_EXCHANGE_TEXT_PDF=1, one-page Decree 30 PDFs with text, which each recipient reads for search.
 */
const TEXT_PDF = process.env.BENCH_EXCHANGE_TEXT_PDF === '1';

interface Site {
  databaseUrl?: string;
  name: string;
  dir: string;
  port: number;
  url: string;
  child: ChildProcess | null;
  agencies: Awaited<ReturnType<typeof makeAgencyWithStaff>>[];
}

const open = (s: { dir: string; databaseUrl?: string }) =>
  s.databaseUrl
    ? openDatabase({ databaseUrl: s.databaseUrl })
    : openDatabase({ pgliteDir: path.join(s.dir, 'pg') });

async function dropDatabase(url: string) {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

const log = (m: string) => process.stderr.write(`[exchange] ${m}\n`);

export async function benchExchange(): Promise<Result> {
  const sites: Site[] = [];
  let adminName = '';
  try {
    // 1. Three databases: X has SENDERS sending agencies and a local recipient, Y and Z one agency each.
    for (const [name, count] of [
      ['X', SENDERS + 1],
      ['Y', 1],
      ['Z', 1],
    ] as const) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lt-bench-ex-${name}-`));
      const databaseUrl =
        ENGINE === 'postgres'
          ? await freshDatabase(`lienthong_bench_exchange_${name.toLowerCase()}`)
          : undefined;
      const db = await open({ dir, databaseUrl });
      await db.migrate();
      const agencies = [];
      for (let i = 0; i < count; i++) agencies.push(await makeAgencyWithStaff(db.db));
      if (name === 'X')
        adminName = (await makePerson(db.db, { agencyId: agencies[0]!.agency.id, role: 'system_admin' }))
          .username;
      await db.close();
      sites.push({ name, dir, databaseUrl, port: await freePort(), url: '', child: null, agencies });
    }
    const [X, Y, Z] = sites as [Site, Site, Site];
    const senders = X.agencies.slice(0, SENDERS);
    const local = X.agencies[SENDERS]!;
    const recipients = [
      { kind: 'agency', agencyId: local.agency.id, name: local.agency.name, site: X },
      { kind: 'outside', name: 'Cơ quan tỉnh Y', agencyCode: Y.agencies[0]!.agency.agencyCode!, site: Y },
      { kind: 'outside', name: 'Cơ quan tỉnh Z', agencyCode: Z.agencies[0]!.agency.agencyCode!, site: Z },
    ];
    for (const s of sites) {
      const db = await open(s);
      for (const o of sites.filter((x) => x !== s))
        await db.db.insert(exchangePeers).values({
          name: `Tỉnh ${o.name}`,
          baseUrl: `http://127.0.0.1:${o.port}`,
          agencyCodes: o.agencies.map((a) => a.agency.agencyCode!),
          secret: SECRET,
        });
      await db.close();
    }

    // 2. N signed documents at X, each with its own file, one recipient each (round robin).
    log(`preparing ${N} signed documents`);
    const expected = new Map<string, { sha: string; site: string }>();
    {
      const db = await open(X);
      const blobs = new DiskBlobStore(path.join(X.dir, 'blobs'));
      for (let i = 0; i < N; i += 500) {
        const docs: (typeof documents.$inferInsert)[] = [];
        const files: { sha256: string; size: number; mediaType: string }[] = [];
        for (let k = i; k < Math.min(N, i + 500); k++) {
          const r = recipients[k % recipients.length]!;
          const sender = senders[Math.floor(k / recipients.length) % senders.length]!;
          const summary = `Văn bản đo hiệu năng liên thông số ${k + 1}`;
          const bytes = TEXT_PDF
            ? await makeDecree30Pdf({
                ...SAMPLE_CONG_VAN,
                number: k + 1,
                summary: `${SAMPLE_CONG_VAN.summary} (${k + 1})`,
              })
            : Buffer.from(
                `%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% bench ${k} ${'x'.repeat(2000)}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
              );
          const blob = await saveBlob(db.db, blobs, Readable.from([bytes]), {
            declaredType: 'application/pdf',
            maxBytes: 1e7,
          });
          expected.set(summary, { sha: blob.sha256, site: r.site.name });
          const { site: _s, ...recipient } = r;
          docs.push({
            agencyId: sender.agency.id,
            direction: 'outgoing',
            status: 'signed',
            typeCode: 'cong_van',
            summary,
            recipients: [recipient],
            drafterId: sender.officer.id,
            signedById: sender.leader.id,
            signerName: sender.leader.fullName,
            signerTitle: 'Giám đốc',
            signedAt: new Date(),
          });
          files.push({ sha256: blob.sha256, size: blob.size, mediaType: blob.mediaType });
        }
        const rows = await db.db.insert(documents).values(docs).returning({ id: documents.id });
        await db.db.insert(documentFiles).values(
          rows.map((row, j) => ({
            documentId: row.id,
            fileName: 'van-ban.pdf',
            role: 'main',
            ...files[j]!,
          })),
        );
      }
      await db.close();
    }

    // 3. Start the three installations.
    log('starting three installations');
    await Promise.all(
      sites.map(async (s) => {
        const p = await startProcess(
          ['bin/lienthong.js', 'serve'],
          {
            DATA_DIR: s.dir,
            PORT: String(s.port),
            HOST: '127.0.0.1',
            DEMO: 'off',
            LOG_LEVEL: 'error',
            ...(s.databaseUrl ? { DATABASE_URL: s.databaseUrl, DATABASE_POOL_SIZE: '10' } : {}),
          },
          /(http:\/\/127\.0\.0\.1:\d+)/,
        );
        s.child = p.child;
        s.url = p.match[1]!;
      }),
    );
    const admin = await remoteSignIn(X.url, adminName, PASSWORD);

    // 4. Release them all (CONCURRENCY clients over the senders' clerks), then wait until every
    // delivery has arrived.
    const list: { clerk: Awaited<ReturnType<typeof remoteSignIn>>; id: string }[] = [];
    for (const sender of senders) {
      const clerk = await remoteSignIn(X.url, sender.clerk.username, PASSWORD);
      let cursor: string | null = null;
      const mine: string[] = [];
      do {
        const page = (await (
          await clerk.call(
            'GET',
            `/api/v1/documents?box=to_release&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
          )
        ).json()) as { items: { id: string }[]; nextCursor: string | null };
        mine.push(...page.items.map((x) => x.id));
        cursor = page.nextCursor;
      } while (cursor);
      mine.forEach((id, i) => {
        list[i * senders.length + senders.indexOf(sender)] = { clerk, id };
      });
    }
    for (let i = list.length - 1; i >= 0; i--) if (!list[i]) list.splice(i, 1);
    log(`releasing ${list.length} documents`);
    if (QUIET_WAIT > 0) await waitForQuiet(QUIET_WAIT);
    // CPU per installation (its Node process; with PostgreSQL, its database's backends counted apart).
    const monitor =
      ENGINE === 'postgres'
        ? new pg.Client({
            connectionString:
              process.env.BENCH_DATABASE_URL ??
              process.env.TEST_DATABASE_URL ??
              'postgres://postgres@127.0.0.1:5432/postgres',
          })
        : null;
    await monitor?.connect();
    const dbNames = sites.map((x) => new URL(x.databaseUrl ?? 'postgres://x/none').pathname.slice(1));
    const stopMeter = await cpuMeter(async () => ({
      ...Object.fromEntries(sites.map((x) => [x.name, x.child?.pid ? [x.child.pid] : []])),
      client: [process.pid],
      db: monitor ? await backendPids(async (t, p) => (await monitor.query(t, p)).rows, dbNames) : [],
    }));
    const started = Date.now();
    let next = 0;
    let failures = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < list.length) {
          const { clerk, id } = list[next++]!;
          const res = await request(
            X.url,
            'POST',
            `/api/v1/documents/${id}/release`,
            { cookie: clerk.cookie, 'x-csrf-token': clerk.csrfToken },
            {},
          );
          if (res.status !== 200) {
            failures++;
            log(`release failed ${res.status} ${res.text}`);
          }
        }
      }),
    );
    const releasedMs = Date.now() - started;
    log(`released in ${(releasedMs / 1000).toFixed(1)} s; waiting for arrivals`);
    const peerTarget = { Y: 0, Z: 0 } as Record<string, number>;
    for (const v of expected.values()) if (v.site !== 'X') peerTarget[v.site] = (peerTarget[v.site] ?? 0) + 1;
    // Internal deliveries exist once release answers; a peer's recipient has arrived when its status 01
    // is back at X (the peers screen counts accepted statuses per peer).
    const deadline = Date.now() + Math.max(600_000, N * 200);
    let arrivedMs = 0;
    for (;;) {
      const outDb = await countArrived(admin, peerTarget);
      if (outDb >= N) {
        arrivedMs = Date.now() - started;
        break;
      }
      if (Date.now() > deadline) throw new Error(`only ${outDb} of ${N} arrived before the deadline`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    log(`all arrived after ${(arrivedMs / 1000).toFixed(1)} s`);
    const cpu = await stopMeter();
    await monitor?.end();
    const perDoc = (name: string) => `${(((cpu.groups[name] ?? 0) * 1000) / N).toFixed(2)}`;

    // 5. Stop everything and compare what each recipient holds.
    for (const s of sites) {
      s.child!.kill('SIGTERM');
      await new Promise((r) => s.child!.once('exit', r));
      s.child = null;
    }
    let lost = 0;
    let duplicated = 0;
    let badHash = 0;
    for (const s of sites) {
      const d = await open(s);
      const rows = await d.query<{ summary: string; n: number; hashes: string[] }>(
        `SELECT d.summary, count(DISTINCT d.id)::int AS n, array_agg(f.sha256) AS hashes
           FROM documents d JOIN document_files f ON f.document_id = d.id
          WHERE d.direction = 'incoming' AND d.summary LIKE 'Văn bản đo hiệu năng liên thông số %'
          GROUP BY d.summary`,
      );
      await d.close();
      const got = new Map(rows.map((r) => [r.summary, r]));
      for (const [summary, e] of expected) {
        if (e.site !== s.name) continue;
        const r = got.get(summary);
        if (!r) lost++;
        else {
          if (r.n > 1) duplicated += r.n - 1;
          if (r.hashes.some((h) => h !== e.sha)) badHash++;
        }
      }
    }
    const perSecond = N / (arrivedMs / 1000);
    const met =
      perSecond >= TARGET_DOCS_PER_S && lost === 0 && duplicated === 0 && badHash === 0 && failures === 0;
    return {
      title: `Exchange: ${N} documents from one installation to three (edXML, signed, durable queue)`,
      machine: machine(),
      header: ['figure', 'value', 'target'],
      rows: [
        ['documents released', String(N - failures), String(N)],
        [
          'recipients: same installation / peer Y / peer Z',
          `${N - (peerTarget.Y ?? 0) - (peerTarget.Z ?? 0)} / ${peerTarget.Y} / ${peerTarget.Z}`,
          '',
        ],
        ['release calls (s)', (releasedMs / 1000).toFixed(1), ''],
        ['until every one arrived (s)', (arrivedMs / 1000).toFixed(1), ''],
        ['documents/s end to end', perSecond.toFixed(1), `≥ ${TARGET_DOCS_PER_S}`],
        ['lost', String(lost), '0'],
        ['duplicated', String(duplicated), '0'],
        ['file SHA-256 mismatches', String(badHash), '0'],
        [
          'CPU ms per document: X · Y · Z · databases · load client',
          `${perDoc('X')} · ${perDoc('Y')} · ${perDoc('Z')} · ${ENGINE === 'postgres' ? perDoc('db') : 'in X/Y/Z'} · ${perDoc('client')}`,
          '',
        ],
        ['CPUs busy / other work during the run', `${pct(cpu.machineBusy)} / ${pct(cpu.foreignShare)}`, ''],
      ],
      verdict: met ? 'MET' : 'NOT MET',
      notes: [
        `Files: ${TEXT_PDF ? 'one-page Decree 30 PDFs with text (BENCH_EXCHANGE_TEXT_PDF=1), read by each recipient for search' : '2 KB PDFs without a text layer, as scans are (BENCH_EXCHANGE_TEXT_PDF=1: PDFs with text)'}.`,
        `Three \`lienthong serve\` processes, each with its own ${ENGINE === 'postgres' ? 'PostgreSQL database (the default)' : 'embedded PGlite database (BENCH_EXCHANGE_ENGINE=pglite)'}, on 127.0.0.1; ${SENDERS} sending agencies (BENCH_EXCHANGE_SENDERS), ${CONCURRENCY} concurrent release clients (BENCH_EXCHANGE_CONCURRENCY).`,
        'Arrived = the recipient holds the incoming document; for peers, the sender has received its status 01. Lost/duplicated and SHA-256 are counted from the recipients’ databases after the run.',
      ],
    };
  } finally {
    for (const s of sites) {
      if (s.child) {
        s.child.kill('SIGKILL');
        await new Promise((r) => s.child!.once('exit', r));
      }
      fs.rmSync(s.dir, { recursive: true, force: true });
      if (s.databaseUrl && !process.env.BENCH_KEEP_DB) await dropDatabase(s.databaseUrl).catch(() => {});
    }
  }
}

/** Documents arrived: every internal one (delivered at release) plus statuses 01 received from peers. */
async function countArrived(
  admin: Awaited<ReturnType<typeof remoteSignIn>>,
  peerTarget: Record<string, number>,
): Promise<number> {
  const res = await admin.call('GET', '/api/v1/exchange/peers?limit=10');
  if (res.status !== 200) throw new Error(`peers ${res.status} ${await res.text()}`);
  const { items } = (await res.json()) as { items: { name: string; inbox: Record<string, number> }[] };
  const internal = N - (peerTarget.Y ?? 0) - (peerTarget.Z ?? 0);
  return (
    internal +
    items.reduce((n, p) => n + Math.min(p.inbox.accepted ?? 0, peerTarget[p.name.slice(-1)] ?? 0), 0)
  );
}

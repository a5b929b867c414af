import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { saveBlobs } from '../../platform/blobs/index.ts';
import type { BlobStore } from '../../platform/blobs/store.ts';
import { AppError } from '../../platform/http/errors.ts';
import { defineJob, enqueue, enqueueMany, type JobRow } from '../../platform/jobs/index.ts';
import { currentFiles, findDeliveries, findDocuments } from '../documents/index.ts';
import { buildEdoc } from './edxml/index.ts';
import { type Signer, signerFor } from './keys.ts';
import { edocsFromDocuments } from './mapping.ts';
import { getPeer } from './peers.ts';
import { exchangeOutbox, exchangePeers } from './schema.ts';
import { sha256Hex } from './signature.ts';
import { type SendResult, sendToPeer } from './transport.ts';

/**
 * Durable, ordered, exactly-once delivery to peers.
 *
 * A package is queued inside the transaction that causes it: an outbox row and an `exchange.flush`
 * job for its peer. A flush sends every waiting row of that peer oldest first, in batches (one signed
 * request carries up to BATCH packages to a Liên Thông peer, which handles them in order), signed
 * with the peer's shared secret or this installation's key (keys.ts). A peer that is down fails the job, which the job runner retries with
 * exponential backoff; each attempt resends only what is not yet delivered. The receiver is
 * idempotent on (sender, DocumentId, addressee, business, trace time), so a package whose answer was
 * lost and is sent again is acknowledged without a second copy: delivered exactly once.
 */

export const FLUSH_JOB = 'exchange.flush';
/** Packages read (and built) per round of a flush: one batch request to a peer that takes batches. */
const BATCH = 100;

export interface QueueInput {
  peerId: string;
  kind: 'edoc' | 'status';
  business: string;
  documentId: string | null;
  deliveryId?: string | null;
  docKey: string;
  toCode: string;
  subject: string;
  xml: string;
}

/** Stores the package and queues it for the peer (call inside the caller's transaction). */
export async function queuePackage(db: Db, blobs: BlobStore, maxBytes: number, q: QueueInput) {
  const [row] = await queuePackages(db, blobs, maxBytes, [q]);
  return row!;
}

/**
 * Queues many packages: small ones inside their outbox rows, bigger ones stored in the blob store
 * first (one statement for their rows); one statement for the outbox rows and one for their jobs.
 */
export async function queuePackages(db: Db, blobs: BlobStore, maxBytes: number, list: QueueInput[]) {
  if (list.length === 0) return [];
  const bytes = list.map((q) => Buffer.from(q.xml, 'utf8'));
  const big = bytes.flatMap((b, i) => (b.length > INLINE_MAX ? [i] : []));
  const stored = await saveBlobs(
    db,
    blobs,
    big.map((i) => ({
      bytes: bytes[i]!,
      declaredType: 'application/xml',
      maxBytes: Math.max(maxBytes, bytes[i]!.length),
    })),
  );
  const blobOf = new Map(big.map((i, k) => [i, stored[k]!]));
  return insertQueued(
    db,
    list.map((q, i) => {
      const blob = blobOf.get(i);
      if (blob instanceof AppError) throw blob;
      return {
        peerId: q.peerId,
        kind: q.kind,
        business: q.business,
        documentId: q.documentId,
        deliveryId: q.deliveryId ?? null,
        docKey: q.docKey,
        toCode: q.toCode,
        subject: q.subject.slice(0, 500),
        packageSha256: blob?.sha256 ?? sha256Hex(bytes[i]!),
        packageSize: bytes[i]!.length,
        body: blob ? null : bytes[i]!,
      };
    }),
  );
}

/** The outbox rows and their flush jobs, in the caller's transaction. */
async function insertQueued(db: Db, values: (typeof exchangeOutbox.$inferInsert)[]) {
  const inserted = await db.insert(exchangeOutbox).values(values).returning();
  await enqueueMany(db, flushJob, inserted.map(flushJobFor));
  return inserted;
}

/**
 * The flush job of one queued row. One job per row; the runner hands a peer's due jobs to one flush,
 * which sends everything waiting.
 */
export function flushJobFor(row: { id: string; peerId: string }) {
  return {
    payload: { peerId: row.peerId },
    opts: { dedupeKey: `${FLUSH_JOB}:${row.id}`, maxAttempts: 1000 },
  };
}

type OutboxRow = typeof exchangeOutbox.$inferSelect;

/** Every column of the outbox but the package bytes: for lists and lookups that do not send. */
export const { body: _body, ...outboxColumns } = getTableColumns(exchangeOutbox);

/** Packages up to this size are kept in their outbox row; bigger ones in the blob store. */
const INLINE_MAX = 1024 * 1024;

/**
 * The bytes of queued packages. A release queues its package without building it (service.ts,
 * queueReleasedSql): the release transaction holds the agency's register counter until it commits,
 * and building the package there (reading the files, base64, XML, storing it) kept every other
 * release of the agency waiting. The flush builds it from the released document (which cannot change
 * but by a recall or an update, queued after it) and stores it before sending it the first time, so
 * a resend is byte-identical. Releases' packages not built yet are built together (a fixed number
 * of queries for the batch) and stored before their first sending. A package that cannot be built
 * (its document or files gone) is an error for its row alone: retrying cannot help.
 */
async function packagesOf(db: Db, blobs: BlobStore, batch: OutboxRow[]): Promise<(Buffer | AppError)[]> {
  const toBuild = batch.filter((r) => !r.packageSha256);
  const built = new Map<string, Buffer | AppError>();
  if (toBuild.length) {
    const docs = await findDocuments(
      db,
      toBuild.map((r) => r.documentId!),
    );
    const deliveries = await findDeliveries(
      db,
      toBuild.map((r) => r.deliveryId).filter((x): x is string => !!x),
    );
    const present = toBuild.filter((r) => docs.has(r.documentId!));
    for (const r of toBuild)
      if (!present.includes(r)) built.set(r.id, new AppError('not_found', 'Văn bản của gói tin không còn.'));
    const edocs = await edocsFromDocuments(
      db,
      blobs,
      present.map((row) => ({
        doc: docs.get(row.documentId!)!,
        opts: {
          business: 'new' as const,
          to: [
            {
              organId: row.toCode,
              organName: (row.deliveryId && deliveries.get(row.deliveryId)?.recipientName) || row.toCode,
            },
          ],
          staff: row.staff ?? undefined,
          now: row.createdAt,
        },
      })),
    );
    const ready = present
      .map((row, i) => ({ row, edoc: edocs[i]! }))
      .filter(({ row, edoc }) => {
        if (edoc instanceof AppError) built.set(row.id, edoc);
        return !(edoc instanceof AppError);
      })
      .map(({ row, edoc }) => ({
        row,
        bytes: Buffer.from(buildEdoc(edoc as Exclude<typeof edoc, AppError>), 'utf8'),
      }));
    const big = ready.filter((r) => r.bytes.length > INLINE_MAX);
    const stored = await saveBlobs(
      db,
      blobs,
      big.map((r) => ({ bytes: r.bytes, declaredType: 'application/xml', maxBytes: r.bytes.length })),
    );
    const ids: string[] = [];
    const shas: string[] = [];
    const sizes: number[] = [];
    const inline: (Buffer | null)[] = [];
    for (const { row, bytes } of ready) {
      const k = big.findIndex((b) => b.row === row);
      const blob = k >= 0 ? stored[k]! : null;
      if (blob instanceof AppError) {
        built.set(row.id, blob);
        continue;
      }
      built.set(row.id, bytes);
      ids.push(row.id);
      shas.push(blob?.sha256 ?? sha256Hex(bytes));
      sizes.push(bytes.length);
      inline.push(blob ? null : bytes);
    }
    if (ids.length)
      await db.execute(sql`UPDATE exchange_outbox o SET package_sha256 = v.sha, package_size = v.size, body = v.body
          FROM (SELECT unnest(${sql.param(ids)}::uuid[]) AS id, unnest(${sql.param(shas)}::text[]) AS sha,
                       unnest(${sql.param(sizes)}::bigint[]) AS size, unnest(${sql.param(inline)}::bytea[]) AS body) v
         WHERE o.id = v.id`);
  }
  const out: (Buffer | AppError)[] = [];
  for (const r of batch) out.push(r.body ?? (built.get(r.id) || (await blobs.read(r.packageSha256!))));
  return out;
}

/** Sends a new flush for a peer now (after it came back, or an administrator's retry). */
export async function requestFlush(db: Db, peerId: string, reason: string) {
  const [p] = await db
    .update(exchangePeers)
    .set({ flushGen: sql`${exchangePeers.flushGen} + 1` })
    .where(eq(exchangePeers.id, peerId))
    .returning({ gen: exchangePeers.flushGen });
  if (!p) return;
  await enqueue(
    db,
    flushJob,
    { peerId, reason },
    { dedupeKey: `${FLUSH_JOB}:${peerId}:retry:${p.gen}`, maxAttempts: 1000 },
  );
}

/** Records what each row's sending gave, in one statement. */
async function recordResults(db: Db, list: { row: OutboxRow; r: SendResult }[]) {
  if (list.length === 0) return;
  const state = ({ r }: { r: SendResult }) => (r.ok ? 'delivered' : r.final ? 'refused' : 'failed');
  await db.execute(sql`UPDATE exchange_outbox o
       SET state = v.state, last_error = v.err, last_attempt_at = now(), attempts = o.attempts + 1,
           delivered_at = CASE WHEN v.state = 'delivered' THEN now() ELSE o.delivered_at END
      FROM (SELECT unnest(${sql.param(list.map((x) => x.row.id))}::uuid[]) AS id,
                   unnest(${sql.param(list.map(state))}::text[]) AS state,
                   unnest(${sql.param(list.map((x) => (x.r.ok ? null : (x.r.reason ?? null))))}::text[]) AS err) v
     WHERE o.id = v.id`);
}

/** A round of a flush holds at most this much of packages (and files to build them from) in memory. */
const ROUND_BYTES = 32 * 1024 * 1024;

/**
 * The first rows of a batch whose packages fit ROUND_BYTES (always at least one): built packages by
 * their size, a release's package not built yet by its current files' size in base64. A hundred
 * documents of 50 MB would otherwise be read into memory at once.
 */
async function withinMemory(db: Db, batch: OutboxRow[]): Promise<OutboxRow[]> {
  const unbuilt = batch.filter((r) => !r.packageSha256 && r.documentId).map((r) => r.documentId!);
  const files = new Map(
    [...(await currentFiles(db, unbuilt))].map(([id, list]) => [id, list.reduce((n, f) => n + f.size, 0)]),
  );
  let total = 0;
  const out: OutboxRow[] = [];
  for (const r of batch) {
    total += r.packageSize ?? Math.ceil(((r.documentId && files.get(r.documentId)) || 0) * 1.34) + 8192;
    if (out.length > 0 && total > ROUND_BYTES) break;
    out.push(r);
  }
  return out;
}

/** One flush per peer at a time in this process, so a peer's packages leave in order. */
const flushing = new Map<string, Promise<unknown>>();

/** Sends what waits for one peer; throws (so the job retries later) when the peer could not be reached. */
export async function flushPeer(
  db: Db,
  blobs: BlobStore,
  signer: Signer,
  peerId: string,
): Promise<{ sent: number }> {
  const before = flushing.get(peerId) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(() => flushNow(db, blobs, signer, peerId));
  flushing.set(peerId, mine);
  try {
    return await mine;
  } finally {
    if (flushing.get(peerId) === mine) flushing.delete(peerId);
  }
}

async function flushNow(db: Db, blobs: BlobStore, signer: Signer, peerId: string): Promise<{ sent: number }> {
  const peer = await getPeer(db, peerId);
  if (peer.status !== 'active') return { sent: 0 };
  let sent = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(exchangeOutbox)
      .where(and(eq(exchangeOutbox.peerId, peerId), inArray(exchangeOutbox.state, ['pending', 'failed'])))
      .orderBy(asc(exchangeOutbox.createdAt), asc(exchangeOutbox.id))
      .limit(BATCH);
    if (batch.length === 0) return { sent };
    const round = await withinMemory(db, batch);
    const bodies = await packagesOf(db, blobs, round);
    const results = await sendToPeer(
      peer,
      signer,
      round.map((row, i) => ({ key: row.docKey, body: bodies[i]! })),
    );
    const done = round.flatMap((row, i) => (results[i] ? [{ row, r: results[i]! }] : []));
    await recordResults(db, done);
    sent += done.filter((d) => d.r.ok).length;
    const transient = done.find((d) => !d.r.ok && !d.r.final);
    if (transient) throw new Error(`Gửi tới ${peer.name} chưa được: ${transient.r.reason ?? 'lỗi tạm thời'}`);
    if (round.length === batch.length && batch.length < BATCH) return { sent };
  }
}

/** What a flush job carries: the peer to flush, and why (an administrator's retry, a peer back). */
const flushPayload = z.object({ peerId: z.uuid(), reason: z.string().optional() });

export const flushJob = defineJob(FLUSH_JOB, flushPayload, ({ blobs, config }) => {
  const signer = signerFor(config);
  return {
    transactional: false,
    // A burst of releases gives one job per package; the runner hands them over together and each
    // peer is flushed once, the peers side by side. When a peer cannot be reached one of its jobs (the
    // one with the fewest attempts, so the shortest backoff) stays to retry the flush; the others are
    // done, since that flush sends everything waiting.
    batch: {
      max: 500,
      run: async ({ db, jobs }) => {
        const byPeer = new Map<string, JobRow<z.output<typeof flushPayload>>[]>();
        for (const j of jobs) {
          const p = j.payload.peerId;
          byPeer.set(p, [...(byPeer.get(p) ?? []), j]);
        }
        const failed = new Map<number, Error>();
        await Promise.all(
          [...byPeer].map(async ([peerId, list]) => {
            try {
              await flushPeer(db, blobs, signer, peerId);
            } catch (e) {
              const keep = list.reduce((a, b) => (b.attempts < a.attempts ? b : a));
              failed.set(keep.id, e as Error);
            }
          }),
        );
        return failed;
      },
    },
  };
});

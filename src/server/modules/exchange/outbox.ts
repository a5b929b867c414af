import { Readable } from 'node:stream';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { saveBlob } from '../../platform/blobs/index.ts';
import type { BlobStore } from '../../platform/blobs/store.ts';
import { AppError } from '../../platform/http/errors.ts';
import { enqueue, type JobHandler } from '../../platform/jobs/index.ts';
import { deliveries, documents } from '../documents/index.ts';
import { buildEdoc } from './edxml/index.ts';
import { edocFromDocument, readBlob } from './mapping.ts';
import { getPeer, type PeerRow } from './peers.ts';
import { exchangeOutbox, exchangePeers } from './schema.ts';
import { HEADER_FROM, HEADER_SIGNATURE, HEADER_TIMESTAMP, sign } from './signature.ts';

/**
 * Durable, ordered, exactly-once delivery to peers.
 *
 * A package is built and stored (blob store, by hash) inside the transaction that causes it, with an
 * outbox row and an `exchange.flush` job for its peer. The flush job sends every waiting row of that
 * peer oldest first (rows of one document strictly in order, different documents concurrently),
 * signed with the peer's secret. A peer that is down fails the job, which the job runner retries
 * with exponential backoff; each attempt resends only what is not yet delivered. The receiver is
 * idempotent on (sender, DocumentId, addressee, business, trace time), so a package whose answer was
 * lost and is sent again is acknowledged without a second copy: delivered exactly once.
 */

export const FLUSH_JOB = 'exchange.flush';
const CONCURRENCY = 8;
const BATCH = 200;
const TIMEOUT_MS = 60_000;

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
  const bytes = Buffer.from(q.xml, 'utf8');
  const blob = await saveBlob(db, blobs, Readable.from([bytes]), {
    declaredType: 'application/xml',
    maxBytes: Math.max(maxBytes, bytes.length),
  });
  return insertQueued(db, {
    peerId: q.peerId,
    kind: q.kind,
    business: q.business,
    documentId: q.documentId,
    deliveryId: q.deliveryId ?? null,
    docKey: q.docKey,
    toCode: q.toCode,
    subject: q.subject.slice(0, 500),
    packageSha256: blob.sha256,
    packageSize: bytes.length,
  });
}

/** The outbox row and its flush job, in the caller's transaction. */
async function insertQueued(db: Db, values: typeof exchangeOutbox.$inferInsert) {
  const [row] = await db.insert(exchangeOutbox).values(values).returning();
  // One job per row; whichever runs first sends everything waiting, the others find nothing left.
  await enqueue(
    db,
    FLUSH_JOB,
    { peerId: values.peerId },
    { dedupeKey: `${FLUSH_JOB}:${row!.id}`, maxAttempts: 1000 },
  );
  return row!;
}

/**
 * Queues the 'new' package of a document being released, without building it: the release
 * transaction holds the agency's register counter until it commits, and building the package there
 * (reading the files, base64, XML, storing it) kept every other release of the agency waiting. The
 * flush builds it from the released document (which cannot change but by a recall or an update,
 * queued after it) and stores it before sending it the first time, so a resend is byte-identical.
 */
export async function queueDocument(
  db: Db,
  q: Omit<QueueInput, 'kind' | 'business' | 'xml'> & { staff: string },
) {
  return insertQueued(db, {
    peerId: q.peerId,
    kind: 'edoc',
    business: 'new',
    documentId: q.documentId,
    deliveryId: q.deliveryId ?? null,
    docKey: q.docKey,
    toCode: q.toCode,
    subject: q.subject.slice(0, 500),
    staff: q.staff,
  });
}

/** The bytes of a queued package, building and storing a release's package on its first sending. */
async function packageOf(db: Db, blobs: BlobStore, row: OutboxRow): Promise<Buffer> {
  if (row.packageSha256) return readBlob(blobs, row.packageSha256);
  const [doc] = await db.select().from(documents).where(eq(documents.id, row.documentId!));
  const [delivery] = row.deliveryId
    ? await db.select().from(deliveries).where(eq(deliveries.id, row.deliveryId))
    : [];
  const edoc = await edocFromDocument(db, blobs, doc!, {
    business: 'new',
    to: [{ organId: row.toCode, organName: delivery?.recipientName ?? row.toCode }],
    staff: row.staff ?? undefined,
    now: row.createdAt,
  });
  const bytes = Buffer.from(buildEdoc(edoc), 'utf8');
  const blob = await saveBlob(db, blobs, Readable.from([bytes]), {
    declaredType: 'application/xml',
    maxBytes: bytes.length,
  });
  await db
    .update(exchangeOutbox)
    .set({ packageSha256: blob.sha256, packageSize: bytes.length })
    .where(eq(exchangeOutbox.id, row.id));
  return bytes;
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
    FLUSH_JOB,
    { peerId, reason },
    { dedupeKey: `${FLUSH_JOB}:${peerId}:retry:${p.gen}`, maxAttempts: 1000 },
  );
}

type OutboxRow = typeof exchangeOutbox.$inferSelect;

interface SendResult {
  ok: boolean;
  /** A refusal the peer gave deliberately (4xx): retrying the same bytes cannot help. */
  final: boolean;
  reason?: string;
}

async function post(peer: PeerRow, senderCode: string, body: Buffer): Promise<SendResult> {
  const ts = Date.now();
  try {
    const res = await fetch(`${peer.baseUrl}/api/v1/exchange/inbox`, {
      method: 'POST',
      headers: {
        'content-type': 'application/xml',
        [HEADER_FROM]: senderCode,
        [HEADER_TIMESTAMP]: String(ts),
        [HEADER_SIGNATURE]: sign(peer.secret, ts, body),
      },
      body: new Uint8Array(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await res.text();
    if (res.ok) return { ok: true, final: true };
    let detail = text.slice(0, 500);
    try {
      detail = (JSON.parse(text) as { detail?: string }).detail ?? detail;
    } catch {}
    const final = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
    return { ok: false, final, reason: `HTTP ${res.status}: ${detail}` };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    return {
      ok: false,
      final: false,
      reason: `Không kết nối được: ${err.cause?.code ?? err.cause?.message ?? err.message}`,
    };
  }
}

/** The sending agency code of a package: the From of an edoc, or of a status. */
function senderOf(xml: Buffer): string {
  const m = /<(?:\w+:)?From>\s*<(?:\w+:)?OrganId>([^<]+)</.exec(
    xml.toString('utf8', 0, Math.min(xml.length, 64_000)),
  );
  return m?.[1]?.trim() ?? '';
}

/** Sends what waits for one peer; throws (so the job retries later) when the peer could not be reached. */
export async function flushPeer(db: Db, blobs: BlobStore, peerId: string): Promise<{ sent: number }> {
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
    // Rows of one document go in order; different documents go side by side.
    const groups = new Map<string, OutboxRow[]>();
    for (const r of batch) groups.set(r.docKey, [...(groups.get(r.docKey) ?? []), r]);
    const queue = [...groups.values()];
    let transient: string | null = null;
    const worker = async () => {
      for (let g = queue.shift(); g; g = queue.shift()) {
        for (const row of g) {
          if (transient) return;
          let r: SendResult;
          try {
            const body = await packageOf(db, blobs, row);
            r = await post(peer, senderOf(body), body);
          } catch (e) {
            // A package that cannot be built (its document or files gone) cannot be sent by retrying.
            if (!(e instanceof AppError)) throw e;
            r = { ok: false, final: true, reason: e.detail };
          }
          const now = new Date();
          if (r.ok) {
            await db
              .update(exchangeOutbox)
              .set({
                state: 'delivered',
                deliveredAt: now,
                lastAttemptAt: now,
                attempts: row.attempts + 1,
                lastError: null,
              })
              .where(eq(exchangeOutbox.id, row.id));
            sent++;
          } else {
            await db
              .update(exchangeOutbox)
              .set({
                state: r.final ? 'refused' : 'failed',
                lastError: r.reason ?? null,
                lastAttemptAt: now,
                attempts: row.attempts + 1,
              })
              .where(eq(exchangeOutbox.id, row.id));
            if (!r.final) {
              transient = r.reason ?? 'lỗi tạm thời';
              return;
            }
          }
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    if (transient) throw new Error(`Gửi tới ${peer.name} chưa được: ${transient}`);
    if (batch.length < BATCH) return { sent };
  }
}

export function flushJob(blobs: BlobStore): JobHandler {
  return {
    transactional: false,
    run: async ({ db, job }) => {
      await flushPeer(db, blobs, String(job.payload.peerId));
    },
  };
}

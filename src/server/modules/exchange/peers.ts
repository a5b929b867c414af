import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { PeerInput } from '../../../shared/schemas/exchange.ts';
import type { Db } from '../../db/client.ts';
import { audit } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { activeAgenciesByCode } from '../agencies/index.ts';
import { fingerprintOf, peerPublicKey, verifyFromPeer } from './keys.ts';
import { exchangePeers } from './schema.ts';
import { HEADER_FROM, HEADER_SIGNATURE, HEADER_TIMESTAMP } from './signature.ts';

export type PeerRow = typeof exchangePeers.$inferSelect;

export type { PeerInput };

/** How a peer's requests are verified, and its key's fingerprint when by key. */
function authOf(p: PeerRow) {
  return p.publicKey
    ? { auth: 'key' as const, keyFingerprint: fingerprintOf(peerPublicKey(p.publicKey)) }
    : { auth: 'secret' as const, keyFingerprint: null };
}

/** Secret or key, not both; a key is checked now, so a typo is refused at registration. */
function credentials(input: PeerInput, required: boolean) {
  if (input.secret && input.publicKey)
    throw new AppError(
      'validation_failed',
      'Chọn một cách xác thực: khóa bí mật dùng chung hoặc khóa công khai.',
      {
        fields: [{ path: 'publicKey', message: 'Không nhập cả hai' }],
      },
    );
  if (input.publicKey) {
    peerPublicKey(input.publicKey);
    return { publicKey: input.publicKey.trim(), secret: null };
  }
  if (input.secret) return { secret: input.secret, publicKey: null };
  if (required)
    throw new AppError(
      'validation_failed',
      'Nhập khóa bí mật dùng chung, hoặc khóa công khai (chứng thư số) của hệ thống kia.',
      { fields: [{ path: 'secret', message: 'Bắt buộc' }] },
    );
  return {};
}

/** The active peer serving an agency code. */
export async function peerFor(db: Db, code: string): Promise<PeerRow | null> {
  const [p] = await db
    .select()
    .from(exchangePeers)
    .where(
      and(
        sql`${exchangePeers.agencyCodes} @> ${JSON.stringify([code])}::jsonb`,
        eq(exchangePeers.status, 'active'),
      ),
    )
    .limit(1);
  return p ?? null;
}

/**
 * The registered peer that signed a request (its code in HEADER_FROM, the signature of the raw body
 * under its secret or key, a fresh timestamp), or 401: the same answer for an unknown code as for a
 * wrong signature, so an anonymous caller learns nothing about registered codes.
 */
export async function verifySignedRequest(
  db: Db,
  headers: Record<string, string | string[] | undefined>,
  body: unknown,
  now = Date.now(),
): Promise<PeerRow> {
  const from = headers[HEADER_FROM];
  const signature = headers[HEADER_SIGNATURE];
  const timestamp = headers[HEADER_TIMESTAMP];
  if (typeof from !== 'string' || typeof signature !== 'string' || typeof timestamp !== 'string')
    throw new AppError('unauthenticated', 'Gói tin thiếu chữ ký của hệ thống gửi.');
  const peer = await peerFor(db, from);
  if (!peer)
    throw new AppError('unauthenticated', 'Chữ ký gói tin không đúng.', {
      extra: { reason: 'bad_signature' },
    });
  if (!Buffer.isBuffer(body))
    throw new AppError('unsupported_media_type', 'Gói tin phải gửi dạng application/xml.');
  const v = verifyFromPeer(peer, timestamp, signature, body, now);
  if (v === 'bad_signature')
    throw new AppError('unauthenticated', 'Chữ ký gói tin không đúng.', {
      extra: { reason: 'bad_signature' },
    });
  if (v === 'expired')
    throw new AppError('unauthenticated', 'Chữ ký gói tin đã quá hạn (gửi lại từ trước?); bị từ chối.', {
      extra: { reason: 'replayed' },
    });
  return peer;
}

/** The active peers serving each of these agency codes (one statement for a batch of statuses). */
export async function peersServing(db: Db, codes: string[]): Promise<Map<string, PeerRow>> {
  const out = new Map<string, PeerRow>();
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return out;
  const found = await db
    .select()
    .from(exchangePeers)
    .where(
      and(
        sql`${exchangePeers.agencyCodes} ?| ${sql.param(wanted)}::text[]`,
        eq(exchangePeers.status, 'active'),
      ),
    )
    .orderBy(exchangePeers.createdAt);
  for (const code of wanted) {
    const p = found.find((x) => x.agencyCodes.includes(code));
    if (p) out.set(code, p);
  }
  return out;
}

export async function getPeer(db: Db, id: string): Promise<PeerRow> {
  const [p] = await db.select().from(exchangePeers).where(eq(exchangePeers.id, id));
  if (!p) throw notFound('Hệ thống liên thông');
  return p;
}

export function presentPeer(p: PeerRow) {
  return {
    id: p.id,
    name: p.name,
    baseUrl: p.baseUrl,
    agencyCodes: p.agencyCodes,
    status: p.status,
    ...authOf(p),
    createdAt: p.createdAt.toISOString(),
  };
}

/** A code is served by one place only: not by an agency here, nor by another peer. */
async function assertCodesFree(db: Db, codes: string[], selfId?: string) {
  // Divisions too: a code held by any active unit here is taken.
  const held = await activeAgenciesByCode(db, codes);
  for (const code of codes) {
    const local = held.get(code);
    if (local)
      throw new AppError(
        'duplicate',
        `Mã ${code} là của “${local.name}” trong hệ thống này, không gán cho hệ thống khác.`,
      );
    const other = await peerFor(db, code);
    if (other && other.id !== selfId)
      throw new AppError('duplicate', `Mã ${code} đã được gán cho hệ thống “${other.name}”.`);
  }
}

function normalise(input: PeerInput) {
  const codes = [...new Set(input.agencyCodes.map((c) => c.trim()).filter(Boolean))];
  return { ...input, baseUrl: input.baseUrl.replace(/\/+$/, ''), agencyCodes: codes };
}

export async function listPeers(ctx: Ctx, q: { cursor?: string; limit: number }) {
  const list = await ctx.db
    .select()
    .from(exchangePeers)
    .where(q.cursor ? lt(exchangePeers.id, q.cursor) : undefined)
    .orderBy(desc(exchangePeers.id))
    .limit(q.limit + 1);
  const more = list.length > q.limit;
  const items = list.slice(0, q.limit);
  return { items: items.map(presentPeer), nextCursor: more ? items.at(-1)!.id : null };
}

export async function createPeer(ctx: Ctx, raw: PeerInput) {
  const input = normalise(raw);
  const auth = credentials(input, true);
  return inTx(ctx, async (c) => {
    await assertCodesFree(c.db, input.agencyCodes);
    const [p] = await c.db
      .insert(exchangePeers)
      .values({
        name: input.name,
        baseUrl: input.baseUrl,
        agencyCodes: input.agencyCodes,
        ...auth,
        status: input.status ?? 'active',
      })
      .returning();
    await audit(c.db, c.actor, {
      action: 'exchange.peer_create',
      entityType: 'exchange_peer',
      entityId: p!.id,
      agencyId: null,
      detail: { name: p!.name, baseUrl: p!.baseUrl, agencyCodes: p!.agencyCodes, ...authOf(p!) },
    });
    return presentPeer(p!);
  });
}

export async function updatePeer(ctx: Ctx, id: string, raw: PeerInput) {
  const input = normalise(raw);
  const auth = credentials(input, false);
  return inTx(ctx, async (c) => {
    const before = await getPeer(c.db, id);
    await assertCodesFree(c.db, input.agencyCodes, id);
    const [p] = await c.db
      .update(exchangePeers)
      .set({
        name: input.name,
        baseUrl: input.baseUrl,
        agencyCodes: input.agencyCodes,
        ...auth,
        status: input.status ?? before.status,
        updatedAt: c.now(),
      })
      .where(eq(exchangePeers.id, id))
      .returning();
    await audit(c.db, c.actor, {
      action: 'exchange.peer_update',
      entityType: 'exchange_peer',
      entityId: id,
      agencyId: null,
      detail: {
        name: p!.name,
        baseUrl: p!.baseUrl,
        agencyCodes: p!.agencyCodes,
        status: p!.status,
        secretChanged: !!input.secret,
        ...authOf(p!),
      },
    });
    return presentPeer(p!);
  });
}

/** Peers are never deleted (queues and history point at them): an administrator disables one. */
export async function disablePeer(ctx: Ctx, id: string) {
  const p = await getPeer(ctx.db, id);
  return updatePeer(ctx, id, { ...p, status: 'disabled', secret: undefined, publicKey: undefined });
}

/** Agencies served by any active peer (for the clerk's recipient picker). */
export async function servedCodes(db: Db, search?: string) {
  const peers = await db.select().from(exchangePeers).where(eq(exchangePeers.status, 'active'));
  const out: { agencyCode: string; peerId: string; peerName: string }[] = [];
  for (const p of peers)
    for (const code of p.agencyCodes)
      if (!search || code.includes(search) || p.name.toLowerCase().includes(search.toLowerCase()))
        out.push({ agencyCode: code, peerId: p.id, peerName: p.name });
  return out;
}

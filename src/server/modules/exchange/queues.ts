import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { type Db, rows } from '../../db/client.ts';
import { outboxColumns } from './outbox.ts';
import { exchangeInbox, exchangeOutbox } from './schema.ts';

// The SQL of the administrator's view of the queues: what was sent and received, per peer and state.

export type QueueCounts = Record<string, number>;
export type OutboxItem = Awaited<ReturnType<typeof listOutbox>>[number];
export type InboxItem = typeof exchangeInbox.$inferSelect;

/** The number of outbox and inbox rows in each state, for each of these peers (two statements). */
export async function countsByPeer(
  db: Db,
  peerIds: string[],
): Promise<Map<string, { outbox: QueueCounts; inbox: QueueCounts }>> {
  const out = new Map(peerIds.map((id) => [id, { outbox: {} as QueueCounts, inbox: {} as QueueCounts }]));
  if (peerIds.length === 0) return out;
  const sent = await rows<{ peer_id: string; state: string; n: number }>(
    db,
    sql`SELECT peer_id, state, count(*)::int AS n FROM exchange_outbox WHERE peer_id IN ${peerIds} GROUP BY 1, 2`,
  );
  const received = await rows<{ peer_id: string; state: string; n: number }>(
    db,
    sql`SELECT peer_id, state, count(*)::int AS n FROM exchange_inbox WHERE peer_id IN ${peerIds} GROUP BY 1, 2`,
  );
  for (const r of sent) out.get(r.peer_id)!.outbox[r.state] = Number(r.n);
  for (const r of received) out.get(r.peer_id)!.inbox[r.state] = Number(r.n);
  return out;
}

export interface QueueFilter {
  peerId?: string;
  /** Inbox only: what came from a peer or was uploaded by a clerk. */
  via?: string;
  state?: string;
  /** Keyset: rows with an id below this one. */
  beforeId?: string;
  limit: number;
}

/** The outbox, newest first, without the package bodies; limit+1 rows (the caller paginates). */
export function listOutbox(db: Db, f: QueueFilter) {
  return db
    .select(outboxColumns)
    .from(exchangeOutbox)
    .where(
      and(
        f.peerId ? eq(exchangeOutbox.peerId, f.peerId) : undefined,
        f.state ? eq(exchangeOutbox.state, f.state) : undefined,
        f.beforeId ? lt(exchangeOutbox.id, f.beforeId) : undefined,
      ),
    )
    .orderBy(desc(exchangeOutbox.id))
    .limit(f.limit + 1);
}

/** The inbox, newest first; limit+1 rows (the caller paginates). */
export function listInbox(db: Db, f: QueueFilter) {
  return db
    .select()
    .from(exchangeInbox)
    .where(
      and(
        f.peerId ? eq(exchangeInbox.peerId, f.peerId) : undefined,
        f.via ? eq(exchangeInbox.via, f.via) : undefined,
        f.state ? eq(exchangeInbox.state, f.state) : undefined,
        f.beforeId ? lt(exchangeInbox.id, f.beforeId) : undefined,
      ),
    )
    .orderBy(desc(exchangeInbox.id))
    .limit(f.limit + 1);
}

/** Puts every undelivered package to a peer (failed, refused or still pending) back to pending; returns how many. */
export async function requeuePeer(db: Db, peerId: string): Promise<number> {
  const r = await db
    .update(exchangeOutbox)
    .set({ state: 'pending' })
    .where(
      and(eq(exchangeOutbox.peerId, peerId), inArray(exchangeOutbox.state, ['failed', 'refused', 'pending'])),
    )
    .returning({ id: exchangeOutbox.id });
  return r.length;
}

/** Puts one package back to pending unless it was delivered; its peer, or undefined when there is none to resend. */
export async function requeueOne(db: Db, id: string): Promise<{ id: string; peerId: string } | undefined> {
  const [row] = await db
    .update(exchangeOutbox)
    .set({ state: 'pending' })
    .where(and(eq(exchangeOutbox.id, id), sql`${exchangeOutbox.state} <> 'delivered'`))
    .returning({ id: exchangeOutbox.id, peerId: exchangeOutbox.peerId });
  return row;
}

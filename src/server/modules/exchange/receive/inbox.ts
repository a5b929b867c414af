import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { StatusPacket } from '../edxml/index.ts';
import { exchangeInbox } from '../schema.ts';
import { sha256Hex } from '../signature.ts';
import type { Origin, ReceiveResult } from './types.ts';

/**
 * The inbox: every package taken or refused, keyed for idempotency (accepted packages by sender,
 * DocumentId, addressee and business; statuses by their content), and the way back from a recall or
 * an update to the copy an earlier package made here.
 */

type InboxInsert = typeof exchangeInbox.$inferInsert;
export type InboxRow = typeof exchangeInbox.$inferSelect;

/** An inbox row: who sent the package through what, its size, and what the caller says of it. */
export function inboxRow(
  origin: Origin,
  bytes: Buffer,
  fields: Omit<InboxInsert, 'peerId' | 'via' | 'packageSize'>,
): InboxInsert {
  return {
    peerId: origin.peer?.id ?? null,
    via: origin.peer ? 'peer' : 'upload',
    ...fields,
    packageSize: bytes.length,
  };
}

export async function recordInbox(db: Db, rows: InboxInsert[]) {
  if (rows.length) await db.insert(exchangeInbox).values(rows);
}

export interface Accepted {
  sha: string;
  documentId: string | null;
  createdAt: Date;
}

/** Packages accepted before under these idempotency keys, in one query. */
export async function acceptedByKeys(db: Db, keys: string[]): Promise<Map<string, Accepted>> {
  if (keys.length === 0) return new Map();
  const found = await db
    .select({
      idemKey: exchangeInbox.idemKey,
      sha: exchangeInbox.packageSha256,
      documentId: exchangeInbox.documentId,
      createdAt: exchangeInbox.createdAt,
    })
    .from(exchangeInbox)
    .where(and(inArray(exchangeInbox.idemKey, keys), eq(exchangeInbox.state, 'accepted')));
  return new Map(found.map((r) => [r.idemKey!, r]));
}

// Timestamps have one-second resolution, so two statuses of one second (update then recall accepted)
// differ only by content: the key is the packet's hash.
export const statusIdemKey = (st: StatusPacket, packageSha: string) =>
  `status|${st.from.organId}|${st.responseFor.documentId}|${st.statusCode}|${packageSha}`;

/** A status packet's hash and idempotency key, and the answer when it was accepted before. */
export async function statusSeen(db: Db, bytes: Buffer, st: StatusPacket) {
  const packageSha = sha256Hex(bytes);
  const idemKey = statusIdemKey(st, packageSha);
  const seen = (await acceptedByKeys(db, [idemKey])).get(idemKey);
  const duplicate: ReceiveResult | null = seen
    ? {
        result: 'duplicate',
        kind: 'status',
        business: st.statusCode,
        documentIds: seen.documentId ? [seen.documentId] : [],
      }
    : null;
  return { packageSha, idemKey, duplicate };
}

/**
 * The packages that brought this sender's document here (new or replacing, accepted), oldest first:
 * each names the copy it made. `toCode` keeps those addressed to that agency.
 */
export async function deliveredHere(
  db: Db,
  p: { docKey: string; senderCode: string; toCode?: string },
): Promise<InboxRow[]> {
  return db
    .select()
    .from(exchangeInbox)
    .where(
      and(
        eq(exchangeInbox.docKey, p.docKey),
        p.toCode === undefined ? undefined : eq(exchangeInbox.toCode, p.toCode),
        eq(exchangeInbox.senderCode, p.senderCode),
        eq(exchangeInbox.state, 'accepted'),
        sql`${exchangeInbox.business} IN ('new', 'replace')`,
      ),
    )
    .orderBy(asc(exchangeInbox.createdAt), asc(exchangeInbox.id));
}

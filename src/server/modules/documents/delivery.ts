import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { agencies } from '../agencies/index.ts';
import { addEvent, type DocumentRow } from './common.ts';
import { deliveries, documentFiles, documents } from './schema.ts';

/**
 * Delivery to agencies served by other installations. The exchange module fills this hook slot (its
 * descriptor's `provides`, connected by the composition: see platform/modules.ts), so documents never
 * imports exchange; without it, an agency code that is not served here is simply unknown.
 */
export interface OutsideExchange {
  /** The peer installation serving this agency code, or null when no registered peer serves it. */
  peerFor(db: Db, agencyCode: string): Promise<{ id: string; name: string } | null>;
  /**
   * A scalar subquery: the JSON array [{code, peerId, peerName}] of the active peers serving these
   * agency codes (`codes`, a text[] expression), so a release reads its routes in its first statement.
   */
  peersSql(codes: SQL): SQL;
  /**
   * WITH items of the release's own statement queueing the edXML package of the released document
   * for each recipient served by a peer, as routed; `numbered.from` names the WITH item that took the
   * number (no row, nothing queued) and `numberText` is the number as printed. Throws for a secret one.
   */
  queueSql(
    doc: DocumentRow,
    to: { deliveryId: string; agencyCode: string; peerId: string }[],
    staff: string,
    numbered: { from: SQL; numberText: SQL },
  ): SQL;
  /** Queues a recall (thu hồi) or an update (cập nhật) package for a recipient served by a peer. */
  follow(
    ctx: Ctx,
    doc: DocumentRow,
    delivery: DeliveryRow,
    business: 'recall' | 'update',
    reason: string,
  ): Promise<void>;
  /** An incoming document that came as an edXML package changed status: tell its sender. */
  incomingStatus(ctx: Ctx, documentId: string, status: string, note?: string): Promise<void>;
}
export type DeliveryRow = typeof deliveries.$inferSelect;

declare module '../../platform/modules.ts' {
  interface Hooks {
    /** Delivery to agencies served by other installations (the exchange module). */
    outsideExchange?: OutsideExchange;
  }
}

/**
 * Where a recipient's agency code goes: an active agency of this installation, a registered peer,
 * or nowhere known (the clerk must decide before release).
 */
export async function routeAgencyCode(
  ctx: Pick<Ctx, 'db' | 'hooks'>,
  agencyCode: string,
): Promise<
  | { kind: 'local'; agencyId: string; name: string }
  | { kind: 'peer'; peerId: string; peerName: string }
  | { kind: 'unknown' }
> {
  const [local] = await ctx.db
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(
      and(
        eq(agencies.agencyCode, agencyCode),
        eq(agencies.status, 'active'),
        sql`${agencies.kind} <> 'division'`,
      ),
    );
  if (local) return { kind: 'local', agencyId: local.id, name: local.name };
  const outside = ctx.hooks.outsideExchange;
  const peer = outside ? await outside.peerFor(ctx.db, agencyCode) : null;
  if (peer) return { kind: 'peer', peerId: peer.id, peerName: peer.name };
  return { kind: 'unknown' };
}

/**
 * Mirrors a recipient's progress on the sender's delivery row (same installation: same transaction);
 * for a document that came from another installation (source edxml) the sender is told by a status
 * packet instead.
 */
export async function setDeliveryStatus(
  ctx: Ctx,
  doc: Pick<DocumentRow, 'id' | 'deliveryId' | 'source'>,
  status: string,
  note?: string,
) {
  const outside = ctx.hooks.outsideExchange;
  if (doc.source === 'edxml' && outside) await outside.incomingStatus(ctx, doc.id, status, note);
  if (doc.deliveryId) await markDelivery(ctx.db, doc.deliveryId, status, note);
}

/** Sets the status of one delivery row on the sender's side (a recalled delivery keeps its status). */
export async function markDelivery(db: Db, deliveryId: string, status: string, note?: string) {
  await db
    .update(deliveries)
    .set({ status, statusAt: new Date(), note: note ?? null })
    .where(and(eq(deliveries.id, deliveryId), sql`${deliveries.status} <> 'recalled'`));
}

async function copyCurrentFiles(db: Db, fromId: string, toId: string, version = 1) {
  const files = await db
    .select()
    .from(documentFiles)
    .where(and(eq(documentFiles.documentId, fromId), eq(documentFiles.current, true)));
  for (const f of files) {
    await db.insert(documentFiles).values({
      documentId: toId,
      sha256: f.sha256,
      fileName: f.fileName,
      mediaType: f.mediaType,
      size: f.size,
      role: f.role,
      version,
    });
  }
}

/** Recall (Decree 30, Art. 18.4): each recipient's copy is cancelled, its metadata kept. */
export async function recallCopies(ctx: Ctx, doc: DocumentRow, reason: string) {
  const outside = ctx.hooks.outsideExchange;
  const list = await ctx.db.select().from(deliveries).where(eq(deliveries.documentId, doc.id));
  for (const d of list) {
    // Another installation's copy: it answers the recall request with status 15 (accepted) or 16.
    if (d.channel === 'edxml' && outside) {
      await outside.follow(ctx, doc, d, 'recall', reason);
      continue;
    }
    await ctx.db
      .update(deliveries)
      .set({ status: 'recalled', statusAt: ctx.now(), note: reason })
      .where(eq(deliveries.id, d.id));
    if (d.incomingDocumentId) {
      await ctx.db
        .update(documents)
        .set({ status: 'cancelled', holderId: null, updatedAt: ctx.now() })
        .where(eq(documents.id, d.incomingDocumentId));
      await addEvent(ctx.db, null, d.incomingDocumentId, 'recalled', reason, { by: doc.agencyId });
    }
  }
}

/** An update after release reaches each recipient's copy: new summary and files, old files kept. */
export async function updateCopies(ctx: Ctx, doc: DocumentRow, reason: string, version: number) {
  const list = await ctx.db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.documentId, doc.id), inArray(deliveries.channel, ['internal', 'edxml'])));
  const outside = ctx.hooks.outsideExchange;
  for (const d of list) {
    if (d.channel === 'edxml') {
      if (outside) await outside.follow(ctx, doc, d, 'update', reason);
      continue;
    }
    if (!d.incomingDocumentId) continue;
    await ctx.db
      .update(documents)
      .set({ summary: doc.summary, updatedAt: ctx.now() })
      .where(eq(documents.id, d.incomingDocumentId));
    await ctx.db
      .update(documentFiles)
      .set({ current: false })
      .where(eq(documentFiles.documentId, d.incomingDocumentId));
    await copyCurrentFiles(ctx.db, doc.id, d.incomingDocumentId, version);
    await addEvent(ctx.db, null, d.incomingDocumentId, 'updated', reason, { version });
  }
}

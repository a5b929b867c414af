import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { type DocumentRow, peopleWithRoleIn, tellMany } from './common.ts';
import { cancelCopies, reviseCopies } from './copies.ts';
import { currentFiles, type FileRole } from './files.ts';
import { findDocuments } from './records.ts';
import { deliveries, documentEvents } from './schema.ts';

/**
 * Delivery to agencies served by other installations. The exchange module fills this hook slot (its
 * descriptor's `provides`, connected by the composition: see platform/modules.ts), so documents never
 * imports exchange; without it, an agency code that is not served here is simply unknown.
 */
export interface OutsideExchange {
  /** The active peer installation serving each of these agency codes (codes no peer serves are absent). */
  peersFor(db: Db, agencyCodes: string[]): Promise<Map<string, { id: string; name: string }>>;
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

/** A change of a delivery row on the sender's side: a recipient's status, or a note alone. */
export interface DeliveryChange {
  deliveryId: string;
  /** The recipient's status; when omitted the status stays and only the note (and its time) change. */
  status?: string;
  note: string | null;
}

/**
 * Sets the status of delivery rows on the sender's side, in one statement. A recalled delivery keeps
 * its status (a late "registered" does not undo a recall) unless the change is itself a recall; when
 * one delivery changes several times in the list, the last change is the one it shows.
 */
export async function markDeliveries(db: Db, at: Date, changes: DeliveryChange[]) {
  const last = [...new Map(changes.map((c) => [c.deliveryId, c])).values()];
  if (last.length === 0) return;
  await db.execute(sql`UPDATE deliveries d SET status = coalesce(v.status, d.status), status_at = ${at}, note = v.note
      FROM (SELECT unnest(${sql.param(last.map((c) => c.deliveryId))}::uuid[]) AS id,
                   unnest(${sql.param(last.map((c) => c.status ?? null))}::text[]) AS status,
                   unnest(${sql.param(last.map((c) => c.note))}::text[]) AS note) v
     WHERE d.id = v.id AND (d.status <> 'recalled' OR v.status = 'recalled')`);
}

/** Sets the status of one delivery row on the sender's side (a recalled delivery keeps its status). */
export async function markDelivery(db: Db, deliveryId: string, status: string, note?: string) {
  await markDeliveries(db, new Date(), [{ deliveryId, status, note: note ?? null }]);
}

/** What a recipient elsewhere reported on a delivery: its row shows it, the sender's timeline records it. */
export interface DeliveryReport extends DeliveryChange {
  /** The sender's document the delivery belongs to. */
  documentId: string;
  /** The timeline event: its kind and what it records (who reported, the status code). */
  event: { kind: string; data: Record<string, unknown> };
  /** A refusal: the document's drafter and its agency's clerks are told, with this title. */
  notify?: { kind: string; title: string };
}

/**
 * Recipients' reports on deliveries (statuses from another installation), in a fixed number of
 * statements for all of them: the delivery rows (markDeliveries), one event per report on the
 * sender's document, and the notices of refusals.
 */
export async function reportDeliveries(db: Db, at: Date, reports: DeliveryReport[]) {
  if (reports.length === 0) return;
  await markDeliveries(db, at, reports);
  await db.insert(documentEvents).values(
    reports.map((r) => ({
      documentId: r.documentId,
      actorId: null,
      actorName: 'Hệ thống',
      kind: r.event.kind,
      note: r.note,
      data: r.event.data,
    })),
  );
  const told = reports.filter((r) => r.notify);
  if (told.length === 0) return;
  const docs = await findDocuments(
    db,
    told.map((r) => r.documentId),
  );
  const clerks = await peopleWithRoleIn(
    db,
    [...docs.values()].map((d) => d.agencyId),
    'clerk',
  );
  await tellMany(
    db,
    told.flatMap((r) => {
      const doc = docs.get(r.documentId);
      return doc
        ? [
            {
              personIds: [doc.drafterId, ...(clerks.get(doc.agencyId) ?? [])],
              kind: r.notify!.kind,
              title: r.notify!.title,
              doc,
            },
          ]
        : [];
    }),
  );
}

/**
 * Recall (Decree 30, Art. 18.4): each recipient's copy here is cancelled, its metadata kept, and its
 * delivery marked recalled; another installation's copy gets a recall package, which it answers
 * with status 15 (accepted) or 16.
 */
export async function recallCopies(ctx: Ctx, doc: DocumentRow, reason: string) {
  const outside = ctx.hooks.outsideExchange;
  const list = await ctx.db.select().from(deliveries).where(eq(deliveries.documentId, doc.id));
  const here: DeliveryRow[] = [];
  for (const d of list) {
    if (d.channel === 'edxml' && outside) await outside.follow(ctx, doc, d, 'recall', reason);
    else here.push(d);
  }
  await markDeliveries(
    ctx.db,
    ctx.now(),
    here.map((d) => ({ deliveryId: d.id, status: 'recalled', note: reason })),
  );
  await cancelCopies(
    ctx.db,
    ctx.now(),
    here.flatMap((d) =>
      d.incomingDocumentId ? [{ copyId: d.incomingDocumentId, reason, data: { by: doc.agencyId } }] : [],
    ),
  );
}

/**
 * An update after release reaches each recipient's copy: new summary and the document's current
 * files as the new version, old files kept; another installation's copy gets an update package.
 */
export async function updateCopies(ctx: Ctx, doc: DocumentRow, reason: string, version: number) {
  const list = await ctx.db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.documentId, doc.id), inArray(deliveries.channel, ['internal', 'edxml'])));
  const copyIds: string[] = [];
  const outside = ctx.hooks.outsideExchange;
  for (const d of list) {
    if (d.channel === 'edxml') {
      if (outside) await outside.follow(ctx, doc, d, 'update', reason);
    } else if (d.incomingDocumentId) copyIds.push(d.incomingDocumentId);
  }
  if (copyIds.length === 0) return;
  const files = ((await currentFiles(ctx.db, [doc.id])).get(doc.id) ?? []).map((f) => ({
    sha256: f.sha256,
    fileName: f.fileName,
    mediaType: f.mediaType,
    size: f.size,
    role: f.role as FileRole,
  }));
  await reviseCopies(
    ctx.db,
    ctx.now(),
    copyIds.map((copyId) => ({ copyId, reason, summary: doc.summary, files, version })),
  );
}

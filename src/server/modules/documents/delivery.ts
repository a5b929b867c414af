import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { snapshot } from '../agencies/index.ts';
import { addEvent, type DocumentRow, peopleWithRole, tell } from './common.ts';
import { deliveries, documentFiles, documents } from './schema.ts';

/** Mirrors a recipient's progress on the sender's delivery row (same installation: same transaction). */
export async function setDeliveryStatus(db: Db, deliveryId: string | null, status: string, note?: string) {
  if (!deliveryId) return;
  await db
    .update(deliveries)
    .set({ status, statusAt: new Date(), note: note ?? null })
    .where(and(eq(deliveries.id, deliveryId), sql`${deliveries.status} <> 'recalled'`));
}

/**
 * Delivers a released document into a recipient agency's incoming queue: a new incoming row there
 * (pending, waiting for its clerk), with the same files by hash (never copied), and the issuer as it
 * is at release time.
 */
export async function deliverInternal(
  ctx: Ctx,
  doc: DocumentRow,
  recipientAgencyId: string,
  recipientName: string,
) {
  const [delivery] = await ctx.db
    .insert(deliveries)
    .values({
      documentId: doc.id,
      channel: 'internal',
      recipientAgencyId,
      recipientName,
      status: 'delivered',
    })
    .returning();
  const issuer = await snapshot(ctx.db, doc.agencyId);
  const [copy] = await ctx.db
    .insert(documents)
    .values({
      agencyId: recipientAgencyId,
      direction: 'incoming',
      status: 'pending',
      typeCode: doc.typeCode,
      summary: doc.summary,
      numberNotation: doc.numberNotation,
      issuedDate: doc.issuedDate,
      issuerAgencyId: issuer.id,
      issuerName: issuer.name,
      issuerCode: issuer.agencyCode,
      signerName: doc.signerName,
      signerTitle: doc.signerTitle,
      secrecy: 'normal',
      urgency: doc.urgency,
      pageCount: doc.pageCount,
      dueDate: doc.dueDate,
      source: 'electronic',
      sourceDocumentId: doc.id,
      deliveryId: delivery!.id,
      arrivedAt: ctx.now(),
      fileText: doc.fileText,
    })
    .returning();
  await copyCurrentFiles(ctx.db, doc.id, copy!.id);
  await ctx.db
    .update(deliveries)
    .set({ incomingDocumentId: copy!.id })
    .where(eq(deliveries.id, delivery!.id));
  await addEvent(ctx.db, null, copy!.id, 'arrived', null, { from: issuer.name });
  await tell(
    ctx.db,
    await peopleWithRole(ctx.db, recipientAgencyId, 'clerk'),
    'arrived',
    `Văn bản điện tử mới đến từ ${issuer.name}`,
    copy!,
  );
  return copy!;
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
  const list = await ctx.db.select().from(deliveries).where(eq(deliveries.documentId, doc.id));
  for (const d of list) {
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
    .where(and(eq(deliveries.documentId, doc.id), eq(deliveries.channel, 'internal')));
  for (const d of list) {
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

import { Readable } from 'node:stream';
import { and, asc, desc, eq, isNotNull, isNull, max, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit/index.ts';
import { saveBlob } from '../../platform/blobs/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { enqueue } from '../../platform/jobs/index.ts';
import { agencies } from '../agencies/index.ts';
import {
  addEvent,
  type DeliveryRow,
  type DocumentRow,
  deliveries,
  documentFiles,
  documents,
  type OutsideExchange,
  peopleWithRole,
  tell,
} from '../documents/index.ts';
import {
  type BusinessType,
  buildEdoc,
  buildStatus,
  type Edoc,
  EdxmlError,
  type ParsedPacket,
  parsePacket,
  type StatusCode,
  type StatusPacket,
  wireTimestamp,
} from './edxml/index.ts';
import { documentKey, edocFromDocument, incomingValues, organOf } from './mapping.ts';
import { queueDocument, queuePackage } from './outbox.ts';
import { type PeerRow, peerFor } from './peers.ts';
import { exchangeInbox, exchangeOutbox } from './schema.ts';
import { sha256Hex } from './signature.ts';

/** What the exchange needs besides an actor: the app's services. */
export type Services = Omit<Ctx, 'actor'>;

const maxPackageBytes = (s: Services) => s.config.EXCHANGE_MAX_BYTES;

// ---- sending ---------------------------------------------------------------------------------

async function fresh(db: Db, id: string): Promise<DocumentRow> {
  const [d] = await db.select().from(documents).where(eq(documents.id, id));
  return d!;
}

/**
 * Queues the package of a released document for one recipient served by a peer, the one the release
 * routed it to in the same transaction. It runs after numbering: only the queue row is written here,
 * the flush builds the package (outbox.ts, queueDocument).
 */
async function sendDocument(
  ctx: Ctx,
  doc: DocumentRow,
  delivery: DeliveryRow,
  to: { agencyCode: string; peerId: string },
) {
  if (doc.secrecy !== 'normal')
    throw new AppError('forbidden', 'Văn bản mật không được gửi hoặc xuất qua mạng.');
  await queueDocument(ctx.db, {
    peerId: to.peerId,
    documentId: doc.id,
    deliveryId: delivery.id,
    docKey: documentKey(doc),
    toCode: to.agencyCode,
    subject: doc.summary,
    staff: ctx.actor.fullName,
  });
}

/** Recall or update of a document already sent to a peer: the same addressee, the same peer. */
async function followUp(
  ctx: Ctx,
  doc: DocumentRow,
  delivery: DeliveryRow,
  business: 'recall' | 'update',
  reason: string,
) {
  const [first] = await ctx.db
    .select()
    .from(exchangeOutbox)
    .where(and(eq(exchangeOutbox.deliveryId, delivery.id), eq(exchangeOutbox.business, 'new')));
  if (!first) return;
  const current = await fresh(ctx.db, doc.id);
  const edoc = await edocFromDocument(ctx.db, ctx.blobs, current, {
    business,
    reason,
    to: [{ organId: first.toCode, organName: delivery.recipientName }],
    staff: ctx.actor.fullName,
    now: ctx.now(),
    withFiles: business === 'update',
  });
  await queuePackage(ctx.db, ctx.blobs, maxPackageBytes(ctx), {
    peerId: first.peerId,
    kind: 'edoc',
    business,
    documentId: doc.id,
    deliveryId: delivery.id,
    docKey: edoc.documentId,
    toCode: first.toCode,
    subject: edoc.subject,
    xml: buildEdoc(edoc),
  });
  await ctx.db
    .update(deliveries)
    .set({
      note: business === 'recall' ? `Đã gửi yêu cầu thu hồi: ${reason}` : `Đã gửi bản cập nhật: ${reason}`,
      statusAt: ctx.now(),
    })
    .where(eq(deliveries.id, delivery.id));
}

const LOCAL_TO_CODE: Record<string, StatusCode> = {
  registered: '03',
  submitted: '04',
  refused: '02',
  assigned: '05',
  done: '06',
};

async function queueStatus(s: Services, peer: PeerRow, documentId: string | null, p: StatusPacket) {
  await queuePackage(s.db, s.blobs, maxPackageBytes(s), {
    peerId: peer.id,
    kind: 'status',
    business: p.statusCode,
    documentId,
    docKey: p.responseFor.documentId,
    toCode: p.responseFor.organId,
    subject: p.description ?? '',
    xml: buildStatus(p),
  });
}

/** Status back to the installation that sent an incoming document (when a peer serves its sender). */
async function statusBack(
  s: Services,
  inbox: { senderCode: string | null; docKey: string | null; agencyId: string | null },
  documentId: string | null,
  edoc: { codeNumber?: string; codeNotation?: string; promulgationDate?: string } | null,
  code: StatusCode,
  description: string,
  staff?: string,
) {
  if (!inbox.senderCode || !inbox.docKey || !inbox.agencyId) return;
  const peer = await peerFor(s.db, inbox.senderCode);
  if (!peer) return;
  const from = await organOf(s.db, inbox.agencyId);
  const codeText = edoc?.codeNumber
    ? `${edoc.codeNumber}/${edoc.codeNotation ?? ''}`
    : (inbox.docKey.split(',')[2] ?? '');
  await queueStatus(s, peer, documentId, {
    responseFor: {
      organId: inbox.senderCode,
      code: codeText,
      promulgationDate: edoc?.promulgationDate,
      documentId: inbox.docKey,
    },
    from,
    statusCode: code,
    description,
    timestamp: wireTimestamp(s.now()),
    ...(staff ? { staff: { staff } } : {}),
  });
}

/** A clerk or leader here changed an incoming document that came as a package: tell its sender. */
async function incomingStatus(ctx: Ctx, documentId: string, status: string, note?: string) {
  const code = LOCAL_TO_CODE[status];
  if (!code) return;
  const [inbox] = await ctx.db
    .select()
    .from(exchangeInbox)
    .where(
      and(
        eq(exchangeInbox.documentId, documentId),
        eq(exchangeInbox.state, 'accepted'),
        sql`${exchangeInbox.business} IN ('new', 'replace')`,
      ),
    )
    .limit(1);
  if (!inbox) return;
  const doc = await fresh(ctx.db, documentId);
  const [number, ...rest] = (doc.numberNotation ?? '').split('/');
  await statusBack(
    ctx,
    inbox,
    documentId,
    { codeNumber: number, codeNotation: rest.join('/'), promulgationDate: doc.issuedDate ?? undefined },
    code,
    note ?? STATUS_TEXT[code],
    ctx.actor.fullName,
  );
}

export const STATUS_TEXT: Record<StatusCode, string> = {
  '01': 'Đã đến',
  '02': 'Từ chối tiếp nhận',
  '03': 'Đã tiếp nhận',
  '04': 'Đã đến, đang chờ phân công',
  '05': 'Đã phân công, đang xử lý',
  '06': 'Đã xử lý xong',
  '13': 'Thu hồi văn bản',
  '15': 'Đồng ý thu hồi/cập nhật văn bản',
  '16': 'Từ chối thu hồi/cập nhật văn bản',
};

export const outside: OutsideExchange = {
  async peerFor(db, code) {
    const p = await peerFor(db, code);
    return p ? { id: p.id, name: p.name } : null;
  },
  send: sendDocument,
  follow: followUp,
  incomingStatus,
};

// ---- receiving -------------------------------------------------------------------------------

export interface ReceiveInput {
  bytes: Buffer;
  /** The authenticated peer (signature verified), or null for a clerk's upload. */
  peer: PeerRow | null;
  /** The clerk uploading (upload only): the package must be addressed to their agency. */
  actor?: Actor;
}

export interface ReceiveResult {
  result: 'accepted' | 'duplicate';
  kind: 'edoc' | 'status';
  business: string;
  documentIds: string[];
}

const HTTP_CODE: Record<string, ConstructorParameters<typeof AppError>[0]> = {
  malformed: 'bad_request',
  invalid: 'validation_failed',
  unsupported: 'unsupported_media_type',
  oversized: 'payload_too_large',
  wrong_address: 'validation_failed',
  duplicate: 'duplicate',
  not_found: 'not_found',
  forbidden: 'forbidden',
};

function refusal(reason: string, message: string) {
  return new AppError(HTTP_CODE[reason] ?? 'validation_failed', message, { extra: { reason } });
}

/** Records a refused package (outside any failed transaction) and, when possible, answers 02. */
async function refuseReceipt(
  s: Services,
  input: ReceiveInput,
  info: {
    kind: string;
    business: string;
    senderCode?: string;
    toCode?: string;
    agencyId?: string | null;
    docKey?: string;
    subject?: string;
    edoc?: Edoc;
  },
  reason: string,
  message: string,
): Promise<never> {
  await s.db.transaction(async (tx) => {
    await tx.insert(exchangeInbox).values({
      peerId: input.peer?.id ?? null,
      via: input.peer ? 'peer' : 'upload',
      kind: info.kind,
      business: info.business,
      senderCode: info.senderCode ?? null,
      toCode: info.toCode ?? null,
      agencyId: info.agencyId ?? null,
      docKey: info.docKey ?? null,
      subject: (info.subject ?? '').slice(0, 500),
      packageSha256: sha256Hex(input.bytes),
      packageSize: input.bytes.length,
      state: 'refused',
      reason: message.slice(0, 2000),
    });
    // A refused document package is answered with status 02 so the sender sees why (where it is known).
    // A package from a peer addressed to no agency served here is answered in the name of this
    // installation's home agency: the sender finds its package by DocumentId and by the peer it went to.
    const addressee =
      info.agencyId ??
      (await anyLocalAgency(tx, info.edoc)) ??
      (input.peer && reason === 'wrong_address' ? await homeAgency(tx) : null);
    if (info.kind === 'edoc' && info.edoc && addressee && ['new', 'replace'].includes(info.business))
      await statusBack(
        { ...s, db: tx },
        { senderCode: info.senderCode ?? null, docKey: info.docKey ?? null, agencyId: addressee },
        null,
        info.edoc,
        '02',
        message,
      );
    await audit(
      tx,
      { system: 'exchange' },
      {
        action: 'exchange.refuse',
        entityType: 'exchange_inbox',
        agencyId: info.agencyId ?? null,
        detail: { reason, message, senderCode: info.senderCode, docKey: info.docKey },
      },
    );
  });
  throw refusal(reason, message);
}

/** The top of this installation's agency tree that has a QCVN 102 code (the province's People's Committee). */
async function homeAgency(db: Db): Promise<string | null> {
  const [a] = await db
    .select({ id: agencies.id })
    .from(agencies)
    .where(and(isNull(agencies.parentId), isNotNull(agencies.agencyCode), eq(agencies.status, 'active')))
    .orderBy(asc(agencies.sortOrder), asc(agencies.createdAt))
    .limit(1);
  return a?.id ?? null;
}

async function anyLocalAgency(db: Db, edoc?: Edoc): Promise<string | null> {
  for (const t of edoc?.to ?? []) {
    const a = await localAgency(db, t.organId);
    if (a) return a.id;
  }
  return null;
}

async function localAgency(db: Db, code: string) {
  const [a] = await db
    .select()
    .from(agencies)
    .where(
      and(eq(agencies.agencyCode, code), eq(agencies.status, 'active'), sql`${agencies.kind} <> 'division'`),
    );
  return a ?? null;
}

/** Accepts a package from a peer or an upload; never leaves a half-created document. */
export async function receive(s: Services, input: ReceiveInput): Promise<ReceiveResult> {
  let packet: ParsedPacket;
  try {
    packet = parsePacket(input.bytes, {
      maxBytes: maxPackageBytes(s),
      maxAttachmentBytes: s.config.UPLOAD_MAX_BYTES,
    });
  } catch (e) {
    if (!(e instanceof EdxmlError)) throw e;
    return refuseReceipt(s, input, { kind: 'unknown', business: 'unknown' }, e.reason, e.message);
  }
  const senderCode = packet.kind === 'edoc' ? packet.edoc.from.organId : packet.status.from.organId;
  if (input.peer && !input.peer.agencyCodes.includes(senderCode))
    return refuseReceipt(
      s,
      input,
      { kind: packet.kind, business: 'unknown', senderCode },
      'forbidden',
      `Nơi gửi ${senderCode} không thuộc hệ thống “${input.peer.name}” đã ký gói tin.`,
    );
  if (packet.kind === 'status') return receiveStatus(s, input, packet.status);
  return receiveEdoc(s, input, packet.edoc);
}

async function receiveEdoc(s: Services, input: ReceiveInput, edoc: Edoc): Promise<ReceiveResult> {
  const business = edoc.trace.business;
  const base = {
    kind: 'edoc',
    business,
    senderCode: edoc.from.organId,
    docKey: edoc.documentId,
    subject: edoc.subject,
    edoc,
  };
  // Addressees served here; an upload goes only to the clerk's own agency.
  const local: { code: string; agency: typeof agencies.$inferSelect }[] = [];
  for (const t of edoc.to) {
    const a = await localAgency(s.db, t.organId);
    if (a && (!input.actor || a.id === input.actor.agencyId)) local.push({ code: t.organId, agency: a });
  }
  if (local.length === 0)
    return refuseReceipt(
      s,
      input,
      { ...base, toCode: edoc.to.map((t) => t.organId).join(',') },
      'wrong_address',
      input.actor
        ? `Gói tin không gửi cho cơ quan của bạn (nơi nhận: ${edoc.to.map((t) => t.organId).join(', ')}).`
        : `Không có nơi nhận nào của gói tin thuộc hệ thống này (nơi nhận: ${edoc.to.map((t) => t.organId).join(', ')}).`,
    );
  const packageSha = sha256Hex(input.bytes);
  const lastTrace = edoc.trace.headers.at(-1)?.timestamp ?? '';
  // Files are checked (type sniffing, size) and stored before the transaction; storage is by hash,
  // so a refusal leaves at most unreferenced blobs, never a half-created document.
  const stored: { sha256: string; size: number; mediaType: string; name: string; role: string }[] = [];
  if (business !== 'recall') {
    try {
      for (const [i, a] of edoc.attachments.entries()) {
        const b = await saveBlob(s.db, s.blobs, Readable.from([a.data]), {
          declaredType: a.contentType,
          maxBytes: s.config.UPLOAD_MAX_BYTES,
        });
        stored.push({ ...b, name: a.name, role: i === 0 ? 'main' : 'attachment' });
      }
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      return refuseReceipt(
        s,
        input,
        { ...base, agencyId: local[0]!.agency.id, toCode: local[0]!.code },
        'invalid',
        `Tệp đính kèm bị từ chối: ${e.detail}`,
      );
    }
    if (['new', 'replace'].includes(business) && stored.length === 0)
      return refuseReceipt(
        s,
        input,
        { ...base, agencyId: local[0]!.agency.id, toCode: local[0]!.code },
        'invalid',
        'Gói tin không có tệp văn bản.',
      );
  }
  const documentIds: string[] = [];
  let duplicates = 0;
  for (const { code, agency } of local) {
    const idemKey = `edoc|${edoc.from.organId}|${edoc.documentId}|${code}|${business}${business === 'update' ? `|${lastTrace}` : ''}`;
    const [seen] = await s.db
      .select()
      .from(exchangeInbox)
      .where(and(eq(exchangeInbox.idemKey, idemKey), eq(exchangeInbox.state, 'accepted')));
    if (seen) {
      if (seen.packageSha256 === packageSha) {
        duplicates++;
        if (seen.documentId) documentIds.push(seen.documentId);
        continue;
      }
      return refuseReceipt(
        s,
        input,
        { ...base, business: 'duplicate', agencyId: agency.id, toCode: code },
        'duplicate',
        `Văn bản ${edoc.documentId} đã được nhận trước đó (${seen.createdAt.toISOString()}) với nội dung khác; gói tin trùng bị từ chối.`,
      );
    }
    const outcome = await s.db
      .transaction(async (tx) => {
        const t = { ...s, db: tx };
        const row = {
          peerId: input.peer?.id ?? null,
          via: input.peer ? 'peer' : 'upload',
          kind: 'edoc',
          business,
          senderCode: edoc.from.organId,
          toCode: code,
          agencyId: agency.id,
          docKey: edoc.documentId,
          idemKey,
          subject: edoc.subject.slice(0, 500),
          packageSha256: packageSha,
          packageSize: input.bytes.length,
          state: 'accepted',
        };
        const who = input.actor ?? { system: 'exchange' as const };
        if (business === 'new' || business === 'replace') {
          const [doc] = await tx
            .insert(documents)
            .values({ ...incomingValues(edoc), agencyId: agency.id, arrivedAt: s.now() })
            .returning();
          for (const f of stored)
            await tx.insert(documentFiles).values({
              documentId: doc!.id,
              sha256: f.sha256,
              fileName: f.name,
              mediaType: f.mediaType,
              size: f.size,
              role: f.role,
            });
          await addEvent(tx, null, doc!.id, 'arrived', null, {
            from: edoc.from.organName,
            via: 'edxml',
            documentId: edoc.documentId,
            ...(edoc.trace.replacements ? { replaces: edoc.trace.replacements } : {}),
          });
          await tell(
            tx,
            await peopleWithRole(tx, agency.id, 'clerk'),
            'arrived',
            `Văn bản liên thông mới đến từ ${edoc.from.organName}`,
            doc!,
          );
          await enqueue(tx, 'documents.extract_text', { documentId: doc!.id }, { maxAttempts: 3 });
          await tx.insert(exchangeInbox).values({ ...row, documentId: doc!.id });
          await statusBack(
            t,
            { senderCode: edoc.from.organId, docKey: edoc.documentId, agencyId: agency.id },
            doc!.id,
            edoc,
            '01',
            STATUS_TEXT['01'],
          );
          await audit(tx, who, {
            action: 'exchange.receive',
            entityType: 'document',
            entityId: doc!.id,
            agencyId: agency.id,
            detail: { business, documentId: edoc.documentId, from: edoc.from.organId },
          });
          return doc!.id;
        }
        // Recall or update: the copy this sender delivered here earlier.
        const [orig] = await tx
          .select()
          .from(exchangeInbox)
          .where(
            and(
              eq(exchangeInbox.docKey, edoc.documentId),
              eq(exchangeInbox.toCode, code),
              eq(exchangeInbox.senderCode, edoc.from.organId),
              eq(exchangeInbox.state, 'accepted'),
              sql`${exchangeInbox.business} IN ('new', 'replace')`,
            ),
          )
          .orderBy(desc(exchangeInbox.createdAt))
          .limit(1);
        const copy = orig?.documentId ? await fresh(tx, orig.documentId) : null;
        const target = { senderCode: edoc.from.organId, docKey: edoc.documentId, agencyId: agency.id };
        if (!copy || copy.status === 'cancelled') {
          await tx
            .insert(exchangeInbox)
            .values({ ...row, documentId: copy?.id ?? null, reason: 'Không có bản nhận còn hiệu lực' });
          await statusBack(
            t,
            target,
            copy?.id ?? null,
            edoc,
            '16',
            `Không tìm thấy văn bản ${edoc.documentId} còn hiệu lực tại ${agency.name}.`,
          );
          return copy?.id ?? null;
        }
        if (business === 'recall') {
          await tx
            .update(documents)
            .set({ status: 'cancelled', holderId: null, updatedAt: s.now() })
            .where(eq(documents.id, copy.id));
          await addEvent(tx, null, copy.id, 'recalled', edoc.trace.reason ?? null, {
            by: edoc.from.organName,
            via: 'edxml',
          });
        } else {
          const [v] = await tx
            .select({ v: max(documentFiles.version) })
            .from(documentFiles)
            .where(eq(documentFiles.documentId, copy.id));
          const version = (v?.v ?? 1) + 1;
          await tx
            .update(documents)
            .set({ summary: edoc.subject, updatedAt: s.now() })
            .where(eq(documents.id, copy.id));
          if (stored.length) {
            await tx
              .update(documentFiles)
              .set({ current: false })
              .where(eq(documentFiles.documentId, copy.id));
            for (const f of stored)
              await tx.insert(documentFiles).values({
                documentId: copy.id,
                sha256: f.sha256,
                fileName: f.name,
                mediaType: f.mediaType,
                size: f.size,
                role: f.role,
                version,
              });
          }
          await addEvent(tx, null, copy.id, 'updated', edoc.trace.reason ?? null, { version, via: 'edxml' });
        }
        await tell(
          tx,
          await peopleWithRole(tx, agency.id, 'clerk'),
          business === 'recall' ? 'recalled' : 'updated',
          business === 'recall'
            ? `${edoc.from.organName} thu hồi văn bản`
            : `${edoc.from.organName} cập nhật văn bản`,
          copy,
        );
        await tx.insert(exchangeInbox).values({ ...row, documentId: copy.id });
        await statusBack(
          t,
          target,
          copy.id,
          edoc,
          '15',
          business === 'recall' ? 'Đồng ý thu hồi văn bản' : 'Đã cập nhật văn bản',
        );
        await audit(tx, who, {
          action: `exchange.receive_${business}`,
          entityType: 'document',
          entityId: copy.id,
          agencyId: agency.id,
          detail: { documentId: edoc.documentId, reason: edoc.trace.reason ?? null },
        });
        return copy.id;
      })
      .catch(async (e: unknown) => {
        // Two deliveries of the same package at once: the unique key lets one win; the other is a duplicate.
        if (isUniqueViolation(e)) return 'duplicate' as const;
        throw e;
      });
    if (outcome === 'duplicate') duplicates++;
    else if (outcome) documentIds.push(outcome);
  }
  return {
    result: duplicates === local.length ? 'duplicate' : 'accepted',
    kind: 'edoc',
    business,
    documentIds,
  };
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}

/** Status of a recipient at another installation: lands on our delivery row next to internal ones. */
const STATUS_TO_DELIVERY: Partial<Record<StatusCode, string>> = {
  '01': 'delivered',
  '02': 'refused',
  '03': 'registered',
  '04': 'registered',
  '05': 'assigned',
  '06': 'done',
};

async function receiveStatus(s: Services, input: ReceiveInput, st: StatusPacket): Promise<ReceiveResult> {
  const base = {
    kind: 'status',
    business: st.statusCode,
    senderCode: st.from.organId,
    docKey: st.responseFor.documentId,
    subject: st.description ?? '',
  };
  // Timestamps have one-second resolution, so two statuses of one second (update then recall accepted)
  // differ only by content: the key is the packet's hash.
  const packageSha = sha256Hex(input.bytes);
  const idemKey = `status|${st.from.organId}|${st.responseFor.documentId}|${st.statusCode}|${packageSha}`;
  const [seen] = await s.db
    .select()
    .from(exchangeInbox)
    .where(and(eq(exchangeInbox.idemKey, idemKey), eq(exchangeInbox.state, 'accepted')));
  if (seen)
    return {
      result: 'duplicate',
      kind: 'status',
      business: st.statusCode,
      documentIds: seen.documentId ? [seen.documentId] : [],
    };

  if (st.statusCode === '13') return receiveRecallStatus(s, input, st, idemKey, packageSha);

  const local = await localAgency(s.db, st.responseFor.organId);
  if (!local || (input.actor && local.id !== input.actor.agencyId))
    return refuseReceipt(
      s,
      input,
      { ...base, toCode: st.responseFor.organId },
      'wrong_address',
      `Gói trạng thái không gửi cho cơ quan nào của hệ thống này (${st.responseFor.organId}).`,
    );
  const sentWith = (to: SQL | undefined) =>
    s.db
      .select()
      .from(exchangeOutbox)
      .where(and(eq(exchangeOutbox.docKey, st.responseFor.documentId), eq(exchangeOutbox.kind, 'edoc'), to))
      .orderBy(desc(exchangeOutbox.createdAt));
  let sent = await sentWith(eq(exchangeOutbox.toCode, st.from.organId));
  // A refusal (02) may come from the peer's home agency when the addressee is not served there: the
  // package this peer received with that DocumentId (one per addressee; the newest if several).
  if (sent.length === 0 && st.statusCode === '02' && input.peer)
    sent = (
      await sentWith(and(eq(exchangeOutbox.peerId, input.peer.id), eq(exchangeOutbox.business, 'new')))
    ).slice(0, 1);
  const first = sent.find((r) => r.business === 'new');
  if (!first?.deliveryId)
    return refuseReceipt(
      s,
      input,
      { ...base, toCode: st.responseFor.organId, agencyId: local.id },
      'not_found',
      `Không có văn bản ${st.responseFor.documentId} đã gửi cho ${st.from.organId}.`,
    );
  const latestFollow = sent.find((r) => r.business === 'recall' || r.business === 'update');
  await s.db
    .transaction(async (tx) => {
      let status = STATUS_TO_DELIVERY[st.statusCode];
      let note = st.description ?? STATUS_TEXT[st.statusCode];
      if (st.statusCode === '15') {
        if (latestFollow?.business === 'recall') status = 'recalled';
        note = `${latestFollow?.business === 'recall' ? 'Đã thu hồi' : 'Đã cập nhật'}: ${note}`;
      }
      if (st.statusCode === '16')
        note = `${latestFollow?.business === 'recall' ? 'Từ chối thu hồi' : 'Từ chối cập nhật'}: ${note}`;
      const set: Partial<DeliveryRow> = { statusAt: s.now(), note };
      if (status) set.status = status;
      await tx
        .update(deliveries)
        .set(set)
        .where(
          and(
            eq(deliveries.id, first.deliveryId!),
            status === 'recalled' ? sql`true` : sql`${deliveries.status} <> 'recalled'`,
          ),
        );
      await addEvent(tx, null, first.documentId!, 'exchange_status', note, {
        code: st.statusCode,
        recipient: st.from.organName,
        recipientCode: st.from.organId,
      });
      await tx.insert(exchangeInbox).values({
        peerId: input.peer?.id ?? null,
        via: input.peer ? 'peer' : 'upload',
        kind: 'status',
        business: st.statusCode,
        senderCode: st.from.organId,
        toCode: st.responseFor.organId,
        agencyId: local.id,
        docKey: st.responseFor.documentId,
        idemKey,
        subject: note.slice(0, 500),
        packageSha256: packageSha,
        packageSize: input.bytes.length,
        state: 'accepted',
        documentId: first.documentId,
      });
      if (st.statusCode === '02') {
        const doc = await fresh(tx, first.documentId!);
        await tell(
          tx,
          [doc.drafterId, ...(await peopleWithRole(tx, doc.agencyId, 'clerk'))],
          'exchange_refused',
          `${st.from.organName} từ chối tiếp nhận văn bản`,
          doc,
        );
      }
    })
    .catch((e: unknown) => {
      if (!isUniqueViolation(e)) throw e;
    });
  return { result: 'accepted', kind: 'status', business: st.statusCode, documentIds: [first.documentId!] };
}

/** Status 13 (recall request) sent as a status packet by the original sender: cancel every copy here. */
async function receiveRecallStatus(
  s: Services,
  input: ReceiveInput,
  st: StatusPacket,
  idemKey: string,
  packageSha: string,
): Promise<ReceiveResult> {
  const copies = await s.db
    .select()
    .from(exchangeInbox)
    .where(
      and(
        eq(exchangeInbox.docKey, st.responseFor.documentId),
        eq(exchangeInbox.senderCode, st.from.organId),
        eq(exchangeInbox.state, 'accepted'),
        sql`${exchangeInbox.business} IN ('new', 'replace')`,
      ),
    );
  if (copies.length === 0)
    return refuseReceipt(
      s,
      input,
      { kind: 'status', business: '13', senderCode: st.from.organId, docKey: st.responseFor.documentId },
      'not_found',
      `Không có văn bản ${st.responseFor.documentId} nhận từ ${st.from.organId}.`,
    );
  const ids: string[] = [];
  await s.db.transaction(async (tx) => {
    const t = { ...s, db: tx };
    for (const c of copies) {
      if (!c.documentId) continue;
      await tx
        .update(documents)
        .set({ status: 'cancelled', holderId: null, updatedAt: s.now() })
        .where(eq(documents.id, c.documentId));
      await addEvent(tx, null, c.documentId, 'recalled', st.description ?? null, {
        by: st.from.organName,
        via: 'edxml',
      });
      await statusBack(t, c, c.documentId, null, '15', 'Đồng ý thu hồi văn bản');
      ids.push(c.documentId);
    }
    await tx.insert(exchangeInbox).values({
      peerId: input.peer?.id ?? null,
      via: input.peer ? 'peer' : 'upload',
      kind: 'status',
      business: '13',
      senderCode: st.from.organId,
      docKey: st.responseFor.documentId,
      idemKey,
      subject: (st.description ?? '').slice(0, 500),
      packageSha256: packageSha,
      packageSize: input.bytes.length,
      state: 'accepted',
      documentId: ids[0] ?? null,
    });
  });
  return { result: 'accepted', kind: 'status', business: '13', documentIds: ids };
}

export type { BusinessType };

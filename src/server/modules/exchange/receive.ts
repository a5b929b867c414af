import { and, asc, desc, eq, isNotNull, isNull, max, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit/index.ts';
import { saveBlobs } from '../../platform/blobs/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { agencies } from '../agencies/index.ts';
import {
  addEvent,
  type DeliveryRow,
  type DocumentRow,
  deliveries,
  documentFiles,
  documents,
  peopleWithRole,
  tell,
} from '../documents/index.ts';
import {
  acceptNewDocuments,
  acceptStatuses,
  FORWARD_STATUSES,
  isUniqueViolation,
  localAgencies,
  type Origin,
  type Outcome,
  STATUS_TO_DELIVERY,
  statusIdemKey,
} from './accept.ts';
import { type Edoc, EdxmlError, type ParsedPacket, parsePacket, type StatusPacket } from './edxml/index.ts';
import { outboxColumns } from './outbox.ts';
import type { PeerRow } from './peers.ts';
import { exchangeInbox, exchangeOutbox } from './schema.ts';
import { type Services, STATUS_TEXT, statusBack } from './service.ts';
import { sha256Hex } from './signature.ts';

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

const maxPackageBytes = (s: Services) => s.config.EXCHANGE_MAX_BYTES;

/** Records a refused package (outside any failed transaction) and, when possible, answers 02. */
export async function refuseReceipt(
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
  const found = await localAgencies(
    db,
    (edoc?.to ?? []).map((t) => t.organId),
  );
  for (const t of edoc?.to ?? []) {
    const a = found.get(t.organId);
    if (a) return a.id;
  }
  return null;
}

async function fresh(db: Db, id: string): Promise<DocumentRow> {
  const [d] = await db.select().from(documents).where(eq(documents.id, id));
  return d!;
}

/** Accepts a package from a peer or an upload; never leaves a half-created document. */
export async function receive(s: Services, input: ReceiveInput): Promise<ReceiveResult> {
  const [r] = await receiveMany(s, { peer: input.peer, actor: input.actor }, [input.bytes]);
  if (r instanceof AppError) throw r;
  return r!;
}

/** A clerk imports a package uploaded to the blob store: it must be addressed to their agency. */
export async function importUpload(ctx: Ctx, sha256: string): Promise<ReceiveResult> {
  if (ctx.actor.role !== 'clerk')
    throw new AppError('forbidden', 'Chỉ văn thư được nhập gói tin liên thông.');
  const bytes = await ctx.blobs.read(sha256);
  return receive(ctx, { bytes, peer: null, actor: ctx.actor });
}

/** Packages in one batch request at most (the sender sends 100). */
export const MAX_BATCH = 500;

/**
 * A batch from a peer (between Liên Thông installations): a multipart/form-data body, one standard
 * edXML package per part, handled in order (receiveMany), one outcome per part. The body is read
 * raw, not by the upload plugin, because the peer's signature covers its bytes.
 */
export async function receiveBatch(
  s: Services,
  origin: Origin,
  body: Buffer,
  contentType: string,
): Promise<Outcome[]> {
  let parts: Buffer[];
  try {
    const form = await new Response(new Uint8Array(body), {
      headers: { 'content-type': contentType },
    }).formData();
    parts = [];
    for (const v of form.values())
      parts.push(typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(await v.arrayBuffer()));
  } catch {
    throw new AppError('bad_request', 'Lô gói tin không đọc được (multipart/form-data hỏng).');
  }
  if (parts.length === 0 || parts.length > MAX_BATCH)
    throw new AppError('bad_request', `Một lô phải có từ 1 đến ${MAX_BATCH} gói tin.`);
  return receiveMany(s, origin, parts);
}

type Item =
  | { bytes: Buffer; packet: ParsedPacket; group: 'new' | 'status' | 'one' }
  | { bytes: Buffer; refusal: () => Promise<AppError> };

/**
 * Packages of one batch from a peer (or one package), handled in their order: each gets its result
 * or the error that refused it. Runs of new documents and of forward statuses are taken together
 * (accept.ts); recalls, updates, refusals (02) and recall answers (13, 15, 16) one by one.
 */
export async function receiveMany(s: Services, origin: Origin, bodies: Buffer[]): Promise<Outcome[]> {
  const items: Item[] = bodies.map((bytes) => classify(s, origin, bytes));
  const out: Outcome[] = new Array(items.length);
  for (let i = 0; i < items.length; ) {
    const it = items[i]!;
    if ('refusal' in it) {
      out[i++] = await it.refusal();
      continue;
    }
    if (it.group === 'one') {
      out[i++] = await receiveOne(s, { bytes: it.bytes, ...origin }, it.packet).catch((e: unknown) => {
        if (e instanceof AppError) return e;
        throw e;
      });
      continue;
    }
    let j = i;
    while (j < items.length) {
      const n = items[j]!;
      if ('refusal' in n || n.group !== it.group) break;
      j++;
    }
    const run = items.slice(i, j) as Extract<Item, { packet: ParsedPacket }>[];
    const got =
      it.group === 'new'
        ? await acceptNewDocuments(
            s,
            origin,
            run.map((r) => ({ bytes: r.bytes, edoc: (r.packet as { edoc: Edoc }).edoc })),
          )
        : await acceptStatuses(
            s,
            origin,
            run.map((r) => ({ bytes: r.bytes, status: (r.packet as { status: StatusPacket }).status })),
          );
    got.forEach((r, k) => {
      out[i + k] = r;
    });
    i = j;
  }
  return out;
}

/** Parses a package and says how it is taken, or how it is refused (malformed, foreign sender). */
function classify(s: Services, origin: Origin, bytes: Buffer): Item {
  const input = { bytes, ...origin };
  let packet: ParsedPacket;
  try {
    packet = parsePacket(bytes, {
      maxBytes: maxPackageBytes(s),
      maxAttachmentBytes: s.config.UPLOAD_MAX_BYTES,
    });
  } catch (e) {
    if (!(e instanceof EdxmlError)) throw e;
    return {
      bytes,
      refusal: () =>
        caught(refuseReceipt(s, input, { kind: 'unknown', business: 'unknown' }, e.reason, e.message)),
    };
  }
  const senderCode = packet.kind === 'edoc' ? packet.edoc.from.organId : packet.status.from.organId;
  if (origin.peer && !origin.peer.agencyCodes.includes(senderCode)) {
    const peer = origin.peer;
    return {
      bytes,
      refusal: () =>
        caught(
          refuseReceipt(
            s,
            input,
            { kind: packet.kind, business: 'unknown', senderCode },
            'forbidden',
            `Nơi gửi ${senderCode} không thuộc hệ thống “${peer.name}” đã ký gói tin.`,
          ),
        ),
    };
  }
  if (packet.kind === 'edoc')
    return { bytes, packet, group: ['new', 'replace'].includes(packet.edoc.trace.business) ? 'new' : 'one' };
  return { bytes, packet, group: FORWARD_STATUSES.has(packet.status.statusCode) ? 'status' : 'one' };
}

async function caught(p: Promise<never>): Promise<AppError> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
}

function receiveOne(s: Services, input: ReceiveInput, packet: ParsedPacket): Promise<ReceiveResult> {
  if (packet.kind === 'edoc') return receiveFollowUp(s, input, packet.edoc);
  if (packet.status.statusCode === '13') return receiveRecallStatus(s, input, packet.status);
  return receiveStatus(s, input, packet.status);
}

/** A recall or an update of a document this sender delivered here earlier. */
async function receiveFollowUp(s: Services, input: ReceiveInput, edoc: Edoc): Promise<ReceiveResult> {
  const business = edoc.trace.business;
  const base = edocInfo(edoc);
  // Addressees served here; an upload goes only to the clerk's own agency.
  const byCode = await localAgencies(
    s.db,
    edoc.to.map((t) => t.organId),
  );
  const local: { code: string; agency: typeof agencies.$inferSelect }[] = [];
  for (const t of edoc.to) {
    const a = byCode.get(t.organId);
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
  // Files are checked and stored before the transaction (by hash: a refusal leaves no document).
  const stored: { sha256: string; size: number; mediaType: string; name: string; role: string }[] = [];
  if (business !== 'recall') {
    const saved = await saveBlobs(
      s.db,
      s.blobs,
      edoc.attachments.map((a) => ({
        bytes: a.data,
        declaredType: a.contentType,
        maxBytes: s.config.UPLOAD_MAX_BYTES,
      })),
    );
    const bad = saved.find((b) => b instanceof AppError);
    if (bad)
      return refuseReceipt(
        s,
        input,
        { ...base, agencyId: local[0]!.agency.id, toCode: local[0]!.code },
        'invalid',
        `Tệp đính kèm bị từ chối: ${bad.detail}`,
      );
    saved.forEach((b, i) => {
      if (!(b instanceof AppError))
        stored.push({ ...b, name: edoc.attachments[i]!.name, role: i === 0 ? 'main' : 'attachment' });
    });
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
        // The copy this sender delivered here earlier.
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
            await tx.insert(documentFiles).values(
              stored.map((f) => ({
                documentId: copy.id,
                sha256: f.sha256,
                fileName: f.name,
                mediaType: f.mediaType,
                size: f.size,
                role: f.role,
                version,
              })),
            );
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

/** A status packet's hash and idempotency key, and the answer when it was accepted before. */
async function statusSeen(s: Services, input: ReceiveInput, st: StatusPacket) {
  const packageSha = sha256Hex(input.bytes);
  const idemKey = statusIdemKey(st, packageSha);
  const [seen] = await s.db
    .select({ documentId: exchangeInbox.documentId })
    .from(exchangeInbox)
    .where(and(eq(exchangeInbox.idemKey, idemKey), eq(exchangeInbox.state, 'accepted')));
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

/** What a refusal of a document package records about it. */
export function edocInfo(edoc: Edoc) {
  return {
    kind: 'edoc',
    business: edoc.trace.business as string,
    senderCode: edoc.from.organId,
    docKey: edoc.documentId,
    subject: edoc.subject,
    edoc,
  };
}

/** What a refusal of a status packet records about it. */
export function statusInfo(st: StatusPacket) {
  return {
    kind: 'status',
    business: st.statusCode as string,
    senderCode: st.from.organId,
    docKey: st.responseFor.documentId,
    subject: st.description ?? '',
  };
}

/** A refusal (02) or an answer to a recall or update (15, 16): one at a time. */
async function receiveStatus(s: Services, input: ReceiveInput, st: StatusPacket): Promise<ReceiveResult> {
  const base = statusInfo(st);
  const { packageSha, idemKey, duplicate } = await statusSeen(s, input, st);
  if (duplicate) return duplicate;

  const local = (await localAgencies(s.db, [st.responseFor.organId])).get(st.responseFor.organId);
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
      .select(outboxColumns)
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
): Promise<ReceiveResult> {
  const { packageSha, idemKey, duplicate } = await statusSeen(s, input, st);
  if (duplicate) return duplicate;
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

import { and, eq, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/client.ts';
import { auditMany } from '../../platform/audit/index.ts';
import { type StoredBlob, saveBlobs } from '../../platform/blobs/index.ts';
import { AppError } from '../../platform/http/errors.ts';
import { enqueueMany } from '../../platform/jobs/index.ts';
import { agencies } from '../agencies/index.ts';
import {
  documentEvents,
  documentFiles,
  documents,
  extractTextJob,
  peopleWithRoleIn,
  tellMany,
} from '../documents/index.ts';
import type { Edoc, StatusCode, StatusPacket } from './edxml/index.ts';
import { incomingValues } from './mapping.ts';
import { outboxColumns } from './outbox.ts';
import type { ReceiveInput, ReceiveResult } from './receive.ts';
import { edocInfo, refuseReceipt, statusInfo } from './receive.ts';
import { exchangeInbox, exchangeOutbox } from './schema.ts';
import { type Services, STATUS_TEXT, statusesBack } from './service.ts';
import { sha256Hex } from './signature.ts';

/**
 * Set-based acceptance of what arrives most: new documents, and the statuses that only move a
 * delivery forward (01, 03–06). A batch from a peer is checked package by package (addressees, files,
 * idempotency) with one statement per check for all of them, then written in one transaction with one
 * statement per table; a single package goes the same way as a batch of one, so there is one rule.
 * A refused package is recorded and answered on its own (receive.ts, refuseReceipt), never half made.
 */

export type Outcome = ReceiveResult | AppError;
/** Where a batch came from: the peer that signed it, or a clerk's upload. */
export type Origin = Pick<ReceiveInput, 'peer' | 'actor'>;

type AgencyRow = typeof agencies.$inferSelect;

/** Active agencies here (not divisions) with these codes. */
export async function localAgencies(db: Db, codes: string[]): Promise<Map<string, AgencyRow>> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return new Map();
  const found = await db
    .select()
    .from(agencies)
    .where(
      and(
        inArray(agencies.agencyCode, wanted),
        eq(agencies.status, 'active'),
        sql`${agencies.kind} <> 'division'`,
      ),
    );
  return new Map(found.map((a) => [a.agencyCode!, a]));
}

export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}

/** The refusal as an outcome (recorded, 02 sent where possible); other errors go up. */
async function refused(...args: Parameters<typeof refuseReceipt>): Promise<AppError> {
  try {
    return await refuseReceipt(...args);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
}

// ---- new documents ----------------------------------------------------------------------------

interface NewPlan {
  index: number;
  edoc: Edoc;
  input: ReceiveInput;
  packageSha: string;
  files: (StoredBlob & { name: string; role: string })[];
  /** Addressees here that get a new incoming document (idempotency keys not seen before). */
  fresh: { code: string; agency: AgencyRow; idemKey: string; documentId: string }[];
  /** Addressees that already hold it: an identical resend. */
  seen: string[];
}

export const newIdemKey = (edoc: Edoc, code: string) =>
  `edoc|${edoc.from.organId}|${edoc.documentId}|${code}|${edoc.trace.business}`;

/** New (or replacing) documents: each lands in the incoming queue of every addressee served here. */
export async function acceptNewDocuments(
  s: Services,
  origin: Origin,
  items: { bytes: Buffer; edoc: Edoc }[],
): Promise<Outcome[]> {
  const out: Outcome[] = new Array(items.length);
  const inputOf = (bytes: Buffer): ReceiveInput => ({ bytes, ...origin });
  const base = edocInfo;

  // 1. Addressees served here; an upload goes only to the clerk's own agency.
  const byCode = await localAgencies(
    s.db,
    items.flatMap((it) => it.edoc.to.map((t) => t.organId)),
  );
  const addressed: { index: number; local: { code: string; agency: AgencyRow }[] }[] = [];
  for (const [index, { bytes, edoc }] of items.entries()) {
    const local: { code: string; agency: AgencyRow }[] = [];
    for (const t of edoc.to) {
      const a = byCode.get(t.organId);
      if (a && (!origin.actor || a.id === origin.actor.agencyId) && !local.some((l) => l.code === t.organId))
        local.push({ code: t.organId, agency: a });
    }
    if (local.length) {
      addressed.push({ index, local });
      continue;
    }
    const codes = edoc.to.map((t) => t.organId).join(', ');
    out[index] = await refused(
      s,
      inputOf(bytes),
      { ...base(edoc), toCode: edoc.to.map((t) => t.organId).join(',') },
      'wrong_address',
      origin.actor
        ? `Gói tin không gửi cho cơ quan của bạn (nơi nhận: ${codes}).`
        : `Không có nơi nhận nào của gói tin thuộc hệ thống này (nơi nhận: ${codes}).`,
    );
  }

  // 2. Files: checked (type sniffing, size) and stored before the transaction. Storage is by hash, so
  // a refusal leaves at most unreferenced blobs, never a half-created document.
  const attachments = addressed.flatMap(({ index }) =>
    items[index]!.edoc.attachments.map((a) => ({
      index,
      bytes: a.data,
      declaredType: a.contentType,
      maxBytes: s.config.UPLOAD_MAX_BYTES,
    })),
  );
  const stored = await saveBlobs(s.db, s.blobs, attachments);
  const plans: NewPlan[] = [];
  for (const { index, local } of addressed) {
    const { bytes, edoc } = items[index]!;
    const mine = stored.filter((_, k) => attachments[k]!.index === index);
    const bad = mine.find((b) => b instanceof AppError);
    const first = { ...base(edoc), agencyId: local[0]!.agency.id, toCode: local[0]!.code };
    if (bad) {
      out[index] = await refused(
        s,
        inputOf(bytes),
        first,
        'invalid',
        `Tệp đính kèm bị từ chối: ${bad.detail}`,
      );
      continue;
    }
    if (mine.length === 0) {
      out[index] = await refused(s, inputOf(bytes), first, 'invalid', 'Gói tin không có tệp văn bản.');
      continue;
    }
    plans.push({
      index,
      edoc,
      input: inputOf(bytes),
      packageSha: sha256Hex(bytes),
      files: (mine as StoredBlob[]).map((b, i) => ({
        ...b,
        name: edoc.attachments[i]!.name,
        role: i === 0 ? 'main' : 'attachment',
      })),
      fresh: local.map((l) => ({ ...l, idemKey: newIdemKey(edoc, l.code), documentId: uuidv7() })),
      seen: [],
    });
  }

  // 3. Idempotency: an identical package already accepted (or earlier in this batch) is a duplicate;
  // the same DocumentId with other content is refused.
  const keys = plans.flatMap((p) => p.fresh.map((f) => f.idemKey));
  const known = new Map(
    (keys.length
      ? await s.db
          .select({
            idemKey: exchangeInbox.idemKey,
            sha: exchangeInbox.packageSha256,
            documentId: exchangeInbox.documentId,
            createdAt: exchangeInbox.createdAt,
          })
          .from(exchangeInbox)
          .where(and(inArray(exchangeInbox.idemKey, keys), eq(exchangeInbox.state, 'accepted')))
      : []
    ).map((r) => [r.idemKey!, r]),
  );
  const writing: NewPlan[] = [];
  for (const p of plans) {
    const conflict = p.fresh.find((f) => {
      const k = known.get(f.idemKey);
      return k && k.sha !== p.packageSha;
    });
    if (conflict) {
      const k = known.get(conflict.idemKey)!;
      out[p.index] = await refused(
        s,
        p.input,
        { ...base(p.edoc), business: 'duplicate', agencyId: conflict.agency.id, toCode: conflict.code },
        'duplicate',
        `Văn bản ${p.edoc.documentId} đã được nhận trước đó (${k.createdAt.toISOString()}) với nội dung khác; gói tin trùng bị từ chối.`,
      );
      continue;
    }
    p.seen = p.fresh.filter((f) => known.has(f.idemKey)).map((f) => known.get(f.idemKey)!.documentId ?? '');
    p.fresh = p.fresh.filter((f) => !known.has(f.idemKey));
    for (const f of p.fresh)
      known.set(f.idemKey, {
        idemKey: f.idemKey,
        sha: p.packageSha,
        documentId: f.documentId,
        createdAt: s.now(),
      });
    writing.push(p);
  }

  // 4. One transaction for all of them. Two deliveries of the same package at once: the unique key
  // lets one win; the batch is then taken one package at a time, and the loser is a duplicate.
  try {
    await s.db.transaction((tx) => writeNewDocuments({ ...s, db: tx }, origin, writing));
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    if (writing.length === 1) {
      const p = writing[0]!;
      out[p.index] = { result: 'duplicate', kind: 'edoc', business: p.edoc.trace.business, documentIds: [] };
      return out;
    }
    for (const p of writing) out[p.index] = (await acceptNewDocuments(s, origin, [items[p.index]!]))[0]!;
    return out;
  }
  for (const p of writing)
    out[p.index] = {
      result: p.fresh.length === 0 ? 'duplicate' : 'accepted',
      kind: 'edoc',
      business: p.edoc.trace.business,
      documentIds: [...p.seen.filter(Boolean), ...p.fresh.map((f) => f.documentId)],
    };
  return out;
}

async function writeNewDocuments(s: Services, origin: Origin, plans: NewPlan[]) {
  const made = plans.flatMap((p) => p.fresh.map((f) => ({ p, f })));
  if (made.length === 0) return;
  const now = s.now();
  const docs = made.map(({ p, f }) => ({
    ...incomingValues(p.edoc),
    id: f.documentId,
    agencyId: f.agency.id,
    arrivedAt: now,
  }));
  await s.db.insert(documents).values(docs);
  await s.db.insert(documentFiles).values(
    made.flatMap(({ p, f }) =>
      p.files.map((file) => ({
        documentId: f.documentId,
        sha256: file.sha256,
        fileName: file.name,
        mediaType: file.mediaType,
        size: file.size,
        role: file.role,
      })),
    ),
  );
  await s.db.insert(documentEvents).values(
    made.map(({ p, f }) => ({
      documentId: f.documentId,
      actorId: null,
      actorName: 'Hệ thống',
      kind: 'arrived',
      note: null,
      data: {
        from: p.edoc.from.organName,
        via: 'edxml',
        documentId: p.edoc.documentId,
        ...(p.edoc.trace.replacements ? { replaces: p.edoc.trace.replacements } : {}),
      },
    })),
  );
  const clerks = await peopleWithRoleIn(
    s.db,
    made.map(({ f }) => f.agency.id),
    'clerk',
  );
  await tellMany(
    s.db,
    made.map(({ p, f }) => ({
      personIds: clerks.get(f.agency.id) ?? [],
      kind: 'arrived',
      title: `Văn bản liên thông mới đến từ ${p.edoc.from.organName}`,
      doc: { id: f.documentId, summary: p.edoc.subject },
    })),
  );
  await enqueueMany(
    s.db,
    extractTextJob,
    made.map(({ f }) => ({
      payload: { documentId: f.documentId },
      opts: { maxAttempts: 3 },
    })),
  );
  await s.db.insert(exchangeInbox).values(
    made.map(({ p, f }) => ({
      peerId: origin.peer?.id ?? null,
      via: origin.peer ? 'peer' : 'upload',
      kind: 'edoc',
      business: p.edoc.trace.business,
      senderCode: p.edoc.from.organId,
      toCode: f.code,
      agencyId: f.agency.id,
      docKey: p.edoc.documentId,
      idemKey: f.idemKey,
      subject: p.edoc.subject.slice(0, 500),
      packageSha256: p.packageSha,
      packageSize: p.input.bytes.length,
      state: 'accepted',
      documentId: f.documentId,
    })),
  );
  await statusesBack(
    s,
    made.map(({ p, f }) => ({
      inbox: { senderCode: p.edoc.from.organId, docKey: p.edoc.documentId, agencyId: f.agency.id },
      documentId: f.documentId,
      edoc: p.edoc,
      code: '01' as StatusCode,
      description: STATUS_TEXT['01'],
    })),
  );
  await auditMany(
    s.db,
    origin.actor ?? { system: 'exchange' },
    made.map(({ p, f }) => ({
      action: 'exchange.receive',
      entityType: 'document',
      entityId: f.documentId,
      agencyId: f.agency.id,
      detail: { business: p.edoc.trace.business, documentId: p.edoc.documentId, from: p.edoc.from.organId },
    })),
  );
}

// ---- statuses that move a delivery forward -----------------------------------------------------

/** Status of a recipient at another installation: lands on our delivery row next to internal ones. */
export const STATUS_TO_DELIVERY: Partial<Record<StatusCode, string>> = {
  '01': 'delivered',
  '02': 'refused',
  '03': 'registered',
  '04': 'registered',
  '05': 'assigned',
  '06': 'done',
};

/** The statuses taken set-based; 02 (a refusal, which notifies people), 13, 15 and 16 go one by one. */
export const FORWARD_STATUSES = new Set<StatusCode>(['01', '03', '04', '05', '06']);

// Timestamps have one-second resolution, so two statuses of one second (update then recall accepted)
// differ only by content: the key is the packet's hash.
export const statusIdemKey = (st: StatusPacket, packageSha: string) =>
  `status|${st.from.organId}|${st.responseFor.documentId}|${st.statusCode}|${packageSha}`;

export async function acceptStatuses(
  s: Services,
  origin: Origin,
  items: { bytes: Buffer; status: StatusPacket }[],
): Promise<Outcome[]> {
  const out: Outcome[] = new Array(items.length);
  const shas = items.map((it) => sha256Hex(it.bytes));
  const keys = items.map((it, i) => statusIdemKey(it.status, shas[i]!));
  const seen = new Map(
    (
      await s.db
        .select({ idemKey: exchangeInbox.idemKey, documentId: exchangeInbox.documentId })
        .from(exchangeInbox)
        .where(and(inArray(exchangeInbox.idemKey, keys), eq(exchangeInbox.state, 'accepted')))
    ).map((r) => [r.idemKey!, r.documentId]),
  );
  const locals = await localAgencies(
    s.db,
    items.map((it) => it.status.responseFor.organId),
  );
  const sent = await s.db
    .select(outboxColumns)
    .from(exchangeOutbox)
    .where(
      and(
        inArray(exchangeOutbox.docKey, [...new Set(items.map((it) => it.status.responseFor.documentId))]),
        eq(exchangeOutbox.kind, 'edoc'),
        eq(exchangeOutbox.business, 'new'),
      ),
    );
  const writes: {
    index: number;
    st: StatusPacket;
    sha: string;
    key: string;
    agencyId: string;
    deliveryId: string;
    documentId: string;
    note: string;
  }[] = [];
  for (const [index, { bytes, status: st }] of items.entries()) {
    const key = keys[index]!;
    const ok = (documentIds: string[], result: 'accepted' | 'duplicate'): ReceiveResult => ({
      result,
      kind: 'status',
      business: st.statusCode,
      documentIds,
    });
    if (seen.has(key)) {
      const d = seen.get(key);
      out[index] = ok(d ? [d] : [], 'duplicate');
      continue;
    }
    const base = statusInfo(st);
    const local = locals.get(st.responseFor.organId);
    if (!local || (origin.actor && local.id !== origin.actor.agencyId)) {
      out[index] = await refused(
        s,
        { bytes, ...origin },
        { ...base, toCode: st.responseFor.organId },
        'wrong_address',
        `Gói trạng thái không gửi cho cơ quan nào của hệ thống này (${st.responseFor.organId}).`,
      );
      continue;
    }
    const first = sent
      .filter((r) => r.docKey === st.responseFor.documentId && r.toCode === st.from.organId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    if (!first?.deliveryId || !first.documentId) {
      out[index] = await refused(
        s,
        { bytes, ...origin },
        { ...base, toCode: st.responseFor.organId, agencyId: local.id },
        'not_found',
        `Không có văn bản ${st.responseFor.documentId} đã gửi cho ${st.from.organId}.`,
      );
      continue;
    }
    seen.set(key, first.documentId);
    writes.push({
      index,
      st,
      sha: shas[index]!,
      key,
      agencyId: local.id,
      deliveryId: first.deliveryId,
      documentId: first.documentId,
      note: st.description ?? STATUS_TEXT[st.statusCode],
    });
    out[index] = ok([first.documentId], 'accepted');
  }
  if (writes.length === 0) return out;
  try {
    await s.db.transaction(async (tx) => {
      // The newest status of each delivery in this batch is the one it shows (a recalled one stays so).
      const last = new Map(writes.map((w) => [w.deliveryId, w]));
      const list = [...last.values()];
      await tx.execute(sql`UPDATE deliveries d SET status = v.status, status_at = ${s.now()}, note = v.note
          FROM (SELECT unnest(${sql.param(list.map((w) => w.deliveryId))}::uuid[]) AS id,
                       unnest(${sql.param(list.map((w) => STATUS_TO_DELIVERY[w.st.statusCode]!))}::text[]) AS status,
                       unnest(${sql.param(list.map((w) => w.note))}::text[]) AS note) v
         WHERE d.id = v.id AND d.status <> 'recalled'`);
      await tx.insert(documentEvents).values(
        writes.map((w) => ({
          documentId: w.documentId,
          actorId: null,
          actorName: 'Hệ thống',
          kind: 'exchange_status',
          note: w.note,
          data: { code: w.st.statusCode, recipient: w.st.from.organName, recipientCode: w.st.from.organId },
        })),
      );
      await tx.insert(exchangeInbox).values(
        writes.map((w) => ({
          peerId: origin.peer?.id ?? null,
          via: origin.peer ? 'peer' : 'upload',
          kind: 'status',
          business: w.st.statusCode,
          senderCode: w.st.from.organId,
          toCode: w.st.responseFor.organId,
          agencyId: w.agencyId,
          docKey: w.st.responseFor.documentId,
          idemKey: w.key,
          subject: w.note.slice(0, 500),
          packageSha256: w.sha,
          packageSize: items[w.index]!.bytes.length,
          state: 'accepted',
          documentId: w.documentId,
        })),
      );
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // The same status delivered twice at once: one at a time, the loser is a duplicate.
    if (writes.length === 1) {
      const w = writes[0]!;
      out[w.index] = {
        result: 'duplicate',
        kind: 'status',
        business: w.st.statusCode,
        documentIds: [w.documentId],
      };
      return out;
    }
    for (const w of writes) out[w.index] = (await acceptStatuses(s, origin, [items[w.index]!]))[0]!;
  }
  return out;
}

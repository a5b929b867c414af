import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { type DeliveryReport, reportDeliveries } from '../../documents/index.ts';
import type { StatusCode, StatusPacket } from '../edxml/index.ts';
import { outboxColumns } from '../outbox.ts';
import { exchangeOutbox } from '../schema.ts';
import { type Services, STATUS_TEXT } from '../service.ts';
import { sha256Hex } from '../signature.ts';
import { agenciesHere } from './addressees.ts';
import { acceptedByKeys, inboxRow, recordInbox, statusIdemKey, statusSeen } from './inbox.ts';
import { refused, refuseReceipt } from './refusal.ts';
import {
  isUniqueViolation,
  type Origin,
  type Outcome,
  type ReceiveInput,
  type ReceiveResult,
  statusInfo,
} from './types.ts';

/**
 * Statuses of documents we sent, from the recipients' installations: they land on our delivery rows
 * next to internal recipients (documents' reportDeliveries). Those that only move a delivery forward
 * (01, 03–06) are taken set-based, a run at a time; a refusal (02, which notifies people) and the
 * answers to a recall or an update (15, 16) one at a time.
 */

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

type SentRow = Awaited<ReturnType<typeof sentNew>>[number];

/** The first packages ('new') of the documents we sent with these DocumentIds, in one query. */
function sentNew(db: Db, docKeys: string[]) {
  return db
    .select(outboxColumns)
    .from(exchangeOutbox)
    .where(
      and(
        inArray(exchangeOutbox.docKey, [...new Set(docKeys)]),
        eq(exchangeOutbox.kind, 'edoc'),
        eq(exchangeOutbox.business, 'new'),
      ),
    );
}

interface StatusWrite {
  index: number;
  st: StatusPacket;
  sha: string;
  key: string;
  agencyId: string;
  deliveryId: string;
  documentId: string;
  note: string;
}

/** A run of forward statuses: checked with one query per check, written in one transaction. */
export async function acceptStatuses(
  s: Services,
  origin: Origin,
  items: { bytes: Buffer; status: StatusPacket }[],
): Promise<Outcome[]> {
  const out: Outcome[] = new Array(items.length);
  const writes = await checkStatuses(s, origin, items, out);
  if (writes.length === 0) return out;
  try {
    await s.db.transaction((tx) => writeStatuses({ ...s, db: tx }, origin, items, writes));
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

/** Duplicates answered, wrongly addressed or unknown ones refused; the others are to write. */
async function checkStatuses(
  s: Services,
  origin: Origin,
  items: { bytes: Buffer; status: StatusPacket }[],
  out: Outcome[],
): Promise<StatusWrite[]> {
  const shas = items.map((it) => sha256Hex(it.bytes));
  const keys = items.map((it, i) => statusIdemKey(it.status, shas[i]!));
  const seen = new Map([...(await acceptedByKeys(s.db, keys))].map(([k, a]) => [k, a.documentId]));
  const locals = await agenciesHere(
    s.db,
    items.map((it) => it.status.responseFor.organId),
  );
  const sent = await sentNew(
    s.db,
    items.map((it) => it.status.responseFor.documentId),
  );
  const writes: StatusWrite[] = [];
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
    const local = locals.get(st.responseFor.organId);
    if (!local || (origin.actor && local.id !== origin.actor.agencyId)) {
      out[index] = await refused(s, { bytes, ...origin }, ...notForUs(st));
      continue;
    }
    const first = newestTo(sent, st);
    if (!first?.deliveryId || !first.documentId) {
      out[index] = await refused(s, { bytes, ...origin }, ...notSentTo(st, local.id));
      continue;
    }
    seen.set(key, first.documentId);
    const note = st.description ?? STATUS_TEXT[st.statusCode];
    const { deliveryId, documentId } = first;
    writes.push({ index, st, sha: shas[index]!, key, agencyId: local.id, deliveryId, documentId, note });
    out[index] = ok([first.documentId], 'accepted');
  }
  return writes;
}

/** The package we sent that a status answers: to its sender, the newest if several. */
function newestTo(sent: SentRow[], st: StatusPacket): SentRow | undefined {
  return sent
    .filter((r) => r.docKey === st.responseFor.documentId && r.toCode === st.from.organId)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
}

/** The refusal of a status addressed to no agency here. */
function notForUs(st: StatusPacket) {
  return [
    { ...statusInfo(st), toCode: st.responseFor.organId },
    'wrong_address',
    `Gói trạng thái không gửi cho cơ quan nào của hệ thống này (${st.responseFor.organId}).`,
  ] as const;
}

/** The refusal of a status about a document we did not send to its sender. */
function notSentTo(st: StatusPacket, agencyId: string) {
  return [
    { ...statusInfo(st), toCode: st.responseFor.organId, agencyId },
    'not_found',
    `Không có văn bản ${st.responseFor.documentId} đã gửi cho ${st.from.organId}.`,
  ] as const;
}

/** What a status reports on our delivery: its row, and an event on the document we sent. */
function reportOf(st: StatusPacket, w: { deliveryId: string; documentId: string }, note: string) {
  return {
    deliveryId: w.deliveryId,
    documentId: w.documentId,
    note,
    event: {
      kind: 'exchange_status',
      data: { code: st.statusCode, recipient: st.from.organName, recipientCode: st.from.organId },
    },
  };
}

async function writeStatuses(s: Services, origin: Origin, items: { bytes: Buffer }[], writes: StatusWrite[]) {
  // The newest status of each delivery in this batch is the one it shows (a recalled one stays so).
  await reportDeliveries(
    s.db,
    s.now(),
    writes.map((w) => ({ ...reportOf(w.st, w, w.note), status: STATUS_TO_DELIVERY[w.st.statusCode]! })),
  );
  await recordInbox(
    s.db,
    writes.map((w) =>
      inboxRow(origin, items[w.index]!.bytes, {
        kind: 'status',
        business: w.st.statusCode,
        senderCode: w.st.from.organId,
        toCode: w.st.responseFor.organId,
        agencyId: w.agencyId,
        docKey: w.st.responseFor.documentId,
        idemKey: w.key,
        subject: w.note.slice(0, 500),
        packageSha256: w.sha,
        state: 'accepted',
        documentId: w.documentId,
      }),
    ),
  );
}

/** A refusal (02) or an answer to a recall or update (15, 16): one at a time. */
export async function receiveStatus(
  s: Services,
  input: ReceiveInput,
  st: StatusPacket,
): Promise<ReceiveResult> {
  const { packageSha, idemKey, duplicate } = await statusSeen(s.db, input.bytes, st);
  if (duplicate) return duplicate;
  const local = (await agenciesHere(s.db, [st.responseFor.organId])).get(st.responseFor.organId);
  if (!local || (input.actor && local.id !== input.actor.agencyId))
    return refuseReceipt(s, input, ...notForUs(st));
  const sent = await sentFor(s, input, st);
  const first = sent.find((r) => r.business === 'new');
  if (!first?.deliveryId) return refuseReceipt(s, input, ...notSentTo(st, local.id));
  const report = answerReport(st, sent, { deliveryId: first.deliveryId, documentId: first.documentId! });
  await s.db
    .transaction(async (tx) => {
      await reportDeliveries(tx, s.now(), [report]);
      await recordInbox(tx, [
        inboxRow(input, input.bytes, {
          kind: 'status',
          business: st.statusCode,
          senderCode: st.from.organId,
          toCode: st.responseFor.organId,
          agencyId: local.id,
          docKey: st.responseFor.documentId,
          idemKey,
          subject: report.note.slice(0, 500),
          packageSha256: packageSha,
          state: 'accepted',
          documentId: first.documentId,
        }),
      ]);
    })
    .catch((e: unknown) => {
      if (!isUniqueViolation(e)) throw e;
    });
  return { result: 'accepted', kind: 'status', business: st.statusCode, documentIds: [first.documentId!] };
}

/** The packages (new, recall, update) we sent with the DocumentId a status answers, newest first. */
async function sentFor(s: Services, input: ReceiveInput, st: StatusPacket) {
  const sentWith = (to: SQL | undefined) =>
    s.db
      .select(outboxColumns)
      .from(exchangeOutbox)
      .where(and(eq(exchangeOutbox.docKey, st.responseFor.documentId), eq(exchangeOutbox.kind, 'edoc'), to))
      .orderBy(desc(exchangeOutbox.createdAt));
  const sent = await sentWith(eq(exchangeOutbox.toCode, st.from.organId));
  // A refusal (02) may come from the peer's home agency when the addressee is not served there: the
  // package this peer received with that DocumentId (one per addressee; the newest if several).
  if (sent.length === 0 && st.statusCode === '02' && input.peer)
    return (
      await sentWith(and(eq(exchangeOutbox.peerId, input.peer.id), eq(exchangeOutbox.business, 'new')))
    ).slice(0, 1);
  return sent;
}

/**
 * What a refusal (02) or an answer (15, 16) does to our delivery: 15 to our latest recall marks it
 * recalled; the note says which request was accepted or refused; a refusal tells the drafter and
 * the clerks.
 */
function answerReport(
  st: StatusPacket,
  sent: SentRow[],
  delivery: { deliveryId: string; documentId: string },
): DeliveryReport & { note: string } {
  const latestFollow = sent.find((r) => r.business === 'recall' || r.business === 'update');
  let status = STATUS_TO_DELIVERY[st.statusCode];
  let note = st.description ?? STATUS_TEXT[st.statusCode];
  if (st.statusCode === '15') {
    if (latestFollow?.business === 'recall') status = 'recalled';
    note = `${latestFollow?.business === 'recall' ? 'Đã thu hồi' : 'Đã cập nhật'}: ${note}`;
  }
  if (st.statusCode === '16')
    note = `${latestFollow?.business === 'recall' ? 'Từ chối thu hồi' : 'Từ chối cập nhật'}: ${note}`;
  return {
    ...reportOf(st, delivery, note),
    ...(status ? { status } : {}),
    ...(st.statusCode === '02'
      ? { notify: { kind: 'exchange_refused', title: `${st.from.organName} từ chối tiếp nhận văn bản` } }
      : {}),
  };
}

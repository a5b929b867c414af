import { and, eq, type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { insertRowsSql } from '../../db/bulk.ts';
import { audit } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { decodeCursor, paginate } from '../../platform/http/pagination.ts';
import { enqueueSql } from '../../platform/jobs/index.ts';
import {
  type DeliveryRow,
  type DocumentRow,
  findDocuments,
  loadVisible,
  markDeliveries,
  type OutsideExchange,
} from '../documents/index.ts';
import {
  type BusinessType,
  buildEdoc,
  buildStatus,
  edocDocumentId,
  type StatusCode,
  type StatusPacket,
  wireTimestamp,
} from './edxml/index.ts';
import { edocFromDocument, organsOf } from './mapping.ts';
import { flushJob, flushJobFor, outboxColumns, queuePackage, queuePackages, requestFlush } from './outbox.ts';
import { getPeer, listPeers, peersServing } from './peers.ts';
import * as queues from './queues.ts';
import { exchangeInbox, exchangeOutbox } from './schema.ts';

/** What the exchange needs besides an actor: the app's services. */
export type Services = Omit<Ctx, 'actor'>;

const maxPackageBytes = (s: Services) => s.config.EXCHANGE_MAX_BYTES;

// ---- sending ---------------------------------------------------------------------------------

/**
 * WITH items of the release's statement queueing the package of a released document for each
 * recipient served by a peer, the one the release routed it to: only the queue rows (and their flush
 * jobs) are written here, the flush builds the package (outbox.ts, packagesOf).
 */
function queueReleasedSql(
  doc: DocumentRow,
  to: { deliveryId: string; agencyCode: string; peerId: string }[],
  staff: string,
  numbered: { from: SQL; numberText: SQL },
): SQL {
  if (doc.secrecy !== 'normal')
    throw new AppError('forbidden', 'Văn bản mật không được gửi hoặc xuất qua mạng.');
  if (!doc.issuerCode || !doc.issuedDate || !doc.notation)
    throw new AppError('conflict', 'Cơ quan chưa có mã định danh nên chưa gửi được văn bản liên thông.');
  // The DocumentId as edocDocumentId shapes it, the number (taken in the same statement) in the middle.
  const [before, after] = edocDocumentId(doc.issuerCode, doc.issuedDate, '\u0000', doc.notation).split(
    '\u0000',
  );
  const rows = to.map((t) => ({
    id: uuidv7(),
    peerId: t.peerId,
    kind: 'edoc',
    business: 'new',
    documentId: doc.id,
    deliveryId: t.deliveryId,
    docKey: '',
    toCode: t.agencyCode,
    subject: doc.summary.slice(0, 500),
    staff,
  }));
  return sql`exchange_queued AS (${insertRowsSql(exchangeOutbox, rows, {
    from: numbered.from,
    computed: { docKey: sql`${before} || ${numbered.numberText} || ${after}` },
  })}), ${enqueueSql('exchange_flush', flushJob, rows.map(flushJobFor), { from: numbered.from })}`;
}

/** The active peers serving these codes, as JSON [{code, peerId, peerName}], for the release's first read. */
function peersSql(codes: SQL): SQL {
  return sql`(SELECT coalesce(json_agg(json_build_object('code', c.code, 'peerId', p.id, 'peerName', p.name)), '[]'::json)
      FROM unnest(${codes}) AS c(code)
      JOIN LATERAL (SELECT id, name FROM exchange_peers p WHERE p.status = 'active' AND p.agency_codes @> jsonb_build_array(c.code)
                    ORDER BY p.created_at LIMIT 1) p ON true)`;
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
    .select(outboxColumns)
    .from(exchangeOutbox)
    .where(and(eq(exchangeOutbox.deliveryId, delivery.id), eq(exchangeOutbox.business, 'new')));
  if (!first) return;
  const current = (await findDocuments(ctx.db, [doc.id])).get(doc.id)!;
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
  await markDeliveries(ctx.db, ctx.now(), [
    {
      deliveryId: delivery.id,
      note: business === 'recall' ? `Đã gửi yêu cầu thu hồi: ${reason}` : `Đã gửi bản cập nhật: ${reason}`,
    },
  ]);
}

const LOCAL_TO_CODE: Record<string, StatusCode> = {
  registered: '03',
  submitted: '04',
  refused: '02',
  assigned: '05',
  done: '06',
};

/** A status to send back to the installation that sent us a document (see statusesBack). */
export interface StatusBack {
  inbox: { senderCode: string | null; docKey: string | null; agencyId: string | null };
  documentId: string | null;
  edoc: { codeNumber?: string; codeNotation?: string; promulgationDate?: string } | null;
  code: StatusCode;
  description: string;
  staff?: string;
}

/** Status back to the installation that sent an incoming document (when a peer serves its sender). */
export async function statusBack(
  s: Services,
  inbox: StatusBack['inbox'],
  documentId: string | null,
  edoc: StatusBack['edoc'],
  code: StatusCode,
  description: string,
  staff?: string,
) {
  await statusesBack(s, [{ inbox, documentId, edoc, code, description, staff }]);
}

/**
 * Statuses back to the installations that sent us documents, each in the name of the agency here it
 * concerns, queued together (a batch of arrivals answers 01 for each): a fixed number of statements.
 */
export async function statusesBack(s: Services, list: StatusBack[]) {
  const items = list.filter((x) => x.inbox.senderCode && x.inbox.docKey && x.inbox.agencyId);
  if (items.length === 0) return;
  const peers = await peersServing(
    s.db,
    items.map((x) => x.inbox.senderCode!),
  );
  const routed = items.filter((x) => peers.has(x.inbox.senderCode!));
  if (routed.length === 0) return;
  const organs = await organsOf(
    s.db,
    routed.map((x) => x.inbox.agencyId!),
  );
  await queuePackages(
    s.db,
    s.blobs,
    maxPackageBytes(s),
    routed.map((x) => {
      const from = organs.get(x.inbox.agencyId!)!;
      if (from instanceof AppError) throw from;
      const docKey = x.inbox.docKey!;
      const codeText = x.edoc?.codeNumber
        ? `${x.edoc.codeNumber}/${x.edoc.codeNotation ?? ''}`
        : (docKey.split(',')[2] ?? '');
      const p: StatusPacket = {
        responseFor: {
          organId: x.inbox.senderCode!,
          code: codeText,
          promulgationDate: x.edoc?.promulgationDate,
          documentId: docKey,
        },
        from,
        statusCode: x.code,
        description: x.description,
        timestamp: wireTimestamp(s.now()),
        ...(x.staff ? { staff: { staff: x.staff } } : {}),
      };
      return {
        peerId: peers.get(x.inbox.senderCode!)!.id,
        kind: 'status' as const,
        business: p.statusCode,
        documentId: x.documentId,
        docKey,
        toCode: p.responseFor.organId,
        subject: p.description ?? '',
        xml: buildStatus(p),
      };
    }),
  );
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
  const doc = (await findDocuments(ctx.db, [documentId])).get(documentId)!;
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
  peersFor: peersServing,
  peersSql,
  queueSql: queueReleasedSql,
  follow: followUp,
  incomingStatus,
};

// ---- administration: peers' queues, resending ------------------------------------------------------

/** A page of peers, each with its outbox and inbox counts by state. */
export async function peersWithCounts(ctx: Ctx, q: { cursor?: string; limit: number }) {
  const page = await listPeers(ctx, q);
  const counts = await queues.countsByPeer(
    ctx.db,
    page.items.map((p) => p.id),
  );
  return {
    items: page.items.map((p) => ({ ...p, ...counts.get(p.id)! })),
    nextCursor: page.nextCursor,
  };
}

/** Resends now every package to a peer that was not delivered (refused ones too), audited. */
export async function retryPeer(ctx: Ctx, peerId: string): Promise<{ requeued: number }> {
  return inTx(ctx, async (c) => {
    await getPeer(c.db, peerId);
    const requeued = await queues.requeuePeer(c.db, peerId);
    await requestFlush(c.db, peerId, 'admin');
    await audit(c.db, c.actor, {
      action: 'exchange.retry',
      entityType: 'exchange_peer',
      entityId: peerId,
      agencyId: null,
      detail: { requeued },
    });
    return { requeued };
  });
}

/** Resends one package unless it was delivered (409 then, or when there is no such package), audited. */
export async function retryPackage(ctx: Ctx, id: string): Promise<void> {
  await inTx(ctx, async (c) => {
    const row = await queues.requeueOne(c.db, id);
    if (!row) throw new AppError('conflict', 'Gói tin không tồn tại hoặc đã được gửi.');
    await requestFlush(c.db, row.peerId, 'admin');
    await audit(c.db, c.actor, {
      action: 'exchange.retry_one',
      entityType: 'exchange_outbox',
      entityId: row.id,
      agencyId: null,
    });
  });
}

type QueuePageQuery = Omit<queues.QueueFilter, 'beforeId'> & { cursor?: string };

function beforeIdOf(cursor: string | undefined): string | undefined {
  const after = decodeCursor(cursor, 1);
  return after ? String(after[0]) : undefined;
}

/** A page of the outbox (newest first), without the package bodies. */
export async function outboxPage(ctx: Ctx, q: QueuePageQuery) {
  const list = await queues.listOutbox(ctx.db, { ...q, beforeId: beforeIdOf(q.cursor) });
  return paginate(list, q.limit, (r) => [r.id]);
}

/** A page of the inbox (newest first): accepted packages and refused ones with their reasons. */
export async function inboxPage(ctx: Ctx, q: QueuePageQuery) {
  const list = await queues.listInbox(ctx.db, { ...q, beforeId: beforeIdOf(q.cursor) });
  return paginate(list, q.limit, (r) => [r.id]);
}

// ---- clerks: a released document's package, where its recipients go ---------------------------------

/** The edXML package of a document the actor may see (a recall package once recalled), audited. */
export async function exportPackage(ctx: Ctx, documentId: string) {
  const doc = await loadVisible(ctx, documentId);
  const edoc = await edocFromDocument(ctx.db, ctx.blobs, doc, {
    business: doc.status === 'recalled' ? 'recall' : 'new',
    staff: ctx.actor.fullName,
    now: ctx.now(),
  });
  await audit(ctx.db, ctx.actor, {
    action: 'exchange.export',
    entityType: 'document',
    entityId: doc.id,
    agencyId: doc.agencyId,
  });
  const fileName = `${(doc.numberNotation ?? doc.id).replace(/[^\p{L}\p{N}.-]+/gu, '_')}.edxml`;
  return { fileName, xml: buildEdoc(edoc) };
}

// The route of the clerk's screen "where the recipients go" is the exchange's; the rule is documents'.
export { recipientRoutes } from '../documents/index.ts';

export type { BusinessType };

import { and, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';
import { buildNotation, formatNumberNotation } from '../../../shared/documents/decree30.ts';
import { insertRowsSql } from '../../db/bulk.ts';
import { hotRows } from '../../db/client.ts';
import { appendAuditSql } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { enqueueSql } from '../../platform/jobs/index.ts';
import { noticesSql } from '../notifications/index.ts';
import { visibleTo } from './access.ts';
import { auditDoc, type DocumentRow, requireRole, requireStatus } from './common.ts';
import { outsideExchange } from './delivery.ts';
import { takeNumber, vnDate, vnYear } from './registers.ts';
import { deliveries, documentEvents, documentFiles, documents } from './schema.ts';

/**
 * A recipient of an outgoing document. An outside recipient may carry a QCVN 102 agency code: at
 * release it is delivered internally when an agency of this installation has that code, through
 * the exchange to the peer installation serving it, or — unknown — shown to the clerk (see release).
 */
export type Recipient = {
  kind: 'agency' | 'outside';
  agencyId?: string;
  name: string;
  email?: string;
  agencyCode?: string;
};

/** An agency of this installation a recipient names (by id, or by code), with its clerks. */
interface LocalAgency {
  id: string;
  name: string;
  code: string | null;
  kind: string;
  status: string;
  clerks: string[];
}

const d = alias(documents, 'd');

/**
 * The document to release, locked, with everything the release decides from, in one statement: the
 * issuing agency and drafting division (the notation), the current files (copied to recipients
 * here), the agencies the recipients name and their clerks, and the peers serving the other codes.
 */
async function loadForRelease(c: Ctx, id: string) {
  const codes = sql`ARRAY(SELECT r->>'agencyCode' FROM jsonb_array_elements(d.recipients) r WHERE r->>'kind' = 'outside' AND r->>'agencyCode' IS NOT NULL)`;
  const exchange = outsideExchange();
  const [row] = await c.db
    .select({
      doc: d,
      agency: sql<{ id: string; name: string; shortName: string; agencyCode: string | null }>`(
        SELECT json_build_object('id', a.id, 'name', a.name, 'shortName', a.short_name, 'agencyCode', a.agency_code)
          FROM agencies a WHERE a.id = d.agency_id)`,
      division: sql<string | null>`(SELECT a.short_name FROM agencies a WHERE a.id = d.drafting_division_id)`,
      files: sql<
        { sha256: string; fileName: string; mediaType: string; size: number; role: string }[] | null
      >`(
        SELECT json_agg(json_build_object('sha256', f.sha256, 'fileName', f.file_name, 'mediaType', f.media_type,
                                          'size', f.size, 'role', f.role) ORDER BY f.created_at)
          FROM document_files f WHERE f.document_id = d.id AND f.current)`,
      locals: sql<LocalAgency[] | null>`(
        SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'code', a.agency_code, 'kind', a.kind,
                 'status', a.status, 'clerks', (SELECT coalesce(json_agg(p.person_id), '[]'::json) FROM positions p
                                                 WHERE p.agency_id = a.id AND p.role = 'clerk' AND p.ended_at IS NULL)))
          FROM agencies a
         WHERE a.id IN (SELECT (r->>'agencyId')::uuid FROM jsonb_array_elements(d.recipients) r WHERE r->>'kind' = 'agency')
            OR (a.agency_code = ANY(${codes}) AND a.status = 'active' AND a.kind <> 'division'))`,
      peers: exchange
        ? sql<{ code: string; peerId: string; peerName: string }[]>`${exchange.peersSql(codes)}`
        : sql<{ code: string; peerId: string; peerName: string }[]>`'[]'::json`,
    })
    .from(d)
    .where(and(sql`d.id = ${id}`, visibleTo(c.actor)))
    .for('update', { of: d });
  if (!row) throw notFound('Văn bản');
  // As every read of a secret document (common.ts, loadVisible).
  if (row.doc.secrecy !== 'normal') await auditDoc(c, row.doc, 'read_secret');
  return row;
}

/**
 * The clerk numbers and releases a signed document: number and notation from the outgoing register
 * (Decree 30, Art. 15; Appendix I, II.3), date of today, then delivery to each recipient. Secret
 * documents never travel over the network: their electronic recipients must be delivered on paper.
 *
 * A release is five round trips to the database whatever the recipients: the locked read with every
 * route, the number, and one statement writing the document, its deliveries, each recipient agency's
 * copy here (with its files, event and the clerks' notices), the packages queued for peers, e-mail
 * jobs and the audit row — then COMMIT. (It was about 16 statements, and 10 more per agency here.)
 */
export async function release(
  ctx: Ctx,
  id: string,
  opts: { paperForSecret?: boolean; paperForUnknown?: boolean } = {},
) {
  requireRole(ctx, ['clerk'], 'văn thư');
  return inTx(ctx, async (c) => {
    const { doc, agency, division, files, locals, peers } = await loadForRelease(c, id);
    requireStatus(doc, ['signed'], 'Chỉ phát hành được văn bản đã ký.');
    const recipients = doc.recipients as Recipient[];
    const secret = doc.secrecy !== 'normal';
    if (secret && recipients.some((r) => r.kind === 'agency' || r.agencyCode) && !opts.paperForSecret) {
      throw new AppError(
        'conflict',
        'Văn bản mật không được gửi qua mạng. Hãy gửi bản giấy cho các nơi nhận (chọn “Gửi bản giấy”), hệ thống vẫn cấp số và theo dõi.',
      );
    }
    // Where each coded recipient goes: an active agency here first, then a registered peer. Codes
    // nobody serves are shown to the clerk before anything is numbered: never dropped.
    const byCode = new Map(
      (locals ?? [])
        .filter((a) => a.code && a.status === 'active' && a.kind !== 'division')
        .map((a) => [a.code!, a]),
    );
    const peerOf = new Map(peers.map((p) => [p.code, p]));
    type Route =
      | { kind: 'local'; agency: LocalAgency }
      | { kind: 'peer'; peerId: string; peerName: string }
      | { kind: 'unknown' };
    const routeOf = (r: Recipient): Route | undefined => {
      if (r.kind !== 'outside' || !r.agencyCode || secret) return undefined;
      const local = byCode.get(r.agencyCode);
      if (local) return { kind: 'local', agency: local };
      const peer = peerOf.get(r.agencyCode);
      return peer ? { kind: 'peer', ...peer } : { kind: 'unknown' };
    };
    const unknown = recipients.filter((r) => routeOf(r)?.kind === 'unknown');
    if (unknown.length && !opts.paperForUnknown)
      throw new AppError(
        'conflict',
        `Không có hệ thống nào nhận văn bản điện tử cho: ${unknown.map((r) => `${r.name} (${r.agencyCode})`).join('; ')}. Hãy sửa mã định danh, đăng ký hệ thống liên thông, hoặc chọn “Gửi bản giấy” cho các nơi nhận này.`,
        { extra: { unknownCodes: unknown.map((r) => r.agencyCode) } },
      );

    const now = c.now();
    const year = vnYear(now);
    const { registerId, number } = await takeNumber(c.db, doc.agencyId, 'outgoing', year, secret);
    const notation = buildNotation({
      typeCode: doc.typeCode,
      issuerShortName: agency.shortName,
      draftingUnitShortName: division ?? undefined,
    });
    const numberNotation = formatNumberNotation(number, notation);
    const released: DocumentRow = {
      ...doc,
      status: 'released',
      registerId,
      registerYear: year,
      number,
      notation,
      numberNotation,
      issuedDate: vnDate(now),
      issuerAgencyId: agency.id,
      issuerName: agency.name,
      issuerCode: agency.agencyCode,
      releasedAt: now,
      holderId: null,
      updatedAt: now,
    };

    // Each recipient's delivery row, and for an agency here its incoming copy (pending, waiting for
    // its clerk) with the same files by hash, never copied: the issuer as it is at release time.
    const deliveryRows: (typeof deliveries.$inferInsert)[] = [];
    const copies: (typeof documents.$inferInsert)[] = [];
    const copyFiles: (typeof documentFiles.$inferInsert)[] = [];
    const events: (typeof documentEvents.$inferInsert)[] = [];
    const told: {
      personIds: string[];
      notice: { kind: string; title: string; body: string; link: string };
    }[] = [];
    const toPeers: { deliveryId: string; agencyCode: string; peerId: string }[] = [];
    const mails: string[] = [];
    for (const r of recipients) {
      const route = routeOf(r);
      const here =
        r.kind === 'agency' && !secret
          ? (locals ?? []).find((a) => a.id === r.agencyId)
          : route?.kind === 'local'
            ? route.agency
            : undefined;
      const deliveryId = uuidv7();
      if (r.kind === 'agency' && !secret && !here) throw notFound('Nơi nhận');
      if (here) {
        const copyId = uuidv7();
        deliveryRows.push({
          id: deliveryId,
          documentId: id,
          channel: 'internal',
          recipientAgencyId: here.id,
          recipientName: r.name,
          status: 'delivered',
          incomingDocumentId: copyId,
          statusAt: now,
        });
        copies.push({
          id: copyId,
          agencyId: here.id,
          direction: 'incoming',
          status: 'pending',
          typeCode: doc.typeCode,
          summary: doc.summary,
          numberNotation,
          issuedDate: released.issuedDate,
          issuerAgencyId: agency.id,
          issuerName: agency.name,
          issuerCode: agency.agencyCode,
          signerName: doc.signerName,
          signerTitle: doc.signerTitle,
          secrecy: 'normal',
          urgency: doc.urgency,
          pageCount: doc.pageCount,
          dueDate: doc.dueDate,
          source: 'electronic',
          sourceDocumentId: id,
          deliveryId,
          arrivedAt: now,
          fileText: doc.fileText,
        });
        for (const f of files ?? [])
          copyFiles.push({
            documentId: copyId,
            sha256: f.sha256,
            fileName: f.fileName,
            mediaType: f.mediaType,
            size: f.size,
            role: f.role,
            version: 1,
          });
        events.push({
          documentId: copyId,
          at: now,
          actorName: 'Hệ thống',
          kind: 'arrived',
          data: { from: agency.name },
        });
        told.push({
          personIds: here.clerks,
          notice: {
            kind: 'document.arrived',
            title: `Văn bản điện tử mới đến từ ${agency.name}`,
            body: doc.summary.slice(0, 300),
            link: `/van-ban/${copyId}`,
          },
        });
      } else if (route?.kind === 'peer') {
        deliveryRows.push({
          id: deliveryId,
          documentId: id,
          channel: 'edxml',
          recipientName: r.name,
          status: 'pending',
          note: `Gửi qua ${route.peerName}`,
          statusAt: now,
        });
        toPeers.push({ deliveryId, agencyCode: r.agencyCode!, peerId: route.peerId });
      } else {
        // An outside recipient with an e-mail address gets the document by mail (never a secret
        // one): the mail module's `mail.document` job, queued in this statement, attaches the files.
        const byMail = !secret && r.kind === 'outside' && !!r.email;
        deliveryRows.push({
          id: deliveryId,
          documentId: id,
          channel: byMail ? 'email' : 'paper',
          recipientAgencyId: r.agencyId ?? null,
          recipientName: r.name,
          recipientEmail: r.email ?? null,
          status: 'pending',
          statusAt: now,
        });
        if (byMail) mails.push(deliveryId);
      }
    }
    events.push({
      documentId: id,
      at: now,
      actorId: c.actor.personId,
      actorName: c.actor.fullName,
      kind: 'released',
      data: {
        numberNotation,
        recipients: recipients.length,
        electronic: copies.length,
        exchanged: toPeers.length,
      },
    });

    const exchange = outsideExchange();
    const items = [
      sql`upd AS (UPDATE documents SET status = 'released', register_id = ${registerId}, register_year = ${year},
            number = ${number}, notation = ${notation}, number_notation = ${numberNotation},
            issued_date = ${released.issuedDate}::date, issuer_agency_id = ${agency.id}, issuer_name = ${agency.name},
            issuer_code = ${agency.agencyCode}, released_at = ${now.toISOString()}::timestamptz, holder_id = NULL,
            updated_at = ${now.toISOString()}::timestamptz
          WHERE id = ${id})`,
      deliveryRows.length ? sql`dl AS (${insertRowsSql(deliveries, deliveryRows)})` : null,
      copies.length ? sql`cp AS (${insertRowsSql(documents, copies)})` : null,
      copyFiles.length ? sql`cf AS (${insertRowsSql(documentFiles, copyFiles)})` : null,
      sql`ev AS (${insertRowsSql(documentEvents, events)})`,
      noticesSql(told),
      toPeers.length && exchange ? exchange.queueSql(released, toPeers, c.actor.fullName) : null,
      mails.length
        ? enqueueSql(
            'mail_jobs',
            mails.map((deliveryId) => ({
              kind: 'mail.document',
              payload: { deliveryId },
              opts: { maxAttempts: 20 },
            })),
          )
        : null,
      appendAuditSql(c.actor, {
        action: 'document.release',
        entityType: 'document',
        entityId: id,
        agencyId: doc.agencyId,
        detail: { numberNotation, recipients: recipients.length },
      }),
    ].filter((x) => x !== null);
    await hotRows(c.db, sql`WITH ${sql.join(items, sql`, `)} SELECT 1`);
    return { id, number, numberNotation };
  });
}

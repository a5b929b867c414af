import { and, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';
import { buildNotation } from '../../../shared/documents/decree30.ts';
import { insertRowsSql } from '../../db/bulk.ts';
import { type Db, hotRows } from '../../db/client.ts';
import { appendAuditSql } from '../../platform/audit/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { enqueueSql } from '../../platform/jobs/index.ts';
import { documentJob } from '../mail/index.ts';
import { type Notice, noticesSql } from '../notifications/index.ts';
import { shapeOf, visibleToShape } from './access.ts';
import { auditDoc, type DocumentRow, documentNotice, requireRole, requireStatus } from './common.ts';
import type { OutsideExchange } from './delivery.ts';
import { numberSql, numberTextSql, registerFor, vnDate, vnYear } from './registers.ts';
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
 * The document to release with everything the release decides from, in one statement: the
 * issuing agency and drafting division (the notation), the current files (copied to recipients
 * here), the agencies the recipients name and their clerks, and the peers serving the other codes.
 */
function loadStatement(db: Db, shape: ReturnType<typeof shapeOf>, exchange: OutsideExchange | undefined) {
  const codes = sql`ARRAY(SELECT r->>'agencyCode' FROM jsonb_array_elements(d.recipients) r WHERE r->>'kind' = 'outside' AND r->>'agencyCode' IS NOT NULL)`;
  return db
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
    .where(
      and(
        sql`d.id = ${sql.placeholder('id')}`,
        visibleToShape(shape, {
          agencyId: sql.placeholder('agencyId'),
          personId: sql.placeholder('personId'),
          divisionId: sql.placeholder('divisionId'),
        }),
      ),
    )
    .prepare(
      `release_load_${shape.broad ? 'b' : 'n'}${shape.division ? 'd' : 'n'}${exchange ? '' : '_local'}`,
    );
}

// The load is built once per database, shape of the visibility rule and presence of the exchange, and prepared: building it
// with Drizzle took about 0.14 ms of the release's CPU.
const statements = new WeakMap<Db, Map<string, ReturnType<typeof loadStatement>>>();

async function loadForRelease(c: Ctx, id: string) {
  const shape = shapeOf(c.actor);
  const exchange = c.hooks.outsideExchange;
  const key = `${JSON.stringify(shape)}${exchange ? '' : ' local'}`;
  const mine = statements.get(c.db) ?? new Map<string, ReturnType<typeof loadStatement>>();
  statements.set(c.db, mine);
  const statement = mine.get(key) ?? loadStatement(c.db, shape, exchange);
  mine.set(key, statement);
  const [row] = shape.agency
    ? await statement.execute({
        id,
        agencyId: c.actor.agencyId,
        personId: c.actor.personId,
        divisionId: c.actor.divisionId,
      })
    : [];
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
 * A release is two statements whatever the recipients, each atomic by itself: the read of the
 * document with every route, then one statement that locks the document if it is still signed,
 * takes the number and writes the document, its deliveries, each recipient agency's copy here (with
 * its files, event and the clerks' notices), the packages queued for peers, e-mail jobs and the
 * audit row; no number, nothing written. (It was about 16 statements, and 10 more per agency here.)
 */
export async function release(
  ctx: Ctx,
  id: string,
  opts: { paperForSecret?: boolean; paperForUnknown?: boolean } = {},
) {
  requireRole(ctx, ['clerk'], 'văn thư');
  const c = ctx;
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
  const notation = buildNotation({
    typeCode: doc.typeCode,
    issuerShortName: agency.shortName,
    draftingUnitShortName: division ?? undefined,
  });
  // What the document is once released, but for its number: that is taken inside the statement
  // (`nt`: the register, the number, its text and the number/notation as printed).
  const released: DocumentRow = {
    ...doc,
    status: 'released',
    notation,
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
  const told: { personIds: string[]; notice: Notice }[] = [];
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
        notice: documentNotice('arrived', `Văn bản điện tử mới đến từ ${agency.name}`, {
          id: copyId,
          summary: doc.summary,
        }),
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
    data: { recipients: recipients.length, electronic: copies.length, exchanged: toPeers.length },
  });

  const nt = sql`nt`;
  const exchange = c.hooks.outsideExchange;
  const items = [
    // Still signed? Locked until the statement commits: a second release of it finds nothing here.
    sql`chk AS (SELECT id FROM documents WHERE id = ${id} AND status = 'signed' FOR UPDATE)`,
    sql`num AS (${numberSql(doc.agencyId, 'outgoing', year, secret, sql`EXISTS (SELECT 1 FROM chk)`)})`,
    sql`nt AS (SELECT register_id, last_number, ${numberTextSql(sql`last_number`)} AS txt,
                      ${numberTextSql(sql`last_number`)} || ${`/${notation}`} AS nn FROM num)`,
    sql`upd AS (UPDATE documents d SET status = 'released', register_id = nt.register_id, register_year = ${year},
          number = nt.last_number, notation = ${notation}, number_notation = nt.nn,
          issued_date = ${released.issuedDate}::date, issuer_agency_id = ${agency.id}, issuer_name = ${agency.name},
          issuer_code = ${agency.agencyCode}, released_at = ${now.toISOString()}::timestamptz, holder_id = NULL,
          updated_at = ${now.toISOString()}::timestamptz
        FROM nt WHERE d.id = ${id})`,
    deliveryRows.length ? sql`dl AS (${insertRowsSql(deliveries, deliveryRows, { from: nt })})` : null,
    copies.length
      ? sql`cp AS (${insertRowsSql(documents, copies, { from: nt, computed: { numberNotation: sql`nt.nn` } })})`
      : null,
    copyFiles.length ? sql`cf AS (${insertRowsSql(documentFiles, copyFiles, { from: nt })})` : null,
    sql`ev AS (${insertRowsSql(documentEvents, events, {
      from: nt,
      computed: {
        data: sql`CASE WHEN r.kind = 'released' THEN r.data || jsonb_build_object('numberNotation', nt.nn) ELSE r.data END`,
      },
    })})`,
    noticesSql(told, { from: nt }),
    toPeers.length && exchange
      ? exchange.queueSql(released, toPeers, c.actor.fullName, { from: nt, numberText: sql`nt.txt` })
      : null,
    mails.length
      ? enqueueSql(
          'mail_jobs',
          documentJob,
          mails.map((deliveryId) => ({
            payload: { deliveryId },
            opts: { maxAttempts: 20 },
          })),
          { from: nt },
        )
      : null,
    // The audit row names the document, whose number never changes; its 'released' event records it.
    appendAuditSql(
      c.actor,
      {
        action: 'document.release',
        entityType: 'document',
        entityId: id,
        agencyId: doc.agencyId,
        detail: { recipients: recipients.length },
      },
      nt,
    ),
  ].filter((x) => x !== null);
  const run = () =>
    hotRows<{ found: number; number: number | null; nn: string | null }>(
      c.db,
      sql`WITH ${sql.join(items, sql`, `)}
          SELECT (SELECT count(*) FROM chk)::int AS found, (SELECT last_number FROM nt) AS number,
                 (SELECT nn FROM nt) AS nn`,
    );
  let [got] = await run();
  if (got?.found && got.number == null) {
    await registerFor(c.db, doc.agencyId, 'outgoing', secret); // the agency's first outgoing document
    [got] = await run();
  }
  if (!got?.found || got.number == null) throw new AppError('conflict', 'Chỉ phát hành được văn bản đã ký.');
  return { id, number: got.number, numberNotation: got.nn! };
}

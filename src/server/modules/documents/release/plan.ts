import { v7 as uuidv7 } from 'uuid';
import { buildNotation } from '../../../../shared/documents/decree30.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import type { Notice } from '../../notifications/index.ts';
import { type DocumentRow, documentNotice } from '../common.ts';
import { vnDate, vnYear } from '../registers.ts';
import type { deliveries, documentEvents, documentFiles, documents } from '../schema.ts';
import type { LocalAgency, ReleaseRead } from './routing.ts';

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

/** What the clerk decided for recipients the network cannot reach. */
export interface ReleaseOptions {
  /** A secret document goes on paper to its electronic recipients (it never travels over the network). */
  paperForSecret?: boolean;
  /** Recipients whose agency code nobody serves get paper. */
  paperForUnknown?: boolean;
}

/**
 * Everything the release writes, decided before anything is written, but for the number: that is
 * taken inside the write statement (from the register of `agencyId`, `year`, `secret`), which adds
 * it to the document, the copies and the 'released' event.
 */
export interface ReleasePlan {
  id: string;
  agencyId: string;
  secret: boolean;
  year: number;
  notation: string;
  now: Date;
  /** The document as released, but for its number. */
  released: DocumentRow;
  deliveries: (typeof deliveries.$inferInsert)[];
  /** Each recipient agency's incoming copy here (pending, waiting for its clerk). */
  copies: (typeof documents.$inferInsert)[];
  /** The copies' files: the same blobs by hash, never copied. */
  copyFiles: (typeof documentFiles.$inferInsert)[];
  /** The copies' 'arrived' events, then the document's 'released' one. */
  events: (typeof documentEvents.$inferInsert)[];
  /** The clerks of each recipient agency here. */
  notices: { personIds: string[]; notice: Notice }[];
  /** Recipients served by a peer installation, as routed: their packages are queued. */
  toPeers: { deliveryId: string; agencyCode: string; peerId: string }[];
  /** Deliveries to an e-mail address: the mail module sends them with the files. */
  mails: string[];
  /** The audit row; it names the document, whose number never changes. */
  audit: {
    action: string;
    entityType: string;
    entityId: string;
    agencyId: string;
    detail: Record<string, unknown>;
  };
}

type Route =
  | { kind: 'local'; agency: LocalAgency }
  | { kind: 'peer'; peerId: string; peerName: string }
  | { kind: 'unknown' };

/**
 * The plan of a release, from the first statement's rows, the clerk's options and the clock: a pure
 * function (ids come from `newId`), so every rule of who gets what is tested without a database.
 * Throws the refusals: a secret document to the network without "paper" (409), codes nobody serves
 * without "paper" (409, listing them), an agency recipient that no longer exists here (404).
 */
export function planRelease(
  read: ReleaseRead,
  input: { id: string; actor: { personId: string; fullName: string }; opts: ReleaseOptions },
  now: Date,
  newId: () => string = uuidv7,
): ReleasePlan {
  const { doc, agency, division, files, locals, peers } = read;
  const { id, actor, opts } = input;
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
  const routeOf = (r: Recipient): Route | undefined => {
    if (r.kind !== 'outside' || !r.agencyCode || secret) return undefined;
    const local = byCode.get(r.agencyCode);
    if (local) return { kind: 'local', agency: local };
    const peer = peerOf.get(r.agencyCode);
    return peer ? { kind: 'peer', peerId: peer.peerId, peerName: peer.peerName } : { kind: 'unknown' };
  };
  const unknown = recipients.filter((r) => routeOf(r)?.kind === 'unknown');
  if (unknown.length && !opts.paperForUnknown)
    throw new AppError(
      'conflict',
      `Không có hệ thống nào nhận văn bản điện tử cho: ${unknown.map((r) => `${r.name} (${r.agencyCode})`).join('; ')}. Hãy sửa mã định danh, đăng ký hệ thống liên thông, hoặc chọn “Gửi bản giấy” cho các nơi nhận này.`,
      { extra: { unknownCodes: unknown.map((r) => r.agencyCode) } },
    );

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
  const plan: ReleasePlan = {
    id,
    agencyId: doc.agencyId,
    secret,
    year,
    notation,
    now,
    released,
    deliveries: [],
    copies: [],
    copyFiles: [],
    events: [],
    notices: [],
    toPeers: [],
    mails: [],
    audit: {
      action: 'document.release',
      entityType: 'document',
      entityId: id,
      agencyId: doc.agencyId,
      detail: { recipients: recipients.length },
    },
  };
  for (const r of recipients) {
    const route = routeOf(r);
    const here =
      r.kind === 'agency' && !secret
        ? (locals ?? []).find((a) => a.id === r.agencyId)
        : route?.kind === 'local'
          ? route.agency
          : undefined;
    const deliveryId = newId();
    if (r.kind === 'agency' && !secret && !here) throw notFound('Nơi nhận');
    if (here) {
      const copyId = newId();
      plan.deliveries.push({
        id: deliveryId,
        documentId: id,
        channel: 'internal',
        recipientAgencyId: here.id,
        recipientName: r.name,
        status: 'delivered',
        incomingDocumentId: copyId,
        statusAt: now,
      });
      plan.copies.push({
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
        plan.copyFiles.push({
          documentId: copyId,
          sha256: f.sha256,
          fileName: f.fileName,
          mediaType: f.mediaType,
          size: f.size,
          role: f.role,
          version: 1,
        });
      plan.events.push({
        documentId: copyId,
        at: now,
        actorName: 'Hệ thống',
        kind: 'arrived',
        data: { from: agency.name },
      });
      plan.notices.push({
        personIds: here.clerks,
        notice: documentNotice('arrived', `Văn bản điện tử mới đến từ ${agency.name}`, {
          id: copyId,
          summary: doc.summary,
        }),
      });
    } else if (route?.kind === 'peer') {
      plan.deliveries.push({
        id: deliveryId,
        documentId: id,
        channel: 'edxml',
        recipientName: r.name,
        status: 'pending',
        note: `Gửi qua ${route.peerName}`,
        statusAt: now,
      });
      plan.toPeers.push({ deliveryId, agencyCode: r.agencyCode!, peerId: route.peerId });
    } else {
      // An outside recipient with an e-mail address gets the document by mail (never a secret
      // one): the mail module's `mail.document` job, queued in the write statement, attaches the files.
      const byMail = !secret && r.kind === 'outside' && !!r.email;
      plan.deliveries.push({
        id: deliveryId,
        documentId: id,
        channel: byMail ? 'email' : 'paper',
        recipientAgencyId: r.agencyId ?? null,
        recipientName: r.name,
        recipientEmail: r.email ?? null,
        status: 'pending',
        statusAt: now,
      });
      if (byMail) plan.mails.push(deliveryId);
    }
  }
  plan.events.push({
    documentId: id,
    at: now,
    actorId: actor.personId,
    actorName: actor.fullName,
    kind: 'released',
    data: { recipients: recipients.length, electronic: plan.copies.length, exchanged: plan.toPeers.length },
  });
  return plan;
}

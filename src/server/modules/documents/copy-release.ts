import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { rows } from '../../db/client.ts';
import { audit } from '../../platform/audit/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { notifyMany } from '../notifications/index.ts';
import { enqueuePdfVerification } from '../signatures/index.ts';
import { documentNotice, peopleWithRoleIn } from './common.ts';
import type { CopyFile } from './copies.ts';
import { takeNumber, vnDate } from './registers.ts';
import { deliveries, documentEvents, documentFiles, documents } from './schema.ts';

/**
 * Copies an agency makes (sao y, sao lục, trích sao; Decree 30/2020, Art. 25) travel as outgoing
 * documents of their own type, numbered in the agency's copies series — one register for every
 * form, from 01 each 1 January (Appendix I, Part II, II.1.c) — and are delivered at once to
 * agencies of this installation like a release: a delivery row and a pending incoming document per
 * agency, which its clerks register like any arrival (incoming.ts, registerArrived).
 */

/**
 * The next number of the agency's copies series for `year`. The counter row stays locked until the
 * caller's transaction ends: concurrent copies queue and get distinct numbers, a rolled-back copy
 * gives its number back.
 */
export async function takeCopyNumber(ctx: Ctx, agencyId: string, year: number) {
  return takeNumber(ctx.db, agencyId, 'copies', year);
}

export interface CopyRelease {
  /** The copying agency, with its name and code as printed. */
  agency: { id: string; name: string; agencyCode: string | null };
  /** sao_y | sao_luc | trich_sao (COPY_KINDS of shared/documents/decree30.ts). */
  typeCode: string;
  summary: string;
  registerId: string;
  year: number;
  number: number;
  /** "SL-VP" and "05/SL-VP". */
  notation: string;
  numberNotation: string;
  /** The copy's PDF, already in the blob store. */
  file: CopyFile;
  /** Text for search (the source's text). */
  fileText: string | null;
  /** Agencies of this installation, already checked to exist and be active. */
  recipients: { agencyId: string; name: string }[];
}

/**
 * Writes the copy as a released outgoing document with its file, one delivery and one pending
 * incoming document (same file by hash) per recipient, their events, the clerks' notices, the
 * signature check of the file, and the audit row. Call inside the transaction that took the number.
 */
export async function releaseCopy(ctx: Ctx, c: CopyRelease): Promise<{ id: string; deliveries: number }> {
  const now = ctx.now();
  const issuedDate = vnDate(now);
  const id = uuidv7();
  const { agency } = c;
  const common = {
    typeCode: c.typeCode,
    summary: c.summary,
    numberNotation: c.numberNotation,
    issuedDate,
    issuerAgencyId: agency.id,
    issuerName: agency.name,
    issuerCode: agency.agencyCode,
    secrecy: 'normal',
    urgency: 'normal',
    fileText: c.fileText,
  };
  await ctx.db.insert(documents).values({
    ...common,
    id,
    agencyId: agency.id,
    direction: 'outgoing',
    status: 'released',
    number: c.number,
    notation: c.notation,
    registerId: c.registerId,
    registerYear: c.year,
    recipients: c.recipients.map((r) => ({ kind: 'agency', agencyId: r.agencyId, name: r.name })),
    releasedAt: now,
    createdById: ctx.actor.personId,
  });
  const copies = c.recipients.map((r) => ({ ...r, deliveryId: uuidv7(), copyId: uuidv7() }));
  if (copies.length) {
    await ctx.db.insert(deliveries).values(
      copies.map((r) => ({
        id: r.deliveryId,
        documentId: id,
        channel: 'internal',
        recipientAgencyId: r.agencyId,
        recipientName: r.name,
        status: 'delivered',
        incomingDocumentId: r.copyId,
        statusAt: now,
      })),
    );
    await ctx.db.insert(documents).values(
      copies.map((r) => ({
        ...common,
        id: r.copyId,
        agencyId: r.agencyId,
        direction: 'incoming' as const,
        status: 'pending' as const,
        source: 'electronic',
        sourceDocumentId: id,
        deliveryId: r.deliveryId,
        arrivedAt: now,
      })),
    );
  }
  const files = [id, ...copies.map((r) => r.copyId)].map((documentId) => ({ ...c.file, documentId }));
  await ctx.db.insert(documentFiles).values(files);
  await ctx.db.insert(documentEvents).values([
    ...copies.map((r) => ({
      documentId: r.copyId,
      at: now,
      actorName: 'Hệ thống',
      kind: 'arrived',
      data: { from: agency.name },
    })),
    {
      documentId: id,
      at: now,
      actorId: ctx.actor.personId,
      actorName: ctx.actor.fullName,
      kind: 'released',
      data: { recipients: copies.length, electronic: copies.length, numberNotation: c.numberNotation },
    },
  ]);
  const clerks = await peopleWithRoleIn(
    ctx.db,
    copies.map((r) => r.agencyId),
    'clerk',
  );
  await notifyMany(
    ctx.db,
    copies.map((r) => ({
      personIds: clerks.get(r.agencyId) ?? [],
      notice: documentNotice('arrived', `Bản sao văn bản mới đến từ ${agency.name}`, {
        id: r.copyId,
        summary: c.summary,
      }),
    })),
  );
  await enqueuePdfVerification(ctx.db, [c.file]);
  await audit(ctx.db, ctx.actor, {
    action: 'document.release',
    entityType: 'document',
    entityId: id,
    agencyId: agency.id,
    detail: { copy: c.typeCode, numberNotation: c.numberNotation, recipients: copies.length },
  });
  return { id, deliveries: copies.length };
}

/** Where a copy went and what each recipient did with it, as its sender sees it. */
export interface CopyDelivery {
  documentId: string;
  recipientAgencyId: string | null;
  recipientName: string;
  /** delivered | registered | assigned | done | refused | recalled … (the delivery's status). */
  status: string;
  statusAt: Date | string;
  /** The recipient's arrival (its incoming register), once its clerk registered it. */
  arrivalNumber: number | null;
  registeredAt: Date | string | null;
  registeredBy: string | null;
}

/** The deliveries of these outgoing documents, with each recipient's registration, in one query. */
export async function copyDeliveries(ctx: Ctx, documentIds: string[]): Promise<CopyDelivery[]> {
  if (documentIds.length === 0) return [];
  return rows<CopyDelivery>(
    ctx.db,
    sql`SELECT dl.document_id AS "documentId", dl.recipient_agency_id AS "recipientAgencyId",
               dl.recipient_name AS "recipientName", dl.status, dl.status_at AS "statusAt",
               inc.arrival_number AS "arrivalNumber", ev.at AS "registeredAt", ev.actor_name AS "registeredBy"
          FROM deliveries dl
          LEFT JOIN documents inc ON inc.id = dl.incoming_document_id
          LEFT JOIN LATERAL (SELECT e.at, e.actor_name FROM document_events e
                              WHERE e.document_id = inc.id AND e.kind = 'registered'
                              ORDER BY e.at LIMIT 1) ev ON true
         WHERE dl.document_id = ANY(${sql.param(documentIds)}::uuid[])
         ORDER BY dl.document_id, dl.recipient_name`,
  );
}

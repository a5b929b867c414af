import { and, asc, eq, sql } from 'drizzle-orm';
import type { AssignmentRole, AssignmentStatus } from '../../../shared/documents/workflow.ts';
import type { DocumentSummaryView, DocumentView } from '../../../shared/schemas/documents.ts';
import { rows } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { agencyRowsSql } from '../agencies/index.ts';
import { personNameSql, personNames } from '../people/index.ts';
import { presentSignature, verificationsOf } from '../signatures/index.ts';
import { loadVisible } from './common.ts';
import type { ListRow } from './lists.ts';
import { deliveries, documentEvents, documentFiles } from './schema.ts';
import { allowedFor } from './workflow.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentSummary(r: ListRow, snippet?: string): DocumentSummaryView {
  return {
    id: r.id,
    direction: r.direction,
    status: r.status,
    typeCode: r.type_code,
    summary: r.summary,
    numberNotation: r.number_notation,
    issuedDate: r.issued_date,
    issuerName: r.issuer_name,
    secrecy: r.secrecy,
    urgency: r.urgency,
    arrivalNumber: r.arrival_number,
    arrivedAt: iso(r.arrived_at),
    dueDate: r.due_date,
    holder: r.holder_id ? { id: r.holder_id, name: r.holder_name ?? '' } : null,
    createdAt: iso(r.created_at)!,
    ...(snippet !== undefined ? { snippet } : {}),
  };
}

interface AssignmentRow {
  id: string;
  role: AssignmentRole;
  division_id: string | null;
  division_name: string | null;
  person_id: string | null;
  person_name: string | null;
  due_date: string | null;
  status: AssignmentStatus;
}

/** The full view of one document the actor may see. */
export async function documentDetail(ctx: Ctx, id: string): Promise<DocumentView> {
  const d = await loadVisible(ctx, id);
  const files = await ctx.db
    .select()
    .from(documentFiles)
    .where(eq(documentFiles.documentId, id))
    .orderBy(asc(documentFiles.createdAt));
  const asg = await rows<AssignmentRow>(
    ctx.db,
    sql`SELECT s.id, s.role, s.division_id, dv.name AS division_name, s.person_id,
               ${personNameSql(sql`s.person_id`)} AS person_name, s.due_date::text AS due_date, s.status
          FROM document_assignments s LEFT JOIN ${agencyRowsSql} dv ON dv.id = s.division_id
         WHERE s.document_id = ${id} ORDER BY s.created_at`,
  );
  const events = await ctx.db
    .select()
    .from(documentEvents)
    .where(eq(documentEvents.documentId, id))
    .orderBy(asc(documentEvents.at), asc(documentEvents.id));
  const dels =
    d.direction === 'outgoing'
      ? await ctx.db
          .select()
          .from(deliveries)
          .where(eq(deliveries.documentId, id))
          .orderBy(asc(deliveries.createdAt))
      : [];
  // Digital signatures of the PDFs, as verified at arrival (or now, bounded, when missing or stale).
  const signatures = await verificationsOf(
    ctx,
    files.filter((f) => f.mediaType === 'application/pdf').map((f) => f.sha256),
  );
  const holderName = d.holderId ? (await personNames(ctx.db, [d.holderId])).get(d.holderId) : undefined;
  return {
    id: d.id,
    direction: d.direction as 'incoming' | 'outgoing',
    status: d.status,
    typeCode: d.typeCode,
    summary: d.summary,
    numberNotation: d.numberNotation,
    number: d.number,
    notation: d.notation,
    issuedDate: d.issuedDate,
    issuerAgencyId: d.issuerAgencyId,
    issuerName: d.issuerName,
    issuerCode: d.issuerCode,
    signerName: d.signerName,
    signerTitle: d.signerTitle,
    secrecy: d.secrecy,
    urgency: d.urgency,
    pageCount: d.pageCount,
    arrivalNumber: d.arrivalNumber,
    arrivedAt: iso(d.arrivedAt),
    dueDate: d.dueDate,
    source: d.source,
    refusalReason: d.refusalReason,
    directionNote: d.directionNote,
    replyToId: d.replyToId,
    holder: d.holderId ? { id: d.holderId, name: holderName ?? '' } : null,
    createdAt: iso(d.createdAt)!,
    recipients: d.recipients as DocumentView['recipients'],
    files: files.map((f) => ({
      id: f.id,
      sha256: f.sha256,
      fileName: f.fileName,
      mediaType: f.mediaType,
      size: f.size,
      role: f.role,
      version: f.version,
      current: f.current,
      createdAt: iso(f.createdAt)!,
      signature: f.mediaType === 'application/pdf' ? presentSignature(signatures.get(f.sha256)) : null,
    })),
    assignments: asg.map((x) => ({
      id: x.id,
      role: x.role,
      divisionId: x.division_id,
      divisionName: x.division_name,
      personId: x.person_id,
      personName: x.person_name,
      dueDate: x.due_date,
      status: x.status,
    })),
    events: events.map((e) => ({
      id: e.id,
      at: iso(e.at)!,
      actorName: e.actorName,
      kind: e.kind,
      note: e.note,
      data: e.data,
    })),
    deliveries: dels.map((x) => ({
      id: x.id,
      channel: x.channel,
      recipientName: x.recipientName,
      recipientAgencyId: x.recipientAgencyId,
      status: x.status,
      statusAt: iso(x.statusAt)!,
      note: x.note,
    })),
    actions: allowedFor(
      ctx,
      d,
      asg.map((x) => ({ role: x.role, status: x.status, personId: x.person_id, divisionId: x.division_id })),
    ),
  };
}

/**
 * One file of a document the actor may see, with its bytes as a stream: 404 unless the person may
 * see the document (a secret one's read is audited) and the file belongs to it.
 */
export async function documentFile(ctx: Ctx, id: string, fileId: string) {
  await loadVisible(ctx, id);
  const [f] = await ctx.db
    .select({
      fileName: documentFiles.fileName,
      mediaType: documentFiles.mediaType,
      sha256: documentFiles.sha256,
    })
    .from(documentFiles)
    .where(and(eq(documentFiles.id, fileId), eq(documentFiles.documentId, id)));
  if (!f) throw notFound('Tệp');
  return { ...f, body: await ctx.blobs.get(f.sha256) };
}

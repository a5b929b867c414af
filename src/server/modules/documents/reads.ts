// What other modules read of documents (dossiers link documents, mail sends released ones): documents
// is the only module that names its tables, so each read another module needs is a function here.
import { eq, type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../../db/client.ts';
import { agencyRowsSql } from '../agencies/index.ts';
import { personNameSql } from '../people/index.ts';
import type { DocumentRow } from './common.ts';
import type { DeliveryRow } from './delivery.ts';
import { deliveries, documents } from './schema.ts';

const idList = (ids: string[]) =>
  sql`(${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;

/** One document by id, whoever may see it: for work done on the system's behalf (a job, say). */
export async function findDocument(db: Db, id: string): Promise<DocumentRow | undefined> {
  return (await db.select().from(documents).where(eq(documents.id, id)))[0];
}

/** One delivery (a recipient of a released document) by id. */
export async function findDelivery(db: Db, id: string): Promise<DeliveryRow | undefined> {
  return (await db.select().from(deliveries).where(eq(deliveries.id, id)))[0];
}

/** What a dossier shows and records of a document it holds (Decree 30, Appendix VI). */
export interface DocumentFacts {
  id: string;
  direction: string;
  typeCode: string;
  summary: string;
  numberNotation: string | null;
  number: number | null;
  notation: string | null;
  /** yyyy-mm-dd */
  issuedDate: string | null;
  issuerName: string | null;
  signerName: string | null;
  signerTitle: string | null;
  secrecy: string;
  urgency: string;
  pageCount: number | null;
  copies: number | null;
  /** yyyy-mm-dd */
  dueDate: string | null;
  arrivedAt: string | Date | null;
  arrivalNumber: number | null;
  recipients: { name: string; agencyId?: string | null }[] | null;
}

/**
 * The facts of these documents, by id. With `visible` (a condition on alias `d` built by this
 * module's `visibleTo` or `visibleAgencyWide`), only the documents it lets through.
 */
export async function documentFacts(
  db: Db,
  documentIds: string[],
  visible?: SQL,
): Promise<Map<string, DocumentFacts>> {
  const ids = [...new Set(documentIds)];
  if (ids.length === 0) return new Map();
  const r = await rows<DocumentFacts>(
    db,
    sql`SELECT d.id, d.direction, d.type_code AS "typeCode", d.summary, d.number_notation AS "numberNotation",
               d.number, d.notation, d.issued_date::text AS "issuedDate", d.issuer_name AS "issuerName",
               d.signer_name AS "signerName", d.signer_title AS "signerTitle", d.secrecy, d.urgency,
               d.page_count AS "pageCount", d.copies, d.due_date::text AS "dueDate", d.arrived_at AS "arrivedAt",
               d.arrival_number AS "arrivalNumber", d.recipients
          FROM documents d
         WHERE d.id IN ${idList(ids)} ${visible ? sql`AND ${visible}` : sql``}`,
  );
  return new Map(r.map((d) => [d.id, d]));
}

/**
 * The handling trail of these documents as lines "who (dd/MM/yyyy): note" (directions, reassignments,
 * results, closing), oldest first: Appendix VI's TraceHeaderList.
 */
export async function handlingTrail(
  db: Db,
  documentIds: string[],
): Promise<{ documentId: string; line: string }[]> {
  if (documentIds.length === 0) return [];
  const r = await rows<{ document_id: string; line: string }>(
    db,
    sql`SELECT document_id, actor_name || ' (' || to_char(at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY') || '): ' || note AS line
          FROM document_events WHERE document_id IN ${idList(documentIds)}
           AND kind IN ('directed', 'reassigned', 'handled', 'closed') AND note IS NOT NULL ORDER BY at`,
  );
  return r.map((x) => ({ documentId: x.document_id, line: x.line }));
}

/** Who handled these documents (lead and co-handlers: a person's or a division's name), in assignment order. */
export async function handlers(
  db: Db,
  documentIds: string[],
): Promise<{ documentId: string; name: string }[]> {
  if (documentIds.length === 0) return [];
  const r = await rows<{ document_id: string; name: string }>(
    db,
    sql`SELECT s.document_id, coalesce(${personNameSql(sql`s.person_id`)}, g.name) AS name FROM document_assignments s
          LEFT JOIN ${agencyRowsSql} g ON g.id = s.division_id
         WHERE s.document_id IN ${idList(documentIds)} AND s.role <> 'info' ORDER BY s.created_at`,
  );
  return r.map((x) => ({ documentId: x.document_id, name: x.name }));
}

/** An incoming document of one type as another module's list shows it (the portal's invitations). */
export interface IncomingOfType {
  id: string;
  agencyId: string;
  status: string;
  summary: string;
  numberNotation: string | null;
  /** yyyy-mm-dd */
  issuedDate: string | null;
  issuerName: string | null;
  arrivalNumber: number | null;
  arrivedAt: string | Date | null;
  /** The keyset of the list: created_at as text (full precision) and id. */
  createdKey: string;
  /** The beginning of the text extracted from its files (null: none, or not extracted yet). */
  fileText: string | null;
}

/**
 * Registered incoming documents of a type (not pending, refused or cancelled), newest first, keyset
 * paginated on (created_at, id). `visible` is this module's `visibleTo(actor)`; `where` is the
 * caller's own further condition on alias `d` (e.g. "not yet taken into my table"); `ids` restricts
 * to these documents.
 */
export async function incomingOfType(
  db: Db,
  o: {
    typeCode: string;
    visible: SQL;
    where?: SQL;
    ids?: string[];
    after?: [string, string] | null;
    limit: number;
    textChars?: number;
  },
): Promise<IncomingOfType[]> {
  if (o.ids && o.ids.length === 0) return [];
  return rows<IncomingOfType>(
    db,
    sql`SELECT d.id, d.agency_id AS "agencyId", d.status, d.summary, d.number_notation AS "numberNotation",
               d.issued_date::text AS "issuedDate", d.issuer_name AS "issuerName", d.arrival_number AS "arrivalNumber",
               d.arrived_at AS "arrivedAt", d.created_at::text AS "createdKey",
               left(d.file_text, ${o.textChars ?? 20_000}) AS "fileText"
          FROM documents d
         WHERE d.direction = 'incoming' AND d.type_code = ${o.typeCode}
           AND d.status NOT IN ('pending', 'refused', 'cancelled') AND ${o.visible}
           ${o.ids ? sql`AND d.id IN ${idList(o.ids)}` : sql``}
           ${o.where ? sql`AND ${o.where}` : sql``}
           ${o.after ? sql`AND (d.created_at, d.id) < (${o.after[0]}::timestamptz, ${o.after[1]}::uuid)` : sql``}
         ORDER BY d.created_at DESC, d.id DESC
         LIMIT ${o.limit}`,
  );
}

/**
 * Who an incoming document is assigned to for handling (lead and co-handlers), in assignment order:
 * each person named, and each division not yet handed down to one of its people (`personId` null).
 */
export async function handlingAssignees(
  db: Db,
  documentIds: string[],
): Promise<
  { documentId: string; personId: string | null; divisionId: string | null; role: 'lead' | 'co' }[]
> {
  if (documentIds.length === 0) return [];
  return rows<{
    documentId: string;
    personId: string | null;
    divisionId: string | null;
    role: 'lead' | 'co';
  }>(
    db,
    sql`SELECT s.document_id AS "documentId", s.person_id AS "personId", s.division_id AS "divisionId", s.role
          FROM document_assignments s
         WHERE s.document_id IN ${idList(documentIds)} AND s.role IN ('lead', 'co')
           AND (s.person_id IS NOT NULL OR NOT EXISTS (
                 SELECT 1 FROM document_assignments c WHERE c.parent_id = s.id AND c.person_id IS NOT NULL))
         ORDER BY s.created_at`,
  );
}

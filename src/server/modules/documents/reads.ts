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

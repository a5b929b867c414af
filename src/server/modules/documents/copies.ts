import { inArray, sql } from 'drizzle-orm';
import { type Db, rows } from '../../db/client.ts';
import { enqueueMany } from '../../platform/jobs/index.ts';
import { enqueuePdfVerification } from '../signatures/index.ts';
import { type DocumentRow, peopleWithRoleIn, tellMany } from './common.ts';
import type { FileRole } from './files.ts';
import { documentEvents, documentFiles, documents } from './schema.ts';
import { extractTextJob } from './text-index.ts';

/**
 * A recipient's copy of a document: the incoming document an agency holds of what another released
 * to it. Here is every way one is made or changed from the sender's side — landed from another
 * installation, cancelled by a recall, revised by an update — so the exchange and a release here
 * share one rule for each. (A release to an agency of this installation writes its copies inside
 * its own statement, release.ts.)
 */

type DocumentInsert = typeof documents.$inferInsert;

/** What the sender says of the document (its header block), as an incoming document records it. */
export type IncomingFields = Pick<
  DocumentInsert,
  | 'typeCode'
  | 'summary'
  | 'numberNotation'
  | 'issuedDate'
  | 'issuerName'
  | 'issuerCode'
  | 'signerName'
  | 'signerTitle'
  | 'urgency'
  | 'pageCount'
  | 'copies'
  | 'dueDate'
>;

/** A file of a copy, already in the blob store (copies share files by hash, never copy bytes). */
export interface CopyFile {
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
  role: FileRole;
}

/** A copy arriving from another installation, waiting for the clerks of its agency. */
export interface ArrivingCopy {
  /** Chosen by the caller (UUID v7), which records it in its own rows of the same transaction. */
  id: string;
  agencyId: string;
  /** How it came: `edxml` for a package from another installation. */
  source: string;
  fields: IncomingFields;
  files: CopyFile[];
  /** What its 'arrived' event records: from whom, through what. */
  arrival: Record<string, unknown>;
  /** The title of the notice its agency's clerks get. */
  notice: string;
}

/**
 * Lands copies from outside as pending incoming documents (never secret: a secret document does not
 * travel electronically), with their files, their 'arrived' events, a notice to each agency's clerks
 * and the text extraction for search. One statement per table for all of them, whatever their
 * number (a batch from a peer lands in one call); call inside the caller's transaction.
 */
export async function landCopies(db: Db, arrivedAt: Date, copies: ArrivingCopy[]) {
  if (copies.length === 0) return;
  await db.insert(documents).values(
    copies.map((c) => ({
      ...c.fields,
      id: c.id,
      agencyId: c.agencyId,
      direction: 'incoming' as const,
      status: 'pending' as const,
      secrecy: 'normal',
      source: c.source,
      arrivedAt,
    })),
  );
  const files = copies.flatMap((c) => c.files.map((f) => ({ ...f, documentId: c.id })));
  if (files.length) await db.insert(documentFiles).values(files);
  await db.insert(documentEvents).values(
    copies.map((c) => ({
      documentId: c.id,
      actorId: null,
      actorName: 'Hệ thống',
      kind: 'arrived',
      note: null,
      data: c.arrival,
    })),
  );
  const clerks = await peopleWithRoleIn(
    db,
    copies.map((c) => c.agencyId),
    'clerk',
  );
  await tellMany(
    db,
    copies.map((c) => ({
      personIds: clerks.get(c.agencyId) ?? [],
      kind: 'arrived',
      title: c.notice,
      doc: { id: c.id, summary: c.fields.summary },
    })),
  );
  // Search covers the files' text: extracted by a job, after the caller's transaction commits.
  await enqueueMany(
    db,
    extractTextJob,
    copies.map((c) => ({ payload: { documentId: c.id }, opts: { maxAttempts: 3 } })),
  );
  // Their PDFs' digital signatures are verified by a job of the same transaction (signatures module).
  await enqueuePdfVerification(db, files);
}

/** A change the sender makes to a recipient's copy (a recall, an update). */
export interface CopyChange {
  copyId: string;
  /** The sender's reason, the note of the copy's event. */
  reason: string | null;
  /** What the copy's event records besides (who, through what). */
  data?: Record<string, unknown>;
  /** Tells the clerks of the copy's agency, with this title; the notice shows the copy as it was. */
  notify?: { title: string; copy: Pick<DocumentRow, 'agencyId' | 'summary'> };
}

/**
 * A recall (Decree 30, Art. 18.4) cancels each copy: its metadata kept, no one holding it any more,
 * a 'recalled' event. One statement per table for all of them; inside the caller's transaction.
 */
export async function cancelCopies(db: Db, at: Date, changes: CopyChange[]) {
  if (changes.length === 0) return;
  await db
    .update(documents)
    .set({ status: 'cancelled', holderId: null, updatedAt: at })
    .where(
      inArray(
        documents.id,
        changes.map((c) => c.copyId),
      ),
    );
  await copyEvents(db, 'recalled', changes);
  await notifyClerks(db, 'recalled', changes);
}

/** An update of what was released: the copy's new summary and, when given, its new files. */
export interface CopyRevision extends CopyChange {
  summary: string;
  /** The files that replace the current ones (these are kept as older versions); null: no new files. */
  files: CopyFile[] | null;
  /** The version the new files get; by default the copy's newest version plus one. */
  version?: number;
}

/**
 * An update after release reaches each copy: new summary, new files as a new version (the old ones
 * kept, no longer current), an 'updated' event with the version. One statement per step for all of
 * them; inside the caller's transaction.
 */
export async function reviseCopies(db: Db, at: Date, revisions: CopyRevision[]) {
  if (revisions.length === 0) return;
  const versions = await nextVersions(
    db,
    revisions.filter((r) => r.version === undefined).map((r) => r.copyId),
  );
  const versionOf = (r: CopyRevision) => r.version ?? versions.get(r.copyId) ?? 2;
  await db.execute(sql`UPDATE documents d SET summary = v.summary, updated_at = ${at}
      FROM (SELECT unnest(${sql.param(revisions.map((r) => r.copyId))}::uuid[]) AS id,
                   unnest(${sql.param(revisions.map((r) => r.summary))}::text[]) AS summary) v
     WHERE d.id = v.id`);
  const replaced = revisions.filter((r) => r.files !== null);
  if (replaced.length) {
    await db
      .update(documentFiles)
      .set({ current: false })
      .where(
        inArray(
          documentFiles.documentId,
          replaced.map((r) => r.copyId),
        ),
      );
    const files = replaced.flatMap((r) =>
      r.files!.map((f) => ({ ...f, documentId: r.copyId, version: versionOf(r) })),
    );
    if (files.length) await db.insert(documentFiles).values(files);
  }
  await copyEvents(
    db,
    'updated',
    revisions.map((r) => ({ ...r, data: { version: versionOf(r), ...r.data } })),
  );
  await notifyClerks(db, 'updated', revisions);
}

/** The version after each copy's newest file (2 for a copy whose files are all version 1). */
async function nextVersions(db: Db, copyIds: string[]): Promise<Map<string, number>> {
  if (copyIds.length === 0) return new Map();
  const found = await rows<{ document_id: string; v: number | null }>(
    db,
    sql`SELECT document_id, max(version) AS v FROM document_files
         WHERE document_id = ANY(${sql.param(copyIds)}::uuid[]) GROUP BY document_id`,
  );
  return new Map(found.map((r) => [r.document_id, (r.v ?? 1) + 1]));
}

async function copyEvents(db: Db, kind: string, changes: CopyChange[]) {
  await db.insert(documentEvents).values(
    changes.map((c) => ({
      documentId: c.copyId,
      actorId: null,
      actorName: 'Hệ thống',
      kind,
      note: c.reason,
      data: c.data ?? {},
    })),
  );
}

async function notifyClerks(db: Db, kind: string, changes: CopyChange[]) {
  const told = changes.filter((c) => c.notify);
  if (told.length === 0) return;
  const clerks = await peopleWithRoleIn(
    db,
    told.map((c) => c.notify!.copy.agencyId),
    'clerk',
  );
  await tellMany(
    db,
    told.map((c) => ({
      personIds: clerks.get(c.notify!.copy.agencyId) ?? [],
      kind,
      title: c.notify!.title,
      doc: { id: c.copyId, summary: c.notify!.copy.summary },
    })),
  );
}

import { eq, sql } from 'drizzle-orm';
import type { FileRef } from '../../../shared/schemas/documents.ts';
import { type Db, rows } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit/index.ts';
import { findBlobs } from '../../platform/blobs/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { enqueue } from '../../platform/jobs/index.ts';
import { type Notice, notifyMany } from '../notifications/index.ts';
import { holdersByAgency } from '../people/index.ts';
import { visibleTo } from './access.ts';
import { documentEvents, documentFiles, documentReaders, documents } from './schema.ts';
import { extractTextJob } from './text-index.ts';

export type DocumentRow = typeof documents.$inferSelect;

/**
 * Loads a document the actor may see, or 404. Reads of a secret document go to the audit log.
 * `forUpdate` locks the row for the rest of the caller's transaction (state changes).
 */
export async function loadVisible(
  ctx: Ctx,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<DocumentRow> {
  const found = await rows<{ id: string }>(
    ctx.db,
    sql`SELECT d.id FROM documents d WHERE d.id = ${id} AND ${visibleTo(ctx.actor)} ${opts.forUpdate ? sql`FOR UPDATE` : sql``}`,
  );
  if (!found[0]) throw notFound('Văn bản');
  const [doc] = await ctx.db.select().from(documents).where(eq(documents.id, id));
  if (doc!.secrecy !== 'normal') {
    await audit(ctx.db, ctx.actor, {
      action: 'document.read_secret',
      entityType: 'document',
      entityId: id,
      agencyId: doc!.agencyId,
    });
  }
  return doc!;
}

export async function addEvent(
  db: Db,
  actor: Actor | null,
  documentId: string,
  kind: string,
  note?: string | null,
  data: Record<string, unknown> = {},
) {
  await db.insert(documentEvents).values({
    documentId,
    actorId: actor?.personId ?? null,
    actorName: actor?.fullName ?? 'Hệ thống',
    kind,
    note: note ?? null,
    data,
  });
}

/** Names people on a document: they may see it even when it is secret. */
export async function addReaders(db: Db, documentId: string, personIds: (string | null | undefined)[]) {
  const ids = [...new Set(personIds.filter((x): x is string => !!x))];
  if (ids.length === 0) return;
  await db
    .insert(documentReaders)
    .values(ids.map((personId) => ({ documentId, personId })))
    .onConflictDoNothing();
}

/** Attaches uploaded files (already in the blob store) to a document; unknown hashes are refused. */
export async function attachFiles(ctx: Ctx, documentId: string, files: FileRef[], version = 1) {
  if (files.length === 0) return;
  const found = await findBlobs(
    ctx.db,
    files.map((f) => f.sha256),
  );
  const byHash = new Map(found.map((b) => [b.sha256, b]));
  const values = files.map((f) => {
    const b = byHash.get(f.sha256);
    if (!b)
      throw new AppError(
        'validation_failed',
        `Tệp “${f.fileName}” chưa được tải lên hoặc đã bị hỏng; hãy tải lại.`,
      );
    return {
      documentId,
      sha256: b.sha256,
      fileName: f.fileName,
      mediaType: b.mediaType,
      size: b.size,
      role: f.role,
      version,
      uploadedById: ctx.actor.personId,
    };
  });
  await ctx.db.insert(documentFiles).values(values);
  // Search covers the files' text: extracted by a job, after this transaction commits.
  if (files.some((f) => f.role !== 'result'))
    await enqueue(ctx.db, extractTextJob, { documentId }, { maxAttempts: 3 });
}

/** Writes the audit row of a document change (inside the caller's transaction). */
export function auditDoc(
  ctx: Ctx,
  doc: Pick<DocumentRow, 'id' | 'agencyId'>,
  action: string,
  detail: Record<string, unknown> = {},
) {
  return audit(ctx.db, ctx.actor, {
    action: `document.${action}`,
    entityType: 'document',
    entityId: doc.id,
    agencyId: doc.agencyId,
    detail,
  });
}

/**
 * A role check for what is not a step of the document workflow (reading a file's proposals, say);
 * the workflow's actions are checked by `assertAllowed` (workflow.ts).
 */
export function requireRole(ctx: Ctx, roles: string[], what: string) {
  if (!ctx.actor.role || !roles.includes(ctx.actor.role))
    throw new AppError('forbidden', `Chỉ ${what} được thực hiện thao tác này.`);
}

/** The notice telling people about a document: its summary, a link to it. */
export function documentNotice(
  kind: string,
  title: string,
  doc: Pick<DocumentRow, 'id' | 'summary'>,
): Notice {
  return { kind: `document.${kind}`, title, body: doc.summary.slice(0, 300), link: `/van-ban/${doc.id}` };
}

/** Tells people (the bell, later mail) that a document waits for them. */
export async function tell(
  db: Db,
  personIds: (string | null | undefined)[],
  kind: string,
  title: string,
  doc: Pick<DocumentRow, 'id' | 'summary'>,
) {
  await tellMany(db, [{ personIds, kind, title, doc }]);
}

/** The same for many documents at once (one statement): each item's people hear of its document. */
export async function tellMany(
  db: Db,
  items: {
    personIds: (string | null | undefined)[];
    kind: string;
    title: string;
    doc: Pick<DocumentRow, 'id' | 'summary'>;
  }[],
) {
  await notifyMany(
    db,
    items.map((i) => ({ personIds: i.personIds, notice: documentNotice(i.kind, i.title, i.doc) })),
  );
}

/** The people holding a role in each of these agencies (e.g. their clerks), in one statement (people's). */
export async function peopleWithRoleIn(
  db: Db,
  agencyIds: string[],
  role: string,
): Promise<Map<string, string[]>> {
  return holdersByAgency(db, agencyIds, role);
}

/** People of an agency holding one of these roles (e.g. its clerks). */
export async function peopleWithRole(db: Db, agencyId: string, role: string): Promise<string[]> {
  return (await peopleWithRoleIn(db, [agencyId], role)).get(agencyId) ?? [];
}

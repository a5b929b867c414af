import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { documentFiles } from './schema.ts';

export type DocumentFile = typeof documentFiles.$inferSelect;

/** main | attachment | result (a result file records what was done, e.g. a signed reply). */
export type FileRole = 'main' | 'attachment' | 'result';

/**
 * The current files of each document (the versions an update did not replace), oldest first, in one
 * query; every id asked for is in the map, with no files when it has none. `roles` keeps only these
 * (a package or a text index carries the document and its attachments, not result files).
 */
export async function currentFiles(
  db: Db,
  documentIds: string[],
  opts: { roles?: FileRole[] } = {},
): Promise<Map<string, DocumentFile[]>> {
  const out = new Map<string, DocumentFile[]>(documentIds.map((id) => [id, []]));
  if (documentIds.length === 0) return out;
  const found = await db
    .select()
    .from(documentFiles)
    .where(
      and(
        inArray(documentFiles.documentId, [...new Set(documentIds)]),
        eq(documentFiles.current, true),
        opts.roles ? inArray(documentFiles.role, opts.roles) : undefined,
      ),
    )
    // Files attached together share their time; their ids (UUID v7) keep the order they came in.
    .orderBy(asc(documentFiles.createdAt), asc(documentFiles.id));
  for (const f of found) out.get(f.documentId)?.push(f);
  return out;
}

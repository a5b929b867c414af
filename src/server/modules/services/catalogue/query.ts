import { and, asc, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ProcedureList, ProcedurePublic, ProcedureSummary } from '../../../../shared/services/api.ts';
import type { Db } from '../../../db/client.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { findAgencies } from '../../agencies/index.ts';
import { decodeKeyset } from '../core/cursor.ts';
import { serviceProcedureAgencies, serviceProcedures } from '../schema.ts';
import { loadProcedure } from './store.ts';

/*
 * Reading the catalogue: the public search (diacritics-free, over code, name and field, by the
 * generated tsvector's GIN index), paged by keyset on (name, id), and one procedure by its national
 * code. Only active procedures are public; a retired one answers 404 on the public side.
 */

export const catalogueQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  field: z.string().trim().max(300).optional(),
  level: z.enum(['province', 'district', 'commune']).optional(),
  onlineLevel: z.enum(['none', 'partial', 'full']).optional(),
  agencyId: z.uuid('Mã cơ quan không hợp lệ.').optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type CatalogueQuery = z.infer<typeof catalogueQuerySchema>;

/** The words of a query as a prefix tsquery over the same normalisation the index uses. */
function tsQuery(q: string): SQL | null {
  const words = q
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .filter(Boolean)
    .slice(0, 12);
  if (words.length === 0) return null;
  return sql`to_tsquery('simple', ${words.map((w) => `${w.replace(/'/g, '')}:*`).join(' & ')})`;
}

async function withAgencies(
  db: Db,
  rows: (typeof serviceProcedures.$inferSelect)[],
): Promise<ProcedureSummary[]> {
  if (rows.length === 0) return [];
  const links = await db
    .select()
    .from(serviceProcedureAgencies)
    .where(
      inArray(
        serviceProcedureAgencies.procedureId,
        rows.map((r) => r.id),
      ),
    );
  const names = await findAgencies(
    db,
    links.map((l) => l.agencyId),
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    field: r.field,
    level: r.level as ProcedureSummary['level'],
    onlineLevel: r.onlineLevel as ProcedureSummary['onlineLevel'],
    processingDays: r.processingDays,
    agencies: links
      .filter((l) => l.procedureId === r.id)
      .map((l) => ({ id: l.agencyId, name: names.get(l.agencyId)?.name ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
  }));
}

export async function searchCatalogue(
  db: Db,
  query: CatalogueQuery,
  opts: { includeRetired?: boolean } = {},
): Promise<ProcedureList> {
  const p = serviceProcedures;
  const where: SQL[] = [];
  if (!opts.includeRetired) where.push(eq(p.active, true));
  const ts = query.q ? tsQuery(query.q) : null;
  if (ts) where.push(sql`${p.searchVector} @@ ${ts}`);
  if (query.field) where.push(eq(p.field, query.field));
  if (query.level) where.push(eq(p.level, query.level));
  if (query.onlineLevel) where.push(eq(p.onlineLevel, query.onlineLevel));
  if (query.agencyId)
    where.push(
      sql`EXISTS (SELECT 1 FROM ${serviceProcedureAgencies} a WHERE a.procedure_id = ${p.id} AND a.agency_id = ${query.agencyId})`,
    );
  const after = decodeKeyset(query.cursor);
  if (after) {
    const [name, id] = after;
    const next = or(gt(p.name, name), and(eq(p.name, name), gt(p.id, id)));
    if (next) where.push(next);
  }
  const rows = await db
    .select()
    .from(p)
    .where(and(...where))
    .orderBy(asc(p.name), asc(p.id))
    .limit(query.limit + 1);
  const page = paginate(rows, query.limit, (r) => [r.name, r.id]);
  return { items: await withAgencies(db, page.items), nextCursor: page.nextCursor };
}

/** The catalogue's fields, for the filter (few: one indexed scan). */
export async function catalogueFields(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ field: serviceProcedures.field })
    .from(serviceProcedures)
    .where(eq(serviceProcedures.active, true))
    .orderBy(asc(serviceProcedures.field));
  return rows.map((r) => r.field);
}

/** A public procedure by its national code, or null (unknown or retired). */
export async function publicProcedure(db: Db, code: string): Promise<ProcedurePublic | null> {
  const [row] = await db
    .select()
    .from(serviceProcedures)
    .where(and(eq(serviceProcedures.code, code), eq(serviceProcedures.active, true)));
  if (!row) return null;
  const loaded = await loadProcedure(db, { id: row.id });
  const [summary] = await withAgencies(db, [row]);
  if (!summary) return null;
  return {
    ...summary,
    version: loaded.version,
    content: loaded.content,
    updatedAt: row.updatedAt.toISOString(),
  };
}

import { and, asc, eq, gt, ilike, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../../db/client.ts';
import { agencies, agencyHistory } from './schema.ts';

export type AgencyRow = typeof agencies.$inferSelect;

export async function findById(db: Db, id: string): Promise<AgencyRow | undefined> {
  return (await db.select().from(agencies).where(eq(agencies.id, id)))[0];
}

export async function findActiveByCode(db: Db, code: string): Promise<AgencyRow | undefined> {
  return (
    await db
      .select()
      .from(agencies)
      .where(and(eq(agencies.agencyCode, code), eq(agencies.status, 'active')))
  )[0];
}

/** An active unit as found by its QCVN 102 code; `kind` tells an agency from a division. */
export interface CodedAgency {
  id: string;
  name: string;
  shortName: string;
  agencyCode: string;
  parentId: string | null;
  kind: string;
}

/**
 * The active unit holding each of these codes, in one query. A code is held by one active unit at
 * most (agencies_code_active_uq); divisions are included, so that a caller that routes documents
 * skips them (`kind`) while one that checks a code is free does not.
 */
export async function activeAgenciesByCode(db: Db, codes: string[]): Promise<Map<string, CodedAgency>> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return new Map();
  const found = await db
    .select({
      id: agencies.id,
      name: agencies.name,
      shortName: agencies.shortName,
      agencyCode: agencies.agencyCode,
      parentId: agencies.parentId,
      kind: agencies.kind,
    })
    .from(agencies)
    .where(and(inArray(agencies.agencyCode, wanted), eq(agencies.status, 'active')));
  return new Map(found.map((a) => [a.agencyCode!, { ...a, agencyCode: a.agencyCode! }]));
}

/** Units by id, whatever their status (records name units that were merged since), in one query. */
export async function findAgencies(db: Db, ids: string[]): Promise<Map<string, AgencyRow>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const found = await db.select().from(agencies).where(inArray(agencies.id, wanted));
  return new Map(found.map((a) => [a.id, a]));
}

/** The name of the root of each unit's tree (the province's People's Committee), in one query. */
export async function rootNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const r = await rows<{ start: string; name: string }>(
    db,
    sql`WITH RECURSIVE up AS (
          SELECT id AS start, id, parent_id, name FROM agencies WHERE id = ANY(${sql.param(wanted)}::uuid[])
          UNION ALL SELECT up.start, a.id, a.parent_id, a.name FROM agencies a JOIN up ON a.id = up.parent_id)
        SELECT start, name FROM up WHERE parent_id IS NULL`,
  );
  return new Map(r.map((x) => [x.start, x.name]));
}

/**
 * The installation's home agency: the first active root of the tree with a QCVN 102 code (the
 * province's People's Committee), or null.
 */
export async function homeAgencyId(db: Db): Promise<string | null> {
  const [a] = await db
    .select({ id: agencies.id })
    .from(agencies)
    .where(and(isNull(agencies.parentId), isNotNull(agencies.agencyCode), eq(agencies.status, 'active')))
    .orderBy(asc(agencies.sortOrder), asc(agencies.createdAt))
    .limit(1);
  return a?.id ?? null;
}

/** The unit and every unit below it (recursive), active or not. */
export async function subtreeIds(db: Db, rootId: string): Promise<string[]> {
  const r = await rows<{ id: string }>(
    db,
    sql`WITH RECURSIVE t AS (SELECT id FROM agencies WHERE id = ${rootId}
          UNION ALL SELECT a.id FROM agencies a JOIN t ON a.parent_id = t.id)
        SELECT id FROM t`,
  );
  return r.map((x) => x.id);
}

/** Active units, among `within` when given (an agency admin's scope), else all: the admin home's figure. */
export async function countActive(db: Db, within?: string[]): Promise<number> {
  const [r] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM agencies WHERE status = 'active'
        ${within ? sql`AND id IN ${within.length ? within : ['00000000-0000-0000-0000-000000000000']}` : sql``}`,
  );
  return r?.n ?? 0;
}

/**
 * Agencies and divisions as another module may read them inside one of its own statements (a
 * subquery the planner folds into the caller's join, so the plan is the one a join on the table
 * would get): `JOIN ${agencyRowsSql} a ON a.id = x.agency_id`. The text form is for raw queries.
 */
export const AGENCY_ROWS =
  '(SELECT id, parent_id, kind, name, short_name, agency_code, status, sort_order FROM agencies)';
export const agencyRowsSql = sql.raw(AGENCY_ROWS);

/** The active divisions (phòng, ban) directly inside an agency, in the tree's order. */
export async function activeDivisionsOf(
  db: Db,
  agencyId: string,
): Promise<{ id: string; name: string; shortName: string }[]> {
  const r = await rows<{ id: string; name: string; short_name: string }>(
    db,
    sql`SELECT id, name, short_name FROM agencies
         WHERE parent_id = ${agencyId} AND kind = 'division' AND status = 'active' ORDER BY sort_order, name`,
  );
  return r.map((d) => ({ id: d.id, name: d.name, shortName: d.short_name }));
}

/** Active agencies (not divisions) by name, at most `limit`: e.g. the issuers a text is matched against. */
export async function activeAgenciesByName(
  db: Db,
  limit: number,
): Promise<{ id: string; name: string; shortName: string }[]> {
  const r = await rows<{ id: string; name: string; short_name: string }>(
    db,
    sql`SELECT id, name, short_name FROM agencies WHERE status = 'active' AND kind <> 'division' ORDER BY name LIMIT ${limit}`,
  );
  return r.map((a) => ({ id: a.id, name: a.name, shortName: a.short_name }));
}

/**
 * Loads a new tree of units, parents before children (the demo province), one row each and no
 * history (a seed, not a change anyone made). Returns each unit's id by its key.
 */
export async function insertTree(
  db: Db,
  units: {
    key: string;
    parentKey?: string | null;
    kind: string;
    name: string;
    shortName: string;
    agencyCode?: string | null;
    email?: string | null;
  }[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const a of units) {
    const [row] = await db
      .insert(agencies)
      .values({
        parentId: a.parentKey ? ids.get(a.parentKey)! : null,
        kind: a.kind,
        name: a.name,
        shortName: a.shortName,
        agencyCode: a.agencyCode,
        email: a.email,
        sortOrder: String(ids.size).padStart(5, '0'),
      })
      .returning({ id: agencies.id });
    ids.set(a.key, row!.id);
  }
  return ids;
}

/** Ancestors from the unit's parent up to the root. */
export async function ancestorIds(db: Db, id: string): Promise<string[]> {
  const r = await rows<{ id: string }>(
    db,
    sql`WITH RECURSIVE t AS (SELECT parent_id AS id, 1 AS depth FROM agencies WHERE id = ${id}
          UNION ALL SELECT a.parent_id, t.depth + 1 FROM agencies a JOIN t ON a.id = t.id WHERE t.depth < 50)
        SELECT id FROM t WHERE id IS NOT NULL ORDER BY depth`,
  );
  return r.map((x) => x.id);
}

export interface ListFilter {
  q?: string;
  parentId?: string | null;
  kind?: string;
  includeInactive?: boolean;
  /** Restrict to these ids (agency admins' scope); undefined = all. */
  within?: string[];
  after?: [string, string] | null;
  limit: number;
}

/** Keyset-paginated on (name, id), backed by agencies_list_idx; q matches name (diacritics-free) or code. */
export async function list(db: Db, f: ListFilter) {
  const where: SQL[] = [];
  if (!f.includeInactive) where.push(eq(agencies.status, 'active'));
  if (f.parentId !== undefined)
    where.push(f.parentId === null ? sql`${agencies.parentId} IS NULL` : eq(agencies.parentId, f.parentId));
  if (f.kind) where.push(eq(agencies.kind, f.kind));
  if (f.within)
    where.push(inArray(agencies.id, f.within.length ? f.within : ['00000000-0000-0000-0000-000000000000']));
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '')}%`;
    where.push(
      or(
        sql`${agencies.nameNorm} LIKE lt_norm(${like})`,
        ilike(agencies.agencyCode, like),
        ilike(agencies.shortName, like),
      )!,
    );
  }
  if (f.after)
    where.push(
      or(gt(agencies.name, f.after[0]), and(eq(agencies.name, f.after[0]), gt(agencies.id, f.after[1])))!,
    );
  return db
    .select({
      agency: agencies,
      childCount: sql<number>`(SELECT count(*)::int FROM agencies c WHERE c.parent_id = "agencies"."id" AND c.status = 'active')`,
    })
    .from(agencies)
    .where(and(...where))
    .orderBy(asc(agencies.name), asc(agencies.id))
    .limit(f.limit + 1);
}

export async function history(db: Db, agencyId: string) {
  return db
    .select()
    .from(agencyHistory)
    .where(eq(agencyHistory.agencyId, agencyId))
    .orderBy(asc(agencyHistory.at))
    .limit(500);
}

/** One entry of a unit's history, with who made it: their id and the name they have today (see agencyHistory.actorName). */
export async function addHistory(
  db: Db,
  actor: { personId: string; fullName: string } | null,
  h: { agencyId: string; change: string; before?: unknown; after?: unknown },
) {
  await db.insert(agencyHistory).values({
    ...h,
    before: h.before ?? null,
    after: h.after ?? null,
    actorId: actor?.personId ?? null,
    actorName: actor?.fullName ?? null,
  });
}

/**
 * The active units (no divisions) with their kind and parent, in the tree's sort order: for
 * modules that seed or lay out data along the tree (the indicators' demo data).
 */
export async function activeUnits(
  db: Db,
): Promise<{ id: string; parentId: string | null; kind: string; name: string; agencyCode: string | null }[]> {
  return rows(
    db,
    sql`SELECT id, parent_id AS "parentId", kind, name, agency_code AS "agencyCode" FROM agencies
         WHERE status = 'active' AND kind <> 'division' ORDER BY sort_order, name, id`,
  );
}

/**
 * The members of subtrees as a subquery another module may join inside its own statement:
 * rows (root_id, id), one per agency of each root's subtree, the root included. `rootsOf`
 * 'node': the one subtree of `id`; 'children': the subtree of each child of `id` that is not a
 * division (e.g. ranking the districts of a province). Usage: `JOIN ${subtreeMembersSql('node', id)} m
 * ON m.id = x.agency_id`.
 */
export function subtreeMembersSql(rootsOf: 'node' | 'children', id: string) {
  const roots =
    rootsOf === 'node'
      ? sql`SELECT id AS root_id, id FROM agencies WHERE id = ${id}`
      : sql`SELECT id AS root_id, id FROM agencies WHERE parent_id = ${id} AND kind <> 'division'`;
  return sql`(WITH RECURSIVE t(root_id, id) AS (${roots}
      UNION ALL SELECT t.root_id, a.id FROM agencies a JOIN t ON a.parent_id = t.id)
    SELECT root_id, id FROM t)`;
}

import { and, asc, eq, gt, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Db, rows } from '../../db/client.ts';
import { agencies } from '../agencies/index.ts';
import { people, positions, sessions } from './schema.ts';

export type PersonRow = typeof people.$inferSelect;
export type PositionRow = typeof positions.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

const division = alias(agencies, 'division');

export async function findPerson(db: Db, id: string): Promise<PersonRow | undefined> {
  return (await db.select().from(people).where(eq(people.id, id)))[0];
}

export async function findByUsername(db: Db, username: string): Promise<PersonRow | undefined> {
  return (await db.select().from(people).where(eq(people.username, username.trim().toLowerCase())))[0];
}

/** Each person's full name by id (e.g. a document's drafter on its edXML package), in one query. */
export async function personNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const found = await db
    .select({ id: people.id, fullName: people.fullName })
    .from(people)
    .where(inArray(people.id, wanted));
  return new Map(found.map((p) => [p.id, p.fullName]));
}

const positionFields = {
  id: positions.id,
  personId: positions.personId,
  agencyId: positions.agencyId,
  agencyName: agencies.name,
  agencyShortName: agencies.shortName,
  agencyCode: agencies.agencyCode,
  divisionId: positions.divisionId,
  divisionName: division.name,
  role: positions.role,
  title: positions.title,
  isPrimary: positions.isPrimary,
};

function activePositionsOf(db: Db, personFilter: SQL) {
  return db
    .select(positionFields)
    .from(positions)
    .innerJoin(agencies, eq(agencies.id, positions.agencyId))
    .leftJoin(division, eq(division.id, positions.divisionId))
    .where(and(personFilter, isNull(positions.endedAt)))
    .orderBy(sql`${positions.isPrimary} DESC`, asc(positions.createdAt));
}

// One person's positions are read on every /me: a named prepared statement, planned once per connection.
const preparedByDb = new WeakMap<Db, ReturnType<ReturnType<typeof activePositionsOf>['prepare']>>();

/** Active positions with the names of their agency and division, for many people at once. */
export async function activePositions(db: Db, personIds: string[]) {
  if (personIds.length === 0) return [];
  if (personIds.length === 1) {
    let q = preparedByDb.get(db);
    if (!q) {
      q = activePositionsOf(db, eq(positions.personId, sql.placeholder('personId'))).prepare(
        'active_positions_of_person',
      );
      preparedByDb.set(db, q);
    }
    return q.execute({ personId: personIds[0] });
  }
  return activePositionsOf(db, inArray(positions.personId, personIds));
}

/**
 * People with an active account and at least one active position, in these units when `within`
 * is given (an agency admin's scope) or anywhere (undefined): the admin home's figure.
 */
export async function countActivePeople(db: Db, within?: string[]): Promise<number> {
  const [r] = await rows<{ n: number }>(
    db,
    sql`SELECT count(DISTINCT person_id)::int AS n FROM positions JOIN people ON people.id = positions.person_id
        WHERE ended_at IS NULL AND people.disabled_at IS NULL
        ${within ? sql`AND agency_id IN ${within.length ? within : ['00000000-0000-0000-0000-000000000000']}` : sql``}`,
  );
  return r?.n ?? 0;
}

export interface PeopleFilter {
  q?: string;
  agencyId?: string;
  /** Only people holding an active position in one of these units (admins' scope). */
  within?: string[];
  after?: [string, string] | null;
  limit: number;
}

/** Keyset on (full_name, id); q matches the name without diacritics or the username. */
export async function listPeople(db: Db, f: PeopleFilter) {
  const where: SQL[] = [];
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '')}%`;
    where.push(
      or(sql`${people.nameNorm} LIKE lt_norm(${like})`, sql`${people.username} LIKE lower(${like})`)!,
    );
  }
  const units = f.agencyId ? [f.agencyId] : f.within;
  if (units) {
    where.push(
      sql`EXISTS (SELECT 1 FROM positions p WHERE p.person_id = ${people.id} AND p.ended_at IS NULL
            AND (p.agency_id IN ${units.length ? units : ['00000000-0000-0000-0000-000000000000']}
              OR p.division_id IN ${units.length ? units : ['00000000-0000-0000-0000-000000000000']}))`,
    );
  }
  if (f.after)
    where.push(
      or(gt(people.fullName, f.after[0]), and(eq(people.fullName, f.after[0]), gt(people.id, f.after[1])))!,
    );
  return db
    .select()
    .from(people)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(people.fullName), asc(people.id))
    .limit(f.limit + 1);
}

export async function revokeAllSessions(db: Db, personId: string, exceptSessionId?: string) {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(sessions.personId, personId),
        isNull(sessions.revokedAt),
        exceptSessionId ? sql`${sessions.id} <> ${exceptSessionId}` : undefined,
      ),
    );
}

/**
 * The people holding a role in an agency now (active position, account not disabled), by name:
 * e.g. its archivists, whose presence decides who keeps the agency archive.
 */
export async function activeHolders(
  db: Db,
  agencyId: string,
  role: string,
): Promise<{ personId: string; fullName: string }[]> {
  return db
    .selectDistinct({ personId: people.id, fullName: people.fullName })
    .from(positions)
    .innerJoin(people, eq(people.id, positions.personId))
    .where(
      and(
        eq(positions.agencyId, agencyId),
        eq(positions.role, role),
        isNull(positions.endedAt),
        isNull(people.disabledAt),
      ),
    )
    .orderBy(asc(people.fullName), asc(people.id));
}

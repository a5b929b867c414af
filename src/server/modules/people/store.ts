import { and, asc, eq, gt, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Db, hotRows, rows } from '../../db/client.ts';
import { agencyRowsSql } from '../agencies/index.ts';
import { people, positions, sessions } from './schema.ts';

export type PersonRow = typeof people.$inferSelect;
export type PositionRow = typeof positions.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

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

/** An active position with the names of its agency and division (agencies' rows, read in the same statement). */
export interface ActivePosition {
  id: string;
  personId: string;
  agencyId: string;
  agencyName: string;
  agencyShortName: string;
  agencyCode: string | null;
  divisionId: string | null;
  divisionName: string | null;
  role: string;
  title: string;
  isPrimary: boolean;
}

/**
 * Active positions with the names of their agency and division, for many people at once. One
 * person's are read on every sign-in and position switch: a named prepared statement (hotRows).
 */
export async function activePositions(db: Db, personIds: string[]): Promise<ActivePosition[]> {
  if (personIds.length === 0) return [];
  const who =
    personIds.length === 1
      ? sql`x.person_id = ${personIds[0]}`
      : sql`x.person_id = ANY(${sql.param(personIds)}::uuid[])`;
  return hotRows<ActivePosition>(
    db,
    sql`SELECT x.id, x.person_id AS "personId", x.agency_id AS "agencyId", a.name AS "agencyName",
               a.short_name AS "agencyShortName", a.agency_code AS "agencyCode", x.division_id AS "divisionId",
               dv.name AS "divisionName", x.role, x.title, x.is_primary AS "isPrimary"
          FROM positions x JOIN ${agencyRowsSql} a ON a.id = x.agency_id LEFT JOIN ${agencyRowsSql} dv ON dv.id = x.division_id
         WHERE ${who} AND x.ended_at IS NULL
         ORDER BY x.is_primary DESC, x.created_at`,
  );
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

/** Forgets sessions that ended (expired or revoked) more than 30 days ago; the audit log keeps the sign-ins. */
export async function purgeOldSessions(db: Db): Promise<void> {
  await db.execute(
    sql`DELETE FROM sessions WHERE expires_at < now() - interval '30 days' OR revoked_at < now() - interval '30 days'`,
  );
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

// ---- What other modules read of people and positions (people owns both tables) ----

/**
 * A person's full name as a scalar subquery of the caller's statement, looked up by primary key for
 * each row the caller returns (`id` is a column or value of the caller's query, e.g. d.holder_id).
 */
export function personNameSql(id: SQL): SQL {
  return sql`(SELECT h.full_name FROM people h WHERE h.id = ${id})`;
}

/** Name and e-mail address by person id, e.g. to mail them (ids without a person are left out). */
export async function contactsOf(
  db: Db,
  ids: string[],
): Promise<Map<string, { fullName: string; email: string | null }>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const r = await rows<{ id: string; full_name: string; email: string | null }>(
    db,
    sql`SELECT id, full_name, email FROM people WHERE id = ANY(${sql.param(wanted)}::uuid[])`,
  );
  return new Map(r.map((p) => [p.id, { fullName: p.full_name, email: p.email }]));
}

/** The people holding a role in each of these agencies now (active position), in one statement. */
export async function holdersByAgency(
  db: Db,
  agencyIds: string[],
  role: string,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(agencyIds.map((a) => [a, []]));
  if (agencyIds.length === 0) return out;
  const r = await rows<{ agency_id: string; person_id: string }>(
    db,
    sql`SELECT agency_id, person_id FROM positions
         WHERE agency_id = ANY(${sql.param([...new Set(agencyIds)])}::uuid[]) AND role = ${role} AND ended_at IS NULL`,
  );
  for (const x of r) out.get(x.agency_id)?.push(x.person_id);
  return out;
}

/**
 * As a scalar subquery of the caller's statement: the JSON array of the people holding a role in the
 * agency `agencyId` (a column or value of the caller's query) now, e.g. its clerks.
 */
export function holdersJsonSql(agencyId: SQL, role: string): SQL {
  return sql`(SELECT coalesce(json_agg(p.person_id), '[]'::json) FROM positions p
               WHERE p.agency_id = ${agencyId} AND p.role = ${role} AND p.ended_at IS NULL)`;
}

/** The people holding a role in any of these divisions now (e.g. their heads). */
export async function divisionHolders(db: Db, divisionIds: string[], role: string): Promise<string[]> {
  if (divisionIds.length === 0) return [];
  const r = await rows<{ person_id: string }>(
    db,
    sql`SELECT person_id FROM positions WHERE ended_at IS NULL AND role = ${role} AND division_id IN ${divisionIds}`,
  );
  return r.map((x) => x.person_id);
}

/** The first holder of a role in an agency (a primary position first, then the oldest), or null. */
export async function firstAgencyHolder(db: Db, agencyId: string, role: string): Promise<string | null> {
  const r = await rows<{ person_id: string }>(
    db,
    sql`SELECT person_id FROM positions WHERE agency_id = ${agencyId} AND role = ${role} AND ended_at IS NULL
         ORDER BY is_primary DESC, created_at LIMIT 1`,
  );
  return r[0]?.person_id ?? null;
}

/** The longest-serving holder of a role in a division, other than `except`, or null. */
export async function firstDivisionHolder(
  db: Db,
  divisionId: string,
  role: string,
  except: string,
): Promise<string | null> {
  const r = await rows<{ person_id: string }>(
    db,
    sql`SELECT person_id FROM positions WHERE division_id = ${divisionId} AND role = ${role} AND ended_at IS NULL
          AND person_id <> ${except} ORDER BY created_at LIMIT 1`,
  );
  return r[0]?.person_id ?? null;
}

/**
 * As a subquery of the caller's statement (`x.creator_id IN ${…}`): the people holding an active
 * position in this division of this agency.
 */
export function divisionMembersSql(agencyId: string, divisionId: string): SQL {
  return sql`(
      SELECT p.person_id FROM positions p
       WHERE p.division_id = ${divisionId} AND p.agency_id = ${agencyId} AND p.ended_at IS NULL)`;
}

/** The agency of a person's primary (else oldest) active position, or null. */
export async function primaryAgencyOf(db: Db, personId: string): Promise<string | null> {
  const r = await rows<{ agency_id: string }>(
    db,
    sql`SELECT agency_id FROM positions WHERE person_id = ${personId} AND ended_at IS NULL
         ORDER BY is_primary DESC, created_at LIMIT 1`,
  );
  return r[0]?.agency_id ?? null;
}

/**
 * The active staff of an agency holding one of these roles (account not disabled), by role then
 * name: whom documents can be submitted or assigned to.
 */
export async function staffOf(
  db: Db,
  agencyId: string,
  roles: string[],
): Promise<{ id: string; name: string; role: string; title: string; divisionId: string | null }[]> {
  const r = await rows<{ id: string; name: string; role: string; title: string; division_id: string | null }>(
    db,
    sql`SELECT p.id, p.full_name AS name, x.role, x.title, x.division_id FROM positions x JOIN people p ON p.id = x.person_id
         WHERE x.agency_id = ${agencyId} AND x.ended_at IS NULL AND p.disabled_at IS NULL
           AND x.role IN ${roles}
         ORDER BY x.role, p.full_name LIMIT 2000`,
  );
  return r.map((p) => ({ id: p.id, name: p.name, role: p.role, title: p.title, divisionId: p.division_id }));
}

/** Is there anyone at all (a first start has no people)? */
export async function hasPeople(db: Db): Promise<boolean> {
  return (await db.select({ id: people.id }).from(people).limit(1)).length > 0;
}

/** The id of the person with this exact username, if any. */
export async function personIdByUsername(db: Db, username: string): Promise<string | undefined> {
  return (await db.select({ id: people.id }).from(people).where(eq(people.username, username)))[0]?.id;
}

/**
 * Writes an account and its positions, nothing else (no audit row: the caller records why, e.g. the
 * command line or the demo seed). Returns the new person's id.
 */
export async function createAccount(
  db: Db,
  person: {
    username: string;
    fullName: string;
    passwordHash: string;
    mustChangePassword: boolean;
    email?: string | null;
  },
  held: NewPosition[],
): Promise<string> {
  const [p] = await db.insert(people).values(person).returning({ id: people.id });
  for (const x of held) await addPositionTo(db, p!.id, x);
  return p!.id;
}

export interface NewPosition {
  agencyId: string;
  divisionId?: string | null;
  role: string;
  title: string;
  isPrimary?: boolean;
}

/** Writes one more position for a person, nothing else (see createAccount). */
export async function addPositionTo(db: Db, personId: string, x: NewPosition): Promise<void> {
  await db.insert(positions).values({ personId, ...x });
}

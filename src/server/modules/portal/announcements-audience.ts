import { type SQL, sql } from 'drizzle-orm';
import { ROLES } from '../../../shared/roles.ts';
import { type Db, rows } from '../../db/client.ts';
import { agencyRowsSql } from '../agencies/index.ts';
import { activePositions, divisionMembersSql, holdersJsonSql } from '../people/index.ts';

/*
 * Who an announcement is addressed to, both ways round:
 * - from a reader: `readerReach` (their active positions and, for each, the unit it sits in with
 *   every unit above it) and `visibleSql` (the condition on an announcement row `a`);
 * - from an announcement: `membersSql` (the people it reaches, as WITH items of the caller's
 *   statement), for read receipts and notices, computed in SQL, never by loading everyone.
 *
 * Audiences: `all` every person holding a position; `agencies` everyone whose position's agency or
 * division is inside a chosen unit (its divisions and lower units included: a district reaches its
 * communes); `roles` the holders of the chosen roles, province-wide when no unit is chosen, else
 * inside the chosen units as for `agencies`. A person with several positions (kiêm nhiệm) is
 * reached when any of them is.
 */

export interface ReaderReach {
  /** Every unit the person's positions sit in, with the units above them. */
  units: string[];
  /** Each active position: its role and the units it sits in (upwards). */
  positions: { role: string; units: string[] }[];
}

/** The reader's positions and their units upwards: two small queries. */
export async function readerReach(db: Db, personId: string): Promise<ReaderReach> {
  const held = await activePositions(db, [personId]);
  if (held.length === 0) return { units: [], positions: [] };
  const starts = [...new Set(held.map((p) => p.divisionId ?? p.agencyId))];
  const up = await rows<{ start: string; ids: string[] }>(
    db,
    sql`WITH RECURSIVE up(start, id) AS (
          SELECT s, s FROM unnest(${sql.param(starts)}::uuid[]) AS s
          UNION SELECT up.start, a.parent_id FROM ${agencyRowsSql} a JOIN up ON a.id = up.id
           WHERE a.parent_id IS NOT NULL)
        SELECT start, array_agg(id) AS ids FROM up GROUP BY start`,
  );
  const chain = new Map(up.map((r) => [r.start, r.ids]));
  const positions = held.map((p) => {
    const units = chain.get(p.divisionId ?? p.agencyId) ?? [p.agencyId];
    return { role: p.role, units: [...new Set([...units, p.agencyId])] };
  });
  return { units: [...new Set(positions.flatMap((p) => p.units))], positions };
}

const uuids = (ids: string[]) =>
  sql`${sql.param(ids.length ? ids : ['00000000-0000-0000-0000-000000000000'])}::uuid[]`;

/** The announcement row `a` is addressed to the reader (published; expiry is the caller's filter). */
export function visibleSql(reach: ReaderReach): SQL {
  const chosen = (units: string[]) =>
    sql`EXISTS (SELECT 1 FROM announcement_agencies aa WHERE aa.announcement_id = a.id AND aa.agency_id = ANY(${uuids(units)}))`;
  const byRole = reach.positions.map(
    (p) =>
      sql`(${p.role} = ANY(a.roles) AND (NOT EXISTS (SELECT 1 FROM announcement_agencies aa WHERE aa.announcement_id = a.id) OR ${chosen(p.units)}))`,
  );
  return sql`(a.status = 'published' AND (a.audience = 'all'
    OR (a.audience = 'agencies' AND ${reach.units.length ? chosen(reach.units) : sql`false`})
    OR (a.audience = 'roles' AND (${byRole.length ? sql.join(byRole, sql` OR `) : sql`false`}))))`;
}

/** What `membersSql` needs of an announcement: its audience and its chosen units (with kind and parent). */
export interface AudienceSpec {
  audience: string;
  roles: string[];
  units: { id: string; kind: string; parentId: string | null }[];
}

/**
 * WITH items (to follow `WITH RECURSIVE`) ending in `members(person_id, agency_id, role)`: one row
 * per person reached (the agency and role of one position that reaches them). People's positions are
 * read through people's fragments: the holders of each role in each unit of the audience (an index
 * lookup per unit and role), and the members of a chosen division.
 */
export function membersSql(spec: AudienceSpec): SQL {
  const roles = spec.audience === 'roles' ? spec.roles : [...ROLES];
  const provinceWide = spec.audience === 'all' || (spec.audience === 'roles' && spec.units.length === 0);
  const roots = spec.units.filter((u) => u.kind !== 'division').map((u) => u.id);
  const divisions = spec.units.filter((u) => u.kind === 'division' && u.parentId);
  const units = provinceWide
    ? sql`aud_units(id) AS (SELECT id FROM ${agencyRowsSql} x WHERE x.kind <> 'division')`
    : sql`aud_units(id) AS (
          SELECT id FROM ${agencyRowsSql} x WHERE x.id = ANY(${uuids(roots)})
          UNION SELECT x.id FROM ${agencyRowsSql} x JOIN aud_units u ON x.parent_id = u.id WHERE x.kind <> 'division')`;
  const parts: SQL[] = roles.map(
    (role) =>
      sql`SELECT u.id AS agency_id, ${role}::text AS role, j.person_id::uuid AS person_id
            FROM aud_units u CROSS JOIN LATERAL json_array_elements_text(${holdersJsonSql(sql`u.id`, role)}) AS j(person_id)`,
  );
  if (!provinceWide)
    for (const d of divisions)
      for (const role of roles)
        parts.push(
          sql`SELECT ${d.parentId}::uuid AS agency_id, ${role}::text AS role, j.person_id::uuid AS person_id
                FROM json_array_elements_text(${holdersJsonSql(sql`${d.parentId}::uuid`, role)}) AS j(person_id)
               WHERE j.person_id::uuid IN ${divisionMembersSql(d.parentId!, d.id)}`,
        );
  return sql`${units},
    aud_holders AS (${sql.join(parts, sql` UNION ALL `)}),
    members AS (SELECT DISTINCT ON (person_id) person_id, agency_id, role FROM aud_holders ORDER BY person_id, agency_id, role)`;
}

import { sql } from 'drizzle-orm';
import { rows } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';

/** The people and divisions of the actor's agency that documents can be submitted or assigned to. */
export async function colleagues(ctx: Ctx) {
  const people = await rows<{
    id: string;
    name: string;
    role: string;
    title: string;
    division_id: string | null;
  }>(
    ctx.db,
    sql`SELECT p.id, p.full_name AS name, x.role, x.title, x.division_id FROM positions x JOIN people p ON p.id = x.person_id
         WHERE x.agency_id = ${ctx.actor.agencyId} AND x.ended_at IS NULL AND p.disabled_at IS NULL
           AND x.role IN ('clerk', 'officer', 'division_head', 'agency_leader')
         ORDER BY x.role, p.full_name LIMIT 2000`,
  );
  const divisions = await rows<{ id: string; name: string; short_name: string }>(
    ctx.db,
    sql`SELECT id, name, short_name FROM agencies
         WHERE parent_id = ${ctx.actor.agencyId} AND kind = 'division' AND status = 'active' ORDER BY sort_order, name`,
  );
  return {
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role,
      title: p.title,
      divisionId: p.division_id,
    })),
    divisions: divisions.map((d) => ({ id: d.id, name: d.name, shortName: d.short_name })),
  };
}

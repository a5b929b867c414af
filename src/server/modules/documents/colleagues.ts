import type { Ctx } from '../../platform/context.ts';
import { activeDivisionsOf } from '../agencies/index.ts';
import { staffOf } from '../people/index.ts';

/** The people and divisions of the actor's agency that documents can be submitted or assigned to. */
export async function colleagues(ctx: Ctx) {
  const agencyId = ctx.actor.agencyId;
  // Without an acting agency there is nobody to hand a document to (no position: nothing matches).
  const people = agencyId
    ? await staffOf(ctx.db, agencyId, ['clerk', 'officer', 'division_head', 'agency_leader'])
    : [];
  const divisions = agencyId ? await activeDivisionsOf(ctx.db, agencyId) : [];
  return {
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role,
      title: p.title,
      divisionId: p.divisionId,
    })),
    divisions,
  };
}

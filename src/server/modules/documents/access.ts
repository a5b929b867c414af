import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';

/** Roles that see every non-secret document of their agency (Decree 30: văn thư and lãnh đạo). */
export function seesWholeAgency(actor: Actor): boolean {
  return actor.role === 'clerk' || actor.role === 'agency_leader';
}

/**
 * "This document, visible to this person", as a SQL condition on alias `d`. Authorisation lives in
 * the query: a row that does not pass is simply not found (404), so ids cannot be probed.
 * - only rows of the person's acting agency (a sent document is a separate row at the recipient);
 * - secret documents only for the people named on them (document_readers);
 * - clerks and leaders see the agency's other documents; everyone else what they drafted, hold or
 *   were assigned, personally or through their division.
 */
export function visibleTo(actor: Actor): SQL {
  if (!actor.agencyId) return sql`false`;
  return visibleToShape(shapeOf(actor), {
    agencyId: actor.agencyId,
    personId: actor.personId,
    divisionId: actor.divisionId ?? undefined,
  });
}

/**
 * The rule as the agency's clerks and leaders have it (every non-secret document of the agency,
 * secret ones only for the people named on them), for a reader whose right to a document comes from
 * elsewhere: the archivist reading a dossier handed to the archive, say.
 */
export function visibleAgencyWide(actor: Actor): SQL {
  if (!actor.agencyId) return sql`false`;
  return visibleToShape(
    { broad: true, division: false, agency: true },
    { agencyId: actor.agencyId, personId: actor.personId },
  );
}

/** What the rule's SQL text depends on (the values aside): a prepared statement per shape. */
export function shapeOf(actor: Actor) {
  return { broad: seesWholeAgency(actor), division: !!actor.divisionId, agency: !!actor.agencyId };
}

/** The same rule with its values given apart (placeholders of a prepared statement, say). */
export function visibleToShape(
  shape: ReturnType<typeof shapeOf>,
  v: { agencyId: unknown; personId: unknown; divisionId?: unknown },
): SQL {
  if (!shape.agency) return sql`false`;
  const named = sql`EXISTS (SELECT 1 FROM document_readers r WHERE r.document_id = d.id AND r.person_id = ${v.personId})`;
  const viaDivision = shape.division
    ? sql`EXISTS (SELECT 1 FROM document_assignments s WHERE s.document_id = d.id AND s.division_id = ${v.divisionId})`
    : sql`false`;
  const broad = shape.broad ? sql`true` : sql`false`;
  // Non-secret rows are decided without looking at document_readers first.
  return sql`(d.agency_id = ${v.agencyId} AND ((d.secrecy = 'normal' AND (${broad} OR ${viaDivision})) OR ${named}))`;
}

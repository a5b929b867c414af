import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { activeAgenciesByCode, type CodedAgency } from '../../agencies/index.ts';
import type { Organ } from '../edxml/index.ts';

/** An addressee of a package that an agency of this installation serves. */
export interface Addressee {
  code: string;
  agency: CodedAgency;
}

/** The agencies of this installation (active, not divisions) holding these codes, in one query. */
export async function agenciesHere(db: Db, codes: string[]): Promise<Map<string, CodedAgency>> {
  const found = await activeAgenciesByCode(db, codes);
  for (const [code, a] of found) if (a.kind === 'division') found.delete(code);
  return found;
}

/**
 * The addressees served here, in the package's order (`unique`: each once); a clerk's upload goes
 * only to the clerk's own agency.
 */
export function addresseesHere(
  to: Organ[],
  here: Map<string, CodedAgency>,
  actor: Actor | undefined,
  opts: { unique?: boolean } = {},
): Addressee[] {
  const out: Addressee[] = [];
  for (const t of to) {
    const agency = here.get(t.organId);
    if (!agency || (actor && agency.id !== actor.agencyId)) continue;
    if (opts.unique && out.some((a) => a.code === t.organId)) continue;
    out.push({ code: t.organId, agency });
  }
  return out;
}

/** The first addressee served here (the agency a refusal answers in the name of), or null. */
export async function firstAgencyHere(db: Db, to: Organ[]): Promise<string | null> {
  const here = await agenciesHere(
    db,
    to.map((t) => t.organId),
  );
  return addresseesHere(to, here, undefined)[0]?.agency.id ?? null;
}

import type { AgencyView } from '../../../shared/schemas/agencies.ts';
import type { AgencyRow } from './store.ts';

/** The allow-list of fields the API shows for a unit; a new column never leaks by accident. */
export function presentAgency(a: AgencyRow & { childCount?: number }): AgencyView {
  return {
    id: a.id,
    parentId: a.parentId,
    kind: a.kind,
    name: a.name,
    shortName: a.shortName,
    agencyCode: a.agencyCode,
    status: a.status,
    mergedIntoId: a.mergedIntoId,
    email: a.email,
    address: a.address,
    childCount: a.childCount,
  };
}

import type { Role } from '../../../shared/roles.ts';
import type { PersonView, PositionView } from '../../../shared/schemas/people.ts';
import type { activePositions, PersonRow } from './store.ts';

type PositionJoin = Awaited<ReturnType<typeof activePositions>>[number];

export function presentPosition(p: PositionJoin): PositionView {
  return {
    id: p.id,
    agencyId: p.agencyId,
    agencyName: p.agencyName,
    agencyShortName: p.agencyShortName,
    agencyCode: p.agencyCode,
    divisionId: p.divisionId,
    divisionName: p.divisionName,
    role: p.role as Role,
    title: p.title,
    isPrimary: p.isPrimary,
  };
}

/** Allow-list of a person's fields: never the password hash, TOTP secret or lockout counters. */
export function presentPerson(p: PersonRow, positions: PositionJoin[], now: Date): PersonView {
  return {
    id: p.id,
    username: p.username,
    fullName: p.fullName,
    email: p.email,
    phone: p.phone,
    disabled: p.disabledAt !== null,
    locked: p.lockedUntil !== null && p.lockedUntil > now,
    mustChangePassword: p.mustChangePassword,
    totpEnabled: p.totpEnabled,
    positions: positions.filter((x) => x.personId === p.id).map(presentPosition),
  };
}

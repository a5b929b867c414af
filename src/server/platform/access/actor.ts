import type { Role } from '../../../shared/roles.ts';

/** The signed-in person acting in one of their positions; handed to every service call. */
export interface Actor {
  personId: string;
  username: string;
  fullName: string;
  sessionId: string;
  positionId: string | null;
  agencyId: string | null;
  divisionId: string | null;
  role: Role | null;
  ip: string;
}

export function isSystemAdmin(actor: Actor): boolean {
  return actor.role === 'system_admin';
}

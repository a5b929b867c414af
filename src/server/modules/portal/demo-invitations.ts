import type { Db } from '../../db/client.ts';

/** The demo province's invitations (called once by the demo seed, inside its transaction). */
export async function seedInvitationsDemo(_db: Db): Promise<void> {}

import type { Db } from '../../db/client.ts';

/** The demo province's announcements (called once by the demo seed, inside its transaction). */
export async function seedAnnouncementsDemo(_db: Db): Promise<void> {}

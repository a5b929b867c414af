import type { Db } from '../../db/client.ts';

/** The demo province's tasks (called once by the demo seed, inside its transaction). */
export async function seedTasksDemo(_db: Db): Promise<void> {}

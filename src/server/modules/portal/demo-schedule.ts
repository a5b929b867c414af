import type { Db } from '../../db/client.ts';

/** The demo province's schedule (called once by the demo seed, inside its transaction). */
export async function seedScheduleDemo(_db: Db): Promise<void> {}

import type { Db } from '../../../db/client.ts';

// Scaffold: the gazette demo of issue 17.
export async function seedGazetteDemo(_db: Db): Promise<void> {}

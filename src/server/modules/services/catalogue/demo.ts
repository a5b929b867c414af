import type { Db } from '../../../db/client.ts';

// Scaffold: the demo procedures of issue 18.
export async function seedCatalogueDemo(_db: Db): Promise<void> {}

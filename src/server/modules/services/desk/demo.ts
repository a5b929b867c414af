import type { Db } from '../../../db/client.ts';

// Scaffold: the demo dossiers of issue 18 (after the catalogue's demo).
export async function seedDossiersDemo(_db: Db): Promise<void> {}

import type { Db } from '../../../db/client.ts';

// Scaffold: the records demo of issue 17.
export async function seedRecordsDemo(_db: Db): Promise<void> {}

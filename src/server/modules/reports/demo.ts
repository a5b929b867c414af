import type { Db } from '../../db/client.ts';
import { activeUnits } from '../agencies/index.ts';
import { reportSettings } from './schema.ts';

/** The demo province's IT department: Sở Thông tin và Truyền thông (when the demo tree has it). */
export async function seedReportsDemo(db: Db): Promise<void> {
  const it = (await activeUnits(db)).find((u) => u.name === 'Sở Thông tin và Truyền thông');
  if (!it) return;
  await db.insert(reportSettings).values({ id: true, itAgencyId: it.id }).onConflictDoNothing();
}

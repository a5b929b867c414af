import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { serviceProcedureAgencies, serviceProcedures } from '../schema.ts';

/** The active procedures an agency implements, by name (the counter's choice of procedure). */
export async function proceduresOf(db: Db, agencyId: string) {
  return db
    .select({
      code: serviceProcedures.code,
      name: serviceProcedures.name,
      field: serviceProcedures.field,
      processingDays: serviceProcedures.processingDays,
      onlineLevel: serviceProcedures.onlineLevel,
    })
    .from(serviceProcedureAgencies)
    .innerJoin(serviceProcedures, eq(serviceProcedures.id, serviceProcedureAgencies.procedureId))
    .where(and(eq(serviceProcedureAgencies.agencyId, agencyId), eq(serviceProcedures.active, true)))
    .orderBy(asc(serviceProcedures.field), asc(serviceProcedures.name));
}

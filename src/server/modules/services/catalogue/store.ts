import { and, eq, sql } from 'drizzle-orm';
import { type ProcedureContent, procedureContentSchema } from '../../../../shared/services/procedure.ts';
import type { Db } from '../../../db/client.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { activeAgenciesByCode } from '../../agencies/index.ts';
import { serviceProcedureAgencies, serviceProcedures, serviceProcedureVersions } from '../schema.ts';

export type ProcedureRow = typeof serviceProcedures.$inferSelect;

export interface LoadedProcedure {
  procedure: ProcedureRow;
  version: number;
  content: ProcedureContent;
  agencyIds: string[];
}

/**
 * Saves a procedure's content as a new version (the first, or the next one) and makes it current; the
 * implementing agencies are looked up by code (an unknown code is refused, nothing written).
 */
export async function saveProcedure(
  tx: Db,
  input: ProcedureContent,
  opts: { actorId?: string | null; note?: string | null } = {},
): Promise<LoadedProcedure> {
  const content = procedureContentSchema.parse(input);
  const byCode = await activeAgenciesByCode(tx, content.agencyCodes);
  const missing = content.agencyCodes.filter((c) => !byCode.has(c));
  if (missing.length > 0)
    throw new AppError('validation_failed', `Không có cơ quan thực hiện mã ${missing.join(', ')}.`, {
      fields: [{ path: 'agencyCodes', message: `Không có cơ quan mã ${missing.join(', ')}.` }],
    });
  const columns = {
    name: content.name,
    field: content.field,
    level: content.level,
    onlineLevel: content.onlineLevel,
    processingDays: content.processingDays,
  };
  const [had] = await tx
    .select()
    .from(serviceProcedures)
    .where(eq(serviceProcedures.code, content.code))
    .for('update');
  const version = had ? had.currentVersion + 1 : 1;
  const [procedure] = had
    ? await tx
        .update(serviceProcedures)
        .set({ ...columns, currentVersion: version, active: true, updatedAt: sql`now()` })
        .where(eq(serviceProcedures.id, had.id))
        .returning()
    : await tx
        .insert(serviceProcedures)
        .values({ code: content.code, ...columns, currentVersion: version })
        .returning();
  if (!procedure) throw new Error('procedure not written');
  await tx.insert(serviceProcedureVersions).values({
    procedureId: procedure.id,
    version,
    content,
    note: opts.note ?? null,
    createdBy: opts.actorId ?? null,
  });
  await tx.delete(serviceProcedureAgencies).where(eq(serviceProcedureAgencies.procedureId, procedure.id));
  const agencyIds = content.agencyCodes.map((c) => byCode.get(c)?.id).filter((x): x is string => !!x);
  if (agencyIds.length > 0)
    await tx
      .insert(serviceProcedureAgencies)
      .values(agencyIds.map((agencyId) => ({ procedureId: procedure.id, agencyId })))
      .onConflictDoNothing();
  return { procedure, version, content, agencyIds };
}

/** A procedure by id or national code, with the content of `version` (default: the current one). */
export async function loadProcedure(
  db: Db,
  ref: { id?: string; code?: string },
  version?: number,
): Promise<LoadedProcedure> {
  const where = ref.id ? eq(serviceProcedures.id, ref.id) : eq(serviceProcedures.code, ref.code ?? '');
  const [procedure] = await db.select().from(serviceProcedures).where(where);
  if (!procedure) throw notFound('Thủ tục');
  const v = version ?? procedure.currentVersion;
  const [row] = await db
    .select()
    .from(serviceProcedureVersions)
    .where(
      and(eq(serviceProcedureVersions.procedureId, procedure.id), eq(serviceProcedureVersions.version, v)),
    );
  if (!row) throw notFound('Phiên bản thủ tục');
  const agencies = await db
    .select({ agencyId: serviceProcedureAgencies.agencyId })
    .from(serviceProcedureAgencies)
    .where(eq(serviceProcedureAgencies.procedureId, procedure.id));
  return {
    procedure,
    version: v,
    content: procedureContentSchema.parse(row.content),
    agencyIds: agencies.map((a) => a.agencyId),
  };
}

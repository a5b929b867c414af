import { and, desc, eq, sql } from 'drizzle-orm';
import type { ImportResult, ProcedureAdmin } from '../../../../shared/services/catalogue-admin.ts';
import type { ProcedureContent } from '../../../../shared/services/procedure.ts';
import type { Db } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { activeAgenciesByCode, adminScope, findAgencies } from '../../agencies/index.ts';
import { personNames } from '../../people/index.ts';
import { serviceProcedureImports, serviceProcedures, serviceProcedureVersions } from '../schema.ts';
import { readCatalogueFile } from './import.ts';
import { loadProcedure, saveProcedure } from './store.ts';

/*
 * The catalogue's administration (kiểm soát TTHC): a procedure with its versions, a new version, retire
 * and restore, and the import of a file (checked first; then all or nothing). An agency administrator
 * changes only procedures whose implementing agencies are all within their own agency's tree.
 */

/** JSON with keys sorted: the same content always compares equal (an unchanged import writes nothing). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** The agency codes this actor may not use (an agency admin outside their tree), or [] for none. */
async function outOfScope(ctx: Ctx, codes: string[]): Promise<string[]> {
  const scope = await adminScope(ctx);
  if (scope === undefined) return [];
  const found = await activeAgenciesByCode(ctx.db, codes);
  return codes.filter((c) => {
    const a = found.get(c);
    return a && !scope.includes(a.id);
  });
}

export async function procedureAdmin(db: Db, code: string): Promise<ProcedureAdmin> {
  const p = await loadProcedure(db, { code });
  const versions = await db
    .select()
    .from(serviceProcedureVersions)
    .where(eq(serviceProcedureVersions.procedureId, p.procedure.id))
    .orderBy(desc(serviceProcedureVersions.version));
  const [names, agencies] = await Promise.all([
    personNames(
      db,
      versions.map((v) => v.createdBy).filter((x): x is string => !!x),
    ),
    findAgencies(db, p.agencyIds),
  ]);
  return {
    code: p.procedure.code,
    name: p.procedure.name,
    active: p.procedure.active,
    version: p.version,
    content: p.content,
    agencies: p.agencyIds.map((id) => ({ id, name: agencies.get(id)?.name ?? '' })),
    versions: versions.map((v) => ({
      version: v.version,
      note: v.note,
      createdAt: v.createdAt.toISOString(),
      createdBy: v.createdBy ? (names.get(v.createdBy) ?? null) : null,
    })),
  };
}

/** Saves a new version (or the first); a later version needs a note saying what changed. */
export async function saveVersion(
  ctx: Ctx,
  content: ProcedureContent,
  note?: string,
): Promise<ProcedureAdmin> {
  const outside = await outOfScope(ctx, content.agencyCodes);
  if (outside.length)
    throw new AppError(
      'forbidden',
      `Bạn chỉ quản lý thủ tục của các cơ quan thuộc đơn vị mình (mã ${outside.join(', ')}).`,
    );
  const [had] = await ctx.db
    .select({ id: serviceProcedures.id })
    .from(serviceProcedures)
    .where(eq(serviceProcedures.code, content.code));
  if (had && !note)
    throw new AppError('validation_failed', 'Vui lòng ghi nội dung thay đổi của phiên bản mới.', {
      fields: [{ path: 'body.note', message: 'Vui lòng ghi nội dung thay đổi.' }],
    });
  await ctx.db.transaction(async (tx) => {
    const saved = await saveProcedure(tx, content, {
      actorId: ctx.actor.personId,
      note: note ?? 'Phiên bản đầu',
    });
    await audit(tx, ctx.actor, {
      action: 'services.procedure.save',
      entityType: 'service_procedure',
      entityId: saved.procedure.id,
      detail: { code: content.code, version: saved.version },
    });
  });
  return procedureAdmin(ctx.db, content.code);
}

export async function setActive(ctx: Ctx, code: string, active: boolean): Promise<ProcedureAdmin> {
  const p = await loadProcedure(ctx.db, { code });
  const outside = await outOfScope(ctx, p.content.agencyCodes);
  if (outside.length)
    throw new AppError('forbidden', 'Bạn chỉ quản lý thủ tục của các cơ quan thuộc đơn vị mình.');
  if (p.procedure.active === active)
    throw new AppError('conflict', active ? 'Thủ tục đang được áp dụng.' : 'Thủ tục đã ngừng áp dụng.');
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(serviceProcedures)
      .set({ active, updatedAt: sql`now()` })
      .where(and(eq(serviceProcedures.id, p.procedure.id)));
    await audit(tx, ctx.actor, {
      action: active ? 'services.procedure.restore' : 'services.procedure.retire',
      entityType: 'service_procedure',
      entityId: p.procedure.id,
      detail: { code },
    });
  });
  return procedureAdmin(ctx.db, code);
}

/**
 * Checks a catalogue file, and with `commit` writes it: every new or changed procedure as a version, in
 * one transaction, only when nothing is wrong. Importing the same file again writes nothing.
 */
export async function importFile(
  ctx: Ctx,
  file: { data: Buffer; fileName: string },
  commit: boolean,
): Promise<ImportResult> {
  const read = await readCatalogueFile(file.data, file.fileName);
  const problems = [...read.problems];
  const codes = [...new Set(read.procedures.flatMap((p) => p.content.agencyCodes))];
  const known = await activeAgenciesByCode(ctx.db, codes);
  const outside = new Set(await outOfScope(ctx, codes));
  const rows: ImportResult['rows'] = [];
  const toWrite: ProcedureContent[] = [];
  for (const p of read.procedures) {
    const unknown = p.content.agencyCodes.filter((c) => !known.has(c));
    if (unknown.length)
      problems.push({ where: p.where, message: `Không có cơ quan mã ${unknown.join(', ')}.` });
    const foreign = p.content.agencyCodes.filter((c) => outside.has(c));
    if (foreign.length)
      problems.push({
        where: p.where,
        message: `Cơ quan mã ${foreign.join(', ')} không thuộc đơn vị bạn quản lý.`,
      });
    const current = await loadProcedure(ctx.db, { code: p.content.code }).catch(() => null);
    const action = !current
      ? 'new'
      : canonical(current.content) === canonical(p.content) && current.procedure.active
        ? 'unchanged'
        : 'changed';
    rows.push({ code: p.content.code, name: p.content.name, action });
    if (action !== 'unchanged') toWrite.push(p.content);
  }
  const failed = problems.length > 0;
  const status: ImportResult['status'] = failed ? 'failed' : commit ? 'imported' : 'checked';
  const created = rows.filter((r) => r.action === 'new').length;
  const updated = rows.filter((r) => r.action === 'changed').length;
  const id = await ctx.db.transaction(async (tx) => {
    if (commit && !failed)
      for (const content of toWrite)
        await saveProcedure(tx, content, {
          actorId: ctx.actor.personId,
          note: `Nhập từ tệp ${file.fileName}`,
        });
    const [row] = await tx
      .insert(serviceProcedureImports)
      .values({
        fileName: file.fileName,
        status,
        created: commit && !failed ? created : 0,
        updated: commit && !failed ? updated : 0,
        errors: problems,
        createdBy: ctx.actor.personId,
      })
      .returning({ id: serviceProcedureImports.id });
    if (commit && !failed)
      await audit(tx, ctx.actor, {
        action: 'services.procedure.import',
        entityType: 'service_procedure_import',
        entityId: row?.id,
        detail: { fileName: file.fileName, created, updated },
      });
    return row?.id ?? '';
  });
  if (!id) throw notFound('Lần nhập');
  return { id, fileName: file.fileName, status, rows, problems, created, updated };
}

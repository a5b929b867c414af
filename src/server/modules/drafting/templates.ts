/**
 * Templates per agency and type: the built-in one unless the agency's administrator uploaded a
 * replacement (each upload a new version retiring the previous; "back to built-in" retires the current).
 */

import { Readable } from 'node:stream';
import { and, desc, eq, isNull, max } from 'drizzle-orm';
import { DOCUMENT_TYPES, typeByCode } from '../../../shared/documents/decree30.ts';
import { audit } from '../../platform/audit/index.ts';
import { saveBlob } from '../../platform/blobs/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { BUILTIN_TYPES, builtinTemplateCached } from './builtin.ts';
import { checkTemplate, MAX_DOCX_BYTES } from './docx.ts';
import { documentTemplates } from './schema.ts';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export type TemplateRow = typeof documentTemplates.$inferSelect;

function agencyOf(ctx: Ctx): string {
  if (!ctx.actor.agencyId) throw new AppError('forbidden', 'Bạn chưa có chức vụ trong cơ quan nào.');
  return ctx.actor.agencyId;
}

function assertType(typeCode: string) {
  if (!typeByCode(typeCode) || !BUILTIN_TYPES.includes(typeCode))
    throw new AppError('not_found', 'Loại văn bản không có mẫu.');
}

/** The agency's current template of a type, or undefined (the built-in one is used). */
export async function currentTemplate(ctx: Ctx, agencyId: string, typeCode: string) {
  const [row] = await ctx.db
    .select()
    .from(documentTemplates)
    .where(
      and(
        eq(documentTemplates.agencyId, agencyId),
        eq(documentTemplates.typeCode, typeCode),
        isNull(documentTemplates.retiredAt),
      ),
    )
    .orderBy(desc(documentTemplates.version))
    .limit(1);
  return row;
}

/** The DOCX template to fill for an agency and type, with the row when it is the agency's own. */
export async function templateFor(ctx: Ctx, agencyId: string, typeCode: string) {
  assertType(typeCode);
  const row = await currentTemplate(ctx, agencyId, typeCode);
  if (row) return { row, bytes: await ctx.blobs.read(row.sha256) };
  return { row: undefined, bytes: await builtinTemplateCached(typeCode) };
}

/** The list for the administrator: every type with "built-in" or the agency's current version. */
export async function listTemplates(ctx: Ctx) {
  const agencyId = agencyOf(ctx);
  const rows = await ctx.db
    .select()
    .from(documentTemplates)
    .where(and(eq(documentTemplates.agencyId, agencyId), isNull(documentTemplates.retiredAt)));
  const byType = new Map(rows.map((r) => [r.typeCode, r]));
  return DOCUMENT_TYPES.filter((t) => BUILTIN_TYPES.includes(t.code)).map((t) => {
    const r = byType.get(t.code);
    return {
      typeCode: t.code,
      typeName: t.name,
      source: r ? ('agency' as const) : ('builtin' as const),
      version: r?.version ?? null,
      fileName: r?.fileName ?? null,
      updatedAt: r?.createdAt.toISOString() ?? null,
    };
  });
}

export async function downloadTemplate(ctx: Ctx, typeCode: string) {
  const { row, bytes } = await templateFor(ctx, agencyOf(ctx), typeCode);
  return { bytes, fileName: row?.fileName ?? `mau-${typeCode}.docx` };
}

/** Uploads a replacement: checked (DOCX, no macro, known tags, size) before anything is written. */
export async function uploadTemplate(ctx: Ctx, typeCode: string, bytes: Buffer, fileName: string) {
  const agencyId = agencyOf(ctx);
  assertType(typeCode);
  checkTemplate(bytes);
  return inTx(ctx, async (c) => {
    const blob = await saveBlob(c.db, c.blobs, Readable.from([bytes]), {
      declaredType: DOCX_TYPE,
      maxBytes: MAX_DOCX_BYTES,
    });
    const [v] = await c.db
      .select({ v: max(documentTemplates.version) })
      .from(documentTemplates)
      .where(and(eq(documentTemplates.agencyId, agencyId), eq(documentTemplates.typeCode, typeCode)));
    const version = (v?.v ?? 0) + 1;
    await c.db
      .update(documentTemplates)
      .set({ retiredAt: c.now() })
      .where(
        and(
          eq(documentTemplates.agencyId, agencyId),
          eq(documentTemplates.typeCode, typeCode),
          isNull(documentTemplates.retiredAt),
        ),
      );
    const [row] = await c.db
      .insert(documentTemplates)
      .values({
        agencyId,
        typeCode,
        sha256: blob.sha256,
        fileName: fileName.slice(0, 255) || `mau-${typeCode}.docx`,
        version,
        createdById: c.actor.personId,
      })
      .returning();
    await audit(c.db, c.actor, {
      action: 'template.upload',
      entityType: 'document_template',
      entityId: row!.id,
      agencyId,
      detail: { typeCode, version, sha256: blob.sha256 },
    });
    return { typeCode, version };
  });
}

/** Back to the built-in template: the agency's current one is retired. */
export async function resetTemplate(ctx: Ctx, typeCode: string) {
  const agencyId = agencyOf(ctx);
  assertType(typeCode);
  return inTx(ctx, async (c) => {
    const retired = await c.db
      .update(documentTemplates)
      .set({ retiredAt: c.now() })
      .where(
        and(
          eq(documentTemplates.agencyId, agencyId),
          eq(documentTemplates.typeCode, typeCode),
          isNull(documentTemplates.retiredAt),
        ),
      )
      .returning({ id: documentTemplates.id, version: documentTemplates.version });
    if (retired.length === 0) throw new AppError('conflict', 'Loại văn bản này đang dùng mẫu có sẵn.');
    await audit(c.db, c.actor, {
      action: 'template.reset',
      entityType: 'document_template',
      entityId: retired[0]!.id,
      agencyId,
      detail: { typeCode, retiredVersion: retired[0]!.version },
    });
  });
}

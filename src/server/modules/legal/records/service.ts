import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { vnDate } from '../../../../shared/calendar/index.ts';
import {
  COMPUTED_FIELDS,
  datesError,
  type declaredStatusInput,
  EFFECT_RULE_MESSAGE,
  type LegalDocumentInput,
  type LegalDocumentPatch,
  legalDocumentInput,
  legalDocumentPatch,
  type legalIssuerInput,
  type legalRelationInput,
} from '../../../../shared/legal/api.ts';
import { relationKind } from '../../../../shared/legal/relations.ts';
import { normalizeVi } from '../../../../shared/vi-text.ts';
import { rows } from '../../../db/client.ts';
import { roleAllows } from '../../../platform/access/permissions.ts';
import { audit } from '../../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.ts';
import { legalDocuments, legalIssuers, legalRelations } from '../schema.ts';
import { recomputeStatuses } from './status.ts';

/*
 * Writing legal records: create and edit (the keeping agency's own only), issuers, relations (no
 * self link, no duplicate, no cycle of replacements or repeals), a guiding document's declared
 * status. Each write is audited in its transaction and recomputes the cached status of the documents
 * it touches (status.ts).
 */

const today = (ctx: Ctx) => vnDate(ctx.now());

function requireAgency(ctx: Ctx): string {
  const agencyId = ctx.actor.agencyId;
  if (!agencyId || !ctx.actor.role || !roleAllows(ctx.actor.role, 'legal.manage'))
    throw forbidden('Bạn không có quyền nhập văn bản quy phạm pháp luật.');
  return agencyId;
}

/** Whether the actor may change this record (its keeping agency, with legal.manage). */
export function canEditRecord(ctx: Ctx, agencyId: string): boolean {
  return !!ctx.actor.role && roleAllows(ctx.actor.role, 'legal.manage') && ctx.actor.agencyId === agencyId;
}

/** Refuses a body that sets a computed field (statusNow, …). */
export function refuseComputed(body: Record<string, unknown>): void {
  const set = COMPUTED_FIELDS.filter((f) => body[f] !== undefined);
  if (set.length > 0)
    throw new AppError('validation_failed', EFFECT_RULE_MESSAGE, {
      fields: set.map((f) => ({ path: `body.${f}`, message: EFFECT_RULE_MESSAGE })),
    });
}

function checkDates(v: { issuedDate: string; effectiveFrom: string; effectiveTo?: string | null }) {
  const e = datesError(v);
  if (e)
    throw new AppError('validation_failed', e.message, {
      fields: [{ path: `body.${e.path}`, message: e.message }],
    });
}

async function checkIssuer(ctx: Ctx, issuerId: string) {
  const [issuer] = await ctx.db
    .select({ id: legalIssuers.id })
    .from(legalIssuers)
    .where(eq(legalIssuers.id, issuerId));
  if (!issuer)
    throw new AppError('validation_failed', 'Cơ quan ban hành không có trong danh mục.', {
      fields: [{ path: 'body.issuerId', message: 'Cơ quan ban hành không có trong danh mục.' }],
    });
}

async function checkUniqueNumber(ctx: Ctx, numberNotation: string, issuerId: string, except?: string) {
  const [dup] = await rows<{ id: string }>(
    ctx.db,
    sql`SELECT id FROM legal_documents WHERE number_norm = lt_norm(${numberNotation}) AND issuer_id = ${issuerId}::uuid
         ${except ? sql`AND id <> ${except}::uuid` : sql``} LIMIT 1`,
  );
  if (dup)
    throw new AppError(
      'duplicate',
      `Cơ quan ban hành này đã có văn bản số ${numberNotation} trong cơ sở dữ liệu.`,
      {
        extra: { existingId: dup.id },
      },
    );
}

type Columns = Partial<typeof legalDocuments.$inferInsert>;

function columnsOf(input: Partial<z.output<typeof legalDocumentInput>>): Columns {
  const out: Columns = {};
  for (const [k, v] of Object.entries(input)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  if (input.fullText !== undefined) out.textSource = input.fullText ? 'entered' : null;
  return out;
}

/**
 * A new record kept by the actor's agency (201). Used by the routes, the gazette and copies.
 * `opts.sourceDocumentId`: the released document of the documents module it was made from.
 */
export async function createLegalDocument(
  ctx: Ctx,
  raw: LegalDocumentInput,
  opts: { sourceDocumentId?: string } = {},
): Promise<string> {
  const agencyId = requireAgency(ctx);
  refuseComputed(raw as Record<string, unknown>);
  const input = legalDocumentInput.parse(raw);
  checkDates(input);
  return inTx(ctx, async (tx) => {
    await checkIssuer(tx, input.issuerId);
    await checkUniqueNumber(tx, input.numberNotation, input.issuerId);
    const [row] = await tx.db
      .insert(legalDocuments)
      .values({
        ...(columnsOf(input) as typeof legalDocuments.$inferInsert),
        agencyId,
        createdBy: tx.actor.personId,
        sourceDocumentId: opts.sourceDocumentId ?? null,
      })
      .returning({ id: legalDocuments.id });
    const id = row!.id;
    await recomputeStatuses(tx.db, today(tx), [id]);
    await audit(tx.db, tx.actor, {
      action: 'legal.document.create',
      entityType: 'legal_document',
      entityId: id,
      detail: { numberNotation: input.numberNotation, title: input.title },
    });
    return id;
  });
}

async function ownRecord(ctx: Ctx, id: string) {
  const [row] = await ctx.db.select().from(legalDocuments).where(eq(legalDocuments.id, id)).for('update');
  if (!row) throw notFound('Văn bản');
  if (!canEditRecord(ctx, row.agencyId))
    throw forbidden('Chỉ cơ quan lưu giữ văn bản này mới được sửa thông tin của nó.');
  return row;
}

/** Edits some fields of the agency's own record. */
export async function updateLegalDocument(ctx: Ctx, id: string, raw: LegalDocumentPatch): Promise<void> {
  requireAgency(ctx);
  refuseComputed(raw as Record<string, unknown>);
  const patch = legalDocumentPatch.parse(raw);
  await inTx(ctx, async (tx) => {
    const row = await ownRecord(tx, id);
    const merged = {
      issuedDate: patch.issuedDate ?? row.issuedDate,
      effectiveFrom: patch.effectiveFrom ?? row.effectiveFrom,
      effectiveTo: patch.effectiveTo === undefined ? row.effectiveTo : patch.effectiveTo,
    };
    checkDates(merged);
    if (patch.issuerId) await checkIssuer(tx, patch.issuerId);
    if (patch.numberNotation || patch.issuerId)
      await checkUniqueNumber(
        tx,
        patch.numberNotation ?? row.numberNotation,
        patch.issuerId ?? row.issuerId,
        id,
      );
    const changes = columnsOf(patch);
    if (Object.keys(changes).length === 0) return;
    await tx.db
      .update(legalDocuments)
      .set({ ...changes, updatedAt: tx.now() })
      .where(eq(legalDocuments.id, id));
    await recomputeStatuses(tx.db, today(tx), [id]);
    const changed = Object.keys(changes).filter((k) => k !== 'fullText' && k !== 'textSource');
    await audit(tx.db, tx.actor, {
      action: 'legal.document.update',
      entityType: 'legal_document',
      entityId: id,
      detail: {
        fields: Object.keys(changes),
        before: Object.fromEntries(changed.map((k) => [k, (row as Record<string, unknown>)[k] ?? null])),
        after: Object.fromEntries(changed.map((k) => [k, (changes as Record<string, unknown>)[k] ?? null])),
      },
    });
  });
}

/** A new issuing body (a province's district or commune, a body missing from the list). */
export async function createIssuer(ctx: Ctx, input: z.output<typeof legalIssuerInput>): Promise<string> {
  requireAgency(ctx);
  const code =
    input.code ??
    normalizeVi(input.name)
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '')
      .slice(0, 60);
  return inTx(ctx, async (tx) => {
    const [dup] = await rows<{ id: string }>(
      tx.db,
      sql`SELECT id FROM legal_issuers WHERE code = ${code} OR name_norm = lt_norm(${input.name}) LIMIT 1`,
    );
    if (dup)
      throw new AppError('duplicate', `Cơ quan ban hành "${input.name}" (mã ${code}) đã có trong danh mục.`);
    const [row] = await tx.db
      .insert(legalIssuers)
      .values({ code, name: input.name, level: input.level, sortOrder: 1000 })
      .returning({ id: legalIssuers.id });
    await audit(tx.db, tx.actor, {
      action: 'legal.issuer.create',
      entityType: 'legal_issuer',
      entityId: row!.id,
      detail: { code, name: input.name, level: input.level },
    });
    return row!.id;
  });
}

const SELF_MESSAGE: Record<string, string> = {
  replaces: 'Văn bản không thể thay thế chính nó.',
  repeals: 'Văn bản không thể bãi bỏ chính nó.',
};

/**
 * A link from `sourceId` (the agency's own record) to another record. Refused: a link to itself, the
 * same link twice, and a replacement or repeal closing a cycle (found with a recursive CTE over the
 * replacing and repealing links), which names the cycle by the documents' numbers.
 */
export async function addRelation(
  ctx: Ctx,
  sourceId: string,
  input: z.output<typeof legalRelationInput>,
): Promise<string> {
  requireAgency(ctx);
  const kind = relationKind(input.kind)!;
  if (input.targetId === sourceId) {
    const message = SELF_MESSAGE[input.kind] ?? `Văn bản không thể có quan hệ "${kind.source}" với chính nó.`;
    throw new AppError('validation_failed', message, { fields: [{ path: 'body.targetId', message }] });
  }
  if (input.endsOn && !['suspends', 'partly_suspends', 'halts'].includes(input.kind)) {
    const message = 'Chỉ quan hệ đình chỉ, ngưng hiệu lực mới có ngày kết thúc.';
    throw new AppError('validation_failed', message, { fields: [{ path: 'body.endsOn', message }] });
  }
  return inTx(ctx, async (tx) => {
    const source = await ownRecord(tx, sourceId);
    const [target] = await tx.db.select().from(legalDocuments).where(eq(legalDocuments.id, input.targetId));
    if (!target) throw notFound('Văn bản liên quan');
    if (input.endsOn && input.endsOn <= (input.effectiveDate ?? source.effectiveFrom)) {
      const message = 'Ngày kết thúc đình chỉ phải sau ngày bắt đầu.';
      throw new AppError('validation_failed', message, { fields: [{ path: 'body.endsOn', message }] });
    }
    const [dup] = await tx.db
      .select({ id: legalRelations.id })
      .from(legalRelations)
      .where(
        and(
          eq(legalRelations.sourceId, sourceId),
          eq(legalRelations.kind, input.kind),
          eq(legalRelations.targetId, input.targetId),
        ),
      );
    if (dup)
      throw new AppError(
        'duplicate',
        `Quan hệ "${kind.source}" từ văn bản ${source.numberNotation} tới ${target.numberNotation} đã có.`,
      );
    if (input.kind === 'replaces' || input.kind === 'repeals') {
      // A path target → … → source along replacing/repealing links closes a cycle with the new link.
      const [cycle] = await rows<{ path: string[] }>(
        tx.db,
        sql`WITH RECURSIVE walk(id, path) AS (
              SELECT ${input.targetId}::uuid, ARRAY[${input.targetId}::uuid]
              UNION ALL
              SELECT r.target_id, w.path || r.target_id FROM walk w
                JOIN legal_relations r ON r.source_id = w.id AND r.kind IN ('replaces', 'repeals')
               WHERE NOT r.target_id = ANY(w.path) AND cardinality(w.path) < 64)
            SELECT path::text[] AS path FROM walk WHERE id = ${sourceId}::uuid LIMIT 1`,
      );
      if (cycle) {
        const ids = [sourceId, ...cycle.path];
        const numbers = await rows<{ id: string; number_notation: string }>(
          tx.db,
          sql`SELECT id, number_notation FROM legal_documents WHERE id = ANY(${`{${ids.join(',')}}`}::uuid[])`,
        );
        const name = new Map(numbers.map((n) => [n.id, n.number_notation]));
        const message = `Quan hệ này tạo thành vòng thay thế: ${ids.map((i) => name.get(i) ?? i).join(' → ')}.`;
        throw new AppError('conflict', message, { fields: [{ path: 'body.targetId', message }] });
      }
    }
    const [row] = await tx.db
      .insert(legalRelations)
      .values({
        sourceId,
        targetId: input.targetId,
        kind: input.kind,
        articles: input.articles ?? null,
        effectiveDate: input.effectiveDate ?? null,
        endsOn: input.endsOn ?? null,
        createdBy: tx.actor.personId,
      })
      .returning({ id: legalRelations.id });
    await recomputeStatuses(tx.db, today(tx), [sourceId, input.targetId]);
    await audit(tx.db, tx.actor, {
      action: 'legal.relation.create',
      entityType: 'legal_document',
      entityId: sourceId,
      detail: {
        relationId: row!.id,
        kind: input.kind,
        targetId: input.targetId,
        target: target.numberNotation,
      },
    });
    return row!.id;
  });
}

/** Removes a link of the agency's own record (its source). */
export async function deleteRelation(ctx: Ctx, sourceId: string, relationId: string): Promise<void> {
  requireAgency(ctx);
  await inTx(ctx, async (tx) => {
    await ownRecord(tx, sourceId);
    const [gone] = await tx.db
      .delete(legalRelations)
      .where(and(eq(legalRelations.id, relationId), eq(legalRelations.sourceId, sourceId)))
      .returning();
    if (!gone) throw notFound('Quan hệ');
    await recomputeStatuses(tx.db, today(tx), [sourceId, gone.targetId]);
    await audit(tx.db, tx.actor, {
      action: 'legal.relation.delete',
      entityType: 'legal_document',
      entityId: sourceId,
      detail: { relationId, kind: gone.kind, targetId: gone.targetId },
    });
  });
}

/**
 * A guiding or detailing document's own status under the 2025 law (Art. 57.2), from a date, as
 * announced by a document: refused on a document that guides nothing.
 */
export async function setDeclaredStatus(
  ctx: Ctx,
  id: string,
  input: z.output<typeof declaredStatusInput>,
): Promise<void> {
  requireAgency(ctx);
  await inTx(ctx, async (tx) => {
    const row = await ownRecord(tx, id);
    const [guides] = await rows<{ n: number }>(
      tx.db,
      sql`SELECT count(*)::int AS n FROM legal_relations WHERE source_id = ${id}::uuid AND kind = 'guides'`,
    );
    if (!guides || guides.n === 0) throw new AppError('validation_failed', EFFECT_RULE_MESSAGE);
    if (input.from < row.issuedDate) {
      const message = 'Ngày áp dụng tình trạng không được trước ngày ban hành của văn bản.';
      throw new AppError('validation_failed', message, { fields: [{ path: 'body.from', message }] });
    }
    if (input.byId) {
      if (input.byId === id) {
        const message = 'Văn bản không thể tự công bố tình trạng của chính nó.';
        throw new AppError('validation_failed', message, { fields: [{ path: 'body.byId', message }] });
      }
      const [by] = await tx.db
        .select({ id: legalDocuments.id })
        .from(legalDocuments)
        .where(eq(legalDocuments.id, input.byId));
      if (!by) throw notFound('Văn bản công bố');
    }
    await tx.db
      .update(legalDocuments)
      .set({
        declaredStatus: input.status,
        declaredFrom: input.from,
        declaredById: input.byId ?? null,
        updatedAt: tx.now(),
      })
      .where(eq(legalDocuments.id, id));
    await recomputeStatuses(tx.db, today(tx), [id]);
    await audit(tx.db, tx.actor, {
      action: 'legal.document.declare_status',
      entityType: 'legal_document',
      entityId: id,
      detail: {
        before: { status: row.declaredStatus, from: row.declaredFrom, byId: row.declaredById },
        after: { status: input.status, from: input.from, byId: input.byId ?? null },
      },
    });
  });
}

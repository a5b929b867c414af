import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type PlanView, type planInput, retentionLabel } from '../../../shared/schemas/dossiers.ts';
import { roman } from '../../../shared/vi-text.ts';
import { rows } from '../../db/client.ts';
import { audit } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { ListPdf } from '../../platform/pdf/index.ts';
import { requireRoles } from './access.ts';
import { dossierPlanEntries, dossierPlans } from './schema.ts';
import { organIdOf } from './service.ts';

const EDITORS = ['clerk', 'agency_leader'];

/** Headings get I, II… and their subheadings 1, 2… (Appendix V, I.1); dossiers no number of their own. */
function numberEntries<T extends { kind: string }>(entries: T[]): (T & { number: string })[] {
  let h = 0;
  let s = 0;
  return entries.map((e) => {
    if (e.kind === 'heading') {
      h++;
      s = 0;
      return { ...e, number: roman(h) };
    }
    if (e.kind === 'subheading') {
      s++;
      return { ...e, number: String(s) };
    }
    return { ...e, number: '' };
  });
}

export async function getPlan(ctx: Ctx, year: number): Promise<PlanView> {
  if (!ctx.actor.agencyId) throw new AppError('forbidden', 'Bạn cần giữ một chức vụ trong cơ quan.');
  const [plan] = await ctx.db
    .select()
    .from(dossierPlans)
    .where(and(eq(dossierPlans.agencyId, ctx.actor.agencyId), eq(dossierPlans.year, year)));
  if (!plan) return { id: null, year, decision: null, entries: [] };
  const entries = await rows<{
    id: string;
    kind: 'heading' | 'subheading' | 'dossier';
    title: string;
    notation: string | null;
    retention_years: number | null;
    responsible: string | null;
    note: string | null;
    dossier_id: string | null;
  }>(
    ctx.db,
    sql`SELECT e.id, e.kind, e.title, e.notation, e.retention_years, e.responsible, e.note,
               (SELECT x.id FROM dossiers x WHERE x.plan_entry_id = e.id ORDER BY x.created_at LIMIT 1) AS dossier_id
          FROM dossier_plan_entries e WHERE e.plan_id = ${plan.id} ORDER BY e.position`,
  );
  return {
    id: plan.id,
    year,
    decision: plan.decision,
    entries: numberEntries(
      entries.map((e) => ({
        id: e.id,
        kind: e.kind,
        title: e.title,
        notation: e.notation,
        retentionYears: e.retention_years,
        responsible: e.responsible,
        note: e.note,
        dossierId: e.dossier_id,
      })),
    ),
  };
}

/**
 * Saves the whole plan of a year: lines keep their id when sent back with it; lines left out are
 * removed (a dossier already opened from one keeps its own copy of the title, code and retention).
 */
export async function savePlan(ctx: Ctx, year: number, input: z.infer<typeof planInput>): Promise<PlanView> {
  requireRoles(ctx, EDITORS, 'văn thư hoặc lãnh đạo cơ quan');
  if (input.entries[0] && input.entries[0].kind !== 'heading')
    throw new AppError('validation_failed', 'Danh mục hồ sơ phải bắt đầu bằng một đề mục lớn.', {
      fields: [{ path: 'body.entries.0.kind', message: 'Dòng đầu tiên phải là đề mục lớn' }],
    });
  const seen = new Map<string, number>();
  for (const [i, e] of input.entries.entries()) {
    if (e.kind !== 'dossier' || !e.notation) continue;
    const prev = seen.get(e.notation);
    if (prev !== undefined)
      throw new AppError(
        'validation_failed',
        `Số và ký hiệu hồ sơ “${e.notation}” bị trùng ở dòng ${prev + 1} và dòng ${i + 1}.`,
        { fields: [{ path: `body.entries.${i}.notation`, message: 'Số và ký hiệu hồ sơ bị trùng' }] },
      );
    seen.set(e.notation, i);
  }
  await organIdOf(ctx);
  await inTx(ctx, async (tx) => {
    const agencyId = ctx.actor.agencyId!;
    let [plan] = await tx.db
      .select()
      .from(dossierPlans)
      .where(and(eq(dossierPlans.agencyId, agencyId), eq(dossierPlans.year, year)))
      .for('update');
    if (!plan) {
      [plan] = await tx.db
        .insert(dossierPlans)
        .values({ agencyId, year, decision: input.decision, createdById: ctx.actor.personId })
        .returning();
    } else {
      await tx.db
        .update(dossierPlans)
        .set({ decision: input.decision, updatedAt: tx.now() })
        .where(eq(dossierPlans.id, plan.id));
    }
    const existing = await tx.db
      .select({ id: dossierPlanEntries.id })
      .from(dossierPlanEntries)
      .where(eq(dossierPlanEntries.planId, plan!.id));
    const have = new Set(existing.map((e) => e.id));
    for (const e of input.entries)
      if (e.id && !have.has(e.id))
        throw new AppError(
          'validation_failed',
          'Một dòng của danh mục không thuộc danh mục này; hãy tải lại trang.',
        );
    const keep = new Set(input.entries.map((e) => e.id).filter((x): x is string => !!x));
    const drop = [...have].filter((id) => !keep.has(id));
    if (drop.length) await tx.db.delete(dossierPlanEntries).where(inArray(dossierPlanEntries.id, drop));
    for (const [i, e] of input.entries.entries()) {
      const values = {
        planId: plan!.id,
        position: i + 1,
        kind: e.kind,
        title: e.title,
        notation: e.notation,
        retentionYears: e.kind === 'dossier' ? (e.retentionYears ?? null) : null,
        responsible: e.responsible,
        note: e.note,
      };
      if (e.id) await tx.db.update(dossierPlanEntries).set(values).where(eq(dossierPlanEntries.id, e.id));
      else await tx.db.insert(dossierPlanEntries).values(values);
    }
    await audit(tx.db, ctx.actor, {
      action: 'dossier_plan.save',
      entityType: 'dossier_plan',
      entityId: plan!.id,
      agencyId,
      detail: { year, entries: input.entries.length, removed: drop.length },
    });
  });
  return getPlan(ctx, year);
}

/** Starts a year's plan from last year's lines (only when the year has none yet). */
export async function copyPreviousPlan(ctx: Ctx, year: number): Promise<PlanView> {
  requireRoles(ctx, EDITORS, 'văn thư hoặc lãnh đạo cơ quan');
  const current = await getPlan(ctx, year);
  if (current.entries.length > 0)
    throw new AppError('conflict', `Danh mục hồ sơ năm ${year} đã có nội dung; không thể sao chép đè lên.`);
  const previous = await getPlan(ctx, year - 1);
  if (previous.entries.length === 0)
    throw new AppError('not_found', `Chưa có danh mục hồ sơ năm ${year - 1} để sao chép.`);
  return savePlan(ctx, year, {
    decision: null,
    entries: previous.entries.map((e) => ({
      kind: e.kind,
      title: e.title,
      notation: e.notation,
      retentionYears: e.retentionYears,
      responsible: e.responsible,
      note: e.note,
    })),
  });
}

/** The plan in the layout of Decree 30/2020, Appendix V, II (Mẫu danh mục hồ sơ). */
export async function renderPlanPdf(ctx: Ctx, year: number): Promise<Buffer> {
  const plan = await getPlan(ctx, year);
  const organ = await organIdOf(ctx);
  const pdf = new ListPdf(`Danh mục hồ sơ năm ${year}`, false);
  pdf.heading(organ.parentName, organ.name);
  pdf.title([
    { text: 'DANH MỤC HỒ SƠ', size: 14 },
    { text: `Năm ${year}`, size: 13 },
    {
      text: `(Kèm theo ${plan.decision ?? 'Quyết định số …… ngày …… tháng …… năm …… của ……'})`,
      font: 'serif-italic',
      size: 11,
    },
  ]);
  pdf.table(
    [
      { title: 'Số và ký hiệu hồ sơ', width: 16, align: 'center' },
      { title: 'Tên đề mục và tiêu đề hồ sơ', width: 40 },
      { title: 'Thời hạn bảo quản', width: 14, align: 'center' },
      { title: 'Người lập hồ sơ', width: 18 },
      { title: 'Ghi chú', width: 12 },
    ],
    plan.entries.map((e) =>
      e.kind === 'dossier'
        ? {
            cells: [
              e.notation ?? '',
              e.title,
              retentionLabel(e.retentionYears),
              e.responsible ?? '',
              e.note ?? '',
            ],
          }
        : {
            cells: [
              '',
              `${e.number}. ${e.kind === 'heading' ? e.title.toLocaleUpperCase('vi') : e.title}`,
              '',
              '',
              e.note ?? '',
            ],
            bold: true,
          },
    ),
  );
  const dossierLines = plan.entries.filter((e) => e.kind === 'dossier');
  const permanent = dossierLines.filter((e) => e.retentionYears === null).length;
  pdf.paragraph(`Danh mục hồ sơ này có ${dossierLines.length} hồ sơ, bao gồm:`);
  pdf.paragraph(`${permanent} hồ sơ bảo quản vĩnh viễn;`);
  pdf.paragraph(`${dossierLines.length - permanent} hồ sơ bảo quản có thời hạn.`);
  return pdf.end();
}

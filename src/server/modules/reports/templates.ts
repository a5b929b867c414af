import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import {
  MEASURE_KEY_SET,
  type Template,
  type TemplateInput,
  type TemplateSection,
  type TemplateUpdate,
} from '../../../shared/reports/periodic.ts';
import { isSystemAdmin } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, type FieldError, forbidden, notFound } from '../../platform/http/errors.ts';
import { decodeCursor, paginate } from '../../platform/http/pagination.ts';
import { itAgencyId } from './measures.ts';
import { reportCycles, reportTemplates } from './schema.ts';

/*
 * Report templates (issue 20): the form of a monthly, six-monthly or yearly report, kept by the
 * province's IT department (the agency named in the reports' settings) or the system administrator.
 * A template already issued as a cycle keeps its sections — the agencies' submissions are keyed by
 * them — so a new form is a new template; the old one can be taken out of use.
 */

/** Whether the actor works for the IT department of the reports' settings, or is the system administrator. */
export async function isConsolidator(ctx: Ctx): Promise<boolean> {
  if (isSystemAdmin(ctx.actor)) return true;
  const it = await itAgencyId(ctx.db);
  return !!it && ctx.actor.agencyId === it;
}

/** Refuses (403) anyone but the IT department's people and the system administrator. */
export async function assertConsolidator(ctx: Ctx): Promise<void> {
  if (!(await isConsolidator(ctx)))
    throw forbidden(
      'Chỉ cơ quan chuyên trách công nghệ thông tin của tỉnh (hoặc quản trị hệ thống) quản lý mẫu, kỳ báo cáo và tổng hợp báo cáo.',
    );
}

export type TemplateRow = typeof reportTemplates.$inferSelect;

/** The template's rules that zod cannot state: unique keys, measured figures that exist. */
export function checkSections(sections: TemplateSection[]): void {
  const fields: FieldError[] = [];
  const seen = new Set<string>();
  sections.forEach((s, i) => {
    if (seen.has(s.key))
      fields.push({
        path: `sections.${i}.key`,
        message: `Mã mục «${s.key}» bị trùng; mỗi mục một mã riêng.`,
      });
    seen.add(s.key);
    if (s.kind !== 'table') return;
    const rows = new Set<string>();
    s.rows.forEach((r, j) => {
      if (rows.has(r.key))
        fields.push({
          path: `sections.${i}.rows.${j}.key`,
          message: `Mã dòng «${r.key}» bị trùng trong mục «${s.title}».`,
        });
      rows.add(r.key);
      if (r.measure !== undefined && !MEASURE_KEY_SET.has(r.measure))
        fields.push({
          path: `sections.${i}.rows.${j}.measure`,
          message: `Số liệu «${r.measure}» không tồn tại trong hệ thống. Hãy sửa dòng «${r.label}» của mục «${s.title}».`,
        });
    });
  });
  if (fields.length) throw new AppError('unprocessable', fields.map((f) => f.message).join(' '), { fields });
}

/** Sections as stored: empty optional strings and absent measures dropped, so comparisons are stable. */
function normalizeSections(sections: TemplateSection[]): TemplateSection[] {
  return sections.map((s) =>
    s.kind === 'text'
      ? { kind: 'text', key: s.key, title: s.title, ...(s.hint ? { hint: s.hint } : {}) }
      : {
          kind: 'table',
          key: s.key,
          title: s.title,
          rows: s.rows.map((r) => ({
            key: r.key,
            label: r.label,
            ...(r.unit ? { unit: r.unit } : {}),
            ...(r.measure ? { measure: r.measure } : {}),
          })),
        },
  );
}

/** JSON with sorted keys: jsonb does not keep the order keys were written in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

async function isUsed(ctx: Ctx, id: string): Promise<boolean> {
  const [c] = await ctx.db
    .select({ id: reportCycles.id })
    .from(reportCycles)
    .where(eq(reportCycles.templateId, id))
    .limit(1);
  return !!c;
}

export function templateView(t: TemplateRow, used: boolean): Template {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    cycle: t.cycle as Template['cycle'],
    title: t.title,
    dueDays: t.dueDays,
    sections: t.sections as TemplateSection[],
    active: t.active,
    used,
    updatedAt: t.updatedAt.toISOString(),
  };
}

export async function findTemplate(ctx: Ctx, id: string): Promise<TemplateRow | undefined> {
  return (await ctx.db.select().from(reportTemplates).where(eq(reportTemplates.id, id)))[0];
}

async function assertCodeFree(ctx: Ctx, code: string, except?: string) {
  const [other] = await ctx.db
    .select({ id: reportTemplates.id, name: reportTemplates.name })
    .from(reportTemplates)
    .where(eq(reportTemplates.code, code));
  if (other && other.id !== except)
    throw new AppError(
      'duplicate',
      `Mã mẫu «${code}» đã được dùng cho mẫu «${other.name}»; hãy chọn mã khác.`,
      {
        fields: [{ path: 'code', message: 'Mã mẫu đã được dùng.' }],
      },
    );
}

export async function listTemplates(
  ctx: Ctx,
  q: { active?: boolean; limit: number; cursor?: string },
): Promise<{ items: Template[]; nextCursor: string | null }> {
  await assertConsolidator(ctx);
  const after = decodeCursor(q.cursor, 2) as [string, string] | null;
  if (after && (typeof after[0] !== 'string' || typeof after[1] !== 'string'))
    throw new AppError('bad_request', 'Tham số phân trang (cursor) không hợp lệ.');
  const found = await ctx.db
    .select({
      t: reportTemplates,
      used: sql<boolean>`EXISTS (SELECT 1 FROM ${reportCycles} c WHERE c.template_id = ${reportTemplates.id})`,
    })
    .from(reportTemplates)
    .where(
      and(
        q.active === undefined ? undefined : eq(reportTemplates.active, q.active),
        after
          ? or(
              gt(reportTemplates.code, after[0]),
              and(eq(reportTemplates.code, after[0]), gt(reportTemplates.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(asc(reportTemplates.code), asc(reportTemplates.id))
    .limit(q.limit + 1);
  const page = paginate(found, q.limit, (r) => [r.t.code, r.t.id]);
  return { items: page.items.map((r) => templateView(r.t, !!r.used)), nextCursor: page.nextCursor };
}

export async function getTemplate(ctx: Ctx, id: string): Promise<Template> {
  await assertConsolidator(ctx);
  const t = await findTemplate(ctx, id);
  if (!t) throw notFound('Mẫu báo cáo');
  return templateView(t, await isUsed(ctx, id));
}

export async function createTemplate(ctx: Ctx, input: TemplateInput): Promise<Template> {
  await assertConsolidator(ctx);
  checkSections(input.sections);
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    await assertCodeFree(c, input.code);
    const [t] = await tx
      .insert(reportTemplates)
      .values({
        code: input.code,
        name: input.name,
        cycle: input.cycle,
        title: input.title,
        dueDays: input.dueDays,
        sections: normalizeSections(input.sections),
        createdBy: ctx.actor.personId,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .returning();
    await audit(tx, ctx.actor, {
      action: 'reports.template.create',
      entityType: 'report_template',
      entityId: t!.id,
      detail: { code: input.code, name: input.name, cycle: input.cycle },
    });
    return templateView(t!, false);
  });
}

export async function updateTemplate(ctx: Ctx, id: string, input: TemplateUpdate): Promise<Template> {
  await assertConsolidator(ctx);
  checkSections(input.sections);
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const [t] = await tx.select().from(reportTemplates).where(eq(reportTemplates.id, id)).for('update');
    if (!t) throw notFound('Mẫu báo cáo');
    await assertCodeFree(c, input.code, id);
    const used = await isUsed(c, id);
    const sections = normalizeSections(input.sections);
    const sectionsChanged = canonical(sections) !== canonical(t.sections);
    if (used && (sectionsChanged || input.cycle !== t.cycle))
      throw new AppError(
        'conflict',
        `Mẫu «${t.name}» đã được dùng để giao báo cáo nên không sửa được các mục và kỳ báo cáo; hãy tạo mẫu mới (có thể ngừng dùng mẫu này).`,
      );
    const [u] = await tx
      .update(reportTemplates)
      .set({
        code: input.code,
        name: input.name,
        cycle: input.cycle,
        title: input.title,
        dueDays: input.dueDays,
        sections,
        active: input.active ?? t.active,
        updatedAt: ctx.now(),
      })
      .where(eq(reportTemplates.id, id))
      .returning();
    await audit(tx, ctx.actor, {
      action: 'reports.template.update',
      entityType: 'report_template',
      entityId: id,
      detail: { code: input.code, name: input.name, active: u!.active, sectionsChanged },
    });
    return templateView(u!, used);
  });
}

/** A leader's own dashboards (saved charts; pinned ones show on the home page). */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { parsePeriod } from '../../../shared/indicators/periods.ts';
import type { DashboardInput, DashboardView } from '../../../shared/schemas/indicators-analysis.ts';
import { audit } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { indicatorDashboards, indicators } from './schema.ts';

type Row = typeof indicatorDashboards.$inferSelect;

export function presentDashboard(r: Row): DashboardView {
  return {
    id: r.id,
    name: r.name,
    pinned: r.pinned,
    items: r.items as DashboardView['items'],
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const MAX_DASHBOARDS = 50;

/** Every item's periods in order and every code in the catalogue; a Vietnamese message naming the item. */
async function check(ctx: Ctx, input: DashboardInput) {
  const codes = new Set<string>();
  input.items.forEach((it, i) => {
    const from = parsePeriod(it.from);
    const to = parsePeriod(it.to);
    if (!from || !to || from.periodicity !== to.periodicity || from.code > to.code) {
      throw new AppError(
        'validation_failed',
        `Biểu đồ ${i + 1} ("${it.title}"): kỳ bắt đầu và kỳ kết thúc phải cùng loại kỳ và theo đúng thứ tự.`,
        { fields: [{ path: `items.${i}.from`, message: 'Khoảng kỳ không hợp lệ.' }] },
      );
    }
    for (const c of it.indicators) codes.add(c);
  });
  if (codes.size === 0) return;
  const found = await ctx.db
    .select({ code: indicators.code })
    .from(indicators)
    .where(inArray(indicators.code, [...codes]));
  const known = new Set(found.map((f) => f.code));
  for (const [i, it] of input.items.entries()) {
    const missing = it.indicators.find((c) => !known.has(c));
    if (missing) {
      throw new AppError(
        'validation_failed',
        `Biểu đồ ${i + 1} ("${it.title}"): mã chỉ tiêu không tồn tại: ${missing}`,
        {
          fields: [{ path: `items.${i}.indicators`, message: `Mã chỉ tiêu không tồn tại: ${missing}` }],
        },
      );
    }
  }
}

export async function listDashboards(ctx: Ctx, pinnedOnly = false): Promise<Row[]> {
  const own = eq(indicatorDashboards.ownerId, ctx.actor.personId);
  return ctx.db
    .select()
    .from(indicatorDashboards)
    .where(pinnedOnly ? and(own, eq(indicatorDashboards.pinned, true)) : own)
    .orderBy(desc(indicatorDashboards.pinned), asc(indicatorDashboards.name), asc(indicatorDashboards.id));
}

async function own(ctx: Ctx, id: string): Promise<Row> {
  const [r] = await ctx.db
    .select()
    .from(indicatorDashboards)
    .where(and(eq(indicatorDashboards.id, id), eq(indicatorDashboards.ownerId, ctx.actor.personId)));
  if (!r) throw notFound('Bảng điều khiển');
  return r;
}

export async function getDashboard(ctx: Ctx, id: string): Promise<Row> {
  return own(ctx, id);
}

const auditIt = (ctx: Ctx, action: string, id: string, detail: Record<string, unknown> = {}) =>
  audit(ctx.db, ctx.actor, {
    action: `indicators.dashboard.${action}`,
    entityType: 'indicator_dashboard',
    entityId: id,
    agencyId: ctx.actor.agencyId,
    detail,
  });

export async function createDashboard(ctx: Ctx, input: DashboardInput): Promise<Row> {
  await check(ctx, input);
  return inTx(ctx, async (tx) => {
    const count = (await listDashboards(tx)).length;
    if (count >= MAX_DASHBOARDS) {
      throw new AppError('conflict', `Mỗi người có tối đa ${MAX_DASHBOARDS} bảng điều khiển.`);
    }
    const [r] = await tx.db
      .insert(indicatorDashboards)
      .values({ ownerId: ctx.actor.personId, name: input.name, pinned: input.pinned, items: input.items })
      .returning();
    await auditIt(tx, 'create', (r as Row).id, { name: input.name });
    return r as Row;
  });
}

export async function updateDashboard(ctx: Ctx, id: string, input: DashboardInput): Promise<Row> {
  await check(ctx, input);
  return inTx(ctx, async (tx) => {
    await own(tx, id);
    const [r] = await tx.db
      .update(indicatorDashboards)
      .set({ name: input.name, pinned: input.pinned, items: input.items, updatedAt: ctx.now() })
      .where(eq(indicatorDashboards.id, id))
      .returning();
    await auditIt(tx, 'update', id, { name: input.name });
    return r as Row;
  });
}

export async function deleteDashboard(ctx: Ctx, id: string): Promise<void> {
  await inTx(ctx, async (tx) => {
    const r = await own(tx, id);
    await tx.db.delete(indicatorDashboards).where(eq(indicatorDashboards.id, id));
    await auditIt(tx, 'delete', id, { name: r.name });
  });
}

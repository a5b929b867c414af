/**
 * The catalogue of indicators: groups, disaggregations, indicators. Creating or changing an
 * indicator validates its definition against the catalogue (unique code, existing group, weight
 * and formula codes, no cycle across formulas and weights); a change raises `version` and keeps
 * the previous definition in indicator_versions, so past values keep the version they were entered
 * under. Every change is audited in the same transaction.
 */
import { and, asc, eq, gt, ilike, or, type SQL } from 'drizzle-orm';
import type { Periodicity } from '../../../shared/indicators/periods.ts';
import type { IndicatorInput } from '../../../shared/schemas/indicators-catalogue.ts';
import type { Db } from '../../db/client.ts';
import { audit } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { decodeCursor, paginate } from '../../platform/http/pagination.ts';
import { findAgency } from '../agencies/index.ts';
import { cycleMessage, ExprError, parseExpr } from './expr.ts';
import { indicatorDisaggregations, indicatorGroups, indicators, indicatorVersions } from './schema.ts';

export type IndicatorRow = typeof indicators.$inferSelect;

export const CODE_PATTERN = /^[A-Z]{1,3}[0-9]{2,6}$/;

export async function listGroups(db: Db) {
  return db.select().from(indicatorGroups).orderBy(asc(indicatorGroups.sortOrder), asc(indicatorGroups.code));
}

export async function listDisaggregations(db: Db) {
  return db.select().from(indicatorDisaggregations).orderBy(asc(indicatorDisaggregations.code));
}

const listColumns = {
  indicator: indicators,
  groupCode: indicatorGroups.code,
  disaggregationCode: indicatorDisaggregations.code,
};

function present(r: { indicator: IndicatorRow; groupCode: string; disaggregationCode: string | null }) {
  const i = r.indicator;
  return {
    id: i.id,
    code: i.code,
    groupCode: r.groupCode,
    name: i.name,
    unit: i.unit,
    periodicity: i.periodicity as Periodicity,
    valueType: i.valueType as IndicatorInput['valueType'],
    decimals: i.decimals,
    aggregation: i.aggregation as IndicatorInput['aggregation'],
    weightCode: i.weightCode,
    formula: i.formula,
    disaggregationCode: r.disaggregationCode,
    level: i.level as IndicatorInput['level'],
    responsibleAgencyId: i.responsibleAgencyId,
    official: i.official,
    open: i.open,
    active: i.active,
    version: i.version,
    sortOrder: i.sortOrder,
    updatedAt: i.updatedAt.toISOString(),
  };
}
export type IndicatorView = ReturnType<typeof present>;

function baseQuery(db: Db) {
  return db
    .select(listColumns)
    .from(indicators)
    .innerJoin(indicatorGroups, eq(indicatorGroups.id, indicators.groupId))
    .leftJoin(indicatorDisaggregations, eq(indicatorDisaggregations.id, indicators.disaggregationId));
}

/** The catalogue in code order, a keyset page at a time (cursor: the last code). */
export async function listCatalogue(
  db: Db,
  q: { group?: string; q?: string; limit: number; cursor?: string },
) {
  const after = decodeCursor(q.cursor, 1) as [string] | null;
  const where: (SQL | undefined)[] = [
    q.group ? eq(indicatorGroups.code, q.group) : undefined,
    q.q ? or(ilike(indicators.name, `%${q.q}%`), ilike(indicators.code, `%${q.q}%`)) : undefined,
    after ? gt(indicators.code, String(after[0])) : undefined,
  ];
  const r = await baseQuery(db)
    .where(and(...where))
    .orderBy(asc(indicators.code))
    .limit(q.limit + 1);
  const page = paginate(r, q.limit, (x) => [x.indicator.code]);
  return { items: page.items.map(present), nextCursor: page.nextCursor };
}

/** Every indicator (export, formula checks, forms), in code order. */
export async function allIndicators(db: Db): Promise<IndicatorView[]> {
  return (await baseQuery(db).orderBy(asc(indicators.code))).map(present);
}

export async function findIndicatorByCode(db: Db, code: string): Promise<IndicatorView | undefined> {
  const [r] = await baseQuery(db).where(eq(indicators.code, code));
  return r ? present(r) : undefined;
}

const notFoundIndicator = (code: string) =>
  new AppError('not_found', `Chỉ tiêu không tồn tại trong danh mục: ${code}.`);

/** One indicator with every earlier definition (newest first). */
export async function indicatorDetail(db: Db, code: string) {
  const current = await findIndicatorByCode(db, code);
  if (!current) throw notFoundIndicator(code);
  const versions = await db
    .select()
    .from(indicatorVersions)
    .where(eq(indicatorVersions.indicatorId, current.id))
    .orderBy(asc(indicatorVersions.version));
  return {
    ...current,
    versions: versions
      .map((v) => ({
        version: v.version,
        definition: v.definition,
        changedById: v.changedById,
        changedAt: v.changedAt.toISOString(),
      }))
      .reverse(),
  };
}

/** The codes a formula refers to; a syntax error becomes a 400 naming the indicator and position. */
export function formulaCodes(formula: string, of?: string): string[] {
  try {
    return parseExpr(formula).codes;
  } catch (e) {
    if (e instanceof ExprError)
      throw new AppError('bad_request', of ? `Chỉ tiêu ${of}: ${e.message}.` : `${e.message}.`);
    throw e;
  }
}

const AGGREGATION_VI: Record<string, string> = {
  sum: 'cộng',
  weighted_avg: 'bình quân gia quyền',
  formula: 'công thức',
  last: 'lấy kỳ cuối',
  none: 'không tổng hợp',
};

/**
 * Checks a definition against the catalogue; returns the ids it refers to. `others` is every
 * other indicator (by code), used for weight/formula codes and the cycle check.
 */
export function checkDefinition(
  def: IndicatorInput,
  others: Map<string, { weightCode: string | null; formula: string | null; aggregation: string }>,
): void {
  if (!CODE_PATTERN.test(def.code))
    throw new AppError(
      'bad_request',
      `Mã chỉ tiêu không hợp lệ: "${def.code}" (1–3 chữ in hoa rồi 2–6 chữ số, ví dụ T0101).`,
    );
  if (def.aggregation === 'weighted_avg') {
    if (!def.weightCode)
      throw new AppError(
        'bad_request',
        `Chỉ tiêu ${def.code}: "Chỉ tiêu trọng số" là bắt buộc khi cách tổng hợp là bình quân gia quyền.`,
      );
    if (def.weightCode === def.code)
      throw new AppError('bad_request', `Chỉ tiêu ${def.code}: chỉ tiêu trọng số không được là chính nó.`);
    if (!others.has(def.weightCode))
      throw new AppError('bad_request', `Chỉ tiêu trọng số không tồn tại: ${def.weightCode}.`);
  } else if (def.weightCode) {
    throw new AppError(
      'bad_request',
      `Chỉ tiêu ${def.code}: "Chỉ tiêu trọng số" chỉ dùng khi cách tổng hợp là bình quân gia quyền (đang là ${AGGREGATION_VI[def.aggregation]}).`,
    );
  }
  if (def.aggregation === 'formula') {
    if (!def.formula?.trim())
      throw new AppError(
        'bad_request',
        `Chỉ tiêu ${def.code}: "Công thức" là bắt buộc khi cách tổng hợp là công thức.`,
      );
    const codes = formulaCodes(def.formula, def.code);
    for (const c of codes)
      if (c !== def.code && !others.has(c))
        throw new AppError('bad_request', `Mã chỉ tiêu không tồn tại: ${c}.`);
  } else if (def.formula?.trim()) {
    throw new AppError(
      'bad_request',
      `Chỉ tiêu ${def.code}: "Công thức" chỉ dùng khi cách tổng hợp là công thức (đang là ${AGGREGATION_VI[def.aggregation]}).`,
    );
  }
  const cycle = findCycle(def, others);
  if (cycle) throw new AppError('bad_request', `${cycleMessage(cycle)}.`);
}

function depsOf(x: { weightCode: string | null; formula: string | null; aggregation: string }): string[] {
  const out: string[] = [];
  if (x.aggregation === 'weighted_avg' && x.weightCode) out.push(x.weightCode);
  if (x.aggregation === 'formula' && x.formula) out.push(...formulaCodes(x.formula));
  return out;
}

/** A dependency path from the definition back to itself, if any (formulas and weights). */
function findCycle(
  def: IndicatorInput,
  others: Map<string, { weightCode: string | null; formula: string | null; aggregation: string }>,
): string[] | null {
  const deps = (code: string) => {
    if (code === def.code)
      return depsOf({
        weightCode: def.weightCode ?? null,
        formula: def.formula ?? null,
        aggregation: def.aggregation,
      });
    const o = others.get(code);
    return o ? depsOf(o) : [];
  };
  const seen = new Set<string>();
  const walk = (code: string, path: string[]): string[] | null => {
    for (const d of deps(code)) {
      if (d === def.code) return [...path, d];
      if (seen.has(d)) continue;
      seen.add(d);
      const found = walk(d, [...path, d]);
      if (found) return found;
    }
    return null;
  };
  return walk(def.code, [def.code]);
}

async function resolveRefs(db: Db, def: IndicatorInput) {
  const [g] = await db.select().from(indicatorGroups).where(eq(indicatorGroups.code, def.groupCode));
  if (!g) throw new AppError('bad_request', `Nhóm chỉ tiêu không tồn tại: ${def.groupCode}.`);
  let disaggregationId: string | null = null;
  if (def.disaggregationCode) {
    const [d] = await db
      .select()
      .from(indicatorDisaggregations)
      .where(eq(indicatorDisaggregations.code, def.disaggregationCode));
    if (!d) throw new AppError('bad_request', `Phân tổ không tồn tại: ${def.disaggregationCode}.`);
    disaggregationId = d.id;
  }
  if (def.responsibleAgencyId && !(await findAgency(db, def.responsibleAgencyId)))
    throw new AppError('bad_request', 'Cơ quan chịu trách nhiệm không tồn tại.');
  return { groupId: g.id, disaggregationId };
}

async function othersOf(db: Db, except: string) {
  const r = await db
    .select({
      code: indicators.code,
      weightCode: indicators.weightCode,
      formula: indicators.formula,
      aggregation: indicators.aggregation,
    })
    .from(indicators);
  return new Map(r.filter((x) => x.code !== except).map((x) => [x.code, x]));
}

function columnsOf(def: IndicatorInput, refs: { groupId: string; disaggregationId: string | null }) {
  return {
    groupId: refs.groupId,
    name: def.name.trim(),
    unit: def.unit.trim(),
    periodicity: def.periodicity,
    valueType: def.valueType,
    decimals: def.decimals,
    aggregation: def.aggregation,
    weightCode: def.aggregation === 'weighted_avg' ? (def.weightCode ?? null) : null,
    formula: def.aggregation === 'formula' ? (def.formula?.trim() ?? null) : null,
    disaggregationId: refs.disaggregationId,
    level: def.level,
    responsibleAgencyId: def.responsibleAgencyId ?? null,
    official: def.official,
    open: def.open ?? true,
    active: def.active ?? true,
    sortOrder: def.sortOrder ?? 0,
  };
}

/** Creates an indicator (in the caller's transaction when there is one); audited. */
export async function createIndicatorIn(ctx: Ctx, def: IndicatorInput): Promise<IndicatorView> {
  if (!CODE_PATTERN.test(def.code)) checkDefinition(def, new Map());
  if (await findIndicatorByCode(ctx.db, def.code))
    throw new AppError('duplicate', `Mã chỉ tiêu ${def.code} đã có trong danh mục.`);
  checkDefinition(def, await othersOf(ctx.db, def.code));
  const refs = await resolveRefs(ctx.db, def);
  const [row] = await ctx.db
    .insert(indicators)
    .values({ code: def.code, ...columnsOf(def, refs) })
    .returning({ id: indicators.id });
  await audit(ctx.db, ctx.actor, {
    action: 'indicator.create',
    entityType: 'indicator',
    entityId: row!.id,
    detail: { code: def.code, name: def.name },
  });
  return (await findIndicatorByCode(ctx.db, def.code))!;
}

export function createIndicator(ctx: Ctx, def: IndicatorInput) {
  return inTx(ctx, (tx) => createIndicatorIn(tx, def));
}

/**
 * Changes an indicator's definition: the previous one goes to indicator_versions and `version` is
 * raised (nothing changes, nothing is written, when the definition is the same).
 */
export async function updateIndicatorIn(ctx: Ctx, code: string, def: IndicatorInput): Promise<IndicatorView> {
  const [cur] = await ctx.db.select().from(indicators).where(eq(indicators.code, code)).for('update');
  if (!cur) throw notFoundIndicator(code);
  const full = { ...def, code };
  checkDefinition(full, await othersOf(ctx.db, code));
  const refs = await resolveRefs(ctx.db, full);
  const next = columnsOf(full, refs);
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
    (k) => String(next[k] ?? '') !== String(cur[k] ?? ''),
  );
  if (changed.length === 0) return (await findIndicatorByCode(ctx.db, code))!;
  const { createdAt: _c, updatedAt: _u, ...definition } = cur;
  await ctx.db.insert(indicatorVersions).values({
    indicatorId: cur.id,
    version: cur.version,
    definition: JSON.parse(JSON.stringify(definition)),
    changedById: 'personId' in ctx.actor ? ctx.actor.personId : null,
    changedAt: ctx.now(),
  });
  await ctx.db
    .update(indicators)
    .set({ ...next, version: cur.version + 1, updatedAt: ctx.now() })
    .where(eq(indicators.id, cur.id));
  await audit(ctx.db, ctx.actor, {
    action: 'indicator.update',
    entityType: 'indicator',
    entityId: cur.id,
    detail: { code, version: cur.version + 1, changed },
  });
  return (await findIndicatorByCode(ctx.db, code))!;
}

export function updateIndicator(ctx: Ctx, code: string, def: IndicatorInput) {
  return inTx(ctx, (tx) => updateIndicatorIn(tx, code, def));
}

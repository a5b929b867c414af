/**
 * Roll-ups: the value of indicators at nodes of the agencies tree for periods. A node's value
 * aggregates the values (official ?? estimate) of every agency in its subtree, itself included, by
 * the indicator's rule: sum; weighted_avg by `weightCode` (Σ v·w / Σ w over the agencies having
 * both); formula (the components rolled up at the node, then the formula); last (summed across the
 * tree, the last period of a range across time); none (the node's own value only).
 * A period coarser than the indicator's periodicity (months asked for a quarter) sums the finer
 * periods it holds (`last`: the last one); a finer one than the indicator's has no value.
 * Every base indicator of a request is read in one statement (values joined with the subtree
 * members that the agencies module provides).
 */
import { inArray, sql } from 'drizzle-orm';
import {
  monthsOf,
  type Period,
  type Periodicity,
  periodCode,
  period as periodOfCode,
} from '../../../shared/indicators/periods.ts';
import { type Db, rows } from '../../db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { subtreeMembersSql } from '../agencies/index.ts';
import { cycleMessage, type Expr, evaluate, findCycle, parseExpr } from './expr.ts';
import { indicators } from './schema.ts';

export type ValueStatus = 'all' | 'approved';

export interface IndicatorDef {
  id: string;
  code: string;
  name: string;
  unit: string;
  decimals: number;
  periodicity: Periodicity;
  aggregation: 'sum' | 'weighted_avg' | 'formula' | 'last' | 'none';
  weightCode: string | null;
  formula: string | null;
  open: boolean;
}

export interface Catalogue {
  byCode: Map<string, IndicatorDef>;
  ast: Map<string, Expr>;
}

const COUNTS: Record<Periodicity, number> = { month: 12, quarter: 4, half: 2, nine_months: 1, year: 1 };

/** The periods of `periodicity` a period holds (months of a quarter …); [] when it is finer. */
export function subPeriods(p: Period, periodicity: Periodicity): string[] {
  if (p.periodicity === periodicity) return [p.code];
  const [first, last] = monthsOf(p);
  const out: string[] = [];
  for (let i = 1; i <= COUNTS[periodicity]; i++) {
    const idx = periodicity === 'nine_months' ? 9 : i;
    const sp = periodOfCode(periodCode(periodicity, p.year, idx));
    const [a, b] = monthsOf(sp);
    if (a >= first && b <= last) out.push(sp.code);
  }
  return out;
}

/**
 * The definitions of these codes and, recursively, of their formula components and weights, with
 * the formulas parsed; 404 for an unknown code, 400 for a broken formula or a cycle.
 */
export async function loadCatalogue(db: Db, codes: string[]): Promise<Catalogue> {
  const byCode = new Map<string, IndicatorDef>();
  const ast = new Map<string, Expr>();
  let wanted = [...new Set(codes)];
  while (wanted.length) {
    const found = await db
      .select({
        id: indicators.id,
        code: indicators.code,
        name: indicators.name,
        unit: indicators.unit,
        decimals: indicators.decimals,
        periodicity: indicators.periodicity,
        aggregation: indicators.aggregation,
        weightCode: indicators.weightCode,
        formula: indicators.formula,
        open: indicators.open,
      })
      .from(indicators)
      .where(inArray(indicators.code, wanted));
    for (const code of wanted) {
      if (!found.some((f) => f.code === code)) {
        throw new AppError('not_found', `Mã chỉ tiêu không tồn tại: ${code}`);
      }
    }
    const next = new Set<string>();
    for (const f of found) {
      const def = f as IndicatorDef;
      byCode.set(def.code, def);
      const deps: string[] = [];
      if (def.aggregation === 'formula') {
        if (!def.formula) {
          throw new AppError(
            'bad_request',
            `Chỉ tiêu ${def.code} tổng hợp theo công thức nhưng chưa có công thức.`,
          );
        }
        try {
          const p = parseExpr(def.formula);
          ast.set(def.code, p.ast);
          deps.push(...p.codes);
        } catch (e) {
          throw new AppError('bad_request', `Chỉ tiêu ${def.code}: ${(e as Error).message}`);
        }
      }
      if (def.aggregation === 'weighted_avg') {
        if (!def.weightCode) {
          throw new AppError(
            'bad_request',
            `Chỉ tiêu ${def.code} tính bình quân gia quyền nhưng chưa có chỉ tiêu quyền số.`,
          );
        }
        deps.push(def.weightCode);
      }
      for (const d of deps) if (!byCode.has(d)) next.add(d);
    }
    wanted = [...next];
  }
  const deps = new Map<string, string[]>();
  for (const [code, def] of byCode) {
    const a = ast.get(code);
    deps.set(code, [
      ...(a ? parseExpr(def.formula as string).codes : []),
      ...(def.aggregation === 'weighted_avg' && def.weightCode ? [def.weightCode] : []),
    ]);
  }
  const cycle = findCycle(deps);
  if (cycle) throw new AppError('bad_request', cycleMessage(cycle));
  return { byCode, ast };
}

interface Agg {
  /** Σ v over the subtree. */
  s: number | null;
  /** Σ v·w and Σ w over agencies having both (weighted_avg). */
  sw: number | null;
  ww: number | null;
  /** The node's own value. */
  own: number | null;
}

const num = (x: unknown) => (x == null ? null : Number(x));

/**
 * Aggregates of base indicators (not formulas) at each node for stored periods, in one statement.
 * Key: `${nodeId}|${indicatorId}|${period}|${option}`.
 */
async function aggregates(
  db: Db,
  scope: 'node' | 'children',
  nodeId: string,
  defs: IndicatorDef[],
  byCode: Map<string, IndicatorDef>,
  periods: string[],
  options: string[],
  status: ValueStatus,
): Promise<Map<string, Agg>> {
  const out = new Map<string, Agg>();
  if (defs.length === 0 || periods.length === 0) return out;
  const ids = defs.map((d) => d.id);
  const weighted = defs.filter((d) => d.aggregation === 'weighted_avg' && d.weightCode);
  // The weight's values join only when an indicator of the set needs them.
  const weights = weighted.length
    ? sql`LEFT JOIN (VALUES ${sql.join(
        weighted.map(
          (d) => sql`(${d.id}::uuid, ${(byCode.get(d.weightCode as string) as IndicatorDef).id}::uuid)`,
        ),
        sql`, `,
      )}) AS wm(indicator_id, weight_id) ON wm.indicator_id = v.indicator_id
        LEFT JOIN indicator_values w ON w.indicator_id = wm.weight_id AND w.period = v.period
          AND w.agency_id = v.agency_id AND w.option_code = ''`
    : null;
  // One node: a semi-join on its subtree (a hash of the members); children: a join naming each one's root.
  const members = subtreeMembersSql(scope, nodeId);
  const node = scope === 'node' ? sql`${nodeId}::uuid` : sql`m.root_id`;
  const join = scope === 'node' ? sql`` : sql`JOIN ${members} m ON m.id = v.agency_id`;
  const within = scope === 'node' ? sql`AND v.agency_id IN (SELECT id FROM ${members} m)` : sql``;
  const approved =
    status === 'approved'
      ? sql`AND EXISTS (SELECT 1 FROM indicator_reports r JOIN indicator_form_items fi ON fi.form_id = r.form_id
              WHERE fi.indicator_id = v.indicator_id AND r.agency_id = v.agency_id AND r.period = v.period
                AND r.status = 'approved')`
      : sql``;
  const r = await rows<{
    node: string;
    indicator_id: string;
    period: string;
    option_code: string;
    s: number | string | null;
    sw: number | string | null;
    ww: number | string | null;
    own: number | string | null;
  }>(
    db,
    sql`SELECT ${node} AS node, v.indicator_id, v.period, v.option_code,
          sum(coalesce(v.official, v.estimate))::float8 AS s,
          ${
            weights
              ? sql`sum(coalesce(v.official, v.estimate) * coalesce(w.official, w.estimate))::float8 AS sw,
          sum(coalesce(w.official, w.estimate)) FILTER (WHERE coalesce(v.official, v.estimate) IS NOT NULL)::float8 AS ww,`
              : sql`NULL::float8 AS sw, NULL::float8 AS ww,`
          }
          max(CASE WHEN v.agency_id = ${node} THEN coalesce(v.official, v.estimate) END)::float8 AS own
        FROM indicator_values v ${join}
        ${weights ?? sql``}
        WHERE v.indicator_id IN ${ids} AND v.period IN ${periods} AND v.option_code IN ${options} ${within} ${approved}
        GROUP BY 1, v.indicator_id, v.period, v.option_code`,
  );
  for (const x of r) {
    out.set(`${x.node}|${x.indicator_id}|${x.period}|${x.option_code}`, {
      s: num(x.s),
      sw: num(x.sw),
      ww: num(x.ww),
      own: num(x.own),
    });
  }
  return out;
}

export interface RollupRequest {
  /** 'node': values at `nodeId`; 'children': at each (non-division) child of `nodeId`. */
  scope: 'node' | 'children';
  nodeId: string;
  codes: string[];
  periods: Period[];
  option: string;
  status: ValueStatus;
}

/**
 * Values of `codes` for `periods` at the node (or at each of its children): a function
 * (nodeId, code, periodCode) → number | null, and the node ids that had any value.
 */
export async function rollup(db: Db, cat: Catalogue, req: RollupRequest) {
  // Base indicators needed (formula components recursively) and the stored periods of each.
  const base = new Map<string, IndicatorDef>();
  const visit = (code: string) => {
    const def = cat.byCode.get(code) as IndicatorDef;
    if (def.aggregation === 'formula') {
      for (const c of parseExpr(def.formula as string).codes) visit(c);
    } else {
      // A weighted average's weight is read by the statement's join: no roll-up of its own.
      base.set(code, def);
    }
  };
  for (const c of req.codes) visit(c);
  const stored = new Set<string>();
  for (const def of base.values())
    for (const p of req.periods) for (const sp of subPeriods(p, def.periodicity)) stored.add(sp);
  // Formula references may name options (CODE[nu]); collect them with the requested option.
  const options = new Set<string>([req.option]);
  for (const c of req.codes) collectOptions(cat, c, options);
  const agg = await aggregates(
    db,
    req.scope,
    req.nodeId,
    [...base.values()],
    cat.byCode,
    [...stored],
    [...options],
    req.status,
  );
  const nodes = new Set<string>([...agg.keys()].map((k) => k.split('|')[0] as string));

  const baseValue = (node: string, def: IndicatorDef, p: Period, option: string): number | null => {
    const subs = subPeriods(p, def.periodicity);
    if (subs.length === 0) return null;
    const at = (sp: string) => agg.get(`${node}|${def.id}|${sp}|${option}`);
    switch (def.aggregation) {
      case 'sum': {
        let total: number | null = null;
        for (const sp of subs) {
          const a = at(sp);
          if (a?.s != null) total = (total ?? 0) + a.s;
        }
        return total;
      }
      case 'last':
        return at(subs[subs.length - 1] as string)?.s ?? null;
      case 'weighted_avg': {
        let sw = 0;
        let ww = 0;
        for (const sp of subs) {
          const a = at(sp);
          if (a?.sw != null && a.ww != null) {
            sw += a.sw;
            ww += a.ww;
          }
        }
        return ww === 0 ? null : sw / ww;
      }
      case 'none':
        return subs.length === 1 && subs[0] === p.code ? (at(p.code)?.own ?? null) : null;
      default:
        return null;
    }
  };
  const value = (node: string, code: string, p: Period, option = req.option, depth = 0): number | null => {
    const def = cat.byCode.get(code);
    if (!def || depth > 50) return null;
    if (def.aggregation === 'formula') {
      const ast = cat.ast.get(code) as Expr;
      return evaluate(ast, (c, o) => value(node, c, p, o === '' ? option : o, depth + 1));
    }
    return baseValue(node, def, p, option);
  };
  return { value, nodes };
}

function collectOptions(cat: Catalogue, code: string, into: Set<string>, depth = 0) {
  const def = cat.byCode.get(code);
  if (def?.aggregation !== 'formula' || depth > 50) return;
  for (const r of parseExpr(def.formula as string).refs) {
    if (r.option) into.add(r.option);
    collectOptions(cat, r.code, into, depth + 1);
  }
}

/**
 * The year plan (kế hoạch) of indicators at a node: sum and last indicators add the targets of the
 * subtree; the others take the node's own target. Key: `${code}|${year}`.
 */
export async function plans(
  db: Db,
  cat: Catalogue,
  nodeId: string,
  codes: string[],
  years: number[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const defs = codes.map((c) => cat.byCode.get(c) as IndicatorDef);
  if (defs.length === 0 || years.length === 0) return out;
  const r = await rows<{ indicator_id: string; year: number; s: number | null; own: number | null }>(
    db,
    sql`SELECT t.indicator_id, t.year, sum(t.value)::float8 AS s,
          max(CASE WHEN t.agency_id = m.root_id THEN t.value END)::float8 AS own
        FROM indicator_targets t JOIN ${subtreeMembersSql('node', nodeId)} m ON m.id = t.agency_id
        WHERE t.indicator_id IN ${defs.map((d) => d.id)} AND t.year IN ${years}
        GROUP BY t.indicator_id, t.year`,
  );
  for (const x of r) {
    const def = defs.find((d) => d.id === x.indicator_id) as IndicatorDef;
    const v = def.aggregation === 'sum' || def.aggregation === 'last' ? x.s : x.own;
    if (v != null) out.set(`${def.code}|${x.year}`, Number(v));
  }
  return out;
}

/** Growth in % from last year; null without a (non-zero) base. */
export function growthPct(value: number | null, lastYear: number | null): number | null {
  if (value == null || lastYear == null || lastYear === 0) return null;
  return round(((value - lastYear) / Math.abs(lastYear)) * 100, 2);
}

export function sharePct(value: number | null, plan: number | null): number | null {
  if (value == null || plan == null || plan === 0) return null;
  return round((value / plan) * 100, 2);
}

export function round(v: number | null, decimals: number): number | null {
  if (v == null) return null;
  const f = 10 ** Math.min(Math.max(decimals, 0), 10);
  return Math.round(v * f) / f;
}

/**
 * Validation rules (DHIS2's validation rules) and their evaluation for one report, plus the min–max
 * outlier check from each value's own history.
 *
 * A rule is `left operator right`, each side an expression over indicator codes (`T0201` is the
 * total, `T0201[nu]` one option). For a report (form × agency × period) a code's value is the
 * agency's official value for that period and option, else its estimate; a rule with a missing
 * operand is skipped, not violated. A rule with a form applies to that form; one without applies
 * to every form that holds all the indicators it names.
 *
 * Outliers: a value is compared with the same indicator, option and agency over the 12 previous
 * periods of the report's periodicity (for a yearly form these are the 12 previous years, for
 * 9 months the previous years' 9 months). With at least 3 such values, the usual range is
 * mean ± max(3·sd, 10 % of |mean|) (sample standard deviation; the 10 % keeps a flat history from
 * flagging every change), its lower end kept at 0 when no past value was negative. A value outside
 * it is a warning "Giá trị … nằm ngoài khoảng thường gặp [a; b]".
 */
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import { type Period, periodLabel, previousPeriod } from '../../../shared/indicators/periods.ts';
import type {
  RuleInput,
  RuleOperator,
  RuleView,
  ViolationView,
} from '../../../shared/schemas/indicators-approval.ts';
import { type Db, rows } from '../../db/client.ts';
import { audit } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { type CompiledExpr, compileExpr, ExprSyntaxError } from './rule-expr.ts';
import { indicatorForms, indicatorRules } from './schema.ts';

export type RuleRow = typeof indicatorRules.$inferSelect;

// ---------- Rules: CRUD ----------

const OPERATOR_TEXT: Record<RuleOperator, string> = {
  '<=': '≤',
  '<': '<',
  '=': '=',
  '!=': '≠',
  '>=': '≥',
  '>': '>',
};

function tryCompile(text: string): CompiledExpr | null {
  try {
    return compileExpr(text);
  } catch {
    return null;
  }
}

function codesOf(r: Pick<RuleRow, 'left' | 'right'>): string[] {
  const refs = [...(tryCompile(r.left)?.refs ?? []), ...(tryCompile(r.right)?.refs ?? [])];
  return [...new Set(refs.map((x) => x.code))];
}

function present(r: RuleRow, formCode: string | null): RuleView {
  return {
    id: r.id,
    name: r.name,
    left: r.left,
    operator: r.operator as RuleOperator,
    right: r.right,
    importance: r.importance as RuleView['importance'],
    formId: r.formId,
    formCode,
    active: r.active,
    codes: codesOf(r),
    createdAt: r.createdAt.toISOString(),
  };
}

/** Parses both sides and checks every code and option against the catalogue; 400 naming the side. */
async function checkRule(db: Db, input: RuleInput): Promise<void> {
  const sides = [
    ['left', 'Vế trái', input.left],
    ['right', 'Vế phải', input.right],
  ] as const;
  const compiled: { path: string; label: string; expr: CompiledExpr }[] = [];
  for (const [path, label, text] of sides) {
    try {
      compiled.push({ path, label, expr: compileExpr(text) });
    } catch (e) {
      if (!(e instanceof ExprSyntaxError)) throw e;
      throw new AppError('validation_failed', `${label}: ${e.message}`, {
        fields: [{ path, message: e.message }],
      });
    }
  }
  const codes = [...new Set(compiled.flatMap((c) => c.expr.refs.map((r) => r.code)))];
  if (codes.length === 0)
    throw new AppError('validation_failed', 'Quy tắc phải nhắc đến ít nhất một mã chỉ tiêu.', {
      fields: [{ path: 'left', message: 'Quy tắc phải nhắc đến ít nhất một mã chỉ tiêu.' }],
    });
  const known = await catalogueOptions(db, codes);
  for (const c of compiled) {
    for (const ref of c.expr.refs) {
      const options = known.get(ref.code);
      if (!options) {
        const message = `Mã chỉ tiêu không tồn tại: ${ref.code}`;
        throw new AppError('validation_failed', `${c.label}: ${message}`, {
          fields: [{ path: c.path, message }],
        });
      }
      if (ref.option && !options.includes(ref.option)) {
        const message = options.length
          ? `Chỉ tiêu ${ref.code} không có phân tổ «${ref.option}» (có: ${options.join(', ')})`
          : `Chỉ tiêu ${ref.code} không có phân tổ nào, không dùng được ${ref.code}[${ref.option}]`;
        throw new AppError('validation_failed', `${c.label}: ${message}`, {
          fields: [{ path: c.path, message }],
        });
      }
    }
  }
  if (input.formId) {
    const [f] = await db
      .select({ id: indicatorForms.id })
      .from(indicatorForms)
      .where(eq(indicatorForms.id, input.formId));
    if (!f)
      throw new AppError('validation_failed', 'Biểu mẫu của quy tắc không tồn tại.', {
        fields: [{ path: 'formId', message: 'Biểu mẫu không tồn tại.' }],
      });
  }
}

/** The disaggregation option codes of each indicator (active or not) by code. */
async function catalogueOptions(db: Db, codes: string[]): Promise<Map<string, string[]>> {
  if (codes.length === 0) return new Map();
  const r = await rows<{ code: string; options: { code: string }[] | null }>(
    db,
    sql`SELECT i.code, d.options FROM indicators i LEFT JOIN indicator_disaggregations d ON d.id = i.disaggregation_id
         WHERE i.code = ANY(${sql.param(codes)}::text[])`,
  );
  return new Map(r.map((x) => [x.code, (x.options ?? []).map((o) => o.code)]));
}

export async function listRules(ctx: Ctx, q: { formId?: string }): Promise<RuleView[]> {
  const r = await ctx.db
    .select({ rule: indicatorRules, formCode: indicatorForms.code })
    .from(indicatorRules)
    .leftJoin(indicatorForms, eq(indicatorForms.id, indicatorRules.formId))
    .where(q.formId ? or(eq(indicatorRules.formId, q.formId), isNull(indicatorRules.formId)) : undefined)
    .orderBy(asc(indicatorRules.name), asc(indicatorRules.id))
    .limit(2000);
  return r.map((x) => present(x.rule, x.formCode));
}

async function ruleView(db: Db, id: string): Promise<RuleView> {
  const [x] = await db
    .select({ rule: indicatorRules, formCode: indicatorForms.code })
    .from(indicatorRules)
    .leftJoin(indicatorForms, eq(indicatorForms.id, indicatorRules.formId))
    .where(eq(indicatorRules.id, id));
  if (!x) throw notFound('Quy tắc kiểm tra');
  return present(x.rule, x.formCode);
}

export async function getRule(ctx: Ctx, id: string): Promise<RuleView> {
  return ruleView(ctx.db, id);
}

export async function createRule(ctx: Ctx, input: RuleInput): Promise<RuleView> {
  return inTx(ctx, async (tx) => {
    await checkRule(tx.db, input);
    const [r] = await tx.db
      .insert(indicatorRules)
      .values({
        name: input.name,
        left: input.left,
        operator: input.operator,
        right: input.right,
        importance: input.importance,
        formId: input.formId ?? null,
        active: input.active ?? true,
      })
      .returning();
    await audit(tx.db, tx.actor, {
      action: 'indicators.rule.create',
      entityType: 'indicator_rule',
      entityId: r!.id,
      detail: {
        name: input.name,
        rule: `${input.left} ${input.operator} ${input.right}`,
        importance: input.importance,
      },
    });
    return ruleView(tx.db, r!.id);
  });
}

export async function updateRule(ctx: Ctx, id: string, input: RuleInput): Promise<RuleView> {
  return inTx(ctx, async (tx) => {
    const [before] = await tx.db.select().from(indicatorRules).where(eq(indicatorRules.id, id)).for('update');
    if (!before) throw notFound('Quy tắc kiểm tra');
    await checkRule(tx.db, input);
    await tx.db
      .update(indicatorRules)
      .set({
        name: input.name,
        left: input.left,
        operator: input.operator,
        right: input.right,
        importance: input.importance,
        formId: input.formId ?? null,
        active: input.active ?? before.active,
      })
      .where(eq(indicatorRules.id, id));
    await audit(tx.db, tx.actor, {
      action: 'indicators.rule.update',
      entityType: 'indicator_rule',
      entityId: id,
      detail: {
        before: `${before.left} ${before.operator} ${before.right} (${before.importance})`,
        after: `${input.left} ${input.operator} ${input.right} (${input.importance})`,
      },
    });
    return ruleView(tx.db, id);
  });
}

export async function deleteRule(ctx: Ctx, id: string): Promise<void> {
  await inTx(ctx, async (tx) => {
    const [gone] = await tx.db.delete(indicatorRules).where(eq(indicatorRules.id, id)).returning();
    if (!gone) throw notFound('Quy tắc kiểm tra');
    await audit(tx.db, tx.actor, {
      action: 'indicators.rule.delete',
      entityType: 'indicator_rule',
      entityId: id,
      detail: { name: gone.name, rule: `${gone.left} ${gone.operator} ${gone.right}` },
    });
  });
}

// ---------- Evaluation ----------

/** Vietnamese number: 1.234,5 (at most 4 decimals). */
export function viNumber(v: number): string {
  return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4 }).format(v);
}

function holds(l: number, op: RuleOperator, r: number): boolean {
  const eps = 1e-9 * Math.max(1, Math.abs(l), Math.abs(r));
  switch (op) {
    case '<=':
      return l <= r + eps;
    case '<':
      return l < r - eps;
    case '=':
      return Math.abs(l - r) <= eps;
    case '!=':
      return Math.abs(l - r) > eps;
    case '>=':
      return l >= r - eps;
    case '>':
      return l > r + eps;
  }
}

export interface FormIndicator {
  id: string;
  code: string;
  name: string;
  options: { code: string; name: string }[];
}

/** The indicators of a form, in the form's order, with their disaggregation options. */
export async function formIndicators(db: Db, formId: string): Promise<FormIndicator[]> {
  const r = await rows<{
    id: string;
    code: string;
    name: string;
    options: { code: string; name: string }[] | null;
  }>(
    db,
    sql`SELECT i.id, i.code, i.name, d.options FROM indicator_form_items fi
          JOIN indicators i ON i.id = fi.indicator_id
          LEFT JOIN indicator_disaggregations d ON d.id = i.disaggregation_id
         WHERE fi.form_id = ${formId} ORDER BY fi.sort_order, i.code`,
  );
  return r.map((x) => ({ id: x.id, code: x.code, name: x.name, options: x.options ?? [] }));
}

/** How many previous periods an outlier range is computed from, and how many values it needs. */
export const OUTLIER_HISTORY = 12;
export const OUTLIER_MIN_VALUES = 3;

/** The usual range of a history of values, or null with too little history (see the file's comment). */
export function usualRange(history: number[]): [number, number] | null {
  if (history.length < OUTLIER_MIN_VALUES) return null;
  const n = history.length;
  const mean = history.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(history.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = Math.max(3 * sd, 0.1 * Math.abs(mean));
  let low = mean - half;
  if (low < 0 && history.every((v) => v >= 0)) low = 0;
  return [round(low), round(mean + half)];
}

const round = (v: number) => Math.round(v * 10_000) / 10_000;

/**
 * Every violation of one report: the rules that apply to the form (blocking first) and the outliers.
 * Reads only; `form` and `agencyId` are already checked by the caller.
 */
export async function evaluateReport(
  db: Db,
  form: { id: string },
  p: Period,
  agencyId: string,
): Promise<ViolationView[]> {
  const items = await formIndicators(db, form.id);
  const onForm = new Set(items.map((i) => i.code));
  const ruleRows = await db
    .select()
    .from(indicatorRules)
    .where(
      and(
        eq(indicatorRules.active, true),
        or(eq(indicatorRules.formId, form.id), isNull(indicatorRules.formId)),
      ),
    )
    .orderBy(asc(indicatorRules.name), asc(indicatorRules.id));
  const rules: { row: RuleRow; left: CompiledExpr; right: CompiledExpr }[] = [];
  for (const row of ruleRows) {
    const left = tryCompile(row.left);
    const right = tryCompile(row.right);
    if (!left || !right) continue;
    const codes = [...left.refs, ...right.refs].map((r) => r.code);
    if (row.formId === null && !codes.every((c) => onForm.has(c))) continue;
    rules.push({ row, left, right });
  }
  const codes = [
    ...new Set([...onForm, ...rules.flatMap((r) => [...r.left.refs, ...r.right.refs].map((x) => x.code))]),
  ];
  const current = await rows<{ code: string; option_code: string; value: number | string }>(
    db,
    sql`SELECT i.code, v.option_code, coalesce(v.official, v.estimate)::float8 AS value
          FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
         WHERE v.agency_id = ${agencyId} AND v.period = ${p.code} AND i.code = ANY(${sql.param(codes)}::text[])
           AND coalesce(v.official, v.estimate) IS NOT NULL`,
  );
  const values = new Map(current.map((v) => [`${v.code}\u0000${v.option_code}`, Number(v.value)]));
  const lookup = (code: string, option: string) => values.get(`${code}\u0000${option}`) ?? null;

  const out: ViolationView[] = [];
  for (const { row, left, right } of rules) {
    const l = left.evaluate(lookup);
    const r = right.evaluate(lookup);
    if (l === null || r === null) continue;
    const op = row.operator as RuleOperator;
    if (holds(l, op, r)) continue;
    const sign = OPERATOR_TEXT[op];
    out.push({
      key: row.id,
      ruleId: row.id,
      name: row.name,
      importance: row.importance as ViolationView['importance'],
      operator: op,
      leftExpr: row.left,
      rightExpr: row.right,
      left: l,
      right: r,
      range: null,
      message: `Vi phạm quy tắc «${row.name}» (${row.left} ${sign} ${row.right}): vế trái = ${viNumber(l)}, vế phải = ${viNumber(r)}.`,
      codes: [...new Set([...left.refs, ...right.refs].map((x) => x.code))],
    });
  }
  out.sort((a, b) => (a.importance === b.importance ? 0 : a.importance === 'blocking' ? -1 : 1));

  // Outliers of the form's values against their own history.
  const previous: string[] = [];
  for (let q = previousPeriod(p); previous.length < OUTLIER_HISTORY; q = previousPeriod(q))
    previous.push(q.code);
  const history = await rows<{ code: string; option_code: string; value: number | string }>(
    db,
    sql`SELECT i.code, v.option_code, coalesce(v.official, v.estimate)::float8 AS value
          FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
         WHERE v.agency_id = ${agencyId} AND v.period = ANY(${sql.param(previous)}::text[])
           AND v.indicator_id = ANY(${sql.param(items.map((i) => i.id))}::uuid[])
           AND coalesce(v.official, v.estimate) IS NOT NULL`,
  );
  const past = new Map<string, number[]>();
  for (const h of history) {
    const k = `${h.code}\u0000${h.option_code}`;
    past.set(k, [...(past.get(k) ?? []), Number(h.value)]);
  }
  for (const item of items) {
    for (const option of ['', ...item.options.map((o) => o.code)]) {
      const v = lookup(item.code, option);
      if (v === null) continue;
      const hist = past.get(`${item.code}\u0000${option}`) ?? [];
      const range = usualRange(hist);
      if (!range || (v >= range[0] && v <= range[1])) continue;
      const optionName = option ? ` (${item.options.find((o) => o.code === option)?.name ?? option})` : '';
      const ref = option ? `${item.code}[${option}]` : item.code;
      out.push({
        key: `outlier:${item.code}:${option}`,
        ruleId: null,
        name: `Giá trị bất thường: ${item.code}${optionName}`,
        importance: 'warning',
        operator: null,
        leftExpr: ref,
        rightExpr: null,
        left: v,
        right: null,
        range,
        message: `Giá trị ${item.code} – ${item.name}${optionName} ${periodLabel(p)} = ${viNumber(v)} nằm ngoài khoảng thường gặp [${viNumber(range[0])}; ${viNumber(range[1])}] (theo ${hist.length} kỳ trước).`,
        codes: [item.code],
      });
    }
  }
  return out;
}

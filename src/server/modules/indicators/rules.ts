/**
 * Validation rules (quy tắc kiểm tra): "left operator right", each side an expression over
 * indicator codes (expr.ts). Saving checks both sides' syntax, that every code exists, that an
 * option named (CODE[option]) is one of the indicator's disaggregation, and, for a rule of a form,
 * that its indicators are on the form.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { RuleInput } from '../../../shared/schemas/indicators-catalogue.ts';
import type { Db } from '../../db/client.ts';
import { audit } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { ExprError, parseExpr, type Ref } from './expr.ts';
import { findForm } from './forms.ts';
import { indicatorDisaggregations, indicatorFormItems, indicatorRules, indicators } from './schema.ts';

type RuleRow = typeof indicatorRules.$inferSelect;

const present = (r: RuleRow) => ({
  id: r.id,
  formId: r.formId,
  name: r.name,
  left: r.left,
  operator: r.operator as RuleInput['operator'],
  right: r.right,
  importance: r.importance as RuleInput['importance'],
  active: r.active,
});

export async function listRules(db: Db, formId?: string) {
  const r = await db
    .select()
    .from(indicatorRules)
    .where(formId ? eq(indicatorRules.formId, formId) : undefined)
    .orderBy(asc(indicatorRules.createdAt), asc(indicatorRules.id));
  return r.map(present);
}

function refsOf(side: 'Vế trái' | 'Vế phải', src: string): Ref[] {
  try {
    return parseExpr(src).refs;
  } catch (e) {
    if (e instanceof ExprError) throw new AppError('bad_request', `${side}: ${e.message}.`);
    throw e;
  }
}

async function checkRule(db: Db, input: RuleInput) {
  const refs = [...refsOf('Vế trái', input.left), ...refsOf('Vế phải', input.right)];
  const codes = [...new Set(refs.map((r) => r.code))];
  if (codes.length === 0) throw new AppError('bad_request', 'Quy tắc phải nhắc đến ít nhất một mã chỉ tiêu.');
  const found = await db
    .select({ id: indicators.id, code: indicators.code, options: indicatorDisaggregations.options })
    .from(indicators)
    .leftJoin(indicatorDisaggregations, eq(indicatorDisaggregations.id, indicators.disaggregationId))
    .where(inArray(indicators.code, codes));
  const by = new Map(found.map((f) => [f.code, f]));
  for (const r of refs) {
    const x = by.get(r.code);
    if (!x) throw new AppError('bad_request', `Mã chỉ tiêu không tồn tại: ${r.code}.`);
    if (r.option && !(x.options ?? []).some((o) => o.code === r.option))
      throw new AppError('bad_request', `Chỉ tiêu ${r.code} không có phân tổ "${r.option}".`);
  }
  if (input.formId) {
    if (!(await findForm(db, input.formId))) throw new AppError('bad_request', 'Biểu mẫu không tồn tại.');
    const onForm = new Set(
      (
        await db
          .select({ id: indicatorFormItems.indicatorId })
          .from(indicatorFormItems)
          .where(eq(indicatorFormItems.formId, input.formId))
      ).map((x) => x.id),
    );
    for (const c of codes)
      if (!onForm.has(by.get(c)!.id))
        throw new AppError('bad_request', `Chỉ tiêu ${c} không có trong biểu mẫu.`);
  }
}

const values = (input: RuleInput) => ({
  formId: input.formId ?? null,
  name: input.name,
  left: input.left,
  operator: input.operator,
  right: input.right,
  importance: input.importance,
  active: input.active ?? true,
});

export function createRule(ctx: Ctx, input: RuleInput) {
  return inTx(ctx, async (tx) => {
    await checkRule(tx.db, input);
    const [r] = await tx.db.insert(indicatorRules).values(values(input)).returning();
    await audit(tx.db, tx.actor, {
      action: 'indicator_rule.create',
      entityType: 'indicator_rule',
      entityId: r!.id,
      detail: { name: input.name, rule: `${input.left} ${input.operator} ${input.right}` },
    });
    return present(r!);
  });
}

const notFoundRule = () => new AppError('not_found', 'Quy tắc kiểm tra không tồn tại.');

export function updateRule(ctx: Ctx, id: string, input: RuleInput) {
  return inTx(ctx, async (tx) => {
    await checkRule(tx.db, input);
    const [r] = await tx.db
      .update(indicatorRules)
      .set(values(input))
      .where(eq(indicatorRules.id, id))
      .returning();
    if (!r) throw notFoundRule();
    await audit(tx.db, tx.actor, {
      action: 'indicator_rule.update',
      entityType: 'indicator_rule',
      entityId: id,
      detail: { name: input.name, rule: `${input.left} ${input.operator} ${input.right}` },
    });
    return present(r);
  });
}

export function deleteRule(ctx: Ctx, id: string) {
  return inTx(ctx, async (tx) => {
    const [r] = await tx.db.delete(indicatorRules).where(eq(indicatorRules.id, id)).returning();
    if (!r) throw notFoundRule();
    await audit(tx.db, tx.actor, {
      action: 'indicator_rule.delete',
      entityType: 'indicator_rule',
      entityId: id,
      detail: { name: r.name, rule: `${r.left} ${r.operator} ${r.right}` },
    });
    return { ok: true as const };
  });
}

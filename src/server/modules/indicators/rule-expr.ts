/**
 * One side of a validation rule compiled once: the indicator references it reads and a function
 * computing it from a lookup of values. A thin adapter over expr.ts (the module's expression
 * language: numbers, + - * /, unary minus, parentheses, codes with an optional `[option]`), so that
 * rules.ts does not depend on the AST's shape.
 */
import { ExprError, evaluate, parseExpr } from './expr.ts';

export interface ExprRef {
  code: string;
  /** '' for the total. */
  option: string;
}

export interface CompiledExpr {
  /** Every reference, in order of appearance, without duplicates. */
  refs: ExprRef[];
  /** null when an operand is missing (the rule is then skipped) or on a division by zero. */
  evaluate(lookup: (code: string, option: string) => number | null): number | null;
}

/** Thrown with expr.ts's Vietnamese message ("Công thức sai ở vị trí 7: thiếu dấu ')'") for a side that does not parse. */
export class ExprSyntaxError extends Error {}

export function compileExpr(text: string): CompiledExpr {
  try {
    const parsed = parseExpr(text);
    return { refs: parsed.refs, evaluate: (lookup) => evaluate(parsed.ast, lookup) };
  } catch (e) {
    if (e instanceof ExprError) throw new ExprSyntaxError(e.message);
    throw e;
  }
}

/**
 * One side of a validation rule compiled once: the indicator references it reads and a function
 * computing it from a lookup of values. A thin adapter over expr.ts (the catalogue's expression
 * language), so that rules.ts does not depend on the AST's shape.
 */

export interface ExprRef {
  code: string;
  /** '' for the total. */
  option: string;
}

export interface CompiledExpr {
  refs: ExprRef[];
  /** null when an operand is missing (the rule is then skipped) or on a division by zero. */
  evaluate(lookup: (code: string, option: string) => number | null): number | null;
}

/** Thrown with a precise Vietnamese message for a side that does not parse. */
export class ExprSyntaxError extends Error {}

type Node =
  | { t: 'num'; v: number }
  | { t: 'ref'; code: string; option: string }
  | { t: 'neg'; e: Node }
  | { t: 'bin'; op: '+' | '-' | '*' | '/'; l: Node; r: Node };

/**
 * Until the module's expression language (expr.ts, branch ind-ana) is merged, a recursive-descent
 * parser of the same grammar lives here: numbers with '.', + - * /, unary minus, parentheses, codes
 * `[A-Z]{1,3}[0-9]{2,6}` optionally followed by `[option]`. Once expr.ts lands, this body becomes a
 * call to it; the interface above stays.
 */
export function compileExpr(text: string): CompiledExpr {
  let i = 0;
  const s = text;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const fail = (what: string): never => {
    throw new ExprSyntaxError(`Công thức sai ở vị trí ${i + 1}: ${what}`);
  };
  const primary = (): Node => {
    ws();
    const c = s[i];
    if (c === '(') {
      i++;
      const e = sum();
      ws();
      if (s[i] !== ')') fail("thiếu dấu ')'");
      i++;
      return e;
    }
    if (c === '-') {
      i++;
      return { t: 'neg', e: primary() };
    }
    const num = /^\d+(\.\d+)?/.exec(s.slice(i));
    if (num) {
      i += num[0].length;
      return { t: 'num', v: Number(num[0]) };
    }
    const code = /^[A-Z]{1,3}[0-9]{2,6}(\[([a-z0-9_]+)\])?/.exec(s.slice(i));
    if (code) {
      i += code[0].length;
      return { t: 'ref', code: code[0].replace(/\[.*$/, ''), option: code[2] ?? '' };
    }
    return fail(c === undefined ? 'thiếu toán hạng' : `ký tự không hợp lệ '${c}'`);
  };
  const product = (): Node => {
    let l = primary();
    for (ws(); s[i] === '*' || s[i] === '/'; ws()) {
      const op = s[i++] as '*' | '/';
      l = { t: 'bin', op, l, r: primary() };
    }
    return l;
  };
  const sum = (): Node => {
    let l = product();
    for (ws(); s[i] === '+' || s[i] === '-'; ws()) {
      const op = s[i++] as '+' | '-';
      l = { t: 'bin', op, l, r: product() };
    }
    return l;
  };
  const ast = sum();
  ws();
  if (i < s.length) fail(`ký tự không hợp lệ '${s[i]}'`);
  const refs: ExprRef[] = [];
  const walk = (n: Node) => {
    if (n.t === 'ref') refs.push({ code: n.code, option: n.option });
    else if (n.t === 'neg') walk(n.e);
    else if (n.t === 'bin') {
      walk(n.l);
      walk(n.r);
    }
  };
  walk(ast);
  const ev = (n: Node, look: (c: string, o: string) => number | null): number | null => {
    switch (n.t) {
      case 'num':
        return n.v;
      case 'ref':
        return look(n.code, n.option);
      case 'neg': {
        const v = ev(n.e, look);
        return v === null ? null : -v;
      }
      case 'bin': {
        const l = ev(n.l, look);
        const r = ev(n.r, look);
        if (l === null || r === null) return null;
        if (n.op === '+') return l + r;
        if (n.op === '-') return l - r;
        if (n.op === '*') return l * r;
        return r === 0 ? null : l / r;
      }
    }
  };
  return { refs, evaluate: (lookup) => ev(ast, lookup) };
}

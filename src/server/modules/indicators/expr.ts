/**
 * Formula and rule expressions over indicator codes (pure: no database, no clock).
 *
 * Grammar: numbers with '.' as the decimal point, + - * / with the usual precedence, unary minus,
 * parentheses, and indicator codes `[A-Z]{1,3}[0-9]{2,6}` optionally followed by `[option]` (a code
 * alone is the total, option ''). Errors are Vietnamese and name the 1-based position:
 * "Công thức sai ở vị trí 7: thiếu dấu ')'".
 */

export type Expr =
  | { kind: 'num'; value: number; pos: number }
  | { kind: 'ref'; code: string; option: string; pos: number }
  | { kind: 'neg'; arg: Expr; pos: number }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr; pos: number };

export interface Ref {
  code: string;
  option: string;
}

export interface Parsed {
  ast: Expr;
  /** Every reference, in order of appearance, without duplicates. */
  refs: Ref[];
  /** The distinct indicator codes referenced, in order of appearance. */
  codes: string[];
}

/** A parse error: `position` is 1-based (0 for an empty expression). */
export class ExprError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'ExprError';
  }
}

const CODE_RE = /^[A-Z]{1,3}[0-9]{2,6}$/;
const OPTION_RE = /^[A-Za-z0-9_]{1,30}$/;

type Tok =
  | { t: 'num'; value: number; pos: number }
  | { t: 'ref'; code: string; option: string; pos: number }
  | { t: 'op'; op: '+' | '-' | '*' | '/'; pos: number }
  | { t: '('; pos: number }
  | { t: ')'; pos: number }
  | { t: 'end'; pos: number };

const fail = (pos: number, what: string): never => {
  throw new ExprError(`Công thức sai ở vị trí ${pos}: ${what}`, pos);
};

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    const pos = i + 1;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if ((c >= '0' && c <= '9') || c === '.') {
      let j = i;
      while (j < src.length && /[0-9.]/.test(src[j] as string)) j++;
      const text = src.slice(i, j);
      if (!/^(\d+(\.\d+)?|\.\d+)$/.test(text)) fail(pos, `số không hợp lệ '${text}'`);
      if (j < src.length && /[A-Za-z_]/.test(src[j] as string)) {
        fail(j + 1, `ký tự không hợp lệ '${src[j]}' sau số ${text}`);
      }
      out.push({ t: 'num', value: Number(text), pos });
      i = j;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < src.length && /[A-Za-z0-9_]/.test(src[j] as string)) j++;
      const code = src.slice(i, j);
      if (!CODE_RE.test(code)) {
        fail(
          pos,
          `mã chỉ tiêu không hợp lệ '${code}' (dạng đúng: 1–3 chữ in hoa và 2–6 chữ số, ví dụ T0101)`,
        );
      }
      let option = '';
      if (src[j] === '[') {
        const close = src.indexOf(']', j + 1);
        if (close < 0) fail(j + 1, `thiếu dấu ']' sau mã phân tổ của ${code}`);
        option = src.slice(j + 1, close).trim();
        if (!OPTION_RE.test(option)) {
          fail(j + 2, `mã phân tổ không hợp lệ '${src.slice(j + 1, close)}' của ${code}`);
        }
        j = close + 1;
      }
      out.push({ t: 'ref', code, option, pos });
      i = j;
    } else if (c === '+' || c === '-' || c === '*' || c === '/') {
      out.push({ t: 'op', op: c, pos });
      i++;
    } else if (c === '(' || c === ')') {
      out.push({ t: c, pos });
      i++;
    } else if (c === ']') {
      fail(pos, "dấu ']' thừa");
    } else {
      fail(pos, `ký tự không hợp lệ '${c}'`);
    }
  }
  out.push({ t: 'end', pos: src.length + 1 });
  return out;
}

function describe(tok: Tok): string {
  switch (tok.t) {
    case 'num':
      return `số ${tok.value}`;
    case 'ref':
      return `mã ${tok.code}`;
    case 'op':
      return `dấu '${tok.op}'`;
    case '(':
      return "dấu '('";
    case ')':
      return "dấu ')'";
    case 'end':
      return 'cuối công thức';
  }
}

/** Parses an expression; throws ExprError with a Vietnamese message naming the position. */
export function parseExpr(src: string): Parsed {
  if (src.trim() === '') throw new ExprError('Công thức trống', 0);
  const toks = tokenize(src);
  let k = 0;
  const peek = () => toks[k] as Tok;
  const refs: Ref[] = [];
  const seen = new Set<string>();

  // expr := term (('+'|'-') term)*
  const expr = (): Expr => {
    let left = term();
    for (;;) {
      const t = peek();
      if (t.t === 'op' && (t.op === '+' || t.op === '-')) {
        k++;
        left = { kind: 'bin', op: t.op, left, right: operand(t), pos: t.pos };
      } else return left;
    }
  };
  // term := unary (('*'|'/') unary)*
  const term = (): Expr => {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t.t === 'op' && (t.op === '*' || t.op === '/')) {
        k++;
        left = { kind: 'bin', op: t.op, left, right: operand(t), pos: t.pos };
      } else return left;
    }
  };
  const operand = (opTok: Tok & { t: 'op' }): Expr => {
    const n = peek();
    if (n.t === 'end' || n.t === ')' || (n.t === 'op' && n.op !== '-')) {
      fail(n.pos, `thiếu toán hạng sau dấu '${opTok.op}'`);
    }
    return opTok.op === '+' || opTok.op === '-' ? term() : unary();
  };
  // unary := '-' unary | '+' unary | primary
  const unary = (): Expr => {
    const t = peek();
    if (t.t === 'op' && t.op === '-') {
      k++;
      return { kind: 'neg', arg: unary(), pos: t.pos };
    }
    if (t.t === 'op' && t.op === '+') {
      k++;
      return unary();
    }
    return primary();
  };
  const primary = (): Expr => {
    const t = peek();
    if (t.t === 'num') {
      k++;
      return { kind: 'num', value: t.value, pos: t.pos };
    }
    if (t.t === 'ref') {
      k++;
      const key = `${t.code}[${t.option}]`;
      if (!seen.has(key)) {
        seen.add(key);
        refs.push({ code: t.code, option: t.option });
      }
      return { kind: 'ref', code: t.code, option: t.option, pos: t.pos };
    }
    if (t.t === '(') {
      k++;
      if (peek().t === ')') fail(peek().pos, "thiếu biểu thức trong dấu ngoặc '()'");
      const inner = expr();
      const c = peek();
      if (c.t !== ')') {
        if (c.t === 'end') fail(c.pos, "thiếu dấu ')'");
        fail(c.pos, `thiếu dấu ')' (gặp ${describe(c)})`);
      }
      k++;
      return inner;
    }
    if (t.t === ')') fail(t.pos, "dấu ')' thừa");
    if (t.t === 'end') fail(t.pos, 'thiếu toán hạng ở cuối công thức');
    return fail(t.pos, `thiếu toán hạng trước ${describe(t)}`);
  };

  const ast = expr();
  const rest = peek();
  if (rest.t === ')') fail(rest.pos, "dấu ')' thừa");
  if (rest.t !== 'end') fail(rest.pos, `thiếu toán tử trước ${describe(rest)}`);
  const codes = [...new Set(refs.map((r) => r.code))];
  return { ast, refs, codes };
}

/** Like parseExpr, without throwing. */
export function tryParseExpr(
  src: string,
): ({ ok: true } & Parsed) | { ok: false; message: string; position: number } {
  try {
    return { ok: true, ...parseExpr(src) };
  } catch (e) {
    if (e instanceof ExprError) return { ok: false, message: e.message, position: e.position };
    throw e;
  }
}

/** The first code not among `known`, as a Vietnamese message ("Mã chỉ tiêu không tồn tại: T9999"), or null. */
export function unknownCode(codes: Iterable<string>, known: (code: string) => boolean): string | null {
  for (const c of codes) if (!known(c)) return `Mã chỉ tiêu không tồn tại: ${c}`;
  return null;
}

/**
 * The value of an expression; null when an operand is missing (lookup returns null/undefined or a
 * non-finite number) or on a division by zero.
 */
export function evaluate(
  ast: Expr,
  lookup: (code: string, option: string) => number | null | undefined,
): number | null {
  switch (ast.kind) {
    case 'num':
      return ast.value;
    case 'ref': {
      const v = lookup(ast.code, ast.option);
      return v == null || !Number.isFinite(v) ? null : v;
    }
    case 'neg': {
      const v = evaluate(ast.arg, lookup);
      return v == null ? null : -v;
    }
    case 'bin': {
      const l = evaluate(ast.left, lookup);
      if (l == null) return null;
      const r = evaluate(ast.right, lookup);
      if (r == null) return null;
      switch (ast.op) {
        case '+':
          return l + r;
        case '-':
          return l - r;
        case '*':
          return l * r;
        case '/':
          return r === 0 ? null : l / r;
      }
    }
  }
}

/**
 * A dependency cycle among definitions (code → codes it depends on: formula components, weight),
 * as a path that starts and ends with the same code (["T0301", "T0302", "T0301"]), or null.
 * Codes absent from `defs` have no dependencies. Deterministic: codes are visited in map order.
 */
export function findCycle(defs: Map<string, Iterable<string>>): string[] | null {
  const state = new Map<string, 1 | 2>(); // 1 on the stack, 2 done
  for (const start of defs.keys()) {
    if (state.has(start)) continue;
    // Iterative DFS: a stack of [code, iterator of its dependencies].
    const path: string[] = [start];
    const its: Iterator<string>[] = [(defs.get(start) ?? [])[Symbol.iterator]()];
    state.set(start, 1);
    while (path.length) {
      const it = its[its.length - 1] as Iterator<string>;
      const n = it.next();
      if (n.done) {
        state.set(path.pop() as string, 2);
        its.pop();
        continue;
      }
      const dep = n.value;
      const s = state.get(dep);
      if (s === 1) return [...path.slice(path.indexOf(dep)), dep];
      if (s === 2) continue;
      state.set(dep, 1);
      path.push(dep);
      its.push((defs.get(dep) ?? [])[Symbol.iterator]());
    }
  }
  return null;
}

/** "Công thức có vòng lặp: T0301 → T0302 → T0301" */
export function cycleMessage(path: string[]): string {
  return `Công thức có vòng lặp: ${path.join(' → ')}`;
}

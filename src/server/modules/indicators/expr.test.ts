import { describe, expect, it } from 'vitest';
import {
  cycleMessage,
  ExprError,
  evaluate,
  findCycle,
  parseExpr,
  tryParseExpr,
  unknownCode,
} from './expr.ts';

const values: Record<string, number> = {
  'T0601[]': 1200,
  'T0102[]': 400,
  'T0201[]': 10,
  'T0201[nu]': 4,
  'H0104[]': 5,
  'ZZ9999[]': 0,
};
const lookup = (code: string, option: string) => values[`${code}[${option}]`];
const calc = (src: string) => evaluate(parseExpr(src).ast, lookup);
const errorOf = (src: string) => {
  const r = tryParseExpr(src);
  if (r.ok) throw new Error(`parsed: ${src}`);
  return r;
};

describe('parseExpr', () => {
  it('parses numbers, precedence, parentheses and unary minus', () => {
    expect(calc('1 + 2 * 3')).toBe(7);
    expect(calc('(1 + 2) * 3')).toBe(9);
    expect(calc('10 - 4 - 3')).toBe(3);
    expect(calc('24 / 4 / 3')).toBe(2);
    expect(calc('-3 + 5')).toBe(2);
    expect(calc('2 * -3')).toBe(-6);
    expect(calc('-(2 + 3) * 2')).toBe(-10);
    expect(calc('1 - -1')).toBe(2);
    expect(calc('1.5 * 2')).toBe(3);
    expect(calc('.5 + 0.25')).toBe(0.75);
    expect(calc('  7  ')).toBe(7);
    expect(calc('((((4))))')).toBe(4);
  });

  it('references codes, with or without an option, and lists them', () => {
    const p = parseExpr('T0601 / T0102 * 1000000 + T0201[nu] - T0201 + T0601');
    expect(p.codes).toEqual(['T0601', 'T0102', 'T0201']);
    expect(p.refs).toEqual([
      { code: 'T0601', option: '' },
      { code: 'T0102', option: '' },
      { code: 'T0201', option: 'nu' },
      { code: 'T0201', option: '' },
    ]);
    expect(evaluate(p.ast, lookup)).toBe((1200 / 400) * 1000000 + 4 - 10 + 1200);
    expect(parseExpr('A01').codes).toEqual(['A01']);
    expect(parseExpr('ABC123456').codes).toEqual(['ABC123456']);
    expect(calc('H0104 * 1.2')).toBe(6);
  });

  it('keeps positions in the tree', () => {
    const p = parseExpr('1 + T0101');
    expect(p.ast).toEqual({
      kind: 'bin',
      op: '+',
      pos: 3,
      left: { kind: 'num', value: 1, pos: 1 },
      right: { kind: 'ref', code: 'T0101', option: '', pos: 5 },
    });
  });

  it.each([
    ['', 'Công thức trống', 0],
    ['   ', 'Công thức trống', 0],
    ['(A01+2', "Công thức sai ở vị trí 7: thiếu dấu ')'", 7],
    ['(T0101 + 2', "Công thức sai ở vị trí 11: thiếu dấu ')'", 11],
    ['(1 + 2 3', "Công thức sai ở vị trí 8: thiếu dấu ')' (gặp số 3)", 8],
    ['1 + 2)', "Công thức sai ở vị trí 6: dấu ')' thừa", 6],
    [')', "Công thức sai ở vị trí 1: dấu ')' thừa", 1],
    ['1 +', "Công thức sai ở vị trí 4: thiếu toán hạng sau dấu '+'", 4],
    ['1 + * 2', "Công thức sai ở vị trí 5: thiếu toán hạng sau dấu '+'", 5],
    ['T0101 / )', "Công thức sai ở vị trí 9: thiếu toán hạng sau dấu '/'", 9],
    ['* 2', "Công thức sai ở vị trí 1: thiếu toán hạng trước dấu '*'", 1],
    ['()', "Công thức sai ở vị trí 2: thiếu biểu thức trong dấu ngoặc '()'", 2],
    ['1 2', 'Công thức sai ở vị trí 3: thiếu toán tử trước số 2', 3],
    ['T0101 T0102', 'Công thức sai ở vị trí 7: thiếu toán tử trước mã T0102', 7],
    ['2 (3)', "Công thức sai ở vị trí 3: thiếu toán tử trước dấu '('", 3],
    ['1.2.3 + 1', "Công thức sai ở vị trí 1: số không hợp lệ '1.2.3'", 1],
    ['1 + 2.', "Công thức sai ở vị trí 5: số không hợp lệ '2.'", 5],
    ['2x', "Công thức sai ở vị trí 2: ký tự không hợp lệ 'x' sau số 2", 2],
    ['1 + t0101', "Công thức sai ở vị trí 5: mã chỉ tiêu không hợp lệ 't0101'", 5],
    ['T1 + 1', "Công thức sai ở vị trí 1: mã chỉ tiêu không hợp lệ 'T1'", 1],
    ['ABCD01', "Công thức sai ở vị trí 1: mã chỉ tiêu không hợp lệ 'ABCD01'", 1],
    ['T1234567', "Công thức sai ở vị trí 1: mã chỉ tiêu không hợp lệ 'T1234567'", 1],
    ['T0201[nu', "Công thức sai ở vị trí 6: thiếu dấu ']' sau mã phân tổ của T0201", 6],
    ['T0201[] + 1', "Công thức sai ở vị trí 7: mã phân tổ không hợp lệ '' của T0201", 7],
    ['T0201[a b]', "Công thức sai ở vị trí 7: mã phân tổ không hợp lệ 'a b' của T0201", 7],
    ['1 ] 2', "Công thức sai ở vị trí 3: dấu ']' thừa", 3],
    ['1 % 2', "Công thức sai ở vị trí 3: ký tự không hợp lệ '%'", 3],
    ['1 × 2', "Công thức sai ở vị trí 3: ký tự không hợp lệ '×'", 3],
  ])('refuses %j', (src, message, position) => {
    const e = errorOf(src);
    expect(e.message.startsWith(message)).toBe(true);
    expect(e.position).toBe(position);
  });

  it('throws an ExprError', () => {
    expect(() => parseExpr('(1')).toThrow(ExprError);
    expect(() => parseExpr('(1')).toThrow("Công thức sai ở vị trí 3: thiếu dấu ')'");
  });

  it('names unknown codes', () => {
    const known = new Set(['T0601', 'T0102']);
    expect(unknownCode(parseExpr('T0601 / T0102').codes, (c) => known.has(c))).toBeNull();
    expect(unknownCode(parseExpr('T0601 / T9999').codes, (c) => known.has(c))).toBe(
      'Mã chỉ tiêu không tồn tại: T9999',
    );
  });
});

describe('evaluate', () => {
  it('is null when an operand is missing', () => {
    expect(calc('T0601 + T7777')).toBeNull();
    expect(calc('-T7777')).toBeNull();
    expect(calc('T0201[nam]')).toBeNull();
    expect(evaluate(parseExpr('T0101').ast, () => null)).toBeNull();
    expect(evaluate(parseExpr('T0101').ast, () => Number.NaN)).toBeNull();
  });

  it('is null on a division by zero', () => {
    expect(calc('T0601 / ZZ9999')).toBeNull();
    expect(calc('1 / (2 - 2)')).toBeNull();
    expect(calc('0 / 5')).toBe(0);
  });
});

describe('findCycle', () => {
  it('finds none in an acyclic catalogue', () => {
    const defs = new Map<string, string[]>([
      ['T0603', ['T0601', 'T0102']],
      ['T0601', []],
      ['T0700', ['T0603', 'T0601']],
    ]);
    expect(findCycle(defs)).toBeNull();
    expect(findCycle(new Map())).toBeNull();
  });

  it('finds a two-step cycle and names it', () => {
    const defs = new Map([
      ['T0301', ['T0302']],
      ['T0302', ['T0301']],
    ]);
    const path = findCycle(defs);
    expect(path).toEqual(['T0301', 'T0302', 'T0301']);
    expect(cycleMessage(path as string[])).toBe('Công thức có vòng lặp: T0301 → T0302 → T0301');
  });

  it('finds a self reference and a longer cycle behind an acyclic prefix', () => {
    expect(findCycle(new Map([['A01', ['A01']]]))).toEqual(['A01', 'A01']);
    const defs = new Map([
      ['B01', ['B02', 'C01']],
      ['C01', []],
      ['B02', ['B03']],
      ['B03', ['B04', 'C01']],
      ['B04', ['B02']],
    ]);
    expect(findCycle(defs)).toEqual(['B02', 'B03', 'B04', 'B02']);
  });

  it('does not report diamonds (a code reached twice) as cycles', () => {
    const defs = new Map([
      ['D01', ['D02', 'D03']],
      ['D02', ['D04']],
      ['D03', ['D04']],
      ['D04', []],
    ]);
    expect(findCycle(defs)).toBeNull();
  });

  it('handles long chains without recursion limits', () => {
    const defs = new Map<string, string[]>();
    for (let i = 10; i < 20000; i++) defs.set(`X${i}`, [`X${i + 1}`]);
    expect(findCycle(defs)).toBeNull();
    defs.set('X20000', ['X10']);
    expect(findCycle(defs)?.length).toBe(19992);
  });
});

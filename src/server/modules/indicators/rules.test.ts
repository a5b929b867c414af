import { describe, expect, it } from 'vitest';
import { compileExpr } from './rule-expr.ts';
import { usualRange, viNumber } from './rules.ts';

describe('usual range of a history (outliers)', () => {
  it('needs at least 3 values', () => {
    expect(usualRange([])).toBeNull();
    expect(usualRange([5, 6])).toBeNull();
  });
  it('is mean ± 3 sample sd when that is wider than 10 % of the mean', () => {
    // mean 20, sample sd 10 → [−10; 50], kept at 0 below since no value was negative
    expect(usualRange([10, 20, 30])).toEqual([0, 50]);
    expect(usualRange([-10, 0, 10])).toEqual([-30, 30]);
  });
  it('is at least ± 10 % of the mean for a flat history', () => {
    expect(usualRange([200, 200, 200, 200])).toEqual([180, 220]);
  });
});

describe('rule sides (through expr.ts)', () => {
  it('reads codes, options and arithmetic; a missing operand or a division by zero gives null', () => {
    const e = compileExpr('(H0104 + T0201[nu]) * 1.2 / 2');
    expect(e.refs).toEqual([
      { code: 'H0104', option: '' },
      { code: 'T0201', option: 'nu' },
    ]);
    const values: Record<string, number> = { H0104: 10, 'T0201[nu]': 20 };
    expect(e.evaluate((c, o) => values[o ? `${c}[${o}]` : c] ?? null)).toBeCloseTo(18);
    expect(e.evaluate(() => null)).toBeNull();
    expect(compileExpr('H0104 / 0').evaluate(() => 1)).toBeNull();
  });
  it('refuses what does not parse, with the position', () => {
    expect(() => compileExpr('(T0201 * 2')).toThrow("Công thức sai ở vị trí 11: thiếu dấu ')'");
    expect(() => compileExpr('T0201 +')).toThrow('Công thức sai ở vị trí 8: thiếu toán hạng');
    expect(() => compileExpr('T0201 ^ 2')).toThrow("Công thức sai ở vị trí 7: ký tự không hợp lệ '^'");
    expect(() => compileExpr('t0201')).toThrow(
      "Công thức sai ở vị trí 1: mã chỉ tiêu không hợp lệ 't0201' (dạng đúng: 1–3 chữ in hoa và 2–6 chữ số, ví dụ T0101)",
    );
  });
  it('formats Vietnamese numbers', () => {
    expect(viNumber(1234567.5)).toBe('1.234.567,5');
  });
});

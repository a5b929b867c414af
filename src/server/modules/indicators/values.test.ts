import { describe, expect, it } from 'vitest';
import { parseCellValue } from './values.ts';

const number = { value_type: 'number', decimals: 3 } as const;
const integer = { value_type: 'integer', decimals: 0 } as const;
const percent = { value_type: 'percent', decimals: 1 } as const;

describe('reading a typed or pasted value', () => {
  it('reads Vietnamese and plain numbers', () => {
    expect(parseCellValue('1.234,5', number)).toEqual({ value: 1234.5 });
    expect(parseCellValue('1.234.567', integer)).toEqual({ value: 1234567 });
    expect(parseCellValue('1.234', integer)).toEqual({ value: 1234 });
    expect(parseCellValue('1.234', number)).toEqual({ value: 1.234 });
    expect(parseCellValue('1234.56', number)).toEqual({ value: 1234.56 });
    expect(parseCellValue(' 12 345 ', integer)).toEqual({ value: 12345 });
    expect(parseCellValue('-3,25', number)).toEqual({ value: -3.25 });
    expect(parseCellValue('12,5%', percent)).toEqual({ value: 12.5 });
    expect(parseCellValue('', number)).toEqual({ value: null });
    expect(parseCellValue(null, number)).toEqual({ value: null });
  });
  it('refuses what is not a number of the indicator type', () => {
    expect(parseCellValue('abc', number)).toEqual({
      error: '«abc» không phải là số (ví dụ 1.234,5 hoặc 1234.5).',
    });
    expect(parseCellValue('1.2.3', number)).toEqual({ error: '«1.2.3» không phải là số (ví dụ 1.234.567).' });
    expect(parseCellValue('12,5', integer)).toEqual({ error: '«12,5» phải là số nguyên.' });
    expect(parseCellValue('-4', integer)).toEqual({ error: '«-4» không được âm.' });
    expect(parseCellValue('1,2345', number)).toEqual({ error: '«1,2345» có quá 3 chữ số thập phân.' });
    expect(parseCellValue('5%', number)).toEqual({
      error: '«5%» có dấu %, nhưng chỉ tiêu này không tính bằng phần trăm.',
    });
    expect(parseCellValue('1500', percent)).toEqual({
      error: '«1500» nằm ngoài khoảng của một tỷ lệ phần trăm (-100 đến 1.000).',
    });
    expect(parseCellValue('1e20', number)).toEqual({
      error: '«1e20» không phải là số (ví dụ 1.234,5 hoặc 1234.5).',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { formatVi, parseTsv, parseVi } from './format.ts';

describe('Vietnamese figures', () => {
  it('formats with dots for thousands and a comma for decimals', () => {
    expect(formatVi(1234.5)).toBe('1.234,5');
    expect(formatVi('1234567')).toBe('1.234.567');
    expect(formatVi(0.125, 2)).toBe('0,13');
    expect(formatVi(null)).toBe('');
  });

  it('reads typed and pasted figures back to the API decimal string', () => {
    expect(parseVi('1.234,5')).toBe('1234.5');
    expect(parseVi('1234,5')).toBe('1234.5');
    expect(parseVi('1,234.5')).toBe('1234.5');
    expect(parseVi('1.234.567')).toBe('1234567');
    expect(parseVi('1.234')).toBe('1234');
    expect(parseVi('12.5')).toBe('12.5');
    expect(parseVi(' -7 ')).toBe('-7');
    expect(parseVi('')).toBeNull();
    expect(parseVi('abc')).toBe('abc');
  });

  it('splits an Excel block into rows and cells', () => {
    expect(parseTsv('1\t2\r\n3\t4\r\n')).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(parseTsv('5')).toEqual([['5']]);
  });
});

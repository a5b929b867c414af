import { describe, expect, it } from 'vitest';
import { numberInWords } from './words.ts';

describe('numberInWords', () => {
  it('reads counts the way a transfer list writes them', () => {
    expect(numberInWords(1)).toBe('Một');
    expect(numberInWords(15)).toBe('Mười lăm');
    expect(numberInWords(21)).toBe('Hai mươi mốt');
    expect(numberInWords(104)).toBe('Một trăm linh bốn');
    expect(numberInWords(1005)).toBe('Một nghìn không trăm linh năm');
    expect(numberInWords(2024)).toBe('Hai nghìn không trăm hai mươi tư');
    expect(() => numberInWords(-1)).toThrow(RangeError);
  });
});

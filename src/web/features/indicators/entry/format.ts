/*
 * Vietnamese figures on the entry screens: "1.234,5" shown; typed or pasted text read back to the
 * API's plain decimal string ("1234.5"). Pure, unit-tested in format.test.ts.
 */

const nf = new Map<number, Intl.NumberFormat>();

/** 1234.5 → "1.234,5" (up to `decimals` fraction digits); null/empty → "". */
export function formatVi(value: string | number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || value === '') return '';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  let f = nf.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: decimals });
    nf.set(decimals, f);
  }
  return f.format(n);
}

/**
 * What a person typed or pasted, as the API's decimal string: "1.234,5" → "1234.5", "1234,5" →
 * "1234.5", "1,234.5" (English Excel) → "1234.5", "" → null. Anything else is returned trimmed,
 * for the server to refuse with its message naming the cell.
 */
export function parseVi(text: string): string | null {
  let s = text.trim().replace(/\s|\u00a0/g, '');
  if (s === '') return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // The later separator is the decimal one.
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    s = (s.match(/,/g) ?? []).length > 1 ? s.replace(/,/g, '') : s.replace(',', '.');
  } else if (lastDot >= 0 && (s.match(/\./g) ?? []).length > 1) {
    s = s.replace(/\./g, '');
  } else if (lastDot >= 0 && /^-?\d{1,3}\.\d{3}$/.test(s)) {
    // "1.234": a Vietnamese thousands group.
    s = s.replace('.', '');
  }
  return s;
}

/** A pasted block (Excel: rows by newline, cells by tab) as rows of cells; the trailing newline dropped. */
export function parseTsv(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => l.split('\t'));
}

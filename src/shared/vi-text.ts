/**
 * Vietnamese text normalisation for search: "Quyết định" and "quyet dinh" must meet.
 * The SQL twin is lt_norm() in the first migration; both remove diacritics, map đ→d,
 * lower-case and collapse whitespace, so text normalised here matches generated columns.
 */
export function normalizeVi(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits a normalised query into search terms (letters and digits), dropping empties. */
export function searchTerms(input: string): string[] {
  return normalizeVi(input)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];
/** 1 → "I", 4 → "IV", 14 → "XIV": the numbers of an administrative document's large headings. */
export function roman(n: number): string {
  let out = '';
  let rest = n;
  for (const [v, s] of ROMAN)
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  return out;
}

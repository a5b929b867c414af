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

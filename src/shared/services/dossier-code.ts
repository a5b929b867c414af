/**
 * The dossier code `{agency code}-{yyMMdd}-{NNNN}` (services-facts.md §A2: the 4-digit number restarts
 * every day for each unit). `day` is the Vietnamese calendar date (yyyy-MM-dd) of the submission.
 */
export function dossierCode(agencyCode: string, day: string, n: number): string {
  const [y, m, d] = day.split('-');
  if (!y || !m || !d) throw new Error(`bad day ${day}`);
  if (n < 1 || n > 9999) throw new Error(`dossier number ${n} out of range`);
  return `${agencyCode}-${y.slice(2)}${m}${d}-${String(n).padStart(4, '0')}`;
}

/** The shape of a code as typed in the tracking box (case and spaces forgiven). */
export const DOSSIER_CODE_RE = /^[A-Z0-9.]{1,40}-\d{6}-\d{4}$/;

export function normalizeDossierCode(input: string): string {
  return input.trim().toUpperCase().replace(/\s+/g, '');
}

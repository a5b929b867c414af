import { type SQL, sql } from 'drizzle-orm';

/**
 * The subjects (e.g. `document:<id>`) that carry a signer's own signature (not only the clerk's
 * numbering seal), as a one-column relation `subject`: for the measured figures (issue 20), which
 * join it by hash instead of asking once per document.
 */
export function personSignedSubjects(prefix: string): SQL {
  return sql`(SELECT DISTINCT subject FROM pdf_signings WHERE kind = 'person' AND subject LIKE ${`${prefix}%`})`;
}

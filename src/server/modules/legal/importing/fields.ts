import { IMPORT_FIELDS, type ImportField } from '../../../../shared/legal/import.ts';
import { normalizeVi } from '../../../../shared/vi-text.ts';

export { IMPORT_FIELD_CODES, IMPORT_FIELDS, type ImportField } from '../../../../shared/legal/import.ts';

/** column header → field */
export type ColumnMapping = Record<string, ImportField>;

const key = (s: string) => normalizeVi(s).replace(/[^a-z0-9]+/g, '');

const BY_NAME = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((f) => [f.header, f.field, ...f.aliases].map((n) => [key(n), f.field] as const)),
);

/**
 * Matches the file's headers to fields by their Vietnamese name (with or without diacritics) or the
 * field's code name; an explicit mapping given with the upload wins column by column. A header that
 * matches nothing is left out (and shown as unused).
 */
export function mapColumns(headers: string[], explicit: ColumnMapping = {}): ColumnMapping {
  const out: ColumnMapping = {};
  const taken = new Set<ImportField>(Object.values(explicit));
  for (const h of headers) {
    if (!h) continue;
    if (explicit[h]) {
      out[h] = explicit[h];
      continue;
    }
    const f = BY_NAME.get(key(h));
    if (f && !taken.has(f)) {
      out[h] = f;
      taken.add(f);
    }
  }
  return out;
}

export function fieldHeader(field: ImportField): string {
  return IMPORT_FIELDS.find((f) => f.field === field)!.header;
}

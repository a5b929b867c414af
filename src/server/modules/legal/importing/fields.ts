import { normalizeVi } from '../../../../shared/vi-text.ts';

/**
 * The fields a back catalogue may carry, with the vbpl.vn header each goes by (what an export of the
 * national database or a spreadsheet kept by the office calls it) and a few other names seen.
 * The key is the field of LegalDocumentInput it fills (`issuerId` takes the body's code or name).
 */
export const IMPORT_FIELDS = [
  { field: 'numberNotation', header: 'Số ký hiệu', aliases: ['Số hiệu', 'Số, ký hiệu'], required: true },
  { field: 'typeCode', header: 'Loại văn bản', aliases: ['Loại'], required: true },
  { field: 'issuerId', header: 'Cơ quan ban hành', aliases: ['Nơi ban hành', 'issuer'], required: true },
  { field: 'signerName', header: 'Người ký', aliases: [], required: false },
  { field: 'signerTitle', header: 'Chức danh', aliases: [], required: false },
  { field: 'title', header: 'Trích yếu', aliases: ['Tên văn bản', 'Tiêu đề'], required: true },
  { field: 'issuedDate', header: 'Ngày ban hành', aliases: [], required: true },
  { field: 'effectiveFrom', header: 'Ngày có hiệu lực', aliases: ['Ngày hiệu lực'], required: true },
  { field: 'effectiveTo', header: 'Ngày hết hiệu lực', aliases: [], required: false },
  { field: 'scope', header: 'Phạm vi', aliases: [], required: false },
  { field: 'sector', header: 'Ngành', aliases: [], required: false },
  { field: 'fieldCode', header: 'Lĩnh vực', aliases: [], required: false },
  { field: 'gazetteSource', header: 'Nguồn thu thập', aliases: ['Số công báo'], required: false },
  { field: 'gazetteDate', header: 'Ngày đăng công báo', aliases: ['Ngày công báo'], required: false },
  { field: 'summary', header: 'Tóm tắt', aliases: [], required: false },
  { field: 'fullText', header: 'Toàn văn', aliases: ['Nội dung'], required: false },
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number]['field'];
export const IMPORT_FIELD_CODES = IMPORT_FIELDS.map((f) => f.field) as [ImportField, ...ImportField[]];

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

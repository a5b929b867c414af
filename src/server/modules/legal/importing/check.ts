import { LEGAL_FIELDS, LEGAL_TYPES, type LegalTypeCode } from '../../../../shared/legal/catalogue.ts';
import { normalizeVi } from '../../../../shared/vi-text.ts';
import { type ColumnMapping, fieldHeader, IMPORT_FIELDS, type ImportField } from './fields.ts';
import type { SheetRows } from './read-file.ts';

export interface ImportError {
  /** The line in the file (header = 1) or, for JSON, the element's position. */
  row: number;
  field: string;
  message: string;
}

export interface Issuer {
  id: string;
  code: string;
  name: string;
  level: string;
}

/** One row ready to insert (the fields of LegalDocumentInput) with its line for the report. */
export interface CheckedRow {
  line: number;
  origin: 'central' | 'local';
  numberNotation: string;
  typeCode: LegalTypeCode;
  issuerId: string;
  issuerName: string;
  signerName: string | null;
  signerTitle: string | null;
  title: string;
  issuedDate: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  scope: string | null;
  sector: string | null;
  fieldCode: number | null;
  gazetteSource: string | null;
  gazetteDate: string | null;
  summary: string | null;
  fullText: string | null;
}

const MAX_LENGTH: Partial<Record<ImportField, number>> = {
  numberNotation: 100,
  signerName: 200,
  signerTitle: 200,
  title: 2000,
  scope: 300,
  sector: 300,
  gazetteSource: 300,
  summary: 20_000,
  fullText: 2_000_000,
};

const norm = (s: string) => normalizeVi(s);

/** The day a date cell names, from dd/mm/yyyy (also with - or .), d/m/yyyy or ISO yyyy-mm-dd. */
export function parseDay(text: string): string | null {
  const s = text.trim();
  let y: number;
  let m: number;
  let d: number;
  const vn = s.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  const iso = s.match(/^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+Z?)?$/);
  if (vn) [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1945 || y > 2100 || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const TYPES_BY_NAME = new Map<string, LegalTypeCode>(
  LEGAL_TYPES.flatMap((t) => [
    [t.code, t.code],
    [norm(t.name), t.code],
  ]),
);

/**
 * "Quyết định" and "Nghị quyết" alone (as vbpl.vn's exports write the type) name a type only
 * together with the body that issued them.
 */
function typeByIssuer(name: string, issuer: Issuer | undefined): LegalTypeCode | undefined {
  if (!issuer) return undefined;
  const local = issuer.level === 'local';
  if (name === 'quyet dinh') {
    if (issuer.code === 'thu_tuong') return 'quyet_dinh_ttg';
    if (local) return norm(issuer.name).startsWith('chu tich') ? 'quyet_dinh_ct_ubnd' : 'quyet_dinh_ubnd';
  }
  if (name === 'nghi quyet') {
    if (issuer.code === 'quoc_hoi') return 'nghi_quyet_qh';
    if (issuer.code === 'ubtvqh') return 'nghi_quyet_ubtvqh';
    if (issuer.code === 'chinh_phu') return 'nghi_quyet_cp';
    if (local) return 'nghi_quyet_hdnd';
  }
  return undefined;
}

const FIELDS_BY_NAME = new Map<string, number>(
  LEGAL_FIELDS.flatMap((f) => [
    [String(f.code), f.code],
    [norm(f.name), f.code],
  ]),
);

/**
 * Checks every row of the file against the catalogues and the date rules; returns the good rows and
 * every problem found (all of them, not the first), including a number repeated within the file.
 * Duplicates against the base are the database's part (service.ts).
 */
export function checkRows(
  sheet: SheetRows,
  mapping: ColumnMapping,
  issuers: Issuer[],
): { rows: CheckedRow[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const columnOf = new Map<ImportField, string>(
    Object.entries(mapping).map(([col, f]) => [f, col] as [ImportField, string]),
  );
  for (const f of IMPORT_FIELDS) {
    if (f.required && !columnOf.has(f.field))
      errors.push({
        row: 1,
        field: f.field,
        message: `Không có cột "${f.header}" trong tệp; hãy chọn cột tương ứng.`,
      });
  }
  if (errors.length) return { rows: [], errors };

  const issuerBy = new Map<string, Issuer>();
  for (const i of issuers) {
    issuerBy.set(norm(i.code), i);
    issuerBy.set(norm(i.name), i);
  }
  const seen = new Map<string, number>();
  const rows: CheckedRow[] = [];
  for (const { line, cells } of sheet.rows) {
    const bad = (field: ImportField, message: string) => errors.push({ row: line, field, message });
    const before = errors.length;
    const cell = (f: ImportField) => {
      const col = columnOf.get(f);
      const v = col ? (cells[col] ?? '').trim() : '';
      const max = MAX_LENGTH[f];
      if (max && v.length > max) bad(f, `${fieldHeader(f)} dài quá ${max} ký tự.`);
      return v;
    };
    const required = (f: ImportField) => {
      const v = cell(f);
      if (!v) bad(f, `Thiếu ${fieldHeader(f).toLowerCase()}.`);
      return v;
    };
    const day = (f: ImportField, need: boolean) => {
      const v = need ? required(f) : cell(f);
      if (!v) return null;
      const d = parseDay(v);
      if (!d) bad(f, `${fieldHeader(f)} "${v}" không hợp lệ (dạng dd/mm/yyyy hoặc yyyy-mm-dd).`);
      return d;
    };

    const numberNotation = required('numberNotation');
    const issuerText = required('issuerId');
    const issuer = issuerText ? issuerBy.get(norm(issuerText)) : undefined;
    if (issuerText && !issuer)
      bad(
        'issuerId',
        `Cơ quan ban hành "${issuerText}" không có trong danh mục; hãy thêm cơ quan đó trước hoặc sửa tên, mã.`,
      );
    const typeText = required('typeCode');
    const typeCode = typeText
      ? (TYPES_BY_NAME.get(norm(typeText)) ?? typeByIssuer(norm(typeText), issuer))
      : undefined;
    if (typeText && !typeCode)
      bad(
        'typeCode',
        issuer || !['quyet dinh', 'nghi quyet'].includes(norm(typeText))
          ? `Loại văn bản "${typeText}" không có trong danh mục.`
          : `Loại văn bản "${typeText}" chưa rõ khi chưa biết cơ quan ban hành.`,
      );
    const title = required('title');
    const issuedDate = day('issuedDate', true);
    const effectiveFrom = day('effectiveFrom', true);
    const effectiveTo = day('effectiveTo', false);
    const gazetteDate = day('gazetteDate', false);
    if (issuedDate && effectiveFrom && effectiveFrom < issuedDate)
      bad('effectiveFrom', 'Ngày có hiệu lực không được trước ngày ban hành.');
    if (effectiveFrom && effectiveTo && effectiveTo <= effectiveFrom)
      bad('effectiveTo', 'Ngày hết hiệu lực phải sau ngày có hiệu lực.');
    const fieldText = cell('fieldCode');
    const fieldCode = fieldText ? FIELDS_BY_NAME.get(norm(fieldText)) : undefined;
    if (fieldText && !fieldCode)
      bad('fieldCode', `Lĩnh vực "${fieldText}" không có trong danh mục 27 lĩnh vực.`);
    if (numberNotation && issuer) {
      const k = `${norm(numberNotation)}|${issuer.id}`;
      const first = seen.get(k);
      if (first !== undefined)
        bad(
          'numberNotation',
          `Số ký hiệu "${numberNotation}" của ${issuer.name} trùng với dòng ${first} trong tệp.`,
        );
      else seen.set(k, line);
    }
    const opt = (f: ImportField) => cell(f) || null;
    const row: CheckedRow = {
      line,
      origin: issuer?.level === 'local' ? 'local' : 'central',
      numberNotation,
      typeCode: typeCode!,
      issuerId: issuer?.id ?? '',
      issuerName: issuer?.name ?? issuerText,
      signerName: opt('signerName'),
      signerTitle: opt('signerTitle'),
      title,
      issuedDate: issuedDate ?? '',
      effectiveFrom: effectiveFrom ?? '',
      effectiveTo,
      scope: opt('scope'),
      sector: opt('sector'),
      fieldCode: fieldCode ?? null,
      gazetteSource: opt('gazetteSource'),
      gazetteDate,
      summary: opt('summary'),
      fullText: opt('fullText'),
    };
    // Cells read twice above (length checks) may have pushed the same error twice.
    dedupeFrom(errors, before);
    if (errors.length === before) rows.push(row);
  }
  return { rows, errors };
}

function dedupeFrom(errors: ImportError[], from: number) {
  const seen = new Set<string>();
  for (let i = from; i < errors.length; ) {
    const k = `${errors[i]!.field}|${errors[i]!.message}`;
    if (seen.has(k)) errors.splice(i, 1);
    else {
      seen.add(k);
      i++;
    }
  }
}

import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../../platform/http/errors.ts';

/** A file's table: its column headers and each data row with the line a person sees it on. */
export interface SheetRows {
  headers: string[];
  rows: { line: number; cells: Record<string, string> }[];
}

export const MAX_IMPORT_ROWS = 20_000;

/**
 * Reads an exported back catalogue into a table of text cells. CSV (UTF-8, with or without BOM,
 * comma or semicolon — Excel in a Vietnamese locale writes semicolons), xlsx (first sheet) or a JSON
 * array of objects. Lines are counted as a spreadsheet shows them (header = line 1) and, for JSON,
 * as the element's position (1 = first), so the error table points at what the person can open.
 */
export async function readImportFile(data: Buffer, fileName: string): Promise<SheetRows> {
  const kind = fileKind(data, fileName);
  const sheet = kind === 'xlsx' ? await readXlsx(data) : kind === 'json' ? readJson(data) : readCsv(data);
  if (sheet.rows.length === 0) throw new AppError('bad_request', 'Tệp không có dòng dữ liệu nào.');
  if (sheet.rows.length > MAX_IMPORT_ROWS)
    throw new AppError(
      'payload_too_large',
      `Tệp có ${sheet.rows.length} dòng, nhiều hơn giới hạn ${MAX_IMPORT_ROWS} dòng mỗi lần nhập; hãy chia nhỏ tệp.`,
    );
  return sheet;
}

function fileKind(data: Buffer, fileName: string): 'csv' | 'xlsx' | 'json' {
  if (data.length >= 4 && data.readUInt32LE(0) === 0x04034b50) {
    if (/\.xlsm$/i.test(fileName) || data.includes('vbaProject'))
      throw new AppError(
        'unsupported_media_type',
        'Tệp có macro (.xlsm, vbaProject) không được nhận; hãy lưu thành .xlsx.',
      );
    return 'xlsx';
  }
  const head = data
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/\.json$/i.test(fileName) || head.startsWith('[')) return 'json';
  if (/\.(xlsx?|xls)$/i.test(fileName))
    throw new AppError('unsupported_media_type', 'Tệp không phải bảng tính Excel (.xlsx) hợp lệ.');
  if (data.includes(0))
    throw new AppError('unsupported_media_type', 'Chỉ nhận tệp CSV (UTF-8), Excel (.xlsx) hoặc JSON.');
  return 'csv';
}

function readCsv(data: Buffer): SheetRows {
  const text = data.toString('utf8').replace(/^\uFEFF/, '');
  if (text.includes('\uFFFD'))
    throw new AppError('bad_request', 'Tệp CSV không ở bảng mã UTF-8; hãy lưu lại với "CSV UTF-8".');
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    throw new AppError('bad_request', `Không đọc được tệp CSV: ${(e as Error).message}`);
  }
  const [head, ...body] = records;
  if (!head) throw new AppError('bad_request', 'Tệp không có dòng tiêu đề.');
  const headers = head.record.map((h) => h.trim());
  return {
    headers,
    rows: body.map(({ record, info }) => ({ line: info.lines, cells: cellsOf(headers, record) })),
  };
}

function cellsOf(headers: string[], values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((h, i) => {
    if (h) out[h] = (values[i] ?? '').trim();
  });
  return out;
}

async function readXlsx(data: Buffer): Promise<SheetRows> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError(
      'unsupported_media_type',
      'Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc sai định dạng.',
    );
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('bad_request', 'Tệp Excel không có trang tính nào.');
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = cellText(cell.value);
  });
  const rows: SheetRows['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const values = headers.map((_, i) => cellText(row.getCell(i + 1).value));
    if (values.every((v) => v === '')) return;
    rows.push({ line, cells: cellsOf(headers, values) });
  });
  return { headers: headers.map((h) => h ?? ''), rows };
}

/** A cell as text; a date cell as ISO (its calendar day: Excel stores local dates as UTC midnight). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v).trim();
}

function readJson(data: Buffer): SheetRows {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new AppError('bad_request', `Tệp JSON không hợp lệ: ${(e as Error).message}`);
  }
  if (!Array.isArray(parsed) || parsed.some((r) => typeof r !== 'object' || r === null || Array.isArray(r)))
    throw new AppError(
      'bad_request',
      'Tệp JSON phải là một mảng các đối tượng, mỗi đối tượng là một văn bản.',
    );
  const headers = [...new Set(parsed.flatMap((r) => Object.keys(r as object)))];
  return {
    headers,
    rows: (parsed as Record<string, unknown>[]).map((r, i) => ({
      line: i + 1,
      cells: Object.fromEntries(
        headers.map((h) => [h, r[h] === null || r[h] === undefined ? '' : String(r[h]).trim()]),
      ),
    })),
  };
}

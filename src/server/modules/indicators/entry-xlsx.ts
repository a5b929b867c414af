import ExcelJS from 'exceljs';
import type { CellInput, GridView, ValueKind } from '../../../shared/schemas/indicators-entry.ts';
import { AppError } from '../../platform/http/errors.ts';
import { openUploadedSheet } from './xlsx-read.ts';

/*
 * The entry grid as a spreadsheet: a template per form, period and agency (the current figures
 * filled in) that an officer fills in Excel and uploads back. The upload is read strictly: a macro
 * workbook, merged cells, Excel formulas, dates where a number belongs, moved columns or more rows
 * than the form has are refused, each error naming its row and column, and nothing is written while
 * there is one.
 */

const TITLE_ROWS = 3;
const HEADER_ROW = TITLE_ROWS + 1;
/** The columns before the options: code, name, unit. */
const FIXED = ['Mã chỉ tiêu', 'Tên chỉ tiêu', 'Đơn vị tính'];
const KIND_VI: Record<ValueKind, string> = { estimate: 'Ước tính', official: 'Chính thức' };

/** The option columns: every option of the form's indicators in first-seen order, Tổng số first. */
function optionColumns(grid: GridView): { code: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const r of grid.rows) for (const o of r.options) if (!seen.has(o.code)) seen.set(o.code, o.name);
  return [...seen].map(([code, name]) => ({ code, name }));
}

const headers = (grid: GridView) => [...FIXED, ...optionColumns(grid).map((o) => o.name)];

export function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export async function entryTemplate(grid: GridView, kind: ValueKind): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('So lieu');
  const options = optionColumns(grid);
  ws.getCell('A1').value = `${grid.form.code} — ${grid.form.name}`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.getCell('A2').value =
    `${grid.agency.name} — ${grid.periodLabel} — số liệu ${KIND_VI[kind].toLowerCase()}`;
  ws.getCell('A3').value =
    'Nhập số vào các ô trắng (ví dụ 1234,5); không gộp ô, không dùng công thức, không đổi thứ tự cột.';
  ws.getCell('A3').font = { italic: true, size: 9 };
  const h = ws.getRow(HEADER_ROW);
  headers(grid).forEach((name, i) => {
    h.getCell(i + 1).value = name;
  });
  h.font = { bold: true };
  grid.rows.forEach((r, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    row.getCell(1).value = r.code;
    row.getCell(2).value = r.name;
    row.getCell(3).value = r.unit;
    options.forEach((o, j) => {
      const cell = row.getCell(FIXED.length + 1 + j);
      if (!r.options.some((x) => x.code === o.code)) {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
        return;
      }
      cell.value = r.cells[o.code]?.[kind] ?? null;
    });
  });
  ws.getColumn(1).width = 12;
  ws.getColumn(2).width = 48;
  ws.getColumn(3).width = 14;
  options.forEach((_, j) => {
    ws.getColumn(FIXED.length + 1 + j).width = 14;
  });
  ws.views = [{ state: 'frozen', xSplit: 3, ySplit: HEADER_ROW }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface UploadError {
  row: number;
  column: string;
  message: string;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v)
    return v.richText
      .map((t) => t.text)
      .join('')
      .trim();
  return String(v).trim();
}

/**
 * Reads a filled template into the cells to save (values as text, for the entry's own parser) and
 * where each came from, or every error found. Each cell names the revision the grid holds now: an
 * upload overwrites what is there.
 */
export async function readEntryUpload(
  grid: GridView,
  data: Buffer,
  fileName: string,
  maxBytes: number,
): Promise<{ cells: CellInput[]; where: { row: number; column: string }[]; errors: UploadError[] }> {
  const ws = await openUploadedSheet(data, fileName, maxBytes);
  const limit = HEADER_ROW + grid.rows.length;
  if (ws.actualRowCount > limit + 20)
    throw new AppError(
      'bad_request',
      `Tệp có ${ws.actualRowCount} dòng; biểu mẫu ${grid.form.code} chỉ có ${grid.rows.length} chỉ tiêu. Hãy dùng tệp mẫu tải từ hệ thống.`,
    );
  const errors: UploadError[] = [];
  for (const m of (ws.model as { merges?: string[] }).merges ?? [])
    errors.push({
      row: Number(/\d+/.exec(m)?.[0] ?? 0),
      column: m.split(':')[0]!.replace(/\d+/g, ''),
      message: `Không nhận ô gộp (${m}).`,
    });
  const want = headers(grid);
  const header = ws.getRow(HEADER_ROW);
  want.forEach((name, i) => {
    const got = cellText(header.getCell(i + 1).value);
    if (got.toLowerCase() !== name.toLowerCase())
      errors.push({
        row: HEADER_ROW,
        column: colLetter(i + 1),
        message: got
          ? `Cột ${colLetter(i + 1)} phải là "${name}", gặp "${got}" (cột bị dời hoặc đổi tên).`
          : `Thiếu cột "${name}" (cột ${colLetter(i + 1)}).`,
      });
  });
  if (errors.length) return { cells: [], where: [], errors };

  const options = optionColumns(grid);
  const byCode = new Map(grid.rows.map((r) => [r.code, r]));
  const cells: CellInput[] = [];
  const where: { row: number; column: string }[] = [];
  const seen = new Set<string>();
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r <= HEADER_ROW) return;
    const code = cellText(row.getCell(1).value);
    const rest = options.map((_, j) => row.getCell(FIXED.length + 1 + j));
    if (!code && rest.every((c) => cellText(c.value) === '')) return;
    const ind = byCode.get(code);
    if (!ind) {
      errors.push({
        row: r,
        column: 'A',
        message: code ? `Chỉ tiêu ${code} không có trong biểu mẫu ${grid.form.code}.` : 'Thiếu mã chỉ tiêu.',
      });
      return;
    }
    if (seen.has(code)) {
      errors.push({ row: r, column: 'A', message: `Chỉ tiêu ${code} có hai dòng.` });
      return;
    }
    seen.add(code);
    rest.forEach((cell, j) => {
      const col = colLetter(FIXED.length + 1 + j);
      const o = options[j]!;
      if (cell.type === ExcelJS.ValueType.Formula) {
        errors.push({ row: r, column: col, message: `Ô ${col}${r} chứa công thức Excel; chỉ nhận giá trị.` });
        return;
      }
      if (cell.type === ExcelJS.ValueType.Date) {
        errors.push({
          row: r,
          column: col,
          message: `Ô ${col}${r} là ngày tháng, không phải số (định dạng ô sai?).`,
        });
        return;
      }
      // A number cell is written with a decimal comma, so that the entry's reader never takes its
      // decimal point for a thousands separator.
      const text =
        typeof cell.value === 'number' ? String(cell.value).replace('.', ',') : cellText(cell.value);
      if (!ind.options.some((x) => x.code === o.code)) {
        if (text !== '')
          errors.push({
            row: r,
            column: col,
            message: `Chỉ tiêu ${code} không có phân tổ "${o.name}"; để trống ô ${col}${r}.`,
          });
        return;
      }
      cells.push({
        indicator: code,
        option: o.code,
        value: text === '' ? null : text,
        rev: ind.cells[o.code]?.rev ?? 0,
      });
      where.push({ row: r, column: col });
    });
  });
  return { cells, where, errors };
}

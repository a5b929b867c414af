/**
 * The document list as an Excel sheet: the same filters and visibility as the screen (it pages
 * through listDocuments), written row by row with exceljs's streaming writer.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { vnWallClock } from '../../../../shared/calendar/vn-time.ts';
import type { DocumentListQuery } from '../../../../shared/schemas/documents.ts';
import type { Ctx } from '../../../platform/context.ts';
import { firstOf, waitForRoom } from '../../../platform/pdf/index.ts';
import { type ListRow, listDocuments } from '../lists.ts';
import { secrecyLabel, statusLabel, typeName, urgencyLabel } from './labels.ts';

/** A bigger export is a sign the filter is wrong; the sheet says it was cut. */
export const EXPORT_MAX_ROWS = 50_000;
/** The largest page listDocuments accepts. */
const PAGE = 200;

const DATE = 'dd/mm/yyyy';
const COLUMNS: Partial<ExcelJS.Column>[] = [
  { header: 'Số đến', key: 'arrivalNumber', width: 9 },
  { header: 'Ngày đến', key: 'arrivedAt', width: 17, style: { numFmt: 'dd/mm/yyyy hh:mm' } },
  { header: 'Số ký hiệu', key: 'numberNotation', width: 22 },
  { header: 'Ngày văn bản', key: 'issuedDate', width: 13, style: { numFmt: DATE } },
  { header: 'Loại', key: 'type', width: 16 },
  {
    header: 'Trích yếu',
    key: 'summary',
    width: 70,
    style: { alignment: { wrapText: true, vertical: 'top' } },
  },
  {
    header: 'Cơ quan ban hành',
    key: 'issuer',
    width: 32,
    style: { alignment: { wrapText: true, vertical: 'top' } },
  },
  { header: 'Độ mật', key: 'secrecy', width: 10 },
  { header: 'Độ khẩn', key: 'urgency', width: 12 },
  { header: 'Hạn xử lý', key: 'dueDate', width: 12, style: { numFmt: DATE } },
  { header: 'Trạng thái', key: 'status', width: 16 },
];

/**
 * Excel has no time zones: a calendar date becomes midnight UTC, which exceljs stores as that day;
 * an instant is shifted to Vietnam's wall clock (UTC+7) so the sheet shows the local time.
 */
const excelDate = (date: string | null) => (date ? new Date(`${date}T00:00:00Z`) : null);
const excelLocalTime = (at: Date | string | null) => (at ? vnWallClock(at) : null);

function rowOf(r: ListRow) {
  return {
    arrivalNumber: r.arrival_number,
    arrivedAt: excelLocalTime(r.arrived_at),
    numberNotation: r.number_notation,
    issuedDate: excelDate(r.issued_date),
    type: typeName(r.type_code),
    summary: r.summary,
    issuer: r.issuer_name,
    secrecy: secrecyLabel(r.secrecy),
    urgency: urgencyLabel(r.urgency),
    dueDate: excelDate(r.due_date),
    status: statusLabel(r.status),
  };
}

/** Every row of the filtered list, newest first, page by page through the list's own cursor. */
async function* listedRows(ctx: Ctx, query: DocumentListQuery): AsyncGenerator<ListRow> {
  let cursor: string | undefined;
  do {
    const page = await listDocuments(ctx, { ...query, limit: PAGE, cursor });
    for (const item of page.items) yield item.row;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

function addHeader(sheet: ExcelJS.Worksheet) {
  sheet.columns = COLUMNS;
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  header.commit();
}

/**
 * Writes the current filtered list (box, filters, search: `query` as the list screen sends it) as
 * an .xlsx workbook to `out`: Vietnamese headings, frozen header row, dates as Excel dates, at most
 * 50,000 rows. Returns how many rows were written and whether the list was cut.
 */
export async function exportDocumentsXlsx(
  ctx: Ctx,
  query: DocumentListQuery,
  out: Writable,
): Promise<{ rows: number; truncated: boolean }> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  book.creator = 'Liên Thông';
  book.created = ctx.now();
  const sheet = book.addWorksheet('Văn bản', { views: [{ state: 'frozen', ySplit: 1 }] });
  addHeader(sheet);
  sheet.autoFilter = { from: 'A1', to: 'K1' };
  let rows = 0;
  let truncated = false;
  for await (const r of listedRows(ctx, query)) {
    if (rows === EXPORT_MAX_ROWS) {
      truncated = true;
      break;
    }
    sheet.addRow(rowOf(r)).commit();
    rows++;
    if (rows % PAGE === 0 && !(await waitForRoom(out))) return { rows, truncated };
  }
  sheet.commit();
  if (truncated) addTruncationNote(book);
  // The zip is finished when the reader has taken it; a reader that leaves must not hold us forever.
  if (!out.destroyed) await Promise.race([book.commit(), firstOf([[out, 'close']])]);
  return { rows, truncated };
}

function addTruncationNote(book: ExcelJS.stream.xlsx.WorkbookWriter) {
  const note = book.addWorksheet('Ghi chú');
  note.getColumn(1).width = 100;
  note
    .addRow([
      `Danh sách chỉ gồm ${EXPORT_MAX_ROWS.toLocaleString('vi-VN')} văn bản đầu tiên. Hãy lọc hẹp hơn (theo thời gian, loại, trạng thái…) để xuất đủ.`,
    ])
    .commit();
  note.commit();
}

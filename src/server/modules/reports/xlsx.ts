import ExcelJS from 'exceljs';
import { MEASURES, type MeasuresReply, measureValue } from '../../../shared/reports/measures.ts';

/** The ranked table of one period as a workbook: one row per agency, then the total and the methods. */
export async function measuresXlsx(view: MeasuresReply): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Liên Thông';
  const sheet = book.addWorksheet('Số liệu đo được');
  const width = MEASURES.length + 2;
  sheet.addRow(['SỐ LIỆU ỨNG DỤNG CÔNG NGHỆ THÔNG TIN ĐO TỪ HỆ THỐNG']).font = { bold: true, size: 13 };
  sheet.mergeCells(1, 1, 1, width);
  sheet.addRow([`${view.scope.name} — ${view.label}`]);
  sheet.mergeCells(2, 1, 2, width);
  sheet.addRow([]);
  const header = sheet.addRow(['STT', 'Đơn vị', ...MEASURES.map((m) => m.name)]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  const cells = (values: MeasuresReply['total']['values']) =>
    MEASURES.map((m) => {
      const v = measureValue(m.key, values[m.key]);
      return v === null ? '' : v;
    });
  view.rows.forEach((r, i) => {
    sheet.addRow([i + 1, r.agencyName, ...cells(r.values)]);
  });
  const total = sheet.addRow(['', `Tổng: ${view.total.agencyName}`, ...cells(view.total.values)]);
  total.font = { bold: true };
  MEASURES.forEach((m, i) => {
    if (m.kind === 'rate') sheet.getColumn(i + 3).numFmt = '0.0%';
  });
  sheet.columns.forEach((c, i) => {
    c.width = i === 0 ? 6 : i === 1 ? 40 : 14;
  });
  sheet.addRow([]);
  sheet.addRow(['', 'Cách tính']).font = { bold: true };
  for (const m of MEASURES) sheet.addRow(['', m.name, m.method]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

import ExcelJS from 'exceljs';
import { type FiguresReply, shownFigureValue } from '../../../../shared/services/figures.ts';

const HEADERS = ['STT', 'Nhóm (QĐ 766)', 'Chỉ số', 'Tử số', 'Mẫu số', 'Giá trị', 'Cách tính'] as const;

/** The figures of one period and scope as a workbook, with the methods and what is not computed. */
export async function figuresXlsx(view: FiguresReply): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Liên Thông';
  const sheet = book.addWorksheet('Chỉ số QĐ 766');
  sheet.addRow(['CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (QUYẾT ĐỊNH 766/QĐ-TTg)']).font = {
    bold: true,
    size: 13,
  };
  sheet.mergeCells(1, 1, 1, HEADERS.length);
  sheet.addRow([`${view.scope.name} — ${view.label}`]);
  sheet.mergeCells(2, 1, 2, HEADERS.length);
  sheet.addRow([]);
  const header = sheet.addRow([...HEADERS]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  view.items.forEach((f, i) => {
    sheet.addRow([
      i + 1,
      f.group,
      f.name,
      f.numerator,
      f.denominator ?? '',
      shownFigureValue(f, 'Chưa có hồ sơ'),
      f.method,
    ]);
  });
  sheet.addRow([]);
  sheet.addRow(['', 'Chỉ số cần dữ liệu quốc gia (chưa tính)']).font = { bold: true };
  for (const n of view.notComputed) sheet.addRow(['', n.name, n.reason]);
  sheet.columns = [
    { width: 6 },
    { width: 26 },
    { width: 44 },
    { width: 10 },
    { width: 10 },
    { width: 14 },
    { width: 70 },
  ];
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * The layout every Vietnamese administrative paper shares, whatever it is about (Decree 30/2020,
 * Appendix I): the heading with the issuing body on the left and the national name and motto on
 * the right, the place and date line, short rules under headings, signature blocks, lines left to
 * be filled in by hand, page numbers. No domain knowledge: the callers say what to write.
 */
import { formatViLongDate } from '../../../shared/calendar/vn-time.ts';

/** Quốc hiệu and tiêu ngữ (Appendix I, Part I, II.1). */
export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';
/** The date line of a paper printed to be dated by hand. */
export const BLANK_LONG_DATE = 'ngày … tháng … năm …';

/** The horizontal band a block is laid out in: its left edge and width, in points. */
export interface Band {
  left: number;
  width: number;
}

/** A short horizontal line centred on `centerX`, as drawn under headings and the motto. */
export function rule(doc: PDFKit.PDFDocument, centerX: number, y: number, length: number, lineWidth = 0.7) {
  doc
    .lineWidth(lineWidth)
    .moveTo(centerX - length / 2, y)
    .lineTo(centerX + length / 2, y)
    .stroke();
}

export interface HeadingOptions {
  /** The issuing body, printed in capitals and bold. */
  agencyName: string;
  /** The body it belongs to (cơ quan chủ quản), in capitals above it; none for a top-level body. */
  parentName?: string | null;
  /** Share of the band taken by the issuing body's column; the national name takes the rest. */
  leftShare?: number;
  /** Type size of the issuing body and the national name. */
  size?: number;
  /** Type size of the motto (one point larger by default). */
  mottoSize?: number;
  /** "Hà Nội, ngày 05 tháng 3 năm 2020" under the motto (Appendix I, II.4); no date leaves it to the pen. */
  placeAndDate?: { place: string; date?: string | null };
}

/**
 * The two-column heading at `top` (Appendix I, Part I, II.1–II.4): issuing body on the left, national
 * name and motto on the right, each with its short rule, and the place and date line when asked.
 * Returns below the taller column, with `doc.x` back at the band's left edge.
 */
export function drawHeading(doc: PDFKit.PDFDocument, band: Band, top: number, o: HeadingOptions): number {
  const size = o.size ?? 11;
  const leftW = band.width * (o.leftShare ?? 0.42);
  const rightX = band.left + leftW;
  const rightW = band.width - leftW;
  if (o.parentName) {
    doc.font('serif').fontSize(size);
    doc.text(o.parentName.toLocaleUpperCase('vi'), band.left, top, { width: leftW, align: 'center' });
  }
  doc
    .font('serif-bold')
    .fontSize(size)
    .text(o.agencyName.toLocaleUpperCase('vi'), band.left, o.parentName ? doc.y : top, {
      width: leftW,
      align: 'center',
    });
  rule(doc, band.left + leftW / 2, doc.y + 3, leftW / 3);
  const leftBottom = doc.y;
  doc.font('serif-bold').fontSize(size).text(NATIONAL_NAME, rightX, top, { width: rightW, align: 'center' });
  doc.fontSize(o.mottoSize ?? size + 1).text(NATIONAL_MOTTO, { width: rightW, align: 'center' });
  rule(doc, rightX + rightW / 2, doc.y + 2, doc.widthOfString(NATIONAL_MOTTO));
  if (o.placeAndDate) {
    const { place, date } = o.placeAndDate;
    doc.font('serif-italic').fontSize(o.mottoSize ?? size + 1);
    doc.text(`${place}, ${date ? formatViLongDate(date) : BLANK_LONG_DATE}`, rightX, doc.y + 8, {
      width: rightW,
      align: 'center',
    });
  }
  doc.x = band.left;
  doc.y = Math.max(doc.y, leftBottom);
  return doc.y;
}

/**
 * Signature blocks side by side at the current line ("ĐẠI DIỆN BÊN GIAO" / "ĐẠI DIỆN BÊN NHẬN"), each
 * with room to sign above the printed name; on a new page when the room left is under `bottom`.
 */
export function drawSignatures(
  doc: PDFKit.PDFDocument,
  band: Band,
  blocks: { role: string; name: string }[],
  newPage: () => void,
  bottom: number,
) {
  if (doc.y + 110 > bottom) newPage();
  const w = band.width / blocks.length;
  const y = doc.y;
  for (const [i, b] of blocks.entries()) {
    doc
      .font('serif-bold')
      .fontSize(12)
      .text(b.role, band.left + i * w, y, { width: w, align: 'center' });
    doc.font('serif-italic').fontSize(10).text('(Ký và ghi rõ họ và tên)', { width: w, align: 'center' });
    doc
      .font('serif-bold')
      .fontSize(12)
      .text(b.name, band.left + i * w, y + 80, { width: w, align: 'center' });
  }
  doc.x = band.left;
}

/** "label ………" to the end of the line at `y`, to be written on by hand. */
export function drawFillLine(doc: PDFKit.PDFDocument, band: Band, y: number, label: string, size = 12) {
  doc.font('serif').fontSize(size);
  const room = band.width - (label ? doc.widthOfString(`${label} `) : 0);
  const dots = '.'.repeat(Math.max(0, Math.floor(room / doc.widthOfString('.')) - 1));
  doc.text(label ? `${label} ${dots}` : dots, band.left, y, { width: band.width, lineBreak: false });
}

/**
 * "Trang x/y" centred `fromBottom` points above the foot of the page, inside the bottom margin
 * (which pdfkit would otherwise avoid by starting a new page).
 */
export function drawPageNumber(
  doc: PDFKit.PDFDocument,
  band: Band,
  page: number,
  total: number,
  fromBottom = 26,
  size = 8,
) {
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc
    .font('serif')
    .fontSize(size)
    .text(`Trang ${page}/${total}`, band.left, doc.page.height - fromBottom, {
      width: band.width,
      align: 'center',
      lineBreak: false,
    });
  doc.page.margins.bottom = bottom;
}

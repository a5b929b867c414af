/**
 * Test documents in the layout of Decree 30/2020, Appendix I (boxes 1–9 of the layout diagram,
 * templates 1.2 "Quyết định" and 1.5 "Công văn" of Appendix III): the issuer block top left, the
 * national title top right, number and notation on the same line as place and date, then the type
 * name and summary (or "V/v …" under the number for a công văn), the body, and the recipients
 * beside the signer block. Template 1.7 "Giấy mời" has the layout of a decision, its body opening with
 * "<issuer> trân trọng kính mời: …". Used by the extraction tests and by browser tests that upload a
 * file.
 */
import { deflateSync } from 'node:zlib';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import PDFDocument from 'pdfkit';
import { formatNumber, formatPlaceAndDate, typeByName } from '../../../../../shared/documents/decree30.ts';
import { FONT_FILES, NATIONAL_MOTTO, NATIONAL_NAME } from '../../../../platform/pdf/index.ts';

export interface Decree30Fields {
  /** Parent agency (tên cơ quan chủ quản), printed above the issuer in regular weight. */
  issuerParent?: string;
  /** Issuer (tên cơ quan ban hành), upper case; long names wrap as in real documents. */
  issuer: string;
  number: number;
  notation: string;
  place: string;
  /** yyyy-mm-dd */
  date: string;
  /** "Quyết định", "Công văn" …; a công văn has no title and its summary follows "V/v". */
  typeName: string;
  /**
   * "Về việc …" for a typed document; for a công văn the text after "V/v". A newline breaks the
   * summary where the author broke it (a line break in the PDF, a new paragraph in the DOCX).
   * Empty for a document printed without one.
   */
  summary: string;
  /** Paragraphs separated by newlines. */
  body: string;
  /** Lines separated by newlines, e.g. "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH". */
  signerTitle: string;
  signerName: string;
  /**
   * Left block at the foot; defaults to "Như Điều 3" (a công văn "Như trên", a giấy mời "Như thành
   * phần mời") / "Lưu: VT".
   */
  recipients?: string[];
  /** "Kính gửi" line of a công văn (Appendix I, II.9.b), or of another type that has one. */
  addressee?: string;
  /**
   * No rule under the summary and no space before what follows it: the body (or "Kính gửi") starts
   * on the very next line, as in many agencies' own templates of a giấy mời.
   */
  tight?: boolean;
  /** Urgency or secrecy stamp printed under the number (boxes 10a/10b), e.g. "KHẨN". */
  stamp?: string;
}

/** A decision of the provincial People's Committee, signed by a vice-chairman for the chairman. */
export const SAMPLE_DECISION: Decree30Fields = {
  issuer: 'ỦY BAN NHÂN DÂN TỈNH VĨNH LONG',
  number: 123,
  notation: 'QĐ-UBND',
  place: 'Vĩnh Long',
  date: '2020-03-05',
  typeName: 'Quyết định',
  summary:
    'Về việc ban hành Quy chế quản lý văn bản điện tử trên Hệ thống quản lý văn bản và điều hành của tỉnh',
  body: [
    'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VĨNH LONG',
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
    'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;',
    'Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh.',
    'QUYẾT ĐỊNH:',
    'Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý văn bản điện tử trên Hệ thống quản lý văn bản và điều hành của tỉnh.',
    'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
    'Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở, Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố chịu trách nhiệm thi hành Quyết định này./.',
  ].join('\n'),
  signerTitle: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH',
  signerName: 'Nguyễn Văn An',
};

/** An urgent công văn of a department, whose parent agency is printed above it. */
export const SAMPLE_CONG_VAN: Decree30Fields = {
  issuerParent: 'UBND TỈNH VĨNH LONG',
  issuer: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
  number: 5,
  notation: 'STTTT-CNTT',
  place: 'Vĩnh Long',
  date: '2024-01-09',
  typeName: 'Công văn',
  summary: 'triển khai Hệ thống quản lý văn bản và điều hành liên thông năm 2024',
  addressee: 'Ủy ban nhân dân các huyện, thị xã, thành phố',
  body: [
    'Thực hiện Kế hoạch số 12/KH-UBND ngày 05 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh về ứng dụng công nghệ thông tin, Sở Thông tin và Truyền thông đề nghị các đơn vị triển khai Hệ thống quản lý văn bản và điều hành liên thông.',
    'Đề nghị các đơn vị báo cáo kết quả về Sở Thông tin và Truyền thông trước ngày 31 tháng 3 năm 2024./.',
  ].join('\n'),
  signerTitle: 'GIÁM ĐỐC',
  signerName: 'Trần Thị Bích Ngọc',
  stamp: 'KHẨN',
};

/**
 * An invitation of a district People's Committee (template 1.7) whose body, "Ủy ban nhân dân huyện …
 * trân trọng kính mời: …", starts on the line after the summary.
 */
export const SAMPLE_INVITATION: Decree30Fields = {
  issuer: 'ỦY BAN NHÂN DÂN\nHUYỆN LONG HỒ',
  number: 45,
  notation: 'GM-UBND',
  place: 'Long Hồ',
  date: '2025-05-12',
  typeName: 'Giấy mời',
  summary: 'Về việc dự họp giao ban tháng 5 năm 2025',
  body: [
    'Ủy ban nhân dân huyện Long Hồ trân trọng kính mời: Trưởng các phòng, ban chuyên môn thuộc Ủy ban nhân dân huyện.',
    'Tới dự họp giao ban đánh giá tình hình kinh tế - xã hội tháng 5 năm 2025.',
    'Chủ trì: Đồng chí Chủ tịch Ủy ban nhân dân huyện.',
    'Thời gian: 07 giờ 30 phút, ngày 15 tháng 5 năm 2025.',
    'Địa điểm: Phòng họp số 1, Ủy ban nhân dân huyện./.',
  ].join('\n'),
  signerTitle: 'TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG',
  signerName: 'Phạm Minh Tâm',
  tight: true,
};

const NATIONAL_TITLE = NATIONAL_NAME;
const MOTTO = NATIONAL_MOTTO;

function isCongVan(f: Decree30Fields): boolean {
  return typeByName(f.typeName)?.code === 'cong_van';
}

function numberLine(f: Decree30Fields): string {
  return `Số: ${formatNumber(f.number)}/${f.notation}`;
}

function summaryLine(f: Decree30Fields): string {
  if (!f.summary) return '';
  return isCongVan(f) && !/^v\/v\b/i.test(f.summary) ? `V/v ${f.summary}` : f.summary;
}

function recipientsOf(f: Decree30Fields): string[] {
  if (f.recipients) return f.recipients;
  if (isCongVan(f)) return ['- Như trên;', '- Lưu: VT.'];
  if (typeByName(f.typeName)?.code === 'giay_moi') return ['- Như thành phần mời;', '- Lưu: VT.'];
  return ['- Như Điều 3;', '- Lưu: VT.'];
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

// ---------------------------------------------------------------------------------------------
// PDF (pdfkit, DejaVu Serif: a free font with every Vietnamese glyph)
// ---------------------------------------------------------------------------------------------

// The printouts' font files (the PDF toolkit's), used by path: this document registers none.
const FONT = {
  regular: FONT_FILES.serif,
  bold: FONT_FILES['serif-bold'],
  italic: FONT_FILES['serif-italic'],
};

/** Collects the document's bytes; resolves once `doc.end()` has been called and the stream ends. */
function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** Largest size ≤ `max` at which `text` fits `width` on one line. */
function fittingSize(
  doc: PDFKit.PDFDocument,
  font: string,
  text: string,
  width: number,
  max: number,
): number {
  let size = max;
  doc.font(font);
  while (size > 7 && doc.fontSize(size).widthOfString(text) > width) size -= 0.5;
  return size;
}

/** A4 PDF with a text layer, laid out like a paper document of Decree 30/2020. */
export async function makeDecree30Pdf(f: Decree30Fields): Promise<Buffer> {
  // A4 with the margins of Appendix I, I.3 (top 20 mm, left 30 mm, right 15 mm).
  const mm = 72 / 25.4;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 20 * mm, bottom: 20 * mm, left: 30 * mm, right: 15 * mm },
    info: { Title: `${f.typeName} ${formatNumber(f.number)}/${f.notation}`, Producer: 'lienthong tests' },
  });
  const done = collect(doc);
  const left = { x: 20 * mm, w: 75 * mm };
  const right = { x: 95 * mm, w: 105 * mm };
  const top = 20 * mm;

  // Box 2: issuer block, parent in regular weight, issuer in bold, a short rule under it.
  let yl = top;
  if (f.issuerParent) {
    doc.font(FONT.regular).fontSize(12).text(f.issuerParent, left.x, yl, { width: left.w, align: 'center' });
    yl = doc.y;
  }
  doc.font(FONT.bold).fontSize(12).text(f.issuer, left.x, yl, { width: left.w, align: 'center' });
  yl = doc.y + 4;
  doc
    .moveTo(left.x + left.w / 3, yl)
    .lineTo(left.x + (2 * left.w) / 3, yl)
    .lineWidth(0.6)
    .stroke();

  // Box 1: national title and motto, a rule under the motto.
  let yr = top;
  doc
    .font(FONT.bold)
    .fontSize(fittingSize(doc, FONT.bold, NATIONAL_TITLE, right.w, 12))
    .text(NATIONAL_TITLE, right.x, yr, { width: right.w, align: 'center' });
  yr = doc.y;
  doc
    .font(FONT.bold)
    .fontSize(fittingSize(doc, FONT.bold, MOTTO, right.w, 13))
    .text(MOTTO, right.x, yr, { width: right.w, align: 'center' });
  yr = doc.y + 4;
  doc
    .moveTo(right.x + right.w / 5, yr)
    .lineTo(right.x + (4 * right.w) / 5, yr)
    .stroke();

  // Boxes 3 and 4 share a line (Appendix I, II.4.c).
  const yNumber = Math.max(yl, yr) + 10;
  doc
    .font(FONT.regular)
    .fontSize(12.5)
    .text(numberLine(f), left.x, yNumber, { width: left.w, align: 'center' });
  yl = doc.y;
  const placeDate = formatPlaceAndDate(f.place, f.date);
  doc
    .font(FONT.italic)
    .fontSize(fittingSize(doc, FONT.italic, placeDate, right.w, 13))
    .text(placeDate, right.x, yNumber, { width: right.w, align: 'center' });
  yr = doc.y;

  // Box 5b: a công văn's summary under its number.
  if (isCongVan(f) && f.summary) {
    doc
      .font(FONT.regular)
      .fontSize(12)
      .text(summaryLine(f), left.x, yl + 6, { width: left.w, align: 'center' });
    yl = doc.y;
  }
  if (f.stamp) {
    doc
      .font(FONT.bold)
      .fontSize(13)
      .text(f.stamp, left.x, yl + 6, { width: left.w, align: 'center' });
    yl = doc.y;
  }

  const body = { x: 30 * mm, w: doc.page.width - 45 * mm };
  let y = Math.max(yl, yr) + 18;
  // Box 5a: type name and summary, centred, with a rule under the summary.
  if (!isCongVan(f)) {
    doc
      .font(FONT.bold)
      .fontSize(14)
      .text(f.typeName.toUpperCase(), body.x, y, { width: body.w, align: 'center' });
    if (f.summary) {
      doc
        .font(FONT.bold)
        .fontSize(13)
        .text(summaryLine(f), body.x + 40, doc.y, { width: body.w - 80, align: 'center' });
    }
    if (f.tight) {
      y = doc.y;
    } else {
      y = doc.y + 4;
      doc
        .moveTo(body.x + body.w / 3, y)
        .lineTo(body.x + (2 * body.w) / 3, y)
        .stroke();
      y += 14;
    }
  }
  if (f.addressee) {
    doc
      .font(FONT.regular)
      .fontSize(13)
      .text(`Kính gửi: ${f.addressee}`, body.x, y, { width: body.w, align: 'center' });
    y = doc.y + (f.tight ? 0 : 12);
  }

  // Box 6: body, justified, first line indented 1 cm.
  doc.font(FONT.regular).fontSize(13);
  doc.text('', body.x, y);
  for (const p of lines(f.body)) {
    doc.text(p, { width: body.w, align: 'justify', indent: 10 * mm, paragraphGap: 6 });
  }

  // Boxes 7 and 9b: recipients on the left, signer on the right, starting on the same line.
  if (doc.y > doc.page.height - 70 * mm) doc.addPage();
  const yFoot = doc.y + 16;
  doc
    .font(FONT.bold)
    .fontSize(12)
    .text('Nơi nhận:', body.x, yFoot, { width: 70 * mm });
  doc.font(FONT.regular).fontSize(11);
  for (const r of recipientsOf(f)) doc.text(r, body.x, doc.y, { width: 70 * mm });
  const sign = { x: body.x + body.w - 85 * mm, w: 85 * mm };
  doc.font(FONT.bold).fontSize(13);
  let ys = yFoot;
  for (const t of lines(f.signerTitle)) {
    doc.text(t, sign.x, ys, { width: sign.w, align: 'center' });
    ys = doc.y;
  }
  doc.text(f.signerName, sign.x, ys + 60, { width: sign.w, align: 'center' });
  doc.end();
  return done;
}

// ---------------------------------------------------------------------------------------------
// DOCX (docx): borderless tables for the two-column blocks, as agencies' Word templates do
// ---------------------------------------------------------------------------------------------

const FONT_NAME = 'Times New Roman';
const NO_BORDERS = TableBorders.NONE;

function para(
  text: string,
  opts: {
    bold?: boolean;
    italics?: boolean;
    size?: number;
    align?: 'center' | 'justify' | 'left';
    indent?: boolean;
  } = {},
): Paragraph {
  return new Paragraph({
    alignment:
      opts.align === 'justify'
        ? AlignmentType.JUSTIFIED
        : opts.align === 'left'
          ? AlignmentType.LEFT
          : AlignmentType.CENTER,
    indent: opts.indent ? { firstLine: 567 } : undefined,
    spacing: { after: opts.align === 'justify' ? 120 : 0 },
    children: [
      new TextRun({
        text,
        bold: opts.bold,
        italics: opts.italics,
        size: (opts.size ?? 13) * 2,
        font: FONT_NAME,
      }),
    ],
  });
}

function rule(): Paragraph {
  // A short rule drawn as a bottom border, the way Word templates draw the lines of boxes 1, 2 and 5a.
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: 1400, right: 1400 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

function cell(children: Paragraph[], widthPct: number): TableCell {
  return new TableCell({
    width: { size: widthPct, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    children,
  });
}

/** DOCX with the same content as {@link makeDecree30Pdf}, header and footer blocks in tables. */
export async function makeDecree30Docx(f: Decree30Fields): Promise<Buffer> {
  const issuerBlock: Paragraph[] = [];
  if (f.issuerParent) issuerBlock.push(para(f.issuerParent, { size: 12 }));
  issuerBlock.push(...lines(f.issuer).map((l) => para(l, { bold: true, size: 12 })), rule());
  const numberBlock: Paragraph[] = [para(numberLine(f))];
  if (isCongVan(f)) numberBlock.push(...lines(summaryLine(f)).map((l) => para(l, { size: 12 })));
  if (f.stamp) numberBlock.push(para(f.stamp, { bold: true }));

  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell(issuerBlock, 40),
          cell([para(NATIONAL_TITLE, { bold: true, size: 12 }), para(MOTTO, { bold: true }), rule()], 60),
        ],
      }),
      new TableRow({
        children: [
          cell(numberBlock, 40),
          cell([para(formatPlaceAndDate(f.place, f.date), { italics: true })], 60),
        ],
      }),
    ],
  });

  const children: (Paragraph | Table)[] = [header, para('')];
  if (!isCongVan(f)) {
    children.push(
      para(f.typeName.toUpperCase(), { bold: true, size: 14 }),
      ...lines(summaryLine(f)).map((l) => para(l, { bold: true, size: 14 })),
    );
    // The rule is an empty paragraph with a border: text extraction sees a blank line.
    if (!f.tight) children.push(rule());
  }
  if (f.addressee) children.push(para(`Kính gửi: ${f.addressee}`, { size: 14 }));
  if (!f.tight) children.push(para(''));
  for (const p of lines(f.body)) children.push(para(p, { align: 'justify', indent: true, size: 14 }));

  const signer: Paragraph[] = lines(f.signerTitle).map((t) => para(t, { bold: true, size: 14 }));
  signer.push(para(''), para(''), para(''), para(f.signerName, { bold: true, size: 14 }));
  children.push(
    para(''),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: NO_BORDERS,
      rows: [
        new TableRow({
          children: [
            cell(
              [
                para('Nơi nhận:', { bold: true, italics: true, size: 12, align: 'left' }),
                ...recipientsOf(f).map((r) => para(r, { size: 11, align: 'left' })),
              ],
              45,
            ),
            cell(signer, 55),
          ],
        }),
      ],
    }),
  );

  const doc = new Document({
    creator: 'lienthong tests',
    styles: { default: { document: { run: { font: FONT_NAME, size: 28 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

// ---------------------------------------------------------------------------------------------
// Scans: a PDF whose pages are only images, as a scanner produces them (no text layer)
// ---------------------------------------------------------------------------------------------

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A grey-scale PNG of a "page" with dark bars where lines of text would be. */
export function makePagePng(width = 300, height = 420): Buffer {
  const raw = Buffer.alloc((width + 1) * height, 0xff);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    const inLine = y > 30 && y % 14 < 6 && y < height - 40;
    if (!inLine) continue;
    for (let x = 30; x < width - 30; x++) raw[y * (width + 1) + 1 + x] = 0x30;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey-scale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An image-only PDF (a "scanned" document): pages have no text layer at all. */
export async function makeScannedPdf(pages = 1): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false });
  const done = collect(doc);
  const png = makePagePng();
  for (let i = 0; i < pages; i++) {
    doc.addPage({ size: 'A4', margin: 0 });
    doc.image(png, 0, 0, { width: doc.page.width, height: doc.page.height });
  }
  doc.end();
  return done;
}

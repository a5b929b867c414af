import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
/** DejaVu Serif: a free serif face with every Vietnamese glyph (as the documents module's prints). */
const FONTS = {
  serif: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf'),
  'serif-bold': require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf'),
  'serif-italic': require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Italic.ttf'),
} as const;

const M = { top: 56, bottom: 56, left: 56, right: 42 };

export interface Column {
  title: string;
  /** Relative width. */
  width: number;
  align?: 'left' | 'center' | 'right';
}
export interface Row {
  cells: string[];
  /** Heading rows (plan headings) are bold and span the title column. */
  bold?: boolean;
}

/**
 * A Decree 30 list in the appendix layout: the two-column heading (agency / national motto), the
 * title block, the numbered column headers ((1), (2)…), the rows, then closing lines and signatures.
 */
export class ListPdf {
  readonly doc: PDFKit.PDFDocument;
  private readonly out = new PassThrough();
  private readonly done: Promise<Buffer>;

  constructor(
    title: string,
    private readonly landscape = true,
  ) {
    this.doc = new PDFDocument({
      autoFirstPage: false,
      lang: 'vi-VN',
      displayTitle: true,
      info: { Title: title, Creator: 'Liên Thông', Producer: 'Liên Thông (pdfkit)' },
    });
    for (const [name, file] of Object.entries(FONTS)) this.doc.registerFont(name, file);
    this.doc.pipe(this.out);
    this.done = buffer(this.out);
    this.addPage();
  }

  private addPage() {
    this.doc.addPage({ size: 'A4', layout: this.landscape ? 'landscape' : 'portrait', margins: M });
  }

  get width() {
    return this.doc.page.width - M.left - M.right;
  }

  heading(parentName: string | null, agencyName: string) {
    const doc = this.doc;
    const leftW = this.width * 0.42;
    const rightX = M.left + leftW;
    const rightW = this.width - leftW;
    const top = M.top;
    doc.font('serif').fontSize(11);
    if (parentName)
      doc.text(parentName.toLocaleUpperCase('vi'), M.left, top, { width: leftW, align: 'center' });
    doc
      .font('serif-bold')
      .fontSize(11)
      .text(agencyName.toLocaleUpperCase('vi'), M.left, parentName ? doc.y : top, {
        width: leftW,
        align: 'center',
      });
    this.rule(M.left + leftW / 2, doc.y + 3, leftW / 3);
    const leftBottom = doc.y;
    doc.font('serif-bold').fontSize(11).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, {
      width: rightW,
      align: 'center',
    });
    doc.fontSize(12).text('Độc lập - Tự do - Hạnh phúc', { width: rightW, align: 'center' });
    this.rule(rightX + rightW / 2, doc.y + 2, doc.widthOfString('Độc lập - Tự do - Hạnh phúc'));
    doc.x = M.left;
    doc.y = Math.max(doc.y, leftBottom) + 18;
  }

  title(lines: { text: string; font?: 'serif' | 'serif-bold' | 'serif-italic'; size?: number }[]) {
    const doc = this.doc;
    for (const l of lines)
      doc
        .font(l.font ?? 'serif-bold')
        .fontSize(l.size ?? 13)
        .text(l.text, M.left, doc.y, { width: this.width, align: 'center' });
    this.rule(M.left + this.width / 2, doc.y + 4, 90);
    doc.moveDown(1.2);
  }

  paragraph(text: string, font: 'serif' | 'serif-bold' | 'serif-italic' = 'serif', size = 12) {
    this.doc.font(font).fontSize(size).text(text, M.left, this.doc.y, { width: this.width, align: 'left' });
  }

  table(columns: Column[], rows: Row[]) {
    const doc = this.doc;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const pad = 3;
    const drawRow = (
      cells: string[],
      font: string,
      size: number,
      aligns: ('left' | 'center' | 'right')[],
    ) => {
      doc.font(font).fontSize(size);
      const h =
        Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 2 * pad }))) +
        2 * pad;
      if (doc.y + h > doc.page.height - M.bottom) {
        this.addPage();
        doc.y = M.top;
      }
      const y = doc.y;
      let x = M.left;
      for (const [i, c] of cells.entries()) {
        doc.lineWidth(0.5).rect(x, y, widths[i]!, h).stroke();
        doc.text(c, x + pad, y + pad, { width: widths[i]! - 2 * pad, align: aligns[i] ?? 'left' });
        x += widths[i]!;
      }
      doc.x = M.left;
      doc.y = y + h;
    };
    drawRow(
      columns.map((c) => c.title),
      'serif-bold',
      10,
      columns.map(() => 'center'),
    );
    drawRow(
      columns.map((_, i) => `(${i + 1})`),
      'serif-italic',
      9,
      columns.map(() => 'center'),
    );
    for (const r of rows)
      drawRow(
        r.cells,
        r.bold ? 'serif-bold' : 'serif',
        10,
        columns.map((c) => c.align ?? 'left'),
      );
    doc.moveDown(1);
  }

  /** Signature blocks side by side (e.g. "ĐẠI DIỆN BÊN GIAO" / "ĐẠI DIỆN BÊN NHẬN"). */
  signatures(blocks: { role: string; name: string }[]) {
    const doc = this.doc;
    if (doc.y + 110 > doc.page.height - M.bottom) {
      this.addPage();
      doc.y = M.top;
    }
    const w = this.width / blocks.length;
    const y = doc.y;
    for (const [i, b] of blocks.entries()) {
      doc
        .font('serif-bold')
        .fontSize(12)
        .text(b.role, M.left + i * w, y, { width: w, align: 'center' });
      doc.font('serif-italic').fontSize(10).text('(Ký và ghi rõ họ và tên)', { width: w, align: 'center' });
      doc
        .font('serif-bold')
        .fontSize(12)
        .text(b.name, M.left + i * w, y + 80, { width: w, align: 'center' });
    }
    doc.x = M.left;
  }

  private rule(centerX: number, y: number, length: number) {
    this.doc
      .lineWidth(0.7)
      .moveTo(centerX - length / 2, y)
      .lineTo(centerX + length / 2, y)
      .stroke();
  }

  async end(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }
}

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];
export function roman(n: number): string {
  let s = '';
  for (const [v, r] of ROMAN)
    while (n >= v) {
      s += r;
      n -= v;
    }
  return s;
}

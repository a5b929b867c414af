import { createPdfBuffer, type FontName } from './document.ts';
import { type Band, drawHeading, drawSignatures, rule } from './layout.ts';
import { type Align, GridTable } from './table.ts';

const M = { top: 56, bottom: 56, left: 56, right: 42 };

export interface Column {
  title: string;
  /** Relative width. */
  width: number;
  align?: Align;
}
export interface Row {
  cells: string[];
  /** Heading rows (a plan's headings) are bold. */
  bold?: boolean;
}

/**
 * A list or record in the layout of the Decree 30 appendices, kept in memory: the two-column
 * heading (issuing body / national motto), the title block, the table with its numbered column
 * headers ((1), (2)…), paragraphs, then signatures.
 */
export class ListPdf {
  readonly doc: PDFKit.PDFDocument;
  private readonly finish: () => Promise<Buffer>;

  constructor(
    title: string,
    private readonly landscape = true,
  ) {
    const { doc, end } = createPdfBuffer({ title });
    this.doc = doc;
    this.finish = end;
    this.addPage();
  }

  private addPage() {
    this.doc.addPage({ size: 'A4', layout: this.landscape ? 'landscape' : 'portrait', margins: M });
    this.doc.y = M.top;
  }

  private get band(): Band {
    return { left: M.left, width: this.width };
  }

  private get bottom() {
    return this.doc.page.height - M.bottom;
  }

  get width() {
    return this.doc.page.width - M.left - M.right;
  }

  heading(parentName: string | null, agencyName: string) {
    this.doc.y = drawHeading(this.doc, this.band, M.top, { parentName, agencyName }) + 18;
  }

  title(lines: { text: string; font?: FontName; size?: number }[]) {
    const doc = this.doc;
    for (const l of lines)
      doc
        .font(l.font ?? 'serif-bold')
        .fontSize(l.size ?? 13)
        .text(l.text, M.left, doc.y, { width: this.width, align: 'center' });
    rule(doc, M.left + this.width / 2, doc.y + 4, 90);
    doc.moveDown(1.2);
  }

  paragraph(text: string, font: FontName = 'serif', size = 12) {
    this.doc.font(font).fontSize(size).text(text, M.left, this.doc.y, { width: this.width, align: 'left' });
  }

  /** The table from the current line, going on to new pages as needed. */
  table(columns: Column[], rows: Row[]) {
    const doc = this.doc;
    const table = new GridTable(
      doc,
      this.band,
      columns.map((c) => ({ title: c.title, weight: c.width, align: c.align })),
      { maxRow: this.bottom - M.top },
    );
    if (doc.y + table.headerHeight > this.bottom) this.addPage();
    table.drawHeader(doc.y);
    let y = doc.y + table.headerHeight;
    for (const r of rows) {
      const font = r.bold ? 'serif-bold' : 'serif';
      const h = table.measure(r.cells, font);
      if (y + h > this.bottom) {
        this.addPage();
        y = M.top;
      }
      table.drawRow(r.cells, y, h, font);
      y += h;
    }
    doc.x = M.left;
    doc.y = y;
    doc.moveDown(1);
  }

  /** Signature blocks side by side (e.g. "ĐẠI DIỆN BÊN GIAO" / "ĐẠI DIỆN BÊN NHẬN"). */
  signatures(blocks: { role: string; name: string }[]) {
    drawSignatures(this.doc, this.band, blocks, () => this.addPage(), this.bottom);
  }

  end(): Promise<Buffer> {
    return this.finish();
  }
}

import type { FontName } from './document.ts';
import type { Band } from './layout.ts';

export type Align = 'left' | 'center' | 'right';

export interface GridColumn {
  title: string;
  /** Relative width: the band is shared in proportion to the weights. */
  weight: number;
  align?: Align;
}

/** Type sizes and spacing of a table; the defaults are those of a list on A4. */
export interface GridStyle {
  headSize: number;
  /** The "(1) (2) …" row under the headings, as the Decree 30 appendices number their columns. */
  numberSize: number;
  numberHeight: number;
  bodySize: number;
  /** Space between a cell's border and its text. */
  pad: number;
  /** Smallest row height. */
  minRow: number;
  /** Tallest row height; longer text ends with "…" (a row never runs over a page). */
  maxRow: number;
}

const DEFAULT_STYLE: GridStyle = {
  headSize: 10,
  numberSize: 9,
  numberHeight: 16,
  bodySize: 10,
  pad: 3,
  minRow: 0,
  maxRow: Number.POSITIVE_INFINITY,
};

/**
 * A ruled table: columns laid out across a band, text wrapped inside its cell, a heading row with
 * the columns' numbers under it. The caller places rows (and pages): `measure` says how tall a row
 * is, `drawRow` draws it at a given height, so a long printout can measure everything first and
 * number its pages before drawing any.
 */
export class GridTable {
  readonly columns: (Required<GridColumn> & { x: number; width: number })[];
  readonly style: GridStyle;
  readonly headerHeight: number;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    band: Band,
    columns: GridColumn[],
    style: Partial<GridStyle> = {},
  ) {
    this.style = { ...DEFAULT_STYLE, ...style };
    const total = columns.reduce((s, c) => s + c.weight, 0);
    let x = band.left;
    this.columns = columns.map((c) => {
      const width = (c.weight / total) * band.width;
      const col = { title: c.title, weight: c.weight, align: c.align ?? 'left', x, width };
      x += width;
      return col;
    });
    doc.font('serif-bold').fontSize(this.style.headSize);
    const headings = Math.max(...this.columns.map((c) => this.textHeight(c.title, c.width)));
    this.headerHeight = headings + 2 * this.style.pad + this.style.numberHeight;
  }

  /** The height of a cell's text in the current font, wrapped to the column. */
  textHeight(text: string, width: number): number {
    if (!text) return 0;
    const inner = width - 2 * this.style.pad;
    // Most cells fit on one line; measuring the width is much cheaper than wrapping the text.
    if (!text.includes('\n') && this.doc.widthOfString(text) <= inner)
      return this.doc.currentLineHeight(true);
    return this.doc.heightOfString(text, { width: inner, lineGap: 0 });
  }

  /** A row's height, between the style's smallest and tallest. */
  measure(cells: string[], font: FontName = 'serif'): number {
    const { bodySize, pad, minRow, maxRow } = this.style;
    this.doc.font(font).fontSize(bodySize);
    const h = Math.max(...cells.map((t, i) => this.textHeight(t, this.columns[i]!.width)));
    return Math.min(Math.max(minRow, h + 2 * pad), maxRow);
  }

  /** The heading row at `y`, each column's title centred in its box above its number. */
  drawHeader(y: number) {
    const doc = this.doc;
    const { headSize, numberSize, numberHeight, pad } = this.style;
    const numbersY = y + this.headerHeight - numberHeight;
    doc.lineWidth(0.6);
    this.columns.forEach((c, i) => {
      doc.rect(c.x, y, c.width, numbersY - y).stroke();
      doc.rect(c.x, numbersY, c.width, numberHeight).stroke();
      doc.font('serif-bold').fontSize(headSize);
      const h = this.textHeight(c.title, c.width);
      doc.text(c.title, c.x + pad, y + (numbersY - y - h) / 2, {
        width: c.width - 2 * pad,
        align: 'center',
        lineGap: 0,
      });
      doc.font('serif-italic').fontSize(numberSize);
      doc.text(`(${i + 1})`, c.x, numbersY + (numberHeight - doc.currentLineHeight(true)) / 2, {
        width: c.width,
        align: 'center',
        lineBreak: false,
      });
    });
  }

  /** One row at `y`, `h` high (from `measure`); text longer than the row ends with "…". */
  drawRow(cells: string[], y: number, h: number, font: FontName = 'serif') {
    const doc = this.doc;
    const { bodySize, pad } = this.style;
    doc.lineWidth(0.4).font(font).fontSize(bodySize);
    this.columns.forEach((c, i) => {
      doc.rect(c.x, y, c.width, h).stroke();
      const text = cells[i];
      if (!text) return;
      doc.text(text, c.x + pad, y + pad, {
        width: c.width - 2 * pad,
        height: h - 2 * pad,
        ellipsis: true,
        lineGap: 0,
        align: c.align,
      });
    });
  }

  /** A line of text across the whole table at `y` ("Không có văn bản nào…"), in a box `h` high. */
  drawNote(y: number, text: string, h = 24) {
    const first = this.columns[0]!;
    const last = this.columns[this.columns.length - 1]!;
    const width = last.x + last.width - first.x;
    this.doc.lineWidth(0.4).rect(first.x, y, width, h).stroke();
    this.doc
      .font('serif-italic')
      .fontSize(this.style.bodySize)
      .text(text, first.x, y + (h - this.doc.currentLineHeight(true)) / 2, { width, align: 'center' });
  }
}

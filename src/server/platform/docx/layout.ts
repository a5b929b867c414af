/**
 * The building blocks of an administrative document in the Decree 30/2020 layout (Appendix I) with
 * the `docx` library, no domain knowledge: Times New Roman runs, paragraphs, the short line under a
 * name or the motto, the borderless two-column header and signature tables. The built-in drafting
 * templates and the reports' DOCX are both made of them.
 */
import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';

export const FONT = 'Times New Roman';
/** Twips per millimetre. */
export const MM = 56.7;
export const tw = (mm: number) => Math.round(mm * MM);
/** Text width on A4 with the decree's 30 + 15 mm margins. */
export const TEXT_MM = 210 - 30 - 15;

export const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
export const NO_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};

export type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

/** Characters XML 1.0 does not allow (a user's pasted text may carry them) would break the file. */
export function clean(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/\t/g, ' ');
}

export interface RunOpts {
  /** Points (default 14). */
  size?: number;
  bold?: boolean;
  italics?: boolean;
}
export function run(text: string, o: RunOpts = {}) {
  return new TextRun({
    text: clean(text),
    font: FONT,
    size: (o.size ?? 14) * 2,
    bold: o.bold,
    italics: o.italics,
  });
}

export interface ParaOpts {
  align?: Align;
  before?: number;
  after?: number;
  /** First-line indent, in twips. */
  indent?: number;
  keepNext?: boolean;
  /** Line spacing in 240ths of a line (default single). */
  line?: number;
}
export function para(runs: TextRun[], o: ParaOpts = {}) {
  return new Paragraph({
    children: runs,
    alignment: o.align ?? AlignmentType.LEFT,
    spacing: { before: o.before ?? 0, after: o.after ?? 0, line: o.line ?? 240, lineRule: LineRuleType.AUTO },
    ...(o.indent ? { indent: { firstLine: o.indent } } : {}),
    ...(o.keepNext ? { keepNext: true } : {}),
  });
}
export const centre = (runs: TextRun[], o: Omit<ParaOpts, 'align'> = {}) =>
  para(runs, { ...o, align: AlignmentType.CENTER });

/** The short line under a name, the motto or the subject: a bottom border on an indented empty paragraph. */
export function shortLine(widthMm: number, cellMm: number) {
  const side = Math.max(0, tw((cellMm - widthMm) / 2));
  return new Paragraph({
    children: [],
    spacing: { before: 0, after: 120, line: 120, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    indent: { left: side, right: side },
  });
}

function plainCell(children: Paragraph[], widthMm: number) {
  return new TableCell({
    children,
    width: { size: tw(widthMm), type: WidthType.DXA },
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
    verticalAlign: VerticalAlign.TOP,
  });
}

/** The borderless two-column table of the header (agency | Quốc hiệu) and of "Nơi nhận" | signature. */
export function twoColumns(left: Paragraph[], right: Paragraph[], leftMm: number, rightMm: number) {
  return new Table({
    rows: [new TableRow({ children: [plainCell(left, leftMm), plainCell(right, rightMm)], cantSplit: true })],
    width: { size: tw(leftMm + rightMm), type: WidthType.DXA },
    columnWidths: [tw(leftMm), tw(rightMm)],
    borders: NO_BORDERS,
  });
}

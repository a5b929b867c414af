/**
 * The built-in templates: one DOCX per document type, laid out per Decree 30/2020 Appendix I
 * (Times New Roman, A4, margins top/bottom 20 mm, left 30 mm, right 15 mm), with docxtemplater tags
 * (shared/drafting/fields.ts). Made with the `docx` library once per type and kept in memory.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { DOCUMENT_TYPES } from '../../../shared/documents/decree30.ts';
import { KINH_GUI_TYPES } from '../../../shared/drafting/rules.ts';

const FONT = 'Times New Roman';
const MM = 56.7; // twips per mm
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};

interface RunOpts {
  size?: number;
  bold?: boolean;
  italics?: boolean;
}
function run(text: string, o: RunOpts = {}) {
  return new TextRun({ text, font: FONT, size: (o.size ?? 14) * 2, bold: o.bold, italics: o.italics });
}
function para(
  runs: TextRun[],
  o: {
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    before?: number;
    after?: number;
    indent?: number;
  } = {},
) {
  return new Paragraph({
    children: runs,
    alignment: o.align ?? AlignmentType.LEFT,
    spacing: { before: o.before ?? 0, after: o.after ?? 0, line: 240, lineRule: LineRuleType.AUTO },
    ...(o.indent ? { indent: { firstLine: o.indent } } : {}),
  });
}
const centre = (runs: TextRun[], o: { before?: number; after?: number } = {}) =>
  para(runs, { ...o, align: AlignmentType.CENTER });
/** The short line under a name or the motto: a bottom border on an indented empty paragraph. */
function shortLine(widthMm: number, cellMm: number) {
  const side = Math.max(0, Math.round(((cellMm - widthMm) / 2) * MM));
  return new Paragraph({
    children: [],
    spacing: { before: 0, after: 120, line: 120, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    indent: { left: side, right: side },
  });
}
function cell(children: Paragraph[], widthMm: number) {
  return new TableCell({
    children,
    width: { size: Math.round(widthMm * MM), type: WidthType.DXA },
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
    verticalAlign: VerticalAlign.TOP,
  });
}
function twoColumns(left: Paragraph[], right: Paragraph[], leftMm: number, rightMm: number) {
  return new Table({
    rows: [new TableRow({ children: [cell(left, leftMm), cell(right, rightMm)] })],
    width: { size: Math.round((leftMm + rightMm) * MM), type: WidthType.DXA },
    columnWidths: [Math.round(leftMm * MM), Math.round(rightMm * MM)],
    borders: NO_BORDERS,
  });
}

/** Text width on A4 with 30 + 15 mm margins. */
const TEXT_MM = 210 - 30 - 15;
const LEFT_MM = 64;
const RIGHT_MM = TEXT_MM - LEFT_MM;

/** The DOCX template of a type (the built-in layout). */
export async function builtinTemplate(typeCode: string): Promise<Buffer> {
  const congVan = typeCode === 'cong_van';
  const left = [
    centre([run('{parentName}', { size: 12 })]),
    centre([run('{issuerName}', { size: 12, bold: true })]),
    shortLine(20, LEFT_MM),
    centre([run('Số: {number}/{notation}', { size: 13 })]),
    ...(congVan ? [centre([run('V/v {summary}', { size: 12 })], { before: 60 })] : []),
  ];
  const right = [
    centre([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true })]),
    centre([run('Độc lập - Tự do - Hạnh phúc', { size: 14, bold: true })]),
    shortLine(60, RIGHT_MM),
    centre([run('{place}, ngày {day} tháng {month} năm {year}', { size: 14, italics: true })]),
  ];
  const title = congVan
    ? []
    : [
        centre([run('{typeTitle}', { size: 14, bold: true })], { before: 360 }),
        centre([run('{summary}', { size: 14, bold: true })]),
        shortLine(30, TEXT_MM),
      ];
  const kinhGui = KINH_GUI_TYPES.has(typeCode)
    ? [
        centre([run('Kính gửi:{kinhGuiInline}', { size: 14 })], { before: 240, after: 0 }),
        para([run('{#kinhGui}', { size: 14 })]),
        para([run('{line}', { size: 14 })], { indent: Math.round(50 * MM) }),
        para([run('{/kinhGui}', { size: 14 })]),
      ]
    : [];
  const body = [
    para([run('{#paragraphs}')]),
    para([run('{text}')], { align: AlignmentType.JUSTIFIED, indent: Math.round(10 * MM), before: 120 }),
    para([run('{/paragraphs}')]),
  ];
  const recipients = [
    para([run('Nơi nhận:', { size: 12, bold: true, italics: true })]),
    para([run('{#noiNhan}', { size: 11 })]),
    para([run('{line}', { size: 11 })]),
    para([run('{/noiNhan}', { size: 11 })]),
  ];
  const signature = [
    centre([run('{competenceLine}', { size: 14, bold: true })]),
    centre([run('{positionLine}', { size: 14, bold: true })]),
    centre([run('')]),
    centre([run('')]),
    centre([run('')]),
    centre([run('')]),
    centre([run('{signerName}', { size: 14, bold: true })]),
  ];
  const doc = new Document({
    creator: 'Liên Thông',
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: {
              top: Math.round(20 * MM),
              bottom: Math.round(20 * MM),
              left: Math.round(30 * MM),
              right: Math.round(15 * MM),
            },
          },
        },
        children: [
          twoColumns(left, right, LEFT_MM, RIGHT_MM),
          ...title,
          ...kinhGui,
          ...body,
          para([run('')], { before: 240 }),
          twoColumns(recipients, signature, 80, TEXT_MM - 80),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Types with a built-in template (all of Decree 30's, not "văn bản khác"). */
export const BUILTIN_TYPES: string[] = DOCUMENT_TYPES.map((t) => t.code).filter((c) => c !== 'van_ban_khac');

const cache = new Map<string, Promise<Buffer>>();
export function builtinTemplateCached(typeCode: string): Promise<Buffer> {
  let p = cache.get(typeCode);
  if (!p) {
    p = builtinTemplate(typeCode);
    cache.set(typeCode, p);
  }
  return p;
}

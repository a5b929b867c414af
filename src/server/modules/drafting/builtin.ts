/**
 * The built-in templates: one DOCX per document type, laid out per Decree 30/2020 Appendix I
 * (Times New Roman, A4, margins top/bottom 20 mm, left 30 mm, right 15 mm), with docxtemplater tags
 * (shared/drafting/fields.ts). Made with the `docx` library once per type and kept in memory.
 */
import { AlignmentType, Document, Packer } from 'docx';
import { DOCUMENT_TYPES } from '../../../shared/documents/decree30.ts';
import { KINH_GUI_TYPES } from '../../../shared/drafting/rules.ts';
import { centre, FONT, MM, para, run, shortLine, TEXT_MM, twoColumns } from '../../platform/docx/layout.ts';

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

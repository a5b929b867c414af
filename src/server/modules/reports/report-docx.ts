/**
 * A report (ReportDocument, report-document.ts) as an administrative document in the Decree 30/2020
 * layout (Appendix I): DOCX with the `docx` library, PDF through LibreOffice (platform/office).
 *
 * For routes:
 *   reportDocx(doc: ReportDocument): Promise<Buffer>            — the DOCX (same as renderReportDocx)
 *   reportPdf(ctx: Ctx, doc: ReportDocument): Promise<Buffer>   — the PDF through the process's warm
 *       LibreOffice pool of ctx.config.dataDir (officeFor, as drafting does; the pool is shared per
 *       process and stopped by drafting's onClose hook, closeOffice(dataDir), which is idempotent).
 *       A failed conversion throws AppError('conflict', 'Không chuyển được báo cáo sang PDF: …').
 *   REPORT_DOCX_TYPE / REPORT_PDF_TYPE, reportFileName(doc, 'docx' | 'pdf') for the reply headers.
 * Lower level: renderReportDocx(doc) and renderReportPdf(office: OfficeConverter, doc).
 *
 * Layout: A4, margins top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman 13–14 pt; header
 * table (parent body upper case, issuing agency upper case bold with a short line, "Số:      /BC-…";
 * Quốc hiệu, Tiêu ngữ with its line, the italic date line); "BÁO CÁO" and the subject, bold, centred;
 * sections numbered I., II., … (text: paragraphs, an agency's name as a bold sub-heading; table: STT,
 * Nội dung, Đơn vị tính, Số liệu with borders, the header row repeated on each page); for a
 * consolidated report the agencies that did not report; "Nơi nhận" and the signature block; page
 * numbers centred in the top margin from page 2.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { formatViLongDate } from '../../../shared/calendar/vn-time.ts';
import { roman } from '../../../shared/vi-text.ts';
import type { Ctx } from '../../platform/context.ts';
import {
  type Align,
  centre,
  clean,
  FONT,
  para,
  run,
  shortLine,
  TEXT_MM,
  tw,
  twoColumns,
} from '../../platform/docx/layout.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type OfficeConverter, officeFor } from '../../platform/office/index.ts';
import type { ReportDocument, ReportDocumentSection } from './report-document.ts';

export const REPORT_DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const REPORT_PDF_TYPE = 'application/pdf';

const LEFT_MM = 64;
const RIGHT_MM = TEXT_MM - LEFT_MM;

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const GRID = {
  top: LINE,
  bottom: LINE,
  left: LINE,
  right: LINE,
  insideHorizontal: LINE,
  insideVertical: LINE,
};

/** A bordered table; the first row is the header (bold, centred, repeated on each page). */
function grid(header: string[], rows: { text: string; align?: Align }[][], widthsMm: number[]) {
  const gridCell = (text: string, widthMm: number, o: { bold?: boolean; align?: Align }) =>
    new TableCell({
      children: [
        para([run(text, { size: 13, bold: o.bold })], {
          align: o.align ?? AlignmentType.LEFT,
          before: 40,
          after: 40,
        }),
      ],
      width: { size: tw(widthMm), type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 80, right: 80 },
    });
  return new Table({
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: header.map((h, i) =>
          gridCell(h, widthsMm[i]!, { bold: true, align: AlignmentType.CENTER }),
        ),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.map((c, i) => gridCell(c.text, widthsMm[i]!, { align: c.align })),
          }),
      ),
    ],
    width: { size: tw(widthsMm.reduce((a, b) => a + b, 0)), type: WidthType.DXA },
    columnWidths: widthsMm.map(tw),
    borders: GRID,
  });
}

/** Vietnamese upper case (Đ, Ư, Ơ and tones are handled by the locale-free toUpperCase). */
const upper = (s: string) => s.toLocaleUpperCase('vi');

/** "Nơi nhận" lines as the decree writes them: "- …;" and the last one ending with ".". */
export function recipientLines(recipients: string[]): string[] {
  const lines = recipients.map((r) => r.trim().replace(/^[-–•]\s*/, '')).filter(Boolean);
  return lines.map((l, i) => {
    const bare = l.replace(/[;.,]+$/, '');
    return `- ${bare}${i === lines.length - 1 ? '.' : ';'}`;
  });
}

const BODY_INDENT = tw(10);
const bodyPara = (text: string) =>
  para([run(text)], { align: AlignmentType.JUSTIFIED, indent: BODY_INDENT, before: 120, line: 264 });

function sectionBlocks(section: ReportDocumentSection, index: number): (Paragraph | Table)[] {
  const heading = para([run(`${roman(index + 1)}. ${upper(section.title)}`, { bold: true })], {
    align: AlignmentType.JUSTIFIED,
    indent: BODY_INDENT,
    before: 240,
    after: 60,
    keepNext: true,
  });
  if (section.kind === 'table') {
    const rows = section.rows.map((r, i) => [
      { text: String(i + 1), align: AlignmentType.CENTER },
      { text: r.label },
      { text: r.unit ?? '', align: AlignmentType.CENTER },
      { text: r.value, align: AlignmentType.RIGHT },
    ]);
    return [
      heading,
      grid(['STT', 'Nội dung', 'Đơn vị tính', 'Số liệu'], rows, [13, 94, 28, TEXT_MM - 13 - 94 - 28]),
    ];
  }
  const out: (Paragraph | Table)[] = [heading];
  for (const p of section.paragraphs) {
    if (p.heading)
      out.push(
        para([run(p.heading, { bold: true })], {
          align: AlignmentType.JUSTIFIED,
          indent: BODY_INDENT,
          before: 160,
          keepNext: true,
        }),
      );
    for (const line of p.text.split(/\r?\n/)) if (line.trim()) out.push(bodyPara(line.trim()));
  }
  return out;
}

function missingBlocks(
  missing: NonNullable<ReportDocument['missing']>,
  index: number,
): (Paragraph | Table)[] {
  const heading = para(
    [run(`${roman(index + 1)}. ${upper('Các đơn vị chưa gửi báo cáo')}`, { bold: true })],
    {
      align: AlignmentType.JUSTIFIED,
      indent: BODY_INDENT,
      before: 240,
      after: 60,
      keepNext: true,
    },
  );
  if (missing.length === 0) return [heading, bodyPara('Tất cả các đơn vị đã gửi báo cáo.')];
  return [
    heading,
    bodyPara(`Có ${missing.length} đơn vị chưa gửi báo cáo hoặc báo cáo chưa được tiếp nhận:`),
    grid(
      ['STT', 'Đơn vị', 'Tình trạng'],
      missing.map((m, i) => [
        { text: String(i + 1), align: AlignmentType.CENTER },
        { text: m.agencyName },
        { text: m.status, align: AlignmentType.CENTER },
      ]),
      [13, 107, TEXT_MM - 13 - 107],
    ),
  ];
}

/** The report as a DOCX in the Decree 30/2020 layout. */
export async function renderReportDocx(doc: ReportDocument): Promise<Buffer> {
  const left = [
    ...(doc.issuer.parentName ? [centre([run(upper(doc.issuer.parentName), { size: 12 })])] : []),
    centre([run(upper(doc.issuer.name), { size: 12, bold: true })]),
    shortLine(22, LEFT_MM),
    centre([run(`Số:        /${doc.numberSuffix}`, { size: 13 })]),
  ];
  const right = [
    centre([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 13, bold: true })]),
    centre([run('Độc lập - Tự do - Hạnh phúc', { size: 14, bold: true })]),
    shortLine(62, RIGHT_MM),
    centre([run(`${doc.place.trim()}, ${formatViLongDate(doc.date)}`, { size: 14, italics: true })]),
  ];
  const title = [
    centre([run('BÁO CÁO', { size: 14, bold: true })], { before: 360, keepNext: true }),
    centre([run(doc.subject, { size: 14, bold: true })], { keepNext: true }),
    shortLine(40, TEXT_MM),
  ];
  const body: (Paragraph | Table)[] = doc.sections.flatMap((s, i) => sectionBlocks(s, i));
  if (doc.missing) body.push(...missingBlocks(doc.missing, doc.sections.length));

  const recipients = [
    para([run('Nơi nhận:', { size: 12, bold: true, italics: true })]),
    ...recipientLines(doc.recipients).map((l) => para([run(l, { size: 11 })])),
  ];
  const signature = [
    centre([run(upper(doc.signer.position), { size: 14, bold: true })]),
    ...Array.from({ length: 4 }, () => centre([run('')])),
    centre([run(doc.signer.name ?? '', { size: 14, bold: true })]),
  ];

  const document = new Document({
    creator: 'Liên Thông',
    title: `Báo cáo: ${clean(doc.subject)}`,
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: tw(210), height: tw(297) },
            margin: { top: tw(20), bottom: tw(20), left: tw(30), right: tw(15), header: tw(10) },
          },
        },
        headers: {
          first: new Header({ children: [] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 26 })],
              }),
            ],
          }),
        },
        children: [
          twoColumns(left, right, LEFT_MM, RIGHT_MM),
          ...title,
          ...body,
          para([run('')], { before: 240 }),
          twoColumns(recipients, signature, 80, TEXT_MM - 80),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** The report as a PDF: its DOCX converted by the given LibreOffice converter. */
export async function renderReportPdf(office: OfficeConverter, doc: ReportDocument): Promise<Buffer> {
  return office.convertToPdf(await renderReportDocx(doc));
}

/** For routes: the DOCX. */
export const reportDocx = renderReportDocx;

/** For routes: the PDF through the process's warm LibreOffice pool (as drafting does). */
export async function reportPdf(ctx: Pick<Ctx, 'config'>, doc: ReportDocument): Promise<Buffer> {
  try {
    return await renderReportPdf(officeFor(ctx.config.dataDir), doc);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('conflict', `Không chuyển được báo cáo sang PDF: ${(e as Error).message}`);
  }
}

/** "bao-cao-BC-STTTT-2026-07-15.docx": ASCII, safe in a content-disposition header. */
export function reportFileName(doc: ReportDocument, ext: 'docx' | 'pdf'): string {
  const suffix = doc.numberSuffix.replace(/[^A-Za-z0-9-]+/g, '');
  return `bao-cao-${suffix || 'BC'}-${doc.date}.${ext}`;
}

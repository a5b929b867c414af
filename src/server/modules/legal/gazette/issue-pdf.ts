/**
 * The issue's PDF as the gazette prints it: a cover with the gazette's name, the issue's number (or
 * range, "Số 1271 + 1272") and date, the contents list (each document's number, date, title and the
 * page it starts on), then every document's signed PDF, bound in order with pdf-lib.
 */
import { formatViDate } from '../../../../shared/calendar/vn-time.ts';
import { ListPdf, PdfBinder, pdfPageCount } from '../../../platform/pdf/index.ts';

export interface IssuePdfInput {
  /** The gazette's name, e.g. "CÔNG BÁO TỈNH VĨNH LONG". */
  gazetteTitle: string;
  /** Who publishes it, e.g. "Văn phòng Ủy ban nhân dân tỉnh". */
  officeName: string;
  label: string;
  issueDate: string;
  documents: {
    numberNotation: string;
    issuedDate: string;
    title: string;
    /** The document's PDF; null lists it without pages (the demo's records carry no file). */
    pdf: Uint8Array | null;
  }[];
}

/** "Ngày 21-11-2020", as gazette covers print it. */
const coverDate = (date: string) => `Ngày ${formatViDate(date).replaceAll('/', '-')}`;

async function front(input: IssuePdfInput, startPages: number[], offset: number): Promise<Buffer> {
  const list = new ListPdf(`${input.gazetteTitle} ${input.label}`, false);
  list.title([
    { text: input.gazetteTitle.toLocaleUpperCase('vi'), size: 24 },
    { text: input.label, size: 16 },
    { text: coverDate(input.issueDate), size: 13, font: 'serif-italic' },
  ]);
  list.paragraph('MỤC LỤC', 'serif-bold', 14);
  list.doc.moveDown(0.5);
  list.table(
    [
      { title: 'STT', width: 6, align: 'center' },
      { title: 'Số, ký hiệu', width: 22 },
      { title: 'Ngày ban hành', width: 14, align: 'center' },
      { title: 'Trích yếu nội dung', width: 48 },
      { title: 'Trang', width: 10, align: 'center' },
    ],
    input.documents.map((d, i) => ({
      cells: [
        String(i + 1),
        d.numberNotation,
        formatViDate(d.issuedDate),
        d.title,
        startPages[i] ? String(startPages[i]! + offset) : '—',
      ],
    })),
  );
  list.paragraph(`${input.officeName} xuất bản`, 'serif-italic', 11);
  return list.end();
}

/** The whole issue; throws `unreadable` with the index of a document whose PDF pdf-lib cannot read. */
export async function buildIssuePdf(input: IssuePdfInput): Promise<Buffer> {
  const body = await PdfBinder.create();
  const starts: number[] = [];
  for (const [i, d] of input.documents.entries()) {
    try {
      starts.push(d.pdf ? await body.append(d.pdf) : 0);
    } catch {
      throw Object.assign(new Error('unreadable PDF'), { unreadable: i });
    }
  }
  // The page numbers count the cover and contents too: print once to know how many pages they take.
  const draft = await front(input, starts, 0);
  const frontPages = (await pdfPageCount(draft)) ?? 1;
  const cover = await front(input, starts, frontPages);
  return body.save(cover, { title: `${input.gazetteTitle} ${input.label}` });
}

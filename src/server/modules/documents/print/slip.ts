/**
 * The "Phiếu giải quyết văn bản đến" (Decree 30/2020, Appendix IV, VII): the paper on which the
 * directions for an incoming document are written (Art. 23.3). Filled from the document's
 * timeline; a section nobody has acted on yet is left as dotted lines to be written by hand.
 */
import type { Writable } from 'node:stream';
import { z } from 'zod';
import { viDate, viDateOfInstant } from '../../../../shared/calendar/vn-time.ts';
import { formatDocumentDate, formatNumber } from '../../../../shared/documents/decree30.ts';
import type { DocumentView } from '../../../../shared/schemas/documents.ts';
import {
  type Band,
  createPdf,
  drawFillLine,
  drawHeading,
  finishPdf,
  rule,
} from '../../../platform/pdf/index.ts';
import { typeName } from './labels.ts';

type SlipEvent = DocumentView['events'][number];

/** Decree 30/2020, Appendix I, Part I: margins of 20–25 mm top and bottom, 30–35 mm left, 15–20 mm right. */
const MARGIN = { top: 57, bottom: 57, left: 85, right: 50 };
const SIZE = 12;

// What the services record in the events' data (incoming.ts: direct, reassign).
const handlerRef = z.object({ divisionId: z.string().optional(), personId: z.string().optional() });
const directedData = z.object({
  lead: handlerRef.optional(),
  coHandlers: z.array(handlerRef).default([]),
  forInfo: z.array(handlerRef).default([]),
  dueDate: z.string().nullable().optional(),
});
const reassignedData = z.object({
  personId: z.string().optional(),
  dueDate: z.string().nullable().optional(),
});

/** One opinion on the slip: its lines and who gave it. */
interface Opinion {
  quote?: string | null;
  lines: string[];
  by: string | null;
}

/** Names of the divisions and people the document was assigned to, by id. */
function namesOf(view: DocumentView): Map<string, string> {
  const names = new Map<string, string>();
  for (const a of view.assignments) {
    if (a.divisionId && a.divisionName) names.set(a.divisionId, a.divisionName);
    if (a.personId && a.personName) names.set(a.personId, a.personName);
  }
  return names;
}

function nameList(refs: z.infer<typeof handlerRef>[], names: Map<string, string>): string {
  return refs
    .map((r) => names.get(r.divisionId ?? r.personId ?? '') ?? '……')
    .filter(Boolean)
    .join('; ');
}

/** 1. The agency leader's opinion: lead, co-handlers, deadline, date (Appendix IV, VII.1). */
export function agencyLeaderOpinions(view: DocumentView): Opinion[] {
  const names = namesOf(view);
  return byKind(view.events, ['directed']).map((e) => {
    const d = directedData.safeParse(e.data ?? {});
    const data = d.success ? d.data : directedData.parse({});
    const lines = [`- Giao đơn vị, cá nhân chủ trì: ${data.lead ? nameList([data.lead], names) : '……'}`];
    if (data.coHandlers.length) lines.push(`- Phối hợp giải quyết: ${nameList(data.coHandlers, names)}`);
    if (data.forInfo.length) lines.push(`- Để biết: ${nameList(data.forInfo, names)}`);
    if (data.dueDate) lines.push(`- Thời hạn giải quyết: ${viDate(data.dueDate)}`);
    lines.push(`- Ngày cho ý kiến phân phối, giải quyết: ${viDateOfInstant(e.at)}`);
    return { quote: e.note, lines, by: e.actorName };
  });
}

/** 2. The division leader's opinion: the person given the work and their deadline (VII.2). */
export function divisionLeaderOpinions(view: DocumentView): Opinion[] {
  const names = namesOf(view);
  return byKind(view.events, ['reassigned']).map((e) => {
    const d = reassignedData.safeParse(e.data ?? {});
    const data = d.success ? d.data : {};
    const due = data.dueDate ? `; thời hạn giải quyết: ${viDate(data.dueDate)}` : '';
    return {
      quote: e.note,
      lines: [
        `- Giao cho: ${names.get(data.personId ?? '') ?? '……'}${due}`,
        `- Ngày cho ý kiến: ${viDateOfInstant(e.at)}`,
      ],
      by: e.actorName,
    };
  });
}

/** 3. The handler's proposals, as they recorded their progress (VII.3). */
export function handlerProposals(view: DocumentView): Opinion[] {
  return byKind(view.events, ['progress', 'handled']).map((e) => ({
    lines: [
      `- ${e.note ?? ''}${e.kind === 'handled' ? ' (đã hoàn thành)' : ''}`,
      `- Ngày đề xuất ý kiến: ${viDateOfInstant(e.at)}`,
    ],
    by: e.actorName,
  }));
}

const byKind = (events: SlipEvent[], kinds: string[]) => events.filter((e) => kinds.includes(e.kind));

/** "Chỉ thị số 10/2006/CT-TTg ngày 23 tháng 3 năm 2006 của Thủ tướng Chính phủ" (the slip's subtitle). */
export function describeDocument(view: DocumentView): string {
  let s = typeName(view.typeCode);
  if (view.numberNotation) s += ` số ${view.numberNotation}`;
  if (view.issuedDate) s += ` ${formatDocumentDate(view.issuedDate)}`;
  if (view.issuerName) s += ` của ${view.issuerName}`;
  return s;
}

class SlipWriter {
  readonly width: number;
  private readonly band: Band;
  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.width = doc.page.width - MARGIN.left - MARGIN.right;
    this.band = { left: MARGIN.left, width: this.width };
  }

  /** The two-column heading of Appendix IV, VII: the agency, the national motto, place and date. */
  heading(agencyName: string, place: string, date: string | undefined) {
    drawHeading(this.doc, this.band, MARGIN.top, {
      agencyName,
      leftShare: 0.4,
      size: 10.5,
      mottoSize: 11,
      placeAndDate: { place, date },
    });
    this.doc.moveDown(1.5);
  }

  title(view: DocumentView) {
    const doc = this.doc;
    const center = { width: this.width, align: 'center' as const };
    doc.font('serif-bold').fontSize(14).text('PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN', MARGIN.left, doc.y, center);
    doc.moveDown(0.3).font('serif').fontSize(SIZE).text(describeDocument(view), center);
    doc.text(view.summary, center);
    if (view.arrivalNumber !== null) {
      const arrived = view.arrivedAt ? `, ngày đến: ${viDateOfInstant(view.arrivedAt)}` : '';
      doc
        .font('serif-italic')
        .fontSize(10.5)
        .text(`(Số đến: ${formatNumber(view.arrivalNumber)}${arrived})`, center);
    }
    rule(doc, MARGIN.left + this.width / 2, doc.y + 8, 120);
    doc.moveDown(1.6);
  }

  /**
   * One numbered section: its opinions, or — nobody has acted yet — the decree's items followed by
   * dotted lines, to be filled in by hand on paper (Art. 23.3).
   */
  section(heading: string, opinions: Opinion[], blank: string[]) {
    const doc = this.doc;
    doc.font('serif-bold').fontSize(SIZE).text(heading, MARGIN.left, doc.y, { width: this.width });
    doc.moveDown(0.3);
    if (opinions.length === 0) for (const label of blank) this.fill(label);
    for (const o of opinions) this.opinion(o);
    doc.moveDown(0.8);
  }

  private opinion(o: Opinion) {
    const doc = this.doc;
    const opts = { width: this.width, align: 'left' as const };
    if (o.quote) doc.font('serif-italic').fontSize(SIZE).text(`“${o.quote}”`, MARGIN.left, doc.y, opts);
    doc.font('serif').fontSize(SIZE);
    for (const line of o.lines) doc.text(line, MARGIN.left, doc.y, opts);
    if (o.by) {
      doc
        .moveDown(0.2)
        .font('serif-bold')
        .text(o.by, MARGIN.left + this.width / 2, doc.y, {
          width: this.width / 2,
          align: 'center',
        });
    }
    doc.moveDown(0.4);
  }

  /** "label ………" to the end of the line, with room to write above the dots. */
  private fill(label: string) {
    drawFillLine(this.doc, this.band, this.doc.y + 6, label, SIZE);
  }
}

/**
 * Writes the handling slip of an incoming document (its view from documentDetail) as a PDF to
 * `out`. `date` (yyyy-mm-dd) and `place` fill the heading's "……, ngày … tháng … năm …".
 */
export async function renderHandlingSlipPdf(
  view: DocumentView,
  agencyName: string,
  out: Writable,
  opts: { date?: string; place?: string } = {},
): Promise<void> {
  const doc = createPdf(out, { size: 'A4', margins: MARGIN, title: 'Phiếu giải quyết văn bản đến' });
  doc.addPage();
  const w = new SlipWriter(doc);
  w.heading(agencyName, opts.place ?? '……………', opts.date);
  w.title(view);
  w.section('1. Ý kiến của lãnh đạo cơ quan, tổ chức', agencyLeaderOpinions(view), [
    '- Giao đơn vị, cá nhân chủ trì:',
    '- Giao các đơn vị, cá nhân phối hợp:',
    '- Thời hạn giải quyết:',
    '',
    '- Ngày cho ý kiến phân phối, giải quyết:',
  ]);
  w.section('2. Ý kiến của lãnh đạo đơn vị', divisionLeaderOpinions(view), [
    '- Giao cho cá nhân:',
    '- Thời hạn giải quyết:',
    '- Ngày cho ý kiến:',
  ]);
  w.section('3. Ý kiến đề xuất của người giải quyết', handlerProposals(view), [
    '- Ý kiến đề xuất:',
    '',
    '',
    '- Ngày đề xuất ý kiến:',
  ]);
  await finishPdf(doc, out);
}

/**
 * The printed registers (Sổ đăng ký văn bản đi / đến). Decree 30/2020, Art. 16.2.b and 22.3.b:
 * documents registered in the System must be printed with the fields of the Appendix IV register
 * (I.2 for outgoing, VI.2 for incoming, at least 10 columns each), signed for and bound.
 */
import type { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { viDate, viDateOfInstant, vnDayStart } from '../../../../shared/calendar/vn-time.ts';
import { formatNumber, REGISTER_COLUMNS } from '../../../../shared/documents/decree30.ts';
import { rows } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import {
  type Band,
  createPdf,
  drawPageNumber,
  finishPdf,
  GridTable,
  rule,
  trimFontCaches,
  waitForRoom,
} from '../../../platform/pdf/index.ts';
import { agencyRowsSql } from '../../agencies/index.ts';
import { personNameSql } from '../../people/index.ts';
import { visibleTo } from '../access.ts';
import { secrecyLabel, typeName, urgencyLabel } from './labels.ts';

export type RegisterDirection = 'incoming' | 'outgoing';

/** One entry of a register, with what either register's columns need. */
export interface RegisterRow {
  id: string;
  registerYear: number;
  /** The arrival number (số đến) of an incoming document, the number (số) of an outgoing one. */
  number: number;
  status: string;
  secrecy: string;
  urgency: string;
  typeCode: string;
  summary: string;
  numberNotation: string | null;
  issuedDate: string | null;
  issuerName: string | null;
  arrivedAt: Date | null;
  /** Incoming: the units or people the document was passed to (lead first). */
  handlers: string | null;
  /** Incoming: when it was passed to them; outgoing: when it was released. */
  transferredAt: Date | null;
  signerName: string | null;
  /** Outgoing: the recipients (nơi nhận). */
  recipients: string | null;
  /** Outgoing: the drafting unit, which keeps the archive copy, or the drafter. */
  archiveHolder: string | null;
  copies: number | null;
}

/** Position in a register: numbers are unique per register and year (Art. 15.1, 22.2; documents_*_uq). */
export interface RegisterCursor {
  year: number;
  number: number;
}

export interface RegisterPeriod {
  direction: RegisterDirection;
  /** First and last day (yyyy-mm-dd, Vietnam time) of the period printed. */
  from: string;
  to: string;
  /** The separate series of secret outgoing documents (Art. 15.2: "Văn bản mật được cấp hệ thống số riêng"). */
  secret?: boolean;
}

/** Rows are read from the database this many at a time, so a year's register never sits in memory. */
export const REGISTER_PAGE_SIZE = 500;

interface RawRow {
  id: string;
  register_year: number;
  reg_number: number;
  status: string;
  secrecy: string;
  urgency: string;
  type_code: string;
  summary: string;
  number_notation: string | null;
  issued_date: string | null;
  issuer_name: string | null;
  arrived_at: Date | string | null;
  handlers: string | null;
  transferred_at: Date | string | null;
  signer_name: string | null;
  recipients: string | null;
  archive_holder: string | null;
  copies: number | null;
}

const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The number column, period and printed extras of each register: incoming by arrival, outgoing by release. */
function registerQuery(p: RegisterPeriod) {
  if (p.direction === 'incoming') {
    return {
      number: sql`d.arrival_number`,
      period: sql`d.arrived_at >= ${vnDayStart(p.from)}::timestamptz AND d.arrived_at < ${vnDayStart(nextDay(p.to))}::timestamptz`,
      // "Đơn vị hoặc người nhận" and "Ngày chuyển": whom the leader passed it to (Art. 23), lead first.
      extra: sql`LEFT JOIN LATERAL (
          SELECT string_agg(coalesce(dv.name, ${personNameSql(sql`s.person_id`)}) || CASE WHEN s.role = 'co' THEN ' (phối hợp)' ELSE '' END,
                            '; ' ORDER BY s.role <> 'lead', s.created_at) AS handlers,
                 min(s.created_at) AS transferred_at
            FROM document_assignments s
            LEFT JOIN ${agencyRowsSql} dv ON dv.id = s.division_id
           WHERE s.document_id = d.id AND s.parent_id IS NULL AND s.role IN ('lead', 'co')) h ON true`,
      columns: sql`h.handlers, h.transferred_at, NULL AS recipients, NULL AS archive_holder`,
    };
  }
  return {
    number: sql`d.number`,
    period: sql`d.issued_date BETWEEN ${p.from}::date AND ${p.to}::date`,
    extra: sql`LEFT JOIN ${agencyRowsSql} dv ON dv.id = d.drafting_division_id`,
    columns: sql`NULL AS handlers, d.released_at AS transferred_at,
      (SELECT string_agg(r->>'name', '; ') FROM jsonb_array_elements(d.recipients) r) AS recipients,
      coalesce(dv.name, ${personNameSql(sql`d.drafter_id`)}) AS archive_holder`,
  };
}

/**
 * One page (keyset, 500 rows) of a register: the documents numbered in the actor's agency's register
 * during the period, in register order (year, then number), only those the actor may see — secret
 * documents only for the people named on them (visibleTo).
 * The page is chosen first and decorated after, so the register's unique index (register, year,
 * number) walks straight to it and the per-row extras are computed for 500 rows, not the year.
 */
export async function registerRows(
  ctx: Ctx,
  q: RegisterPeriod & { afterCursor?: RegisterCursor | null; limit?: number },
): Promise<{ rows: RegisterRow[]; nextCursor: RegisterCursor | null }> {
  const limit = q.limit ?? REGISTER_PAGE_SIZE;
  const r = registerQuery(q);
  const register = sql`(SELECT g.id FROM registers g WHERE g.agency_id = ${ctx.actor.agencyId}
      AND g.direction = ${q.direction} AND g.secret = ${q.direction === 'outgoing' && !!q.secret})`;
  const after = q.afterCursor
    ? sql`AND (d.register_year, ${r.number}) > (${q.afterCursor.year}, ${q.afterCursor.number})`
    : sql``;
  const found = await rows<RawRow>(
    ctx.db,
    sql`SELECT d.id, d.register_year, d.reg_number, d.status, d.secrecy, d.urgency, d.type_code, d.summary,
               d.number_notation, d.issued_date::text AS issued_date, d.issuer_name, d.arrived_at, d.signer_name,
               d.copies, ${r.columns}
          FROM (SELECT d.*, ${r.number} AS reg_number FROM documents d
                 WHERE d.register_id = ${register} AND ${visibleTo(ctx.actor)} AND d.direction = ${q.direction}
                   AND ${r.number} IS NOT NULL
                   AND d.register_year BETWEEN ${Number(q.from.slice(0, 4))} AND ${Number(q.to.slice(0, 4))}
                   AND ${r.period} ${after}
                 ORDER BY d.register_year, ${r.number}
                 LIMIT ${limit + 1}) d
          ${r.extra}
         ORDER BY d.register_year, d.reg_number`,
  );
  const page = found.slice(0, limit).map(presentRow);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: found.length > limit && last ? { year: last.registerYear, number: last.number } : null,
  };
}

const instant = (v: Date | string | null) => (v === null ? null : new Date(v));

function presentRow(x: RawRow): RegisterRow {
  return {
    id: x.id,
    registerYear: x.register_year,
    number: x.reg_number,
    status: x.status,
    secrecy: x.secrecy,
    urgency: x.urgency,
    typeCode: x.type_code,
    summary: x.summary,
    numberNotation: x.number_notation,
    issuedDate: x.issued_date,
    issuerName: x.issuer_name,
    arrivedAt: instant(x.arrived_at),
    handlers: x.handlers,
    transferredAt: instant(x.transferred_at),
    signerName: x.signer_name,
    recipients: x.recipients,
    archiveHolder: x.archive_holder,
    copies: x.copies,
  };
}

/** Every row of a register, read page by page; each call starts again from the beginning. */
export function registerRowSource(ctx: Ctx, period: RegisterPeriod): RegisterRowSource {
  return async function* () {
    let after: RegisterCursor | null = null;
    do {
      const page = await registerRows(ctx, { ...period, afterCursor: after });
      yield* page.rows;
      after = page.nextCursor;
    } while (after);
  };
}

// ---------------------------------------------------------------------------------------------
// The PDF
// ---------------------------------------------------------------------------------------------

/** Called twice by the renderer: once to lay the pages out, once to draw them. */
export type RegisterRowSource = () => AsyncIterable<RegisterRow> | Iterable<RegisterRow>;

export interface RegisterPdfInput extends RegisterPeriod {
  agencyName: string;
  registerName: string;
  rows: RegisterRowSource;
  /** The day it was printed (yyyy-mm-dd), shown on the cover. */
  printedOn?: string;
}

// Landscape A4; the wider left margin is for binding the printed register (Art. 22.3.b "đóng sổ").
const MARGIN = { top: 34, bottom: 40, left: 48, right: 28 };
const BODY_SIZE = 8;
const HEAD_SIZE = 8;
const PAD = 3;
const MIN_ROW = 16;
/** How often the font layout cache is emptied (see trimFontCaches). */
const FONT_CACHE_PAGES = 40;

/** Relative column widths; the summary takes what is left. */
const WEIGHTS: Record<string, number> = {
  arrivalDate: 56,
  arrivalNumber: 34,
  issuer: 92,
  numberNotation: 84,
  issuedDate: 56,
  typeAndSummary: 220,
  recipient: 95,
  signer: 80,
  recipients: 104,
  archiveHolder: 80,
  copies: 46,
  transferDate: 56,
  receiptSignature: 44,
  note: 50,
};
const CENTERED = new Set(['arrivalDate', 'arrivalNumber', 'issuedDate', 'copies', 'transferDate']);

/** "Chỉ thị về việc …": the type name and the summary in one column, as Appendix IV titles it. */
function typeAndSummary(r: RegisterRow): string {
  const summary = /^(Về|V\/v)\s/u.test(r.summary)
    ? r.summary[0]!.toLowerCase() + r.summary.slice(1)
    : r.summary;
  return `${typeName(r.typeCode)} ${summary}`;
}

function noteOf(r: RegisterRow): string {
  const notes: string[] = [];
  if (r.secrecy !== 'normal') notes.push(secrecyLabel(r.secrecy));
  if (r.urgency !== 'normal') notes.push(urgencyLabel(r.urgency));
  if (r.status === 'recalled') notes.push('Đã thu hồi');
  return notes.join(', ');
}

/** What each column of REGISTER_COLUMNS prints for a row. */
function cellOf(key: string, r: RegisterRow): string {
  switch (key) {
    case 'arrivalDate':
      return viDateOfInstant(r.arrivedAt);
    case 'arrivalNumber':
      return formatNumber(r.number);
    case 'issuer':
      return r.issuerName ?? '';
    case 'numberNotation':
      return r.numberNotation ?? '';
    case 'issuedDate':
      return viDate(r.issuedDate);
    case 'typeAndSummary':
      return typeAndSummary(r);
    case 'recipient':
      return r.handlers ?? '';
    case 'signer':
      return r.signerName ?? '';
    case 'recipients':
      return r.recipients ?? '';
    case 'archiveHolder':
      return r.archiveHolder ?? '';
    case 'copies':
      return r.copies === null ? '' : String(r.copies);
    case 'transferDate':
      return viDateOfInstant(r.transferredAt);
    case 'note':
      return noteOf(r);
    default:
      return ''; // "Ký nhận": signed by hand on the printed register
  }
}

/** The register's grid on its landscape A4 page, and where rows go: below the running head and the header. */
class RegisterTable {
  readonly grid: GridTable;
  readonly bodyTop: number;
  readonly bodyBottom: number;
  private readonly keys: string[];

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    direction: RegisterDirection,
  ) {
    const page = { width: 841.89, height: 595.28 }; // A4 landscape, in points
    const defs = REGISTER_COLUMNS[direction];
    this.keys = defs.map((c) => c.key);
    this.grid = new GridTable(
      doc,
      { left: MARGIN.left, width: page.width - MARGIN.left - MARGIN.right },
      defs.map((c) => ({
        title: c.heading,
        weight: WEIGHTS[c.key]!,
        align: CENTERED.has(c.key) ? 'center' : 'left',
      })),
      {
        headSize: HEAD_SIZE,
        numberSize: 7,
        numberHeight: 12,
        bodySize: BODY_SIZE,
        pad: PAD,
        minRow: MIN_ROW,
      },
    );
    this.bodyTop = MARGIN.top + 16 + this.grid.headerHeight; // below the running head and the header
    this.bodyBottom = page.height - MARGIN.bottom;
  }

  /** Bounds pdfkit's per-word layout cache (measuring fills it as much as drawing). */
  trimCaches() {
    trimFontCaches(this.doc);
  }

  cells(r: RegisterRow): string[] {
    return this.keys.map((key) => cellOf(key, r));
  }

  /** A row's height; a row never exceeds one page (an overlong summary ends with "…"). */
  measure(cells: string[]): number {
    return Math.min(this.grid.measure(cells), this.bodyBottom - this.bodyTop);
  }

  drawHeader() {
    this.grid.drawHeader(MARGIN.top + 16);
  }

  drawRow(cells: string[], y: number, h: number) {
    this.grid.drawRow(cells, y, h);
  }

  drawEmpty(text: string) {
    this.grid.drawNote(this.bodyTop, text);
  }
}

interface Layout {
  pages: number;
  count: number;
  first: number | null;
  last: number | null;
}

/**
 * Places rows on pages; the same walk measures (first pass) and draws (second pass), so the page
 * count printed in "Trang x/y" is the one drawn. `limit` keeps the drawing to the rows measured,
 * should documents be registered between the two passes. `onPage` answers false to stop (null).
 */
async function walk(
  table: RegisterTable,
  source: RegisterRowSource,
  limit: number,
  onPage: (page: number) => Promise<boolean>,
  onRow: (cells: string[], y: number, h: number) => void,
): Promise<Layout | null> {
  const out: Layout = { pages: 0, count: 0, first: null, last: null };
  let y = Number.POSITIVE_INFINITY;
  for await (const r of source()) {
    if (out.count >= limit) break;
    const cells = table.cells(r);
    const h = table.measure(cells);
    if (y + h > table.bodyBottom) {
      out.pages++;
      if (out.pages % FONT_CACHE_PAGES === 0) table.trimCaches();
      if (!(await onPage(out.pages))) return null;
      y = table.bodyTop;
    }
    onRow(cells, y, h);
    y += h;
    out.count++;
    out.first ??= r.number;
    out.last = r.number;
  }
  if (out.pages === 0) {
    out.pages = 1;
    if (!(await onPage(1))) return null;
  }
  return out;
}

const upper = (s: string) => s.toLocaleUpperCase('vi');

/** "Năm 2026", or "Năm 2025 – 2026" for a period across the new year. */
function yearsOf(p: RegisterPeriod): string {
  const a = p.from.slice(0, 4);
  const b = p.to.slice(0, 4);
  return a === b ? a : `${a} – ${b}`;
}

export const periodText = (p: RegisterPeriod) => `Từ ngày ${viDate(p.from)} đến ngày ${viDate(p.to)}`;

/** The cover and first page ("Bìa và trang đầu", Appendix IV, I.1 and VI.1). */
function drawCover(doc: PDFKit.PDFDocument, input: RegisterPdfInput, layout: Layout, totalPages: number) {
  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const center = { width, align: 'center' as const };
  doc.font('serif-bold').fontSize(14).text(upper(input.agencyName), left, 70, center);
  rule(doc, left + width / 2, doc.y + 8, 120, 0.8);
  doc.font('serif-bold').fontSize(26).text(upper(input.registerName), left, 200, center);
  doc.moveDown(1).font('serif').fontSize(14);
  doc.text(`Năm: ${yearsOf(input)}`, center);
  doc.moveDown(0.4).text(periodText(input), center);
  doc.moveDown(0.4);
  if (layout.first === null) doc.text('Không có văn bản nào được đăng ký trong thời gian này', center);
  else doc.text(`Từ số ${formatNumber(layout.first)} đến số ${formatNumber(layout.last!)}`, center);
  doc.moveDown(0.4).text('Quyển số: ……………', center);
  const printed = input.printedOn ? `, in từ Hệ thống ngày ${viDate(input.printedOn)}` : '';
  doc
    .font('serif-italic')
    .fontSize(10)
    .text(`Sổ gồm ${totalPages} trang, ${layout.count} văn bản${printed}.`, left, 470, center);
}

/** The band between the side margins of a page. */
const bandOf = (doc: PDFKit.PDFDocument): Band => ({
  left: MARGIN.left,
  width: doc.page.width - MARGIN.left - MARGIN.right,
});

function drawRunningHead(doc: PDFKit.PDFDocument, input: RegisterPdfInput) {
  doc
    .font('serif-italic')
    .fontSize(8)
    .text(`${input.registerName} — ${input.agencyName} — ${periodText(input)}`, MARGIN.left, MARGIN.top, {
      width: doc.page.width - MARGIN.left - MARGIN.right,
      lineBreak: false,
      ellipsis: true,
    });
}

/**
 * Writes the register as a PDF to `out`: a cover with the agency, the register, the period and the
 * numbers it holds, then the Appendix IV table, its header repeated on every page, "Trang x/y" at
 * the foot. Rows are read twice (measure, then draw) rather than kept: one page is in memory.
 */
export async function renderRegisterPdf(input: RegisterPdfInput, out: Writable): Promise<void> {
  const doc = createPdf(out, { size: 'A4', layout: 'landscape', margins: MARGIN, title: input.registerName });
  const table = new RegisterTable(doc, input.direction);
  const layout = (await walk(
    table,
    input.rows,
    Number.POSITIVE_INFINITY,
    async () => true,
    () => {},
  ))!;
  const total = layout.pages + 1;
  doc.addPage();
  drawCover(doc, input, layout, total);
  drawPageNumber(doc, bandOf(doc), 1, total);
  const drawn = await walk(
    table,
    input.rows,
    layout.count,
    async (page) => {
      // A page is complete: let the reader catch up before reading more rows.
      if (!(await waitForRoom(out))) return false;
      doc.addPage();
      drawRunningHead(doc, input);
      table.drawHeader();
      drawPageNumber(doc, bandOf(doc), page + 1, total);
      return true;
    },
    (cells, y, h) => table.drawRow(cells, y, h),
  );
  if (!drawn) {
    doc.unpipe(out); // the download was cancelled; nothing more to write
    return;
  }
  if (drawn.count === 0) table.drawEmpty('Không có văn bản nào được đăng ký trong thời gian này.');
  await finishPdf(doc, out);
}

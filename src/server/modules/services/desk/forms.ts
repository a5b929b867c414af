import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { formatViDate, vnDate, vnDayEnd, vnDayStart } from '../../../../shared/calendar/index.ts';
import { FORMS, statusLabel } from '../../../../shared/services/statuses.ts';
import type { Db } from '../../../db/client.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { ListPdf } from '../../../platform/pdf/index.ts';
import { findAgencies, findAgency } from '../../agencies/index.ts';
import { personNames } from '../../people/index.ts';
import { loadProcedure } from '../catalogue/store.ts';
import { TIMELINESS_LABELS, timeliness } from '../core/clock.ts';
import type { DossierRow } from '../core/transition.ts';
import { serviceDossiers, serviceLetters, serviceProcedures, serviceSupplements } from '../schema.ts';
import { stepsOf } from './view.ts';

/*
 * The one-stop forms of Circular 03/2025/TT-VPCP (services-facts.md §A1) printed from the rows that
 * made them: Mẫu 02 (supplement), 03 (refusal), 04 (apology and new date), 05 (stop) from the letter
 * as it was sent; Mẫu 06, the control sheet, from the dossier's steps with each hand-over marked before,
 * on or after time; Mẫu 07, the dossier register of a period, as PDF and xlsx. The official layouts
 * were not found (services-facts.md): these carry the data the facts file lists for each form.
 */

const day = (d: Date | null) => (d ? formatViDate(vnDate(d)) : '');
function clock(d: Date | null): string {
  if (!d) return '';
  const s = new Date(d.getTime() + 7 * 3_600_000).toISOString();
  return `${s.slice(11, 13)} giờ ${s.slice(14, 16)} phút, ngày ${formatViDate(vnDate(d))}`;
}

export const LETTER_FORMS = { supplement: '02', refusal: '03', apology: '04', stop: '05' } as const;
export type LetterForm = keyof typeof LETTER_FORMS;

async function heading(db: Db, agencyId: string) {
  const agency = await findAgency(db, agencyId);
  const parent = agency?.parentId ? await findAgency(db, agency.parentId) : undefined;
  return { name: agency?.name ?? '', parentName: parent?.name ?? null };
}

async function procedureName(db: Db, d: DossierRow) {
  const [p] = await db
    .select({ name: serviceProcedures.name })
    .from(serviceProcedures)
    .where(eq(serviceProcedures.id, d.procedureId));
  return p?.name ?? '';
}

/** Mẫu 02–05: the latest letter of that form, as it was sent. */
export async function letterPdf(db: Db, d: DossierRow, form: LetterForm): Promise<Buffer> {
  const [letter] = await db
    .select()
    .from(serviceLetters)
    .where(and(eq(serviceLetters.dossierId, d.id), eq(serviceLetters.form, form)))
    .orderBy(desc(serviceLetters.createdAt))
    .limit(1);
  if (!letter)
    throw new AppError('not_found', `Hồ sơ chưa có ${FORMS[LETTER_FORMS[form]].toLocaleLowerCase('vi')}.`);
  const h = await heading(db, d.agencyId);
  const title = FORMS[LETTER_FORMS[form]];
  const pdf = new ListPdf(`${title} — ${d.code}`, false);
  pdf.heading(h.parentName, h.name);
  pdf.title([
    { text: title.toLocaleUpperCase('vi'), size: 13 },
    { text: `Mã hồ sơ: ${d.code}`, font: 'serif', size: 12 },
  ]);
  const lines = [
    `Kính gửi: ${d.applicantName}`,
    `Thủ tục: ${await procedureName(db, d)}`,
    `Ngày nộp hồ sơ: ${clock(d.submittedAt)}`,
  ];
  if (form === 'supplement') {
    const [s] = await db
      .select()
      .from(serviceSupplements)
      .where(eq(serviceSupplements.dossierId, d.id))
      .orderBy(desc(serviceSupplements.requestedAt))
      .limit(1);
    lines.push(
      `Qua xem xét, hồ sơ của Ông/Bà cần bổ sung, hoàn thiện. Lý do: ${letter.reason}`,
      'Nội dung cần bổ sung, hoàn thiện:',
    );
    const items = (s?.items ?? []) as { name: string; originals: number; copies: number; note?: string }[];
    for (const [i, x] of items.entries())
      lines.push(
        `${i + 1}. ${x.name} (bản chính: ${x.originals}, bản sao: ${x.copies})${x.note ? ` — ${x.note}` : ''}`,
      );
    lines.push(
      'Thời gian bổ sung không tính vào thời hạn giải quyết hồ sơ. Ông/Bà bổ sung trực tuyến trên trang hồ sơ hoặc tại bộ phận một cửa.',
    );
  } else if (form === 'refusal') {
    lines.push(`Cơ quan không tiếp nhận giải quyết hồ sơ của Ông/Bà. Lý do: ${letter.reason}`);
  } else if (form === 'apology') {
    lines.push(
      `Ngày hẹn trả kết quả: ${day(letter.previousDueAt)}.`,
      `Lý do chậm trễ: ${letter.reason}`,
      `Cơ quan xin lỗi Ông/Bà vì sự chậm trễ này và hẹn trả kết quả vào ngày ${day(letter.newDueAt)}.`,
    );
  } else {
    lines.push(`Cơ quan thông báo dừng giải quyết hồ sơ. Lý do: ${letter.reason}`);
  }
  for (const l of lines) pdf.paragraph(l);
  pdf.doc.moveDown(1);
  pdf.paragraph(`Ngày ${day(letter.createdAt)}`, 'serif-italic');
  pdf.doc.moveDown(1);
  pdf.signatures([{ role: 'NGƯỜI LẬP PHIẾU', name: letter.signerName ?? '' }]);
  return pdf.end();
}

/** Mẫu 06: each step's hand-over (giao) and receipt (nhận) times, its result, before/on/after time. */
export async function controlSheetPdf(db: Db, d: DossierRow): Promise<Buffer> {
  const steps = await stepsOf(db, d.id);
  const h = await heading(db, d.agencyId);
  const names = await personNames(
    db,
    steps.flatMap((s) => [s.assigneeId, s.handedBy, s.doneBy]).filter((x): x is string => !!x),
  );
  const divisions = await findAgencies(
    db,
    steps.map((s) => s.divisionId).filter((x): x is string => !!x),
  );
  const who = (id: string | null) => (id ? (names.get(id) ?? '') : '');
  const pdf = new ListPdf(`${FORMS['06']} — ${d.code}`);
  pdf.heading(h.parentName, h.name);
  pdf.title([
    { text: FORMS['06'].toLocaleUpperCase('vi'), size: 13 },
    { text: `Mã hồ sơ: ${d.code}`, font: 'serif', size: 12 },
  ]);
  pdf.paragraph(`Thủ tục: ${await procedureName(db, d)}. Người nộp: ${d.applicantName}.`);
  pdf.paragraph(`Ngày tiếp nhận: ${clock(d.acceptedAt)}. Ngày hẹn trả kết quả: ${day(d.dueAt)}.`);
  pdf.doc.moveDown(0.5);
  pdf.table(
    [
      { title: 'STT', width: 4, align: 'center' },
      { title: 'Bước xử lý', width: 18 },
      { title: 'Bên giao', width: 14 },
      { title: 'Bên nhận', width: 16 },
      { title: 'Thời gian giao, nhận', width: 16 },
      { title: 'Hạn xử lý', width: 9 },
      { title: 'Thời gian hoàn thành', width: 16 },
      { title: 'Kết quả', width: 16 },
      { title: 'Trước / đúng / quá hạn', width: 10 },
    ],
    steps.map((s, i) => ({
      cells: [
        String(i + 1),
        s.name,
        who(s.handedBy),
        [who(s.assigneeId), s.divisionId ? divisions.get(s.divisionId)?.name : ''].filter(Boolean).join(', '),
        clock(s.handedAt),
        day(s.dueAt),
        clock(s.doneAt),
        s.result ?? '',
        s.doneAt && s.dueAt
          ? TIMELINESS_LABELS[timeliness(s.doneAt, s.dueAt)]
          : s.handedAt
            ? 'Đang xử lý'
            : 'Chưa giao',
      ],
    })),
  );
  return pdf.end();
}

interface RegisterRow {
  code: string;
  procedure: string;
  applicant: string;
  submittedAt: Date;
  acceptedAt: Date | null;
  dueAt: Date | null;
  originalDueAt: Date | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  status: number;
}

/** The dossiers received (submitted) in [from, to] by the agency, oldest first. A year at most. */
async function registerRows(db: Db, agencyId: string, from: string, to: string): Promise<RegisterRow[]> {
  const d = serviceDossiers;
  return db
    .select({
      code: d.code,
      procedure: serviceProcedures.name,
      applicant: d.applicantName,
      submittedAt: d.submittedAt,
      acceptedAt: d.acceptedAt,
      dueAt: d.dueAt,
      originalDueAt: d.originalDueAt,
      finishedAt: d.finishedAt,
      returnedAt: d.returnedAt,
      status: d.status,
    })
    .from(d)
    .innerJoin(serviceProcedures, eq(serviceProcedures.id, d.procedureId))
    .where(
      and(
        eq(d.agencyId, agencyId),
        gte(d.submittedAt, new Date(vnDayStart(from))),
        lt(d.submittedAt, new Date(new Date(vnDayEnd(to)).getTime() + 1)),
      ),
    )
    .orderBy(asc(d.submittedAt), asc(d.id));
}

const REGISTER_COLUMNS = [
  { title: 'STT', width: 4, align: 'center' as const },
  { title: 'Mã hồ sơ', width: 14 },
  { title: 'Tên thủ tục', width: 22 },
  { title: 'Người nộp', width: 13 },
  { title: 'Ngày nhận', width: 9 },
  { title: 'Ngày hẹn trả', width: 9 },
  { title: 'Ngày có kết quả', width: 9 },
  { title: 'Ngày trả', width: 9 },
  { title: 'Tình trạng', width: 11 },
];

function registerCells(r: RegisterRow, i: number): string[] {
  const deadline = r.originalDueAt ?? r.dueAt;
  const when =
    r.finishedAt && deadline
      ? ` (${TIMELINESS_LABELS[timeliness(r.finishedAt, deadline)].toLocaleLowerCase('vi')})`
      : '';
  return [
    String(i + 1),
    r.code,
    r.procedure,
    r.applicant,
    day(r.acceptedAt ?? r.submittedAt),
    day(r.dueAt),
    day(r.finishedAt),
    day(r.returnedAt),
    `${statusLabel(r.status)}${when}`,
  ];
}

/** Mẫu 07 as PDF. */
export async function registerPdf(db: Db, agencyId: string, from: string, to: string): Promise<Buffer> {
  const rows = await registerRows(db, agencyId, from, to);
  const h = await heading(db, agencyId);
  const pdf = new ListPdf(`${FORMS['07']} ${from} – ${to}`);
  pdf.heading(h.parentName, h.name);
  pdf.title([
    { text: FORMS['07'].toLocaleUpperCase('vi'), size: 13 },
    { text: `Từ ngày ${formatViDate(from)} đến ngày ${formatViDate(to)}`, font: 'serif', size: 12 },
  ]);
  pdf.table(
    REGISTER_COLUMNS,
    rows.length
      ? rows.map((r, i) => ({ cells: registerCells(r, i) }))
      : [{ cells: ['', 'Không có hồ sơ trong kỳ', '', '', '', '', '', '', ''] }],
  );
  return pdf.end();
}

/** Mẫu 07 as a workbook (same columns, dates as dates). */
export async function registerXlsx(db: Db, agencyId: string, from: string, to: string): Promise<Buffer> {
  const rows = await registerRows(db, agencyId, from, to);
  const h = await heading(db, agencyId);
  const book = new ExcelJS.Workbook();
  book.creator = 'Liên Thông';
  const sheet = book.addWorksheet('Sổ theo dõi hồ sơ');
  sheet.addRow([`${FORMS['07'].toLocaleUpperCase('vi')} — ${h.name}`]).font = { bold: true, size: 13 };
  sheet.addRow([`Từ ngày ${formatViDate(from)} đến ngày ${formatViDate(to)}`]);
  sheet.addRow([]);
  sheet.addRow(REGISTER_COLUMNS.map((c) => c.title)).font = { bold: true };
  rows.forEach((r, i) => {
    sheet.addRow(registerCells(r, i));
  });
  sheet.columns = REGISTER_COLUMNS.map((c) => ({ width: Math.max(8, c.width * 1.6) }));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The procedure version's form, for the counter (by code, active only). */
export async function procedureForCounter(db: Db, code: string) {
  const p = await loadProcedure(db, { code }).catch(() => null);
  if (!p?.procedure.active)
    throw new AppError('validation_failed', `Không có thủ tục mã ${code} đang áp dụng.`, {
      fields: [{ path: 'body.procedureCode', message: 'Thủ tục không có trong danh mục.' }],
    });
  return p;
}

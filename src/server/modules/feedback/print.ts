import { and, asc, eq, gte, lt, or } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { formatViDate, vnDate, vnDayEnd, vnDayStart } from '../../../shared/calendar/index.ts';
import { CHANNEL_LABELS, KIND_LABELS, STATUS_LABELS } from '../../../shared/feedback/rules.ts';
import type { Db } from '../../db/client.ts';
import { ListPdf } from '../../platform/pdf/index.ts';
import { findAgencies, findAgency } from '../agencies/index.ts';
import { isDenunciation } from './access.ts';
import { openIdentity } from './identity.ts';
import type { FeedbackItemRow } from './intake.ts';
import { feedbackFiles, feedbackIdentities, feedbackItems } from './schema.ts';

/*
 * Printouts: the register (sổ tiếp nhận, phân loại, xử lý đơn thư) of a period as PDF and xlsx, and
 * the verifier's copy of a case — its text as stored (a denunciation's stripped of the denouncer's
 * details) with the list of the files handed over, identifying files withheld. A denouncer's name
 * is never in the register: "Giữ bí mật" stands in its place.
 */

const day = (d: Date | null) => (d ? formatViDate(vnDate(d)) : '');

const COLUMNS = [
  { title: 'STT', width: 4, align: 'center' as const },
  { title: 'Mã, ngày nhận', width: 13 },
  { title: 'Người gửi, địa chỉ', width: 16 },
  { title: 'Nội dung tóm tắt', width: 22 },
  { title: 'Phân loại', width: 12 },
  { title: 'Nguồn', width: 8 },
  { title: 'Hướng xử lý', width: 14 },
  { title: 'Kết quả', width: 14 },
];

async function heading(db: Db, agencyId: string) {
  const agency = await findAgency(db, agencyId);
  const parent = agency?.parentId ? await findAgency(db, agency.parentId) : undefined;
  return { name: agency?.name ?? '', parentName: parent?.name ?? null };
}

/** Cap on one printout: a year of a busy agency; a larger period is asked in parts. */
const MAX_ROWS = 20_000;

async function registerRows(db: Db, agencyId: string, from: string, to: string) {
  const i = feedbackItems;
  return db
    .select({ item: i, sealed: feedbackIdentities.sealed })
    .from(i)
    .leftJoin(feedbackIdentities, eq(feedbackIdentities.itemId, i.id))
    .where(
      and(
        or(eq(i.receivedAgencyId, agencyId), eq(i.agencyId, agencyId)),
        gte(i.receivedAt, new Date(vnDayStart(from))),
        lt(i.receivedAt, new Date(new Date(vnDayEnd(to)).getTime() + 1)),
      ),
    )
    .orderBy(asc(i.receivedAt), asc(i.id))
    .limit(MAX_ROWS);
}

async function registerCells(db: Db, agencyId: string, key: Buffer, from: string, to: string) {
  const found = await registerRows(db, agencyId, from, to);
  const holders = await findAgencies(
    db,
    found.map((r) => r.item.agencyId),
  );
  return found.map(({ item, sealed }, n) => {
    let sender = 'Giữ bí mật';
    if (!isDenunciation(item) && sealed) {
      const who = openIdentity(key, sealed);
      sender = [who.name, who.address].filter(Boolean).join(', ');
    }
    const way =
      item.agencyId !== agencyId
        ? `Chuyển ${holders.get(item.agencyId)?.name ?? ''}`
        : STATUS_LABELS[item.status as keyof typeof STATUS_LABELS];
    return [
      String(n + 1),
      `${item.code}\n${day(item.receivedAt)}`,
      sender,
      item.subject,
      KIND_LABELS[item.kind as keyof typeof KIND_LABELS],
      CHANNEL_LABELS[item.channel as keyof typeof CHANNEL_LABELS],
      way,
      item.result ? `${item.result}${item.settledAt ? ` (${day(item.settledAt)})` : ''}` : '',
    ];
  });
}

const TITLE = 'Sổ tiếp nhận, phân loại và xử lý đơn thư';

export async function registerPdf(db: Db, agencyId: string, key: Buffer, from: string, to: string) {
  const cells = await registerCells(db, agencyId, key, from, to);
  const h = await heading(db, agencyId);
  const pdf = new ListPdf(`${TITLE} ${from} – ${to}`);
  pdf.heading(h.parentName, h.name);
  pdf.title([
    { text: TITLE.toLocaleUpperCase('vi'), size: 13 },
    { text: `Từ ngày ${formatViDate(from)} đến ngày ${formatViDate(to)}`, font: 'serif', size: 12 },
  ]);
  pdf.table(
    COLUMNS,
    cells.length
      ? cells.map((c) => ({ cells: c }))
      : [{ cells: ['', 'Không có đơn thư trong kỳ', '', '', '', '', '', ''] }],
  );
  return pdf.end();
}

export async function registerXlsx(db: Db, agencyId: string, key: Buffer, from: string, to: string) {
  const cells = await registerCells(db, agencyId, key, from, to);
  const h = await heading(db, agencyId);
  const book = new ExcelJS.Workbook();
  book.creator = 'Liên Thông';
  const sheet = book.addWorksheet('Sổ đơn thư');
  sheet.addRow([`${TITLE.toLocaleUpperCase('vi')} — ${h.name}`]).font = { bold: true, size: 13 };
  sheet.addRow([`Từ ngày ${formatViDate(from)} đến ngày ${formatViDate(to)}`]);
  sheet.addRow([]);
  sheet.addRow(COLUMNS.map((c) => c.title)).font = { bold: true };
  for (const c of cells) sheet.addRow(c);
  sheet.columns = COLUMNS.map((c) => ({ width: Math.max(8, c.width * 1.6) }));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** What a verifier is handed (Luật Tố cáo 2018 Đ.56: the file without the denouncer's details). */
export async function verifierCopyPdf(db: Db, item: FeedbackItemRow): Promise<Buffer> {
  const files = await db.select().from(feedbackFiles).where(eq(feedbackFiles.itemId, item.id));
  const h = await heading(db, item.agencyId);
  const pdf = new ListPdf(`Bản sao cho người xác minh — ${item.code}`, false);
  pdf.heading(h.parentName, h.name);
  pdf.title([
    { text: 'NỘI DUNG ĐƠN THƯ CHUYỂN XÁC MINH', size: 13 },
    { text: `Mã: ${item.code}`, font: 'serif', size: 12 },
  ]);
  const sealed = isDenunciation(item);
  pdf.paragraph(
    `Loại: ${KIND_LABELS[item.kind as keyof typeof KIND_LABELS]}. Ngày nhận: ${day(item.receivedAt)}.`,
  );
  pdf.paragraph(
    sealed
      ? 'Thông tin người tố cáo được giữ bí mật theo Điều 9, Điều 56 Luật Tố cáo 2018 và đã được loại bỏ khỏi bản này.'
      : 'Bản sao nội dung đơn thư.',
  );
  pdf.paragraph(`Tóm tắt: ${item.subject}`);
  pdf.paragraph(item.content);
  pdf.paragraph('Tài liệu kèm theo:');
  const handed = files.filter((f) => !(sealed && f.identifying));
  if (handed.length === 0) pdf.paragraph('(không có)');
  handed.forEach((f, n) => {
    pdf.paragraph(`${n + 1}. ${f.fileName}`);
  });
  const withheld = files.length - handed.length;
  if (withheld > 0) pdf.paragraph(`${withheld} tài liệu có thông tin người tố cáo không chuyển kèm.`);
  return pdf.end();
}

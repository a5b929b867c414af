/**
 * The weekly schedule as printed (legal-docs.md §4): the office's heading, "LỊCH CÔNG TÁC TUẦN" of
 * the schedule's owner, "Tuần thứ N năm Y (từ ngày … đến ngày …)", the adjustment line once adjusted,
 * then the table Ngày | Thời gian | Nội dung công việc | Chủ trì | Thành phần | Địa điểm | Chuẩn bị |
 * Ghi chú on landscape A4, day by day; cancelled lines stay, marked "Hoãn/Hủy".
 */
import { SESSION_LABELS } from '../../../shared/portal/sessions.ts';
import { type EntryView, weekdayName } from '../../../shared/schemas/portal-schedule.ts';
import type { Ctx } from '../../platform/context.ts';
import { ListPdf, type Row } from '../../platform/pdf/index.ts';
import { weekForPrint } from './schedule.ts';

const dm = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}`;

/** The cells of one line, in the printed columns' order. */
export function printedCells(e: EntryView, dayCell: string): string[] {
  const cancelled = e.status === 'cancelled';
  const time = `${SESSION_LABELS[e.session]}\n${e.start}${e.end ? ` - ${e.end}` : ''}`;
  const participants =
    e.participantsText ||
    [...e.participants.map((p) => p.name), ...e.participantAgencies.map((a) => a.name)].join('; ');
  const chair = e.chairText || e.chair?.name || '';
  const notes = [
    cancelled ? 'HOÃN/HỦY' : '',
    e.notes,
    e.followingText || e.following.length
      ? `Theo dõi: ${e.followingText || e.following.map((p) => p.name).join(', ')}`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
  return [
    dayCell,
    time,
    cancelled ? `(Hoãn/Hủy) ${e.content}` : e.content,
    chair,
    participants,
    e.place,
    e.preparingText || e.preparingAgency?.name || '',
    notes,
  ];
}

export async function renderWeekPdf(ctx: Ctx, scheduleId: string, key: string): Promise<Buffer> {
  const { week, officeName, officeParent } = await weekForPrint(ctx, scheduleId, key);
  const pdf = new ListPdf(`Lịch công tác tuần ${week.key}`, true);
  pdf.heading(officeParent, officeName);
  const owner = week.schedule.title.replace(/^lịch công tác\s*/i, '');
  const lines: Parameters<ListPdf['title']>[0] = [
    { text: 'LỊCH CÔNG TÁC TUẦN', size: 14 },
    ...(owner ? [{ text: owner.toLocaleUpperCase('vi'), size: 13 }] : []),
    { text: week.title, font: 'serif-italic' as const, size: 12 },
  ];
  if (week.status === 'draft')
    lines.push({ text: '(Dự thảo, chưa công bố)', font: 'serif-italic', size: 11 });
  if (week.adjustmentLine) {
    const [adj, upd] = week.adjustmentLine.split(' · ');
    lines.push({ text: `(${adj})`, size: 12 });
    lines.push({ text: upd!, font: 'serif-italic', size: 11 });
  }
  pdf.title(lines);
  const rows: Row[] = [];
  let lastDay = '';
  for (const e of week.entries) {
    const dayCell = e.day === lastDay ? '' : `${weekdayName(e.day)}\n${dm(e.day)}`;
    lastDay = e.day;
    rows.push({ cells: printedCells(e, dayCell) });
  }
  if (rows.length === 0)
    rows.push({ cells: ['', '', 'Tuần này chưa có lịch công tác.', '', '', '', '', ''] });
  pdf.table(
    [
      { title: 'Ngày', width: 8, align: 'center' },
      { title: 'Thời gian', width: 8, align: 'center' },
      { title: 'Nội dung công việc', width: 26 },
      { title: 'Chủ trì', width: 11 },
      { title: 'Thành phần', width: 17 },
      { title: 'Địa điểm', width: 11 },
      { title: 'Chuẩn bị', width: 10 },
      { title: 'Ghi chú', width: 9 },
    ],
    rows,
  );
  return pdf.end();
}

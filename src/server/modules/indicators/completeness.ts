/**
 * Completeness and timeliness of one form and period: for each reporting agency (all of the form's,
 * or those under a node of the tree), where its report stands and whether it came in on time.
 *
 * status: approved | submitted | returned | draft (values entered, or a report row, not submitted)
 *   | missing (nothing entered).
 * timeliness: on_time / late: a submitted or approved report whose (latest) submission is on or
 *   before / after the due date (Vietnam calendar day); missing: not submitted (draft, returned or
 *   nothing) and the due date has passed; pending: not submitted, not yet due.
 */

import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { viDateOfInstant, vnDate } from '../../../shared/calendar/vn-time.ts';
import { periodLabel } from '../../../shared/indicators/periods.ts';
import { formCalendar } from '../../../shared/indicators/schedule.ts';
import type { CompletenessRowView, CompletenessView } from '../../../shared/schemas/indicators-approval.ts';
import { rows } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { agencyRowsSql, subtreeIds } from '../agencies/index.ts';
import { formPeriod, loadForm } from './approval.ts';

export async function completeness(
  ctx: Ctx,
  q: { formId: string; period: string; parentId?: string },
): Promise<CompletenessView> {
  const form = await loadForm(ctx.db, q.formId);
  const p = formPeriod(form, q.period);
  const dueOn = formCalendar(p, form).dueOn;
  const today = vnDate(ctx.now());
  const within = q.parentId ? await subtreeIds(ctx.db, q.parentId) : null;
  const r = await rows<{
    agency_id: string;
    name: string;
    agency_code: string | null;
    status: string | null;
    submitted_at: string | null;
    approved_at: string | null;
    value_count: number;
  }>(
    ctx.db,
    sql`SELECT fa.agency_id, a.name, a.agency_code, r.status, r.submitted_at, r.approved_at,
               (SELECT count(*)::int FROM indicator_values v
                  JOIN indicator_form_items fi ON fi.indicator_id = v.indicator_id AND fi.form_id = fa.form_id
                 WHERE v.agency_id = fa.agency_id AND v.period = ${p.code}
                   AND (v.estimate IS NOT NULL OR v.official IS NOT NULL)) AS value_count
          FROM indicator_form_agencies fa
          JOIN ${agencyRowsSql} a ON a.id = fa.agency_id
          LEFT JOIN indicator_reports r ON r.form_id = fa.form_id AND r.agency_id = fa.agency_id AND r.period = ${p.code}
         WHERE fa.form_id = ${form.id}
           ${within ? sql`AND fa.agency_id = ANY(${sql.param(within)}::uuid[])` : sql``}
         ORDER BY a.sort_order, a.name, a.id`,
  );
  const out: CompletenessRowView[] = r.map((x) => {
    const status: CompletenessRowView['status'] =
      x.status === 'approved' || x.status === 'submitted' || x.status === 'returned'
        ? x.status
        : x.status === 'draft' || x.value_count > 0
          ? 'draft'
          : 'missing';
    const sent = status === 'approved' || status === 'submitted';
    const timeliness: CompletenessRowView['timeliness'] =
      sent && x.submitted_at
        ? vnDate(x.submitted_at) <= dueOn
          ? 'on_time'
          : 'late'
        : today > dueOn
          ? 'missing'
          : 'pending';
    return {
      agency: { id: x.agency_id, name: x.name, code: x.agency_code },
      status,
      timeliness,
      submittedAt: sent && x.submitted_at ? new Date(x.submitted_at).toISOString() : null,
      approvedAt: x.approved_at ? new Date(x.approved_at).toISOString() : null,
      valueCount: x.value_count,
    };
  });
  const count = (f: (x: CompletenessRowView) => boolean) => out.filter(f).length;
  const total = out.length;
  const complete = count((x) => x.status === 'approved' || x.status === 'submitted');
  return {
    form: { id: form.id, code: form.code, name: form.name },
    period: p.code,
    periodLabel: periodLabel(p),
    dueOn,
    rows: out,
    summary: {
      total,
      approved: count((x) => x.status === 'approved'),
      submitted: count((x) => x.status === 'submitted'),
      returned: count((x) => x.status === 'returned'),
      draft: count((x) => x.status === 'draft'),
      missing: count((x) => x.status === 'missing'),
      onTime: count((x) => x.timeliness === 'on_time'),
      late: count((x) => x.timeliness === 'late'),
      overdue: count((x) => x.timeliness === 'missing'),
      pending: count((x) => x.timeliness === 'pending'),
      completePct: total ? Math.round((complete / total) * 1000) / 10 : 0,
    },
  };
}

export const STATUS_LABELS: Record<CompletenessRowView['status'], string> = {
  approved: 'Đã duyệt',
  submitted: 'Đã gửi, chờ duyệt',
  returned: 'Bị trả lại',
  draft: 'Đang nhập',
  missing: 'Chưa nhập',
};
export const TIMELINESS_LABELS: Record<CompletenessRowView['timeliness'], string> = {
  on_time: 'Đúng hạn',
  late: 'Trễ hạn',
  missing: 'Quá hạn, chưa gửi',
  pending: 'Chưa đến hạn',
};

/** The completeness table as an xlsx workbook (one sheet, a summary under the table). */
export async function completenessXlsx(view: CompletenessView): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Liên Thông';
  const sheet = book.addWorksheet('Tình hình báo cáo');
  sheet.addRow([`Tình hình báo cáo: ${view.form.code} – ${view.form.name}`]).font = { bold: true, size: 13 };
  sheet.addRow([`Kỳ: ${view.periodLabel}; hạn nộp: ${view.dueOn.split('-').reverse().join('/')}`]);
  sheet.addRow([]);
  const header = sheet.addRow([
    'STT',
    'Mã đơn vị',
    'Đơn vị',
    'Trạng thái',
    'Thời hạn',
    'Ngày gửi',
    'Ngày duyệt',
    'Số ô đã nhập',
  ]);
  header.font = { bold: true };
  view.rows.forEach((x, i) => {
    sheet.addRow([
      i + 1,
      x.agency.code ?? '',
      x.agency.name,
      STATUS_LABELS[x.status],
      TIMELINESS_LABELS[x.timeliness],
      x.submittedAt ? viDateOfInstant(x.submittedAt) : '',
      x.approvedAt ? viDateOfInstant(x.approvedAt) : '',
      x.valueCount,
    ]);
  });
  const s = view.summary;
  sheet.addRow([]);
  sheet.addRow(['', '', 'Tổng số đơn vị báo cáo', s.total]);
  sheet.addRow(['', '', 'Đã duyệt', s.approved]);
  sheet.addRow(['', '', 'Đã gửi, chờ duyệt', s.submitted]);
  sheet.addRow(['', '', 'Bị trả lại', s.returned]);
  sheet.addRow(['', '', 'Đang nhập', s.draft]);
  sheet.addRow(['', '', 'Chưa nhập', s.missing]);
  sheet.addRow(['', '', 'Đúng hạn', s.onTime]);
  sheet.addRow(['', '', 'Trễ hạn', s.late]);
  sheet.addRow(['', '', 'Quá hạn, chưa gửi', s.overdue]);
  sheet.addRow(['', '', 'Tỷ lệ đã gửi (%)', s.completePct]);
  sheet.columns = [
    { width: 6 },
    { width: 18 },
    { width: 40 },
    { width: 20 },
    { width: 20 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
  ];
  return Buffer.from(await book.xlsx.writeBuffer());
}

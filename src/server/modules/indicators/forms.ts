/**
 * Report forms (biểu mẫu): their definition (indicators of one periodicity, reporting agencies, due
 * and lock days, approval levels), their calendar per period and where an agency stands.
 *
 * For the entry helper (routes-entry / service):
 *
 *     entryStateFor(db: Db, formId: string, agencyId: string, period: string, today: string)
 *       : Promise<EntryState>
 *
 * `today` is the calendar date in Vietnam (YYYY-MM-DD, e.g. vnDate(ctx.now())). It throws
 * AppError not_found when the form does not exist, bad_request when `period` is not a period code
 * of the form's periodicity. It does not throw when the agency is not a reporting agency of the
 * form: check `assigned`. Values may be written iff `acceptsEntry` (the period is open, due soon,
 * overdue or reopened for that agency) — the report's status (submitted/approved) is given in
 * `reportStatus` for the caller to refuse writes on a submitted or approved report.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { vnDate } from '../../../shared/calendar/vn-time.ts';
import {
  type Period,
  type Periodicity,
  parsePeriod,
  periodLabel,
} from '../../../shared/indicators/periods.ts';
import {
  acceptsEntry,
  type FormCalendar,
  type FormState,
  formCalendar,
  formState,
} from '../../../shared/indicators/schedule.ts';
import { type Db, rows } from '../../db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { indicatorForms, indicatorReopenings, indicatorReports } from './schema.ts';

export type FormRow = typeof indicatorForms.$inferSelect;

export interface EntryState {
  form: FormRow;
  period: Period;
  /** "Tháng 01/2026" … */
  periodLabel: string;
  calendar: FormCalendar;
  state: FormState;
  /** The last day (YYYY-MM-DD, Vietnam, inclusive) of an administrator's reopening, if any. */
  reopenedUntil: string | null;
  /** Whether values may be written today (period open, due soon, overdue or reopened). */
  acceptsEntry: boolean;
  /** Whether the agency is one of the form's reporting agencies. */
  assigned: boolean;
  /** The agency's report for that period: null when nothing was entered yet. */
  reportStatus: 'draft' | 'submitted' | 'approved' | 'returned' | null;
}

/** The form's calendar for one period (opens, due, locks: YYYY-MM-DD, Vietnam). */
export function formCalendarFor(form: Pick<FormRow, 'dueDays' | 'lockDays'>, p: Period): FormCalendar {
  return formCalendar(p, form);
}

/** The period a code names, refused unless it is of the form's periodicity. */
export function formPeriod(form: Pick<FormRow, 'periodicity' | 'code'>, code: string): Period {
  const p = parsePeriod(code);
  if (!p)
    throw new AppError('bad_request', `Kỳ báo cáo không hợp lệ: "${code}" (ví dụ 2026M01, 2026Q1, 2026).`);
  if (p.periodicity !== (form.periodicity as Periodicity))
    throw new AppError(
      'bad_request',
      `Kỳ báo cáo ${code} không phải kỳ của biểu mẫu ${form.code} (biểu mẫu báo cáo theo ${periodicityName(form.periodicity)}).`,
    );
  return p;
}

const PERIODICITY_VI: Record<string, string> = {
  month: 'tháng',
  quarter: 'quý',
  half: '6 tháng',
  nine_months: '9 tháng',
  year: 'năm',
};
export const periodicityName = (p: string) => PERIODICITY_VI[p] ?? p;

export async function findForm(db: Db, formId: string): Promise<FormRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(formId)) return undefined;
  const [f] = await db.select().from(indicatorForms).where(eq(indicatorForms.id, formId));
  return f;
}

/** The reopenings of a form for a period: agency → last day (YYYY-MM-DD, Vietnam). */
export async function reopeningsOf(
  db: Db,
  formId: string,
  periodCode: string,
  agencyIds?: string[],
): Promise<Map<string, string>> {
  const r = await db
    .select({ agencyId: indicatorReopenings.agencyId, until: indicatorReopenings.until })
    .from(indicatorReopenings)
    .where(
      and(
        eq(indicatorReopenings.formId, formId),
        eq(indicatorReopenings.period, periodCode),
        agencyIds ? inArray(indicatorReopenings.agencyId, agencyIds.length ? agencyIds : ['']) : undefined,
      ),
    );
  return new Map(r.map((x) => [x.agencyId, vnDate(x.until)]));
}

/** Where one agency stands with a form and period today (see the comment at the top). */
export async function entryStateFor(
  db: Db,
  formId: string,
  agencyId: string,
  periodCode: string,
  today: string,
): Promise<EntryState> {
  const form = await findForm(db, formId);
  if (!form) throw new AppError('not_found', 'Biểu mẫu không tồn tại hoặc bạn không có quyền xem.');
  const p = formPeriod(form, periodCode);
  const [x] = await rows<{ assigned: boolean; until: Date | string | null; status: string | null }>(
    db,
    sql`SELECT
          EXISTS (SELECT 1 FROM indicator_form_agencies WHERE form_id = ${formId} AND agency_id = ${agencyId}) AS assigned,
          (SELECT until FROM ${indicatorReopenings} WHERE form_id = ${formId} AND agency_id = ${agencyId} AND period = ${p.code}) AS until,
          (SELECT status FROM ${indicatorReports} WHERE form_id = ${formId} AND agency_id = ${agencyId} AND period = ${p.code}) AS status`,
  );
  if (!x) throw new Error('entryStateFor: no row');
  const calendar = formCalendarFor(form, p);
  const reopenedUntil = x.until ? vnDate(new Date(x.until)) : null;
  const state = formState(calendar, today, reopenedUntil);
  return {
    form,
    period: p,
    periodLabel: periodLabel(p),
    calendar,
    state,
    reopenedUntil,
    acceptsEntry: acceptsEntry(state),
    assigned: !!x.assigned,
    reportStatus: (x.status as EntryState['reportStatus']) ?? null,
  };
}

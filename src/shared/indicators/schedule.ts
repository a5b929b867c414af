import { addDays, type Period, periodEnd } from './periods.ts';

/** The entry calendar of a report form (biểu mẫu) for one period (see indicator_forms). */
export interface FormCalendar {
  /** The form opens for entry on the period's last day. */
  opensOn: string;
  /** Due `dueDays` after the period's end. */
  dueOn: string;
  /** Locked from this day on (`lockDays` after the period's end), unless reopened. */
  locksOn: string;
}

export type FormState = 'not_open' | 'open' | 'due_soon' | 'overdue' | 'locked' | 'reopened';

export function formCalendar(p: Period, form: { dueDays: number; lockDays: number }): FormCalendar {
  const end = periodEnd(p);
  return { opensOn: end, dueOn: addDays(end, form.dueDays), locksOn: addDays(end, form.lockDays) };
}

/**
 * Where a form stands on a day (YYYY-MM-DD, Vietnam), for one agency: `reopenedUntil` is the end
 * of an administrator's reopening for that agency and period, if any (YYYY-MM-DD, inclusive).
 * Due soon: within `soonDays` days before the due date.
 */
export function formState(
  cal: FormCalendar,
  today: string,
  reopenedUntil?: string | null,
  soonDays = 2,
): FormState {
  if (today < cal.opensOn) return 'not_open';
  if (today >= cal.locksOn) return reopenedUntil && today <= reopenedUntil ? 'reopened' : 'locked';
  if (today > cal.dueOn) return 'overdue';
  if (today >= addDays(cal.dueOn, -soonDays)) return 'due_soon';
  return 'open';
}

/** Whether values may be written on that day (open, due soon, overdue or reopened). */
export function acceptsEntry(state: FormState): boolean {
  return state === 'open' || state === 'due_soon' || state === 'overdue' || state === 'reopened';
}

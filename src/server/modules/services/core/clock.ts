import { vnDate, vnDayEnd, WorkingCalendar } from '../../../../shared/calendar/index.ts';

/*
 * The legal clock of a dossier, in working days (calendar.md): one pure place for every deadline the
 * desk, the steps, the apology and the figures use. There is no stored table of yearly calendar
 * overrides yet (as for documents and tasks), so the calendar is the default one.
 */

export function servicesCalendar(): WorkingCalendar {
  return new WorkingCalendar();
}

/**
 * The promised instant `days` working days after `from`: the end of that Vietnamese working day
 * (the receipt day is not counted). A fractional budget (a step of half a day) rounds up to a whole
 * working day: the forms and the national figures count whole days.
 */
export function dueAfter(cal: WorkingCalendar, from: Date, days: number): Date {
  return new Date(vnDayEnd(cal.addWorkingDays(vnDate(from), Math.ceil(days))));
}

/**
 * The due instant after a pause (the applicant asked for papers from `pausedAt` to `resumedAt`): the
 * working days the clock stood still are added to the promise. A pause within one day adds nothing.
 */
export function extendAfterPause(cal: WorkingCalendar, dueAt: Date, pausedAt: Date, resumedAt: Date): Date {
  const stood = cal.workingDaysBetween(vnDate(pausedAt), vnDate(resumedAt));
  if (stood <= 0) return dueAt;
  return new Date(vnDayEnd(cal.addWorkingDays(vnDate(dueAt), stood)));
}

/**
 * Before, on or after time, as the QĐ 766 figures and the control sheet (Mẫu 06) say: the day the work
 * ended compared with the due day (an earlier day = before time, the same day = on time, later = late).
 */
export function timeliness(doneAt: Date, dueAt: Date): 'early' | 'on_time' | 'late' {
  const done = vnDate(doneAt);
  const due = vnDate(dueAt);
  if (done < due) return 'early';
  if (done === due) return 'on_time';
  return 'late';
}

export const TIMELINESS_LABELS = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' } as const;

/**
 * The pure rules of the tasks assigned by leaders (nhiệm vụ được giao): deadlines, and where a task
 * stands (done on time, done late, overdue, in progress). No I/O: unit-tested in tasks-rules.test.ts;
 * the SQL aggregate of the figures (tasks.ts `standingSql`) states the same rule and the integration
 * tests compare both.
 */
import { formatViDate, WorkingCalendar } from '../../../shared/calendar/index.ts';
import type { TaskStanding, TaskStatus } from '../../../shared/schemas/portal-tasks.ts';

/**
 * The installation's working calendar. Documents and indicators use the default rules today (there is
 * no stored table of yearly overrides yet: `new WorkingCalendar()` in documents/routes.ts and
 * documents/reminders.ts); this is the one place tasks take it from, to change when overrides exist.
 */
export function tasksCalendar(): WorkingCalendar {
  return new WorkingCalendar();
}

/** How many working days ahead a task counts as "due soon" (sắp đến hạn). */
export const DUE_SOON_WORKING_DAYS = 3;

/**
 * The deadline of a task: the given date, or N working days from the assignment date counted from the
 * next working day (calendar.md; `addWorkingDays` does not count the assignment day itself).
 */
export function dueDateOf(
  cal: WorkingCalendar,
  assignedOn: string,
  due: { dueOn?: string | null; dueWorkingDays?: number | null },
): string {
  if (due.dueWorkingDays != null) return cal.addWorkingDays(assignedOn, due.dueWorkingDays);
  if (!due.dueOn) throw new RangeError('a task needs a due date or a number of working days');
  return due.dueOn;
}

/** The Vietnamese refusal of a deadline before the assignment date, or null when it is fine. */
export function deadlineError(assignedOn: string, dueOn: string): string | null {
  if (dueOn >= assignedOn) return null;
  return `Hạn xử lý (${formatViDate(dueOn)}) không được trước ngày giao (${formatViDate(assignedOn)}).`;
}

/** The last day that still counts as "due soon" seen from `today`. */
export function dueSoonLimit(cal: WorkingCalendar, today: string): string {
  return cal.addWorkingDays(today, DUE_SOON_WORKING_DAYS);
}

export interface TaskFacts {
  status: TaskStatus;
  dueOn: string;
  reportedOn: string | null;
}

/**
 * Where a task stands on `today` (Vietnam):
 * - done (accepted by the office): on time when the result was reported on or before the deadline
 *   (`reportedOn ≤ dueOn`: the day the lead agency sent it counts, not the day the office accepted);
 *   late otherwise;
 * - not done: overdue when still in progress after the deadline (`today > dueOn`), or when its result
 *   was sent after the deadline and awaits the office; a result sent on time and awaiting the office is
 *   not overdue (the agency did its part in time) — it stays "in progress" until accepted or returned;
 * - cancelled tasks stand apart and are left out of the figures.
 */
export function classifyTask(t: TaskFacts, today: string): TaskStanding {
  switch (t.status) {
    case 'cancelled':
      return 'cancelled';
    case 'done':
      return t.reportedOn !== null && t.reportedOn <= t.dueOn ? 'done_on_time' : 'done_late';
    case 'reported':
      return t.reportedOn !== null && t.reportedOn > t.dueOn ? 'overdue' : 'in_progress';
    default:
      return today > t.dueOn ? 'overdue' : 'in_progress';
  }
}

/** Due soon: still in progress (no result sent), deadline today or within the next 3 working days. */
export function isDueSoon(t: TaskFacts, today: string, limit: string): boolean {
  return t.status === 'in_progress' && t.dueOn >= today && t.dueOn <= limit;
}

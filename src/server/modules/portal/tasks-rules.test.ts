import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../shared/calendar/index.ts';
import { classifyTask, deadlineError, dueDateOf, dueSoonLimit, isDueSoon } from './tasks-rules.ts';

const cal = new WorkingCalendar();

describe('task deadlines', () => {
  it('a date deadline is taken as given', () => {
    expect(dueDateOf(cal, '2026-03-02', { dueOn: '2026-03-31' })).toBe('2026-03-31');
  });
  it('working days count from the next working day, skipping weekends and holidays', () => {
    // Friday 6 March 2026 + 1 working day = Monday 9 March.
    expect(dueDateOf(cal, '2026-03-06', { dueWorkingDays: 1 })).toBe('2026-03-09');
    // Monday 2 March + 5 = Monday 9 March.
    expect(dueDateOf(cal, '2026-03-02', { dueWorkingDays: 5 })).toBe('2026-03-09');
    // Wednesday 29 April 2026 + 1: 30/4 and 1/5 are holidays, then the weekend → Monday 4 May.
    expect(dueDateOf(cal, '2026-04-29', { dueWorkingDays: 1 })).toBe('2026-05-04');
    // Assigned on a Saturday: the first working day after it is Monday.
    expect(dueDateOf(cal, '2026-03-07', { dueWorkingDays: 1 })).toBe('2026-03-09');
  });
  it('the working days win when both are somehow given', () => {
    expect(dueDateOf(cal, '2026-03-02', { dueOn: '2026-12-31', dueWorkingDays: 1 })).toBe('2026-03-03');
  });
  it('a deadline before the assignment is refused in Vietnamese with both dates', () => {
    expect(deadlineError('2026-03-10', '2026-03-09')).toBe(
      'Hạn xử lý (09/03/2026) không được trước ngày giao (10/03/2026).',
    );
    expect(deadlineError('2026-03-10', '2026-03-10')).toBeNull();
    expect(deadlineError('2026-03-10', '2026-04-01')).toBeNull();
  });
});

describe('where a task stands', () => {
  const due = '2026-03-10';
  it('done on time when the result was reported by the deadline, whenever accepted', () => {
    expect(classifyTask({ status: 'done', dueOn: due, reportedOn: '2026-03-10' }, '2026-04-01')).toBe(
      'done_on_time',
    );
    expect(classifyTask({ status: 'done', dueOn: due, reportedOn: '2026-03-01' }, '2026-03-02')).toBe(
      'done_on_time',
    );
  });
  it('done late when reported after the deadline', () => {
    expect(classifyTask({ status: 'done', dueOn: due, reportedOn: '2026-03-11' }, '2026-03-12')).toBe(
      'done_late',
    );
  });
  it('overdue when not done after the deadline', () => {
    expect(classifyTask({ status: 'in_progress', dueOn: due, reportedOn: null }, '2026-03-11')).toBe(
      'overdue',
    );
    expect(classifyTask({ status: 'reported', dueOn: due, reportedOn: '2026-03-12' }, '2026-03-12')).toBe(
      'overdue',
    );
  });
  it('in progress until the deadline, and while a result sent in time awaits the office', () => {
    expect(classifyTask({ status: 'in_progress', dueOn: due, reportedOn: null }, '2026-03-10')).toBe(
      'in_progress',
    );
    expect(classifyTask({ status: 'reported', dueOn: due, reportedOn: '2026-03-09' }, '2026-03-20')).toBe(
      'in_progress',
    );
  });
  it('cancelled stands apart', () => {
    expect(classifyTask({ status: 'cancelled', dueOn: due, reportedOn: null }, '2026-03-20')).toBe(
      'cancelled',
    );
  });
  it('due soon: in progress, due today or within 3 working days', () => {
    // Thursday 5 March 2026: 3 working days ahead is Tuesday 10 March.
    const limit = dueSoonLimit(cal, '2026-03-05');
    expect(limit).toBe('2026-03-10');
    const t = (dueOn: string, status: 'in_progress' | 'reported' = 'in_progress') => ({
      status,
      dueOn,
      reportedOn: null,
    });
    expect(isDueSoon(t('2026-03-05'), '2026-03-05', limit)).toBe(true);
    expect(isDueSoon(t('2026-03-10'), '2026-03-05', limit)).toBe(true);
    expect(isDueSoon(t('2026-03-11'), '2026-03-05', limit)).toBe(false);
    expect(isDueSoon(t('2026-03-04'), '2026-03-05', limit)).toBe(false);
    expect(isDueSoon(t('2026-03-06', 'reported'), '2026-03-05', limit)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  isoWeekOf,
  mondayOf,
  parseWeekKey,
  viTimeDate,
  weekdayName,
  weekKey,
  weekStartOf,
  weekTitle,
} from './portal-schedule.ts';

describe('weeks of the schedule (ISO 8601, Monday to Sunday)', () => {
  it('finds the Monday, the ISO year and week of a date', () => {
    expect(mondayOf('2026-12-02')).toBe('2026-11-30');
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(isoWeekOf('2026-12-02')).toEqual({ isoYear: 2026, isoWeek: 49 });
    // Around New Year: 01/01/2027 is a Friday of week 53 of 2026; 31/12/2024 is in week 1 of 2025.
    expect(isoWeekOf('2027-01-01')).toEqual({ isoYear: 2026, isoWeek: 53 });
    expect(isoWeekOf('2024-12-31')).toEqual({ isoYear: 2025, isoWeek: 1 });
    expect(weekKey('2026-11-30')).toBe('2026-W49');
  });

  it('reads week keys and dates, and refuses weeks a year does not have', () => {
    expect(parseWeekKey('2026-W49')).toBe('2026-11-30');
    expect(parseWeekKey('2026-W53')).toBe('2026-12-28');
    expect(parseWeekKey('2025-W53')).toBeNull();
    expect(parseWeekKey('2025-W01')).toBe('2024-12-30');
    expect(parseWeekKey('2026-12-06')).toBe('2026-11-30');
    expect(parseWeekKey('2026-02-30')).toBeNull();
    expect(parseWeekKey('tuần này')).toBeNull();
    expect(weekStartOf(2026, 0)).toBeNull();
  });

  it('writes the week as the paper schedule does', () => {
    expect(weekTitle('2026-11-30')).toBe('Tuần thứ 49 năm 2026 (từ ngày 30/11/2026 đến ngày 06/12/2026)');
    expect(weekdayName('2026-11-30')).toBe('Thứ Hai');
    expect(weekdayName('2026-12-06')).toBe('Chủ nhật');
    expect(viTimeDate('2022-03-17T07:36:00Z')).toBe('14:36 17/03/2022');
  });
});

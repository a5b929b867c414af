import { describe, expect, it } from 'vitest';
import { formatViDate, formatViLongDate } from './vn-time.ts';
import { defaultHolidays, WorkingCalendar } from './working-days.ts';

const dates = (year: number, name: string) =>
  defaultHolidays(year)
    .filter((h) => h.name === name)
    .map((h) => h.date);

describe('defaultHolidays', () => {
  it('lists 2025: Tết 28/1–1/2 and a compensatory day for Saturday 1/2', () => {
    expect(defaultHolidays(2025)).toEqual([
      { date: '2025-01-01', name: 'Tết Dương lịch' },
      { date: '2025-01-28', name: 'Tết Nguyên đán' },
      { date: '2025-01-29', name: 'Tết Nguyên đán' },
      { date: '2025-01-30', name: 'Tết Nguyên đán' },
      { date: '2025-01-31', name: 'Tết Nguyên đán' },
      { date: '2025-02-01', name: 'Tết Nguyên đán' },
      { date: '2025-02-03', name: 'Nghỉ bù tết Nguyên đán' },
      { date: '2025-04-07', name: 'Giỗ Tổ Hùng Vương' },
      { date: '2025-04-30', name: 'Ngày Chiến thắng' },
      { date: '2025-05-01', name: 'Ngày Quốc tế Lao động' },
      { date: '2025-09-01', name: 'Quốc khánh' },
      { date: '2025-09-02', name: 'Quốc khánh' },
    ]);
  });

  it('lists 2026: Tết 16/2–20/2 and Giỗ Tổ on Sunday 26/4 compensated on Monday 27/4', () => {
    expect(defaultHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'Tết Dương lịch' },
      { date: '2026-02-16', name: 'Tết Nguyên đán' },
      { date: '2026-02-17', name: 'Tết Nguyên đán' },
      { date: '2026-02-18', name: 'Tết Nguyên đán' },
      { date: '2026-02-19', name: 'Tết Nguyên đán' },
      { date: '2026-02-20', name: 'Tết Nguyên đán' },
      { date: '2026-04-26', name: 'Giỗ Tổ Hùng Vương' },
      { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
      { date: '2026-04-30', name: 'Ngày Chiến thắng' },
      { date: '2026-05-01', name: 'Ngày Quốc tế Lao động' },
      { date: '2026-09-01', name: 'Quốc khánh' },
      { date: '2026-09-02', name: 'Quốc khánh' },
    ]);
  });

  it('compensates 1/1 on a Saturday (2028) with Monday', () => {
    expect(dates(2028, 'Nghỉ bù tết Dương lịch')).toEqual(['2028-01-03']);
  });

  it('compensates 1/9 Saturday and 2/9 Sunday (2029) with Monday and Tuesday', () => {
    expect(new Date('2029-09-02T00:00:00Z').getUTCDay()).toBe(0);
    expect(dates(2029, 'Nghỉ bù Quốc khánh')).toEqual(['2029-09-03', '2029-09-04']);
  });

  it('skips holidays when placing a compensatory day (30/4/2028 Sunday, 1/5 Monday → 2/5)', () => {
    expect(dates(2028, 'Nghỉ bù ngày Chiến thắng')).toEqual(['2028-05-02']);
    // 2/9/2028 is a Saturday; Friday 1/9 is the other Quốc khánh day.
    expect(dates(2028, 'Nghỉ bù Quốc khánh')).toEqual(['2028-09-04']);
  });

  it('gives one compensatory day per weekend holiday in a row (29/4–1/5/2023)', () => {
    const compensatory = defaultHolidays(2023).filter(
      (h) => h.name.startsWith('Nghỉ bù') && h.date >= '2023-04-01' && h.date < '2023-06-01',
    );
    expect(compensatory).toEqual([
      { date: '2023-05-02', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
      { date: '2023-05-03', name: 'Nghỉ bù ngày Chiến thắng' },
    ]);
  });

  it('compensates Tết days on a weekend (Tết 2027 on Saturday 6/2)', () => {
    expect(dates(2027, 'Tết Nguyên đán')).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
    ]);
    expect(dates(2027, 'Nghỉ bù tết Nguyên đán')).toEqual(['2027-02-10', '2027-02-11']);
  });

  it('rejects unsupported years', () => {
    expect(() => defaultHolidays(1899)).toThrow(RangeError);
    expect(() => defaultHolidays(2200)).toThrow(RangeError);
    expect(() => defaultHolidays(2025.5)).toThrow(RangeError);
  });
});

describe('WorkingCalendar without overrides', () => {
  const cal = new WorkingCalendar();

  it('tells working days from weekends and holidays, with a reason', () => {
    expect(cal.isWorkingDay('2026-11-20')).toBe(true);
    expect(cal.nonWorkingReason('2026-11-20')).toBeNull();
    expect(cal.isWorkingDay('2026-11-21')).toBe(false);
    expect(cal.nonWorkingReason('2026-11-21')).toBe('Thứ Bảy');
    expect(cal.nonWorkingReason('2026-11-22')).toBe('Chủ nhật');
    expect(cal.nonWorkingReason('2026-02-17')).toBe('Tết Nguyên đán');
    expect(cal.nonWorkingReason('2025-02-03')).toBe('Nghỉ bù tết Nguyên đán');
    expect(cal.nonWorkingReason('2025-02-01')).toBe('Tết Nguyên đán');
  });

  it('counts a deadline from the next working day', () => {
    expect(cal.addWorkingDays('2026-11-20', 1)).toBe('2026-11-23');
    expect(cal.addWorkingDays('2026-11-23', 1)).toBe('2026-11-24');
    expect(cal.addWorkingDays('2026-11-23', 5)).toBe('2026-11-30');
    expect(cal.addWorkingDays('2026-11-21', 1)).toBe('2026-11-23');
  });

  it('returns the same day for n = 0 when it is a working day, else the next working day', () => {
    expect(cal.addWorkingDays('2026-11-20', 0)).toBe('2026-11-20');
    expect(cal.addWorkingDays('2026-11-21', 0)).toBe('2026-11-23');
    expect(cal.addWorkingDays('2025-01-29', 0)).toBe('2025-02-04');
  });

  it('adds working days across Tết', () => {
    // 2025: Tết 28/1–1/2, compensatory Monday 3/2.
    expect(cal.addWorkingDays('2025-01-24', 1)).toBe('2025-01-27');
    expect(cal.addWorkingDays('2025-01-24', 2)).toBe('2025-02-04');
    // 2026: Tết 16/2–20/2 between two weekends.
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
    expect(cal.addWorkingDays('2026-02-10', 5)).toBe('2026-02-24');
  });

  it('adds working days across the new year', () => {
    expect(cal.addWorkingDays('2025-12-26', 10)).toBe('2026-01-12');
  });

  it('counts working days in (from, to]', () => {
    expect(cal.workingDaysBetween('2026-11-20', '2026-11-23')).toBe(1);
    expect(cal.workingDaysBetween('2026-11-20', '2026-11-22')).toBe(0);
    expect(cal.workingDaysBetween('2026-11-20', '2026-11-20')).toBe(0);
    expect(cal.workingDaysBetween('2026-11-23', '2026-11-20')).toBe(0);
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1);
    // 261 weekdays in 2026, 11 of them holidays or compensatory days.
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(261 - 11);
  });

  it('inverts addWorkingDays for n ≥ 1, from any day', () => {
    for (const from of ['2025-01-24', '2025-01-25', '2025-01-29', '2026-02-16', '2029-08-31']) {
      for (const n of [1, 2, 5, 15, 30]) {
        expect(cal.workingDaysBetween(from, cal.addWorkingDays(from, n))).toBe(n);
      }
    }
  });

  it('rejects malformed dates and invalid n', () => {
    for (const bad of [
      '2026-2-3',
      '2026-02-30',
      '2026-13-01',
      '',
      '20260203',
      '2026-02-03T00:00',
      'abcd-ef-gh',
    ]) {
      expect(() => cal.isWorkingDay(bad)).toThrow(RangeError);
      expect(() => cal.addWorkingDays(bad, 1)).toThrow(RangeError);
    }
    expect(() => cal.nonWorkingReason('1899-12-31')).toThrow(RangeError);
    expect(() => cal.workingDaysBetween('2026-01-01', '2026-1-2')).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-11-20', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-11-20', 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-11-20', Number.NaN)).toThrow(RangeError);
  });
});

describe('WorkingCalendar with overrides', () => {
  // Suppose the 2026 decision gives 2/9 and 3/9 for Quốc khánh, and swaps Monday 4/5 with Saturday 9/5.
  const cal = new WorkingCalendar({
    extraDaysOff: ['2026-09-03', '2026-05-04'],
    workingDays: ['2026-09-01', '2026-05-09'],
  });

  it('applies extra days off and worked days', () => {
    expect(cal.isWorkingDay('2026-09-01')).toBe(true);
    expect(cal.isWorkingDay('2026-09-03')).toBe(false);
    expect(cal.nonWorkingReason('2026-09-03')).toBe('Ngày nghỉ theo điều chỉnh lịch làm việc');
    expect(cal.nonWorkingReason('2026-09-02')).toBe('Quốc khánh');
    expect(cal.isWorkingDay('2026-05-04')).toBe(false);
    expect(cal.isWorkingDay('2026-05-09')).toBe(true);
  });

  it('uses the overrides when counting', () => {
    // Thu 30/4 and Fri 1/5 holidays, weekend, Mon 4/5 swapped off.
    expect(cal.addWorkingDays('2026-04-29', 1)).toBe('2026-05-05');
    expect(new WorkingCalendar().addWorkingDays('2026-04-29', 1)).toBe('2026-05-04');
    expect(cal.addWorkingDays('2026-05-08', 1)).toBe('2026-05-09');
    expect(cal.addWorkingDays('2026-08-31', 1)).toBe('2026-09-01');
    expect(cal.addWorkingDays('2026-09-01', 1)).toBe('2026-09-04');
  });

  it('rejects malformed or conflicting overrides', () => {
    expect(() => new WorkingCalendar({ extraDaysOff: ['2026-9-3'], workingDays: [] })).toThrow(RangeError);
    expect(() => new WorkingCalendar({ extraDaysOff: ['2026-05-09'], workingDays: ['2026-05-09'] })).toThrow(
      RangeError,
    );
  });
});

describe('formatViDate', () => {
  it('formats dd/MM/yyyy', () => {
    expect(formatViDate('2026-01-05')).toBe('05/01/2026');
    expect(formatViDate('2026-11-23')).toBe('23/11/2026');
    expect(() => formatViDate('2026-02-29')).toThrow(RangeError);
  });
});

describe('formatViLongDate (Nghị định 30/2020, Phụ lục I, Mục II, khoản 4 điểm b)', () => {
  it('pads days below 10 and months 1 and 2 only', () => {
    expect(formatViLongDate('2026-11-23')).toBe('ngày 23 tháng 11 năm 2026');
    expect(formatViLongDate('2026-01-05')).toBe('ngày 05 tháng 01 năm 2026');
    expect(formatViLongDate('2026-02-10')).toBe('ngày 10 tháng 02 năm 2026');
    expect(formatViLongDate('2020-03-05')).toBe('ngày 05 tháng 3 năm 2020');
    expect(formatViLongDate('2019-06-29')).toBe('ngày 29 tháng 6 năm 2019');
    expect(formatViLongDate('2026-12-09')).toBe('ngày 09 tháng 12 năm 2026');
  });

  it('rejects malformed dates', () => {
    expect(() => formatViLongDate('23/11/2026')).toThrow(RangeError);
  });
});

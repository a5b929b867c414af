/**
 * Working days of state agencies, for deadlines counted in working days ("ngày làm việc").
 *
 * Dates are plain ISO strings 'YYYY-MM-DD'. Internally a date is a day number (days since
 * 1970-01-01) computed with UTC arithmetic, so no local time zone is ever involved.
 *
 * Sources (the Labour Code and Civil Code are not among the primary texts at hand; their articles
 * are cited from general knowledge and are to verify):
 * - Weekly rest: Saturday and Sunday for state agencies (40-hour week, Quyết định 188/1999/QĐ-TTg).
 * - Public holidays: Bộ luật Lao động 2019, Điều 112 khoản 1.
 * - Compensatory day when a holiday falls on the weekly rest day: Bộ luật Lao động 2019, Điều 111 khoản 3.
 * - Yearly swaps and the exact Tết and Quốc khánh days: announced by the Prime Minister / Ministry
 *   of Home Affairs each year (Điều 112 khoản 3) — modelled as administrator overrides.
 */
import { lunarToSolar } from './lunar.ts';

export interface Holiday {
  /** ISO date 'YYYY-MM-DD'. */
  date: string;
  /** Vietnamese name, capitalised as a label (Nghị định 30/2020, Phụ lục II, Mục V, khoản 5 and 8b). */
  name: string;
}

/** An administrator's yearly adjustments on top of the default rules. */
export interface CalendarOverrides {
  /** Extra non-working days (e.g. a bridge day given off in exchange for a worked Saturday). */
  extraDaysOff: string[];
  /** Days that are worked although the rules say otherwise (e.g. the Saturday worked for that swap). */
  workingDays: string[];
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------------------------------------------------------------------------------------------
// ISO date <-> day number

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Year ${year} is outside the supported range ${MIN_YEAR}–${MAX_YEAR}`);
  }
}

function dayNumberOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Parses 'YYYY-MM-DD' strictly (real calendar date, supported year) into a day number. */
function parseDate(date: string): number {
  const match = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (!match) throw new RangeError(`Malformed date ${JSON.stringify(date)}, expected YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  assertYear(year);
  const n = dayNumberOf(year, month, day);
  if (toIso(n) !== date) throw new RangeError(`Invalid calendar date ${date}`);
  return n;
}

function toIso(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

function yearOf(dayNumber: number): number {
  return new Date(dayNumber * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(dayNumber: number): number {
  return new Date(dayNumber * DAY_MS).getUTCDay();
}

function isWeekend(dayNumber: number): boolean {
  const d = weekday(dayNumber);
  return d === 0 || d === 6;
}

// ---------------------------------------------------------------------------------------------
// Default public holidays

interface HolidayRule {
  /** Label form, e.g. 'Tết Nguyên đán'. */
  name: string;
  /**
   * In-sentence form for 'Nghỉ bù …'. Nghị định 30/2020, Phụ lục II, Mục V: names of tết capitalise
   * only the name after "tết" (khoản 8b: "tết Nguyên đán"), names of ngày lễ likewise after "ngày"
   * (khoản 5: "ngày Quốc khánh 2-9", "ngày Quốc tế Lao động 1-5").
   */
  inSentence: string;
}

const NEW_YEAR: HolidayRule = { name: 'Tết Dương lịch', inSentence: 'tết Dương lịch' };
const TET: HolidayRule = { name: 'Tết Nguyên đán', inSentence: 'tết Nguyên đán' };
const HUNG_KINGS: HolidayRule = { name: 'Giỗ Tổ Hùng Vương', inSentence: 'Giỗ Tổ Hùng Vương' };
const VICTORY: HolidayRule = { name: 'Ngày Chiến thắng', inSentence: 'ngày Chiến thắng' };
const LABOUR: HolidayRule = { name: 'Ngày Quốc tế Lao động', inSentence: 'ngày Quốc tế Lao động' };
const NATIONAL: HolidayRule = { name: 'Quốc khánh', inSentence: 'Quốc khánh' };

interface DatedRule {
  day: number;
  rule: HolidayRule;
}

/** Điều 112 khoản 1 điểm a, c, d, đ: the solar-date holidays. */
function solarHolidays(year: number): DatedRule[] {
  return [
    { day: dayNumberOf(year, 1, 1), rule: NEW_YEAR },
    { day: dayNumberOf(year, 4, 30), rule: VICTORY },
    { day: dayNumberOf(year, 5, 1), rule: LABOUR },
    // Điểm đ: 2 September "and one adjacent day before or after", chosen each year by the Prime
    // Minister (khoản 3). Default: 1 September; adjust with overrides when the decision differs.
    { day: dayNumberOf(year, 9, 1), rule: NATIONAL },
    { day: dayNumberOf(year, 9, 2), rule: NATIONAL },
  ];
}

/**
 * Điều 112 khoản 1 điểm b: 5 days of Tết, whose exact span the Prime Minister decides (khoản 3).
 * Default: the last day of the old lunar year plus the first four days of the new one. Tết falls
 * between 21 January and 20 February, so all five days are in the same solar year.
 */
function tetHolidays(year: number): DatedRule[] {
  const first = lunarToSolar(year, 1, 1);
  const newYearsDay = dayNumberOf(first.year, first.month, first.day);
  return [-1, 0, 1, 2, 3].map((offset) => ({ day: newYearsDay + offset, rule: TET }));
}

/** Điều 112 khoản 1 điểm e: 10th day of the 3rd lunar month. */
function hungKingsHoliday(year: number): DatedRule {
  const d = lunarToSolar(year, 3, 10);
  return { day: dayNumberOf(d.year, d.month, d.day), rule: HUNG_KINGS };
}

/**
 * Điều 111 khoản 3: a holiday on the weekly rest day is compensated by the next working day.
 * Each such holiday takes the first following weekday that is neither a holiday nor already a
 * compensatory day (so 1/9 Saturday + 2/9 Sunday give Monday and Tuesday). Two holidays on the
 * same weekday (10/3 lunar on 30/4, last in 1947) get no compensation: the law does not provide it.
 * All holidays end by 2 September, so compensatory days never spill into the next year.
 */
function compensatoryDays(holidays: DatedRule[]): DatedRule[] {
  const taken = new Set(holidays.map((h) => h.day));
  const result: DatedRule[] = [];
  for (const h of holidays) {
    if (!isWeekend(h.day)) continue;
    let day = h.day + 1;
    while (isWeekend(day) || taken.has(day)) day++;
    taken.add(day);
    const name = `Nghỉ bù ${h.rule.inSentence}`;
    result.push({ day, rule: { name, inSentence: name } });
  }
  return result;
}

function byDay(a: DatedRule, b: DatedRule): number {
  return a.day - b.day;
}

/**
 * The default public holidays of a solar year (Bộ luật Lao động 2019, Điều 112), with the
 * compensatory days of Điều 111 khoản 3, sorted by date. Yearly decisions that differ (swaps,
 * another Tết span, 3/9 instead of 1/9) are applied as CalendarOverrides.
 */
export function defaultHolidays(year: number): Holiday[] {
  assertYear(year);
  const holidays = [...solarHolidays(year), ...tetHolidays(year), hungKingsHoliday(year)].sort(byDay);
  return [...holidays, ...compensatoryDays(holidays)]
    .sort(byDay)
    .map((h) => ({ date: toIso(h.day), name: h.rule.name }));
}

// ---------------------------------------------------------------------------------------------
// Working calendar

const EXTRA_DAY_OFF = 'Ngày nghỉ theo điều chỉnh lịch làm việc';

/**
 * Working-day arithmetic for state agencies. Holidays are computed lazily per year and cached.
 *
 * Precedence for a date: `overrides.workingDays` (worked) > public holiday or compensatory day >
 * `overrides.extraDaysOff` > Saturday/Sunday > working day.
 */
export class WorkingCalendar {
  readonly #workingDays: ReadonlySet<number>;
  readonly #extraDaysOff: ReadonlySet<number>;
  readonly #holidaysByYear = new Map<number, Map<number, string>>();

  constructor(overrides: CalendarOverrides = { extraDaysOff: [], workingDays: [] }) {
    this.#workingDays = new Set(overrides.workingDays.map(parseDate));
    this.#extraDaysOff = new Set(overrides.extraDaysOff.map(parseDate));
    const conflict = [...this.#extraDaysOff].find((d) => this.#workingDays.has(d));
    if (conflict !== undefined) {
      throw new RangeError(`${toIso(conflict)} is both an extra day off and a working day`);
    }
  }

  isWorkingDay(date: string): boolean {
    return this.#reason(parseDate(date)) === null;
  }

  /** Why `date` is not a working day (holiday name, 'Thứ Bảy', 'Chủ nhật', …), or null if it is one. */
  nonWorkingReason(date: string): string | null {
    return this.#reason(parseDate(date));
  }

  /**
   * The deadline of `n` working days from receipt date `from`. The receipt day is not counted
   * (Bộ luật Dân sự 2015, Điều 147: a term counts from the day after the event), so n ≥ 1 gives
   * the n-th working day strictly after `from`: Friday + 1 = Monday. n = 0 gives `from` itself,
   * or the next working day if `from` is not one (Điều 148: a term ending on a day off ends on the
   * next working day) — so for a Saturday receipt n = 0 and n = 1 both give Monday.
   * Shifting the receipt date itself (e.g. an online application filed on a holiday) is the
   * caller's business. Throws RangeError for a malformed date or a negative / non-integer n.
   */
  addWorkingDays(from: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
    let day = parseDate(from);
    if (n === 0) {
      while (!this.#isWorking(day)) day++;
      return toIso(day);
    }
    for (let counted = 0; counted < n; ) {
      day++;
      if (this.#isWorking(day)) counted++;
    }
    return toIso(day);
  }

  /**
   * The number of working days d with from < d ≤ to (0 when to ≤ from). It inverts
   * addWorkingDays: workingDaysBetween(from, addWorkingDays(from, n)) === n for every n ≥ 1.
   * Use it for "working days elapsed since receipt" or "working days overdue since the deadline".
   */
  workingDaysBetween(from: string, to: string): number {
    const start = parseDate(from);
    const end = parseDate(to);
    let count = 0;
    for (let day = start + 1; day <= end; day++) {
      if (this.#isWorking(day)) count++;
    }
    return count;
  }

  #isWorking(day: number): boolean {
    return this.#reason(day) === null;
  }

  #reason(day: number): string | null {
    if (this.#workingDays.has(day)) return null;
    const holiday = this.#holidaysOf(yearOf(day)).get(day);
    if (holiday !== undefined) return holiday;
    if (this.#extraDaysOff.has(day)) return EXTRA_DAY_OFF;
    if (isWeekend(day)) return weekday(day) === 0 ? 'Chủ nhật' : 'Thứ Bảy';
    return null;
  }

  #holidaysOf(year: number): Map<number, string> {
    let holidays = this.#holidaysByYear.get(year);
    if (!holidays) {
      holidays = new Map();
      for (const h of defaultHolidays(year)) {
        const day = parseDate(h.date);
        const other = holidays.get(day);
        holidays.set(day, other === undefined ? h.name : `${other}; ${h.name}`);
      }
      this.#holidaysByYear.set(year, holidays);
    }
    return holidays;
  }
}

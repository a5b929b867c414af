/**
 * Reporting periods of socio-economic indicators as text codes, so that a period sorts, compares and
 * keys a value by itself: month `2026M01`, quarter `2026Q1`, half-year `2026S1` (6 tháng đầu năm) and
 * `2026S2`, nine months `2026N9` (9 tháng), year `2026`. Dates are calendar dates (YYYY-MM-DD) of
 * Vietnam; nothing here reads a clock.
 */

export const PERIODICITIES = ['month', 'quarter', 'half', 'nine_months', 'year'] as const;
export type Periodicity = (typeof PERIODICITIES)[number];

export interface Period {
  code: string;
  periodicity: Periodicity;
  year: number;
  /** month 1–12, quarter 1–4, half 1–2, nine_months 9 (months), year 1. */
  index: number;
}

const PATTERN = /^(\d{4})(?:M(0[1-9]|1[0-2])|Q([1-4])|S([12])|N(9))?$/;

/** The period a code names, or null when the code is not one. */
export function parsePeriod(code: string): Period | null {
  const m = PATTERN.exec(code);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900 || year > 2200) return null;
  if (m[2]) return { code, periodicity: 'month', year, index: Number(m[2]) };
  if (m[3]) return { code, periodicity: 'quarter', year, index: Number(m[3]) };
  if (m[4]) return { code, periodicity: 'half', year, index: Number(m[4]) };
  if (m[5]) return { code, periodicity: 'nine_months', year, index: 9 };
  return { code, periodicity: 'year', year, index: 1 };
}

/** Like parsePeriod, but throws (for codes that come from our own data). */
export function period(code: string): Period {
  const p = parsePeriod(code);
  if (!p) throw new Error(`not a period code: ${code}`);
  return p;
}

export function periodCode(periodicity: Periodicity, year: number, index: number): string {
  switch (periodicity) {
    case 'month':
      return `${year}M${String(index).padStart(2, '0')}`;
    case 'quarter':
      return `${year}Q${index}`;
    case 'half':
      return `${year}S${index}`;
    case 'nine_months':
      return `${year}N9`;
    case 'year':
      return `${year}`;
  }
}

/** The first and last month (1–12) a period covers. */
export function monthsOf(p: Period): [number, number] {
  switch (p.periodicity) {
    case 'month':
      return [p.index, p.index];
    case 'quarter':
      return [p.index * 3 - 2, p.index * 3];
    case 'half':
      return p.index === 1 ? [1, 6] : [7, 12];
    case 'nine_months':
      return [1, 9];
    case 'year':
      return [1, 12];
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** First day of the period (YYYY-MM-DD). */
export function periodStart(p: Period): string {
  return `${p.year}-${pad(monthsOf(p)[0])}-01`;
}

/** Last day of the period (YYYY-MM-DD). */
export function periodEnd(p: Period): string {
  const last = monthsOf(p)[1];
  return `${p.year}-${pad(last)}-${pad(daysIn(p.year, last))}`;
}

/** A calendar date plus n days (YYYY-MM-DD). */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The period of this periodicity that holds a date. */
export function periodOf(periodicity: Periodicity, date: string): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const index =
    periodicity === 'month'
      ? month
      : periodicity === 'quarter'
        ? Math.ceil(month / 3)
        : periodicity === 'half'
          ? month <= 6
            ? 1
            : 2
          : periodicity === 'nine_months'
            ? 9
            : 1;
  return period(periodCode(periodicity, year, index));
}

/** The same period a year earlier (the comparison every leader asks for). */
export function sameLastYear(p: Period): Period {
  return period(periodCode(p.periodicity, p.year - 1, p.index));
}

/** The period after this one (nine months: the next year's). */
export function nextPeriod(p: Period): Period {
  const count = { month: 12, quarter: 4, half: 2, nine_months: 1, year: 1 }[p.periodicity];
  if (p.periodicity === 'nine_months') return period(periodCode(p.periodicity, p.year + 1, 9));
  return p.index < count
    ? period(periodCode(p.periodicity, p.year, p.index + 1))
    : period(periodCode(p.periodicity, p.year + 1, 1));
}

/** The period before this one. */
export function previousPeriod(p: Period): Period {
  const count = { month: 12, quarter: 4, half: 2, nine_months: 1, year: 1 }[p.periodicity];
  if (p.periodicity === 'nine_months') return period(periodCode(p.periodicity, p.year - 1, 9));
  return p.index > 1
    ? period(periodCode(p.periodicity, p.year, p.index - 1))
    : period(periodCode(p.periodicity, p.year - 1, count));
}

/** Every period from `from` to `to` inclusive (same periodicity), at most `max`. */
export function periodsBetween(from: Period, to: Period, max = 1000): Period[] {
  if (from.periodicity !== to.periodicity) throw new Error('periods of different periodicities');
  const out: Period[] = [];
  for (let p = from; p.code <= to.code && out.length < max; p = nextPeriod(p)) out.push(p);
  return out;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** The period as officials write it: "Tháng 01/2026", "Quý I/2026", "6 tháng đầu năm 2026" … */
export function periodLabel(p: Period, lang: 'vi' | 'en' = 'vi'): string {
  if (lang === 'en') {
    switch (p.periodicity) {
      case 'month':
        return `${pad(p.index)}/${p.year}`;
      case 'quarter':
        return `Q${p.index} ${p.year}`;
      case 'half':
        return p.index === 1 ? `H1 ${p.year}` : `H2 ${p.year}`;
      case 'nine_months':
        return `9 months ${p.year}`;
      case 'year':
        return `Year ${p.year}`;
    }
  }
  switch (p.periodicity) {
    case 'month':
      return `Tháng ${pad(p.index)}/${p.year}`;
    case 'quarter':
      return `Quý ${ROMAN[p.index - 1]}/${p.year}`;
    case 'half':
      return p.index === 1 ? `6 tháng đầu năm ${p.year}` : `6 tháng cuối năm ${p.year}`;
    case 'nine_months':
      return `9 tháng năm ${p.year}`;
    case 'year':
      return `Năm ${p.year}`;
  }
}

export const PERIODICITY_LABELS: Record<Periodicity, string> = {
  month: 'Tháng',
  quarter: 'Quý',
  half: '6 tháng',
  nine_months: '9 tháng',
  year: 'Năm',
};

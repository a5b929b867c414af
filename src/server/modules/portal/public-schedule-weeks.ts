import { formatViDate, vnDate } from '../../../shared/calendar/vn-time.ts';

/**
 * ISO 8601 weeks as the weekly schedule names them ("Tuần thứ 49 năm 2026"): Monday to Sunday in
 * Asia/Ho_Chi_Minh, week 1 is the one holding the year's first Thursday. Dates are yyyy-mm-dd
 * strings handled as UTC midnights, so the machine's own zone never matters.
 */
export interface IsoWeek {
  isoYear: number;
  isoWeek: number;
  /** The Monday, yyyy-mm-dd. */
  monday: string;
  /** The Sunday, yyyy-mm-dd. */
  sunday: string;
}

const DAY_MS = 86_400_000;
const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The date `days` days after `date` (yyyy-mm-dd). */
export function addDays(date: string, days: number): string {
  return iso(utc(date) + days * DAY_MS);
}

/** The ISO week holding a calendar date. */
export function isoWeekOf(date: string): IsoWeek {
  const t = utc(date);
  const dow = (new Date(t).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = t - dow * DAY_MS;
  const thursday = monday + 3 * DAY_MS;
  const isoYear = new Date(thursday).getUTCFullYear();
  const jan1 = Date.UTC(isoYear, 0, 1);
  const isoWeek = Math.floor((thursday - jan1) / DAY_MS / 7) + 1;
  return { isoYear, isoWeek, monday: iso(monday), sunday: iso(monday + 6 * DAY_MS) };
}

/** The ISO week of an instant, in Vietnam's calendar. */
export function isoWeekAt(at: Date): IsoWeek {
  return isoWeekOf(vnDate(at));
}

/** The week `isoWeek` of `isoYear`, or null when that year has no such week (53 only in long years). */
export function isoWeekFrom(isoYear: number, isoWeek: number): IsoWeek | null {
  if (!Number.isInteger(isoYear) || !Number.isInteger(isoWeek) || isoYear < 2000 || isoYear > 2200)
    return null;
  if (isoWeek < 1 || isoWeek > 53) return null;
  // 4 January is always in week 1.
  const week1 = isoWeekOf(iso(Date.UTC(isoYear, 0, 4)));
  const w = isoWeekOf(addDays(week1.monday, (isoWeek - 1) * 7));
  return w.isoYear === isoYear && w.isoWeek === isoWeek ? w : null;
}

/** "2026-W49" (the stable URL segment of a week). */
export function weekSlug(w: Pick<IsoWeek, 'isoYear' | 'isoWeek'>): string {
  return `${w.isoYear}-W${String(w.isoWeek).padStart(2, '0')}`;
}

/** The week of a slug "2026-W49" (or "2026-w49"), or null when it is not one. */
export function parseWeekSlug(slug: string): IsoWeek | null {
  const m = /^(\d{4})-[Ww](\d{1,2})$/.exec(slug);
  return m ? isoWeekFrom(Number(m[1]), Number(m[2])) : null;
}

/** The week before (-1) or after (+1). */
export function shiftWeek(w: IsoWeek, by: number): IsoWeek {
  return isoWeekOf(addDays(w.monday, 7 * by));
}

/** "Tuần thứ 49 năm 2026, từ ngày 30/11/2026 đến ngày 06/12/2026". */
export function weekTitle(w: IsoWeek): string {
  return `Tuần thứ ${w.isoWeek} năm ${w.isoYear}, từ ngày ${formatViDate(w.monday)} đến ngày ${formatViDate(w.sunday)}`;
}

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** "Thứ Hai" … "Chủ nhật" of a calendar date. */
export function viWeekday(date: string): string {
  return WEEKDAYS[new Date(utc(date)).getUTCDay()] ?? '';
}

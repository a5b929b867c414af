/**
 * Vietnam time and Vietnamese dates: the one home of these helpers for the server and the web
 * (DESIGN.md §5: shown dd/MM/yyyy, in documents "ngày 23 tháng 11 năm 2026", time zone
 * Asia/Ho_Chi_Minh).
 *
 * Vietnam keeps UTC+7 all year (no daylight saving since 1975), so an instant's Vietnamese wall
 * clock is the instant plus seven hours read in UTC: plain arithmetic, the same in Node and every
 * browser, whatever the machine's own zone.
 */

/** The IANA name, for what wants one (Intl, cron, SQL `AT TIME ZONE`). */
export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** UTC+7, in milliseconds. */
export const VN_OFFSET_MS = 7 * 3_600_000;

/** An instant: a Date, an ISO timestamp, or milliseconds since the epoch. */
export type Instant = Date | string | number;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant moved by +7 h, so that its UTC fields read as the wall clock in Vietnam: for formats
 * that carry no zone (an Excel cell, an edXML timestamp) and for the helpers below.
 */
export function vnWallClock(at: Instant): Date {
  return new Date(new Date(at).getTime() + VN_OFFSET_MS);
}

/** The calendar date in Vietnam of an instant, as yyyy-mm-dd. */
export function vnDate(at: Instant): string {
  return vnWallClock(at).toISOString().slice(0, 10);
}

/** The calendar year in Vietnam of an instant. */
export function vnYear(at: Instant): number {
  return vnWallClock(at).getUTCFullYear();
}

/** "14:05": the time of day in Vietnam of an instant (24-hour clock). */
export function vnTimeOfDay(at: Instant): string {
  return vnWallClock(at).toISOString().slice(11, 16);
}

/** The instant a Vietnamese calendar day (yyyy-mm-dd) begins: "2026-11-23T00:00:00+07:00". */
export function vnDayStart(date: string): string {
  return `${date}T00:00:00+07:00`;
}

/** The last millisecond of a Vietnamese calendar day: "2026-11-23T23:59:59.999+07:00". */
export function vnDayEnd(date: string): string {
  return `${date}T23:59:59.999+07:00`;
}

/** Day, month and year of a real calendar date written yyyy-mm-dd; RangeError otherwise. */
function partsOf(date: string): { year: number; month: number; day: number } {
  const m = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (!m) throw new RangeError(`Malformed date ${JSON.stringify(date)}, expected YYYY-MM-DD`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years 0–99 as they are
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    throw new RangeError(`Invalid calendar date ${date}`);
  return { year, month, day };
}

/** 'dd/MM/yyyy', the usual short form in Vietnamese forms and tables (always two-digit day and month). */
export function formatViDate(date: string): string {
  partsOf(date);
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/**
 * 'ngày 05 tháng 01 năm 2026', 'ngày 23 tháng 11 năm 2026', 'ngày 29 tháng 6 năm 2019'.
 * Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II, khoản 4 điểm b: "đối với những số thể hiện
 * ngày nhỏ hơn 10 và tháng 1, 2 phải ghi thêm số 0 phía trước" — only days below 10 and months
 * 1 and 2 get a leading zero; months 3–12 never do.
 */
export function formatViLongDate(date: string): string {
  const { year, month, day } = partsOf(date);
  const dd = day < 10 ? `0${day}` : `${day}`;
  const mm = month <= 2 ? `0${month}` : `${month}`;
  return `ngày ${dd} tháng ${mm} năm ${year}`;
}

/** "23/11/2026" for a calendar date (yyyy-mm-dd); '' when there is none. */
export function viDate(date: string | null | undefined): string {
  return date ? formatViDate(date) : '';
}

/** "23/11/2026" for an instant, in Vietnam's time zone; '' when there is none. */
export function viDateOfInstant(at: Instant | null | undefined): string {
  return at || at === 0 ? formatViDate(vnDate(at)) : '';
}

/** "23/11/2026 14:05" for an instant, in Vietnam's time zone. */
export function viDateTime(at: Instant): string {
  return `${formatViDate(vnDate(at))} ${vnTimeOfDay(at)}`;
}

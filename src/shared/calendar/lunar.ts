/**
 * Vietnamese lunar calendar (âm lịch), needed for the lunar public holidays (Tết Nguyên đán and
 * Giỗ Tổ Hùng Vương, Labour Code 2019 Art. 112).
 *
 * Algorithm: Hồ Ngọc Đức, "Thuật toán tính âm lịch" (the common reference for Vietnamese
 * software), built on the astronomical formulas of Jean Meeus, "Astronomical Algorithms".
 * A lunar month starts on the day (local time) of a new moon; month 11 contains the winter
 * solstice; in a 13-month year the leap month is the first month without a major solar term.
 *
 * Vietnam's calendar uses UTC+7, China's UTC+8: the new moon can fall on different local days,
 * which is why Tết 1985 was 21 January in Vietnam and 20 February in China. Before 1968 the
 * North still used UTC+8, so results for earlier years may differ from calendars of the time.
 */

/** Vietnam's official time zone, in hours east of UTC. */
const TIME_ZONE = 7;
/** Years the astronomical approximations (and our tests) cover. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;
/** Mean synodic month in days, and the Julian day of the new moon of 1900-01-01 (k = 0). */
const SYNODIC_MONTH = 29.530588853;
const EPOCH_NEW_MOON = 2415021.076998695;
/** Julian day number of 1970-01-01. */
const UNIX_EPOCH_JDN = 2440588;
const DAY_MS = 86_400_000;
const RAD = Math.PI / 180;

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  /** True for the intercalary (nhuận) month that repeats `month`. */
  leap: boolean;
}

export interface SolarDate {
  year: number;
  month: number;
  day: number;
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Year ${year} is outside the supported range ${MIN_YEAR}–${MAX_YEAR}`);
  }
}

function assertSolarDate(year: number, month: number, day: number): void {
  assertYear(year);
  const valid =
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!valid) throw new RangeError(`Invalid date ${year}-${month}-${day}`);
}

/** Julian day number of a (proleptic) Gregorian date; the supported range is all Gregorian. */
function jdFromDate(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS) + UNIX_EPOCH_JDN;
}

function jdToDate(jd: number): SolarDate {
  const date = new Date((jd - UNIX_EPOCH_JDN) * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Periodic terms of the true new moon (Meeus, ch. 49, abridged as in Hồ Ngọc Đức's code). */
function newMoonCorrection(t: number, k: number): number {
  const t2 = t * t;
  const t3 = t2 * t;
  const m = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * RAD;
  const mpr = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * RAD;
  const f = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * RAD;
  return (
    (0.1734 - 0.000393 * t) * Math.sin(m) +
    0.0021 * Math.sin(2 * m) -
    0.4068 * Math.sin(mpr) +
    0.0161 * Math.sin(2 * mpr) -
    0.0004 * Math.sin(3 * mpr) +
    0.0104 * Math.sin(2 * f) -
    0.0051 * Math.sin(m + mpr) -
    0.0074 * Math.sin(m - mpr) +
    0.0004 * Math.sin(2 * f + m) -
    0.0004 * Math.sin(2 * f - m) -
    0.0006 * Math.sin(2 * f + mpr) +
    0.001 * Math.sin(2 * f - mpr) +
    0.0005 * Math.sin(2 * mpr + m)
  );
}

/** Difference between terrestrial and universal time, in days. */
function deltaT(t: number): number {
  const t2 = t * t;
  const t3 = t2 * t;
  if (t < -11) return 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3;
  return -0.000278 + 0.000265 * t + 0.000262 * t2;
}

/** Julian date (fractional, UTC) of the k-th new moon after 1900-01-01. */
function newMoon(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const mean =
    2415020.75933 +
    29.53058868 * k +
    0.0001178 * t2 -
    0.000000155 * t2 * t +
    0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RAD);
  return mean + newMoonCorrection(t, k) - deltaT(t);
}

/** Local day number (JDN) of the k-th new moon. */
function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + TIME_ZONE / 24);
}

/** Apparent solar longitude in radians, in [0, 2π), at Julian date `jd`. */
function sunLongitude(jd: number): number {
  const t = (jd - 2451545.0) / 36525;
  const t2 = t * t;
  const m = (357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * RAD;
  const l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const dl =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(m) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * m) +
    0.00029 * Math.sin(3 * m);
  const l = (l0 + dl) * RAD;
  return l - 2 * Math.PI * Math.floor(l / (2 * Math.PI));
}

/** Index 0–11 of the major solar term (30° sector) in effect at the start of local day `dayNumber`. */
function solarTerm(dayNumber: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - TIME_ZONE / 24) / Math.PI) * 6);
}

/** Start (JDN) of lunar month 11 of `year`: the month containing the winter solstice. */
function lunarMonth11(year: number): number {
  const k = Math.floor((jdFromDate(year, 12, 31) - 2415021) / SYNODIC_MONTH);
  const nm = newMoonDay(k);
  // Sector 9 starts at 270°, the winter solstice: a new moon after it belongs to month 12.
  return solarTerm(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

/** Months after month 11 (at `a11`) until the first month without a new major solar term. */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - EPOCH_NEW_MOON) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = solarTerm(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = solarTerm(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

/** Month number and leap flag of the month starting `diff` months after month 11 at `a11`. */
function monthAfter11(a11: number, b11: number, diff: number): { month: number; leap: boolean } {
  let month = diff + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  return { month: month > 12 ? month - 12 : month, leap };
}

/** Converts a Gregorian date to the Vietnamese lunar date. */
export function solarToLunar(year: number, month: number, day: number): LunarDate {
  assertSolarDate(year, month, day);
  const dayNumber = jdFromDate(year, month, day);
  const k = Math.floor((dayNumber - EPOCH_NEW_MOON) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1);
  if (monthStart > dayNumber) monthStart = newMoonDay(k);
  let a11 = lunarMonth11(year);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1);
  }
  const diff = Math.floor((monthStart - a11) / 29);
  const { month: lunarMonth, leap } = monthAfter11(a11, b11, diff);
  // Months 11 and 12 (and a leap month after them) still belong to the previous lunar year.
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month: lunarMonth, day: dayNumber - monthStart + 1, leap };
}

/** Day number (JDN) on which the given lunar month starts; throws if that leap month does not exist. */
function lunarMonthStart(lunarYear: number, lunarMonth: number, leap: boolean): number {
  const a11 = lunarMonth11(lunarMonth < 11 ? lunarYear - 1 : lunarYear);
  const b11 = lunarMonth11(lunarMonth < 11 ? lunarYear : lunarYear + 1);
  const k = Math.floor(0.5 + (a11 - EPOCH_NEW_MOON) / SYNODIC_MONTH);
  let off = lunarMonth - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && lunarMonth !== leapMonth) {
      throw new RangeError(`Lunar year ${lunarYear} has no leap month ${lunarMonth}`);
    }
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    throw new RangeError(`Lunar year ${lunarYear} has no leap month`);
  }
  return newMoonDay(k + off);
}

/**
 * Converts a Vietnamese lunar date to the Gregorian date. Throws RangeError for a leap month that
 * the year does not have, or for day 30 of a 29-day month.
 */
export function lunarToSolar(
  lunarYear: number,
  lunarMonth: number,
  lunarDay: number,
  leap = false,
): SolarDate {
  assertYear(lunarYear);
  if (!Number.isInteger(lunarMonth) || lunarMonth < 1 || lunarMonth > 12) {
    throw new RangeError(`Invalid lunar month ${lunarMonth}`);
  }
  if (!Number.isInteger(lunarDay) || lunarDay < 1 || lunarDay > 30) {
    throw new RangeError(`Invalid lunar day ${lunarDay}`);
  }
  const start = lunarMonthStart(lunarYear, lunarMonth, leap);
  const solar = jdToDate(start + lunarDay - 1);
  if (lunarDay === 30 && solarToLunar(solar.year, solar.month, solar.day).day !== 30) {
    throw new RangeError(`Lunar month ${lunarMonth}/${lunarYear} has only 29 days`);
  }
  return solar;
}

export type { LunarDate, SolarDate } from './lunar.ts';
export { lunarToSolar, solarToLunar } from './lunar.ts';
export type { Instant } from './vn-time.ts';
export {
  formatViDate,
  formatViLongDate,
  VN_OFFSET_MS,
  VN_TIME_ZONE,
  viDate,
  viDateOfInstant,
  viDateTime,
  vnDate,
  vnDayEnd,
  vnDayStart,
  vnTimeOfDay,
  vnWallClock,
  vnYear,
} from './vn-time.ts';
export type { CalendarOverrides, Holiday } from './working-days.ts';
export { defaultHolidays, WorkingCalendar } from './working-days.ts';

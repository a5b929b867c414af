export type { LunarDate, SolarDate } from './lunar.ts';
export { lunarToSolar, solarToLunar } from './lunar.ts';
export type { CalendarOverrides, Holiday } from './working-days.ts';
export { defaultHolidays, formatViDate, formatViLongDate, WorkingCalendar } from './working-days.ts';

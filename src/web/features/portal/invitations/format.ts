import { formatViDate } from '../../../../shared/calendar/vn-time.ts';

/** "08:00–10:00 ngày 15/12/2026" of a proposal or a meeting; '' when nothing was read. */
export function whenText(x: { day: string | null; time: string | null; endTime: string | null }) {
  const time = x.time ? `${x.time}${x.endTime ? `–${x.endTime}` : ''}` : '';
  return [time, x.day ? `ngày ${formatViDate(x.day)}` : ''].filter(Boolean).join(' ');
}

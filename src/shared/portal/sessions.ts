/**
 * The sessions of a working day as the weekly schedule prints them (buổi sáng, chiều, tối) and the
 * start times each can hold. One rule for the web form and the server.
 */
export const SESSIONS = ['morning', 'afternoon', 'evening'] as const;
export type Session = (typeof SESSIONS)[number];

export const SESSION_LABELS: Record<Session, string> = {
  morning: 'Sáng',
  afternoon: 'Chiều',
  evening: 'Tối',
};

/** Start times a session can hold, as HH:mm (inclusive from, exclusive to). */
export const SESSION_WINDOWS: Record<Session, { from: string; to: string }> = {
  morning: { from: '05:00', to: '12:00' },
  afternoon: { from: '12:00', to: '18:00' },
  evening: { from: '17:00', to: '23:00' },
};

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The session a start time belongs to (17:00–17:59 is afternoon; pick evening explicitly). */
export function sessionOf(time: string): Session | null {
  if (!TIME.test(time)) return null;
  return SESSIONS.find((s) => time >= SESSION_WINDOWS[s].from && time < SESSION_WINDOWS[s].to) ?? null;
}

/**
 * Why a start and end time do not fit a session, in Vietnamese, or null when they do. `end` is
 * optional (many entries have only a start time).
 */
export function sessionTimeError(session: Session, start: string, end?: string | null): string | null {
  if (!TIME.test(start)) return `Giờ bắt đầu "${start}" không đúng dạng HH:mm.`;
  const w = SESSION_WINDOWS[session];
  if (start < w.from || start >= w.to)
    return `Giờ bắt đầu ${start} không thuộc buổi ${SESSION_LABELS[session].toLowerCase()} (từ ${w.from} đến trước ${w.to}).`;
  if (end !== undefined && end !== null && end !== '') {
    if (!TIME.test(end)) return `Giờ kết thúc "${end}" không đúng dạng HH:mm.`;
    if (end <= start) return `Giờ kết thúc ${end} phải sau giờ bắt đầu ${start}.`;
  }
  return null;
}

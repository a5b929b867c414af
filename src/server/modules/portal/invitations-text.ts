/**
 * Reads a meeting out of an invitation (giấy mời): its day, start (and end) time, place, content and
 * chair, from the summary (trích yếu) and the text of its files. Pure: no database, no clock. What
 * it cannot find is left empty for the clerk, who confirms or corrects every field anyway.
 *
 * What invitations look like (Decree 30, Appendix I; the province's usage):
 *   "… vào lúc 08 giờ 00 phút, ngày 15 tháng 12 năm 2026"   "8h30 ngày 15/12/2026"
 *   "Thời gian: 14 giờ, thứ Năm, ngày 17/12/2026"            "buổi sáng ngày 18/12/2026"
 *   "từ 14h00 đến 17h00"                                     "Địa điểm: Phòng họp số 1, UBND tỉnh"
 *   "do đồng chí Nguyễn Văn A, Phó Chủ tịch UBND tỉnh chủ trì"
 * The header's own date ("Quảng Trị, ngày 10 tháng 12 năm 2026") is the issue date, not the meeting's.
 */
import { type Session, sessionOf } from '../../../shared/portal/sessions.ts';

export interface InvitationProposal {
  /** yyyy-mm-dd, or null when the text names no day. */
  day: string | null;
  /** HH:mm, or null ("buổi sáng ngày …" gives a session but no time). */
  time: string | null;
  endTime: string | null;
  session: Session | null;
  place: string;
  content: string;
  /** The chairing person as printed ("Nguyễn Văn A, Phó Chủ tịch UBND tỉnh"). */
  chairText: string;
}

export interface InvitationSource {
  summary: string;
  /** Text extracted from the files (may be null: a scan, not extracted yet). */
  text?: string | null;
  /** yyyy-mm-dd: the year of a day written without one, and the header date to pass over. */
  issuedDate?: string | null;
}

interface Hit<T> {
  at: number;
  end: number;
  value: T;
}

const D = '(\\d{1,2})';
/** Spaces as they come out of PDFs: several, non-breaking, line breaks. */
const tidy = (s: string) =>
  s
    .normalize('NFC')
    .replace(/[\u00a0\u2007\u202f\t]/g, ' ')
    .replace(/\r\n?/g, '\n')
    .replace(/[ ]{2,}/g, ' ');

const pad = (n: number) => String(n).padStart(2, '0');

function validDay(y: number, m: number, d: number): string | null {
  if (y < 1990 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Every day the text names, where it names it. */
function findDays(text: string, year: number | null): Hit<string>[] {
  const out: Hit<string>[] = [];
  const taken: [number, number][] = [];
  const add = (at: number, end: number, v: string | null) => {
    if (!v || taken.some(([a, b]) => at < b && end > a)) return;
    taken.push([at, end]);
    out.push({ at, end, value: v });
  };
  for (const m of text.matchAll(new RegExp(`ngày\\s*${D}\\s*tháng\\s*${D}\\s*năm\\s*(\\d{4})`, 'giu')))
    add(m.index, m.index + m[0].length, validDay(+m[3]!, +m[2]!, +m[1]!));
  for (const m of text.matchAll(
    new RegExp(`(?<![\\d/])${D}\\s*[/.-]\\s*${D}\\s*[/.-]\\s*(\\d{4})(?![\\d/])`, 'gu'),
  ))
    add(m.index, m.index + m[0].length, validDay(+m[3]!, +m[2]!, +m[1]!));
  if (year) {
    for (const m of text.matchAll(new RegExp(`ngày\\s*${D}\\s*(?:/|tháng\\s*)${D}(?![\\d/]|\\s*năm)`, 'giu')))
      add(m.index, m.index + m[0].length, validDay(year, +m[2]!, +m[1]!));
  }
  return out.sort((a, b) => a.at - b.at);
}

interface Clock {
  time: string;
  /** "chiều", "tối" after the time: a 12-hour reading. */
  pm: boolean;
}

function clock(h: number, m: number): string | null {
  if (h < 0 || h > 23 || m < 0 || m > 59) return null;
  return `${pad(h)}:${pad(m)}`;
}

const TIME_RE = new RegExp(
  [
    `${D}\\s*giờ(?:\\s*(\\d{1,2})(?:\\s*phút)?)?`,
    `(?<![\\d/:])${D}\\s*[hg](?:\\s*(\\d{2}))?(?![a-zà-ỹ])`,
    `(?<![\\d/:.])${D}:(\\d{2})(?![\\d:])`,
  ].join('|'),
  'giu',
);

function findTimes(text: string): Hit<Clock>[] {
  const out: Hit<Clock>[] = [];
  for (const m of text.matchAll(TIME_RE)) {
    const h = +(m[1] ?? m[3] ?? m[5])!;
    const min = +(m[2] ?? m[4] ?? m[6] ?? 0);
    let t = clock(h, min);
    if (!t) continue;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12).toLowerCase();
    const pm = /^\s*,?\s*(?:buổi\s*)?(chiều|tối)/u.test(after);
    if (pm && h < 12) t = clock(h + 12, min);
    if (!t) continue;
    out.push({ at: m.index, end: m.index + m[0].length, value: { time: t, pm } });
  }
  return out;
}

/** "buổi sáng", "buổi chiều", "buổi tối" (a session without a time). */
function findSessions(text: string): Hit<Session>[] {
  const map: Record<string, Session> = { sáng: 'morning', chiều: 'afternoon', tối: 'evening' };
  return [...text.matchAll(/buổi\s*(sáng|chiều|tối)/giu)].map((m) => ({
    at: m.index,
    end: m.index + m[0].length,
    value: map[m[1]!.toLowerCase()]!,
  }));
}

const distance = (a: { at: number; end: number }, b: { at: number; end: number }) =>
  a.end <= b.at ? b.at - a.end : b.end <= a.at ? a.at - b.end : 0;

/** Where the meeting's time is told: "Thời gian:", "vào lúc", "tổ chức …", else the whole text. */
function whenLabel(text: string): number | null {
  const m = /thời\s*gian(?:\s*họp|\s*tổ\s*chức)?\s*[:：]/iu.exec(text) ?? /vào\s*lúc/iu.exec(text);
  return m ? m.index : null;
}

function cleanPhrase(s: string) {
  return s
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s:：,.-]+|[\s;,./]+$/g, '')
    .trim();
}

function findPlace(text: string): string {
  const labelled =
    /địa\s*điểm(?:\s*họp|\s*tổ\s*chức)?\s*[:：]\s*([^\n]+(?:\n(?![^\n]*[:：])[^\n]{0,80})?)/iu.exec(text);
  if (labelled) {
    // The place ends at the end of its sentence: ".", ";" or the next labelled line.
    const first = labelled[1]!.split(/[;]|\.(?:\s|$)/u)[0]!;
    return cleanPhrase(first);
  }
  const at =
    /\btại\s+((?:phòng\s*họp|hội\s*trường|trụ\s*sở|nhà\s*khách|khách\s*sạn|trung\s*tâm)[^\n;.]*)/iu.exec(
      text,
    );
  return at ? cleanPhrase(at[1]!) : '';
}

function upperFirst(s: string) {
  return s ? s[0]!.toLocaleUpperCase('vi') + s.slice(1) : s;
}

/** The meeting's content from the summary: "V/v mời dự họp …" → "Dự họp …". */
export function contentFromSummary(summary: string): string {
  let s = cleanPhrase(tidy(summary));
  s = s.replace(/^giấy\s*mời\s*/iu, '');
  s = s.replace(/^(?:v\/v|về\s*việc)\s*/iu, '');
  s = s.replace(/^(?:kính\s*)?mời\s+(?!họp\b)/iu, '');
  s = s.replace(/^mời\s+(?=họp\b)/iu, '');
  return upperFirst(cleanPhrase(s));
}

function findContent(summary: string, text: string): string {
  const fromSummary = contentFromSummary(summary);
  if (fromSummary) return fromSummary;
  const labelled = /nội\s*dung(?:\s*họp|\s*cuộc\s*họp)?\s*[:：]\s*([^\n]+)/iu.exec(text);
  return labelled ? upperFirst(cleanPhrase(labelled[1]!)) : '';
}

function findChair(text: string): string {
  const labelled = /chủ\s*trì(?:\s*cuộc\s*họp|\s*hội\s*nghị)?\s*[:：]\s*([^\n;]+)/iu.exec(text);
  if (labelled) return cleanPhrase(labelled[1]!.replace(/^(?:đồng\s*chí|đ\/c)\s+/iu, ''));
  const by =
    /(?:do\s+)?(?:đồng\s*chí|đ\/c|ông|bà)\s+([A-ZÀ-Ỹ][^,;\n()]{2,60}?)(?:\s*[,(–-]\s*([^;\n()]{2,120}?)\s*\)?)?\s+chủ\s*trì/u.exec(
      text,
    );
  if (!by) return '';
  return cleanPhrase(by[2] ? `${by[1]}, ${by[2]}` : by[1]!);
}

/** The meeting an invitation proposes; what is not found stays empty. */
export function readInvitation(src: InvitationSource): InvitationProposal {
  const summary = tidy(src.summary ?? '');
  const body = tidy(src.text ?? '');
  // The summary first: it is typed by the clerk and often carries the day ("… ngày 15/12/2026").
  const text = `${summary}\n${body}`;
  const year = src.issuedDate ? Number(src.issuedDate.slice(0, 4)) : null;

  const days = findDays(text, year);
  const times = findTimes(text);
  const sessions = findSessions(text);
  const label = whenLabel(text);

  // Not the header's date (the issue date) unless nothing else is named.
  const candidates = days.filter((d) => d.value !== src.issuedDate);
  const pool = candidates.length ? candidates : days;

  // The meeting's day: the one nearest a time (or a session), else after "Thời gian:", else the last one.
  let day: Hit<string> | undefined;
  let best = Number.POSITIVE_INFINITY;
  for (const d of pool) {
    for (const t of [...times, ...sessions]) {
      const dist = distance(d, t);
      if (dist < best && dist <= 80) {
        best = dist;
        day = d;
      }
    }
  }
  if (!day && label !== null) day = pool.find((d) => d.at >= label);
  if (!day && pool.length) day = pool[pool.length - 1];

  // The time: the nearest to the day (or after the label); then an end time right after it.
  let start: Hit<Clock> | undefined;
  if (day) {
    let bestT = Number.POSITIVE_INFINITY;
    for (const t of times) {
      const dist = distance(day, t);
      if (dist < bestT && dist <= 80) {
        bestT = dist;
        start = t;
      }
    }
  }
  if (!start && label !== null) start = times.find((t) => t.at >= label && t.at - label < 120);
  let endTime: string | null = null;
  const joined = (a: Hit<Clock>, b: Hit<Clock>) =>
    /^\s*(?:đến|tới|-|–|—)\s*(?:lúc\s*)?$/iu.test(text.slice(a.end, b.at)) && b.value.time > a.value.time;
  if (start) {
    const i = times.indexOf(start);
    const prev = times[i - 1];
    const next = times[i + 1];
    // "từ 14h00 đến 17h00 ngày …": the time nearest the day may be the end.
    if (prev && joined(prev, start)) {
      endTime = start.value.time;
      start = prev;
    } else if (next && joined(start, next)) endTime = next.value.time;
  }
  // A time like "2 giờ" with "buổi chiều" nearby is 14:00.
  let time = start?.value.time ?? null;
  const nearSession = sessions.find((s) =>
    start ? distance(s, start) <= 40 : day ? distance(s, day) <= 40 : false,
  );
  if (
    time &&
    nearSession &&
    nearSession.value !== 'morning' &&
    !start!.value.pm &&
    Number(time.slice(0, 2)) < 12
  ) {
    time = `${pad(Number(time.slice(0, 2)) + 12)}${time.slice(2)}`;
    if (endTime && Number(endTime.slice(0, 2)) < 12)
      endTime = `${pad(Number(endTime.slice(0, 2)) + 12)}${endTime.slice(2)}`;
  }
  let session: Session | null = time ? sessionOf(time) : null;
  if (!time && nearSession) session = nearSession.value;
  // An evening meeting from 17:00 is read as the evening session.
  if (time && nearSession?.value === 'evening' && time >= '17:00') session = 'evening';

  return {
    day: day?.value ?? null,
    time,
    endTime,
    session,
    place: findPlace(body) || findPlace(summary),
    content: findContent(summary, body),
    chairText: findChair(body) || findChair(summary),
  };
}

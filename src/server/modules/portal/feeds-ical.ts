import { ICalCalendar, ICalEventStatus } from 'ical-generator';
import { SESSION_LABELS, type Session } from '../../../shared/portal/sessions.ts';
import { DEFAULT_LENGTH_MINUTES } from './conflicts.ts';

/**
 * iCalendar (RFC 5545) text of a schedule feed, made with ical-generator.
 *
 * Times are written in UTC (DTSTART:20261130T010000Z), with X-WR-TIMEZONE:Asia/Ho_Chi_Minh as the
 * calendar's display zone for Google Calendar. Why not TZID=Asia/Ho_Chi_Minh with a VTIMEZONE: UTC
 * instants are read the same by every client (Thunderbird, iOS, Android/Google, Outlook) with no
 * zone definition to parse or to get wrong, and TZID only matters for recurring events across
 * daylight-saving changes — the schedule has no recurrence and Vietnam keeps UTC+7 all year. Every
 * client shows the instants in the device's zone, which for officials here is Asia/Ho_Chi_Minh.
 * (ical-generator would also format TZID times from the server process's own zone: UTC avoids that.)
 *
 * An entry's UID is `<entry id>@lienthong` for ever; SEQUENCE is the entry's sequence (raised by the
 * schedule on every change a subscriber must see); DTSTAMP and LAST-MODIFIED are the entry's last
 * change (RFC 5545 §3.8.7.2: without METHOD, DTSTAMP is when the information was last revised), so an
 * unchanged feed is byte for byte the same and its ETag holds. A cancelled entry stays, with
 * STATUS:CANCELLED. An entry without an end time is given an hour (as for conflicts).
 */

export interface FeedEntry {
  id: string;
  session: string;
  startsAt: Date;
  endsAt: Date | null;
  content: string;
  place: string;
  chairText: string;
  participantsText: string;
  /** Internal feeds only (the others leave them empty). */
  preparingText: string;
  notes: string;
  /** The feed owner's roles in the entry (person feeds): chair, participant, following. */
  roles: string[];
  status: string;
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
  /** The schedule or agency the entry belongs to, for feeds mixing several. */
  source: string;
}

export interface FeedCalendar {
  /** X-WR-CALNAME, in Vietnamese. */
  name: string;
  description: string;
  /** Internal feeds carry preparing and notes in DESCRIPTION; public ones never. */
  internal: boolean;
  /** The web page of this calendar, if any (URL property). */
  url?: string;
  entries: FeedEntry[];
}

export const FEED_TTL_SECONDS = 3600;

const ROLE_LABELS: Record<string, string> = {
  chair: 'Chủ trì',
  participant: 'Tham dự',
  following: 'Theo dõi',
};

function description(e: FeedEntry, internal: boolean, mixed: boolean): string {
  const lines: string[] = [];
  if (e.status === 'cancelled') lines.push('ĐÃ HỦY/HOÃN');
  const session = SESSION_LABELS[e.session as Session];
  if (session) lines.push(`Buổi: ${session}`);
  if (mixed && e.source) lines.push(`Lịch: ${e.source}`);
  if (e.chairText) lines.push(`Chủ trì: ${e.chairText}`);
  if (e.participantsText) lines.push(`Thành phần: ${e.participantsText}`);
  if (internal) {
    if (e.roles.length) lines.push(`Vai trò của bạn: ${e.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')}`);
    if (e.preparingText) lines.push(`Chuẩn bị: ${e.preparingText}`);
    if (e.notes) lines.push(`Ghi chú: ${e.notes}`);
  }
  return lines.join('\n');
}

/**
 * RFC 5545 §3.1 line folding — lines longer than 75 octets continue on the next line after a space,
 * never inside a UTF-8 character — exactly as ical-generator's `foldLines`, which its calendar runs
 * over the whole text, but in linear time: the library's encodes every character with a new
 * TextEncoder (2 s for a feed of 8,000 events, against 0.1 s here). feeds-ical.test.ts checks both
 * give the same text.
 */
export function foldLines(input: string): string {
  const lines = input.split('\r\n');
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    if (line.length <= 24 || Buffer.byteLength(line, 'utf8') <= 74) continue;
    const parts: string[] = [];
    let from = 0;
    let c = 0;
    for (let i = 0; i < line.length; i++) {
      const code = line.charCodeAt(i);
      let size = code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
      const at = i;
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < line.length) {
        i++;
        size = 4;
      }
      c += size;
      if (c > 74) {
        parts.push(line.slice(from, at));
        from = at;
        c = size;
      }
    }
    parts.push(line.slice(from));
    lines[k] = parts.join('\r\n ');
  }
  return lines.join('\r\n');
}

export function buildCalendar(cal: FeedCalendar): string {
  const c = new ICalCalendar({
    name: cal.name,
    description: cal.description,
    prodId: { company: 'Lien Thong', product: 'Lich cong tac', language: 'VI' },
    ttl: FEED_TTL_SECONDS,
    url: cal.url ?? null,
  });
  c.x('X-WR-TIMEZONE', 'Asia/Ho_Chi_Minh');
  // The calendar's own lines come from the library (folded by it: a few short lines); the events'
  // from the library's ICalEvent.toString(), folded here (see foldLines) and put before the end.
  const head = c.toString();
  const mixed = new Set(cal.entries.map((e) => e.source)).size > 1;
  const events: string[] = [];
  for (const e of cal.entries) {
    const end = e.endsAt ?? new Date(e.startsAt.getTime() + DEFAULT_LENGTH_MINUTES * 60_000);
    const event = c.createEvent({
      id: `${e.id}@lienthong`,
      sequence: e.sequence,
      stamp: e.updatedAt,
      created: e.createdAt,
      lastModified: e.updatedAt,
      start: e.startsAt,
      end,
      summary: e.content,
      location: e.place || null,
      description: description(e, cal.internal, mixed) || null,
      status: e.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
    events.push(event.toString());
  }
  const END = 'END:VCALENDAR';
  if (!head.endsWith(END)) throw new Error('unexpected calendar text from ical-generator');
  return `${head.slice(0, -END.length)}${foldLines(events.join(''))}${END}`;
}

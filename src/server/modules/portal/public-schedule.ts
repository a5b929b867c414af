import { sql } from 'drizzle-orm';
import { formatViDate, vnDate, vnTimeOfDay } from '../../../shared/calendar/vn-time.ts';
import { SESSION_LABELS, type Session } from '../../../shared/portal/sessions.ts';
import { type Db, rows } from '../../db/client.ts';
import { html, raw, type SafeHtml } from '../../platform/public-html/html.ts';
import { renderPublicPage } from '../../platform/public-html/layout.ts';
import { agencyRowsSql, homeAgencyId } from '../agencies/index.ts';
import {
  type IsoWeek,
  isoWeekOf,
  shiftWeek,
  viWeekday,
  weekSlug,
  weekTitle,
} from './public-schedule-weeks.ts';

/**
 * The public schedule page (/cong-khai/lich-cong-tac): the published weeks of the public schedules,
 * server-rendered HTML that works without JavaScript. Only public fields ever leave this file: the
 * printed texts (content, time, place, chair as printed, participants as printed) of the entries
 * marked public, of published weeks, of schedules marked public. Never the people linked to an
 * entry, the following staff, the preparing body, notes, non-public entries or drafts — the SELECTs
 * below do not even read them.
 */

export const PUBLIC_PATH = '/cong-khai/lich-cong-tac';

export interface PublicSchedule {
  id: string;
  agencyId: string;
  title: string;
  agencyName: string;
  agencyCode: string | null;
  /** The province's (the default of /cong-khai/lich-cong-tac). */
  isDefault: boolean;
}

/** Every public schedule, the default (the province's People's Committee) first. */
export async function publicSchedules(db: Db): Promise<PublicSchedule[]> {
  const home = await homeAgencyId(db);
  const r = await rows<{
    id: string;
    agency_id: string;
    title: string;
    name: string;
    agency_code: string | null;
  }>(
    db,
    sql`SELECT s.id, s.agency_id, s.title, a.name, a.agency_code
          FROM schedules s JOIN ${agencyRowsSql} a ON a.id = s.agency_id
         WHERE s.is_public
         ORDER BY (s.agency_id = ${home}::uuid) DESC NULLS LAST, a.sort_order, a.name, s.id`,
  );
  return r.map((x, i) => ({
    id: x.id,
    agencyId: x.agency_id,
    title: x.title,
    agencyName: x.name,
    agencyCode: x.agency_code,
    isDefault: i === 0,
  }));
}

/** The schedule ?lich= names (an agency code, an agency id or a schedule id), or the default one. */
export function pickSchedule(list: PublicSchedule[], lich: string | undefined): PublicSchedule | null {
  if (!lich) return list[0] ?? null;
  const key = lich.trim();
  return (
    list.find((s) => s.agencyCode !== null && s.agencyCode.toLowerCase() === key.toLowerCase()) ??
    list.find((s) => s.agencyId === key || s.id === key) ??
    null
  );
}

/** The query string that keeps a non-default schedule on links ("?lich=000.00.00.H62"). */
export function lichQuery(s: PublicSchedule): string {
  return s.isDefault ? '' : `?lich=${encodeURIComponent(s.agencyCode ?? s.agencyId)}`;
}

export interface PublicEntry {
  day: string;
  session: string;
  startsAt: string;
  endsAt: string | null;
  content: string;
  place: string;
  chairText: string;
  participantsText: string;
  cancelled: boolean;
}

export interface PublicWeek {
  week: IsoWeek;
  revision: number;
  updatedAt: string;
  entries: PublicEntry[];
  hasPrevious: boolean;
  hasNext: boolean;
}

/** A published week of a public schedule with its public entries, or null (not published, not there). */
export async function publicWeek(db: Db, scheduleId: string, week: IsoWeek): Promise<PublicWeek | null> {
  const prev = shiftWeek(week, -1).monday;
  const next = shiftWeek(week, 1).monday;
  const weeks = await rows<{ id: string; week_start: string; revision: number; updated_at: string | Date }>(
    db,
    sql`SELECT id, week_start::text AS week_start, revision, updated_at FROM schedule_weeks
         WHERE schedule_id = ${scheduleId} AND status = 'published'
           AND week_start IN (${prev}::date, ${week.monday}::date, ${next}::date)`,
  );
  const w = weeks.find((x) => x.week_start === week.monday);
  if (!w) return null;
  const r = await rows<{
    day: string;
    session: string;
    starts_at: string | Date;
    ends_at: string | Date | null;
    content: string;
    place: string;
    chair_text: string;
    participants_text: string;
    status: string;
  }>(
    db,
    sql`SELECT e.day::text AS day, e.session, e.starts_at, e.ends_at, e.content, e.place, e.chair_text,
               e.participants_text, e.status
          FROM schedule_entries e
         WHERE e.week_id = ${w.id} AND e.is_public
         ORDER BY e.day, e.starts_at, e.id`,
  );
  return {
    week,
    revision: w.revision,
    updatedAt: new Date(w.updated_at).toISOString(),
    hasPrevious: weeks.some((x) => x.week_start === prev),
    hasNext: weeks.some((x) => x.week_start === next),
    entries: r.map((x) => ({
      day: x.day,
      session: x.session,
      startsAt: new Date(x.starts_at).toISOString(),
      endsAt: x.ends_at ? new Date(x.ends_at).toISOString() : null,
      content: x.content,
      place: x.place,
      chairText: x.chair_text,
      participantsText: x.participants_text,
      cancelled: x.status === 'cancelled',
    })),
  };
}

/** The most recent published week before `week`, for the notice of a week not published yet. */
export async function latestPublishedBefore(
  db: Db,
  scheduleId: string,
  week: IsoWeek,
): Promise<IsoWeek | null> {
  const [r] = await rows<{ week_start: string }>(
    db,
    sql`SELECT week_start::text AS week_start FROM schedule_weeks
         WHERE schedule_id = ${scheduleId} AND status = 'published' AND week_start < ${week.monday}::date
         ORDER BY week_start DESC LIMIT 1`,
  );
  return r ? isoWeekOf(r.week_start) : null;
}

/** "Cập nhật lần cuối: 14:05 02/12/2026". */
export const lastUpdated = (at: string) =>
  `Cập nhật lần cuối: ${vnTimeOfDay(at)} ${formatViDate(vnDate(at))}`;

function timeText(e: PublicEntry): string {
  const session = SESSION_LABELS[e.session as Session] ?? '';
  const start = vnTimeOfDay(e.startsAt);
  const range = e.endsAt ? `${start} – ${vnTimeOfDay(e.endsAt)}` : start;
  return `${session} ${range}`.trim();
}

function entryRow(e: PublicEntry): SafeHtml {
  const text = (s: string) => (e.cancelled ? html`<del>${s}</del>` : s);
  const day = `${viWeekday(e.day)}, ${formatViDate(e.day)}`;
  return html`<tr${e.cancelled ? raw(' class="entry-cancelled"') : ''}>
<td data-label="Ngày">${day}</td>
<td data-label="Thời gian">${text(timeText(e))}</td>
<td data-label="Nội dung">${text(e.content)}${e.cancelled ? html` <span class="tag">Hoãn/Hủy</span>` : ''}</td>
<td data-label="Thành phần">${text(e.participantsText)}</td>
<td data-label="Địa điểm">${text(e.place)}</td>
<td data-label="Chủ trì">${text(e.chairText)}</td>
</tr>`;
}

function scheduleNav(all: PublicSchedule[], current: PublicSchedule, slug: string | null): SafeHtml | '' {
  if (all.length < 2) return '';
  return html`<nav aria-label="Các lịch công tác công khai"><ul class="schedules">${all.map((s) => {
    const href = `${PUBLIC_PATH}${slug ? `/${slug}` : ''}${lichQuery(s)}`;
    return html`<li><a href="${href}"${s.id === current.id ? raw(' aria-current="true"') : ''}>${s.title}</a></li>`;
  })}</ul></nav>`;
}

function icsLink(s: PublicSchedule): SafeHtml {
  return html`<p class="ics"><a href="${`${PUBLIC_PATH}.ics${lichQuery(s)}`}" type="text/calendar">Đăng ký lịch vào ứng dụng lịch (iCalendar .ics)</a> · Thêm địa chỉ này vào Lịch Google, Lịch iPhone hoặc Thunderbird để lịch tự cập nhật.</p>`;
}

const PAGE_STYLE = raw(
  '<style>.entry-cancelled td{color:#595959}ul.schedules{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px}caption{text-align:left;font-weight:600;padding:4px 0}</style>',
);

export interface RenderedPage {
  status: 200 | 404;
  html: string;
}

/**
 * The page of one week. `slug` null is the current week's page (/cong-khai/lich-cong-tac), whose
 * canonical address is itself; a week page's is /cong-khai/lich-cong-tac/2026-W49.
 */
export function renderWeekPage(o: {
  origin: string;
  schedules: PublicSchedule[];
  schedule: PublicSchedule;
  week: IsoWeek;
  data: PublicWeek | null;
  current: IsoWeek;
  isCurrentPage: boolean;
  latest: IsoWeek | null;
}): RenderedPage {
  const { schedule: s, week, data } = o;
  const q = lichQuery(s);
  const slug = weekSlug(week);
  const path = `${PUBLIC_PATH}${o.isCurrentPage ? '' : `/${slug}`}${q}`;
  const title = `${s.title} — Tuần ${week.isoWeek} năm ${week.isoYear}`;
  const heading = html`<h1>${s.title}</h1>`;
  const sub = html`<p class="meta">${weekTitle(week)}</p>`;
  if (!data) {
    // The current week's page says the week is not published yet (a valid address); any other week 404s.
    const body = html`${PAGE_STYLE}${heading}${sub}
<p>Lịch công tác tuần này chưa được công bố. Vui lòng xem lại sau.</p>
${o.latest ? html`<p><a href="${`${PUBLIC_PATH}/${weekSlug(o.latest)}${q}`}">Xem lịch công tác tuần thứ ${o.latest.isoWeek} năm ${o.latest.isoYear}</a></p>` : ''}
${scheduleNav(o.schedules, s, null)}${icsLink(s)}`;
    return {
      status: o.isCurrentPage ? 200 : 404,
      html: renderPublicPage(
        {
          title,
          description: `${s.title}, ${weekTitle(week)}: chưa được công bố.`,
          path,
          body,
        },
        o.origin,
      ),
    };
  }
  const prev = shiftWeek(week, -1);
  const next = shiftWeek(week, 1);
  const isCurrent = week.monday === o.current.monday;
  const pager = html`<nav class="pager" aria-label="Chuyển tuần">
${data.hasPrevious ? html`<a rel="prev" href="${`${PUBLIC_PATH}/${weekSlug(prev)}${q}`}">« Tuần trước (tuần ${prev.isoWeek})</a>` : ''}
${isCurrent ? '' : html`<a href="${`${PUBLIC_PATH}${q}`}">Tuần hiện tại</a>`}
${data.hasNext ? html`<a rel="next" href="${`${PUBLIC_PATH}/${weekSlug(next)}${q}`}">Tuần sau (tuần ${next.isoWeek}) »</a>` : ''}
</nav>`;
  const adjusted =
    data.revision > 0
      ? html`<p class="meta"><span class="tag">(Điều chỉnh lần ${data.revision})</span> ${lastUpdated(data.updatedAt)}</p>`
      : '';
  const table = data.entries.length
    ? html`<table class="stack">
<caption>${weekTitle(week)}</caption>
<thead><tr><th scope="col">Ngày</th><th scope="col">Thời gian</th><th scope="col">Nội dung</th><th scope="col">Thành phần</th><th scope="col">Địa điểm</th><th scope="col">Chủ trì</th></tr></thead>
<tbody>${data.entries.map(entryRow)}</tbody>
</table>`
    : html`<p class="card">Tuần này không có hoạt động nào được công khai.</p>`;
  const body = html`${PAGE_STYLE}${heading}${sub}${adjusted}${pager}${table}${scheduleNav(o.schedules, s, slug)}${icsLink(s)}`;
  return {
    status: 200,
    html: renderPublicPage(
      {
        title,
        description: `${s.title}, ${weekTitle(week)}${data.revision > 0 ? ` (điều chỉnh lần ${data.revision})` : ''}.`,
        path,
        body,
      },
      o.origin,
    ),
  };
}

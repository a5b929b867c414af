import { z } from 'zod';
import { SESSIONS } from '../portal/sessions.ts';

/*
 * The weekly work schedule (lịch công tác tuần): API shapes, and the week arithmetic the server and
 * the web share (ISO weeks, Monday to Sunday, dates as yyyy-mm-dd in Vietnam).
 */

// ---------------------------------------------------------------------------------------------
// Weeks

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_WEEK = /^(\d{4})-W(\d{1,2})$/;

function utc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** yyyy-mm-dd plus n days. */
export function addDays(date: string, n: number): string {
  return ymd(new Date(utc(date).getTime() + n * DAY_MS));
}

/** Is it a real calendar date written yyyy-mm-dd? */
export function isDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  return ymd(utc(s)) === s;
}

/** The Monday of the week holding `date`. */
export function mondayOf(date: string): string {
  const dow = (utc(date).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(date, -dow);
}

/** ISO 8601 year and week number of a date ("Tuần thứ N năm Y"). */
export function isoWeekOf(date: string): { isoYear: number; isoWeek: number } {
  const thursday = addDays(mondayOf(date), 3);
  const isoYear = Number(thursday.slice(0, 4));
  const dayOfYear = Math.round((utc(thursday).getTime() - utc(`${isoYear}-01-01`).getTime()) / DAY_MS);
  return { isoYear, isoWeek: Math.floor(dayOfYear / 7) + 1 };
}

/** The Monday of ISO week `isoWeek` of `isoYear`, or null when the year has no such week. */
export function weekStartOf(isoYear: number, isoWeek: number): string | null {
  if (isoWeek < 1 || isoWeek > 53) return null;
  const week1 = mondayOf(`${String(isoYear).padStart(4, '0')}-01-04`);
  const start = addDays(week1, (isoWeek - 1) * 7);
  const back = isoWeekOf(start);
  return back.isoYear === isoYear && back.isoWeek === isoWeek ? start : null;
}

/** "2026-W49" */
export function weekKey(weekStart: string): string {
  const { isoYear, isoWeek } = isoWeekOf(weekStart);
  return `${isoYear}-W${String(isoWeek).padStart(2, '0')}`;
}

/**
 * The Monday a week key names: "2026-W49", or any date of the week (yyyy-mm-dd); null when it is
 * neither.
 */
export function parseWeekKey(key: string): string | null {
  const w = ISO_WEEK.exec(key);
  if (w) return weekStartOf(Number(w[1]), Number(w[2]));
  return isDate(key) ? mondayOf(key) : null;
}

const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** "Tuần thứ 49 năm 2026 (từ ngày 30/11/2026 đến ngày 06/12/2026)" */
export function weekTitle(weekStart: string): string {
  const { isoYear, isoWeek } = isoWeekOf(weekStart);
  return `Tuần thứ ${isoWeek} năm ${isoYear} (từ ngày ${dmy(weekStart)} đến ngày ${dmy(addDays(weekStart, 6))})`;
}

/** "Thứ Hai", …, "Chủ nhật" of a date. */
export function weekdayName(date: string): string {
  const dow = (utc(date).getUTCDay() + 6) % 7;
  return dow === 6 ? 'Chủ nhật' : `Thứ ${['Hai', 'Ba', 'Tư', 'Năm', 'Sáu', 'Bảy'][dow]}`;
}

/** "14:36 17/03/2022" of an instant, in Vietnam (the "Cập nhật lần cuối" line). */
export function viTimeDate(at: string | Date): string {
  const wall = new Date(new Date(at).getTime() + 7 * 3_600_000).toISOString();
  return `${wall.slice(11, 16)} ${dmy(wall.slice(0, 10))}`;
}

// ---------------------------------------------------------------------------------------------
// Requests

export const ENTRY_ROLES = ['chair', 'participant', 'following'] as const;

const text = (max: number) => z.string().trim().max(max, `Tối đa ${max} ký tự.`);
const ids = z.array(z.uuid('Mã không hợp lệ.')).max(200).default([]);

export const scheduleParams = z.object({ id: z.uuid('Mã lịch không hợp lệ.') });
export const weekParams = z.object({
  id: z.uuid('Mã lịch không hợp lệ.'),
  /** "2026-W49", a date of the week (yyyy-mm-dd), or "current". */
  week: z.string().max(20),
});
export const weekIdParams = z.object({ weekId: z.uuid('Mã tuần không hợp lệ.') });
export const versionParams = z.object({
  weekId: z.uuid('Mã tuần không hợp lệ.'),
  revision: z.coerce.number().int().min(0),
});
export const entryParams = z.object({ entryId: z.uuid('Mã mục lịch không hợp lệ.') });
export const myWeekQuery = z.object({ week: z.string().max(20).default('current') });
export const schedulePeopleQuery = z.object({ agencyId: z.uuid().optional() });

/** One line of the schedule as the office types it. Times are checked by the service (422). */
export const entryInput = z.object({
  day: z.string().max(10),
  session: z.enum(SESSIONS, { error: 'Buổi phải là sáng, chiều hoặc tối.' }),
  start: z.string().max(5),
  end: z.string().max(5).nullish(),
  content: text(4000).min(1, 'Hãy nhập nội dung công việc.'),
  place: text(500).default(''),
  /** The chairing leader (a person) and how the schedule prints them ("PCT Trương Văn Sáu"). */
  chairId: z.uuid('Mã người chủ trì không hợp lệ.').nullish(),
  chairText: text(300).default(''),
  participantIds: ids,
  participantAgencyIds: ids,
  /** Agencies by QCVN 102 code (ours only: a peer installation's gets a giấy mời instead). */
  participantAgencyCodes: z.array(z.string().trim().max(40)).max(100).default([]),
  participantsText: text(2000).default(''),
  preparingAgencyId: z.uuid('Mã đơn vị chuẩn bị không hợp lệ.').nullish(),
  preparingText: text(500).default(''),
  followingIds: ids,
  followingText: text(500).default(''),
  notes: text(1000).default(''),
  isPublic: z.boolean().default(true),
  /** After publication: why the schedule changes ("Lý do điều chỉnh"). */
  changeNote: text(500).nullish(),
});
export type EntryInput = z.input<typeof entryInput>;

export const changeNoteInput = z.object({ changeNote: text(500).nullish() });
export type ChangeNoteInput = z.input<typeof changeNoteInput>;

// ---------------------------------------------------------------------------------------------
// Answers

const ref = z.object({ id: z.string(), name: z.string() });
export type RefView = z.infer<typeof ref>;

export const scheduleView = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  officeAgencyId: z.string(),
  officeName: z.string(),
  title: z.string(),
  isPublic: z.boolean(),
  /** The actor may draft, publish and adjust it. */
  canEdit: z.boolean(),
});
export type ScheduleView = z.infer<typeof scheduleView>;
export const scheduleList = z.object({
  items: z.array(scheduleView),
  /** The actor's agency has no schedule yet and the actor may open one. */
  canCreateOwn: z.boolean(),
});
export type ScheduleList = z.infer<typeof scheduleList>;

export const entryView = z.object({
  id: z.string(),
  day: z.string(),
  session: z.enum(SESSIONS),
  start: z.string(),
  end: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  content: z.string(),
  place: z.string(),
  chair: ref.nullable(),
  chairText: z.string(),
  participants: z.array(ref),
  participantAgencies: z.array(ref),
  participantsText: z.string(),
  preparingAgency: ref.nullable(),
  preparingText: z.string(),
  following: z.array(ref),
  followingText: z.string(),
  notes: z.string(),
  isPublic: z.boolean(),
  status: z.enum(['active', 'cancelled']),
  sequence: z.number().int(),
  updatedAt: z.string(),
});
export type EntryView = z.infer<typeof entryView>;

export const weekView = z.object({
  schedule: scheduleView,
  /** null: nobody has written anything in this week yet. */
  id: z.string().nullable(),
  key: z.string(),
  weekStart: z.string(),
  weekEnd: z.string(),
  isoYear: z.number().int(),
  isoWeek: z.number().int(),
  /** "Tuần thứ 49 năm 2026 (từ ngày 30/11/2026 đến ngày 06/12/2026)" */
  title: z.string(),
  status: z.enum(['draft', 'published']),
  revision: z.number().int(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** "Điều chỉnh lần 2 · Cập nhật lần cuối: 14:36 17/03/2022", or null before any adjustment. */
  adjustmentLine: z.string().nullable(),
  previousKey: z.string(),
  nextKey: z.string(),
  currentKey: z.string(),
  entries: z.array(entryView),
});
export type WeekView = z.infer<typeof weekView>;

export const versionItem = z.object({
  revision: z.number().int(),
  changeNote: z.string().nullable(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
});
export type VersionItem = z.infer<typeof versionItem>;
export const versionList = z.object({ items: z.array(versionItem) });

export const versionView = versionItem.extend({
  weekId: z.string(),
  title: z.string(),
  entries: z.array(entryView),
});
export type VersionView = z.infer<typeof versionView>;

export const conflictView = z.object({
  entryId: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  content: z.string(),
  place: z.string(),
});
export const myEntryView = entryView.extend({
  scheduleTitle: z.string(),
  /** What the person does at it: chair, participant, following (several when listed twice). */
  roles: z.array(z.enum(ENTRY_ROLES)),
  conflicts: z.array(conflictView),
});
export type MyEntryView = z.infer<typeof myEntryView>;
export const myWeekView = z.object({
  key: z.string(),
  weekStart: z.string(),
  title: z.string(),
  previousKey: z.string(),
  nextKey: z.string(),
  currentKey: z.string(),
  entries: z.array(myEntryView),
});
export type MyWeekView = z.infer<typeof myWeekView>;

export const entrySavedView = z.object({
  entry: entryView,
  weekId: z.string(),
  revision: z.number().int(),
  /** Other active entries of the same people at that time (a warning, not a refusal). */
  conflicts: z.array(conflictView.extend({ personId: z.string() })),
});
export type EntrySavedView = z.infer<typeof entrySavedView>;

export const copyResultView = z.object({ copied: z.number().int(), weekId: z.string() });
export const publishResultView = z.object({ weekId: z.string(), revision: z.number().int() });

export const personOption = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string(),
  agencyName: z.string(),
});
export type PersonOption = z.infer<typeof personOption>;
export const personOptions = z.object({ items: z.array(personOption) });

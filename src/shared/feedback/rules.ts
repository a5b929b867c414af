import { vnDate, vnDayEnd, type WorkingCalendar } from '../calendar/index.ts';

/*
 * Citizens' feedback, complaints and denunciations: the kinds, statuses and the time limits of each
 * regime (../shared/domain/services-facts.md §C). Pure: the server computes deadlines with these and
 * the screens show the same words.
 *
 *  - Feedback on administrative regulations (NĐ 20/2008, as codified): the receiver classifies it and
 *    forwards what is outside its competence within 5 working days (Đ.9). The national text sets no
 *    answering time (facts: "not found"); we use 15 working days, as a provincial listing does, with
 *    one extension of 10 working days — a setting of ours, said so on the screens' help.
 *  - Complaints (Luật Khiếu nại 2011): accepted within 10 days of receipt (Đ.27); settled within 30
 *    days of acceptance, 45 if complex; in remote areas 45, or 60 (Đ.28); second instance 45 / 60,
 *    remote 60 / 70 (Đ.37). "Complex" is recorded as the one extension. The law counts days.
 *  - Denunciations (Luật Tố cáo 2018): entered, classified and checked within 7 working days of
 *    receipt (Đ.24, from the law's text: the facts file does not give it); settled within 30 days of
 *    acceptance, extended once by 30 days for a complex case, twice for an especially complex one
 *    (Đ.30). The denouncer's identity is secret (Đ.9, Đ.56).
 */

export const FEEDBACK_KINDS = [
  'unclassified',
  'regulation',
  'complaint',
  'denunciation',
  'proposal',
  'out_of_scope',
] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** What a sender may choose on the form (the agency classifies afterwards). */
export const DECLARED_KINDS = ['regulation', 'complaint', 'denunciation', 'proposal'] as const;
export type DeclaredKind = (typeof DECLARED_KINDS)[number];

/** The kinds an agency may classify an item as (then accept, forward or refuse it). */
export const CLASSIFIED_KINDS = [
  'regulation',
  'complaint',
  'denunciation',
  'proposal',
  'out_of_scope',
] as const;
export type ClassifiedKind = (typeof CLASSIFIED_KINDS)[number];

export const KIND_LABELS: Record<FeedbackKind, string> = {
  unclassified: 'Chưa phân loại',
  regulation: 'Phản ánh, kiến nghị về quy định hành chính',
  complaint: 'Khiếu nại',
  denunciation: 'Tố cáo',
  proposal: 'Kiến nghị, đề xuất khác',
  out_of_scope: 'Không thuộc phạm vi xử lý',
};

export const FEEDBACK_STATUSES = [
  'received',
  'accepted',
  'forwarded',
  'refused',
  'duplicate',
  'settled',
] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const STATUS_LABELS: Record<FeedbackStatus, string> = {
  received: 'Đã tiếp nhận, đang phân loại',
  accepted: 'Đã thụ lý, đang giải quyết',
  forwarded: 'Đã chuyển cơ quan có thẩm quyền',
  refused: 'Không thụ lý',
  duplicate: 'Trùng nội dung đã tiếp nhận',
  settled: 'Đã giải quyết, trả lời',
};

export const CHANNEL_LABELS = { online: 'Trực tuyến', desk: 'Trực tiếp', post: 'Qua bưu chính' } as const;
export type FeedbackChannel = keyof typeof CHANNEL_LABELS;

export const SENDER_KIND_LABELS = {
  citizen: 'Cá nhân',
  business: 'Doanh nghiệp',
  organisation: 'Tổ chức',
} as const;
export type SenderKind = keyof typeof SENDER_KIND_LABELS;

/** A limit: so many days, counted as working days or as calendar days. */
export interface Limit {
  days: number;
  unit: 'working' | 'calendar';
}

/** The time to classify and forward, or accept, from receipt. */
export function classifyLimit(kind: FeedbackKind): Limit {
  if (kind === 'complaint') return { days: 10, unit: 'calendar' };
  if (kind === 'denunciation') return { days: 7, unit: 'working' };
  return { days: 5, unit: 'working' };
}

export interface SettleCase {
  kind: FeedbackKind;
  instance: number;
  remote: boolean;
}

/** The settlement limit from acceptance, before any extension. */
export function settleLimit(c: SettleCase): Limit {
  if (c.kind === 'complaint') {
    if (c.instance >= 2) return { days: c.remote ? 60 : 45, unit: 'calendar' };
    return { days: c.remote ? 45 : 30, unit: 'calendar' };
  }
  if (c.kind === 'denunciation') return { days: 30, unit: 'calendar' };
  return { days: 15, unit: 'working' };
}

/** How many extensions the regime allows, and what each adds. */
export function extensionRule(c: SettleCase): { max: number; adds: Limit } {
  if (c.kind === 'complaint') {
    // Complex: 30 → 45 (remote 45 → 60); second instance 45 → 60 (remote 60 → 70).
    const adds = c.instance >= 2 ? (c.remote ? 10 : 15) : 15;
    return { max: 1, adds: { days: adds, unit: 'calendar' } };
  }
  if (c.kind === 'denunciation') return { max: 2, adds: { days: 30, unit: 'calendar' } };
  return { max: 1, adds: { days: 10, unit: 'working' } };
}

/** The end of the Vietnamese day `limit` after `from` (the day of `from` is not counted). */
export function addLimit(cal: WorkingCalendar, from: Date, limit: Limit): Date {
  const day = vnDate(from);
  const end =
    limit.unit === 'working' ? cal.addWorkingDays(day, limit.days) : addCalendarDays(day, limit.days);
  return new Date(vnDayEnd(end));
}

/** The end of the day `limit` after the day `dueAt` falls on (an extension counts from the old limit). */
export function extendLimit(cal: WorkingCalendar, dueAt: Date, limit: Limit): Date {
  return addLimit(cal, dueAt, limit);
}

export function addCalendarDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The words for a limit, as the screens and the sender's notice say it. */
export function limitText(limit: Limit): string {
  return `${limit.days} ${limit.unit === 'working' ? 'ngày làm việc' : 'ngày'}`;
}

/** Open items: waiting to be classified, or accepted and not settled. */
export const OPEN_STATUSES: readonly FeedbackStatus[] = ['received', 'accepted'];

/** The due instant that matters now: classification while received, settlement once accepted. */
export function currentDue(item: {
  status: FeedbackStatus;
  classifyDueAt: Date;
  settleDueAt: Date | null;
}): Date | null {
  if (item.status === 'received') return item.classifyDueAt;
  if (item.status === 'accepted') return item.settleDueAt;
  return null;
}

/** Days before the due day when an item counts as due soon. */
export const DUE_SOON_DAYS = 3;

/**
 * The weekly work schedule (lịch công tác tuần): who sees and edits which schedule, weeks drafted by
 * the office and published, every saved change after publication an adjustment ("Điều chỉnh lần N",
 * the week as it now is kept in schedule_week_versions), entries cancelled rather than deleted once
 * published, a person's own week. Rules: /work/notes/portal-design.md, facts: legal-docs.md §4.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { vnDate, vnTimeOfDay } from '../../../shared/calendar/vn-time.ts';
import { type Session, sessionTimeError } from '../../../shared/portal/sessions.ts';
import {
  addDays,
  type ChangeNoteInput,
  type EntryInput,
  type EntrySavedView,
  type EntryView,
  entryInput,
  type MyEntryView,
  type MyWeekView,
  mondayOf,
  type PersonOption,
  parseWeekKey,
  type ScheduleList,
  type ScheduleView,
  type VersionItem,
  type VersionView,
  viTimeDate,
  type WeekView,
  weekKey,
  weekTitle,
} from '../../../shared/schemas/portal-schedule.ts';
import { type Db, rows } from '../../db/client.ts';
import { roleAllows } from '../../platform/access/permissions.ts';
import { audit } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { AGENCY_ROWS, activeAgenciesByCode, findAgencies } from '../agencies/index.ts';
import { routeCode } from '../documents/index.ts';
import { notifyMany } from '../notifications/index.ts';
import { activePositions, personNames, staffOf } from '../people/index.ts';
import { conflictsFor } from './conflicts.ts';
import { forgetScheduleCaches } from './feeds-cache.ts';
import {
  scheduleEntries,
  scheduleEntryAgencies,
  scheduleEntryPeople,
  schedules,
  scheduleWeeks,
  scheduleWeekVersions,
} from './schema.ts';

type ScheduleRow = typeof schedules.$inferSelect;
type WeekRow = typeof scheduleWeeks.$inferSelect;
type EntryRow = typeof scheduleEntries.$inferSelect;
type Role = 'chair' | 'participant' | 'following';

interface LoadedSchedule extends ScheduleRow {
  agencyName: string;
  officeName: string;
}

// ---------------------------------------------------------------------------------------------
// Schedules and who may do what

async function withNames(db: Db, list: ScheduleRow[]): Promise<LoadedSchedule[]> {
  const names = await findAgencies(
    db,
    list.flatMap((s) => [s.agencyId, s.officeAgencyId]),
  );
  return list.map((s) => ({
    ...s,
    agencyName: names.get(s.agencyId)?.name ?? '',
    officeName: names.get(s.officeAgencyId)?.name ?? '',
  }));
}

async function loadSchedule(ctx: Ctx, id: string): Promise<LoadedSchedule> {
  const [s] = await ctx.db.select().from(schedules).where(eq(schedules.id, id));
  if (!s) throw new AppError('not_found', 'Lịch công tác không tồn tại.');
  return (await withNames(ctx.db, [s]))[0]!;
}

/** A person with schedule.manage whose acting agency is the schedule's office or its agency. */
function canEdit(ctx: Ctx, s: ScheduleRow): boolean {
  const a = ctx.actor;
  return (
    !!a.role &&
    roleAllows(a.role, 'schedule.manage') &&
    !!a.agencyId &&
    (a.agencyId === s.officeAgencyId || a.agencyId === s.agencyId)
  );
}

function assertCanEdit(ctx: Ctx, s: LoadedSchedule) {
  if (!canEdit(ctx, s))
    throw new AppError('forbidden', `Chỉ ${s.officeName} mới được soạn, sửa lịch công tác này.`);
}

/** People of the schedule's agency and office see its non-public entries. */
function isInsider(ctx: Ctx, s: ScheduleRow): boolean {
  const a = ctx.actor.agencyId;
  return !!a && (a === s.agencyId || a === s.officeAgencyId);
}

function present(ctx: Ctx, s: LoadedSchedule): ScheduleView {
  return {
    id: s.id,
    agencyId: s.agencyId,
    agencyName: s.agencyName,
    officeAgencyId: s.officeAgencyId,
    officeName: s.officeName,
    title: s.title,
    isPublic: s.isPublic,
    canEdit: canEdit(ctx, s),
  };
}

/**
 * The schedules a person is shown: their agency's, those their agency is the office of, and the
 * province People's Committee's (the 'province' unit at the top of their agency's tree).
 */
export async function listSchedules(ctx: Ctx): Promise<ScheduleList> {
  const me = ctx.actor.agencyId;
  if (!me) return { items: [], canCreateOwn: false };
  const found = await rows<{ id: string }>(
    ctx.db,
    sql`WITH RECURSIVE up AS (
          SELECT a.id, a.parent_id, a.kind, 0 AS depth FROM ${sql.raw(AGENCY_ROWS)} a WHERE a.id = ${me}
          UNION ALL
          SELECT a.id, a.parent_id, a.kind, up.depth + 1 FROM ${sql.raw(AGENCY_ROWS)} a JOIN up ON a.id = up.parent_id
           WHERE up.depth < 20)
        SELECT s.id FROM schedules s
         WHERE s.agency_id = ${me} OR s.office_agency_id = ${me}
            OR s.agency_id IN (SELECT id FROM up WHERE kind = 'province')`,
  );
  const list = found.length
    ? await ctx.db
        .select()
        .from(schedules)
        .where(
          inArray(
            schedules.id,
            found.map((f) => f.id),
          ),
        )
    : [];
  const loaded = await withNames(ctx.db, list);
  // The province's first, then the ones the person drafts, then by title.
  const items = loaded
    .map((s) => present(ctx, s))
    .sort(
      (a, b) =>
        Number(b.isPublic) - Number(a.isPublic) ||
        Number(b.canEdit) - Number(a.canEdit) ||
        a.title.localeCompare(b.title, 'vi'),
    );
  const own = list.some((s) => s.agencyId === me);
  const canCreateOwn = !own && !!ctx.actor.role && roleAllows(ctx.actor.role, 'schedule.manage');
  return { items, canCreateOwn };
}

/** Opens the schedule of the actor's agency (office = itself, not public); the existing one if any. */
export async function createOwnSchedule(ctx: Ctx): Promise<ScheduleView> {
  const me = ctx.actor.agencyId;
  if (!me || !ctx.actor.role || !roleAllows(ctx.actor.role, 'schedule.manage'))
    throw new AppError('forbidden', 'Bạn không có quyền lập lịch công tác cho đơn vị.');
  const agency = (await findAgencies(ctx.db, [me])).get(me);
  if (!agency) throw new AppError('not_found', 'Đơn vị không tồn tại.');
  const id = await inTx(ctx, async (tx) => {
    // Public pages and feeds of every process are rebuilt once this commits (cache bus).
    await forgetScheduleCaches(tx.db);
    const [made] = await tx.db
      .insert(schedules)
      .values({
        agencyId: me,
        officeAgencyId: me,
        title: `Lịch công tác của ${agency.name}`,
        isPublic: false,
      })
      .onConflictDoNothing({ target: schedules.agencyId })
      .returning();
    if (made)
      await audit(tx.db, tx.actor, {
        action: 'portal.schedule.create',
        entityType: 'schedule',
        entityId: made.id,
        detail: { title: made.title },
      });
    const [s] = await tx.db.select({ id: schedules.id }).from(schedules).where(eq(schedules.agencyId, me));
    return s!.id;
  });
  return present(ctx, await loadSchedule(ctx, id));
}

// ---------------------------------------------------------------------------------------------
// Weeks

/** The Monday a week key names ("2026-W49", a date, "current"); 400 otherwise. */
function resolveWeek(ctx: Ctx, key: string): string {
  if (key === 'current' || key === '') return mondayOf(vnDate(ctx.now()));
  const start = parseWeekKey(key);
  if (!start)
    throw new AppError(
      'bad_request',
      `Tuần "${key}" không đúng dạng: hãy dùng năm và số tuần (2026-W49) hoặc một ngày trong tuần (yyyy-mm-dd).`,
    );
  return start;
}

async function findWeek(db: Db, scheduleId: string, weekStart: string): Promise<WeekRow | undefined> {
  const [w] = await db
    .select()
    .from(scheduleWeeks)
    .where(and(eq(scheduleWeeks.scheduleId, scheduleId), eq(scheduleWeeks.weekStart, weekStart)));
  return w;
}

/** The week's row, made when first written to, locked for the rest of the transaction. */
async function lockWeek(db: Db, scheduleId: string, weekStart: string): Promise<WeekRow> {
  const { isoYear, isoWeek } = isoOf(weekStart);
  await db
    .insert(scheduleWeeks)
    .values({ scheduleId, weekStart, isoYear, isoWeek })
    .onConflictDoNothing({ target: [scheduleWeeks.scheduleId, scheduleWeeks.weekStart] });
  const [w] = await db
    .select()
    .from(scheduleWeeks)
    .where(and(eq(scheduleWeeks.scheduleId, scheduleId), eq(scheduleWeeks.weekStart, weekStart)))
    .for('update');
  return w!;
}

function isoOf(weekStart: string) {
  const [y, w] = weekKey(weekStart).split('-W');
  return { isoYear: Number(y), isoWeek: Number(w) };
}

function adjustmentLine(w: Pick<WeekRow, 'revision' | 'updatedAt' | 'status'>): string | null {
  if (w.status !== 'published' || w.revision === 0) return null;
  return `Điều chỉnh lần ${w.revision} · Cập nhật lần cuối: ${viTimeDate(w.updatedAt)}`;
}

const notPublished = (weekStart: string) =>
  new AppError(
    'not_found',
    `Lịch công tác ${weekTitle(weekStart).replace('Tuần', 'tuần')} chưa được công bố hoặc bạn không có quyền xem.`,
  );

async function weekEntryRows(db: Db, weekId: string): Promise<EntryRow[]> {
  return db
    .select()
    .from(scheduleEntries)
    .where(eq(scheduleEntries.weekId, weekId))
    .orderBy(asc(scheduleEntries.day), asc(scheduleEntries.startsAt), asc(scheduleEntries.createdAt));
}

/** Entries with the names of their people and agencies, in three queries whatever their number. */
async function presentEntries(db: Db, list: EntryRow[]): Promise<EntryView[]> {
  if (list.length === 0) return [];
  const ids = list.map((e) => e.id);
  const people = await db.select().from(scheduleEntryPeople).where(inArray(scheduleEntryPeople.entryId, ids));
  const agencies = await db
    .select()
    .from(scheduleEntryAgencies)
    .where(inArray(scheduleEntryAgencies.entryId, ids));
  const names = await personNames(
    db,
    people.map((p) => p.personId),
  );
  const units = await findAgencies(db, [
    ...agencies.map((a) => a.agencyId),
    ...list.flatMap((e) => (e.preparingAgencyId ? [e.preparingAgencyId] : [])),
  ]);
  const person = (id: string) => ({ id, name: names.get(id) ?? '' });
  const unit = (id: string) => ({ id, name: units.get(id)?.name ?? '' });
  return list.map((e) => {
    const mine = people.filter((p) => p.entryId === e.id);
    const chair = mine.find((p) => p.role === 'chair');
    return {
      id: e.id,
      day: e.day,
      session: e.session as Session,
      start: vnTimeOfDay(e.startsAt),
      end: e.endsAt ? vnTimeOfDay(e.endsAt) : null,
      startsAt: e.startsAt.toISOString(),
      endsAt: e.endsAt?.toISOString() ?? null,
      content: e.content,
      place: e.place,
      chair: chair ? person(chair.personId) : null,
      chairText: e.chairText,
      participants: mine.filter((p) => p.role === 'participant').map((p) => person(p.personId)),
      participantAgencies: agencies
        .filter((a) => a.entryId === e.id && a.role === 'participant')
        .map((a) => unit(a.agencyId)),
      participantsText: e.participantsText,
      preparingAgency: e.preparingAgencyId ? unit(e.preparingAgencyId) : null,
      preparingText: e.preparingText,
      following: mine.filter((p) => p.role === 'following').map((p) => person(p.personId)),
      followingText: e.followingText,
      notes: e.notes,
      isPublic: e.isPublic,
      status: e.status as 'active' | 'cancelled',
      sequence: e.sequence,
      updatedAt: e.updatedAt.toISOString(),
    };
  });
}

function peopleOf(e: EntryView): string[] {
  return [
    ...(e.chair ? [e.chair.id] : []),
    ...e.participants.map((p) => p.id),
    ...e.following.map((p) => p.id),
  ];
}

/** What a reader who is not of the office sees: public entries, and those they are in. */
function visibleEntries(ctx: Ctx, s: ScheduleRow, list: EntryView[]): EntryView[] {
  if (canEdit(ctx, s) || isInsider(ctx, s)) return list;
  return list.filter((e) => e.isPublic || peopleOf(e).includes(ctx.actor.personId));
}

/**
 * A week of a schedule. The office sees its drafts (a week nobody has opened is an empty draft);
 * others see published weeks only (404 otherwise), without the non-public entries they are not in.
 */
export async function getWeek(ctx: Ctx, scheduleId: string, key: string): Promise<WeekView> {
  const s = await loadSchedule(ctx, scheduleId);
  const start = resolveWeek(ctx, key);
  const w = await findWeek(ctx.db, s.id, start);
  const edit = canEdit(ctx, s);
  if (!edit && w?.status !== 'published') throw notPublished(start);
  const entries = w
    ? visibleEntries(ctx, s, await presentEntries(ctx.db, await weekEntryRows(ctx.db, w.id)))
    : [];
  const { isoYear, isoWeek } = isoOf(start);
  return {
    schedule: present(ctx, s),
    id: w?.id ?? null,
    key: weekKey(start),
    weekStart: start,
    weekEnd: addDays(start, 6),
    isoYear,
    isoWeek,
    title: weekTitle(start),
    status: (w?.status ?? 'draft') as 'draft' | 'published',
    revision: w?.revision ?? 0,
    publishedAt: w?.publishedAt?.toISOString() ?? null,
    updatedAt: w?.updatedAt.toISOString() ?? null,
    adjustmentLine: w ? adjustmentLine(w) : null,
    previousKey: weekKey(addDays(start, -7)),
    nextKey: weekKey(addDays(start, 7)),
    currentKey: weekKey(mondayOf(vnDate(ctx.now()))),
    entries,
  };
}

/** The week as it now is, kept as revision `revision` (publication 0, adjustment N). */
async function recordVersion(tx: Ctx, w: WeekRow, revision: number, changeNote: string | null, at: Date) {
  await storeVersion(tx.db, w, revision, changeNote, at, tx.actor.personId);
}

/** Keeps the week as it now is under `revision` (also used by the demo seed). */
export async function storeVersion(
  db: Db,
  w: Pick<WeekRow, 'id' | 'weekStart'>,
  revision: number,
  changeNote: string | null,
  at: Date,
  byId: string | null,
) {
  const entries = await presentEntries(db, await weekEntryRows(db, w.id));
  await db.insert(scheduleWeekVersions).values({
    weekId: w.id,
    revision,
    snapshot: { title: weekTitle(w.weekStart), entries },
    changeNote,
    publishedAt: at,
    publishedById: byId,
  });
}

/** After publication, a saved change: revision + 1, "Cập nhật lần cuối" now, the new version kept. */
async function adjust(tx: Ctx, w: WeekRow, changeNote: string | null | undefined): Promise<number> {
  const at = tx.now();
  const revision = w.revision + 1;
  await tx.db.update(scheduleWeeks).set({ revision, updatedAt: at }).where(eq(scheduleWeeks.id, w.id));
  await recordVersion(tx, w, revision, changeNote?.trim() || null, at);
  return revision;
}

async function touch(tx: Ctx, w: WeekRow, weekChanged: boolean, note: string | null | undefined) {
  if (w.status === 'published') return weekChanged ? adjust(tx, w, note) : w.revision;
  await tx.db.update(scheduleWeeks).set({ updatedAt: tx.now() }).where(eq(scheduleWeeks.id, w.id));
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Entries

interface CheckedEntry {
  day: string;
  session: Session;
  startsAt: Date;
  endsAt: Date | null;
  content: string;
  place: string;
  chairText: string;
  participantsText: string;
  preparingAgencyId: string | null;
  preparingText: string;
  followingText: string;
  notes: string;
  isPublic: boolean;
  people: { personId: string; role: Role }[];
  agencies: { agencyId: string; role: 'participant' | 'preparing' }[];
}

const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/**
 * Checks an entry against its week and the installation (422 listing every problem, nothing
 * written): the day inside the week, the times in the session, people active, agencies ours (a
 * code routed to a peer installation is refused: that needs a giấy mời through the exchange).
 */
async function checkEntry(ctx: Ctx, weekStart: string, raw: EntryInput): Promise<CheckedEntry> {
  const input = entryInput.parse(raw);
  const fields: FieldError[] = [];
  const weekEnd = addDays(weekStart, 6);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.day) || Number.isNaN(Date.parse(input.day)))
    fields.push({ path: 'day', message: `Ngày "${input.day}" không đúng dạng yyyy-mm-dd.` });
  else if (input.day < weekStart || input.day > weekEnd)
    fields.push({
      path: 'day',
      message: `Ngày ${dmy(input.day)} không thuộc tuần này (từ ngày ${dmy(weekStart)} đến ngày ${dmy(weekEnd)}).`,
    });
  const timeProblem = sessionTimeError(input.session, input.start, input.end ?? null);
  if (timeProblem)
    fields.push({ path: timeProblem.startsWith('Giờ kết thúc') ? 'end' : 'start', message: timeProblem });

  const chairId = input.chairId ?? null;
  const people: { personId: string; role: Role }[] = [
    ...(chairId ? [{ personId: chairId, role: 'chair' as const }] : []),
    ...input.participantIds.map((personId) => ({ personId, role: 'participant' as const })),
    ...input.followingIds.map((personId) => ({ personId, role: 'following' as const })),
  ];
  const personIds = [...new Set(people.map((p) => p.personId))];
  const active = new Set((await activePositions(ctx.db, personIds)).map((p) => p.personId));
  const missing = personIds.filter((id) => !active.has(id));
  if (missing.length) {
    const names = await personNames(ctx.db, missing);
    for (const p of people.filter((x) => missing.includes(x.personId))) {
      const who = names.get(p.personId);
      fields.push({
        path: p.role === 'chair' ? 'chairId' : p.role === 'participant' ? 'participantIds' : 'followingIds',
        message: who
          ? `${who} không còn công tác (không có chức vụ đang giữ), không thể ghi vào lịch.`
          : 'Người được chọn không tồn tại.',
      });
    }
  }

  const agencyIds = [...new Set(input.participantAgencyIds)];
  const wanted = [...agencyIds, ...(input.preparingAgencyId ? [input.preparingAgencyId] : [])];
  const units = await findAgencies(ctx.db, wanted);
  for (const id of wanted) {
    const u = units.get(id);
    if (u?.status !== 'active')
      fields.push({
        path: id === input.preparingAgencyId ? 'preparingAgencyId' : 'participantAgencyIds',
        message: u
          ? `${u.name} đã ngừng hoạt động (sáp nhập hoặc giải thể).`
          : 'Đơn vị được chọn không tồn tại.',
      });
  }
  const codes = [...new Set(input.participantAgencyCodes.filter(Boolean))];
  if (codes.length) {
    const locals = await activeAgenciesByCode(ctx.db, codes);
    const unserved = codes.filter((c) => routeCode(c, locals, new Map()).kind !== 'local');
    const exchange = ctx.hooks.outsideExchange;
    const peers =
      exchange && unserved.length
        ? await exchange.peersFor(ctx.db, unserved)
        : new Map<string, { id: string; name: string }>();
    for (const code of codes) {
      const route = routeCode(code, locals, peers);
      if (route.kind === 'local') agencyIds.push(route.agency.id);
      else if (route.kind === 'peer')
        fields.push({
          path: 'participantAgencyCodes',
          message: `Đơn vị có mã ${code} (${route.peer.name}) thuộc hệ thống của tỉnh/đơn vị khác; hãy gửi giấy mời qua liên thông văn bản.`,
        });
      else
        fields.push({
          path: 'participantAgencyCodes',
          message: `Không tìm thấy đơn vị có mã định danh ${code} trong hệ thống.`,
        });
    }
  }
  if (fields.length) throw new AppError('unprocessable', fields.map((f) => f.message).join(' '), { fields });

  let chairText = input.chairText;
  if (!chairText && chairId) chairText = (await personNames(ctx.db, [chairId])).get(chairId) ?? '';
  return {
    day: input.day,
    session: input.session,
    startsAt: new Date(`${input.day}T${input.start}:00+07:00`),
    endsAt: input.end ? new Date(`${input.day}T${input.end}:00+07:00`) : null,
    content: input.content,
    place: input.place,
    chairText,
    participantsText: input.participantsText,
    preparingAgencyId: input.preparingAgencyId ?? null,
    preparingText: input.preparingText,
    followingText: input.followingText,
    notes: input.notes,
    isPublic: input.isPublic,
    people: dedupe(people, (p) => `${p.personId}/${p.role}`),
    agencies: dedupe(
      [
        ...agencyIds.map((agencyId) => ({ agencyId, role: 'participant' as const })),
        ...(input.preparingAgencyId
          ? [{ agencyId: input.preparingAgencyId, role: 'preparing' as const }]
          : []),
      ],
      (a) => `${a.agencyId}/${a.role}`,
    ),
  };
}

function dedupe<T>(list: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function columnsOf(c: CheckedEntry) {
  const { people: _p, agencies: _a, ...cols } = c;
  return cols;
}

async function writeLinks(db: Db, entryId: string, c: Pick<CheckedEntry, 'people' | 'agencies'>) {
  await db.delete(scheduleEntryPeople).where(eq(scheduleEntryPeople.entryId, entryId));
  await db.delete(scheduleEntryAgencies).where(eq(scheduleEntryAgencies.entryId, entryId));
  if (c.people.length) await db.insert(scheduleEntryPeople).values(c.people.map((p) => ({ entryId, ...p })));
  if (c.agencies.length)
    await db.insert(scheduleEntryAgencies).values(c.agencies.map((a) => ({ entryId, ...a })));
}

async function linksOf(db: Db, entryId: string) {
  const people = await db
    .select({ personId: scheduleEntryPeople.personId, role: scheduleEntryPeople.role })
    .from(scheduleEntryPeople)
    .where(eq(scheduleEntryPeople.entryId, entryId));
  const agencies = await db
    .select({ agencyId: scheduleEntryAgencies.agencyId, role: scheduleEntryAgencies.role })
    .from(scheduleEntryAgencies)
    .where(eq(scheduleEntryAgencies.entryId, entryId));
  return { people, agencies };
}

const setKey = (list: { role: string }[], id: (x: never) => string) =>
  list
    .map((x) => `${id(x as never)}/${x.role}`)
    .sort()
    .join(',');

function link(scheduleId: string, weekStart: string) {
  return `/lich-cong-tac?lich=${scheduleId}&tuan=${weekKey(weekStart)}`;
}

function when(e: { day: string; startsAt: Date }) {
  return `${vnTimeOfDay(e.startsAt)} ngày ${dmy(e.day)}`;
}

async function saved(ctx: Ctx, entryId: string, weekId: string, revision: number): Promise<EntrySavedView> {
  const [row] = await ctx.db.select().from(scheduleEntries).where(eq(scheduleEntries.id, entryId));
  const [entry] = await presentEntries(ctx.db, [row!]);
  const conflicts =
    row!.status === 'active'
      ? await conflictsFor(ctx.db, peopleOf(entry!), row!.startsAt, row!.endsAt, row!.id)
      : [];
  return {
    entry: entry!,
    weekId,
    revision,
    conflicts: conflicts.map((c) => ({
      ...c,
      startsAt: new Date(c.startsAt).toISOString(),
      endsAt: c.endsAt ? new Date(c.endsAt).toISOString() : null,
    })),
  };
}

/** Adds a line to a week (drafting it, or adjusting it once published). */
export async function createEntry(
  ctx: Ctx,
  scheduleId: string,
  key: string,
  input: EntryInput,
): Promise<EntrySavedView> {
  const s = await loadSchedule(ctx, scheduleId);
  assertCanEdit(ctx, s);
  const start = resolveWeek(ctx, key);
  const c = await checkEntry(ctx, start, input);
  const r = await inTx(ctx, async (tx) => {
    // Public pages and feeds of every process are rebuilt once this commits (cache bus).
    await forgetScheduleCaches(tx.db);
    const w = await lockWeek(tx.db, s.id, start);
    const [e] = await tx.db
      .insert(scheduleEntries)
      .values({ ...columnsOf(c), agencyId: s.agencyId, weekId: w.id, createdById: tx.actor.personId })
      .returning();
    await writeLinks(tx.db, e!.id, c);
    const revision = await touch(tx, w, true, input.changeNote);
    await audit(tx.db, tx.actor, {
      action: 'portal.schedule.entry_create',
      entityType: 'schedule_entry',
      entityId: e!.id,
      detail: { scheduleId: s.id, week: weekKey(start), day: c.day, content: c.content, revision },
    });
    if (w.status === 'published')
      await notifyMany(tx.db, [
        {
          personIds: c.people.map((p) => p.personId).filter((id) => id !== tx.actor.personId),
          notice: {
            kind: 'portal.schedule.changed',
            title: `Lịch công tác điều chỉnh: thêm "${c.content.slice(0, 120)}" lúc ${when(c)}`,
            body: input.changeNote ?? null,
            link: link(s.id, start),
          },
        },
      ]);
    return { id: e!.id, weekId: w.id, revision };
  });
  return saved(ctx, r.id, r.weekId, r.revision);
}

async function loadEntry(ctx: Ctx, entryId: string) {
  const [e] = await ctx.db.select().from(scheduleEntries).where(eq(scheduleEntries.id, entryId));
  if (!e?.weekId) throw new AppError('not_found', 'Mục lịch công tác không tồn tại.');
  const [w] = await ctx.db.select().from(scheduleWeeks).where(eq(scheduleWeeks.id, e.weekId));
  const s = await loadSchedule(ctx, w!.scheduleId);
  // Someone who may not see the week's draft learns nothing of its entries.
  if (!canEdit(ctx, s) && w!.status !== 'published')
    throw new AppError('not_found', 'Mục lịch công tác không tồn tại.');
  assertCanEdit(ctx, s);
  return { e, w: w!, s };
}

/** Changes a line; after publication it is an adjustment (and subscribers see a new SEQUENCE). */
export async function updateEntry(ctx: Ctx, entryId: string, input: EntryInput): Promise<EntrySavedView> {
  const { w: week, s } = await loadEntry(ctx, entryId);
  const c = await checkEntry(ctx, week.weekStart, input);
  const r = await inTx(ctx, async (tx) => {
    // Public pages and feeds of every process are rebuilt once this commits (cache bus).
    await forgetScheduleCaches(tx.db);
    const w = await lockWeek(tx.db, s.id, week.weekStart);
    const [e] = await tx.db
      .select()
      .from(scheduleEntries)
      .where(eq(scheduleEntries.id, entryId))
      .for('update');
    if (e!.status === 'cancelled')
      throw new AppError('conflict', 'Mục lịch này đã hoãn/hủy, không sửa được; hãy thêm một mục mới.');
    const old = await linksOf(tx.db, entryId);
    const peopleChanged =
      setKey(old.people, (p: { personId: string }) => p.personId) !==
        setKey(c.people, (p: { personId: string }) => p.personId) ||
      setKey(old.agencies, (a: { agencyId: string }) => a.agencyId) !==
        setKey(c.agencies, (a: { agencyId: string }) => a.agencyId);
    const seen =
      peopleChanged ||
      e!.startsAt.getTime() !== c.startsAt.getTime() ||
      (e!.endsAt?.getTime() ?? null) !== (c.endsAt?.getTime() ?? null) ||
      e!.place !== c.place ||
      e!.content !== c.content ||
      e!.session !== c.session;
    const changed =
      seen ||
      (
        [
          'chairText',
          'participantsText',
          'preparingAgencyId',
          'preparingText',
          'followingText',
          'notes',
          'isPublic',
        ] as const
      ).some((k) => e![k] !== c[k]);
    if (!changed) return { weekId: w.id, revision: w.revision, changed: false };
    const published = w.status === 'published';
    await tx.db
      .update(scheduleEntries)
      .set({
        ...columnsOf(c),
        sequence: published && seen ? e!.sequence + 1 : e!.sequence,
        updatedAt: tx.now(),
      })
      .where(eq(scheduleEntries.id, entryId));
    if (peopleChanged) await writeLinks(tx.db, entryId, c);
    const revision = await touch(tx, w, true, input.changeNote);
    await audit(tx.db, tx.actor, {
      action: 'portal.schedule.entry_update',
      entityType: 'schedule_entry',
      entityId: entryId,
      detail: {
        scheduleId: s.id,
        week: weekKey(w.weekStart),
        revision,
        changeNote: input.changeNote ?? null,
        before: { day: e!.day, start: vnTimeOfDay(e!.startsAt), place: e!.place, content: e!.content },
        after: { day: c.day, start: vnTimeOfDay(c.startsAt), place: c.place, content: c.content },
      },
    });
    if (published && seen)
      await notifyMany(tx.db, [
        {
          personIds: [...old.people, ...c.people]
            .map((p) => p.personId)
            .filter((id) => id !== tx.actor.personId),
          notice: {
            kind: 'portal.schedule.changed',
            title: `Lịch công tác điều chỉnh: "${c.content.slice(0, 120)}" nay lúc ${when(c)}${c.place ? `, tại ${c.place}` : ''}`,
            body: input.changeNote ?? null,
            link: link(s.id, w.weekStart),
          },
        },
      ]);
    return { weekId: w.id, revision, changed: true };
  });
  return saved(ctx, entryId, r.weekId, r.revision);
}

/** Cancels (hoãn/hủy) a line of a published week: it stays, struck through, and its people are told. */
export async function cancelEntry(
  ctx: Ctx,
  entryId: string,
  input: ChangeNoteInput,
): Promise<EntrySavedView> {
  const { w: week, s } = await loadEntry(ctx, entryId);
  if (week.status !== 'published')
    throw new AppError('conflict', 'Lịch tuần chưa công bố: hãy xóa mục này thay vì hoãn/hủy.');
  const r = await inTx(ctx, async (tx) => {
    // Public pages and feeds of every process are rebuilt once this commits (cache bus).
    await forgetScheduleCaches(tx.db);
    const w = await lockWeek(tx.db, s.id, week.weekStart);
    const [e] = await tx.db
      .select()
      .from(scheduleEntries)
      .where(eq(scheduleEntries.id, entryId))
      .for('update');
    if (e!.status === 'cancelled') throw new AppError('conflict', 'Mục lịch này đã hoãn/hủy trước đó.');
    await tx.db
      .update(scheduleEntries)
      .set({ status: 'cancelled', sequence: e!.sequence + 1, updatedAt: tx.now() })
      .where(eq(scheduleEntries.id, entryId));
    const revision = await adjust(tx, w, input.changeNote);
    await audit(tx.db, tx.actor, {
      action: 'portal.schedule.entry_cancel',
      entityType: 'schedule_entry',
      entityId: entryId,
      detail: {
        scheduleId: s.id,
        week: weekKey(w.weekStart),
        revision,
        changeNote: input.changeNote ?? null,
      },
    });
    const { people } = await linksOf(tx.db, entryId);
    await notifyMany(tx.db, [
      {
        personIds: people.map((p) => p.personId).filter((id) => id !== tx.actor.personId),
        notice: {
          kind: 'portal.schedule.cancelled',
          title: `Hoãn/hủy: "${e!.content.slice(0, 120)}" lúc ${when(e!)}`,
          body: input.changeNote ?? null,
          link: link(s.id, w.weekStart),
        },
      },
    ]);
    return { weekId: w.id, revision };
  });
  return saved(ctx, entryId, r.weekId, r.revision);
}

/** Removes a line of a week not yet published (a published one is cancelled instead). */
export async function deleteEntry(ctx: Ctx, entryId: string): Promise<{ ok: true }> {
  const { w: week, s, e } = await loadEntry(ctx, entryId);
  if (week.status === 'published')
    throw new AppError(
      'conflict',
      'Lịch tuần đã công bố: không xóa được mục lịch; hãy dùng "Hoãn/Hủy" để mục vẫn hiện, gạch ngang.',
    );
  await inTx(ctx, async (tx) => {
    // Public pages and feeds of every process are rebuilt once this commits (cache bus).
    await forgetScheduleCaches(tx.db);
    const w = await lockWeek(tx.db, s.id, week.weekStart);
    if (w.status === 'published')
      throw new AppError('conflict', 'Lịch tuần vừa được công bố; hãy tải lại trang.');
    await tx.db.delete(scheduleEntries).where(eq(scheduleEntries.id, entryId));
    await touch(tx, w, true, null);
    await audit(tx.db, tx.actor, {
      action: 'portal.schedule.entry_delete',
      entityType: 'schedule_entry',
      entityId: entryId,
      detail: { scheduleId: s.id, week: weekKey(w.weekStart), content: e.content },
    });
  });
  return { ok: true };
}

/** Copies last week's active lines, a week later, into this week while it is an empty draft. */
export async function copyPreviousWeek(
  ctx: Ctx,
  scheduleId: string,
  key: string,
): Promise<{ copied: number; weekId: string }> {
  const s = await loadSchedule(ctx, scheduleId);
  assertCanEdit(ctx, s);
  const start = resolveWeek(ctx, key);
  const prevStart = addDays(start, -7);
  return inTx(ctx, async (tx) => {
    // Public pages and feeds of every process are rebuilt once this commits (cache bus).
    await forgetScheduleCaches(tx.db);
    const w = await lockWeek(tx.db, s.id, start);
    if (w.status === 'published')
      throw new AppError(
        'conflict',
        'Lịch tuần này đã công bố; chỉ chép lịch tuần trước vào tuần còn là bản nháp.',
      );
    const [have] = await rows<{ n: number }>(
      tx.db,
      sql`SELECT count(*)::int AS n FROM schedule_entries WHERE week_id = ${w.id}`,
    );
    if (have!.n > 0)
      throw new AppError(
        'conflict',
        `Tuần này đã có ${have!.n} mục lịch; chỉ chép lịch tuần trước vào tuần còn trống.`,
      );
    const prev = await findWeek(tx.db, s.id, prevStart);
    const source = prev ? (await weekEntryRows(tx.db, prev.id)).filter((e) => e.status === 'active') : [];
    if (source.length === 0)
      throw new AppError('unprocessable', `${weekTitle(prevStart)} không có mục lịch nào để chép.`);
    const week = 7 * 86_400_000;
    const made = await tx.db
      .insert(scheduleEntries)
      .values(
        source.map((e) => ({
          agencyId: s.agencyId,
          weekId: w.id,
          day: addDays(e.day, 7),
          session: e.session,
          startsAt: new Date(e.startsAt.getTime() + week),
          endsAt: e.endsAt ? new Date(e.endsAt.getTime() + week) : null,
          content: e.content,
          place: e.place,
          chairText: e.chairText,
          participantsText: e.participantsText,
          preparingAgencyId: e.preparingAgencyId,
          preparingText: e.preparingText,
          followingText: e.followingText,
          notes: e.notes,
          isPublic: e.isPublic,
          createdById: tx.actor.personId,
        })),
      )
      .returning({ id: scheduleEntries.id });
    const idOf = new Map(source.map((e, i) => [e.id, made[i]!.id]));
    const ids = source.map((e) => e.id);
    const people = await tx.db
      .select()
      .from(scheduleEntryPeople)
      .where(inArray(scheduleEntryPeople.entryId, ids));
    const agencies = await tx.db
      .select()
      .from(scheduleEntryAgencies)
      .where(inArray(scheduleEntryAgencies.entryId, ids));
    if (people.length)
      await tx.db
        .insert(scheduleEntryPeople)
        .values(people.map((p) => ({ ...p, entryId: idOf.get(p.entryId)! })));
    if (agencies.length)
      await tx.db
        .insert(scheduleEntryAgencies)
        .values(agencies.map((a) => ({ ...a, entryId: idOf.get(a.entryId)! })));
    await touch(tx, w, true, null);
    await audit(tx.db, tx.actor, {
      action: 'portal.schedule.copy_previous',
      entityType: 'schedule_week',
      entityId: w.id,
      detail: { scheduleId: s.id, week: weekKey(start), from: weekKey(prevStart), copied: made.length },
    });
    return { copied: made.length, weekId: w.id };
  });
}

/** Publishes a drafted week: revision 0, the week as published kept as version 0. */
export async function publishWeek(
  ctx: Ctx,
  scheduleId: string,
  key: string,
): Promise<{ weekId: string; revision: number }> {
  const s = await loadSchedule(ctx, scheduleId);
  assertCanEdit(ctx, s);
  const start = resolveWeek(ctx, key);
  return inTx(ctx, async (tx) => {
    // Public pages and feeds of every process are rebuilt once this commits (cache bus).
    await forgetScheduleCaches(tx.db);
    const w = await lockWeek(tx.db, s.id, start);
    if (w.status === 'published')
      throw new AppError(
        'conflict',
        `${weekTitle(start)} đã được công bố; mỗi thay đổi từ nay là một lần điều chỉnh (hiện là lần ${w.revision}).`,
      );
    const entries = await weekEntryRows(tx.db, w.id);
    if (entries.length === 0)
      throw new AppError(
        'unprocessable',
        'Lịch tuần chưa có mục nào; hãy thêm nội dung (hoặc chép lịch tuần trước) trước khi công bố.',
      );
    const at = tx.now();
    await tx.db
      .update(scheduleWeeks)
      .set({
        status: 'published',
        revision: 0,
        publishedAt: at,
        publishedById: tx.actor.personId,
        updatedAt: at,
      })
      .where(eq(scheduleWeeks.id, w.id));
    await recordVersion(tx, w, 0, null, at);
    await audit(tx.db, tx.actor, {
      action: 'portal.schedule.publish',
      entityType: 'schedule_week',
      entityId: w.id,
      detail: { scheduleId: s.id, week: weekKey(start), entries: entries.length },
    });
    const people = await tx.db
      .select({ personId: scheduleEntryPeople.personId })
      .from(scheduleEntryPeople)
      .where(
        inArray(
          scheduleEntryPeople.entryId,
          entries.map((e) => e.id),
        ),
      );
    await notifyMany(tx.db, [
      {
        personIds: people.map((p) => p.personId).filter((id) => id !== tx.actor.personId),
        notice: {
          kind: 'portal.schedule.published',
          title: `Đã công bố ${s.title.toLocaleLowerCase('vi').startsWith('lịch') ? s.title : `lịch ${s.title}`}, ${weekTitle(start).replace('Tuần', 'tuần')}`,
          link: link(s.id, start),
        },
      },
    ]);
    return { weekId: w.id, revision: 0 };
  });
}

// ---------------------------------------------------------------------------------------------
// Versions

async function readableWeek(ctx: Ctx, weekId: string) {
  const [w] = await ctx.db.select().from(scheduleWeeks).where(eq(scheduleWeeks.id, weekId));
  if (w?.status !== 'published')
    throw new AppError('not_found', 'Lịch tuần không tồn tại hoặc chưa được công bố.');
  return { w, s: await loadSchedule(ctx, w.scheduleId) };
}

/** Every publication of a week, newest first (0 = first publication, N = Nth adjustment). */
export async function listVersions(ctx: Ctx, weekId: string): Promise<{ items: VersionItem[] }> {
  await readableWeek(ctx, weekId);
  const list = await ctx.db
    .select()
    .from(scheduleWeekVersions)
    .where(eq(scheduleWeekVersions.weekId, weekId))
    .orderBy(desc(scheduleWeekVersions.revision));
  const names = await personNames(
    ctx.db,
    list.flatMap((v) => (v.publishedById ? [v.publishedById] : [])),
  );
  return {
    items: list.map((v) => ({
      revision: v.revision,
      changeNote: v.changeNote,
      publishedAt: v.publishedAt.toISOString(),
      publishedBy: v.publishedById ? (names.get(v.publishedById) ?? null) : null,
    })),
  };
}

/** A week as it was published at one revision. */
export async function getVersion(ctx: Ctx, weekId: string, revision: number): Promise<VersionView> {
  const { w, s } = await readableWeek(ctx, weekId);
  const [v] = await ctx.db
    .select()
    .from(scheduleWeekVersions)
    .where(and(eq(scheduleWeekVersions.weekId, weekId), eq(scheduleWeekVersions.revision, revision)));
  if (!v) throw new AppError('not_found', `Lịch tuần không có phiên bản điều chỉnh lần ${revision}.`);
  const snap = v.snapshot as { title?: string; entries?: EntryView[] };
  const by = v.publishedById ? (await personNames(ctx.db, [v.publishedById])).get(v.publishedById) : null;
  return {
    weekId,
    revision: v.revision,
    changeNote: v.changeNote,
    publishedAt: v.publishedAt.toISOString(),
    publishedBy: by ?? null,
    title: snap.title ?? weekTitle(w.weekStart),
    entries: visibleEntries(ctx, s, snap.entries ?? []),
  };
}

// ---------------------------------------------------------------------------------------------
// A person's own week

export interface PersonEntry extends EntryView {
  scheduleId: string | null;
  scheduleTitle: string;
  roles: Role[];
}

/**
 * The entries a person is in (chair, participant, following) with a day in [from, to]: lines of
 * published weeks and meetings of their own calendar (no week), cancelled ones included. For "Lịch
 * của tôi" and the person's calendar feed.
 */
export async function entriesOfPerson(
  db: Db,
  personId: string,
  from: string,
  to: string,
): Promise<PersonEntry[]> {
  const found = await rows<{ id: string; roles: Role[]; schedule_id: string | null; title: string | null }>(
    db,
    sql`SELECT e.id, array_agg(DISTINCT p.role) AS roles, w.schedule_id, s.title
          FROM schedule_entry_people p
          JOIN schedule_entries e ON e.id = p.entry_id
          LEFT JOIN schedule_weeks w ON w.id = e.week_id
          LEFT JOIN schedules s ON s.id = w.schedule_id
         WHERE p.person_id = ${personId} AND e.day BETWEEN ${from} AND ${to}
           AND (e.week_id IS NULL OR w.status = 'published')
         GROUP BY e.id, w.schedule_id, s.title`,
  );
  if (found.length === 0) return [];
  const list = await db
    .select()
    .from(scheduleEntries)
    .where(
      inArray(
        scheduleEntries.id,
        found.map((f) => f.id),
      ),
    )
    .orderBy(asc(scheduleEntries.startsAt), asc(scheduleEntries.createdAt));
  const byId = new Map(found.map((f) => [f.id, f]));
  return (await presentEntries(db, list)).map((e) => {
    const f = byId.get(e.id)!;
    return {
      ...e,
      scheduleId: f.schedule_id,
      scheduleTitle: f.title ?? 'Lịch họp',
      roles: (typeof f.roles === 'string'
        ? String(f.roles).replace(/[{}]/g, '').split(',')
        : f.roles) as Role[],
    };
  });
}

/** "Lịch của tôi": the actor's entries of a week, each with the other entries it overlaps. */
export async function myWeek(ctx: Ctx, key: string): Promise<MyWeekView> {
  const start = resolveWeek(ctx, key);
  const list = await entriesOfPerson(ctx.db, ctx.actor.personId, start, addDays(start, 6));
  const entries: MyEntryView[] = [];
  for (const e of list) {
    const conflicts =
      e.status === 'active'
        ? await conflictsFor(
            ctx.db,
            [ctx.actor.personId],
            new Date(e.startsAt),
            e.endsAt ? new Date(e.endsAt) : null,
            e.id,
          )
        : [];
    const { scheduleId: _s, ...rest } = e;
    entries.push({
      ...rest,
      conflicts: conflicts.map((c) => ({
        entryId: c.entryId,
        startsAt: new Date(c.startsAt).toISOString(),
        endsAt: c.endsAt ? new Date(c.endsAt).toISOString() : null,
        content: c.content,
        place: c.place,
      })),
    });
  }
  return {
    key: weekKey(start),
    weekStart: start,
    title: weekTitle(start),
    previousKey: weekKey(addDays(start, -7)),
    nextKey: weekKey(addDays(start, 7)),
    currentKey: weekKey(mondayOf(vnDate(ctx.now()))),
    entries,
  };
}

// ---------------------------------------------------------------------------------------------
// Pickers

/** People the office may put in an entry: the staff of one agency, or of the schedule's agency and office. */
export async function schedulePeople(
  ctx: Ctx,
  scheduleId: string,
  agencyId: string | undefined,
): Promise<{ items: PersonOption[] }> {
  const s = await loadSchedule(ctx, scheduleId);
  assertCanEdit(ctx, s);
  const units = agencyId ? [agencyId] : [...new Set([s.agencyId, s.officeAgencyId])];
  const names = await findAgencies(ctx.db, units);
  const roles = ['agency_leader', 'division_head', 'officer', 'clerk', 'archivist', 'agency_admin'];
  const items: PersonOption[] = [];
  const seen = new Set<string>();
  for (const u of units) {
    const leadersFirst = (await staffOf(ctx.db, u, roles)).sort(
      (a, b) => roles.indexOf(a.role) - roles.indexOf(b.role) || a.name.localeCompare(b.name, 'vi'),
    );
    for (const p of leadersFirst) {
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      items.push({ id: p.id, name: p.name, title: p.title, agencyName: names.get(u)?.name ?? '' });
    }
  }
  return { items };
}

/** For the PDF: a week with everything the printout needs, checked as getWeek checks it. */
export async function weekForPrint(ctx: Ctx, scheduleId: string, key: string) {
  const week = await getWeek(ctx, scheduleId, key);
  const s = await loadSchedule(ctx, scheduleId);
  const parent = await rows<{ name: string }>(
    ctx.db,
    sql`SELECT p.name FROM ${sql.raw(AGENCY_ROWS)} a JOIN ${sql.raw(AGENCY_ROWS)} p ON p.id = a.parent_id WHERE a.id = ${s.officeAgencyId}`,
  );
  return { week, officeName: s.officeName, officeParent: parent[0]?.name ?? null, agencyName: s.agencyName };
}

/** Today's date in Vietnam, for tests and the demo. */
export const todayOf = (ctx: Pick<Ctx, 'now'>) => vnDate(ctx.now());

/**
 * Meetings from invitations (giấy mời). An incoming document of type giấy mời proposes a meeting
 * (day, time, place, content, chair read from its text: invitations-text.ts); the clerk confirms it,
 * corrected, into a meeting entry (week_id null, source 'invitation') in the calendars of the people
 * it is assigned to, who are notified; or dismisses it. Documents are read only through documents'
 * index.ts. The outgoing side attaches its own invitation to a schedule entry (attachInvitation).
 *
 * Who: `schedule.manage` on every route (the permission of "confirming meetings from invitations").
 * The agency's clerks and leaders (who see all of its documents) confirm for anyone of the agency and
 * dismiss; any other holder of the permission (an officer, a division head) sees the invitations
 * assigned to them and may put one into their own calendar only.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { formatViDate, vnDate, vnTimeOfDay } from '../../../shared/calendar/vn-time.ts';
import {
  SESSION_LABELS,
  type Session,
  sessionOf,
  sessionTimeError,
} from '../../../shared/portal/sessions.ts';
import type { Page } from '../../../shared/schemas/common.ts';
import type {
  ConfirmView,
  ConflictView,
  InvitationStatus,
  InvitationView,
  MeetingInput,
  MeetingSaveView,
  MeetingsView,
  MeetingView,
  ProposalView,
} from '../../../shared/schemas/portal-invitations.ts';
import { type Db, rows } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError, type FieldError, notFound } from '../../platform/http/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.ts';
import { findAgency } from '../agencies/index.ts';
import {
  documentFacts,
  handlingAssignees,
  type IncomingOfType,
  incomingOfType,
  seesWholeAgency,
  visibleTo,
} from '../documents/index.ts';
import { type Notice, notifyMany } from '../notifications/index.ts';
import { activePositions, divisionHolders, personNames } from '../people/index.ts';
import { conflictsFor } from './conflicts.ts';
import { forgetScheduleCaches } from './feeds-cache.ts';
import { readInvitation } from './invitations-text.ts';
import {
  scheduleEntries,
  scheduleEntryPeople,
  scheduleInvitations,
  schedules,
  scheduleWeeks,
} from './schema.ts';

/** Decree 30's type code of a giấy mời (src/shared/documents/decree30.ts). */
export const INVITATION_TYPE = 'giay_moi';

type Proposal = ProposalView & { dismissReason?: string | null };
type InvitationRow = typeof scheduleInvitations.$inferSelect;
type EntryRow = typeof scheduleEntries.$inferSelect;

const iso = (v: string | Date | null | undefined) => (v ? new Date(v).toISOString() : null);

/** The link to a person's week (the meetings tab of the invitations page, which everyone with the permission has). */
/** The person's own week in the schedule ("Lịch của tôi"), where meetings sit beside published entries. */
export const weekLink = (day: string) => `/lich-cong-tac?xem=cua-toi&tuan=${weekStartOf(day)}`;

/** The Monday (yyyy-mm-dd) of the week holding this day. */
export function weekStartOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** The instant of a wall-clock time on a Vietnamese day (Vietnam has no daylight saving). */
const at = (day: string, time: string) => new Date(`${day}T${time}:00+07:00`);

function proposalOf(doc: Pick<IncomingOfType, 'summary' | 'fileText' | 'issuedDate'>): Proposal {
  const p = readInvitation({ summary: doc.summary, text: doc.fileText, issuedDate: doc.issuedDate });
  return { ...p, fromText: !!doc.fileText };
}

/** The stored proposal as the API shows it (older rows may lack a field). */
function proposalView(p: Record<string, unknown>): ProposalView {
  const s = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : null);
  return {
    day: s('day'),
    time: s('time'),
    endTime: s('endTime'),
    session: (s('session') as Session | null) ?? null,
    place: s('place') ?? '',
    content: s('content') ?? '',
    chairText: s('chairText') ?? '',
    fromText: p.fromText === true,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The people each document is assigned to: named people, and a division's heads until handed down. */
async function assigneesOf(db: Db, documentIds: string[]): Promise<Map<string, string[]>> {
  const list = await handlingAssignees(db, documentIds);
  const out = new Map<string, string[]>(documentIds.map((id) => [id, []]));
  const heads = new Map<string, string[]>();
  for (const divisionId of new Set(list.filter((x) => !x.personId && x.divisionId).map((x) => x.divisionId!)))
    heads.set(divisionId, await divisionHolders(db, [divisionId], 'division_head'));
  for (const a of list) {
    const ids = a.personId ? [a.personId] : (heads.get(a.divisionId!) ?? []);
    const mine = out.get(a.documentId)!;
    for (const id of ids) if (!mine.includes(id)) mine.push(id);
  }
  return out;
}

async function entriesById(db: Db, ids: string[]): Promise<Map<string, MeetingView>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const entries = await db.select().from(scheduleEntries).where(inArray(scheduleEntries.id, wanted));
  const people = await db
    .select()
    .from(scheduleEntryPeople)
    .where(inArray(scheduleEntryPeople.entryId, wanted));
  const names = await personNames(
    db,
    people.map((p) => p.personId),
  );
  const ref = (id: string) => ({ id, name: names.get(id) ?? '' });
  return new Map(
    entries.map((e) => {
      const mine = people.filter((p) => p.entryId === e.id);
      const chair = mine.find((p) => p.role === 'chair');
      return [
        e.id,
        {
          id: e.id,
          day: e.day,
          session: e.session as Session,
          startsAt: iso(e.startsAt)!,
          endsAt: iso(e.endsAt),
          time: vnTimeOfDay(e.startsAt),
          endTime: e.endsAt ? vnTimeOfDay(e.endsAt) : null,
          content: e.content,
          place: e.place,
          chairText: e.chairText,
          notes: e.notes,
          status: e.status as 'active' | 'cancelled',
          sequence: e.sequence,
          invitationDocumentId: e.invitationDocumentId,
          chair: chair ? ref(chair.personId) : null,
          people: [...new Set(mine.filter((p) => p.role === 'participant').map((p) => p.personId))]
            .map(ref)
            .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
        } satisfies MeetingView,
      ];
    }),
  );
}

/** Stores the proposals of documents seen for the first time (or first seen before their text was read). */
async function ensureProposals(ctx: Ctx, docs: IncomingOfType[]): Promise<Map<string, InvitationRow>> {
  if (docs.length === 0) return new Map();
  const ids = docs.map((d) => d.id);
  const have = new Map(
    (await ctx.db.select().from(scheduleInvitations).where(inArray(scheduleInvitations.documentId, ids))).map(
      (r) => [r.documentId, r],
    ),
  );
  const fresh = docs.filter((d) => {
    const r = have.get(d.id);
    return !r || (r.status === 'proposed' && r.proposal.fromText !== true && !!d.fileText);
  });
  if (fresh.length > 0) {
    const written = await ctx.db
      .insert(scheduleInvitations)
      .values(fresh.map((d) => ({ documentId: d.id, agencyId: d.agencyId, proposal: { ...proposalOf(d) } })))
      .onConflictDoUpdate({
        target: scheduleInvitations.documentId,
        set: { proposal: sql`excluded.proposal`, updatedAt: sql`now()` },
        setWhere: sql`${scheduleInvitations.status} = 'proposed'`,
      })
      .returning();
    for (const r of written) have.set(r.documentId, r);
  }
  return have;
}

async function views(ctx: Ctx, docs: IncomingOfType[]): Promise<InvitationView[]> {
  const inv = await ensureProposals(ctx, docs);
  const assignees = await assigneesOf(
    ctx.db,
    docs.map((d) => d.id),
  );
  const meetings = await entriesById(
    ctx.db,
    [...inv.values()].map((r) => r.entryId).filter((x): x is string => !!x),
  );
  const names = await personNames(ctx.db, [
    ...[...assignees.values()].flat(),
    ...[...inv.values()].map((r) => r.decidedById).filter((x): x is string => !!x),
  ]);
  return docs.map((d) => {
    const r = inv.get(d.id);
    const p = r?.proposal ?? proposalOf(d);
    return {
      documentId: d.id,
      status: (r?.status ?? 'proposed') as InvitationStatus,
      document: {
        id: d.id,
        numberNotation: d.numberNotation,
        summary: d.summary,
        issuerName: d.issuerName,
        issuedDate: d.issuedDate,
        arrivalNumber: d.arrivalNumber,
        arrivedAt: iso(d.arrivedAt),
      },
      proposal: proposalView(p),
      assignees: (assignees.get(d.id) ?? []).map((id) => ({ id, name: names.get(id) ?? '' })),
      meeting: r?.entryId ? (meetings.get(r.entryId) ?? null) : null,
      dismissReason: typeof p.dismissReason === 'string' ? p.dismissReason : null,
      decidedBy: r?.decidedById ? (names.get(r.decidedById) ?? null) : null,
    };
  });
}

/**
 * The invitations of the actor's agency that the actor may see, by status: "proposed" = waiting to be
 * scheduled (never confirmed nor dismissed), newest first, keyset paginated.
 */
export async function listInvitations(
  ctx: Ctx,
  q: { status: InvitationStatus; limit: number; cursor?: string },
): Promise<Page<InvitationView>> {
  if (!ctx.actor.agencyId) return { items: [], nextCursor: null };
  const after = decodeCursor(q.cursor, 2) as [string, string] | null;
  const where =
    q.status === 'proposed'
      ? sql`NOT EXISTS (SELECT 1 FROM schedule_invitations i WHERE i.document_id = d.id AND i.status <> 'proposed')`
      : sql`EXISTS (SELECT 1 FROM schedule_invitations i WHERE i.document_id = d.id AND i.status = ${q.status})`;
  const docs = await incomingOfType(ctx.db, {
    typeCode: INVITATION_TYPE,
    visible: visibleTo(ctx.actor),
    where,
    after,
    limit: q.limit + 1,
  });
  const more = docs.length > q.limit;
  const page = docs.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: await views(ctx, page),
    nextCursor: more && last ? encodeCursor([last.createdKey, last.id]) : null,
  };
}

/** One invitation the actor may see, with its proposal (stored on first sight), or 404. */
export async function getInvitation(ctx: Ctx, documentId: string): Promise<InvitationView> {
  const doc = await loadInvitation(ctx, documentId);
  return (await views(ctx, [doc]))[0]!;
}

async function loadInvitation(ctx: Ctx, documentId: string): Promise<IncomingOfType> {
  const [doc] = await incomingOfType(ctx.db, {
    typeCode: INVITATION_TYPE,
    visible: visibleTo(ctx.actor),
    ids: [documentId],
    limit: 1,
  });
  if (!doc) throw notFound('Giấy mời');
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Validation

const unprocessable = (message: string, path: string) =>
  new AppError('unprocessable', message, { fields: [{ path, message }] });

interface CheckedMeeting {
  day: string;
  session: Session;
  startsAt: Date;
  endsAt: Date | null;
  place: string;
  content: string;
  chairText: string;
  chairId: string | null;
  personIds: string[];
  notes: string;
}

/** The session and times, the people (active, of the actor's agency): 422 with a Vietnamese message. */
async function checkMeeting(
  ctx: Ctx,
  input: MeetingInput,
  fallbackPeople: string[],
): Promise<CheckedMeeting> {
  const session = input.session ?? sessionOf(input.time);
  if (!session)
    throw unprocessable(`Giờ bắt đầu ${input.time} không thuộc buổi nào của ngày làm việc.`, 'time');
  const timeError = sessionTimeError(session, input.time, input.endTime ?? null);
  if (timeError)
    throw unprocessable(timeError, input.endTime && timeError.includes('kết thúc') ? 'endTime' : 'time');
  const content = (input.content ?? '').trim();
  if (content.length < 3) throw unprocessable('Nhập nội dung cuộc họp.', 'content');

  const personIds = [...new Set(input.personIds?.length ? input.personIds : fallbackPeople)];
  if (personIds.length === 0)
    throw unprocessable('Chọn ít nhất một người dự họp: giấy mời chưa được giao cho ai.', 'personIds');
  const everyone = [...new Set([...personIds, ...(input.chairId ? [input.chairId] : [])])];
  const positions = await activePositions(ctx.db, everyone);
  const here = new Set(positions.filter((p) => p.agencyId === ctx.actor.agencyId).map((p) => p.personId));
  const outside = everyone.filter((id) => !here.has(id));
  if (outside.length > 0) {
    const names = await personNames(ctx.db, outside);
    const fields: FieldError[] = outside.map((id) => ({
      path: id === input.chairId ? 'chairId' : 'personIds',
      message: `${names.get(id) ?? 'Người được chọn'} không thuộc cơ quan hoặc đã nghỉ.`,
    }));
    throw new AppError(
      'unprocessable',
      `Người dự họp phải là người đang công tác tại cơ quan: ${outside.map((id) => names.get(id) ?? id).join(', ')}.`,
      { fields },
    );
  }
  return {
    day: input.day,
    session,
    startsAt: at(input.day, input.time),
    endsAt: input.endTime ? at(input.day, input.endTime) : null,
    place: (input.place ?? '').trim(),
    content,
    chairText: (input.chairText ?? '').trim(),
    chairId: input.chairId ?? null,
    personIds,
    notes: (input.notes ?? '').trim(),
  };
}

async function conflictViews(
  db: Db,
  personIds: string[],
  startsAt: Date,
  endsAt: Date | null,
  excludeEntryId: string | null,
): Promise<ConflictView[]> {
  const found = await conflictsFor(db, personIds, startsAt, endsAt, excludeEntryId);
  const names = await personNames(
    db,
    found.map((c) => c.personId),
  );
  return found.map((c) => ({
    personId: c.personId,
    personName: names.get(c.personId) ?? '',
    entryId: c.entryId,
    startsAt: iso(c.startsAt)!,
    endsAt: iso(c.endsAt),
    content: c.content,
    place: c.place,
  }));
}

/** Other entries of these people at that time (shown, never blocking). */
export async function checkConflicts(
  ctx: Ctx,
  q: {
    day: string;
    time: string;
    endTime?: string | null;
    personIds: string[];
    excludeEntryId?: string | null;
  },
): Promise<ConflictView[]> {
  const end = q.endTime && q.endTime > q.time ? at(q.day, q.endTime) : null;
  return conflictViews(ctx.db, q.personIds, at(q.day, q.time), end, q.excludeEntryId ?? null);
}

// ---------------------------------------------------------------------------------------------
// Writing

const whenText = (m: Pick<CheckedMeeting, 'startsAt' | 'session' | 'place' | 'day'>) =>
  `${vnTimeOfDay(m.startsAt)} (${SESSION_LABELS[m.session].toLowerCase()}) ngày ${formatViDate(m.day)}${m.place ? `, ${m.place}` : ''}`;

function meetingNotice(kind: 'new' | 'changed' | 'cancelled', entryId: string, m: CheckedMeeting): Notice {
  const title =
    kind === 'new'
      ? `Lịch họp mới: ${m.content}`
      : kind === 'changed'
        ? `Lịch họp thay đổi: ${m.content}`
        : `Hủy lịch họp: ${m.content}`;
  return {
    kind: `portal.meeting_${kind}`,
    title: title.slice(0, 300),
    body: whenText(m),
    link: weekLink(m.day),
    ...(kind === 'new' ? { dedupeKey: `portal.meeting.${entryId}.new` } : {}),
  };
}

async function writePeople(db: Db, entryId: string, m: CheckedMeeting) {
  await db.delete(scheduleEntryPeople).where(eq(scheduleEntryPeople.entryId, entryId));
  const values = [
    ...(m.chairId ? [{ entryId, personId: m.chairId, role: 'chair' }] : []),
    ...m.personIds.map((personId) => ({ entryId, personId, role: 'participant' })),
  ];
  if (values.length) await db.insert(scheduleEntryPeople).values(values).onConflictDoNothing();
}

/** Only the agency's clerks and leaders decide for others; anyone else only for themselves. */
function assertForSelfOnly(actor: Actor, m: Pick<CheckedMeeting, 'personIds' | 'chairId'>) {
  if (seesWholeAgency(actor)) return;
  const others = [...m.personIds, ...(m.chairId ? [m.chairId] : [])].filter((id) => id !== actor.personId);
  if (others.length > 0)
    throw new AppError(
      'forbidden',
      'Chỉ văn thư hoặc lãnh đạo cơ quan mới xếp lịch họp cho người khác; bạn chỉ có thể đưa giấy mời vào lịch của mình.',
    );
}

/**
 * Confirms an invitation as a meeting, with the clerk's corrections. Idempotent: an invitation
 * confirmed already answers its meeting (created false) and writes nothing.
 */
export async function confirmInvitation(
  ctx: Ctx,
  documentId: string,
  input: MeetingInput,
): Promise<ConfirmView> {
  return inTx(ctx, async (c) => {
    // Public pages and feeds of every process are rebuilt once this commits (cache bus).
    await forgetScheduleCaches(c.db);
    const doc = await loadInvitation(c, documentId);
    await ensureProposals(c, [doc]);
    // One confirmation at a time per invitation: the row is locked until the transaction ends.
    const [inv] = await c.db
      .select()
      .from(scheduleInvitations)
      .where(eq(scheduleInvitations.documentId, documentId))
      .for('update');
    if (inv!.status === 'confirmed' && inv!.entryId) {
      const [e] = await c.db.select().from(scheduleEntries).where(eq(scheduleEntries.id, inv!.entryId));
      const people = (
        await c.db.select().from(scheduleEntryPeople).where(eq(scheduleEntryPeople.entryId, inv!.entryId))
      ).map((p) => p.personId);
      return {
        entryId: inv!.entryId,
        created: false,
        conflicts: await conflictViews(c.db, people, e!.startsAt, e!.endsAt, e!.id),
      };
    }
    const assignees = (await assigneesOf(c.db, [documentId])).get(documentId) ?? [];
    // An officer with no choice given puts it into his own calendar.
    const fallback = seesWholeAgency(c.actor) ? assignees : [c.actor.personId];
    const m = await checkMeeting(c, input, fallback);
    assertForSelfOnly(c.actor, m);
    const [entry] = await c.db
      .insert(scheduleEntries)
      .values({
        agencyId: c.actor.agencyId!,
        weekId: null,
        day: m.day,
        session: m.session,
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        content: m.content,
        place: m.place,
        chairText: m.chairText,
        notes: m.notes,
        isPublic: false,
        status: 'active',
        sequence: 0,
        invitationDocumentId: documentId,
        source: 'invitation',
        createdById: c.actor.personId,
      })
      .returning();
    await writePeople(c.db, entry!.id, m);
    await c.db
      .update(scheduleInvitations)
      .set({ status: 'confirmed', entryId: entry!.id, decidedById: c.actor.personId, updatedAt: c.now() })
      .where(eq(scheduleInvitations.documentId, documentId));
    const everyone = [...new Set([...m.personIds, ...(m.chairId ? [m.chairId] : [])])];
    await notifyMany(c.db, [
      {
        personIds: everyone.filter((id) => id !== c.actor.personId),
        notice: meetingNotice('new', entry!.id, m),
      },
    ]);
    const conflicts = await conflictViews(c.db, everyone, m.startsAt, m.endsAt, entry!.id);
    await audit(c.db, c.actor, {
      action: 'portal.invitations.confirm',
      entityType: 'schedule_entry',
      entityId: entry!.id,
      agencyId: c.actor.agencyId,
      detail: {
        documentId,
        day: m.day,
        time: vnTimeOfDay(m.startsAt),
        people: everyone.length,
        conflicts: conflicts.length,
      },
    });
    return { entryId: entry!.id, created: true, conflicts };
  });
}

/** Dismisses an invitation (not to be scheduled), with the reason. Clerks and leaders only. */
export async function dismissInvitation(ctx: Ctx, documentId: string, reason: string): Promise<void> {
  if (!seesWholeAgency(ctx.actor))
    throw new AppError('forbidden', 'Chỉ văn thư hoặc lãnh đạo cơ quan mới bỏ qua giấy mời.');
  await inTx(ctx, async (c) => {
    // Public pages and feeds of every process are rebuilt once this commits (cache bus).
    await forgetScheduleCaches(c.db);
    const doc = await loadInvitation(c, documentId);
    await ensureProposals(c, [doc]);
    const [inv] = await c.db
      .select()
      .from(scheduleInvitations)
      .where(eq(scheduleInvitations.documentId, documentId))
      .for('update');
    if (inv!.status === 'confirmed')
      throw new AppError(
        'conflict',
        'Giấy mời này đã được đưa vào lịch; muốn bỏ thì hãy hủy cuộc họp ở thẻ "Đã xếp lịch".',
      );
    await c.db
      .update(scheduleInvitations)
      .set({
        status: 'dismissed',
        proposal: { ...inv!.proposal, dismissReason: reason },
        decidedById: c.actor.personId,
        updatedAt: c.now(),
      })
      .where(eq(scheduleInvitations.documentId, documentId));
    await audit(c.db, c.actor, {
      action: 'portal.invitations.dismiss',
      entityType: 'document',
      entityId: documentId,
      agencyId: c.actor.agencyId,
      detail: { reason },
    });
  });
}

/** A meeting from an invitation the actor may change: of the actor's agency, by its clerks/leaders or its creator. */
async function loadMeetingForUpdate(c: Ctx, id: string): Promise<EntryRow> {
  const [e] = await c.db
    .select()
    .from(scheduleEntries)
    .where(and(eq(scheduleEntries.id, id), eq(scheduleEntries.source, 'invitation')))
    .for('update');
  if (!e || e.weekId !== null || e.agencyId !== c.actor.agencyId) throw notFound('Cuộc họp');
  if (!seesWholeAgency(c.actor) && e.createdById !== c.actor.personId)
    throw new AppError(
      'forbidden',
      'Chỉ văn thư, lãnh đạo cơ quan hoặc người đã đưa cuộc họp vào lịch mới được sửa, hủy cuộc họp này.',
    );
  return e;
}

/** Changes a meeting (time, place, content, people): sequence + 1, its people are told. */
export async function updateMeeting(ctx: Ctx, id: string, input: MeetingInput): Promise<MeetingSaveView> {
  return inTx(ctx, async (c) => {
    // Public pages and feeds of every process are rebuilt once this commits (cache bus).
    await forgetScheduleCaches(c.db);
    const e = await loadMeetingForUpdate(c, id);
    if (e.status === 'cancelled') throw new AppError('conflict', 'Cuộc họp đã bị hủy; không sửa được nữa.');
    const before = (
      await c.db.select().from(scheduleEntryPeople).where(eq(scheduleEntryPeople.entryId, id))
    ).map((p) => p.personId);
    const m = await checkMeeting(c, input, before);
    assertForSelfOnly(c.actor, m);
    await c.db
      .update(scheduleEntries)
      .set({
        day: m.day,
        session: m.session,
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        content: m.content,
        place: m.place,
        chairText: m.chairText,
        notes: m.notes,
        sequence: sql`${scheduleEntries.sequence} + 1`,
        updatedAt: c.now(),
      })
      .where(eq(scheduleEntries.id, id));
    await writePeople(c.db, id, m);
    const everyone = [...new Set([...m.personIds, ...(m.chairId ? [m.chairId] : [])])];
    const removed = [...new Set(before)].filter((p) => !everyone.includes(p));
    const notice = meetingNotice('changed', id, m);
    await notifyMany(c.db, [
      { personIds: everyone.filter((p) => p !== c.actor.personId), notice },
      {
        personIds: removed.filter((p) => p !== c.actor.personId),
        notice: { ...notice, title: `Không còn dự họp: ${m.content}`.slice(0, 300) },
      },
    ]);
    await audit(c.db, c.actor, {
      action: 'portal.invitations.update',
      entityType: 'schedule_entry',
      entityId: id,
      agencyId: c.actor.agencyId,
      detail: { day: m.day, time: vnTimeOfDay(m.startsAt), people: everyone.length },
    });
    return {
      meeting: (await entriesById(c.db, [id])).get(id)!,
      conflicts: await conflictViews(c.db, everyone, m.startsAt, m.endsAt, id),
    };
  });
}

/** Cancels a meeting (it stays, struck through): sequence + 1, its people are told. */
export async function cancelMeeting(ctx: Ctx, id: string, reason: string): Promise<MeetingView> {
  return inTx(ctx, async (c) => {
    // Public pages and feeds of every process are rebuilt once this commits (cache bus).
    await forgetScheduleCaches(c.db);
    const e = await loadMeetingForUpdate(c, id);
    if (e.status === 'cancelled') return (await entriesById(c.db, [id])).get(id)!;
    await c.db
      .update(scheduleEntries)
      .set({
        status: 'cancelled',
        notes: e.notes ? `${e.notes}\nLý do hủy: ${reason}` : `Lý do hủy: ${reason}`,
        sequence: sql`${scheduleEntries.sequence} + 1`,
        updatedAt: c.now(),
      })
      .where(eq(scheduleEntries.id, id));
    const people = (
      await c.db.select().from(scheduleEntryPeople).where(eq(scheduleEntryPeople.entryId, id))
    ).map((p) => p.personId);
    const notice = meetingNotice('cancelled', id, {
      day: e.day,
      session: e.session as Session,
      startsAt: e.startsAt,
      place: e.place,
      content: e.content,
    } as CheckedMeeting);
    await notifyMany(c.db, [
      {
        personIds: people.filter((p) => p !== c.actor.personId),
        notice: { ...notice, body: `${notice.body}. Lý do: ${reason}` },
      },
    ]);
    await audit(c.db, c.actor, {
      action: 'portal.invitations.cancel',
      entityType: 'schedule_entry',
      entityId: id,
      agencyId: c.actor.agencyId,
      detail: { reason },
    });
    return (await entriesById(c.db, [id])).get(id)!;
  });
}

/**
 * A person's meetings (from invitations) in the week holding `week` (default this week). One's own;
 * the agency's clerks and leaders also read a colleague's meetings taken in by their agency.
 */
export async function meetingsOfWeek(
  ctx: Ctx,
  q: { week?: string; personId?: string },
): Promise<MeetingsView> {
  const weekStart = weekStartOf(q.week ?? vnDate(ctx.now()));
  const weekEnd = addDays(weekStart, 6);
  const personId = q.personId ?? ctx.actor.personId;
  const own = personId === ctx.actor.personId;
  if (!own && !seesWholeAgency(ctx.actor))
    throw new AppError('forbidden', 'Bạn chỉ xem được lịch họp của mình.');
  const ids = await rows<{ id: string }>(
    ctx.db,
    sql`SELECT DISTINCT e.id, e.starts_at FROM schedule_entries e
          JOIN schedule_entry_people p ON p.entry_id = e.id
         WHERE p.person_id = ${personId} AND e.week_id IS NULL AND e.source = 'invitation'
           AND e.day BETWEEN ${weekStart}::date AND ${weekEnd}::date
           ${own ? sql`` : sql`AND e.agency_id = ${ctx.actor.agencyId}`}
         ORDER BY e.starts_at`,
  );
  const byId = await entriesById(
    ctx.db,
    ids.map((x) => x.id),
  );
  return { weekStart, weekEnd, items: ids.map((x) => byId.get(x.id)!).filter(Boolean) };
}

// ---------------------------------------------------------------------------------------------
// The outgoing side: an invitation attached to a schedule entry

/**
 * Attaches an invitation (giấy mời) the actor may see to a schedule entry, or detaches it (null).
 * Who: as for editing the entry's schedule — a person of the schedule's office or agency (the design's
 * office rule); for a meeting of someone's own calendar, its agency's clerks/leaders or its creator.
 */
export async function attachInvitation(
  ctx: Ctx,
  entryId: string,
  documentId: string | null,
): Promise<{ entryId: string; invitationDocumentId: string | null }> {
  return inTx(ctx, async (c) => {
    // Public pages and feeds of every process are rebuilt once this commits (cache bus).
    await forgetScheduleCaches(c.db);
    const [e] = await c.db
      .select()
      .from(scheduleEntries)
      .where(eq(scheduleEntries.id, entryId))
      .for('update');
    if (!e) throw notFound('Mục lịch');
    const mine = c.actor.agencyId;
    if (e.weekId) {
      const [s] = await c.db
        .select({
          agencyId: schedules.agencyId,
          officeAgencyId: schedules.officeAgencyId,
          isPublic: schedules.isPublic,
          status: scheduleWeeks.status,
        })
        .from(scheduleWeeks)
        .innerJoin(schedules, eq(schedules.id, scheduleWeeks.scheduleId))
        .where(eq(scheduleWeeks.id, e.weekId));
      if (mine !== s!.officeAgencyId && mine !== s!.agencyId) {
        // Readable by everyone once published and public; else the entry does not exist for them.
        const readable = s!.status === 'published' && (e.isPublic || s!.isPublic);
        if (!readable) throw notFound('Mục lịch');
        const office = await findAgency(c.db, s!.officeAgencyId);
        throw new AppError(
          'forbidden',
          `Chỉ ${office?.name ?? 'văn phòng của đơn vị'} mới được soạn, sửa lịch công tác này.`,
        );
      }
    } else {
      if (e.agencyId !== mine) throw notFound('Mục lịch');
      if (!seesWholeAgency(c.actor) && e.createdById !== c.actor.personId)
        throw new AppError(
          'forbidden',
          'Chỉ văn thư, lãnh đạo cơ quan hoặc người đã đưa cuộc họp vào lịch mới được sửa cuộc họp này.',
        );
    }
    if (documentId) {
      const facts = (await documentFacts(c.db, [documentId], visibleTo(c.actor))).get(documentId);
      if (!facts) throw notFound('Văn bản');
      if (facts.typeCode !== INVITATION_TYPE)
        throw unprocessable(
          `Văn bản ${facts.numberNotation ?? ''} không phải giấy mời; chỉ gắn được giấy mời vào mục lịch.`.replace(
            '  ',
            ' ',
          ),
          'documentId',
        );
    }
    await c.db
      .update(scheduleEntries)
      .set({ invitationDocumentId: documentId, updatedAt: c.now() })
      .where(eq(scheduleEntries.id, entryId));
    await audit(c.db, c.actor, {
      action: documentId ? 'portal.invitations.attach' : 'portal.invitations.detach',
      entityType: 'schedule_entry',
      entityId: entryId,
      agencyId: mine,
      detail: { documentId, previous: e.invitationDocumentId },
    });
    return { entryId, invitationDocumentId: documentId };
  });
}

import { and, asc, desc, eq, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { vnDate, vnDayEnd } from '../../../../shared/calendar/index.ts';
import type {
  DeskActions,
  DeskDossier,
  DeskList,
  DeskListQuery,
  DeskStep,
  WorkList,
} from '../../../../shared/services/desk.ts';
import { STATUS, statusLabel } from '../../../../shared/services/statuses.ts';
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { roleAllows } from '../../../platform/access/permissions.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { findAgencies } from '../../agencies/index.ts';
import { personNames } from '../../people/index.ts';
import { loadProcedure } from '../catalogue/store.ts';
import { servicesCalendar, timeliness } from '../core/clock.ts';
import { decodeKeyset } from '../core/cursor.ts';
import type { DossierRow } from '../core/transition.ts';
import {
  serviceDossierEvents,
  serviceDossierPapers,
  serviceDossierSteps,
  serviceDossiers,
  serviceLetters,
  serviceProcedures,
  serviceSupplements,
} from '../schema.ts';

/*
 * What the desk and the handling officers read: the agency's dossiers (keyset, newest first), one
 * dossier with its steps, timeline, letters and what the reader may do now, and an officer's own
 * steps. An officer only ever sees their own agency's dossiers (checked here, not in the screen).
 */

export type StepRow = typeof serviceDossierSteps.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const IN_PROGRESS: number[] = [STATUS.accepted, STATUS.processing];

/** Due by the end of the next working day (the moment to prompt the apology, Mẫu 04). */
export function dueSoonLimit(now: Date): Date {
  const cal = servicesCalendar();
  const next = cal.addWorkingDays(vnDate(now), 1);
  return new Date(vnDayEnd(next));
}

function flags(d: Pick<DossierRow, 'status' | 'dueAt'>, now: Date) {
  const running = IN_PROGRESS.includes(d.status);
  const late = running && !!d.dueAt && d.dueAt < now;
  const dueSoon = running && !late && !!d.dueAt && d.dueAt <= dueSoonLimit(now);
  return { late, dueSoon };
}

/** The dossier if it is this actor's agency's, else 404 (no hint that it exists elsewhere). */
export async function ownDossier(db: Db, actor: Actor, id: string): Promise<DossierRow> {
  const [d] = await db.select().from(serviceDossiers).where(eq(serviceDossiers.id, id));
  if (!d || d.agencyId !== actor.agencyId)
    throw new AppError('not_found', 'Không tìm thấy hồ sơ trong cơ quan của bạn.');
  return d;
}

function viewWhere(view: DeskListQuery['view'], now: Date): SQL | undefined {
  const d = serviceDossiers;
  switch (view) {
    case 'waiting':
      return eq(d.status, STATUS.new);
    case 'working':
      return inArray(d.status, IN_PROGRESS);
    case 'paused':
      return inArray(d.status, [STATUS.supplement, STATUS.payment]);
    case 'done':
      return eq(d.status, STATUS.done);
    case 'late':
      return and(inArray(d.status, IN_PROGRESS), lt(d.dueAt, now));
    case 'closed':
      return inArray(d.status, [STATUS.refused, STATUS.withdrawn, STATUS.stopped, STATUS.returned]);
    default:
      return undefined;
  }
}

/** The current (first undone) step of each dossier, with its assignee's name. */
async function currentSteps(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, { name: string; assignee: string | null }>();
  const steps = await db
    .selectDistinctOn([serviceDossierSteps.dossierId])
    .from(serviceDossierSteps)
    .where(and(inArray(serviceDossierSteps.dossierId, ids), isNull(serviceDossierSteps.doneAt)))
    .orderBy(serviceDossierSteps.dossierId, asc(serviceDossierSteps.seq));
  const names = await personNames(
    db,
    steps.map((s) => s.assigneeId).filter((x): x is string => !!x),
  );
  return new Map(
    steps.map((s) => [
      s.dossierId,
      { name: s.name, assignee: s.assigneeId ? (names.get(s.assigneeId) ?? null) : null },
    ]),
  );
}

export async function listDesk(db: Db, agencyId: string, q: DeskListQuery, now: Date): Promise<DeskList> {
  const d = serviceDossiers;
  const where: (SQL | undefined)[] = [eq(d.agencyId, agencyId), viewWhere(q.view, now)];
  if (q.q) {
    const term = q.q.trim();
    where.push(
      or(
        eq(d.code, term.toUpperCase()),
        sql`lt_norm(${d.applicantName}) LIKE '%' || lt_norm(${term}) || '%'`,
        sql`${d.code} LIKE ${`%${term.toUpperCase().replace(/[%_]/g, '')}`}`,
      ),
    );
  }
  const after = decodeKeyset(q.cursor, { instant: true });
  if (after) where.push(sql`(${d.submittedAt}, ${d.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
  const rows = await db
    .select({ d, procedureName: serviceProcedures.name })
    .from(d)
    .innerJoin(serviceProcedures, eq(serviceProcedures.id, d.procedureId))
    .where(and(...where))
    .orderBy(desc(d.submittedAt), desc(d.id))
    .limit(q.limit + 1);
  const page = paginate(rows, q.limit, (r) => [r.d.submittedAt.toISOString(), r.d.id]);
  const steps = await currentSteps(
    db,
    page.items.map((r) => r.d.id),
  );
  return {
    items: page.items.map(({ d: x, procedureName }) => ({
      id: x.id,
      code: x.code,
      procedureName,
      applicantName: x.applicantName,
      channel: x.channel,
      status: x.status,
      statusLabel: statusLabel(x.status),
      submittedAt: x.submittedAt.toISOString(),
      dueAt: iso(x.dueAt),
      ...flags(x, now),
      currentStep: IN_PROGRESS.includes(x.status) ? (steps.get(x.id)?.name ?? null) : null,
      currentAssignee: IN_PROGRESS.includes(x.status) ? (steps.get(x.id)?.assignee ?? null) : null,
    })),
    nextCursor: page.nextCursor,
  };
}

export async function stepsOf(db: Db, dossierId: string): Promise<StepRow[]> {
  return db
    .select()
    .from(serviceDossierSteps)
    .where(eq(serviceDossierSteps.dossierId, dossierId))
    .orderBy(asc(serviceDossierSteps.seq));
}

/** The first step not done yet (steps are done in order), or null when all are. */
export function nextStep(steps: StepRow[]): StepRow | null {
  return steps.find((s) => !s.doneAt) ?? null;
}

/** Every step but the return is done: the result can be recorded. */
export function workDone(steps: StepRow[]): boolean {
  return steps.length > 0 && steps.every((s) => s.doneAt || s.kind === 'return');
}

export function actionsFor(d: DossierRow, steps: StepRow[], actor: Actor, now: Date): DeskActions {
  const desk = !!actor.role && roleAllows(actor.role, 'services.desk');
  const running = IN_PROGRESS.includes(d.status);
  const next = nextStep(steps);
  const mine =
    next && next.assigneeId === actor.personId && next.handedAt && next.kind !== 'return' ? next.id : null;
  return {
    accept: desk && d.status === STATUS.new,
    refuse: desk && d.status === STATUS.new,
    supplement: desk && (d.status === STATUS.new || running),
    hand:
      running &&
      !!next &&
      next.kind !== 'return' &&
      !next.doneAt &&
      (desk || steps.filter((s) => s.seq < next.seq).at(-1)?.doneBy === actor.personId),
    doneStepId: running ? mine : null,
    result: desk && running && workDone(steps),
    return: desk && d.status === STATUS.done,
    fee: desk && d.status !== STATUS.refused && d.status !== STATUS.returned && !d.feePaidAt,
    apology: desk && running && !!d.dueAt && d.dueAt >= now,
    stop: desk && (running || d.status === STATUS.supplement),
  };
}

export async function deskView(db: Db, d: DossierRow, actor: Actor, now: Date): Promise<DeskDossier> {
  const [p, steps, events, letters, papers, [open]] = await Promise.all([
    loadProcedure(db, { id: d.procedureId }, d.procedureVersion),
    stepsOf(db, d.id),
    db
      .select()
      .from(serviceDossierEvents)
      .where(eq(serviceDossierEvents.dossierId, d.id))
      .orderBy(asc(serviceDossierEvents.id)),
    db
      .select()
      .from(serviceLetters)
      .where(eq(serviceLetters.dossierId, d.id))
      .orderBy(asc(serviceLetters.createdAt)),
    db
      .select()
      .from(serviceDossierPapers)
      .where(eq(serviceDossierPapers.dossierId, d.id))
      .orderBy(asc(serviceDossierPapers.createdAt), asc(serviceDossierPapers.id)),
    db
      .select()
      .from(serviceSupplements)
      .where(and(eq(serviceSupplements.dossierId, d.id), isNull(serviceSupplements.answeredAt))),
  ]);
  const personIds = [
    ...steps.flatMap((s) => [s.assigneeId, s.handedBy, s.doneBy]),
    ...events.map((e) => e.actorId),
  ].filter((x): x is string => !!x);
  const [names, divisions] = await Promise.all([
    personNames(db, personIds),
    findAgencies(
      db,
      steps.map((s) => s.divisionId).filter((x): x is string => !!x),
    ),
  ]);
  const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const paperName = new Map(p.content.papers.map((x) => [x.key, x.name]));
  const stepView = (s: StepRow): DeskStep => ({
    id: s.id,
    seq: s.seq,
    name: s.name,
    kind: s.kind,
    budgetDays: s.budgetDays,
    divisionId: s.divisionId,
    divisionName: s.divisionId ? (divisions.get(s.divisionId)?.name ?? null) : null,
    assigneeId: s.assigneeId,
    assigneeName: name(s.assigneeId),
    handedAt: iso(s.handedAt),
    handedByName: name(s.handedBy),
    dueAt: iso(s.dueAt),
    doneAt: iso(s.doneAt),
    doneByName: name(s.doneBy),
    result: s.result,
    note: s.note,
    timeliness: s.doneAt && s.dueAt ? timeliness(s.doneAt, s.dueAt) : null,
  });
  return {
    id: d.id,
    code: d.code,
    agencyId: d.agencyId,
    procedure: { id: p.procedure.id, code: p.procedure.code, name: p.content.name, version: p.version },
    channel: d.channel,
    onlineLevel: d.onlineLevel,
    status: d.status,
    statusLabel: statusLabel(d.status),
    applicant: {
      kind: d.applicantKind,
      name: d.applicantName,
      idNumber: d.applicantIdNumber,
      email: d.applicantEmail,
      phone: d.applicantPhone,
      address: d.applicantAddress,
    },
    form: (d.formData ?? {}) as Record<string, unknown>,
    formSchema: p.content.form,
    papers: papers.map((x) => ({
      id: x.id,
      paperKey: x.paperKey,
      paperName:
        paperName.get(x.paperKey) ?? (x.paperKey === 'bo-sung' ? 'Giấy tờ bổ sung khác' : x.paperKey),
      fileName: x.fileName,
      mediaType: x.mediaType,
      size: x.size,
      supplement: !!x.supplementId,
    })),
    requiredPapers: p.content.papers.map((x) => ({
      key: x.key,
      name: x.name,
      originals: x.originals,
      copies: x.copies,
    })),
    submittedAt: d.submittedAt.toISOString(),
    acceptedAt: iso(d.acceptedAt),
    dueAt: iso(d.dueAt),
    originalDueAt: iso(d.originalDueAt),
    pausedAt: iso(d.pausedAt),
    finishedAt: iso(d.finishedAt),
    returnedAt: iso(d.returnedAt),
    returnMethod: d.returnMethod,
    result:
      d.resultBlob || d.resultDocumentId
        ? { fileName: d.resultFileName, documentId: d.resultDocumentId }
        : null,
    fee: { amount: d.feeAmount, paidAt: iso(d.feePaidAt), receipt: d.feeReceipt },
    rating: d.rating,
    ratingComment: d.ratingComment,
    ...flags(d, now),
    steps: steps.map(stepView),
    events: events.map((e) => ({
      at: e.at.toISOString(),
      kind: e.kind,
      statusTo: e.statusTo,
      statusLabel: e.statusTo ? statusLabel(e.statusTo) : null,
      actorName: name(e.actorId),
      byApplicant: e.byApplicant,
      publicNote: e.publicNote,
      internalNote: e.internalNote,
    })),
    letters: letters.map((l) => ({
      id: l.id,
      form: l.form as 'supplement' | 'refusal' | 'apology' | 'stop',
      reason: l.reason,
      previousDueAt: iso(l.previousDueAt),
      newDueAt: iso(l.newDueAt),
      createdAt: l.createdAt.toISOString(),
    })),
    openSupplement: open
      ? {
          id: open.id,
          reason: open.reason,
          requestedAt: open.requestedAt.toISOString(),
          items: open.items as { paperKey?: string; name: string; originals: number; copies: number }[],
        }
      : null,
    actions: actionsFor(d, steps, actor, now),
  };
}

/** The steps handed to this person and not done yet, the most urgent first (keyset on due, id). */
export async function listWork(
  db: Db,
  personId: string,
  q: { cursor?: string; limit: number },
  now: Date,
): Promise<WorkList> {
  const s = serviceDossierSteps;
  const where: (SQL | undefined)[] = [
    eq(s.assigneeId, personId),
    isNull(s.doneAt),
    inArray(serviceDossiers.status, IN_PROGRESS),
  ];
  const after = decodeKeyset(q.cursor, { instant: true });
  if (after) where.push(sql`(${s.dueAt}, ${s.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)`);
  const rows = await db
    .select({
      s,
      code: serviceDossiers.code,
      dossierDueAt: serviceDossiers.dueAt,
      procedureName: serviceProcedures.name,
    })
    .from(s)
    .innerJoin(serviceDossiers, eq(serviceDossiers.id, s.dossierId))
    .innerJoin(serviceProcedures, eq(serviceProcedures.id, serviceDossiers.procedureId))
    .where(and(...where))
    .orderBy(asc(s.dueAt), asc(s.id))
    .limit(q.limit + 1);
  const page = paginate(rows, q.limit, (r) => [r.s.dueAt?.toISOString() ?? '9999-12-31T00:00:00Z', r.s.id]);
  return {
    items: page.items.map((r) => ({
      stepId: r.s.id,
      dossierId: r.s.dossierId,
      code: r.code,
      procedureName: r.procedureName,
      stepName: r.s.name,
      stepKind: r.s.kind,
      handedAt: iso(r.s.handedAt),
      dueAt: iso(r.s.dueAt),
      dossierDueAt: iso(r.dossierDueAt),
      late: !!r.s.dueAt && r.s.dueAt < now,
    })),
    nextCursor: page.nextCursor,
  };
}

/** One paper of a dossier (the caller checked the dossier is the actor's agency's). */
export async function paperOf(db: Db, dossierId: string, paperId: string) {
  const [p] = await db
    .select()
    .from(serviceDossierPapers)
    .where(and(eq(serviceDossierPapers.dossierId, dossierId), eq(serviceDossierPapers.id, paperId)));
  return p ?? null;
}

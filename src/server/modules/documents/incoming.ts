import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { divisionAssignments, handlingAssignments } from '../../../shared/documents/workflow.ts';
import type { DirectInput, IncomingInput } from '../../../shared/schemas/documents.ts';
import { hotRows, rows } from '../../db/client.ts';
import { appendAuditSql } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findAgency, snapshot } from '../agencies/index.ts';
import { activePositions, divisionHolders } from '../people/index.ts';
import { enqueuePdfVerification } from '../signatures/index.ts';
import {
  addEvent,
  addReaders,
  attachFiles,
  auditDoc,
  type DocumentRow,
  loadVisible,
  tell,
} from './common.ts';
import { setDeliveryStatus } from './delivery.ts';
import { numberSql, registerFor, takeNumber, vnYear } from './registers.ts';
import { assignments, documents } from './schema.ts';
import { assertAllowed, assignmentsOf } from './workflow.ts';

/** A person holding a position in the agency (optionally with one of these roles), or a validation error. */
export async function assertColleague(ctx: Ctx, personId: string, roles?: string[]) {
  const pos = await activePositions(ctx.db, [personId]);
  const here = pos.filter((p) => p.agencyId === ctx.actor.agencyId && (!roles || roles.includes(p.role)));
  if (here.length === 0)
    throw new AppError(
      'validation_failed',
      'Người được chọn không thuộc cơ quan hoặc không có vai trò phù hợp.',
    );
  return here[0]!;
}

async function assertOwnDivision(ctx: Ctx, divisionId: string) {
  const d = await findAgency(ctx.db, divisionId);
  if (!d || d.parentId !== ctx.actor.agencyId || d.kind !== 'division' || d.status !== 'active') {
    throw new AppError('validation_failed', 'Phòng được chọn không thuộc cơ quan.');
  }
  return d;
}

interface DuplicateKey {
  numberNotation: string | null;
  issuedDate: string | null;
  issuerName: string | null;
  excludeId?: string;
}

/** Documents already registered with the same issuer, number/notation and date (the clerk is warned). */
export async function findDuplicates(ctx: Ctx, d: DuplicateKey) {
  if (!d.numberNotation) return [];
  return rows<{ id: string; arrival_number: number | null; arrived_at: Date | null }>(
    ctx.db,
    duplicatesSql(ctx, d),
  );
}

function duplicatesSql(ctx: Ctx, d: DuplicateKey) {
  if (!d.numberNotation) return sql`SELECT NULL::uuid AS id, NULL::int AS arrival_number WHERE false`;
  return sql`SELECT id, arrival_number, arrived_at FROM documents
       WHERE agency_id = ${ctx.actor.agencyId} AND direction = 'incoming' AND status NOT IN ('pending', 'refused', 'cancelled')
         AND number_notation = ${d.numberNotation} AND issued_date IS NOT DISTINCT FROM ${d.issuedDate}::date
         AND lt_norm(coalesce(issuer_name, '')) = lt_norm(${d.issuerName ?? ''})
         ${d.excludeId ? sql`AND id <> ${d.excludeId}` : sql``}
       LIMIT 5`;
}

function duplicateError(dups: { id: string; arrival_number: number | null }[]) {
  return new AppError(
    'duplicate',
    `Văn bản này có thể đã được đăng ký (số đến ${dups.map((x) => x.arrival_number).join(', ')}). Kiểm tra lại, hoặc xác nhận vẫn đăng ký.`,
    {
      extra: { duplicates: dups.map((x) => ({ id: x.id, arrivalNumber: x.arrival_number })) },
    },
  );
}

/** Gives the arrival number (số đến) and time, shared by paper and electronic arrivals (Art. 22.2). */
async function giveArrivalNumber(ctx: Ctx, documentId: string) {
  const now = ctx.now();
  const year = vnYear(now);
  const { registerId, number: n } = await takeNumber(ctx.db, ctx.actor.agencyId!, 'incoming', year);
  await ctx.db
    .update(documents)
    .set({ registerId, registerYear: year, arrivalNumber: n, arrivedAt: now })
    .where(eq(documents.id, documentId));
  return n;
}

async function submit(
  ctx: Ctx,
  doc: Pick<DocumentRow, 'id' | 'agencyId' | 'summary' | 'source'>,
  leaderId: string,
) {
  await assertColleague(ctx, leaderId, ['agency_leader', 'division_head']);
  await ctx.db
    .update(documents)
    .set({ status: 'submitted', holderId: leaderId, updatedAt: ctx.now() })
    .where(eq(documents.id, doc.id));
  await addReaders(ctx.db, doc.id, [leaderId]);
  await addEvent(ctx.db, ctx.actor, doc.id, 'submitted', null, { to: leaderId });
  await tell(ctx.db, [leaderId], 'submitted', 'Văn bản đến chờ ý kiến chỉ đạo', doc);
  // A document that came from another installation: its sender hears "waiting for assignment" (04).
  if (doc.source === 'edxml') await ctx.hooks.outsideExchange?.incomingStatus(ctx, doc.id, 'submitted');
}

/**
 * Registers a paper (or scanned) incoming document. The hot path of a clerk's day, so it is one
 * prepared statement: the duplicate check, the arrival number, the row, its first reader, the
 * "registered" event and the audit row; files and a submission to a leader follow it in the same
 * transaction. (Sixteen round trips before: bench/README.md, finding 3.) The mail module passes
 * source 'email' for a document that came into the agency's official mailbox.
 */
export async function registerIncoming(
  ctx: Ctx,
  input: IncomingInput,
  opts: { source?: 'paper' | 'email' } = {},
) {
  // A paper document is registered by whoever registers an electronic one (Art. 22).
  assertAllowed(ctx, 'register');
  // With no files and no submission the registration is one statement, atomic by itself: it needs no
  // BEGIN and COMMIT around it (one round trip to the database instead of four).
  const alone = input.files.length === 0 && !input.submitToId;
  const run = async (c: Ctx) => {
    const issuer = input.issuerAgencyId ? await snapshot(c.db, input.issuerAgencyId) : null;
    const issuerName = issuer?.name ?? input.issuerName ?? null;
    const agencyId = c.actor.agencyId!;
    const personId = c.actor.personId;
    const now = c.now();
    const year = vnYear(now);
    const id = uuidv7();
    const source = opts.source ?? 'paper';
    const dup = input.allowDuplicate
      ? duplicatesSql(c, { numberNotation: null, issuedDate: null, issuerName: null })
      : duplicatesSql(c, { numberNotation: input.numberNotation, issuedDate: input.issuedDate, issuerName });
    const entry = {
      action: 'document.register',
      entityType: 'document',
      entityId: id,
      agencyId,
      // The arrival number is given inside the statement; the audit row names the document, whose
      // number never changes, and the document's 'registered' event records it.
      detail: { secrecy: input.secrecy },
    };
    // The number is taken only when there is no duplicate; every write hangs off it (no number, no
    // row), and the register's counter is taken before the agency's audit chain, as on every path, so
    // two registrations cannot deadlock. The row is numbered in the INSERT itself.
    const register = () =>
      hotRows<{ dups: { id: string; arrival_number: number | null }[] | null; number: number | null }>(
        c.db,
        sql`WITH dup AS (${dup}),
             num AS (${numberSql(agencyId, 'incoming', year, false, sql`NOT EXISTS (SELECT 1 FROM dup)`)}),
             d AS (INSERT INTO documents (id, agency_id, direction, status, type_code, summary, number_notation,
                     issued_date, issuer_agency_id, issuer_name, issuer_code, signer_name, signer_title, secrecy,
                     urgency, page_count, due_date, source, created_by_id, register_id, register_year,
                     arrival_number, arrived_at)
                   SELECT ${id}::uuid, ${agencyId}::uuid, 'incoming', 'registered', ${input.typeCode},
                     ${input.summary}, ${input.numberNotation}, ${input.issuedDate}::date, ${issuer?.id ?? null}::uuid,
                     ${issuerName}, ${issuer?.agencyCode ?? null}, ${input.signerName ?? null},
                     ${input.signerTitle ?? null}, ${input.secrecy}, ${input.urgency}, ${input.pageCount ?? null}::int,
                     ${input.dueDate ?? null}::date, ${source}, ${personId}::uuid, register_id, ${year}::int,
                     last_number, ${now.toISOString()}::timestamptz
                   FROM num),
             r AS (INSERT INTO document_readers (document_id, person_id) SELECT ${id}::uuid, ${personId}::uuid FROM num),
             e AS (INSERT INTO document_events (id, document_id, actor_id, actor_name, kind, data)
                   SELECT ${uuidv7()}::uuid, ${id}::uuid, ${personId}::uuid, ${c.actor.fullName}, 'registered',
                          jsonb_build_object('arrivalNumber', last_number)
                   FROM num),
             ${appendAuditSql(c.actor, entry, sql`num`)}
        SELECT (SELECT json_agg(dup) FROM dup) AS dups, (SELECT last_number FROM num) AS number`,
      );
    let [got] = await register();
    if (got?.dups?.length) throw duplicateError(got.dups);
    if (got?.number == null) {
      await registerFor(c.db, agencyId, 'incoming'); // the agency's first incoming document
      [got] = await register();
    }
    await attachFiles(c, id, input.files);
    // The files' digital signatures are verified by a job of the same transaction (signatures module).
    await enqueuePdfVerification(c.db, input.files);
    if (input.submitToId) await submit(c, { id, agencyId, summary: input.summary, source }, input.submitToId);
    return { id, arrivalNumber: got!.number! };
  };
  return alone ? run(ctx) : inTx(ctx, run);
}

/** Registers a document that arrived electronically from another agency (pending → registered). */
export async function registerArrived(
  ctx: Ctx,
  id: string,
  input: { submitToId?: string | null; dueDate?: string | null; allowDuplicate: boolean },
) {
  assertAllowed(ctx, 'register');
  return inTx(ctx, async (c) => {
    const doc = await loadVisible(c, id, { forUpdate: true });
    assertAllowed(c, 'register', doc);
    if (!input.allowDuplicate) {
      const dups = await findDuplicates(c, { ...doc, excludeId: doc.id });
      if (dups.length) throw duplicateError(dups);
    }
    await c.db
      .update(documents)
      .set({ status: 'registered', dueDate: input.dueDate ?? doc.dueDate, updatedAt: c.now() })
      .where(eq(documents.id, id));
    const n = await giveArrivalNumber(c, id);
    await addReaders(c.db, id, [c.actor.personId]);
    await addEvent(c.db, c.actor, id, 'registered', null, { arrivalNumber: n });
    // The sender hears "registered" before "waiting for assignment".
    await setDeliveryStatus(c, doc, 'registered');
    if (input.submitToId) await submit(c, doc, input.submitToId);
    await auditDoc(c, doc, 'register', { arrivalNumber: n, electronic: true });
    return { id, arrivalNumber: n };
  });
}

export async function submitToLeader(ctx: Ctx, id: string, leaderId: string) {
  assertAllowed(ctx, 'submit');
  return inTx(ctx, async (c) => {
    const doc = await loadVisible(c, id, { forUpdate: true });
    assertAllowed(c, 'submit', doc);
    await submit(c, doc, leaderId);
    await auditDoc(c, doc, 'submit', { to: leaderId });
  });
}

/**
 * Refuses an electronically received document (no file attached, or a file failing its check), with
 * a reason that goes back to the sender (the directive lets clerks refuse such documents).
 */
export async function refuse(ctx: Ctx, id: string, reason: string) {
  assertAllowed(ctx, 'refuse');
  return inTx(ctx, async (c) => {
    const doc = await loadVisible(c, id, { forUpdate: true });
    assertAllowed(c, 'refuse', doc);
    await c.db
      .update(documents)
      .set({ status: 'refused', refusalReason: reason, holderId: null, updatedAt: c.now() })
      .where(eq(documents.id, id));
    await addEvent(c.db, c.actor, id, 'refused', reason);
    await setDeliveryStatus(c, doc, 'refused', reason);
    await auditDoc(c, doc, 'refuse', { reason });
  });
}

/** A leader overrides a refusal for urgent handling: the document is registered after all. */
export async function overrideRefusal(ctx: Ctx, id: string, reason: string) {
  assertAllowed(ctx, 'override');
  return inTx(ctx, async (c) => {
    const doc = await loadVisible(c, id, { forUpdate: true });
    assertAllowed(c, 'override', doc);
    await c.db
      .update(documents)
      .set({ status: 'registered', refusalReason: null, updatedAt: c.now() })
      .where(eq(documents.id, id));
    const n = await giveArrivalNumber(c, id);
    await addReaders(c.db, id, [c.actor.personId]);
    await addEvent(c.db, c.actor, id, 'override', reason, { arrivalNumber: n });
    await setDeliveryStatus(c, doc, 'registered', 'Tiếp nhận theo ý kiến lãnh đạo (xử lý khẩn)');
    await auditDoc(c, doc, 'override_refusal', { reason, arrivalNumber: n });
    return { id, arrivalNumber: n };
  });
}

/** The leader's direction: lead, co-handlers and for-information recipients with a due date. */
export async function direct(ctx: Ctx, id: string, input: DirectInput) {
  assertAllowed(ctx, 'direct');
  return inTx(ctx, async (c) => {
    const doc = await loadVisible(c, id, { forUpdate: true });
    assertAllowed(c, 'direct', doc);
    const all = [
      { ...input.lead, role: 'lead' as const },
      ...input.coHandlers.map((h) => ({ ...h, role: 'co' as const })),
      ...input.forInfo.map((h) => ({ ...h, role: 'info' as const })),
    ];
    const people: string[] = [];
    for (const h of all) {
      if (h.divisionId) await assertOwnDivision(c, h.divisionId);
      if (h.personId) {
        await assertColleague(c, h.personId);
        people.push(h.personId);
      }
    }
    // A new direction replaces the open assignments of an earlier one.
    await c.db.delete(assignments).where(and(eq(assignments.documentId, id), eq(assignments.status, 'open')));
    for (const h of all) {
      await c.db.insert(assignments).values({
        documentId: id,
        role: h.role,
        divisionId: h.divisionId ?? null,
        personId: h.personId ?? null,
        dueDate: h.role === 'info' ? null : (input.dueDate ?? null),
        assignedById: c.actor.personId,
      });
    }
    // Secret documents: the division heads of assigned divisions are named too.
    const heads = await divisionHeads(
      c,
      all
        .filter((h) => h.role !== 'info')
        .map((h) => h.divisionId)
        .filter((x): x is string => !!x),
    );
    if (doc.secrecy !== 'normal') people.push(...heads);
    await addReaders(c.db, id, [c.actor.personId, ...people]);
    await tell(c.db, [...people, ...heads], 'assigned', 'Văn bản được giao xử lý', doc);
    await c.db
      .update(documents)
      .set({
        status: 'assigned',
        holderId: null,
        dueDate: input.dueDate ?? doc.dueDate,
        directionNote: input.direction || null,
        updatedAt: c.now(),
      })
      .where(eq(documents.id, id));
    await addEvent(c.db, c.actor, id, 'directed', input.direction || null, {
      lead: input.lead,
      coHandlers: input.coHandlers,
      forInfo: input.forInfo,
      dueDate: input.dueDate ?? null,
    });
    await setDeliveryStatus(c, doc, 'assigned');
    await auditDoc(c, doc, 'direct', { handlers: all.length });
  });
}

async function divisionHeads(ctx: Ctx, divisionIds: string[]) {
  return divisionHolders(ctx.db, divisionIds, 'division_head');
}

/** The lead division's head passes the work to a person of the division. */
export async function reassign(
  ctx: Ctx,
  id: string,
  input: { personId: string; dueDate?: string | null; note?: string },
) {
  assertAllowed(ctx, 'reassign');
  return inTx(ctx, async (c) => {
    const doc = await loadVisible(c, id, { forUpdate: true });
    const asg = await assignmentsOf(c.db, id);
    assertAllowed(c, 'reassign', doc, asg);
    const mine = divisionAssignments(c.actor, asg)[0]!;
    const pos = await assertColleague(c, input.personId);
    if (pos.divisionId !== c.actor.divisionId)
      throw new AppError('validation_failed', 'Chỉ giao được cho người trong phòng của bạn.');
    await c.db.insert(assignments).values({
      documentId: id,
      role: mine.role,
      personId: input.personId,
      dueDate: input.dueDate ?? mine.dueDate,
      assignedById: c.actor.personId,
      parentId: mine.id,
    });
    await addReaders(c.db, id, [input.personId]);
    await tell(c.db, [input.personId], 'assigned', 'Văn bản được giao xử lý', doc);
    await addEvent(c.db, c.actor, id, 'reassigned', input.note ?? null, {
      personId: input.personId,
      dueDate: input.dueDate ?? mine.dueDate,
    });
    await auditDoc(c, doc, 'reassign', { personId: input.personId });
  });
}

/** A handler records progress, attaches results, and may mark their part done. */
export async function progress(
  ctx: Ctx,
  id: string,
  input: {
    note: string;
    files: { sha256: string; fileName: string; role: 'main' | 'attachment' | 'result' }[];
    done: boolean;
  },
) {
  return inTx(ctx, async (c) => {
    const doc = await loadVisible(c, id, { forUpdate: true });
    const asg = await assignmentsOf(c.db, id);
    assertAllowed(c, 'progress', doc, asg);
    const mine = handlingAssignments(c.actor, asg);
    await attachFiles(
      c,
      id,
      input.files.map((f) => ({ ...f, role: 'result' as const })),
    );
    if (input.done) {
      await c.db
        .update(assignments)
        .set({ status: 'done', doneAt: c.now() })
        .where(sql`id IN ${mine.map((m) => m.id)}`);
    }
    await addEvent(c.db, c.actor, id, input.done ? 'handled' : 'progress', input.note, {
      files: input.files.length,
    });
    await auditDoc(c, doc, input.done ? 'handled' : 'progress');
  });
}

/** The lead closes the handling of the document (its result is recorded). */
export async function close(ctx: Ctx, id: string, note: string) {
  return inTx(ctx, async (c) => {
    const doc = await loadVisible(c, id, { forUpdate: true });
    assertAllowed(c, 'close', doc, await assignmentsOf(c.db, id));
    await c.db
      .update(assignments)
      .set({ status: 'done', doneAt: c.now() })
      .where(and(eq(assignments.documentId, id), eq(assignments.status, 'open')));
    await c.db.update(documents).set({ status: 'done', updatedAt: c.now() }).where(eq(documents.id, id));
    await addEvent(c.db, c.actor, id, 'closed', note);
    await setDeliveryStatus(c, doc, 'done');
    await auditDoc(c, doc, 'close');
  });
}

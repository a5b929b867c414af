import { and, eq, isNull, sql } from 'drizzle-orm';
import { formatViDate, vnDate, vnDayEnd } from '../../../../shared/calendar/index.ts';
import type { SupplementInput } from '../../../../shared/services/desk.ts';
import { STATUS, statusLabel } from '../../../../shared/services/statuses.ts';
import type { Db } from '../../../db/client.ts';
import { roleAllows } from '../../../platform/access/permissions.ts';
import { audit } from '../../../platform/audit/index.ts';
import { findBlob } from '../../../platform/blobs/index.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { queueOutsideMail } from '../../mail/index.ts';
import { notify } from '../../notifications/index.ts';
import { staffOf } from '../../people/index.ts';
import { loadProcedure } from '../catalogue/store.ts';
import { dueAfter, servicesCalendar } from '../core/clock.ts';
import { type DossierRow, lockDossier, moveDossier, recordEvent } from '../core/transition.ts';
import { serviceDossierSteps, serviceDossiers, serviceLetters, serviceSupplements } from '../schema.ts';
import { nextStep, stepsOf, workDone } from './view.ts';

/*
 * What the desk and the officers do to a dossier. Each action locks the dossier, checks that it is the
 * actor's agency's and that its status allows the action (a Vietnamese 409 naming the status when
 * not), writes the change, its timeline row (the applicant's notice goes with a status change) and the
 * audit row, all in one transaction: a refused action changes nothing.
 */

const IN_PROGRESS: number[] = [STATUS.accepted, STATUS.processing];
const day = (d: Date) => formatViDate(vnDate(d));

async function locked(tx: Db, ctx: Ctx, id: string): Promise<DossierRow> {
  const d = await lockDossier(tx, id).catch(() => null);
  if (!d || d.agencyId !== ctx.actor.agencyId)
    throw new AppError('not_found', 'Không tìm thấy hồ sơ trong cơ quan của bạn.');
  return d;
}

const deskRole = (ctx: Ctx) => !!ctx.actor.role && roleAllows(ctx.actor.role, 'services.desk');

function needStatus(d: DossierRow, allowed: number[], what: string) {
  if (!allowed.includes(d.status))
    throw new AppError('conflict', `Hồ sơ đang ở trạng thái "${statusLabel(d.status)}", không thể ${what}.`);
}

async function act<T>(
  ctx: Ctx,
  id: string,
  action: string,
  fn: (tx: Db, d: DossierRow) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    const d = await locked(tx, ctx, id);
    const out = await fn(tx, d);
    await audit(tx, ctx.actor, {
      action: `services.dossier.${action}`,
      entityType: 'service_dossier',
      entityId: d.id,
      detail: { code: d.code },
    });
    return out;
  });
}

/**
 * Accepts a dossier (status 2): the legal clock starts from now (the promise is counted again from the
 * acceptance), and the procedure version's steps become the dossier's steps, the desk's own reception
 * step done at once.
 */
export async function acceptDossier(ctx: Ctx, id: string): Promise<void> {
  await act(ctx, id, 'accept', async (tx, d) => {
    needStatus(d, [STATUS.new], 'tiếp nhận');
    await startSteps(tx, ctx, d);
  });
}

export async function startSteps(tx: Db, ctx: Ctx, d: DossierRow): Promise<DossierRow> {
  const now = ctx.now();
  const p = await loadProcedure(tx, { id: d.procedureId }, d.procedureVersion);
  const due = dueAfter(servicesCalendar(), now, p.content.processingDays);
  await tx.insert(serviceDossierSteps).values(
    p.content.steps.map((s, seq) => {
      const desk = s.kind === 'desk';
      return {
        dossierId: d.id,
        seq,
        name: s.name,
        kind: s.kind,
        budgetDays: String(s.budgetDays),
        assigneeId: desk ? ctx.actor.personId : null,
        handedAt: desk ? now : null,
        handedBy: desk ? ctx.actor.personId : null,
        dueAt: desk ? dueAfter(servicesCalendar(), now, 0) : null,
        doneAt: desk ? now : null,
        doneBy: desk ? ctx.actor.personId : null,
        result: desk ? 'Đã tiếp nhận hồ sơ' : null,
      };
    }),
  );
  return moveDossier(
    tx,
    d,
    STATUS.accepted,
    {
      kind: 'accepted',
      actorId: ctx.actor.personId,
      at: ctx.now(),
      publicNote: `Hồ sơ được tiếp nhận. Ngày hẹn trả kết quả: ${day(due)}.`,
    },
    { acceptedAt: now, dueAt: due, originalDueAt: due, receivedBy: ctx.actor.personId },
  );
}

/** Mẫu 03: the desk refuses a dossier it has not accepted, with the reason (never an error code). */
export async function refuseDossier(ctx: Ctx, id: string, reason: string): Promise<void> {
  await act(ctx, id, 'refuse', async (tx, d) => {
    needStatus(d, [STATUS.new], 'từ chối tiếp nhận');
    await tx
      .insert(serviceLetters)
      .values({ dossierId: d.id, form: 'refusal', reason, createdBy: ctx.actor.personId, sentAt: ctx.now() });
    await moveDossier(
      tx,
      d,
      STATUS.refused,
      {
        kind: 'refused',
        actorId: ctx.actor.personId,
        at: ctx.now(),
        publicNote: `Hồ sơ không được tiếp nhận. Lý do: ${reason}`,
      },
      { finishedAt: null },
    );
  });
}

/**
 * Mẫu 02: the exact papers missing. The clock stops (status 5, `paused_at`) until the applicant answers
 * online (applicants/dossiers.ts answerSupplement moves the due date by the days it stood still).
 */
export async function requestSupplement(ctx: Ctx, id: string, input: SupplementInput): Promise<void> {
  await act(ctx, id, 'supplement', async (tx, d) => {
    needStatus(d, [STATUS.new, ...IN_PROGRESS], 'yêu cầu bổ sung');
    const [open] = await tx
      .select({ id: serviceSupplements.id })
      .from(serviceSupplements)
      .where(and(eq(serviceSupplements.dossierId, d.id), isNull(serviceSupplements.answeredAt)));
    if (open) throw new AppError('conflict', 'Hồ sơ đang có một yêu cầu bổ sung chưa được trả lời.');
    await tx
      .insert(serviceSupplements)
      .values({ dossierId: d.id, items: input.items, reason: input.reason, requestedBy: ctx.actor.personId });
    await tx.insert(serviceLetters).values({
      dossierId: d.id,
      form: 'supplement',
      reason: input.reason,
      createdBy: ctx.actor.personId,
      sentAt: ctx.now(),
    });
    const list = input.items.map((x, i) => `${i + 1}. ${x.name}${x.note ? ` (${x.note})` : ''}`).join('\n');
    await moveDossier(
      tx,
      d,
      STATUS.supplement,
      {
        kind: 'supplement_requested',
        actorId: ctx.actor.personId,
        at: ctx.now(),
        publicNote: `Đề nghị bổ sung, hoàn thiện hồ sơ. Lý do: ${input.reason}\nGiấy tờ cần bổ sung:\n${list}`,
      },
      { pausedAt: ctx.now() },
    );
  });
}

/** Hands the next step to an officer of the agency (with its division) and starts its time budget. */
export async function handStep(
  ctx: Ctx,
  id: string,
  stepId: string,
  input: { assigneeId: string; note?: string },
): Promise<void> {
  await act(ctx, id, 'hand', async (tx, d) => {
    needStatus(d, IN_PROGRESS, 'chuyển xử lý');
    const steps = await stepsOf(tx, d.id);
    const next = nextStep(steps);
    const step = steps.find((s) => s.id === stepId);
    if (!step) throw new AppError('not_found', 'Không có bước xử lý này trong hồ sơ.');
    if (step.doneAt) throw new AppError('conflict', `Bước "${step.name}" đã xong.`);
    if (next?.id !== step.id)
      throw new AppError(
        'conflict',
        `Chưa thể chuyển bước "${step.name}": bước "${next?.name ?? ''}" chưa xong.`,
      );
    if (step.kind === 'return')
      throw new AppError('conflict', 'Bước trả kết quả do bộ phận một cửa thực hiện.');
    // The desk hands work over, or the officer who has just finished the step before passes it on.
    const before = steps.filter((x) => x.seq < step.seq).at(-1);
    if (!deskRole(ctx) && before?.doneBy !== ctx.actor.personId)
      throw new AppError(
        'forbidden',
        'Chỉ bộ phận một cửa hoặc người vừa xử lý bước trước mới chuyển được bước này.',
      );
    const staff = (
      await staffOf(tx, d.agencyId, ['clerk', 'officer', 'division_head', 'agency_leader'])
    ).find((p) => p.id === input.assigneeId);
    if (!staff)
      throw new AppError('validation_failed', 'Người được giao không thuộc cơ quan giải quyết hồ sơ.', {
        fields: [{ path: 'body.assigneeId', message: 'Người được giao không thuộc cơ quan.' }],
      });
    if (step.kind === 'approve' && staff.role !== 'agency_leader' && staff.role !== 'division_head')
      throw new AppError('validation_failed', 'Bước phê duyệt phải giao cho lãnh đạo.', {
        fields: [{ path: 'body.assigneeId', message: 'Vui lòng chọn lãnh đạo cơ quan hoặc lãnh đạo phòng.' }],
      });
    const now = ctx.now();
    await tx
      .update(serviceDossierSteps)
      .set({
        assigneeId: staff.id,
        divisionId: staff.divisionId,
        handedAt: now,
        handedBy: ctx.actor.personId,
        dueAt: dueAfter(servicesCalendar(), now, Number(step.budgetDays)),
        note: input.note ?? null,
      })
      .where(eq(serviceDossierSteps.id, step.id));
    // The officer hears of it at once (and by mail, per their preference), with the step's due day.
    await notify(tx, [staff.id], {
      kind: 'services.step',
      title: `Hồ sơ ${d.code}: ${step.name}`,
      body: `Hạn hoàn thành bước: ${day(dueAfter(servicesCalendar(), now, Number(step.budgetDays)))}.`,
      link: `/mot-cua/ho-so/${d.id}`,
      dedupeKey: `services-step:${step.id}:${staff.id}:${now.getTime()}`,
    });
    const e = {
      kind: 'step_handed',
      actorId: ctx.actor.personId,
      at: ctx.now(),
      publicNote: `Hồ sơ được chuyển xử lý: ${step.name}.`,
      detail: { stepId: step.id, assigneeId: staff.id },
    };
    if (d.status === STATUS.accepted) await moveDossier(tx, d, STATUS.processing, e);
    else await recordEvent(tx, d, e);
  });
}

/** The assigned officer finishes their step (only theirs, only the next one, in order). */
export async function finishStep(
  ctx: Ctx,
  id: string,
  stepId: string,
  input: { result: string; note?: string },
): Promise<void> {
  await act(ctx, id, 'step_done', async (tx, d) => {
    needStatus(d, IN_PROGRESS, 'xử lý');
    const steps = await stepsOf(tx, d.id);
    const step = steps.find((s) => s.id === stepId);
    if (!step) throw new AppError('not_found', 'Không có bước xử lý này trong hồ sơ.');
    if (step.doneAt) throw new AppError('conflict', `Bước "${step.name}" đã xong.`);
    const next = nextStep(steps);
    if (next?.id !== step.id)
      throw new AppError(
        'conflict',
        `Chưa thể làm bước "${step.name}": bước "${next?.name ?? ''}" chưa xong.`,
      );
    if (!step.handedAt || step.assigneeId !== ctx.actor.personId)
      throw new AppError('forbidden', `Bước "${step.name}" không được giao cho bạn.`);
    const now = ctx.now();
    await tx
      .update(serviceDossierSteps)
      .set({ doneAt: now, doneBy: ctx.actor.personId, result: input.result, note: input.note ?? step.note })
      .where(eq(serviceDossierSteps.id, step.id));
    await recordEvent(tx, d, {
      kind: step.kind === 'approve' ? 'approved' : 'step_done',
      actorId: ctx.actor.personId,
      at: ctx.now(),
      publicNote:
        step.kind === 'approve'
          ? 'Lãnh đạo đã phê duyệt kết quả giải quyết.'
          : `Hoàn thành bước: ${step.name}.`,
      internalNote: input.result,
      detail: { stepId: step.id },
    });
  });
}

/**
 * The result (a stored file, an outgoing document, or a paper one handed over at the counter, which
 * the digitised-results figure does not count): status 9, the moment the figures count.
 */
export async function recordResult(
  ctx: Ctx,
  id: string,
  input: { file?: { sha256: string; fileName: string }; documentId?: string; paper?: boolean },
  documentExists: (tx: Db, documentId: string) => Promise<boolean>,
): Promise<void> {
  if (!input.file && !input.documentId && !input.paper)
    throw new AppError(
      'validation_failed',
      'Vui lòng đính kèm tệp kết quả, chọn văn bản đi là kết quả, hoặc ghi nhận kết quả bản giấy.',
    );
  await act(ctx, id, 'result', async (tx, d) => {
    needStatus(d, IN_PROGRESS, 'ghi kết quả');
    if (!workDone(await stepsOf(tx, d.id)))
      throw new AppError('conflict', 'Các bước xử lý của hồ sơ chưa xong, chưa thể ghi kết quả.');
    if (input.file && !(await findBlob(tx, input.file.sha256)))
      throw new AppError('validation_failed', 'Tệp kết quả chưa được tải lên.', {
        fields: [{ path: 'body.file.sha256', message: 'Tệp kết quả chưa được tải lên.' }],
      });
    if (input.documentId && !(await documentExists(tx, input.documentId)))
      throw new AppError('validation_failed', 'Không có văn bản đi này trong cơ quan.', {
        fields: [{ path: 'body.documentId', message: 'Không có văn bản đi này.' }],
      });
    await moveDossier(
      tx,
      d,
      STATUS.done,
      {
        kind: 'finished',
        actorId: ctx.actor.personId,
        at: ctx.now(),
        publicNote: 'Hồ sơ đã được giải quyết xong, chờ trả kết quả.',
      },
      {
        finishedAt: ctx.now(),
        resultBlob: input.file?.sha256 ?? null,
        resultFileName: input.file?.fileName ?? null,
        resultDocumentId: input.documentId ?? null,
      },
    );
  });
}

const RETURN_LABEL = {
  online: 'trực tuyến',
  counter: 'tại bộ phận một cửa',
  post: 'qua dịch vụ bưu chính công ích',
} as const;

/** Returns the result (status 10): online (the applicant downloads it), at the counter or by post. */
export async function returnResult(
  ctx: Ctx,
  id: string,
  input: { method: 'online' | 'counter' | 'post'; note?: string },
): Promise<void> {
  await act(ctx, id, 'return', async (tx, d) => {
    needStatus(d, [STATUS.done], 'trả kết quả');
    if (input.method === 'online' && !d.resultBlob)
      throw new AppError('validation_failed', 'Chỉ trả trực tuyến được khi kết quả là một tệp đã tải lên.');
    const now = ctx.now();
    await tx
      .update(serviceDossierSteps)
      .set({
        assigneeId: ctx.actor.personId,
        handedAt: sql`coalesce(handed_at, ${now.toISOString()}::timestamptz)`,
        handedBy: ctx.actor.personId,
        dueAt: sql`coalesce(due_at, ${d.dueAt?.toISOString() ?? now.toISOString()}::timestamptz)`,
        doneAt: now,
        doneBy: ctx.actor.personId,
        result: `Đã trả kết quả ${RETURN_LABEL[input.method]}`,
      })
      .where(
        and(
          eq(serviceDossierSteps.dossierId, d.id),
          eq(serviceDossierSteps.kind, 'return'),
          isNull(serviceDossierSteps.doneAt),
        ),
      );
    await moveDossier(
      tx,
      d,
      STATUS.returned,
      {
        kind: 'returned',
        actorId: ctx.actor.personId,
        at: ctx.now(),
        publicNote: `Đã trả kết quả ${RETURN_LABEL[input.method]}.${input.method === 'online' ? ' Ông/Bà tải kết quả và đánh giá mức độ hài lòng trên trang hồ sơ.' : ''}`,
        internalNote: input.note ?? null,
      },
      { returnedAt: now, returnMethod: input.method },
    );
  });
}

/** Fees recorded as paid (payment gateways are out of scope): the amount and the receipt number. */
export async function recordFee(
  ctx: Ctx,
  id: string,
  input: { amount: number; receipt: string },
): Promise<void> {
  await act(ctx, id, 'fee', async (tx, d) => {
    needStatus(
      d,
      [STATUS.new, STATUS.accepted, STATUS.processing, STATUS.supplement, STATUS.payment, STATUS.done],
      'ghi nhận phí, lệ phí',
    );
    if (d.feePaidAt) throw new AppError('conflict', 'Phí, lệ phí của hồ sơ đã được ghi nhận.');
    await tx
      .update(serviceDossiers)
      .set({
        feeAmount: input.amount,
        feeReceipt: input.receipt,
        feePaidAt: ctx.now(),
        updatedAt: sql`now()`,
      })
      .where(eq(serviceDossiers.id, d.id));
    const e = {
      kind: 'fee_paid',
      actorId: ctx.actor.personId,
      at: ctx.now(),
      publicNote: `Đã nộp phí, lệ phí: ${input.amount.toLocaleString('vi-VN')} đồng.`,
      detail: { amount: input.amount, receipt: input.receipt },
    };
    if (d.status === STATUS.payment) await moveDossier(tx, d, STATUS.processing, e);
    else await recordEvent(tx, d, e);
  });
}

/**
 * Mẫu 04: the apology and the new date, made before the due date passes (an apology after the fact is
 * refused), sent to the applicant. It moves the promise (`due_at`), not the legal deadline the on-time
 * figures count against (`original_due_at`): a late dossier stays late in the figures.
 */
export async function apologise(
  ctx: Ctx,
  id: string,
  input: { reason: string; newDueDate: string },
): Promise<void> {
  await act(ctx, id, 'apology', async (tx, d) => {
    needStatus(d, IN_PROGRESS, 'gửi văn bản xin lỗi');
    const now = ctx.now();
    if (!d.dueAt || d.dueAt < now)
      throw new AppError(
        'conflict',
        `Hồ sơ đã quá hạn từ ngày ${d.dueAt ? day(d.dueAt) : ''}: văn bản xin lỗi và hẹn lại phải gửi trước khi hết hạn.`,
      );
    const newDue = new Date(vnDayEnd(input.newDueDate));
    if (Number.isNaN(newDue.getTime()) || newDue <= d.dueAt)
      throw new AppError('validation_failed', `Ngày hẹn mới phải sau ngày hẹn hiện tại (${day(d.dueAt)}).`, {
        fields: [{ path: 'body.newDueDate', message: `Ngày hẹn mới phải sau ngày ${day(d.dueAt)}.` }],
      });
    if (!servicesCalendar().isWorkingDay(input.newDueDate))
      throw new AppError('validation_failed', 'Ngày hẹn mới phải là ngày làm việc.', {
        fields: [{ path: 'body.newDueDate', message: 'Ngày hẹn mới phải là ngày làm việc.' }],
      });
    await tx.insert(serviceLetters).values({
      dossierId: d.id,
      form: 'apology',
      reason: input.reason,
      previousDueAt: d.dueAt,
      newDueAt: newDue,
      signerName: ctx.actor.fullName,
      createdBy: ctx.actor.personId,
      sentAt: now,
    });
    const [next] = await tx
      .update(serviceDossiers)
      .set({ dueAt: newDue, updatedAt: sql`now()` })
      .where(eq(serviceDossiers.id, d.id))
      .returning();
    const note = `Cơ quan xin lỗi vì chưa trả kết quả đúng hẹn ngày ${day(d.dueAt)}. Lý do: ${input.reason}. Ngày hẹn trả kết quả mới: ${day(newDue)}.`;
    const eventId = await recordEvent(tx, d, {
      kind: 'apology',
      actorId: ctx.actor.personId,
      at: ctx.now(),
      publicNote: note,
    });
    if (next?.applicantEmail)
      await queueOutsideMail(tx, {
        agencyId: d.agencyId,
        toAddress: next.applicantEmail,
        toName: next.applicantName,
        subject: `Hồ sơ ${d.code}: Văn bản xin lỗi và hẹn lại ngày trả kết quả`,
        bodyText: [
          `Kính gửi ${d.applicantName},`,
          '',
          note,
          '',
          'Kính mong Ông/Bà thông cảm.',
          '',
          ctx.actor.fullName,
        ].join('\n'),
        sourceKey: `services:dossier:${d.id}:event:${eventId}`,
      });
  });
}

/** Mẫu 05: the agency stops handling the dossier (status 8), with the reason. */
export async function stopDossier(ctx: Ctx, id: string, reason: string): Promise<void> {
  await act(ctx, id, 'stop', async (tx, d) => {
    needStatus(d, [...IN_PROGRESS, STATUS.supplement, STATUS.payment], 'dừng giải quyết');
    await tx.insert(serviceLetters).values({
      dossierId: d.id,
      form: 'stop',
      reason,
      signerName: ctx.actor.fullName,
      createdBy: ctx.actor.personId,
      sentAt: ctx.now(),
    });
    await moveDossier(
      tx,
      d,
      STATUS.stopped,
      {
        kind: 'stopped',
        actorId: ctx.actor.personId,
        at: ctx.now(),
        publicNote: `Thông báo dừng giải quyết hồ sơ. Lý do: ${reason}`,
      },
      { pausedAt: null },
    );
  });
}

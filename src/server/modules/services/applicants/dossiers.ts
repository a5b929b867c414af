import { createHash, timingSafeEqual } from 'node:crypto';
import { and, asc, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { formatViDate, vnDate } from '../../../../shared/calendar/index.ts';
import type {
  ApplicantDossier,
  ApplicantDossierList,
  PaperRef,
  SubmitInput,
  SupplementRequest,
  TimelineEntry,
} from '../../../../shared/services/api.ts';
import { checkForm } from '../../../../shared/services/form.ts';
import type { ProcedureContent } from '../../../../shared/services/procedure.ts';
import { type DossierStatus, STATUS, statusLabel } from '../../../../shared/services/statuses.ts';
import type { Db } from '../../../db/client.ts';
import { findBlobs } from '../../../platform/blobs/index.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { findAgencies, findAgency } from '../../agencies/index.ts';
import { queueOutsideMail } from '../../mail/index.ts';
import { notify } from '../../notifications/index.ts';
import { holdersByAgency } from '../../people/index.ts';
import { loadProcedure } from '../catalogue/store.ts';
import { extendAfterPause, servicesCalendar } from '../core/clock.ts';
import { createDossier, type NewPaper } from '../core/create.ts';
import { secretHash } from '../core/secret.ts';
import { type DossierRow, lockDossier, moveDossier, recordEvent } from '../core/transition.ts';
import {
  serviceDossierEvents,
  serviceDossierPapers,
  serviceDossiers,
  serviceProcedures,
  serviceSupplements,
} from '../schema.ts';
import type { ApplicantRow } from './session.ts';

/** Papers an applicant may send: PDF and images, by their bytes (sniffed when uploaded). */
export const PAPER_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);
export const PAPER_MAX_BYTES = 10 * 1024 * 1024;

/** The key of a supplement paper the desk asked for in its own words (not one of the procedure's papers). */
export const OTHER_PAPER_KEY = 'bo-sung';
const OTHER_PAPER = {
  key: OTHER_PAPER_KEY,
  name: 'Giấy tờ bổ sung khác',
  originals: 1,
  copies: 0,
  required: false,
};

export const NOT_FOUND = 'Không tìm thấy hồ sơ với mã hồ sơ và mã bí mật đã nhập.';

/** Tells the receiving agency's desk (its clerks) of what an applicant did, with a link to the dossier. */
async function tellDesk(tx: Db, d: DossierRow, title: string, body: string, key: string) {
  const clerks = await holdersByAgency(tx, [d.agencyId], 'clerk');
  await notify(tx, clerks.get(d.agencyId) ?? [], {
    kind: 'services.desk',
    title,
    body,
    link: `/mot-cua/ho-so/${d.id}`,
    dedupeKey: `services-desk:${d.id}:${key}`,
  });
}

/** JSON with keys sorted: the same submission always hashes the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

export function requestHashOf(input: SubmitInput, applicantId: string | null): string {
  const { idempotencyKey: _k, ...rest } = input;
  return createHash('sha256')
    .update(canonical({ ...rest, by: applicantId }))
    .digest('hex');
}

/**
 * The papers of a submission or a supplement checked against the procedure's papers and the blob
 * store: a known paper key, a stored file of an allowed type within 10 MB. Every problem is listed,
 * its path named as the framework's own checks name them (body.papers.0.sha256, body.form.rooms).
 */
export async function checkPapers(
  db: Db,
  content: ProcedureContent,
  refs: PaperRef[],
  base: string,
  requireAll: boolean,
): Promise<NewPaper[]> {
  const problems: { path: string; message: string }[] = [];
  const byKey = new Map(content.papers.map((p) => [p.key, p]));
  const blobs = new Map(
    (await findBlobs(db, [...new Set(refs.map((r) => r.sha256))])).map((b) => [b.sha256, b]),
  );
  const out: NewPaper[] = [];
  refs.forEach((r, i) => {
    const path = `${base}.${i}`;
    const paper = byKey.get(r.paperKey);
    const blob = blobs.get(r.sha256);
    if (!paper)
      problems.push({
        path: `${path}.paperKey`,
        message: `Thủ tục không có thành phần hồ sơ mã "${r.paperKey}".`,
      });
    else if (!blob)
      problems.push({
        path: `${path}.sha256`,
        message: `Tệp "${r.fileName}" chưa được tải lên; vui lòng tải lại.`,
      });
    else if (!PAPER_TYPES.has(blob.mediaType) || (paper.accept && !paper.accept.includes(blob.mediaType)))
      problems.push({ path, message: `Tệp "${r.fileName}" không đúng định dạng cho phép (PDF, JPEG, PNG).` });
    else if (blob.size > PAPER_MAX_BYTES)
      problems.push({ path, message: `Tệp "${r.fileName}" vượt quá 10 MB.` });
    else
      out.push({
        paperKey: r.paperKey,
        sha256: blob.sha256,
        fileName: r.fileName,
        mediaType: blob.mediaType,
        size: blob.size,
      });
  });
  if (requireAll) {
    const sent = new Set(refs.map((r) => r.paperKey));
    for (const p of content.papers)
      if (p.required && !sent.has(p.key))
        problems.push({ path: base, message: `Thiếu thành phần hồ sơ bắt buộc: ${p.name}.` });
  }
  if (problems.length)
    throw new AppError(
      'validation_failed',
      problems.length === 1
        ? (problems[0]?.message ?? '')
        : `Giấy tờ đính kèm có ${problems.length} chỗ chưa đúng.`,
      { fields: problems },
    );
  return out;
}

export async function submitDossier(
  db: Db,
  input: SubmitInput,
  me: ApplicantRow | null,
  now: Date,
  secretKey: Buffer,
) {
  const p = await loadProcedure(db, { code: input.procedureCode }).catch(() => {
    throw new AppError('validation_failed', `Không có thủ tục mã ${input.procedureCode}.`, {
      fields: [{ path: 'body.procedureCode', message: 'Thủ tục không có trong danh mục.' }],
    });
  });
  if (!p.procedure.active || p.content.onlineLevel === 'none')
    throw new AppError('validation_failed', 'Thủ tục này không nhận hồ sơ trực tuyến.', {
      fields: [{ path: 'body.procedureCode', message: 'Thủ tục này không nhận hồ sơ trực tuyến.' }],
    });
  if (!p.agencyIds.includes(input.agencyId))
    throw new AppError('validation_failed', 'Cơ quan đã chọn không thực hiện thủ tục này.', {
      fields: [{ path: 'body.agencyId', message: 'Cơ quan đã chọn không thực hiện thủ tục này.' }],
    });
  const form = checkForm(p.content.form, input.form, vnDate(now));
  if (!form.ok)
    throw new AppError(
      'validation_failed',
      form.problems.length === 1
        ? (form.problems[0]?.message ?? '')
        : `Biểu mẫu có ${form.problems.length} chỗ chưa đúng.`,
      { fields: form.problems.map((f) => ({ path: `body.form.${f.path}`, message: f.message })) },
    );
  const papers = await checkPapers(db, p.content, input.papers, 'body.papers', true);
  const email = input.applicant.email?.toLowerCase() ?? me?.email ?? null;
  return db.transaction(async (tx) => {
    const r = await createDossier(tx, {
      agencyId: input.agencyId,
      procedure: {
        id: p.procedure.id,
        version: p.version,
        onlineLevel: p.content.onlineLevel,
        processingDays: p.content.processingDays,
      },
      channel: 'online',
      applicantId: me?.id ?? null,
      applicant: {
        kind: input.applicant.kind,
        name: input.applicant.fullName,
        idNumber: input.applicant.idNumber ?? null,
        email,
        phone: input.applicant.phone ?? null,
        address: input.applicant.address ?? null,
      },
      formData: form.values,
      papers,
      idempotencyKey: input.idempotencyKey,
      requestHash: requestHashOf(input, me?.id ?? null),
      now,
      secretKey,
    });
    if (r.created)
      await tellDesk(tx, r.dossier, `Hồ sơ trực tuyến mới ${r.dossier.code}`, p.content.name, 'submitted');
    // The receipt by e-mail: the code and the tracking secret, the promised date (in this transaction).
    if (r.created && r.dossier.applicantEmail)
      await queueOutsideMail(tx, {
        agencyId: r.dossier.agencyId,
        toAddress: r.dossier.applicantEmail,
        toName: r.dossier.applicantName,
        subject: `Đã nhận hồ sơ ${r.dossier.code}`,
        bodyText: [
          `Kính gửi ${r.dossier.applicantName},`,
          '',
          `Hồ sơ "${p.content.name}" của Ông/Bà đã được gửi trực tuyến.`,
          `Mã hồ sơ: ${r.dossier.code}`,
          `Mã bí mật để tra cứu: ${r.secret}`,
          r.dossier.dueAt ? `Ngày hẹn trả kết quả (dự kiến): ${formatViDate(vnDate(r.dossier.dueAt))}` : '',
          '',
          'Ông/Bà có thể tra cứu tiến độ tại trang Tra cứu hồ sơ (/cong-khai/tra-cuu) bằng mã hồ sơ và mã bí mật.',
        ]
          .filter((l, i, a) => l !== '' || a[i - 1] !== '')
          .join('\n'),
        sourceKey: `services:dossier:${r.dossier.id}:submitted`,
      });
    return r;
  });
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The dossier of `code` if this caller may see it: the signed-in owner (or the account whose verified
 * address the guest used), or anyone with the tracking secret. Else null — one answer for all.
 */
export async function findOwnDossier(
  db: Db,
  code: string,
  who: { me: ApplicantRow | null; secret?: string | null },
): Promise<DossierRow | null> {
  if (code.length > 40) return null;
  const [d] = await db
    .select()
    .from(serviceDossiers)
    .where(eq(serviceDossiers.code, code.trim().toUpperCase()));
  if (!d) return null;
  if (who.me && (d.applicantId === who.me.id || (!d.applicantId && d.applicantEmail === who.me.email)))
    return d;
  if (who.secret && sameHash(secretHash(who.secret), d.secretHash)) return d;
  return null;
}

export async function publicTimeline(db: Db, dossierId: string): Promise<TimelineEntry[]> {
  const rows = await db
    .select({
      at: serviceDossierEvents.at,
      kind: serviceDossierEvents.kind,
      statusTo: serviceDossierEvents.statusTo,
      publicNote: serviceDossierEvents.publicNote,
    })
    .from(serviceDossierEvents)
    .where(eq(serviceDossierEvents.dossierId, dossierId))
    .orderBy(asc(serviceDossierEvents.id));
  return rows
    .filter((r) => r.statusTo !== null || r.publicNote)
    .map((r) => ({
      at: r.at.toISOString(),
      kind: r.kind,
      status: r.statusTo,
      statusLabel: r.statusTo === null ? null : statusLabel(r.statusTo),
      note: r.publicNote,
    }));
}

export async function dossierView(db: Db, d: DossierRow): Promise<ApplicantDossier> {
  const [names] = await db
    .select({ procedureCode: serviceProcedures.code, procedureName: serviceProcedures.name })
    .from(serviceProcedures)
    .where(eq(serviceProcedures.id, d.procedureId));
  const agency = await findAgency(db, d.agencyId);
  const papers = await db
    .select({
      id: serviceDossierPapers.id,
      paperKey: serviceDossierPapers.paperKey,
      fileName: serviceDossierPapers.fileName,
      size: serviceDossierPapers.size,
    })
    .from(serviceDossierPapers)
    .where(eq(serviceDossierPapers.dossierId, d.id))
    .orderBy(asc(serviceDossierPapers.createdAt), asc(serviceDossierPapers.id));
  const [open] = await db
    .select()
    .from(serviceSupplements)
    .where(and(eq(serviceSupplements.dossierId, d.id), isNull(serviceSupplements.answeredAt)));
  const resultAvailable = d.status === STATUS.returned && d.returnMethod === 'online' && !!d.resultBlob;
  return {
    id: d.id,
    code: d.code,
    procedure: { code: names?.procedureCode ?? '', name: names?.procedureName ?? '' },
    agency: { id: d.agencyId, name: agency?.name ?? '' },
    status: d.status,
    statusLabel: statusLabel(d.status),
    channel: d.channel,
    submittedAt: d.submittedAt.toISOString(),
    dueAt: d.dueAt?.toISOString() ?? null,
    finishedAt: d.finishedAt?.toISOString() ?? null,
    returnedAt: d.returnedAt?.toISOString() ?? null,
    returnMethod: d.returnMethod,
    papers,
    openSupplement: open
      ? {
          id: open.id,
          requestedAt: open.requestedAt.toISOString(),
          reason: open.reason,
          items: open.items as SupplementRequest['items'],
        }
      : null,
    timeline: await publicTimeline(db, d.id),
    resultAvailable,
    rating: d.rating,
    canRate: d.status === STATUS.returned && d.rating === null,
  };
}

/** The applicant's dossiers, newest first, 20 a page (keyset on submitted_at, id). */
export async function listDossiers(db: Db, me: ApplicantRow, cursor?: string): Promise<ApplicantDossierList> {
  const limit = 20;
  let after: { at: Date; id: string } | null = null;
  if (cursor) {
    const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
    const d = new Date(at ?? '');
    if (!id || Number.isNaN(d.getTime()) || !/^[0-9a-f-]{36}$/.test(id))
      throw new AppError('bad_request', 'Địa chỉ trang sau không hợp lệ; vui lòng tải lại danh sách.');
    after = { at: d, id };
  }
  const own = or(
    eq(serviceDossiers.applicantId, me.id),
    and(isNull(serviceDossiers.applicantId), eq(serviceDossiers.applicantEmail, me.email)),
  );
  const rows = await db
    .select({
      id: serviceDossiers.id,
      code: serviceDossiers.code,
      procedureName: serviceProcedures.name,
      agencyId: serviceDossiers.agencyId,
      status: serviceDossiers.status,
      submittedAt: serviceDossiers.submittedAt,
      dueAt: serviceDossiers.dueAt,
    })
    .from(serviceDossiers)
    .innerJoin(serviceProcedures, eq(serviceProcedures.id, serviceDossiers.procedureId))
    .where(
      after
        ? and(
            own,
            or(
              lt(serviceDossiers.submittedAt, after.at),
              and(eq(serviceDossiers.submittedAt, after.at), lt(serviceDossiers.id, after.id)),
            ),
          )
        : own,
    )
    .orderBy(desc(serviceDossiers.submittedAt), desc(serviceDossiers.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const agencyNames = await findAgencies(
    db,
    page.map((r) => r.agencyId),
  );
  return {
    items: page.map(({ agencyId, ...r }) => ({
      ...r,
      agencyName: agencyNames.get(agencyId)?.name ?? '',
      statusLabel: statusLabel(r.status),
      submittedAt: r.submittedAt.toISOString(),
      dueAt: r.dueAt?.toISOString() ?? null,
    })),
    nextCursor:
      rows.length > limit && last
        ? Buffer.from(`${last.submittedAt.toISOString()}|${last.id}`).toString('base64url')
        : null,
  };
}

/**
 * The applicant answers the open supplement request: the papers join the dossier, the request is
 * closed, the dossier goes back to the status it had before the pause and the legal clock restarts,
 * its due date moved by the working days it stood still.
 */
export async function answerSupplement(
  db: Db,
  dossierId: string,
  input: { papers: PaperRef[]; note?: string },
  now: Date,
): Promise<DossierRow> {
  return db.transaction(async (tx) => {
    const d = await lockDossier(tx, dossierId);
    const [open] = await tx
      .select()
      .from(serviceSupplements)
      .where(and(eq(serviceSupplements.dossierId, d.id), isNull(serviceSupplements.answeredAt)));
    if (!open || d.status !== STATUS.supplement)
      throw new AppError('conflict', 'Hồ sơ không có yêu cầu bổ sung giấy tờ nào đang chờ trả lời.');
    const p = await loadProcedure(tx, { id: d.procedureId }, d.procedureVersion);
    // A paper the desk named in its own words (not one of the procedure's) comes as "bo-sung".
    const withOther = { ...p.content, papers: [...p.content.papers, OTHER_PAPER] };
    const papers = await checkPapers(tx, withOther, input.papers, 'body.papers', false);
    await tx.insert(serviceDossierPapers).values(
      papers.map(({ sha256, ...x }) => ({
        dossierId: d.id,
        blobSha256: sha256,
        supplementId: open.id,
        ...x,
      })),
    );
    await tx.update(serviceSupplements).set({ answeredAt: now }).where(eq(serviceSupplements.id, open.id));
    const [paused] = await tx
      .select({ from: serviceDossierEvents.statusFrom })
      .from(serviceDossierEvents)
      .where(
        and(eq(serviceDossierEvents.dossierId, d.id), eq(serviceDossierEvents.statusTo, STATUS.supplement)),
      )
      .orderBy(desc(serviceDossierEvents.id))
      .limit(1);
    const back = (paused?.from ?? (d.acceptedAt ? STATUS.processing : STATUS.new)) as DossierStatus;
    // The clock stood still: both the promise and the legal deadline move by the days it stood.
    const moved = (at: Date | null) =>
      at && d.pausedAt ? extendAfterPause(servicesCalendar(), at, d.pausedAt, now) : at;
    const dueAt = moved(d.dueAt);
    const originalDueAt = moved(d.originalDueAt);
    await tellDesk(
      tx,
      d,
      `Hồ sơ ${d.code} đã được bổ sung giấy tờ`,
      'Công dân đã gửi giấy tờ theo yêu cầu bổ sung.',
      `supplement:${open.id}`,
    );
    return moveDossier(
      tx,
      d,
      back === STATUS.supplement ? STATUS.processing : back,
      {
        kind: 'supplement_answered',
        at: now,
        byApplicant: true,
        publicNote: 'Công dân đã bổ sung giấy tờ theo yêu cầu.',
        internalNote: input.note ?? null,
        detail: { supplementId: open.id, papers: papers.length },
      },
      { dueAt, originalDueAt, pausedAt: null },
    );
  });
}

export async function rateDossier(
  db: Db,
  dossierId: string,
  input: { rating: number; comment?: string },
  now: Date,
): Promise<DossierRow> {
  return db.transaction(async (tx) => {
    const d = await lockDossier(tx, dossierId);
    if (d.status !== STATUS.returned)
      throw new AppError('conflict', 'Chỉ đánh giá được khi hồ sơ đã trả kết quả.');
    if (d.rating !== null) throw new AppError('conflict', 'Hồ sơ này đã được đánh giá.');
    const [next] = await tx
      .update(serviceDossiers)
      .set({
        rating: input.rating,
        ratingComment: input.comment ?? null,
        ratedAt: now,
        updatedAt: sql`now()`,
      })
      .where(eq(serviceDossiers.id, d.id))
      .returning();
    if (!next) throw new AppError('not_found', NOT_FOUND);
    await recordEvent(tx, d, {
      kind: 'rated',
      at: now,
      byApplicant: true,
      publicNote: `Công dân đánh giá mức độ hài lòng: ${input.rating}/5.`,
      detail: { rating: input.rating },
    });
    return next;
  });
}

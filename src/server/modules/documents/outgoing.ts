import { and, desc, eq, max } from 'drizzle-orm';
import type { z } from 'zod';
import type { OutgoingStatus } from '../../../shared/documents/workflow.ts';
import { type DraftInput, type DraftPatch, draftInput } from '../../../shared/schemas/documents.ts';
import { saveBlobs } from '../../platform/blobs/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findAgency } from '../agencies/index.ts';
import { activePositions, firstAgencyHolder, firstDivisionHolder } from '../people/index.ts';
import { activeKey, recordSigning, type SignedResult, signAsPerson } from '../signatures/index.ts';
import {
  addEvent,
  addReaders,
  attachFiles,
  auditDoc,
  type DocumentRow,
  loadVisible,
  peopleWithRole,
  tell,
} from './common.ts';
import { recallCopies, updateCopies } from './delivery.ts';
import { assertColleague } from './incoming.ts';
import type { Recipient } from './release.ts';
import { documentFiles, documents } from './schema.ts';
import { assertAllowed } from './workflow.ts';

async function resolveRecipients(ctx: Ctx, input: DraftInput['recipients']): Promise<Recipient[]> {
  const out: Recipient[] = [];
  for (const r of input) {
    if (r.kind === 'agency') {
      const a = r.agencyId ? await findAgency(ctx.db, r.agencyId) : undefined;
      if (a?.status !== 'active' || a.kind === 'division')
        throw new AppError('validation_failed', 'Nơi nhận không phải một cơ quan đang hoạt động.');
      if (a.id === ctx.actor.agencyId)
        throw new AppError(
          'validation_failed',
          'Nơi nhận trong cơ quan hãy ghi là “Lưu” hoặc giao qua văn bản đến.',
        );
      out.push({ kind: 'agency', agencyId: a.id, name: a.name });
    } else {
      if (!r.name) throw new AppError('validation_failed', 'Nhập tên nơi nhận bên ngoài.');
      out.push({
        kind: 'outside',
        name: r.name,
        ...(r.email ? { email: r.email } : {}),
        ...(r.agencyCode ? { agencyCode: r.agencyCode } : {}),
      });
    }
  }
  return out;
}

async function nextVersion(ctx: Ctx, id: string) {
  const [r] = await ctx.db
    .select({ v: max(documentFiles.version) })
    .from(documentFiles)
    .where(eq(documentFiles.documentId, id));
  return (r?.v ?? 0) + 1;
}

/** An officer (or anyone who drafts) starts a draft; the drafter is named on it and holds it. */
export async function createDraft(ctx: Ctx, input: DraftInput) {
  if (!ctx.actor.agencyId) throw new AppError('forbidden', 'Bạn chưa có chức vụ trong cơ quan nào.');
  return inTx(ctx, async (c) => {
    const recipients = await resolveRecipients(c, input.recipients);
    if (input.replyToId) await loadVisible(c, input.replyToId);
    const [doc] = await c.db
      .insert(documents)
      .values({
        agencyId: c.actor.agencyId!,
        direction: 'outgoing',
        status: 'draft',
        typeCode: input.typeCode,
        summary: input.summary,
        secrecy: input.secrecy,
        urgency: input.urgency,
        recipients,
        replyToId: input.replyToId ?? null,
        dueDate: input.dueDate ?? null,
        pageCount: input.pageCount ?? null,
        signerTitle: input.signerTitle ?? null,
        drafterId: c.actor.personId,
        draftingDivisionId: c.actor.divisionId,
        holderId: c.actor.personId,
        createdById: c.actor.personId,
      })
      .returning();
    await attachFiles(c, doc!.id, input.files, 1);
    await addReaders(c.db, doc!.id, [c.actor.personId]);
    await addEvent(c.db, c.actor, doc!.id, 'drafted', null, { version: 1 });
    await auditDoc(c, doc!, 'draft');
    return { id: doc!.id };
  });
}

/**
 * Another module drafts an outgoing document of the acting person's agency, under the same rule as
 * POST /api/v1/documents/drafts (e.g. the reports' decision approving an IT plan).
 */
export function createOutgoingDraft(ctx: Ctx, input: z.input<typeof draftInput>) {
  return createDraft(ctx, draftInput.parse(input));
}

/** The holder edits a draft under review; new files become a new version, earlier ones are kept. */
export async function editDraft(ctx: Ctx, id: string, input: DraftPatch) {
  return inTx(ctx, async (c) => {
    const doc = await loadVisible(c, id, { forUpdate: true });
    assertAllowed(c, 'edit', doc);
    const recipients = input.recipients ? await resolveRecipients(c, input.recipients) : undefined;
    await c.db
      .update(documents)
      .set({
        typeCode: input.typeCode,
        summary: input.summary,
        secrecy: input.secrecy,
        urgency: input.urgency,
        recipients,
        dueDate: input.dueDate,
        pageCount: input.pageCount,
        signerTitle: input.signerTitle,
        updatedAt: c.now(),
      })
      .where(eq(documents.id, id));
    let version: number | undefined;
    if (input.files?.length) {
      version = await nextVersion(c, id);
      await c.db.update(documentFiles).set({ current: false }).where(eq(documentFiles.documentId, id));
      await attachFiles(c, id, input.files, version);
    }
    await addEvent(c.db, c.actor, id, 'edited', null, version ? { version } : {});
    await auditDoc(c, doc, 'edit_draft', { version });
  });
}

/** The first leader of the agency (by position), the default signer. */
async function defaultLeader(ctx: Ctx): Promise<string> {
  const leader = ctx.actor.agencyId
    ? await firstAgencyHolder(ctx.db, ctx.actor.agencyId, 'agency_leader')
    : null;
  if (!leader) throw new AppError('conflict', 'Cơ quan chưa có lãnh đạo để trình ký.');
  return leader;
}

/** The head of the drafter's division, when the drafter is not the head. */
async function divisionHeadOf(
  ctx: Ctx,
  divisionId: string | null,
  drafterId: string,
): Promise<string | null> {
  if (!divisionId) return null;
  return firstDivisionHolder(ctx.db, divisionId, 'division_head', drafterId);
}

async function handTo(
  ctx: Ctx,
  doc: DocumentRow,
  personId: string,
  status: OutgoingStatus,
  kind: string,
  note?: string | null,
) {
  await ctx.db
    .update(documents)
    .set({ status, holderId: personId, updatedAt: ctx.now() })
    .where(eq(documents.id, doc.id));
  await addReaders(ctx.db, doc.id, [personId]);
  await addEvent(ctx.db, ctx.actor, doc.id, kind, note ?? null, { to: personId });
  if (kind === 'returned')
    await tell(ctx.db, [personId], 'returned', 'Dự thảo bị trả lại, cần chỉnh sửa', doc);
  else await tell(ctx.db, [personId], 'review', 'Dự thảo chờ bạn duyệt', doc);
}

/** The drafter submits: to the division head, or straight to the leader when there is none. */
export async function submitForReview(ctx: Ctx, id: string, toId?: string) {
  return inTx(ctx, async (c) => {
    const doc = await loadVisible(c, id, { forUpdate: true });
    assertAllowed(c, 'submit_review', doc);
    const files = await c.db
      .select()
      .from(documentFiles)
      .where(and(eq(documentFiles.documentId, id), eq(documentFiles.current, true)));
    if (files.length === 0)
      throw new AppError('validation_failed', 'Hãy đính kèm tệp dự thảo trước khi trình.');
    const to =
      toId ?? (await divisionHeadOf(c, doc.draftingDivisionId, c.actor.personId)) ?? (await defaultLeader(c));
    await assertColleague(c, to, ['division_head', 'agency_leader']);
    await handTo(c, doc, to, 'in_review', 'submitted_review');
    await auditDoc(c, doc, 'submit_review', { to });
  });
}

/**
 * The reviewer holding the draft approves it (passing it on, by default to the leader), returns it to
 * the drafter with comments, or — a leader — signs it: the final version becomes immutable.
 */
export async function review(
  ctx: Ctx,
  id: string,
  input: { action: 'approve' | 'return' | 'sign'; note?: string; nextId?: string },
) {
  // A leader with a signing key signs the final PDF digitally: the heavy part runs before the
  // transaction, which then checks that the main file did not change meanwhile.
  const signed = input.action === 'sign' ? await digitalSignature(ctx, id) : undefined;
  return inTx(ctx, async (c) => {
    const doc = await loadVisible(c, id, { forUpdate: true });
    // Approve and return need the reviewer holding it; signing, the agency's leader too.
    assertAllowed(c, input.action, doc);
    if (signed) await storeSignedVersion(c, doc, signed);
    if (input.action === 'return') {
      await handTo(c, doc, doc.drafterId!, 'returned', 'returned', input.note);
    } else if (input.action === 'approve') {
      const next = input.nextId ?? (await defaultLeader(c));
      if (next === c.actor.personId)
        throw new AppError('validation_failed', 'Hãy chọn người duyệt tiếp theo, hoặc ký ban hành.');
      await assertColleague(c, next, ['division_head', 'agency_leader']);
      await handTo(c, doc, next, 'in_review', 'approved', input.note);
    } else {
      await c.db
        .update(documents)
        .set({
          status: 'signed',
          holderId: null,
          signedById: c.actor.personId,
          signedAt: c.now(),
          signerName: c.actor.fullName,
          signerTitle: doc.signerTitle ?? (await titleOf(c)),
          updatedAt: c.now(),
        })
        .where(eq(documents.id, id));
      // The clerks number and release it (Decree 30, Art. 14), so a secret document names them now.
      const clerks = await peopleWithRole(c.db, doc.agencyId, 'clerk');
      if (doc.secrecy !== 'normal') await addReaders(c.db, id, clerks);
      await tell(c.db, clerks, 'to_release', 'Văn bản đã ký, chờ cấp số và phát hành', doc);
      await addEvent(c.db, c.actor, id, 'signed', input.note ?? null);
    }
    await auditDoc(c, doc, `review_${input.action}`, { note: input.note ?? null });
  });
}

interface SignedVersion {
  result: SignedResult;
  from: { id: string; fileName: string };
}

/** The current main file of a document (the final version when it is a PDF). */
async function currentMain(ctx: Ctx, id: string) {
  const [f] = await ctx.db
    .select()
    .from(documentFiles)
    .where(
      and(eq(documentFiles.documentId, id), eq(documentFiles.role, 'main'), eq(documentFiles.current, true)),
    )
    .orderBy(desc(documentFiles.version))
    .limit(1);
  return f;
}

/**
 * The leader's digital signature (PAdES) of the final version, when the leader has a signing key:
 * the current main file must be a PDF. Without a key, undefined: the signing is a state only.
 */
async function digitalSignature(ctx: Ctx, id: string): Promise<SignedVersion | undefined> {
  const key = await activeKey(ctx, { personId: ctx.actor.personId });
  if (!key) return undefined;
  const doc = await loadVisible(ctx, id);
  assertAllowed(ctx, 'sign', doc);
  const main = await currentMain(ctx, id);
  if (main?.mediaType !== 'application/pdf')
    throw new AppError(
      'unprocessable',
      'Bản cuối phải là tệp PDF: hãy tạo bản PDF từ bản thảo trước khi ký.',
    );
  const pdf = await ctx.blobs.read(main.sha256);
  const agency = ctx.actor.agencyId ? await findAgency(ctx.db, ctx.actor.agencyId) : undefined;
  const result = await signAsPerson(ctx, pdf, {
    personId: ctx.actor.personId,
    name: ctx.actor.fullName,
    agencyName: agency?.name ?? '',
    at: ctx.now(),
  });
  return result ? { result, from: { id: main.id, fileName: main.fileName } } : undefined;
}

/** The signed PDF becomes a new version of the main file (inside the signing's transaction). */
async function storeSignedVersion(ctx: Ctx, doc: DocumentRow, signed: SignedVersion) {
  const main = await currentMain(ctx, doc.id);
  if (main?.id !== signed.from.id)
    throw new AppError('conflict', 'Bản cuối vừa được thay đổi; hãy tải lại trang và ký lại.');
  const [blob] = await saveBlobs(ctx.db, ctx.blobs, [
    { bytes: signed.result.pdf, declaredType: 'application/pdf', maxBytes: signed.result.pdf.length + 1 },
  ]);
  if (!blob || blob instanceof AppError) throw blob ?? new AppError('internal', 'Không lưu được tệp đã ký.');
  const version = await nextVersion(ctx, doc.id);
  await ctx.db
    .update(documentFiles)
    .set({ current: false })
    .where(and(eq(documentFiles.documentId, doc.id), eq(documentFiles.role, 'main')));
  await attachFiles(
    ctx,
    doc.id,
    [{ sha256: blob.sha256, fileName: signedName(signed.from.fileName), role: 'main' }],
    version,
  );
  await recordSigning(ctx.db, signed.result, `document:${doc.id}`, ctx.actor.personId);
  await auditDoc(ctx, doc, 'sign_pdf', { version, keyId: signed.result.keyId, sha256: blob.sha256 });
}

const signedName = (name: string) =>
  /\.signed\.pdf$/i.test(name) ? name : name.replace(/(\.pdf)?$/i, '.signed.pdf');

async function titleOf(ctx: Ctx) {
  const pos = await activePositions(ctx.db, [ctx.actor.personId]);
  return pos.find((p) => p.id === ctx.actor.positionId)?.title ?? null;
}

/** Recall after release, with a reason (Decree 30, Art. 18.4). */
export async function recall(ctx: Ctx, id: string, reason: string) {
  assertAllowed(ctx, 'recall');
  return inTx(ctx, async (c) => {
    const doc = await loadVisible(c, id, { forUpdate: true });
    assertAllowed(c, 'recall', doc);
    await c.db.update(documents).set({ status: 'recalled', updatedAt: c.now() }).where(eq(documents.id, id));
    await recallCopies(c, doc, reason);
    await addEvent(c.db, c.actor, id, 'recalled', reason);
    await auditDoc(c, doc, 'recall', { reason });
  });
}

/** Update after release (a corrected file or summary) with a reason; recipients see the change. */
export async function updateReleased(
  ctx: Ctx,
  id: string,
  input: { reason: string; summary?: string; files: DraftInput['files'] },
) {
  assertAllowed(ctx, 'update');
  return inTx(ctx, async (c) => {
    const doc = await loadVisible(c, id, { forUpdate: true });
    assertAllowed(c, 'update', doc);
    const version = await nextVersion(c, id);
    if (input.files.length) {
      await c.db.update(documentFiles).set({ current: false }).where(eq(documentFiles.documentId, id));
      await attachFiles(c, id, input.files, version);
    }
    if (input.summary)
      await c.db
        .update(documents)
        .set({ summary: input.summary, updatedAt: c.now() })
        .where(eq(documents.id, id));
    const [fresh] = await c.db.select().from(documents).where(eq(documents.id, id));
    await updateCopies(c, fresh!, input.reason, version);
    await addEvent(c.db, c.actor, id, 'updated', input.reason, { version });
    await auditDoc(c, doc, 'update_released', { reason: input.reason, version });
  });
}

// The release (numbering and delivery) has its own file: its one-statement write is long.
export { release } from './release.ts';

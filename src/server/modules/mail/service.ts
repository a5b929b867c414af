import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { MailAccountInput, RegisterCandidateInput } from '../../../shared/schemas/mail.ts';
import { rows } from '../../db/client.ts';
import { audit } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { encryptSecret, mailKey } from '../../platform/crypto/index.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { decodeCursor, paginate } from '../../platform/http/pagination.ts';
import { cancelJob, jobByDedupeKey, jobRowsSql, retryJob } from '../../platform/jobs/index.ts';
import { registerIncoming } from '../documents/index.ts';
import { contactsOf } from '../people/index.ts';
import { loadAccount, type MailAccount, testConnection } from './accounts.ts';
import { pollAccount } from './incoming.ts';
import { sendKey } from './outbox.ts';
import { mailAccounts, mailCandidates, mailOutbox, mailPreferences, type NoticeMode } from './schema.ts';
import { NOTICE_CATEGORIES } from './templates.ts';

function agencyOf(ctx: Ctx): string {
  if (!ctx.actor.agencyId) throw forbidden('Bạn cần chọn một vị trí công tác thuộc cơ quan.');
  return ctx.actor.agencyId;
}

function requireClerk(ctx: Ctx) {
  if (ctx.actor.role !== 'clerk') throw forbidden('Chỉ văn thư được xử lý thư đến từ hộp thư công vụ.');
}

// ---- account (agency admin) ----

export function presentAccount(a: MailAccount) {
  return {
    id: a.id,
    address: a.address,
    displayName: a.displayName,
    username: a.username,
    hasPassword: !!a.secretEnc,
    imapHost: a.imapHost,
    imapPort: a.imapPort,
    imapSecurity: a.imapSecurity,
    mailbox: a.mailbox,
    smtpHost: a.smtpHost,
    smtpPort: a.smtpPort,
    smtpSecurity: a.smtpSecurity,
    signature: a.signature,
    maxAttachmentMb: Math.round(a.maxAttachmentBytes / 1024 / 1024),
    pollEnabled: a.pollEnabled,
    lastPollAt: a.lastPollAt?.toISOString() ?? null,
    lastPollStatus: a.lastPollStatus,
    lastPollSummary: a.lastPollSummary,
    lastError: a.lastError,
    lastErrorAt: a.lastErrorAt?.toISOString() ?? null,
  };
}

export async function getAccount(ctx: Ctx) {
  return loadAccount(ctx.db, agencyOf(ctx));
}

export async function saveAccount(ctx: Ctx, input: MailAccountInput) {
  const agencyId = agencyOf(ctx);
  return inTx(ctx, async (c) => {
    const existing = await loadAccount(c.db, agencyId);
    if (!existing && !input.password) throw new AppError('validation_failed', 'Nhập mật khẩu của hộp thư.');
    const values = {
      address: input.address,
      displayName: input.displayName,
      username: input.username,
      imapHost: input.imapHost,
      imapPort: input.imapPort,
      imapSecurity: input.imapSecurity,
      mailbox: input.mailbox,
      smtpHost: input.smtpHost,
      smtpPort: input.smtpPort,
      smtpSecurity: input.smtpSecurity,
      signature: input.signature,
      maxAttachmentBytes: input.maxAttachmentMb * 1024 * 1024,
      pollEnabled: input.pollEnabled,
      updatedAt: c.now(),
      ...(input.password ? { secretEnc: encryptSecret(mailKey(c.config), input.password) } : {}),
    };
    let account: MailAccount;
    if (existing) {
      // Another server or mailbox: UIDs of the old one mean nothing there.
      const moved =
        existing.imapHost !== input.imapHost ||
        existing.username !== input.username ||
        existing.mailbox !== input.mailbox;
      [account] = (await c.db
        .update(mailAccounts)
        .set({ ...values, ...(moved ? { lastUid: 0, uidValidity: null } : {}) })
        .where(eq(mailAccounts.id, existing.id))
        .returning()) as [MailAccount];
    } else {
      [account] = (await c.db
        .insert(mailAccounts)
        .values({ agencyId, secretEnc: '', ...values })
        .returning()) as [MailAccount];
    }
    const { password, ...detail } = input;
    await audit(c.db, c.actor, {
      action: existing ? 'mail.account.update' : 'mail.account.create',
      entityType: 'mail_account',
      entityId: account.id,
      detail: { ...detail, passwordChanged: !!password },
    });
    return account;
  });
}

async function requireAccount(ctx: Ctx) {
  const a = await loadAccount(ctx.db, agencyOf(ctx));
  if (!a) throw new AppError('conflict', 'Cơ quan chưa cấu hình hộp thư công vụ.');
  return a;
}

export async function testAccount(ctx: Ctx) {
  return testConnection(ctx.config, await requireAccount(ctx));
}

export async function pollNow(ctx: Ctx) {
  const a = await requireAccount(ctx);
  const r = await pollAccount(ctx.db, ctx.config, ctx.blobs, a);
  await audit(ctx.db, ctx.actor, {
    action: 'mail.poll',
    entityType: 'mail_account',
    entityId: a.id,
    detail: { ...r },
  });
  return r;
}

// ---- outgoing queue (agency admin) ----

interface OutboxRow {
  id: string;
  kind: string;
  to_address: string;
  to_name: string | null;
  subject: string;
  status: string;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
  created_at: Date;
  message_id: string;
  document_id: string | null;
  job_id: number | null;
  job_status: string | null;
  job_error: string | null;
  run_at: Date | null;
}

function stateOf(r: OutboxRow): string {
  if (r.status !== 'queued') return r.status;
  if (r.job_status === 'dead') return 'failed';
  if (r.job_status === 'running') return 'sending';
  if (r.attempts > 0) return 'retrying';
  return 'queued';
}

export async function listOutbox(
  ctx: Ctx,
  q: { state?: 'pending' | 'failed' | 'sent' | 'cancelled'; limit: number; cursor?: string },
) {
  const agencyId = agencyOf(ctx);
  const after = decodeCursor(q.cursor, 1) as [string] | null;
  const filter =
    q.state === 'pending'
      ? sql`AND o.status = 'queued' AND coalesce(j.status, '') <> 'dead'`
      : q.state === 'failed'
        ? sql`AND o.status = 'queued' AND j.status = 'dead'`
        : q.state
          ? sql`AND o.status = ${q.state}`
          : sql``;
  const r = await rows<OutboxRow>(
    ctx.db,
    sql`SELECT o.id, o.kind, o.to_address, o.to_name, o.subject, o.status, o.attempts, o.last_error, o.sent_at,
               o.created_at, o.message_id, o.document_id, j.id AS job_id, j.status AS job_status,
               j.last_error AS job_error, j.run_at
          FROM mail_outbox o LEFT JOIN ${jobRowsSql} j ON j.dedupe_key = 'mail.send:' || o.id::text
         WHERE o.agency_id = ${agencyId} ${filter} ${after ? sql`AND o.id < ${after[0]}` : sql``}
         ORDER BY o.id DESC LIMIT ${q.limit + 1}`,
  );
  const page = paginate(r, q.limit, (x) => [x.id]);
  const items = page.items.map((x) => ({
    id: x.id,
    kind: x.kind,
    toAddress: x.to_address,
    toName: x.to_name,
    subject: x.subject,
    state: stateOf(x),
    attempts: x.attempts,
    lastError: x.status === 'sent' ? null : (x.last_error ?? x.job_error),
    nextAttemptAt:
      x.status === 'queued' && x.job_status === 'queued' && x.run_at
        ? new Date(x.run_at).toISOString()
        : null,
    sentAt: x.sent_at ? new Date(x.sent_at).toISOString() : null,
    createdAt: new Date(x.created_at).toISOString(),
    messageId: x.message_id,
    documentId: x.document_id,
  }));
  return { items, nextCursor: page.nextCursor };
}

async function outboxRow(ctx: Ctx, id: string) {
  const [o] = await ctx.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.id, id), eq(mailOutbox.agencyId, agencyOf(ctx))))
    .for('update');
  if (!o) throw notFound('Thư');
  const job = await jobByDedupeKey(ctx.db, sendKey(id));
  return { o, job };
}

/** Sends a failed or cancelled mail again, now. */
export async function retryMail(ctx: Ctx, id: string) {
  return inTx(ctx, async (c) => {
    const { o, job } = await outboxRow(c, id);
    if (o.status === 'sent') throw new AppError('conflict', 'Thư đã được gửi.');
    if (job?.status === 'running') throw new AppError('conflict', 'Thư đang được gửi.');
    await c.db.update(mailOutbox).set({ status: 'queued' }).where(eq(mailOutbox.id, id));
    if (!job || !(await retryJob(c.db, job.id)))
      throw new AppError('conflict', 'Không gửi lại được thư này.');
    await audit(c.db, c.actor, { action: 'mail.outbox.retry', entityType: 'mail_outbox', entityId: id });
  });
}

export async function cancelMail(ctx: Ctx, id: string) {
  return inTx(ctx, async (c) => {
    const { o, job } = await outboxRow(c, id);
    if (o.status !== 'queued') throw new AppError('conflict', 'Chỉ hủy được thư đang chờ gửi.');
    if (job?.status === 'running') throw new AppError('conflict', 'Thư đang được gửi, không hủy được.');
    await c.db.update(mailOutbox).set({ status: 'cancelled' }).where(eq(mailOutbox.id, id));
    if (job) await cancelJob(c.db, job.id);
    await audit(c.db, c.actor, { action: 'mail.outbox.cancel', entityType: 'mail_outbox', entityId: id });
  });
}

// ---- candidates (the clerk's "from mail" list) ----

export type CandidateRow = typeof mailCandidates.$inferSelect;

export function presentCandidate(c: CandidateRow) {
  return {
    id: c.id,
    status: c.status as 'new' | 'registered' | 'dismissed' | 'broken',
    fromAddress: c.fromAddress,
    fromName: c.fromName,
    subject: c.subject,
    bodyText: c.bodyText,
    sentAt: c.sentAt?.toISOString() ?? null,
    receivedAt: c.receivedAt.toISOString(),
    files: c.files,
    skippedFiles: c.skippedFiles,
    hasRaw: !!c.rawSha256,
    reason: c.reason,
    documentId: c.documentId,
    replyToDocumentId: c.replyToDocumentId,
  };
}

export async function listCandidates(
  ctx: Ctx,
  q: {
    status: 'waiting' | 'new' | 'broken' | 'registered' | 'dismissed';
    limit: number;
    cursor?: string;
    /** Replies to one of our outgoing documents, whatever their status (the document's page lists them). */
    replyTo?: string;
  },
) {
  requireClerk(ctx);
  const after = decodeCursor(q.cursor, 1) as [string] | null;
  const statuses = q.replyTo
    ? ['new', 'broken', 'registered', 'dismissed']
    : q.status === 'waiting'
      ? ['new', 'broken']
      : [q.status];
  const r = await ctx.db
    .select()
    .from(mailCandidates)
    .where(
      and(
        eq(mailCandidates.agencyId, agencyOf(ctx)),
        inArray(mailCandidates.status, statuses),
        q.replyTo ? eq(mailCandidates.replyToDocumentId, q.replyTo) : undefined,
        after ? lt(mailCandidates.id, after[0]) : undefined,
      ),
    )
    .orderBy(desc(mailCandidates.id))
    .limit(q.limit + 1);
  return paginate(r, q.limit, (c) => [c.id]);
}

export async function loadCandidate(ctx: Ctx, id: string, forUpdate = false) {
  requireClerk(ctx);
  const q = ctx.db
    .select()
    .from(mailCandidates)
    .where(and(eq(mailCandidates.id, id), eq(mailCandidates.agencyId, agencyOf(ctx))));
  const [c] = forUpdate ? await q.for('update') : await q;
  if (!c) throw notFound('Thư');
  return c;
}

/**
 * Registers a candidate as an incoming document in one step, with the documents module's own rule
 * (arrival number, duplicates warning, submission to a leader); the candidate keeps the document id.
 */
export async function registerCandidate(ctx: Ctx, id: string, input: RegisterCandidateInput) {
  return inTx(ctx, async (c) => {
    const cand = await loadCandidate(c, id, true);
    if (cand.status !== 'new' && cand.status !== 'broken')
      throw new AppError('conflict', 'Thư này đã được xử lý.');
    const own = new Map(cand.files.map((f) => [f.sha256, f]));
    const files =
      input.files ??
      cand.files.map((f, i) => ({
        sha256: f.sha256,
        fileName: f.fileName,
        role: i === 0 ? ('main' as const) : ('attachment' as const),
      }));
    for (const f of files)
      if (!own.has(f.sha256))
        throw new AppError('validation_failed', `Tệp “${f.fileName}” không thuộc thư này.`);
    const doc = await registerIncoming(c, { ...input, files }, { source: 'email' });
    await c.db
      .update(mailCandidates)
      .set({ status: 'registered', documentId: doc.id, decidedById: c.actor.personId, decidedAt: c.now() })
      .where(eq(mailCandidates.id, id));
    await audit(c.db, c.actor, {
      action: 'mail.candidate.register',
      entityType: 'mail_candidate',
      entityId: id,
      detail: { documentId: doc.id, arrivalNumber: doc.arrivalNumber, messageId: cand.messageId },
    });
    return doc;
  });
}

export async function dismissCandidate(ctx: Ctx, id: string, reason: string) {
  return inTx(ctx, async (c) => {
    const cand = await loadCandidate(c, id, true);
    if (cand.status !== 'new' && cand.status !== 'broken')
      throw new AppError('conflict', 'Thư này đã được xử lý.');
    await c.db
      .update(mailCandidates)
      .set({
        status: 'dismissed',
        reason: cand.reason ? `${reason}\n(${cand.reason})` : reason,
        decidedById: c.actor.personId,
        decidedAt: c.now(),
      })
      .where(eq(mailCandidates.id, id));
    await audit(c.db, c.actor, {
      action: 'mail.candidate.dismiss',
      entityType: 'mail_candidate',
      entityId: id,
      detail: { reason, messageId: cand.messageId },
    });
  });
}

// ---- preferences (each person) ----

export async function getPreferences(ctx: Ctx) {
  const p = (await contactsOf(ctx.db, [ctx.actor.personId])).get(ctx.actor.personId);
  const set = await ctx.db
    .select()
    .from(mailPreferences)
    .where(eq(mailPreferences.personId, ctx.actor.personId));
  const byKind = new Map(set.map((s) => [s.kind, s.mode]));
  return {
    email: p?.email ?? null,
    items: NOTICE_CATEGORIES.map((kind) => ({ kind, mode: (byKind.get(kind) ?? 'immediate') as NoticeMode })),
  };
}

export async function setPreferences(ctx: Ctx, items: { kind: string; mode: NoticeMode }[]) {
  await inTx(ctx, async (c) => {
    for (const it of items)
      await c.db
        .insert(mailPreferences)
        .values({ personId: c.actor.personId, kind: it.kind, mode: it.mode })
        .onConflictDoUpdate({
          target: [mailPreferences.personId, mailPreferences.kind],
          set: { mode: it.mode, updatedAt: c.now() },
        });
    await audit(c.db, c.actor, {
      action: 'mail.preferences',
      entityType: 'person',
      entityId: c.actor.personId,
      detail: { items },
    });
  });
  return getPreferences(ctx);
}

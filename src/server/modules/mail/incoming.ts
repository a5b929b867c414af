import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { simpleParser } from 'mailparser';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { type BlobStore, saveBlob } from '../../platform/blobs/index.ts';
import { AppError } from '../../platform/http/errors.ts';
import { defineJob, enqueue } from '../../platform/jobs/index.ts';
import { enqueuePdfVerification } from '../signatures/index.ts';
import { describeError, imapClient, loadAccountById, type MailAccount } from './accounts.ts';
import { type CandidateFile, mailAccounts, mailCandidates, mailOutbox } from './schema.ts';

/** The whole raw message is kept as evidence up to this size (larger ones are set aside unread). */
export const RAW_MAX_BYTES = 200 * 1024 * 1024;

// Charsets libmime decodes through encoding-japanese rather than iconv-lite.
const EXTRA_CHARSETS = new Set(['iso-2022-jp', 'iso2022jp', 'shift_jis', 'sjis', 'euc-jp', 'eucjp', 'jis']);

/** Charsets named in the message (MIME parameters and encoded words) that no decoder knows. */
export function unknownCharsets(raw: Buffer): string[] {
  // Headers and MIME part headers are ASCII; latin1 keeps every byte addressable.
  const text = raw.toString('latin1');
  const names = new Set<string>();
  for (const m of text.matchAll(/charset\s*=\s*"?([^";\s]+)"?/gi)) names.add(m[1]!.toLowerCase());
  for (const m of text.matchAll(/=\?([^?*\s]+)(?:\*[^?]*)?\?[bqBQ]\?/g)) names.add(m[1]!.toLowerCase());
  return [...names].filter((n) => !iconv.encodingExists(n) && !EXTRA_CHARSETS.has(n));
}

/** Multipart boundaries declared but never closed, or multipart without a boundary. */
export function mimeProblems(raw: Buffer): string[] {
  const text = raw.toString('latin1');
  const problems: string[] = [];
  for (const m of text.matchAll(/content-type:\s*multipart\/[a-z-]+([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/gi)) {
    const params = m[1] ?? '';
    const b = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(params);
    const boundary = b?.[1] ?? b?.[2];
    if (!boundary) problems.push('Phần nhiều thành phần (multipart) không khai báo ranh giới (boundary).');
    else if (!text.includes(`--${boundary}--`))
      problems.push(`Ranh giới MIME “${boundary}” không được đóng; thư có thể bị cắt cụt.`);
  }
  return problems;
}

export interface ImportResult {
  outcome: 'new' | 'broken' | 'duplicate' | 'skipped';
  candidateId?: string;
  reason?: string;
}

/**
 * Turns one raw message into a candidate of the agency's "from mail" list. Never throws for a bad
 * message: what cannot be read is set aside (status broken) with its reason and the raw message kept.
 * The same message is never imported twice: unique (agency, Message-ID) and (agency, content hash).
 */
export async function importMessage(
  db: Db,
  blobs: BlobStore,
  account: MailAccount,
  raw: Buffer,
  meta: { uid?: number; internalDate?: Date } = {},
): Promise<ImportResult> {
  const contentHash = createHash('sha256').update(raw).digest('hex');
  const seen = await db
    .select({ id: mailCandidates.id })
    .from(mailCandidates)
    .where(and(eq(mailCandidates.agencyId, account.agencyId), eq(mailCandidates.contentHash, contentHash)));
  if (seen.length) return { outcome: 'duplicate', candidateId: seen[0]!.id };

  const reasons: string[] = [];
  let parsed: Awaited<ReturnType<typeof simpleParser>> | null = null;
  try {
    parsed = await simpleParser(raw, {
      skipImageLinks: true,
      skipTextToHtml: true,
      maxHtmlLengthToParse: 5_000_000,
    });
  } catch (e) {
    reasons.push(`Không đọc được cấu trúc thư (MIME): ${describeError(e)}`);
  }
  reasons.push(...mimeProblems(raw));
  const unknown = unknownCharsets(raw);
  if (unknown.length)
    reasons.push(`Bảng mã không xác định: ${unknown.join(', ')}; nội dung có thể hiển thị sai.`);

  const headerId =
    parsed?.messageId ?? /^message-id:\s*(\S+)/im.exec(raw.subarray(0, 65536).toString('latin1'))?.[1];
  const messageId = headerId?.trim() || `<no-id.${contentHash}@lienthong.invalid>`;
  const dupId = await db
    .select({ id: mailCandidates.id })
    .from(mailCandidates)
    .where(and(eq(mailCandidates.agencyId, account.agencyId), eq(mailCandidates.messageId, messageId)));
  if (dupId.length) return { outcome: 'duplicate', candidateId: dupId[0]!.id };

  // Attachments: stored in the blob store (content-addressed); oversize ones set the message aside.
  const files: CandidateFile[] = [];
  const skippedFiles: { fileName: string; reason: string }[] = [];
  const attachments = parsed?.attachments ?? [];
  for (const [i, a] of attachments.entries()) {
    const fileName = a.filename?.trim() || `tep-dinh-kem-${i + 1}`;
    if (a.size > account.maxAttachmentBytes) {
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
      reasons.push(
        `Tệp đính kèm “${fileName}” quá lớn (${mb(a.size)}, giới hạn ${mb(account.maxAttachmentBytes)}).`,
      );
      skippedFiles.push({ fileName, reason: 'quá lớn' });
      continue;
    }
    try {
      const b = await saveBlob(db, blobs, Readable.from(a.content), {
        declaredType: a.contentType,
        maxBytes: account.maxAttachmentBytes,
      });
      files.push({ sha256: b.sha256, fileName, mediaType: b.mediaType, size: b.size });
    } catch (e) {
      skippedFiles.push({ fileName, reason: e instanceof AppError ? e.detail : describeError(e) });
    }
  }

  // The raw message, as received, is kept (evidence of arrival; the clerk can open it).
  let rawSha256: string | null = null;
  if (raw.length <= RAW_MAX_BYTES) {
    try {
      rawSha256 = (
        await saveBlob(db, blobs, Readable.from(raw), {
          declaredType: 'message/rfc822',
          maxBytes: RAW_MAX_BYTES,
        })
      ).sha256;
    } catch (e) {
      reasons.push(`Không lưu được bản gốc của thư: ${describeError(e)}`);
    }
  }

  // A reply to a document we sent by mail: our Message-ID in In-Reply-To or References.
  const refs = [
    parsed?.inReplyTo,
    ...(Array.isArray(parsed?.references)
      ? parsed.references
      : parsed?.references
        ? [parsed.references]
        : []),
  ].filter((x): x is string => !!x);
  let replyToDocumentId: string | null = null;
  if (refs.length) {
    const [o] = await db
      .select({ documentId: mailOutbox.documentId })
      .from(mailOutbox)
      .where(
        and(
          eq(mailOutbox.agencyId, account.agencyId),
          inArray(mailOutbox.messageId, refs),
          isNotNull(mailOutbox.documentId),
        ),
      )
      .limit(1);
    replyToDocumentId = o?.documentId ?? null;
  }

  const broken = reasons.length > 0;
  if (!broken && files.length === 0 && !replyToDocumentId) {
    // Only messages that carry a document become candidates; the rest stay in the mailbox untouched.
    return { outcome: 'skipped', reason: 'Thư không có tệp đính kèm.' };
  }
  const from = parsed?.from?.value[0];
  const inserted = await db
    .insert(mailCandidates)
    .values({
      agencyId: account.agencyId,
      accountId: account.id,
      messageId,
      contentHash,
      imapUid: meta.uid ?? null,
      fromAddress: from?.address ?? null,
      // NFC: windows-1258 (and some mailers) spell Vietnamese with combining tone marks.
      fromName: from?.name?.normalize('NFC') || null,
      subject: (parsed?.subject ?? '').normalize('NFC').slice(0, 1000),
      bodyText: (parsed?.text ?? '').normalize('NFC').slice(0, 100_000),
      sentAt:
        parsed?.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : (meta.internalDate ?? null),
      files,
      skippedFiles,
      rawSha256,
      rawSize: raw.length,
      replyToDocumentId,
      status: broken ? 'broken' : 'new',
      reason: broken ? reasons.join('\n').slice(0, 4000) : null,
    })
    .onConflictDoNothing()
    .returning({ id: mailCandidates.id });
  if (inserted.length === 0) return { outcome: 'duplicate' };
  // Signed PDFs among the attachments are verified before the clerk looks (signatures module).
  await enqueuePdfVerification(db, files);
  return {
    outcome: broken ? 'broken' : 'new',
    candidateId: inserted[0]!.id,
    reason: reasons.join('\n') || undefined,
  };
}

export interface PollSummary {
  fetched: number;
  created: number;
  broken: number;
  duplicates: number;
  skipped: number;
}

/**
 * Reads new messages of the official mailbox (UIDs above the last one seen; all again when
 * UIDVALIDITY changes, the content hash then keeps them from being imported twice). The mailbox is
 * opened read-only: nothing is flagged or moved, the clerks' own mail client sees it unchanged.
 * The result (or error) is recorded on the account for the admin screen; a failure never throws.
 */
export async function pollAccount(db: Db, config: Config, blobs: BlobStore, account: MailAccount) {
  const summary: PollSummary = { fetched: 0, created: 0, broken: 0, duplicates: 0, skipped: 0 };
  const client = imapClient(config, account);
  client.on('error', () => {});
  let lastUid = account.lastUid;
  let uidValidity = account.uidValidity;
  try {
    await client.connect();
    const lock = await client.getMailboxLock(account.mailbox, { readOnly: true });
    try {
      const mb = client.mailbox;
      const validity = mb ? Number(mb.uidValidity) : null;
      if (validity !== uidValidity) {
        uidValidity = validity;
        lastUid = 0;
      }
      const found = (await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [];
      const uids = found.filter((u) => u > lastUid).sort((a, b) => a - b);
      for (const uid of uids) {
        const msg = await client.fetchOne(String(uid), { source: true, internalDate: true }, { uid: true });
        if (msg !== false && msg?.source) {
          summary.fetched++;
          const internalDate = msg.internalDate ? new Date(msg.internalDate) : undefined;
          const r = await importMessage(db, blobs, account, msg.source, { uid, internalDate });
          if (r.outcome === 'new') summary.created++;
          else if (r.outcome === 'broken') summary.broken++;
          else if (r.outcome === 'duplicate') summary.duplicates++;
          else summary.skipped++;
        }
        lastUid = uid;
        // Progress is saved message by message: an interrupted poll resumes where it stopped.
        await db.update(mailAccounts).set({ lastUid, uidValidity }).where(eq(mailAccounts.id, account.id));
      }
    } finally {
      lock.release();
    }
    await client.logout();
    await db
      .update(mailAccounts)
      .set({
        lastUid,
        uidValidity,
        lastPollAt: new Date(),
        lastPollStatus: 'ok',
        lastPollSummary: `Đọc ${summary.fetched} thư mới: ${summary.created} chờ vào sổ, ${summary.broken} để riêng, ${summary.duplicates} trùng, ${summary.skipped} không có tệp.`,
      })
      .where(eq(mailAccounts.id, account.id));
    return { ok: true as const, summary };
  } catch (e) {
    client.close();
    const msg = describeError(e);
    await db
      .update(mailAccounts)
      .set({ lastPollAt: new Date(), lastPollStatus: 'error', lastError: msg, lastErrorAt: new Date() })
      .where(eq(mailAccounts.id, account.id));
    return { ok: false as const, summary, error: msg };
  }
}

/** Polls one account (enqueued by the schedule, by IDLE, or by the admin's "poll now"). */
export const pollJob = defineJob('mail.poll', z.object({ accountId: z.uuid() }), ({ config, blobs }) => {
  return {
    transactional: false,
    run: async ({ db, job }) => {
      const account = await loadAccountById(db, job.payload.accountId);
      if (!account?.pollEnabled) return;
      await pollAccount(db, config, blobs, account);
    },
  };
});

/** The schedule's tick: one poll job per enabled account (one per account and minute at most). */
export const pollAllJob = defineJob('mail.poll_all', z.object({}), {
  run: async ({ db }) => {
    const list = await db
      .select({ id: mailAccounts.id })
      .from(mailAccounts)
      .where(eq(mailAccounts.pollEnabled, true));
    const minute = new Date().toISOString().slice(0, 16);
    for (const a of list)
      await enqueue(
        db,
        pollJob,
        { accountId: a.id },
        { dedupeKey: `mail.poll:${a.id}:${minute}`, maxAttempts: 1 },
      );
  },
});

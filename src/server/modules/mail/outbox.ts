import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { type Db, rows } from '../../db/client.ts';
import { defineJob, enqueue } from '../../platform/jobs/index.ts';
import { currentFiles, findDelivery, findDocument, markDelivery } from '../documents/index.ts';
import { findNotices } from '../notifications/index.ts';
import { contactsOf, primaryAgencyOf } from '../people/index.ts';
import {
  describeError,
  domainOf,
  loadAccount,
  type MailAccount,
  signatureOf,
  smtpTransport,
} from './accounts.ts';
import { mailDigestItems, mailOutbox, mailPreferences, type OutboxAttachment } from './schema.ts';
import { categoryOf, digestMail, documentMail, noticeMail } from './templates.ts';

/** Sending is retried with backoff (2 s, 4 s … capped at 1 h) for about two days before dead-lettering. */
export const SEND_MAX_ATTEMPTS = 60;

export interface NewMail {
  agencyId: string;
  kind: 'notice' | 'digest' | 'document' | 'test';
  personId?: string | null;
  toAddress: string;
  toName?: string | null;
  subject: string;
  bodyText: string;
  attachments?: OutboxAttachment[];
  documentId?: string | null;
  deliveryId?: string | null;
  /** The same source (notice, delivery, digest) is queued at most once. */
  sourceKey?: string;
}

/**
 * Writes an outgoing mail and its `mail.send` job in the caller's transaction: the mail exists iff the
 * change that caused it commits. Returns the outbox id, or null when the source was queued before.
 */
export async function queueMail(db: Db, account: MailAccount, m: NewMail): Promise<string | null> {
  const id = uuidv7();
  const inserted = await db
    .insert(mailOutbox)
    .values({
      id,
      agencyId: m.agencyId,
      kind: m.kind,
      personId: m.personId ?? null,
      toAddress: m.toAddress,
      toName: m.toName ?? null,
      subject: m.subject,
      bodyText: m.bodyText,
      attachments: m.attachments ?? [],
      messageId: `<lt.${id}@${domainOf(account.address)}>`,
      documentId: m.documentId ?? null,
      deliveryId: m.deliveryId ?? null,
      sourceKey: m.sourceKey ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: mailOutbox.id });
  if (inserted.length === 0) return null;
  await enqueue(db, sendJob, { outboxId: id }, { dedupeKey: sendKey(id), maxAttempts: SEND_MAX_ATTEMPTS });
  return id;
}

export const sendKey = (outboxId: string) => `mail.send:${outboxId}`;

/**
 * Sends one outgoing mail over SMTP. Not transactional (no database transaction is held open during
 * the network call): the row is read, the mail sent, then marked sent only if still queued. A server
 * that is down or refuses makes the job fail and retry with backoff; the mail is never dropped.
 * The one window for a duplicate is a crash after the server accepted the mail and before the row is
 * marked: the retry then carries the same Message-ID, which receiving systems use to discard it.
 */
export const sendJob = defineJob('mail.send', z.object({ outboxId: z.uuid() }), ({ config, blobs }) => {
  return {
    transactional: false,
    run: async ({ db, job }) => {
      const outboxId = job.payload.outboxId;
      const [m] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, outboxId));
      if (m?.status !== 'queued') return;
      if (m.deliveryId) {
        // A document recalled before its mail left is not sent.
        const d = await findDelivery(db, m.deliveryId);
        if (d?.status === 'recalled') {
          await db
            .update(mailOutbox)
            .set({ status: 'cancelled', lastError: 'Văn bản đã bị thu hồi trước khi gửi.' })
            .where(and(eq(mailOutbox.id, outboxId), eq(mailOutbox.status, 'queued')));
          return;
        }
      }
      await db
        .update(mailOutbox)
        .set({ attempts: sql`${mailOutbox.attempts} + 1` })
        .where(eq(mailOutbox.id, outboxId));
      const account = await loadAccount(db, m.agencyId);
      if (!account) throw new Error('Cơ quan chưa cấu hình hộp thư công vụ.');
      const transport = smtpTransport(config, account);
      let response: string;
      try {
        const attachments = [];
        for (const a of m.attachments)
          attachments.push({
            filename: a.fileName,
            contentType: a.mediaType,
            content: await blobs.get(a.sha256),
          });
        const info = await transport.sendMail({
          from: { name: account.displayName, address: account.address },
          to: m.toName ? { name: m.toName, address: m.toAddress } : m.toAddress,
          subject: m.subject,
          text: m.bodyText,
          messageId: m.messageId,
          headers: {
            'X-LienThong-Mail': outboxId,
            ...(m.documentId ? { 'X-LienThong-Document': m.documentId } : {}),
            ...(m.kind !== 'document' ? { 'Auto-Submitted': 'auto-generated' } : {}),
          },
          attachments,
        });
        response = String(info.response ?? '');
      } catch (e) {
        await db
          .update(mailOutbox)
          .set({ lastError: describeError(e) })
          .where(eq(mailOutbox.id, outboxId));
        throw e;
      } finally {
        transport.close();
      }
      await db.transaction(async (tx) => {
        const done = await tx
          .update(mailOutbox)
          .set({ status: 'sent', sentAt: new Date(), smtpResponse: response.slice(0, 500), lastError: null })
          .where(and(eq(mailOutbox.id, outboxId), eq(mailOutbox.status, 'queued')))
          .returning({ id: mailOutbox.id });
        if (done.length && m.deliveryId)
          await markDelivery(tx, m.deliveryId, 'sent', `Đã gửi tới ${m.toAddress}`);
      });
    },
  };
});

/** The mode a person chose for a kind of notice (no row = immediate). */
export async function modeFor(db: Db, personId: string, kind: string) {
  const [p] = await db
    .select({ mode: mailPreferences.mode })
    .from(mailPreferences)
    .where(and(eq(mailPreferences.personId, personId), eq(mailPreferences.kind, categoryOf(kind))));
  return p?.mode ?? 'immediate';
}

/**
 * Mail for new notices (enqueued by notifications.notify in the same transaction): per person and kind,
 * at once, into the daily digest, or not at all. People without an address or whose agency has no
 * mailbox keep the bell only.
 */
export const noticeJob = defineJob('mail.notice', z.object({ ids: z.array(z.uuid()) }), ({ config }) => {
  return {
    // A burst of arrivals gives a notice job per document: they go together, one transaction.
    batch: {
      max: 100,
      run: async ({ db, jobs }) => {
        await sendNotices(
          db,
          config,
          jobs.flatMap((j) => j.payload.ids),
        );
        return undefined;
      },
    },
  };
});

/** Mails (now, or into the digest) the notices whose people want them by e-mail. */
async function sendNotices(db: Db, config: Config, ids: string[]) {
  if (ids.length === 0) return;
  const notices = await findNotices(db, ids);
  const contacts = await contactsOf(
    db,
    notices.map((n) => n.personId),
  );
  const list = notices.flatMap((n) => {
    const c = contacts.get(n.personId);
    return c ? [{ n, email: c.email, fullName: c.fullName }] : [];
  });
  // The same few clerks get most notices of a burst: look each person, kind and agency up once.
  const modes = new Map<string, Awaited<ReturnType<typeof modeFor>>>();
  const agencyOf = new Map<string, string | null | undefined>();
  const accounts = new Map<string, MailAccount | undefined>();
  for (const { n, email, fullName } of list) {
    if (!email) continue;
    const modeKey = `${n.personId}|${n.kind}`;
    if (!modes.has(modeKey)) modes.set(modeKey, await modeFor(db, n.personId, n.kind));
    const mode = modes.get(modeKey);
    if (mode === 'off') continue;
    if (!agencyOf.has(n.personId)) agencyOf.set(n.personId, await primaryAgencyOf(db, n.personId));
    const agencyId = agencyOf.get(n.personId);
    if (!agencyId) continue;
    if (!accounts.has(agencyId)) accounts.set(agencyId, await loadAccount(db, agencyId));
    const account = accounts.get(agencyId);
    if (!account) continue;
    if (mode === 'digest') {
      await db
        .insert(mailDigestItems)
        .values({ notificationId: n.id, personId: n.personId })
        .onConflictDoNothing();
      continue;
    }
    const mail = noticeMail(n, { fullName }, await signatureOf(db, account), config.PUBLIC_URL);
    await queueMail(db, account, {
      agencyId,
      kind: 'notice',
      personId: n.personId,
      toAddress: email,
      toName: fullName,
      ...mail,
      sourceKey: `notice:${n.id}`,
    });
  }
}

/** The daily digest: one mail per person gathering the notices they chose to receive that way. */
export const digestJob = defineJob('mail.digest', z.object({}), ({ config }) => {
  return {
    run: async ({ db }) => {
      const pending = await rows<{ person_id: string }>(
        db,
        sql`SELECT DISTINCT person_id FROM mail_digest_items WHERE outbox_id IS NULL`,
      );
      for (const { person_id: personId } of pending) {
        const waiting = await db
          .select({ id: mailDigestItems.notificationId })
          .from(mailDigestItems)
          .where(and(eq(mailDigestItems.personId, personId), isNull(mailDigestItems.outboxId)));
        // The notices themselves are the notifications module's rows, oldest first.
        const items = (
          await findNotices(
            db,
            waiting.map((w) => w.id),
          )
        )
          .slice(0, 500)
          .map((n) => ({ n }));
        const person = (await contactsOf(db, [personId])).get(personId);
        const agencyId = await primaryAgencyOf(db, personId);
        const account = agencyId ? await loadAccount(db, agencyId) : undefined;
        if (!person?.email || !account || items.length === 0) continue;
        const mail = digestMail(
          items.map((i) => i.n),
          person,
          await signatureOf(db, account),
          config.PUBLIC_URL,
        );
        const outboxId = await queueMail(db, account, {
          agencyId: account.agencyId,
          kind: 'digest',
          personId,
          toAddress: person.email,
          toName: person.fullName,
          ...mail,
          sourceKey: `digest:${personId}:${items[0]!.n.id}`,
        });
        if (outboxId)
          await db
            .update(mailDigestItems)
            .set({ outboxId })
            .where(
              inArray(
                mailDigestItems.notificationId,
                items.map((i) => i.n.id),
              ),
            );
      }
    },
  };
});

/**
 * A released document to an outside recipient by e-mail (enqueued by documents' release): its
 * current files attached; its Message-ID is what ties a reply back to the document.
 */
export const documentJob = defineJob('mail.document', z.object({ deliveryId: z.uuid() }), {
  run: async ({ db, job }) => {
    const deliveryId = job.payload.deliveryId;
    const d = await findDelivery(db, deliveryId);
    if (!d?.recipientEmail || d.status === 'recalled') return;
    const doc = await findDocument(db, d.documentId);
    if (doc?.secrecy !== 'normal') return; // secret documents never travel by mail
    const account = await loadAccount(db, doc.agencyId);
    if (!account) throw new Error('Cơ quan chưa cấu hình hộp thư công vụ; không gửi được văn bản qua thư.');
    const files = (await currentFiles(db, [doc.id])).get(doc.id) ?? [];
    const mail = documentMail(
      doc,
      { name: d.recipientName },
      files.map((f) => f.fileName),
      await signatureOf(db, account),
    );
    await queueMail(db, account, {
      agencyId: doc.agencyId,
      kind: 'document',
      toAddress: d.recipientEmail,
      toName: d.recipientName,
      ...mail,
      attachments: files.map((f) => ({ sha256: f.sha256, fileName: f.fileName, mediaType: f.mediaType })),
      documentId: doc.id,
      deliveryId: d.id,
      sourceKey: `delivery:${d.id}`,
    });
  },
});

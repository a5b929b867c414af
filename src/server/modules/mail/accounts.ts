import { eq } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { decryptSecret, mailKey } from '../../platform/crypto/index.ts';
import { findAgency } from '../agencies/index.ts';
import { mailAccounts } from './schema.ts';
import type { SignatureSource } from './templates.ts';

export type MailAccount = typeof mailAccounts.$inferSelect;

export async function loadAccount(db: Db, agencyId: string): Promise<MailAccount | undefined> {
  const [a] = await db.select().from(mailAccounts).where(eq(mailAccounts.agencyId, agencyId));
  return a;
}

export async function loadAccountById(db: Db, id: string): Promise<MailAccount | undefined> {
  const [a] = await db.select().from(mailAccounts).where(eq(mailAccounts.id, id));
  return a;
}

export function secretOf(config: Config, a: MailAccount): string {
  return decryptSecret(mailKey(config), a.secretEnc);
}

/** One SMTP transport per send: no pooled connection outlives a failure. Timeouts stay below the job lease. */
export function smtpTransport(config: Config, a: MailAccount) {
  return nodemailer.createTransport({
    host: a.smtpHost,
    port: a.smtpPort,
    secure: a.smtpSecurity === 'tls',
    requireTLS: a.smtpSecurity === 'starttls',
    ignoreTLS: a.smtpSecurity === 'none',
    auth: { user: a.username, pass: secretOf(config, a) },
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
  });
}

export function imapClient(config: Config, a: MailAccount) {
  return new ImapFlow({
    host: a.imapHost,
    port: a.imapPort,
    secure: a.imapSecurity === 'tls',
    doSTARTTLS: a.imapSecurity === 'starttls' ? true : a.imapSecurity === 'none' ? false : undefined,
    auth: { user: a.username, pass: secretOf(config, a) },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 300_000,
  });
}

export async function signatureOf(db: Db, a: MailAccount): Promise<SignatureSource> {
  const agency = await findAgency(db, a.agencyId);
  return {
    signature: a.signature,
    agencyName: agency?.name ?? a.displayName,
    agencyAddress: agency?.address ?? null,
    address: a.address,
  };
}

/** The domain our Message-IDs use: the mailbox's own domain. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at >= 0 ? address.slice(at + 1) : 'lienthong.invalid';
}

/** Logs in to IMAP and checks SMTP (EHLO + AUTH), without sending anything. */
export async function testConnection(config: Config, a: MailAccount) {
  const result = { imap: { ok: false, detail: '' }, smtp: { ok: false, detail: '' } };
  const client = imapClient(config, a);
  client.on('error', () => {});
  try {
    await client.connect();
    const st = (await client.status(a.mailbox, { messages: true, unseen: true })) || {
      messages: 0,
      unseen: 0,
    };
    result.imap = {
      ok: true,
      detail: `Đăng nhập được; hộp ${a.mailbox} có ${st.messages ?? 0} thư (${st.unseen ?? 0} chưa đọc). IDLE: ${client.capabilities.has('IDLE') ? 'có' : 'không'}.`,
    };
  } catch (e) {
    result.imap = { ok: false, detail: describeError(e) };
  } finally {
    await client.logout().catch(() => client.close());
  }
  const t = smtpTransport(config, a);
  try {
    await t.verify();
    result.smtp = { ok: true, detail: 'Máy chủ gửi thư chấp nhận đăng nhập.' };
  } catch (e) {
    result.smtp = { ok: false, detail: describeError(e) };
  } finally {
    t.close();
  }
  return result;
}

export function describeError(e: unknown): string {
  const err = e as { message?: string; code?: string; responseText?: string; response?: string };
  const parts = [err.message, err.code, err.responseText ?? err.response].filter(Boolean);
  return [...new Set(parts)].join(' — ').slice(0, 1000) || String(e);
}

import type { Db } from '../../db/client.ts';
import { homeAgencyId } from '../agencies/index.ts';
import { loadAccount } from './accounts.ts';
import { queueMail } from './outbox.ts';
import type { OutboxAttachment } from './schema.ts';

/** A mail to someone outside the agencies (an applicant, a citizen), sent from an agency's mailbox. */
export interface OutsideMail {
  /** The agency it comes from; its official mailbox sends it, else the province's (the root agency's). */
  agencyId: string | null;
  toAddress: string;
  toName?: string | null;
  subject: string;
  bodyText: string;
  attachments?: OutboxAttachment[];
  /** The same source (a dossier's status change, a sign-in code) is queued at most once. */
  sourceKey: string;
}

/**
 * Queues a mail to an outside address in the caller's transaction (it exists iff the change commits),
 * from the agency's official mailbox or the province's. Returns the outbox id, null when it was queued
 * before, or 'no_account' when neither mailbox is set up (the caller decides what that means).
 */
export async function queueOutsideMail(db: Db, m: OutsideMail): Promise<string | null | 'no_account'> {
  let agencyId = m.agencyId;
  let account = agencyId ? await loadAccount(db, agencyId) : undefined;
  if (!account) {
    agencyId = await homeAgencyId(db);
    account = agencyId ? await loadAccount(db, agencyId) : undefined;
  }
  if (!account || !agencyId) return 'no_account';
  return queueMail(db, account, {
    agencyId,
    kind: 'notice',
    toAddress: m.toAddress,
    toName: m.toName ?? null,
    subject: m.subject,
    bodyText: m.bodyText,
    attachments: m.attachments ?? [],
    sourceKey: m.sourceKey,
  });
}

import { createHmac } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { vnDate, WorkingCalendar } from '../../../shared/calendar/index.ts';
import {
  addLimit,
  classifyLimit,
  type DeclaredKind,
  type FeedbackChannel,
  type SenderKind,
} from '../../../shared/feedback/rules.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { tokenHash } from '../../platform/auth/tokens.ts';
import { secretKey } from '../../platform/crypto/index.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { findAgency } from '../agencies/index.ts';
import { type SenderIdentity, sealIdentity, stripIdentity } from './identity.ts';
import {
  feedbackCounters,
  feedbackEvents,
  feedbackFiles,
  feedbackIdentities,
  feedbackItems,
} from './schema.ts';

/*
 * Receiving an item (online form, reception desk, post): its code from the agency's counter of the
 * day, its tracking secret, the sealed identity, the attachments and the first history row, in the
 * caller's transaction. A denunciation's text is stored stripped of the denouncer's details (the
 * original stays sealed with the identity).
 */

export type FeedbackItemRow = typeof feedbackItems.$inferSelect;

export interface NewFile {
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
  identifying?: boolean;
}

export interface NewItem {
  agencyId: string;
  declaredKind: DeclaredKind;
  channel: FeedbackChannel;
  senderKind: SenderKind;
  subject: string;
  content: string;
  field?: string | null;
  remote?: boolean;
  identity: SenderIdentity;
  publishConsent?: boolean;
  files: NewFile[];
  /** The public form's one-time token: a second post with it answers the first item. */
  formNonce?: string | null;
  receivedBy?: string | null;
  /** The day the letter arrived (post, desk): defaults to now. */
  receivedAt?: Date;
  now: Date;
  identityKey: Buffer;
  trackingKey: Buffer;
}

export interface CreatedItem {
  item: FeedbackItemRow;
  secret: string;
  created: boolean;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function feedbackTrackingKey(config: Pick<Config, 'dataDir'>): Buffer {
  return secretKey(process.env.FEEDBACK_TRACKING_KEY, config.dataDir, 'feedback-tracking.key');
}

/** The tracking secret, derived from the id (never stored; a retry answers the same one). */
export function itemSecret(key: Buffer, itemId: string): string {
  const mac = createHmac('sha256', key).update(`feedback-secret:${itemId}`).digest();
  let out = '';
  for (let i = 0; i < 10; i++) out += ALPHABET[(mac[i] ?? 0) % ALPHABET.length];
  return out;
}

export function itemSecretHash(secret: string): string {
  return tokenHash(secret.trim().toUpperCase().replace(/\s+/g, ''));
}

export function feedbackCode(agencyCode: string, day: string, n: number): string {
  const [y, m, d] = day.split('-');
  return `${agencyCode}-PA-${(y ?? '').slice(2)}${m}${d}-${String(n).padStart(4, '0')}`;
}

export const feedbackCalendar = () => new WorkingCalendar();

export async function createItem(tx: Db, n: NewItem): Promise<CreatedItem> {
  if (n.formNonce) {
    // Concurrent posts of one form wait for each other here; the second finds the first's item.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`feedback:${n.formNonce}`}, 0))`);
    const [had] = await tx.select().from(feedbackItems).where(eq(feedbackItems.formNonce, n.formNonce));
    if (had) return { item: had, secret: itemSecret(n.trackingKey, had.id), created: false };
  }
  const agency = await findAgency(tx, n.agencyId);
  if (!agency?.agencyCode || agency.status !== 'active') throw notFound('Cơ quan tiếp nhận');
  const receivedAt = n.receivedAt ?? n.now;
  const day = vnDate(n.now);
  const [counter] = await tx
    .insert(feedbackCounters)
    .values({ agencyId: n.agencyId, day, last: 1 })
    .onConflictDoUpdate({
      target: [feedbackCounters.agencyId, feedbackCounters.day],
      set: { last: sql`${feedbackCounters.last} + 1` },
    })
    .returning({ last: feedbackCounters.last });
  if (!counter) throw new AppError('conflict', 'Không cấp được mã tiếp nhận.');
  const id = uuidv7();
  const secret = itemSecret(n.trackingKey, id);
  const sealedKind = n.declaredKind === 'denunciation';
  const content = sealedKind ? stripIdentity(n.content, n.identity) : n.content;
  const subject = sealedKind ? stripIdentity(n.subject, n.identity) : n.subject;
  const [item] = await tx
    .insert(feedbackItems)
    .values({
      id,
      code: feedbackCode(agency.agencyCode, day, counter.last),
      receivedAgencyId: n.agencyId,
      agencyId: n.agencyId,
      kind: 'unclassified',
      declaredKind: n.declaredKind,
      channel: n.channel,
      senderKind: n.senderKind,
      subject,
      content,
      field: n.field ?? null,
      remote: n.remote ?? false,
      receivedAt,
      classifyDueAt: addLimit(feedbackCalendar(), receivedAt, classifyLimit(n.declaredKind)),
      publishConsent: n.publishConsent ?? false,
      secretHash: itemSecretHash(secret),
      formNonce: n.formNonce ?? null,
      receivedBy: n.receivedBy ?? null,
    })
    .returning();
  if (!item) throw new Error('feedback item not written');
  await tx.insert(feedbackIdentities).values({
    itemId: id,
    sealed: sealIdentity(n.identityKey, { ...n.identity, originalContent: n.content }),
  });
  if (n.files.length > 0)
    await tx.insert(feedbackFiles).values(
      n.files.map((f) => ({
        itemId: id,
        blobSha256: f.sha256,
        fileName: f.fileName,
        mediaType: f.mediaType,
        size: f.size,
        // A denunciation's letter shows who wrote it unless the officer says otherwise.
        identifying: f.identifying ?? sealedKind,
      })),
    );
  await tx.insert(feedbackEvents).values({
    itemId: id,
    at: n.now,
    kind: 'received',
    actorId: n.receivedBy ?? null,
    agencyId: n.agencyId,
    publicNote: `Đã tiếp nhận, mã ${item.code}.`,
    detail: { channel: n.channel },
  });
  return { item, secret, created: true };
}

import { eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { decryptSecret, encryptSecret, secretKey } from '../../platform/crypto/index.ts';
import { feedbackIdentities } from './schema.ts';

/*
 * The sender's identity, sealed. Luật Tố cáo 2018 (Đ.9, Đ.56): the denouncer's name, address,
 * handwriting and other personal details are secret (at "Mật" level) and are stripped from the file
 * before it reaches the verifier. We seal every sender's identity the same way (citizens' personal
 * data deserve it too); what differs by kind is who may open it (access.ts).
 *
 * The key is FEEDBACK_IDENTITY_KEY or DATA_DIR/feedback-identity.key: never in the database, so a
 * database dump, a replica or a backup sent to a peer carries only ciphertext.
 */

export interface SenderIdentity {
  name: string;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  idNumber?: string | null;
  /** The text as the sender wrote it (the stored `content` may be a stripped copy). */
  originalContent?: string | null;
}

export function identityKey(config: Pick<Config, 'dataDir'>): Buffer {
  return secretKey(process.env.FEEDBACK_IDENTITY_KEY, config.dataDir, 'feedback-identity.key');
}

export function sealIdentity(key: Buffer, who: SenderIdentity): string {
  return encryptSecret(key, JSON.stringify(who));
}

export function openIdentity(key: Buffer, sealed: string): SenderIdentity {
  return JSON.parse(decryptSecret(key, sealed)) as SenderIdentity;
}

/** Reads and opens an item's identity. Callers check who may (access.ts) and audit the read. */
export async function readIdentity(db: Db, key: Buffer, itemId: string): Promise<SenderIdentity | null> {
  const [row] = await db
    .select({ sealed: feedbackIdentities.sealed })
    .from(feedbackIdentities)
    .where(eq(feedbackIdentities.itemId, itemId));
  return row ? openIdentity(key, row.sealed) : null;
}

export const REDACTED = '[đã che thông tin người gửi]';

/**
 * The text with the sender's details removed: every occurrence of the name, the address, the phone,
 * the e-mail and the ID number (case- and diacritics-insensitive for the name and address), and any
 * phone number, e-mail or 9–12 digit ID left in it. What a verifier, a list or a search may hold.
 */
export function stripIdentity(text: string, who: SenderIdentity): string {
  let out = text;
  const exact = [who.name, who.address, who.phone, who.email, who.idNumber]
    .map((s) => (s ?? '').trim())
    .filter((s) => s.length >= 3)
    .sort((a, b) => b.length - a.length);
  for (const s of exact) out = replaceLoose(out, s);
  return out
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, REDACTED)
    .replace(/(\+?84|0)(\s?[\d.-]){8,11}\d/g, REDACTED)
    .replace(/\b\d{9,12}\b/g, REDACTED);
}

const fold = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

/** Replaces `needle` wherever it occurs, ignoring case and diacritics (offsets kept: one char per char). */
function replaceLoose(text: string, needle: string): string {
  // Folding removes combining marks, so fold per character to keep positions aligned with `text`.
  const chars = [...text.normalize('NFC')];
  const folded = chars.map((c) => fold(c)).join('');
  const target = fold(needle.normalize('NFC'));
  if (!target || folded.length !== chars.length) return text.split(needle).join(REDACTED);
  let out = '';
  let i = 0;
  while (i < chars.length) {
    if (folded.startsWith(target, i)) {
      out += REDACTED;
      i += target.length;
    } else {
      out += chars[i];
      i++;
    }
  }
  return out;
}

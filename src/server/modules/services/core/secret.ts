import { createHmac } from 'node:crypto';
import type { Config } from '../../../config.ts';
import { tokenHash } from '../../../platform/auth/tokens.ts';
import { secretKey } from '../../../platform/crypto/index.ts';

/**
 * The tracking secret (mã bí mật) of a dossier: derived from its id with a key kept out of the database
 * (DATA_DIR/services-tracking.key, or SERVICES_SECRET_KEY), so a retried submission answers the same
 * secret without the secret being stored; the dossier keeps only its SHA-256 for the lookup.
 * 10 characters of a 32-letter alphabet without look-alikes (I, O, 0, 1 left out: 50 bits), rate-limited at lookup.
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function trackingKey(config: Pick<Config, 'dataDir'>): Buffer {
  return secretKey(process.env.SERVICES_SECRET_KEY, config.dataDir, 'services-tracking.key');
}

export function trackingSecret(key: Buffer, dossierId: string): string {
  const mac = createHmac('sha256', key).update(`dossier-secret:${dossierId}`).digest();
  let out = '';
  for (let i = 0; i < 10; i++) out += ALPHABET[(mac[i] ?? 0) % ALPHABET.length];
  return out;
}

/** What is stored and compared: the SHA-256 of the secret as typed (upper-cased, spaces removed). */
export function secretHash(secret: string): string {
  return tokenHash(secret.trim().toUpperCase().replace(/\s+/g, ''));
}

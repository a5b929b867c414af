import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';

/**
 * Secrets at rest (mailbox passwords, signing keys) are sealed with AES-256-GCM. A key is a
 * configured string (its SHA-256 is the key) or, when unset, a random key created once in
 * DATA_DIR/<file>. Several processes sharing one PostgreSQL must share the configured string.
 */
const cache = new Map<string, Buffer>();

export function secretKey(configured: string | undefined, dataDir: string, fileName: string): Buffer {
  if (configured) return createHash('sha256').update(configured).digest();
  const file = path.join(dataDir, fileName);
  const hit = cache.get(file);
  if (hit) return hit;
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    raw = randomBytes(32).toString('base64');
    try {
      fs.writeFileSync(file, `${raw}\n`, { mode: 0o600, flag: 'wx' });
    } catch {
      raw = fs.readFileSync(file, 'utf8').trim(); // another process won the race
    }
  }
  const key = createHash('sha256').update(raw).digest();
  cache.set(file, key);
  return key;
}

/** iv (12) + tag (16) + ciphertext, base64. */
export function sealBytes(key: Buffer, plain: Buffer): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
}

export function openBytes(key: Buffer, enc: string): Buffer {
  const buf = Buffer.from(enc, 'base64');
  const d = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
  d.setAuthTag(buf.subarray(12, 28));
  return Buffer.concat([d.update(buf.subarray(28)), d.final()]);
}

export function encryptSecret(key: Buffer, plain: string): string {
  return sealBytes(key, Buffer.from(plain, 'utf8'));
}

export function decryptSecret(key: Buffer, enc: string): string {
  return openBytes(key, enc).toString('utf8');
}

/** The key of mailbox passwords: MAIL_SECRET_KEY, else DATA_DIR/mail-secret.key. */
export function mailKey(config: Pick<Config, 'MAIL_SECRET_KEY' | 'dataDir'>): Buffer {
  return secretKey(config.MAIL_SECRET_KEY, config.dataDir, 'mail-secret.key');
}

/** The key of signing keys (PKCS#12 and password): SIGNING_SECRET_KEY, else DATA_DIR/signing-secret.key. */
export function signingKey(config: Pick<Config, 'SIGNING_SECRET_KEY' | 'dataDir'>): Buffer {
  return secretKey(config.SIGNING_SECRET_KEY, config.dataDir, 'signing-secret.key');
}

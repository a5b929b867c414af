import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';

/**
 * Mailbox passwords are encrypted at rest with AES-256-GCM. The key is MAIL_SECRET_KEY (any string;
 * its SHA-256 is the key) or, when unset, a random key created once in DATA_DIR/mail-secret.key.
 * Several processes sharing one PostgreSQL must share MAIL_SECRET_KEY.
 */
const cache = new Map<string, Buffer>();

export function mailKey(config: Pick<Config, 'MAIL_SECRET_KEY' | 'dataDir'>): Buffer {
  if (config.MAIL_SECRET_KEY) return createHash('sha256').update(config.MAIL_SECRET_KEY).digest();
  const file = path.join(config.dataDir, 'mail-secret.key');
  const hit = cache.get(file);
  if (hit) return hit;
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(config.dataDir, { recursive: true });
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

export function encryptSecret(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
}

export function decryptSecret(key: Buffer, enc: string): string {
  const buf = Buffer.from(enc, 'base64');
  const d = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
  d.setAuthTag(buf.subarray(12, 28));
  return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
}

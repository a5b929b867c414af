import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signatures of packages between peers: HMAC-SHA256 under the peer's shared secret over
 * "{timestamp}.{sha256 of the body}". The timestamp (ms since epoch) must be within
 * SIGNATURE_WINDOW_MS of the receiver's clock, so a captured request cannot be replayed later;
 * within the window a replay is a duplicate and changes nothing (idempotent receipt).
 */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;
export const HEADER_SIGNATURE = 'x-edxml-signature';
export const HEADER_TIMESTAMP = 'x-edxml-timestamp';
/** The sending agency's code: tells the receiver which peer's secret to verify with. */
export const HEADER_FROM = 'x-edxml-from';

export function sha256Hex(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('hex');
}

export function sign(secret: string, timestamp: number, body: Buffer | string): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}.${sha256Hex(body)}`)
    .digest('hex');
}

export type VerifyResult = 'ok' | 'bad_signature' | 'expired';

export function verify(
  secret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  body: Buffer,
  now = Date.now(),
): VerifyResult {
  const ts = Number(timestamp);
  if (!timestamp || !Number.isSafeInteger(ts) || !signature || !/^[0-9a-f]{64}$/i.test(signature))
    return 'bad_signature';
  const expected = Buffer.from(sign(secret, ts, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return 'bad_signature';
  if (Math.abs(now - ts) > SIGNATURE_WINDOW_MS) return 'expired';
  return 'ok';
}

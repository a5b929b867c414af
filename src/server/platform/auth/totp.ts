import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Liên Thông';

/** A new base32 secret for enrolment. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, label: string): string {
  return new TOTP({
    issuer: ISSUER,
    label,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  }).toString();
}

/** Accepts the current code and one step either side (clock drift of ±30 s). */
export function checkTotp(secret: string, code: string, at: number = Date.now()): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.validate({ token: code, timestamp: at, window: 1 }) !== null;
}

/** The code a TOTP app would show now (used by tests and the CLI's diagnostic). */
export function currentTotp(secret: string, at: number = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: at,
  });
}

/**
 * The sign-in form's checks, mirroring `loginInput` in src/shared/schemas/auth.ts (username 1–64
 * characters after trimming, password 1–200). zod itself (≈20 KB gzip) is kept off the first
 * screen to hold the sign-in route under its 250 KB budget; signInLimits.test.ts keeps the two in step.
 */
export const SIGN_IN_LIMITS = { username: 64, password: 200 } as const;

export type SignInField = keyof typeof SIGN_IN_LIMITS;

/** Whether the value passes; the messages come from i18n (validation.usernameRequired…). */
export function signInValueOk(field: SignInField, value: string): boolean {
  const v = field === 'username' ? value.trim() : value;
  return v.length >= 1 && v.length <= SIGN_IN_LIMITS[field];
}

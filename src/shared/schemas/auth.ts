import { z } from 'zod';
import { passwordSchema, positionView } from './people.ts';

export const loginInput = z.object({
  username: z.string().trim().min(1, 'Nhập tên đăng nhập').max(64),
  password: z.string().min(1, 'Nhập mật khẩu').max(200),
});

/** stage: ok, or what the session still needs: password (change it), totp_pending (enter code), totp_enroll. */
export const sessionStage = z.enum(['ok', 'password', 'totp_pending', 'totp_enroll']);
export type SessionStage = z.infer<typeof sessionStage>;

export const loginReply = z.object({ stage: sessionStage, csrfToken: z.string(), expiresAt: z.string() });
export type LoginReply = z.infer<typeof loginReply>;

/** What a step of signing in answers: the stage the session is at now. */
export const stageReply = z.object({ stage: sessionStage });
export type StageReply = z.infer<typeof stageReply>;

export const meView = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  locale: z.string(),
  stage: sessionStage,
  csrfToken: z.string(),
  totpEnabled: z.boolean(),
  position: positionView.nullable(),
  positions: z.array(positionView),
  agency: z
    .object({ id: z.uuid(), name: z.string(), shortName: z.string(), agencyCode: z.string().nullable() })
    .nullable(),
  permissions: z.array(z.string()),
});
export type MeView = z.infer<typeof meView>;

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, 'Nhập mật khẩu hiện tại').max(200),
  newPassword: passwordSchema,
});

export const totpCodeInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Mã gồm 6 chữ số'),
});

/** The secret of a new authenticator, and the otpauth:// address its QR code shows. */
export const totpSetupView = z.object({ secret: z.string(), uri: z.string() });
export type TotpSetupView = z.infer<typeof totpSetupView>;

export const switchPositionInput = z.object({ positionId: z.uuid() });

export const sessionView = z.object({
  id: z.uuid(),
  current: z.boolean(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
});
export type SessionView = z.infer<typeof sessionView>;

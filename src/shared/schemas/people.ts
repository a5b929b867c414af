import { z } from 'zod';
import { ROLES } from '../roles.ts';
import { pageQuery } from './common.ts';

export const passwordSchema = z
  .string()
  .min(10, 'Mật khẩu cần ít nhất 10 ký tự')
  .max(200, 'Mật khẩu quá dài')
  .regex(/[A-Za-z]/, 'Mật khẩu cần có chữ cái')
  .regex(/\d/, 'Mật khẩu cần có chữ số');

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'Tên đăng nhập cần ít nhất 3 ký tự')
  .max(64)
  .regex(
    /^[a-z0-9._-]+$/,
    'Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch dưới và gạch ngang',
  );

export const positionInput = z.object({
  agencyId: z.uuid('Cơ quan không hợp lệ'),
  divisionId: z.uuid('Phòng ban không hợp lệ').nullable().optional(),
  role: z.enum(ROLES, 'Vai trò không hợp lệ'),
  title: z.string().trim().max(200).default(''),
});
export type PositionInput = z.infer<typeof positionInput>;

export const personCreate = z.object({
  username: usernameSchema,
  fullName: z.string().trim().min(2, 'Cần họ và tên').max(200),
  email: z.email('Địa chỉ thư điện tử không hợp lệ').nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9 +().-]{6,20}$/, 'Số điện thoại không hợp lệ')
    .nullable()
    .optional(),
  /** When omitted, a temporary password is generated and returned once. */
  password: passwordSchema.optional(),
  positions: z.array(positionInput).min(1, 'Cần ít nhất một chức vụ').max(10),
});
export type PersonCreate = z.infer<typeof personCreate>;

export const personUpdate = personCreate.pick({ fullName: true, email: true, phone: true }).partial();

export const positionView = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  agencyShortName: z.string(),
  agencyCode: z.string().nullable(),
  divisionId: z.uuid().nullable(),
  divisionName: z.string().nullable(),
  role: z.enum(ROLES),
  title: z.string(),
  isPrimary: z.boolean(),
});
export type PositionView = z.infer<typeof positionView>;

export const personView = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  positions: z.array(positionView),
});
export type PersonView = z.infer<typeof personView>;

export const personListQuery = pageQuery(200, 50).extend({
  q: z.string().trim().max(200).optional(),
  agencyId: z.uuid().optional(),
});
export type PersonListQuery = z.infer<typeof personListQuery>;

/** A new account or a reset password: the temporary password is shown once, here. */
export const personWithPassword = z.object({ person: personView, temporaryPassword: z.string().nullable() });
export type PersonWithPassword = z.infer<typeof personWithPassword>;

import { z } from 'zod';
import { ROLES } from '../roles.ts';
import { pageQuery } from './common.ts';

/*
 * API shapes of the portal's announcements (thông báo), see
 * src/server/modules/portal/routes-announcements.ts.
 *
 * Audience: `all` (every person of the province), `agencies` (everyone whose position's agency or
 * division is inside one of the chosen units, their divisions and lower units included) or `roles`
 * (the holders of the chosen roles: province-wide when no unit is chosen, else only inside the
 * chosen units, the same way as `agencies`).
 */

export const ANNOUNCEMENT_AUDIENCES = ['all', 'agencies', 'roles'] as const;
export type AnnouncementAudience = (typeof ANNOUNCEMENT_AUDIENCES)[number];
export const ANNOUNCEMENT_FILTERS = ['all', 'unread', 'expired', 'sent'] as const;
export type AnnouncementFilter = (typeof ANNOUNCEMENT_FILTERS)[number];

/** How many people an agencies or roles announcement may reach and still notify each one (bell, mail). */
export const ANNOUNCEMENT_NOTIFY_MAX = 300;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/i, 'Mã SHA-256 của tệp gồm 64 ký tự hex.');

/** A file uploaded through POST /api/v1/files, as its answer gave it. */
export const announcementFileInput = z.object({
  sha256,
  fileName: z
    .string({ error: 'Thiếu tên tệp.' })
    .trim()
    .min(1, 'Tên tệp không được để trống.')
    .max(255, 'Tên tệp dài quá 255 ký tự.'),
});

const title = z
  .string({ error: 'Thiếu tiêu đề.' })
  .trim()
  .min(1, 'Tiêu đề không được để trống.')
  .max(300, 'Tiêu đề dài quá 300 ký tự.');
const body = z
  .string({ error: 'Thiếu nội dung.' })
  .trim()
  .min(1, 'Nội dung không được để trống.')
  .max(20_000, 'Nội dung dài quá 20.000 ký tự.');
const expiresAt = z.iso
  .datetime({ offset: true, error: 'Ngày hết hạn không hợp lệ.' })
  .nullable()
  .optional()
  .describe('Hết hạn lúc (ISO 8601); không có: không hết hạn');

export const announcementInput = z.object({
  title,
  body,
  audience: z.enum(ANNOUNCEMENT_AUDIENCES, {
    error: 'Đối tượng nhận phải là "all" (toàn tỉnh), "agencies" (đơn vị) hoặc "roles" (vai trò).',
  }),
  /** The chosen units (agencies audience), or the units the roles are looked for in (roles audience). */
  agencyIds: z.array(z.uuid('Mã đơn vị không hợp lệ.')).max(200, 'Chọn tối đa 200 đơn vị.').default([]),
  roles: z
    .array(z.enum(ROLES, { error: 'Vai trò không hợp lệ.' }))
    .max(ROLES.length)
    .default([]),
  pinned: z.boolean().default(false),
  /** Also on the public page /cong-khai/thong-bao (only for audience `all`). */
  isPublic: z.boolean().default(false),
  expiresAt,
  files: z.array(announcementFileInput).max(20, 'Đính kèm tối đa 20 tệp.').default([]),
});
export type AnnouncementInput = z.input<typeof announcementInput>;

/** What the sender may change after publication (never the audience). */
export const announcementUpdate = z
  .object({ title, body, expiresAt, pinned: z.boolean() })
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'Không có gì để sửa.');
export type AnnouncementUpdate = z.input<typeof announcementUpdate>;

export const withdrawInput = z.object({
  reason: z.string().trim().max(1000, 'Lý do dài quá 1000 ký tự.').optional(),
});

export const announcementListQuery = pageQuery(100, 20).extend({
  filter: z.enum(ANNOUNCEMENT_FILTERS).default('all'),
});
export type AnnouncementListQuery = z.input<typeof announcementListQuery>;

export const announcementParams = z.object({ id: z.uuid('Mã thông báo không hợp lệ.') });
export const announcementFileParams = announcementParams.extend({ sha256 });

export const attachedFileView = z.object({
  sha256: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
});
export type AttachedFileView = z.infer<typeof attachedFileView>;

export const announcementListItem = z.object({
  id: z.uuid(),
  title: z.string(),
  /** The first words of the body. */
  excerpt: z.string(),
  agency: z.object({ id: z.uuid(), name: z.string() }),
  audience: z.enum(ANNOUNCEMENT_AUDIENCES),
  pinned: z.boolean(),
  isPublic: z.boolean(),
  fileCount: z.number().int(),
  publishedAt: z.string(),
  expiresAt: z.string().nullable(),
  expired: z.boolean(),
  status: z.enum(['published', 'withdrawn']),
  /** Has the person opened it (always true for the sender's own list when not addressed). */
  read: z.boolean(),
});
export type AnnouncementListItem = z.infer<typeof announcementListItem>;

export const announcementPage = z.object({
  items: z.array(announcementListItem),
  nextCursor: z.string().nullable(),
  /** Unread, unexpired announcements addressed to the person (the badge). */
  unread: z.number().int(),
});
export type AnnouncementPage = z.infer<typeof announcementPage>;

export const announcementView = announcementListItem.omit({ excerpt: true, fileCount: true }).extend({
  body: z.string(),
  roles: z.array(z.string()),
  agencies: z.array(z.object({ id: z.uuid(), name: z.string() })),
  files: z.array(attachedFileView),
  readAt: z.string().nullable(),
  /** The person is one of the addressees (else they see it as its sender). */
  addressed: z.boolean(),
  /** The person may edit, withdraw and see the receipts (a publisher of the sending agency). */
  canManage: z.boolean(),
  createdByName: z.string().nullable(),
  updatedAt: z.string(),
  withdrawnNote: z.string().nullable().optional(),
});
export type AnnouncementView = z.infer<typeof announcementView>;

export const receiptsQuery = pageQuery(200, 50);

export const unreadPersonView = z.object({
  personId: z.uuid(),
  fullName: z.string(),
  /** The position's title ("Chuyên viên"), else the role. */
  title: z.string(),
  role: z.string(),
  agencyName: z.string(),
  divisionName: z.string().nullable(),
});
export type UnreadPersonView = z.infer<typeof unreadPersonView>;

/** Đã đọc N/M, and one page of who has not read it yet (by name). */
export const receiptsView = z.object({
  addressed: z.number().int(),
  read: z.number().int(),
  notRead: z.array(unreadPersonView),
  nextCursor: z.string().nullable(),
});
export type ReceiptsView = z.infer<typeof receiptsView>;

/** The portal home's box: the newest unread announcements addressed to the person. */
export const unreadAnnouncementView = z.object({
  id: z.uuid(),
  title: z.string(),
  pinned: z.boolean(),
  publishedAt: z.string(),
  agencyName: z.string(),
});
export type UnreadAnnouncementView = z.infer<typeof unreadAnnouncementView>;

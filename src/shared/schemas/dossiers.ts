import { z } from 'zod';
import { pageQuery } from './common.ts';

const isoDate = z.iso.date('Ngày không hợp lệ (yyyy-mm-dd)');
const text = (max: number, msg: string) => z.string().trim().min(1, msg).max(max);
const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

/** Retention in years; null = permanent (vĩnh viễn). Decree 30/2020, Appendix V, I.4. */
export const retentionSchema = z
  .number('Chọn thời hạn bảo quản')
  .int()
  .min(1, 'Thời hạn bảo quản ít nhất 1 năm')
  .max(100, 'Thời hạn bảo quản tối đa 100 năm; dùng “Vĩnh viễn” nếu lâu hơn')
  .nullable();

/** The usual periods offered in the forms (years); null = permanent. */
export const RETENTION_CHOICES: (number | null)[] = [null, 70, 50, 30, 20, 10, 5, 2, 1];

/** FileNotation (số và ký hiệu hồ sơ), Appendix VI: at most 20 characters. */
export const dossierNotationSchema = z
  .string()
  .trim()
  .min(1, 'Nhập số và ký hiệu hồ sơ')
  .max(20, 'Số và ký hiệu hồ sơ tối đa 20 ký tự')
  .regex(/^[\p{L}\p{N}.\-/_]+$/u, 'Số và ký hiệu hồ sơ chỉ gồm chữ, số và các dấu . - / _');

export const planEntryInput = z
  .object({
    id: z.uuid().optional(),
    kind: z.enum(['heading', 'subheading', 'dossier'], 'Loại dòng không hợp lệ'),
    title: text(500, 'Nhập tên đề mục hoặc tiêu đề hồ sơ'),
    notation: optText(20),
    retentionYears: retentionSchema.optional(),
    responsible: optText(100),
    note: optText(500),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'dossier' && !v.notation)
      ctx.addIssue({ code: 'custom', path: ['notation'], message: 'Nhập số và ký hiệu hồ sơ' });
    if (v.kind === 'dossier' && v.notation && !dossierNotationSchema.safeParse(v.notation).success)
      ctx.addIssue({
        code: 'custom',
        path: ['notation'],
        message: 'Số và ký hiệu hồ sơ chỉ gồm chữ, số và các dấu . - / _ (tối đa 20 ký tự)',
      });
    if (v.kind === 'dossier' && v.retentionYears === undefined)
      ctx.addIssue({ code: 'custom', path: ['retentionYears'], message: 'Chọn thời hạn bảo quản' });
  });
export type PlanEntryInput = z.infer<typeof planEntryInput>;

export const planInput = z.object({
  decision: optText(300),
  entries: z.array(planEntryInput).max(2000),
});
export type PlanInput = z.infer<typeof planInput>;

export const planEntryView = z.object({
  id: z.uuid(),
  kind: z.enum(['heading', 'subheading', 'dossier']),
  /** I, II… for headings, 1, 2… for subheadings (computed from the order). */
  number: z.string(),
  title: z.string(),
  notation: z.string().nullable(),
  retentionYears: z.number().nullable(),
  responsible: z.string().nullable(),
  note: z.string().nullable(),
  /** The dossier opened from this line this year, if any. */
  dossierId: z.uuid().nullable(),
});
export const planView = z.object({
  id: z.uuid().nullable(),
  year: z.number(),
  decision: z.string().nullable(),
  entries: z.array(planEntryView),
});
export type PlanView = z.infer<typeof planView>;

export const openDossierInput = z.union([
  z.object({ planEntryId: z.uuid('Dòng danh mục không hợp lệ'), startDate: isoDate.optional() }),
  z.object({
    title: text(500, 'Nhập tiêu đề hồ sơ'),
    notation: dossierNotationSchema,
    retentionYears: retentionSchema,
    startDate: isoDate.optional(),
    description: optText(500),
  }),
]);

export type OpenDossierInput = z.input<typeof openDossierInput>;

export const addItemInput = z.union([
  z.object({ documentId: z.uuid('Mã văn bản không hợp lệ') }),
  z.object({
    file: z.object({
      sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Mã SHA-256 của tệp không hợp lệ'),
      fileName: z.string().trim().min(1).max(255),
    }),
    title: text(500, 'Nhập tên tài liệu'),
    itemDate: isoDate.optional(),
    pageCount: z.number().int().min(1).max(100_000).optional(),
  }),
]);

export type AddItemInput = z.input<typeof addItemInput>;

export const reorderInput = z.object({ itemIds: z.array(z.uuid()).min(1).max(5000) });

export const closeInput = z.object({
  title: z.string().trim().min(1).max(500).optional(),
  retentionYears: retentionSchema.optional(),
  description: optText(500),
});

export const dossierItemView = z.object({
  id: z.uuid(),
  ordinal: z.number(),
  kind: z.enum(['document', 'file']),
  documentId: z.uuid().nullable(),
  /** False when the viewer may not see the linked document (only its place is shown). */
  visible: z.boolean(),
  numberNotation: z.string().nullable(),
  date: z.string().nullable(),
  typeCode: z.string().nullable(),
  title: z.string(),
  author: z.string().nullable(),
  pageCount: z.number().nullable(),
  fileName: z.string().nullable(),
});

export const dossierStatus = z.enum(['open', 'closed', 'transferred', 'disposed']);
export const dossierSummaryView = z.object({
  id: z.uuid(),
  fileCode: z.string(),
  notation: z.string(),
  year: z.number(),
  title: z.string(),
  retentionYears: z.number().nullable(),
  status: dossierStatus,
  creatorName: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  docTotal: z.number().nullable(),
  pageTotal: z.number().nullable(),
  transferId: z.uuid().nullable(),
});
export type DossierSummaryView = z.infer<typeof dossierSummaryView>;
export const dossierView = dossierSummaryView.extend({
  rights: z.string(),
  language: z.string(),
  description: z.string().nullable(),
  planEntryId: z.uuid().nullable(),
  items: z.array(dossierItemView),
  canEdit: z.boolean(),
  tombstone: z
    .object({
      decisionNumber: z.string(),
      decisionDate: z.string(),
      decidedByName: z.string(),
      reason: z.string(),
    })
    .nullable(),
});
export type DossierView = z.infer<typeof dossierView>;

export const dossierListQuery = z.object({
  status: dossierStatus.optional(),
  /** transfer: closed dossiers not yet transferred, retention ≥ 5 years or permanent (Art. 31.3.c) */
  due: z.enum(['transfer']).optional(),
  /** Only dossiers the given document sits in. */
  documentId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

/** A dossier just opened, and the code it was given. */
export const openedDossierView = z.object({ id: z.uuid(), fileCode: z.string() });
/** An item just added, and its place in the dossier. */
export type OpenedDossierView = z.infer<typeof openedDossierView>;
export const addedItemView = z.object({ id: z.uuid(), ordinal: z.number() });
export type AddedItemView = z.infer<typeof addedItemView>;

/** A dossier past its retention, and the day it ran out. */
export const disposalReviewItem = dossierSummaryView.extend({ retentionEnds: z.string() });
export type DisposalReviewItem = z.infer<typeof disposalReviewItem>;

export const transferInput = z.object({
  title: optText(300),
  dossierIds: z.array(z.uuid()).min(1, 'Chọn ít nhất một hồ sơ để nộp lưu').max(5000),
});

export const transferStatus = z.enum(['building', 'ready', 'failed', 'received']);

export const transferView = z.object({
  id: z.uuid(),
  title: z.string(),
  status: transferStatus,
  dossierCount: z.number(),
  filesTotal: z.number(),
  filesDone: z.number(),
  packageSha256: z.string().nullable(),
  packageSize: z.number().nullable(),
  error: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  receivedAt: z.string().nullable(),
  handover: z
    .object({
      giverName: z.string(),
      giverTitle: z.string(),
      receiverName: z.string(),
      receiverTitle: z.string(),
      condition: z.string(),
      recordedAt: z.string(),
    })
    .nullable(),
  dossiers: z.array(dossierSummaryView),
});
export type TransferView = z.infer<typeof transferView>;

export const transferListQuery = pageQuery().extend({ status: transferStatus.optional() });

/** Who keeps the agency archive (GET /api/v1/archive/keeper). */
export const archiveKeeperView = z.object({
  /** Its archivists, or its clerks while it has none. */
  keptBy: z.enum(['archivist', 'clerk']),
  /** Names of the agency's active archivists. */
  archivists: z.array(z.string()),
  /** May the acting person take packages in and record hand-overs? */
  mayReceive: z.boolean(),
});
export type ArchiveKeeperView = z.infer<typeof archiveKeeperView>;

export const handoverInput = z.object({
  giverName: text(100, 'Nhập họ tên người giao'),
  giverTitle: text(100, 'Nhập chức vụ người giao'),
  receiverName: text(100, 'Nhập họ tên người nhận'),
  receiverTitle: text(100, 'Nhập chức vụ người nhận'),
  condition: text(500, 'Nhập tình trạng tài liệu giao nộp'),
});

export type HandoverInput = z.input<typeof handoverInput>;

export const importInput = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Mã SHA-256 của gói không hợp lệ'),
});

/** What taking a package into the archive found. */
export const archiveImportResult = z.object({
  dossiers: z.number(),
  files: z.number(),
  transferId: z.string().nullable(),
  received: z.boolean(),
});
export type ArchiveImportResult = z.infer<typeof archiveImportResult>;

/** A dossier held by the agency archive. */
export const archiveRecordView = z.object({
  id: z.uuid(),
  fileCode: z.string(),
  title: z.string(),
  retentionYears: z.number().nullable(),
  endDate: z.string().nullable(),
  transferId: z.string().nullable(),
  importedAt: z.string(),
  files: z.number(),
});
export type ArchiveRecordView = z.infer<typeof archiveRecordView>;

export const disposeInput = z.object({
  decisionNumber: text(50, 'Nhập số quyết định hủy'),
  decisionDate: isoDate,
  reason: text(1000, 'Nhập lý do hủy'),
});

export type DisposeInput = z.input<typeof disposeInput>;

export function retentionLabel(years: number | null | undefined): string {
  return years == null ? 'Vĩnh viễn' : `${years} năm`;
}

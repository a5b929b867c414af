import { z } from 'zod';
import { AGENCY_CODE_RE } from '../agency-code.ts';
import { AGENCY_KINDS } from '../roles.ts';
import { pageQuery } from './common.ts';

/** Shared by the server (validation, OpenAPI) and the web forms, so both say the same thing. */
export const agencyCodeSchema = z
  .string()
  .trim()
  .regex(AGENCY_CODE_RE, 'Mã định danh phải có dạng NNN.NN.NN.Xnn, ví dụ 000.00.14.H62');

export const agencyInput = z.object({
  parentId: z.uuid('Đơn vị cấp trên không hợp lệ').nullable(),
  kind: z.enum(AGENCY_KINDS, 'Loại đơn vị không hợp lệ'),
  name: z.string().trim().min(2, 'Tên đơn vị cần ít nhất 2 ký tự').max(300),
  shortName: z
    .string()
    .trim()
    .min(1, 'Cần tên viết tắt')
    .max(30)
    .regex(/^[A-Za-zĐđ0-9&-]+$/, 'Tên viết tắt chỉ gồm chữ, số, & và -'),
  agencyCode: agencyCodeSchema.nullable(),
  email: z.email('Địa chỉ thư điện tử không hợp lệ').nullable().optional(),
  address: z.string().max(500).nullable().optional(),
});
export type AgencyInput = z.infer<typeof agencyInput>;

export const agencyUpdate = agencyInput.omit({ parentId: true }).partial();
export type AgencyUpdate = z.infer<typeof agencyUpdate>;

export const agencyView = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  kind: z.string(),
  name: z.string(),
  shortName: z.string(),
  agencyCode: z.string().nullable(),
  status: z.string(),
  mergedIntoId: z.uuid().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  childCount: z.number().int().optional(),
});
export type AgencyView = z.infer<typeof agencyView>;

export const agencyListQuery = pageQuery(500, 100).extend({
  q: z.string().trim().max(200).optional(),
  parentId: z.union([z.uuid(), z.literal('root')]).optional(),
  kind: z.enum(AGENCY_KINDS).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});
export type AgencyListQuery = z.infer<typeof agencyListQuery>;

export const agencyMoveInput = z.object({ parentId: z.uuid().nullable() });
export const agencyMergeInput = z.object({ targetId: z.uuid('Đơn vị nhận sáp nhập không hợp lệ') });
export const agencyMergeResult = z.object({
  source: agencyView,
  target: agencyView,
  movedChildren: z.number().int(),
});
export type AgencyMergeResult = z.infer<typeof agencyMergeResult>;

export const agencyHistoryView = z.object({
  id: z.uuid(),
  change: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  actorId: z.uuid().nullable(),
  /** Who made the change, as they were named then; null for the system (and rows from before names were kept). */
  actorName: z.string().nullable(),
  at: z.string(),
});
export type AgencyHistoryView = z.infer<typeof agencyHistoryView>;

export const CSV_COLUMNS = [
  'agency_code',
  'name',
  'short_name',
  'kind',
  'parent_code',
  'email',
  'address',
] as const;

export const csvImportQuery = z.object({ dryRun: z.enum(['true', 'false']).default('true') });
export const csvImportInput = z.object({
  csv: z.string().min(1, 'Tệp CSV trống').max(5_000_000, 'Tệp CSV quá lớn (tối đa 5 MB)'),
});

export const csvImportResult = z.object({
  dryRun: z.boolean(),
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), messages: z.array(z.string()) })),
});
export type CsvImportResult = z.infer<typeof csvImportResult>;

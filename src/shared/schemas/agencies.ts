import { z } from 'zod';
import { AGENCY_CODE_RE } from '../agency-code.ts';
import { AGENCY_KINDS } from '../roles.ts';

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

export const csvImportResult = z.object({
  dryRun: z.boolean(),
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), messages: z.array(z.string()) })),
});
export type CsvImportResult = z.infer<typeof csvImportResult>;

import { z } from 'zod';

/**
 * The fields a back catalogue may carry, with the vbpl.vn header each goes by (what an export of the
 * national database or a spreadsheet kept by the office calls it) and a few other names seen.
 * The key is the field of LegalDocumentInput it fills (`issuerId` takes the body's code or name).
 */
export const IMPORT_FIELDS = [
  { field: 'numberNotation', header: 'Số ký hiệu', aliases: ['Số hiệu', 'Số, ký hiệu'], required: true },
  { field: 'typeCode', header: 'Loại văn bản', aliases: ['Loại'], required: true },
  { field: 'issuerId', header: 'Cơ quan ban hành', aliases: ['Nơi ban hành', 'issuer'], required: true },
  { field: 'signerName', header: 'Người ký', aliases: [], required: false },
  { field: 'signerTitle', header: 'Chức danh', aliases: [], required: false },
  { field: 'title', header: 'Trích yếu', aliases: ['Tên văn bản', 'Tiêu đề'], required: true },
  { field: 'issuedDate', header: 'Ngày ban hành', aliases: [], required: true },
  { field: 'effectiveFrom', header: 'Ngày có hiệu lực', aliases: ['Ngày hiệu lực'], required: true },
  { field: 'effectiveTo', header: 'Ngày hết hiệu lực', aliases: [], required: false },
  { field: 'scope', header: 'Phạm vi', aliases: [], required: false },
  { field: 'sector', header: 'Ngành', aliases: [], required: false },
  { field: 'fieldCode', header: 'Lĩnh vực', aliases: [], required: false },
  { field: 'gazetteSource', header: 'Nguồn thu thập', aliases: ['Số công báo'], required: false },
  { field: 'gazetteDate', header: 'Ngày đăng công báo', aliases: ['Ngày công báo'], required: false },
  { field: 'summary', header: 'Tóm tắt', aliases: [], required: false },
  { field: 'fullText', header: 'Toàn văn', aliases: ['Nội dung'], required: false },
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number]['field'];
export const IMPORT_FIELD_CODES = IMPORT_FIELDS.map((f) => f.field) as [ImportField, ...ImportField[]];

/** The answer of POST /api/v1/legal/imports (shared with the web). */
export const importResultView = z.object({
  id: z.uuid(),
  state: z.enum(['checked', 'imported', 'failed']),
  fileName: z.string(),
  rows: z.number().int(),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.enum(IMPORT_FIELD_CODES)),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
  preview: z.array(
    z.object({
      row: z.number().int(),
      numberNotation: z.string(),
      typeName: z.string(),
      issuerName: z.string(),
      title: z.string(),
      issuedDate: z.string(),
      effectiveFrom: z.string(),
      effectiveTo: z.string().nullable(),
      ok: z.boolean(),
    }),
  ),
  imported: z.number().int(),
});

export type ImportResult = z.infer<typeof importResultView>;

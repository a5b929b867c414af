import { z } from 'zod';
import { IMPORT_FIELD_CODES } from './fields.ts';

/** The answer of POST /api/v1/legal/imports (the web's copy of its type: features/legal/importing/api.ts). */
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

export const importQuery = z.object({
  dryRun: z
    .enum(['true', 'false', '1', '0'], { error: 'dryRun phải là true hoặc false.' })
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});

export const mappingInput = z.record(
  z.string().max(200),
  z.enum(IMPORT_FIELD_CODES, { error: 'Trường không có trong danh sách trường nhập được.' }),
);

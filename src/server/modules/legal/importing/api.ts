import { z } from 'zod';
import { IMPORT_FIELD_CODES } from '../../../../shared/legal/import.ts';

export { importResultView } from '../../../../shared/legal/import.ts';

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

import { z } from 'zod';
import { procedureContentSchema } from './procedure.ts';

/* The shapes of the catalogue's administration (kiểm soát TTHC): versions, saving, import. */

export const catalogueAdminQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  retired: z.enum(['0', '1']).default('0'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const procedureAdminSchema = z.object({
  code: z.string(),
  name: z.string(),
  active: z.boolean(),
  version: z.number(),
  content: procedureContentSchema,
  agencies: z.array(z.object({ id: z.uuid(), name: z.string() })),
  versions: z.array(
    z.object({
      version: z.number(),
      note: z.string().nullable(),
      createdAt: z.string(),
      createdBy: z.string().nullable(),
    }),
  ),
});
export type ProcedureAdmin = z.infer<typeof procedureAdminSchema>;

export const saveProcedureInputSchema = z.object({
  content: procedureContentSchema,
  note: z.string().trim().max(1000).optional(),
});

export const importRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  action: z.enum(['new', 'changed', 'unchanged']),
});
export const importProblemSchema = z.object({ where: z.string(), message: z.string() });
export const importResultSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  /** checked: a dry run; imported: written; failed: problems, nothing written. */
  status: z.enum(['checked', 'imported', 'failed']),
  rows: z.array(importRowSchema),
  problems: z.array(importProblemSchema),
  created: z.number(),
  updated: z.number(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

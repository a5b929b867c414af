import { z } from 'zod';
import { draftFields } from '../drafting/fields.ts';

export const draftSave = z.object({
  fields: draftFields,
  body: z.string().max(100_000, 'Nội dung quá dài'),
});
export type DraftSave = z.infer<typeof draftSave>;

export const draftView = z.object({
  documentId: z.string(),
  typeCode: z.string(),
  fields: draftFields,
  body: z.string(),
  saved: z.boolean(),
  madeVersion: z.number().nullable(),
});
export type DraftView = z.infer<typeof draftView>;

export const draftFileView = z.object({
  id: z.string(),
  sha256: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  version: z.number(),
});
export type DraftFileView = z.infer<typeof draftFileView>;

export const templateListItem = z.object({
  typeCode: z.string(),
  typeName: z.string(),
  source: z.enum(['builtin', 'agency']),
  version: z.number().nullable(),
  fileName: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type TemplateListItem = z.infer<typeof templateListItem>;

export const templateTypeParams = z.object({ typeCode: z.string().max(40) });
export const documentIdParams = z.object({ id: z.uuid('Mã văn bản không hợp lệ') });

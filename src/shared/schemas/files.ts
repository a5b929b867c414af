import { z } from 'zod';

export const uploadQuery = z.object({
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'SHA-256 gồm 64 ký tự hex')
    .optional(),
});

/** An uploaded file, named by its content's SHA-256 (what the other modules' forms send back). */
export const storedFileView = z.object({
  sha256: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
  fileName: z.string(),
});
export type StoredFileView = z.infer<typeof storedFileView>;

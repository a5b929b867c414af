import { z } from 'zod';

/** Requests and answers of the OCR API (scanned paper made searchable). */
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'Mã SHA-256 không hợp lệ');

export const ocrRequestInput = z.object({ sha256 });
export const ocrParams = z.object({ sha256 });

export const OCR_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled', 'not_needed'] as const;
export type OcrStatus = (typeof OCR_STATUSES)[number];

/** One run: where it is, and when it failed why (in Vietnamese). */
export const ocrRunView = z.object({
  sourceSha256: z.string(),
  status: z.enum(OCR_STATUSES),
  pagesDone: z.number().int(),
  pagesTotal: z.number().int().nullable(),
  error: z.string().nullable(),
  cancelRequested: z.boolean(),
  /** The searchable PDF, when done. */
  outputSha256: z.string().nullable(),
  textLength: z.number().int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type OcrRunView = z.infer<typeof ocrRunView>;

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Scanned paper made searchable: OCR runs (ocrmypdf + tesseract) as slow jobs. */
export const ocrRoutes: FastifyPluginAsyncZod = async () => {};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ocrParams, ocrRequestInput, ocrRunView } from '../../../shared/schemas/ocr.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import { cancelOcr, ocrPdf, ocrStatus, requestOcr } from './service.ts';

const tags = ['ocr'];
const perm = { permission: 'documents' as const, sessionsUnchanged: true };

/** Scanned paper made searchable: OCR runs (ocrmypdf + tesseract) as slow jobs. */
export const ocrRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/ocr',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Yêu cầu nhận dạng chữ (OCR) một tệp quét đã tải lên; một lần chạy cho mỗi tệp',
        body: ocrRequestInput,
        response: { 202: ocrRunView },
      },
    },
    async (req, reply) => reply.status(202).send(await requestOcr(ctxOf(req), req.body.sha256)),
  );

  app.get(
    '/api/v1/ocr/:sha256',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Tiến độ nhận dạng chữ của một tệp (số trang đã xong / tổng số trang)',
        params: ocrParams,
        response: { 200: ocrRunView },
      },
    },
    async (req) => ocrStatus(ctxOf(req), req.params.sha256),
  );

  app.post(
    '/api/v1/ocr/:sha256/cancel',
    {
      config: perm,
      schema: { tags, summary: 'Hủy nhận dạng chữ', params: ocrParams, response: { 200: ocrRunView } },
    },
    async (req) => cancelOcr(ctxOf(req), req.params.sha256),
  );

  app.get(
    '/api/v1/ocr/:sha256/pdf',
    {
      config: perm,
      schema: { tags, summary: 'Tải bản PDF có lớp chữ (OCR) của tệp văn bản', params: ocrParams },
    },
    async (req, reply) => {
      const f = await ocrPdf(ctxOf(req), req.params.sha256);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="ocr-${req.params.sha256.slice(0, 12)}.pdf"`)
        .header('x-content-sha256', f.sha256)
        .send(f.body);
    },
  );
};

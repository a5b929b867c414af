import { PassThrough } from 'node:stream';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documentExportQuery, registerPrintQuery } from '../../../../shared/schemas/documents.ts';
import { ctxOf } from '../../../platform/http/ctx.ts';
import { attachmentHeader } from './labels.ts';
import { handlingSlip, listExport, type Printout, registerPrint } from './service.ts';

const tags = ['documents'];
const perm = { permission: 'documents' as const };
const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Sends what the printout writes, as it is written. A failure after the first byte can no longer become
 * a problem+json answer: it is logged and the download is cut, so the client never gets a file that
 * looks complete but is not.
 */
function stream(reply: FastifyReply, log: FastifyBaseLogger, type: string, p: Printout) {
  const body = new PassThrough();
  p.write(body).catch((err: unknown) => {
    log.error({ err }, 'print or export failed while streaming');
    body.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return reply
    .header('content-type', type)
    .header('content-disposition', attachmentHeader(p.fileName))
    .header('cache-control', 'no-store')
    .send(body);
}

/** Printed registers, the handling slip and the list export of the documents module. */
export const documentPrintRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/documents/registers/:direction.pdf',
    {
      config: perm,
      schema: {
        tags,
        summary: 'In sổ đăng ký văn bản đến/đi (PDF, mẫu Phụ lục IV Nghị định 30/2020/NĐ-CP)',
        params: z.object({ direction: z.enum(['incoming', 'outgoing'], 'Chọn sổ văn bản đến hoặc đi') }),
        querystring: registerPrintQuery,
      },
    },
    async (req, reply) =>
      stream(reply, req.log, PDF, await registerPrint(ctxOf(req), req.params.direction, req.query)),
  );

  app.get(
    '/api/v1/documents/:id/slip.pdf',
    {
      config: perm,
      schema: {
        tags,
        summary: 'In phiếu giải quyết văn bản đến (PDF, mẫu Phụ lục IV Nghị định 30/2020/NĐ-CP)',
        params: z.object({ id: z.uuid('Mã văn bản không hợp lệ') }),
      },
    },
    async (req, reply) => stream(reply, req.log, PDF, await handlingSlip(ctxOf(req), req.params.id)),
  );

  app.get(
    '/api/v1/documents/export.xlsx',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Xuất danh sách văn bản đang lọc ra tệp Excel (tối đa 50.000 dòng)',
        querystring: documentExportQuery,
      },
    },
    async (req, reply) => stream(reply, req.log, XLSX, await listExport(ctxOf(req), req.query)),
  );
};

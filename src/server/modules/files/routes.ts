import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { storedFileView, uploadQuery } from '../../../shared/schemas/files.ts';
import { saveBlob } from '../../platform/blobs/index.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import { AppError } from '../../platform/http/errors.ts';

/**
 * Upload endpoint shared by every module: streams the file into the blob store (never wholly in
 * memory), verifying size, type and, when the client sends one, the expected SHA-256.
 * Downloads go through the module that owns the record (documents, dossiers…), which checks access.
 */
export const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/files',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['files'],
        summary: 'Tải tệp lên (multipart/form-data, trường "file"); tùy chọn ?sha256= để kiểm tra toàn vẹn',
        querystring: uploadQuery,
        response: { 201: storedFileView },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw new AppError('unsupported_media_type', 'Hãy gửi tệp dạng multipart/form-data.');
      const ctx = ctxOf(req);
      const part = await req.file({ limits: { fileSize: ctx.config.UPLOAD_MAX_BYTES, files: 1 } });
      if (!part) throw new AppError('bad_request', 'Không có tệp trong yêu cầu (trường "file").');
      const blob = await saveBlob(ctx.db, ctx.blobs, part.file, {
        declaredType: part.mimetype,
        maxBytes: ctx.config.UPLOAD_MAX_BYTES,
        expectSha256: req.query.sha256,
      });
      return reply.status(201).send({ ...blob, fileName: part.filename });
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { uploadQuery } from '../../../../shared/schemas/files.ts';
import { saveBlob } from '../../../platform/blobs/index.ts';
import { ctxOf } from '../../../platform/http/ctx.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { attachLegalFile, legalFile } from './files.ts';

const tags = ['legal'];
const idParams = z.object({ id: z.uuid('Mã văn bản không hợp lệ.') });

/** Upload (multipart, field "file"; ?role=main|attachment, ?sha256= to verify) and download. */
export const filesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/legal/documents/:id/files',
    {
      config: { permission: 'legal.manage' },
      schema: {
        tags,
        summary: 'Tải tệp văn bản (PDF, DOCX, ảnh quét) lên',
        params: idParams,
        querystring: uploadQuery.extend({
          role: z.enum(['main', 'attachment'], 'Vai trò tệp phải là main hoặc attachment.').default('main'),
        }),
        response: { 201: z.object({ id: z.string(), sha256: z.string() }) },
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
      const id = await attachLegalFile(ctx, req.params.id, {
        sha256: blob.sha256,
        fileName: part.filename,
        role: req.query.role,
      });
      return reply.code(201).send({ id, sha256: blob.sha256 });
    },
  );
  app.get(
    '/api/v1/legal/documents/:id/files/:fileId',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'Tải tệp của văn bản', params: idParams.extend({ fileId: z.uuid() }) },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const f = await legalFile(ctx.db, req.params.id, req.params.fileId);
      return reply
        .header('content-type', f.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .header('x-content-sha256', f.sha256)
        .send(await ctx.blobs.get(f.sha256));
    },
  );
};

import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okView as ok } from '../../../shared/schemas/common.ts';
import {
  documentIdParams,
  draftFileView,
  draftSave,
  draftView,
  templateListItem,
  templateTypeParams,
} from '../../../shared/schemas/drafting.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { closeOffice } from '../../platform/office/index.ts';
import { MAX_DOCX_BYTES } from './docx.ts';
import { getDraft, makeDocx, makePdf, saveDraft, uploadDocx } from './draft.ts';
import { DOCX_TYPE, downloadTemplate, listTemplates, resetTemplate, uploadTemplate } from './templates.ts';

const tags = ['drafting'];
const perm = { permission: 'documents' as const, sessionsUnchanged: true };
const admin = { permission: 'templates.manage' as const, sessionsUnchanged: true };

/** Reads the multipart "file" part into memory, refusing more than the DOCX limit (413). */
async function docxPart(req: FastifyRequest): Promise<{ bytes: Buffer; fileName: string }> {
  if (!req.isMultipart())
    throw new AppError('unsupported_media_type', 'Hãy gửi tệp dạng multipart/form-data.');
  const part = await req.file({ limits: { fileSize: MAX_DOCX_BYTES, files: 1 } });
  if (!part) throw new AppError('bad_request', 'Không có tệp trong yêu cầu (trường "file").');
  const chunks: Buffer[] = [];
  for await (const c of part.file) chunks.push(c as Buffer);
  if (part.file.truncated)
    throw new AppError(
      'payload_too_large',
      `Tệp vượt quá dung lượng cho phép (${MAX_DOCX_BYTES / 1048576} MB).`,
    );
  return { bytes: Buffer.concat(chunks), fileName: part.filename || 'mau.docx' };
}

/** Drafting in the Decree 30 layout: DOCX templates per type and agency, the structured draft, DOCX and PDF (LibreOffice). */
export const draftingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onClose', async () => {
    await closeOffice(app.services.config.dataDir);
  });

  app.get(
    '/api/v1/documents/:id/draft',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Dự thảo theo mẫu (đã lưu, hoặc điền sẵn)',
        params: documentIdParams,
        response: { 200: draftView },
      },
    },
    async (req) => getDraft(ctxOf(req), req.params.id),
  );
  app.put(
    '/api/v1/documents/:id/draft',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Lưu các trường và nội dung',
        params: documentIdParams,
        body: draftSave,
        response: { 200: draftView },
      },
    },
    async (req) => saveDraft(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/documents/:id/draft/make',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Tạo bản thảo DOCX từ mẫu',
        params: documentIdParams,
        response: { 201: draftFileView },
      },
    },
    async (req, reply) => reply.status(201).send(await makeDocx(ctxOf(req), req.params.id)),
  );
  app.post(
    '/api/v1/documents/:id/draft/pdf',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Tạo bản PDF (bản cuối) từ DOCX hiện tại',
        params: documentIdParams,
        response: { 201: draftFileView },
      },
    },
    async (req, reply) => reply.status(201).send(await makePdf(ctxOf(req), req.params.id)),
  );
  app.post(
    '/api/v1/documents/:id/draft/upload-docx',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Tải lên bản DOCX đã sửa (multipart, trường "file")',
        params: documentIdParams,
        response: { 201: draftFileView },
      },
    },
    async (req, reply) => {
      const { bytes, fileName } = await docxPart(req);
      return reply.status(201).send(await uploadDocx(ctxOf(req), req.params.id, bytes, fileName));
    },
  );

  app.get(
    '/api/v1/drafting/templates',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Mẫu văn bản của cơ quan',
        response: { 200: z.object({ items: z.array(templateListItem) }) },
      },
    },
    async (req) => ({ items: await listTemplates(ctxOf(req)) }),
  );
  app.get(
    '/api/v1/drafting/templates/:typeCode/docx',
    {
      config: admin,
      schema: { tags, summary: 'Tải mẫu (của cơ quan hoặc có sẵn)', params: templateTypeParams },
    },
    async (req, reply) => {
      const t = await downloadTemplate(ctxOf(req), req.params.typeCode);
      return reply
        .header('content-type', DOCX_TYPE)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(t.fileName)}`)
        .send(t.bytes);
    },
  );
  app.post(
    '/api/v1/drafting/templates/:typeCode',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Tải lên mẫu thay thế (multipart, trường "file")',
        params: templateTypeParams,
      },
    },
    async (req, reply) => {
      const { bytes, fileName } = await docxPart(req);
      return reply.status(201).send(await uploadTemplate(ctxOf(req), req.params.typeCode, bytes, fileName));
    },
  );
  app.delete(
    '/api/v1/drafting/templates/:typeCode',
    {
      config: admin,
      schema: { tags, summary: 'Trở lại mẫu có sẵn', params: templateTypeParams, response: { 200: ok } },
    },
    async (req) => {
      await resetTemplate(ctxOf(req), req.params.typeCode);
      return { ok: true as const };
    },
  );
};

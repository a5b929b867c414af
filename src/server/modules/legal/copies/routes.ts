import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { copyInput, copyList, copyListQuery, copyView } from '../../../../shared/legal/copies.ts';
import { ctxOf } from '../../../platform/http/ctx.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { copiesOfDocument, copiesOfLegal, listCopies, loadCopy } from './reads.ts';
import { makeCopy } from './service.ts';

const tags = ['legal'];
const read = { permission: 'authenticated' as const };
const copy = { permission: 'legal.copy' as const };
const idParams = z.object({ id: z.uuid('Mã không hợp lệ') });
const items = z.object({ items: z.array(copyView) });

/** Copies (sao y, sao lục, trích sao) sent to agencies, and the register of them. */
export const copiesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/legal/copies',
    {
      config: copy,
      schema: {
        tags,
        summary:
          'Sao văn bản (sao y, sao lục, trích sao) QPPL hoặc văn bản trong hệ thống, cấp số bản sao và gửi đến các cơ quan',
        body: copyInput,
        response: { 201: copyView },
      },
    },
    async (req, reply) => reply.code(201).send(await makeCopy(ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/legal/copies',
    {
      config: copy,
      schema: {
        tags,
        summary: 'Sổ đăng ký bản sao của cơ quan tôi (số mới trước)',
        querystring: copyListQuery,
        response: { 200: copyList },
      },
    },
    async (req) => listCopies(ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/legal/copies/:id',
    {
      config: copy,
      schema: {
        tags,
        summary: 'Một bản sao: nơi nhận và việc đăng ký',
        params: idParams,
        response: { 200: copyView },
      },
    },
    async (req) => {
      const found = await loadCopy(ctxOf(req), req.params.id);
      if (!found) throw notFound('Bản sao');
      return found;
    },
  );
  app.get(
    '/api/v1/legal/documents/:id/copies',
    {
      config: read,
      schema: {
        tags,
        summary: 'Các bản sao của văn bản QPPL: gửi đến đâu, ai đăng ký (số đến, thời gian, văn thư)',
        params: idParams,
        response: { 200: items },
      },
    },
    async (req) => copiesOfLegal(ctxOf(req), req.params.id),
  );
  app.get(
    '/api/v1/legal/document-copies/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'Các bản sao cơ quan tôi đã làm từ một văn bản trong hệ thống: gửi đến đâu, ai đăng ký',
        params: idParams,
        response: { 200: items },
      },
    },
    async (req) => copiesOfDocument(ctxOf(req), req.params.id),
  );
};

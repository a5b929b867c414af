import { asc } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  declaredStatusInput,
  legalDiagram,
  legalDocumentBody,
  legalDocumentPatchBody,
  legalDocumentView,
  legalIssuerInput,
  legalIssuerView,
  legalRelationInput,
  legalSearchPage,
  legalSearchQuery,
  relationsPage,
  statusQuery,
  statusView,
  timelinePage,
} from '../../../../shared/legal/api.ts';
import { ctxOf } from '../../../platform/http/ctx.ts';
import { legalIssuers } from '../schema.ts';
import { filesRoutes } from './files-routes.ts';
import { searchLegal } from './search.ts';
import {
  addRelation,
  createIssuer,
  createLegalDocument,
  deleteRelation,
  setDeclaredStatus,
  updateLegalDocument,
} from './service.ts';
import { requireLegalView, statusAsOf } from './view.ts';

const tags = ['legal'];
const P = '/api/v1/legal';
const read = { permission: 'authenticated' as const };
const manage = { permission: 'legal.manage' as const };
const idParams = z.object({ id: z.uuid('Mã văn bản không hợp lệ.') });
const relParams = idParams.extend({ relId: z.uuid('Mã quan hệ không hợp lệ.') });
const created = z.object({ id: z.string() });

/** The legal records routes (rules in service.ts, reads in view.ts and search.ts). */
export const recordsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    `${P}/issuers`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Cơ quan ban hành',
        response: { 200: z.object({ items: z.array(legalIssuerView) }) },
      },
    },
    async (req) => {
      const list = await ctxOf(req)
        .db.select()
        .from(legalIssuers)
        .orderBy(asc(legalIssuers.level), asc(legalIssuers.sortOrder), asc(legalIssuers.name));
      return {
        items: list.map((i) => ({
          id: i.id,
          code: i.code,
          name: i.name,
          level: i.level as 'central' | 'local',
        })),
      };
    },
  );
  app.post(
    `${P}/issuers`,
    {
      config: manage,
      schema: { tags, summary: 'Thêm cơ quan ban hành', body: legalIssuerInput, response: { 201: created } },
    },
    async (req, reply) => reply.code(201).send({ id: await createIssuer(ctxOf(req), req.body) }),
  );

  app.get(
    `${P}/documents`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Tra cứu văn bản quy phạm pháp luật',
        querystring: legalSearchQuery,
        response: { 200: legalSearchPage },
      },
    },
    async (req) => {
      const { cursor, ...q } = req.query;
      return searchLegal(ctxOf(req).db, { ...q, after: cursor });
    },
  );
  app.post(
    `${P}/documents`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Nhập văn bản',
        body: legalDocumentBody,
        response: { 201: legalDocumentView },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await createLegalDocument(ctx, req.body as never);
      return reply.code(201).send((await requireLegalView(ctx, id)).doc);
    },
  );
  app.get(
    `${P}/documents/:id`,
    {
      config: read,
      schema: { tags, summary: 'Văn bản', params: idParams, response: { 200: legalDocumentView } },
    },
    async (req) => (await requireLegalView(ctxOf(req), req.params.id)).doc,
  );
  app.patch(
    `${P}/documents/:id`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Sửa thông tin văn bản',
        params: idParams,
        body: legalDocumentPatchBody,
        response: { 200: legalDocumentView },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await updateLegalDocument(ctx, req.params.id, req.body as never);
      return (await requireLegalView(ctx, req.params.id)).doc;
    },
  );

  app.get(
    `${P}/documents/:id/relations`,
    {
      config: read,
      schema: { tags, summary: 'Văn bản liên quan', params: idParams, response: { 200: relationsPage } },
    },
    async (req) => ({ items: (await requireLegalView(ctxOf(req), req.params.id)).relations }),
  );
  app.post(
    `${P}/documents/:id/relations`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Thêm quan hệ (văn bản này là văn bản nguồn)',
        params: idParams,
        body: legalRelationInput,
        response: { 201: created },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ id: await addRelation(ctxOf(req), req.params.id, req.body) }),
  );
  app.delete(
    `${P}/documents/:id/relations/:relId`,
    { config: manage, schema: { tags, summary: 'Xóa quan hệ', params: relParams } },
    async (req, reply) => {
      await deleteRelation(ctxOf(req), req.params.id, req.params.relId);
      return reply.code(204).send();
    },
  );
  app.get(
    `${P}/documents/:id/history`,
    {
      config: read,
      schema: { tags, summary: 'Lịch sử hiệu lực', params: idParams, response: { 200: timelinePage } },
    },
    async (req) => ({ items: (await requireLegalView(ctxOf(req), req.params.id)).timeline }),
  );
  app.get(
    `${P}/documents/:id/diagram`,
    {
      config: read,
      schema: { tags, summary: 'Lược đồ', params: idParams, response: { 200: legalDiagram } },
    },
    async (req) => (await requireLegalView(ctxOf(req), req.params.id)).diagram,
  );
  app.get(
    `${P}/documents/:id/status`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Tình trạng hiệu lực tại một ngày',
        params: idParams,
        querystring: statusQuery,
        response: { 200: statusView },
      },
    },
    async (req) => statusAsOf(ctxOf(req), req.params.id, req.query.asOf),
  );
  app.post(
    `${P}/documents/:id/declared-status`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Ghi tình trạng hiệu lực được công bố (văn bản hướng dẫn, quy định chi tiết)',
        params: idParams,
        body: declaredStatusInput,
        response: { 200: legalDocumentView },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await setDeclaredStatus(ctx, req.params.id, req.body);
      return (await requireLegalView(ctx, req.params.id)).doc;
    },
  );
  await app.register(filesRoutes);
};

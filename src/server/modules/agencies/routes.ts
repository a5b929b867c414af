import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agencyHistoryView,
  agencyInput,
  agencyListQuery,
  agencyMergeInput,
  agencyMergeResult,
  agencyMoveInput,
  agencyUpdate,
  agencyView,
  csvImportInput,
  csvImportQuery,
  csvImportResult,
} from '../../../shared/schemas/agencies.ts';
import { itemsOf, pageOf } from '../../../shared/schemas/common.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { exportCsv, importCsv } from './csv.ts';
import { presentAgency } from './presenter.ts';
import * as service from './service.ts';

const idParams = z.object({ id: z.uuid('Mã đơn vị không hợp lệ') });
const tags = ['agencies'];

export const agencyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/agencies',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Danh sách đơn vị (phân trang keyset)',
        querystring: agencyListQuery,
        response: { 200: pageOf(agencyView) },
      },
    },
    async (req) => {
      const { parentId, includeInactive, ...q } = req.query;
      const page = await service.list(ctxOf(req), {
        ...q,
        parentId: parentId === 'root' ? null : parentId,
        includeInactive: includeInactive === 'true',
      });
      return { items: page.items.map(presentAgency), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/agencies/export.csv',
    { config: { permission: 'agencies.manage' }, schema: { tags, summary: 'Xuất danh mục đơn vị (CSV)' } },
    async (req, reply) => {
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="don-vi.csv"');
      return reply.send(Readable.from(exportCsv(ctxOf(req).db)));
    },
  );

  app.post(
    '/api/v1/agencies/import',
    {
      config: { permission: 'agencies.manage' },
      schema: {
        tags,
        summary: 'Nhập danh mục đơn vị từ CSV (dryRun=true để kiểm tra trước, không ghi gì)',
        querystring: csvImportQuery,
        body: csvImportInput,
        response: { 200: csvImportResult },
      },
    },
    async (req) => {
      const result = await importCsv(ctxOf(req), req.body.csv, req.query.dryRun === 'true');
      if (result.errors.length && !result.dryRun) {
        // Nothing was written; the problem lists every bad row like the dry run does.
        throw new AppError(
          'validation_failed',
          `Tệp có ${result.errors.length} dòng lỗi; chưa ghi dữ liệu nào.`,
          { extra: { ...result } },
        );
      }
      return result;
    },
  );

  app.get(
    '/api/v1/agencies/:id',
    {
      config: { permission: 'authenticated' },
      schema: { tags, params: idParams, response: { 200: agencyView } },
    },
    async (req) => presentAgency(await service.get(ctxOf(req), req.params.id)),
  );

  app.get(
    '/api/v1/agencies/:id/history',
    {
      config: { permission: 'agencies.manage' },
      schema: { tags, params: idParams, response: { 200: itemsOf(agencyHistoryView) } },
    },
    async (req) => {
      const items = await service.getHistory(ctxOf(req), req.params.id);
      return {
        items: items.map((h) => ({
          id: h.id,
          change: h.change,
          before: h.before,
          after: h.after,
          actorId: h.actorId,
          actorName: h.actorName,
          at: h.at.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/api/v1/agencies',
    {
      config: { permission: 'agencies.manage' },
      schema: { tags, body: agencyInput, response: { 201: agencyView } },
    },
    async (req, reply) => reply.status(201).send(presentAgency(await service.create(ctxOf(req), req.body))),
  );

  app.patch(
    '/api/v1/agencies/:id',
    {
      config: { permission: 'agencies.manage' },
      schema: { tags, params: idParams, body: agencyUpdate, response: { 200: agencyView } },
    },
    async (req) => presentAgency(await service.update(ctxOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/agencies/:id/move',
    {
      config: { permission: 'agencies.manage' },
      schema: {
        tags,
        params: idParams,
        body: agencyMoveInput,
        response: { 200: agencyView },
      },
    },
    async (req) => presentAgency(await service.move(ctxOf(req), req.params.id, req.body.parentId)),
  );

  app.post(
    '/api/v1/agencies/:id/merge',
    {
      config: { permission: 'agencies.manage' },
      schema: {
        tags,
        summary: 'Sáp nhập đơn vị này vào đơn vị khác (giữ lịch sử)',
        params: idParams,
        body: agencyMergeInput,
        response: { 200: agencyMergeResult },
      },
    },
    async (req) => {
      const r = await service.merge(ctxOf(req), req.params.id, req.body.targetId);
      return {
        source: presentAgency(r.source),
        target: presentAgency(r.target),
        movedChildren: r.movedChildren,
      };
    },
  );
};

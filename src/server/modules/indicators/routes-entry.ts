import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  cellsInput,
  cellsSavedView,
  entryParams,
  entryQuery,
  gridView,
  historyQuery,
  historyView,
} from '../../../shared/schemas/indicators-entry.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import { cellHistory, loadGrid, saveCells } from './entry.ts';

const tags = ['indicators'];
const P = '/api/v1/indicators/entry/:formId/:period';
// Entering figures changes no person, position or session: the session cache survives it.
const read = { permission: 'indicators.read' as const, sessionsUnchanged: true };
const report = { permission: 'indicators.report' as const, sessionsUnchanged: true };

/** Routes of the indicators module: the entry grid, cell saves and a cell's history (see entry.ts). */
export const entryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    P,
    {
      config: read,
      schema: {
        tags,
        summary: 'Bảng nhập số liệu của một biểu mẫu, kỳ và đơn vị (kèm cùng kỳ năm trước và kế hoạch năm)',
        params: entryParams,
        querystring: entryQuery,
        response: { 200: gridView },
      },
    },
    async (req) => loadGrid(ctxOf(req), req.params.formId, req.params.period, req.query.agencyId),
  );
  app.put(
    `${P}/cells`,
    {
      config: report,
      schema: {
        tags,
        summary: 'Lưu một hoặc nhiều ô (gõ, dán từ bảng tính, cả biểu): tất cả hoặc không ô nào',
        params: entryParams,
        body: cellsInput,
        response: { 200: cellsSavedView },
      },
    },
    async (req) => saveCells(ctxOf(req), req.params.formId, req.params.period, req.body),
  );
  app.get(
    `${P}/history`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Lịch sử thay đổi của một ô (ai, khi nào, trước và sau)',
        params: entryParams,
        querystring: historyQuery,
        response: { 200: historyView },
      },
    },
    async (req) => cellHistory(ctxOf(req), req.params.formId, req.params.period, req.query),
  );
};

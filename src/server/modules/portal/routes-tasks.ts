import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../../shared/schemas/common.ts';
import {
  acceptTaskInput,
  createdTasksView,
  createTasksInput,
  dueDateQuery,
  dueDateView,
  figuresQuery,
  figuresView,
  progressInput,
  resultInput,
  returnTaskInput,
  taskCountsView,
  taskDetailView,
  taskItemView,
  taskListQuery,
  taskScopeView,
} from '../../../shared/schemas/portal-tasks.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import {
  acceptResult,
  createTasks,
  dueDateAfter,
  figuresXlsx,
  listTasks,
  reportProgress,
  reportResult,
  returnResult,
  scopeView,
  taskCountsFor,
  taskDetail,
  taskFigures,
  taskFile,
} from './tasks.ts';

const tags = ['portal'];
const P = '/api/v1/tasks';
const read = { permission: 'authenticated' as const };
const manage = { permission: 'tasks.manage' as const };
const report = { permission: 'tasks.report' as const };
const idParams = z.object({ id: z.uuid('Mã nhiệm vụ không hợp lệ.') });
const fileParams = idParams.extend({
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'Mã tệp không hợp lệ.'),
});

/** The tasks routes of the portal (nhiệm vụ được giao; rules in tasks.ts). */
export const tasksRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    `${P}/scope`,
    {
      config: read,
      schema: { tags, summary: 'Quyền của tôi với nhiệm vụ được giao', response: { 200: taskScopeView } },
    },
    async (req) => scopeView(ctxOf(req)),
  );
  app.get(
    `${P}/counts`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Số nhiệm vụ sắp đến hạn, quá hạn, đang thực hiện',
        response: { 200: taskCountsView },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return taskCountsFor(ctx.db, ctx.actor, ctx.now());
    },
  );
  app.get(
    `${P}/due-date`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Hạn xử lý sau N ngày làm việc kể từ ngày giao',
        querystring: dueDateQuery,
        response: { 200: dueDateView },
      },
    },
    async (req) => ({ dueOn: dueDateAfter(ctxOf(req).now(), req.query.assignedOn, req.query.workingDays) }),
  );
  app.get(
    `${P}/figures`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Tình hình thực hiện nhiệm vụ theo đơn vị chủ trì trong một khoảng thời gian',
        querystring: figuresQuery,
        response: { 200: figuresView },
      },
    },
    async (req) => taskFigures(ctxOf(req), req.query),
  );
  app.get(
    `${P}/figures.xlsx`,
    {
      config: read,
      schema: { tags, summary: 'Tình hình thực hiện nhiệm vụ (Excel)', querystring: figuresQuery },
    },
    async (req, reply) => {
      const view = await taskFigures(ctxOf(req), req.query);
      const name = `Tinh-hinh-thuc-hien-nhiem-vu-${view.from}-${view.to}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(await figuresXlsx(view));
    },
  );
  app.get(
    P,
    {
      config: read,
      schema: {
        tags,
        summary: 'Nhiệm vụ tôi được xem (phân trang keyset, lọc theo trạng thái, đơn vị, hạn, nguồn)',
        querystring: taskListQuery,
        response: { 200: pageOf(taskItemView) },
      },
    },
    async (req) => listTasks(ctxOf(req), req.query),
  );
  app.post(
    P,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Giao nhiệm vụ (một hay nhiều nhiệm vụ từ cùng một nguồn)',
        body: createTasksInput,
        response: { 201: createdTasksView },
      },
    },
    async (req, reply) => reply.code(201).send(await createTasks(ctxOf(req), req.body)),
  );
  app.get(
    `${P}/:id`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Một nhiệm vụ và diễn biến',
        params: idParams,
        response: { 200: taskDetailView },
      },
    },
    async (req) => taskDetail(ctxOf(req), req.params.id),
  );
  app.get(
    `${P}/:id/files/:sha256`,
    { config: read, schema: { tags, summary: 'Tải tệp đính kèm báo cáo của nhiệm vụ', params: fileParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const f = await taskFile(ctx, req.params.id, req.params.sha256);
      return reply
        .header('content-type', f.mediaType)
        .header('content-length', f.size)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(await ctx.blobs.get(f.sha256));
    },
  );
  app.post(
    `${P}/:id/progress`,
    {
      config: report,
      schema: {
        tags,
        summary: 'Báo cáo tiến độ (đơn vị chủ trì: kèm phần trăm; đơn vị phối hợp: ghi chú)',
        params: idParams,
        body: progressInput,
        response: { 200: taskDetailView },
      },
    },
    async (req) => reportProgress(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    `${P}/:id/result`,
    {
      config: report,
      schema: {
        tags,
        summary: 'Báo cáo kết quả thực hiện (đơn vị chủ trì)',
        params: idParams,
        body: resultInput,
        response: { 200: taskDetailView },
      },
    },
    async (req) => reportResult(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    `${P}/:id/accept`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Công nhận hoàn thành (văn phòng đơn vị giao)',
        params: idParams,
        body: acceptTaskInput,
        response: { 200: taskDetailView },
      },
    },
    async (req) => acceptResult(ctxOf(req), req.params.id, req.body.note),
  );
  app.post(
    `${P}/:id/return`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Trả lại kết quả, yêu cầu tiếp tục thực hiện (kèm lý do)',
        params: idParams,
        body: returnTaskInput,
        response: { 200: taskDetailView },
      },
    },
    async (req) => returnResult(ctxOf(req), req.params.id, req.body.reason),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  commentResolveInput,
  planAppraiseInput,
  planApproveInput,
  planCommentInput,
  planCreateInput,
  planListQuery,
  planOverviewPage,
  planPage,
  planProgressInput,
  planReturnInput,
  planSaveInput,
  planVersionSnapshot,
  planView,
} from '../../../shared/reports/plans.ts';
import { okView } from '../../../shared/schemas/common.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import {
  createPlan,
  deletePlan,
  listOwnPlans,
  listPlanOverview,
  planVersion,
  planView as presentPlan,
  reportProgress,
  resolveComment,
  savePlan,
  submitPlan,
} from './plans.ts';
import { appraisePlan, approvePlan, commentOnPlan, issueDecision, returnPlan } from './plans-appraisal.ts';

/**
 * IT plans (issue 20) under /api/v1/reports/plans. Every write answers the plan as the person now
 * sees it (with the actions open to them), so a screen needs no second request.
 */
export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['reports', 'plans'];
  const edit = { permission: 'plans.edit' as const, sessionsUnchanged: true };
  const review = { permission: 'plans.review' as const, sessionsUnchanged: true };
  // Reading a plan: its agency (plans.edit), the IT department and the People's Committee
  // (plans.review); loadPlan decides, and answers 404 to anyone else.
  const seen = { permission: 'authenticated' as const, sessionsUnchanged: true };
  const params = z.object({ id: z.uuid() });
  const base = '/api/v1/reports/plans';
  const view = { 200: planView };

  app.get(
    base,
    {
      config: edit,
      schema: {
        tags,
        summary: 'Kế hoạch ứng dụng CNTT của cơ quan mình (5 năm và hằng năm)',
        querystring: planListQuery,
        response: { 200: planPage },
      },
    },
    async (req) => listOwnPlans(ctxOf(req), req.query),
  );

  app.get(
    `${base}/overview`,
    {
      config: review,
      schema: {
        tags,
        summary: 'Theo dõi kế hoạch ứng dụng CNTT của các đơn vị: trạng thái và tiến độ',
        querystring: planListQuery,
        response: { 200: planOverviewPage },
      },
    },
    async (req) => listPlanOverview(ctxOf(req), req.query),
  );

  app.post(
    base,
    {
      config: edit,
      schema: {
        tags,
        summary: 'Lập kế hoạch 5 năm hoặc kế hoạch năm (theo kế hoạch 5 năm bao gồm năm đó)',
        body: planCreateInput,
        response: { 201: planView },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { id } = await createPlan(ctx, req.body);
      return reply.status(201).send(await presentPlan(ctx, id));
    },
  );

  app.get(
    `${base}/:id`,
    {
      config: seen,
      schema: {
        tags,
        summary: 'Một kế hoạch: nhiệm vụ, ý kiến thẩm định, các lần trình',
        params,
        response: view,
      },
    },
    async (req) => presentPlan(ctxOf(req), req.params.id),
  );

  app.put(
    `${base}/:id`,
    {
      config: edit,
      schema: {
        tags,
        summary: 'Lưu kế hoạch đang soạn hoặc bị trả lại (nội dung và toàn bộ danh sách nhiệm vụ)',
        params,
        body: planSaveInput,
        response: view,
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await savePlan(ctx, req.params.id, req.body);
      return presentPlan(ctx, req.params.id);
    },
  );

  app.delete(
    `${base}/:id`,
    {
      config: edit,
      schema: {
        tags,
        summary: 'Xóa kế hoạch đang soạn, chưa trình lần nào',
        params,
        response: { 200: okView },
      },
    },
    async (req) => {
      await deletePlan(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    `${base}/:id/submit`,
    {
      config: edit,
      schema: {
        tags,
        summary: 'Trình kế hoạch để Sở chuyên trách CNTT thẩm định (một lần trình mới)',
        params,
        response: view,
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await submitPlan(ctx, req.params.id);
      return presentPlan(ctx, req.params.id);
    },
  );

  app.get(
    `${base}/:id/versions/:version`,
    {
      config: seen,
      schema: {
        tags,
        summary: 'Kế hoạch như đã trình ở một lần trình',
        params: z.object({ id: z.uuid(), version: z.coerce.number().int().min(1).max(10_000) }),
        response: { 200: planVersionSnapshot },
      },
    },
    async (req) => planVersion(ctxOf(req), req.params.id, req.params.version),
  );

  app.post(
    `${base}/:id/comments`,
    {
      config: review,
      schema: {
        tags,
        summary: 'Ý kiến thẩm định về kế hoạch hoặc về một nhiệm vụ',
        params,
        body: planCommentInput,
        response: view,
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await commentOnPlan(ctx, req.params.id, req.body);
      return presentPlan(ctx, req.params.id);
    },
  );

  app.post(
    `${base}/:id/comments/:commentId/resolve`,
    {
      config: edit,
      schema: {
        tags,
        summary: 'Đơn vị đánh dấu ý kiến thẩm định đã xử lý (hoặc chưa)',
        params: z.object({ id: z.uuid(), commentId: z.uuid() }),
        body: commentResolveInput,
        response: view,
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await resolveComment(ctx, req.params.id, req.params.commentId, req.body.resolved);
      return presentPlan(ctx, req.params.id);
    },
  );

  app.post(
    `${base}/:id/return`,
    {
      config: review,
      schema: {
        tags,
        summary: 'Trả lại kế hoạch để đơn vị chỉnh sửa',
        params,
        body: planReturnInput,
        response: view,
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await returnPlan(ctx, req.params.id, req.body);
      return presentPlan(ctx, req.params.id);
    },
  );

  app.post(
    `${base}/:id/appraise`,
    {
      config: review,
      schema: {
        tags,
        summary: 'Thẩm định kế hoạch (ý kiến thẩm định), chuyển UBND tỉnh phê duyệt',
        params,
        body: planAppraiseInput,
        response: view,
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await appraisePlan(ctx, req.params.id, req.body);
      return presentPlan(ctx, req.params.id);
    },
  );

  app.post(
    `${base}/:id/approve`,
    {
      config: review,
      schema: {
        tags,
        summary: 'Lãnh đạo UBND tỉnh phê duyệt kế hoạch (có thể tạo ngay dự thảo quyết định phê duyệt)',
        params,
        body: planApproveInput,
        response: view,
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await approvePlan(ctx, req.params.id, req.body);
      return presentPlan(ctx, req.params.id);
    },
  );

  app.post(
    `${base}/:id/decision`,
    {
      config: review,
      schema: {
        tags,
        summary: 'Phát hành quyết định phê duyệt: tạo dự thảo văn bản đi của UBND tỉnh',
        params,
        response: view,
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await issueDecision(ctx, req.params.id);
      return presentPlan(ctx, req.params.id);
    },
  );

  app.put(
    `${base}/:id/progress`,
    {
      config: edit,
      schema: {
        tags,
        summary: 'Báo cáo tiến độ các nhiệm vụ của kế hoạch năm đã phê duyệt',
        params,
        body: planProgressInput,
        response: view,
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await reportProgress(ctx, req.params.id, req.body);
      return presentPlan(ctx, req.params.id);
    },
  );
};

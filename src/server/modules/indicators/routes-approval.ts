import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okView, pageOf } from '../../../shared/schemas/common.ts';
import {
  agencyQuery,
  completenessQuery,
  completenessView,
  inboxItemView,
  inboxQuery,
  reportParams,
  reportView,
  returnInput,
  ruleInput,
  ruleListQuery,
  ruleView,
  submitInput,
  validationView,
} from '../../../shared/schemas/indicators-approval.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import {
  approveReport,
  inbox,
  reportDetail,
  returnReport,
  submitReport,
  validateReport,
} from './approval.ts';
import { completeness, completenessXlsx } from './completeness.ts';
import { createRule, deleteRule, getRule, listRules, updateRule } from './rules.ts';

const tags = ['indicators'];
const P = '/api/v1/indicators';
const read = { permission: 'indicators.read' as const };
const manage = { permission: 'indicators.manage' as const };
const report = { permission: 'indicators.report' as const };
const approve = { permission: 'indicators.approve' as const };
const ruleParams = z.object({ id: z.uuid('Mã quy tắc không hợp lệ.') });

/** Routes of the indicators module: validation rules, submission, approval, completeness (see approval.ts). */
export const approvalRoutes: FastifyPluginAsyncZod = async (app) => {
  // --- Validation rules ---
  app.get(
    `${P}/rules`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Quy tắc kiểm tra số liệu',
        querystring: ruleListQuery,
        response: { 200: z.array(ruleView) },
      },
    },
    async (req) => listRules(ctxOf(req), req.query),
  );
  app.get(
    `${P}/rules/:id`,
    {
      config: read,
      schema: { tags, summary: 'Một quy tắc kiểm tra', params: ruleParams, response: { 200: ruleView } },
    },
    async (req) => getRule(ctxOf(req), req.params.id),
  );
  app.post(
    `${P}/rules`,
    {
      config: manage,
      schema: { tags, summary: 'Thêm quy tắc kiểm tra', body: ruleInput, response: { 201: ruleView } },
    },
    async (req, reply) => reply.code(201).send(await createRule(ctxOf(req), req.body)),
  );
  app.put(
    `${P}/rules/:id`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Sửa quy tắc kiểm tra',
        params: ruleParams,
        body: ruleInput,
        response: { 200: ruleView },
      },
    },
    async (req) => updateRule(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    `${P}/rules/:id`,
    {
      config: manage,
      schema: { tags, summary: 'Xóa quy tắc kiểm tra', params: ruleParams, response: { 200: okView } },
    },
    async (req) => {
      await deleteRule(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  // --- Approval inbox and completeness (before the :formId/:period routes; distinct shapes anyway) ---
  app.get(
    `${P}/reports/inbox`,
    {
      config: approve,
      schema: {
        tags,
        summary: 'Báo cáo chờ đơn vị của tôi duyệt (phân trang keyset)',
        querystring: inboxQuery,
        response: { 200: pageOf(inboxItemView) },
      },
    },
    async (req) => inbox(ctxOf(req), req.query),
  );
  app.get(
    `${P}/reports/completeness`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Tình hình báo cáo: đủ, đúng hạn, trễ hạn, chưa gửi theo đơn vị',
        querystring: completenessQuery,
        response: { 200: completenessView },
      },
    },
    async (req) => completeness(ctxOf(req), req.query),
  );
  app.get(
    `${P}/reports/completeness.xlsx`,
    {
      config: read,
      schema: { tags, summary: 'Tình hình báo cáo (Excel)', querystring: completenessQuery },
    },
    async (req, reply) => {
      const view = await completeness(ctxOf(req), req.query);
      const name = `Tinh-hinh-bao-cao-${view.form.code}-${view.period}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(await completenessXlsx(view));
    },
  );

  // --- One report ---
  app.get(
    `${P}/reports/:formId/:period`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Trạng thái và các bước duyệt của một báo cáo',
        params: reportParams,
        querystring: agencyQuery,
        response: { 200: reportView },
      },
    },
    async (req) => reportDetail(ctxOf(req), req.params.formId, req.params.period, req.query.agencyId),
  );
  app.post(
    `${P}/reports/:formId/:period/validate`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Kiểm tra số liệu của báo cáo theo quy tắc và khoảng giá trị thường gặp',
        params: reportParams,
        querystring: agencyQuery,
        response: { 200: validationView },
      },
    },
    async (req) => validateReport(ctxOf(req), req.params.formId, req.params.period, req.query.agencyId),
  );
  app.post(
    `${P}/reports/:formId/:period/submit`,
    {
      config: report,
      schema: {
        tags,
        summary: 'Gửi báo cáo (cảnh báo cần giải trình, lỗi chặn phải sửa)',
        params: reportParams,
        querystring: agencyQuery,
        body: submitInput,
        response: { 200: reportView },
      },
    },
    async (req) =>
      submitReport(ctxOf(req), req.params.formId, req.params.period, req.query.agencyId, req.body),
  );
  app.post(
    `${P}/reports/:formId/:period/approve`,
    {
      config: approve,
      schema: {
        tags,
        summary: 'Duyệt báo cáo đang chờ đơn vị của tôi',
        params: reportParams,
        querystring: agencyQuery,
        response: { 200: reportView },
      },
    },
    async (req) => approveReport(ctxOf(req), req.params.formId, req.params.period, req.query.agencyId),
  );
  app.post(
    `${P}/reports/:formId/:period/return`,
    {
      config: approve,
      schema: {
        tags,
        summary: 'Trả lại báo cáo (kèm lý do)',
        params: reportParams,
        querystring: agencyQuery,
        body: returnInput,
        response: { 200: reportView },
      },
    },
    async (req) =>
      returnReport(ctxOf(req), req.params.formId, req.params.period, req.query.agencyId, req.body.reason),
  );
};

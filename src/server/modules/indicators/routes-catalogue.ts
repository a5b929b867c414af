import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { vnDate } from '../../../shared/calendar/vn-time.ts';
import { itemsOf, pageOf } from '../../../shared/schemas/common.ts';
import {
  catalogueQuery,
  disaggregationView,
  formInput,
  formView,
  groupView,
  importResult,
  indicatorBody,
  indicatorDetailView,
  indicatorInput,
  indicatorView,
  reopenInput,
  scheduleView,
} from '../../../shared/schemas/indicators-catalogue.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import { AppError } from '../../platform/http/errors.ts';
import {
  createIndicator,
  indicatorDetail,
  listCatalogue,
  listDisaggregations,
  listGroups,
  updateIndicator,
} from './catalogue.ts';
import { exportCatalogue, importCatalogue } from './catalogue-xlsx.ts';
import { createForm, formDetail, formSchedule, listForms, reopen, updateForm } from './forms.ts';

const tags = ['indicators'];
const read = { permission: 'indicators.read' as const };
const manage = { permission: 'indicators.manage' as const };
const P = '/api/v1/indicators';
const codeParams = z.object({ code: z.string().max(20) });
const idParams = z.object({ id: z.uuid('Mã biểu mẫu không hợp lệ') });

/** Routes of the indicators module: catalogue and report forms (see /work/notes/ind-design.md). */
export const catalogueRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    `${P}/groups`,
    { config: read, schema: { tags, summary: 'Nhóm chỉ tiêu', response: { 200: itemsOf(groupView) } } },
    async (req) => ({ items: await listGroups(ctxOf(req).db) }),
  );
  app.get(
    `${P}/disaggregations`,
    { config: read, schema: { tags, summary: 'Phân tổ', response: { 200: itemsOf(disaggregationView) } } },
    async (req) => ({ items: await listDisaggregations(ctxOf(req).db) }),
  );
  app.get(
    `${P}/catalogue`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Danh mục chỉ tiêu (phân trang theo mã)',
        querystring: catalogueQuery,
        response: { 200: pageOf(indicatorView) },
      },
    },
    async (req) => listCatalogue(ctxOf(req).db, req.query),
  );
  app.get(
    `${P}/catalogue.xlsx`,
    { config: read, schema: { tags, summary: 'Xuất danh mục chỉ tiêu (xlsx)' } },
    async (req, reply) => {
      const data = await exportCatalogue(ctxOf(req).db);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''danh-muc-chi-tieu.xlsx`)
        .send(data);
    },
  );
  app.post(
    `${P}/catalogue/import`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Nhập danh mục từ tệp xlsx (multipart, trường "file"); không ghi gì khi còn lỗi',
        response: { 200: importResult, 422: importResult },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw new AppError('unsupported_media_type', 'Hãy gửi tệp dạng multipart/form-data.');
      const ctx = ctxOf(req);
      const part = await req.file({ limits: { fileSize: ctx.config.UPLOAD_MAX_BYTES + 1, files: 1 } });
      if (!part) throw new AppError('bad_request', 'Không có tệp trong yêu cầu (trường "file").');
      const data = await part.toBuffer().catch(() => {
        throw new AppError(
          'payload_too_large',
          `Tệp quá lớn (tối đa ${Math.floor(ctx.config.UPLOAD_MAX_BYTES / 1024)} KB).`,
        );
      });
      const result = await importCatalogue(ctx, data, part.filename);
      return reply.status(result.ok ? 200 : 422).send(result);
    },
  );
  app.get(
    `${P}/catalogue/:code`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Một chỉ tiêu và các phiên bản trước',
        params: codeParams,
        response: { 200: indicatorDetailView },
      },
    },
    async (req) => indicatorDetail(ctxOf(req).db, req.params.code),
  );
  app.post(
    `${P}/catalogue`,
    {
      config: manage,
      schema: { tags, summary: 'Thêm chỉ tiêu', body: indicatorInput, response: { 201: indicatorView } },
    },
    async (req, reply) => reply.status(201).send(await createIndicator(ctxOf(req), req.body)),
  );
  app.put(
    `${P}/catalogue/:code`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Sửa chỉ tiêu (tăng phiên bản, giữ định nghĩa cũ)',
        params: codeParams,
        body: indicatorBody,
        response: { 200: indicatorView },
      },
    },
    async (req) => updateIndicator(ctxOf(req), req.params.code, { ...req.body, code: req.params.code }),
  );

  // --- Forms ---
  app.get(
    `${P}/forms`,
    { config: read, schema: { tags, summary: 'Biểu mẫu báo cáo', response: { 200: itemsOf(formView) } } },
    async (req) => ({ items: await listForms(ctxOf(req).db) }),
  );
  app.post(
    `${P}/forms`,
    {
      config: manage,
      schema: { tags, summary: 'Thêm biểu mẫu', body: formInput, response: { 201: formView } },
    },
    async (req, reply) => reply.status(201).send(await createForm(ctxOf(req), req.body)),
  );
  app.get(
    `${P}/forms/:id`,
    {
      config: read,
      schema: { tags, summary: 'Một biểu mẫu', params: idParams, response: { 200: formView } },
    },
    async (req) => formDetail(ctxOf(req).db, req.params.id),
  );
  app.put(
    `${P}/forms/:id`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Sửa biểu mẫu',
        params: idParams,
        body: formInput,
        response: { 200: formView },
      },
    },
    async (req) => updateForm(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    `${P}/forms/:id/schedule`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Lịch của một kỳ (mở, hạn, khóa) và tình trạng từng cơ quan',
        params: idParams,
        querystring: z.object({ period: z.string('Kỳ báo cáo là bắt buộc').max(10) }),
        response: { 200: scheduleView },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return formSchedule(ctx.db, req.params.id, req.query.period, vnDate(ctx.now()));
    },
  );
  app.post(
    `${P}/forms/:id/reopen`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Mở lại một kỳ đã khóa cho một cơ quan',
        params: idParams,
        body: reopenInput,
        response: { 200: scheduleView },
      },
    },
    async (req) => reopen(ctxOf(req), req.params.id, req.body),
  );
};

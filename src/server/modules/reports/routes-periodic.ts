import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  consolidatedSchema,
  cycleInputSchema,
  cycleListQuery,
  cycleSchema,
  cycleSubmissionsQuery,
  lateItemSchema,
  pageOf,
  pageQuerySchema,
  returnSchema,
  submissionItemSchema,
  submissionSaveSchema,
  submissionSchema,
  templateInputSchema,
  templateListQuery,
  templateSchema,
  templateUpdateSchema,
} from '../../../shared/reports/periodic.ts';
import type { Ctx } from '../../platform/context.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import { consolidate } from './consolidate.ts';
import {
  closeCycle,
  cycleSubmissions,
  getCycle,
  issueCycle,
  lateSubmissions,
  listCycles,
  ownSubmissions,
} from './cycles.ts';
import type { ReportDocument } from './report-document.ts';
import { REPORT_DOCX_TYPE, REPORT_PDF_TYPE, reportDocx, reportFileName, reportPdf } from './report-docx.ts';
import { consolidatedDocument, submissionDocument } from './report-model.ts';
import {
  acceptSubmission,
  getSubmission,
  returnSubmission,
  saveSubmission,
  submitSubmission,
} from './submissions.ts';
import { createTemplate, getTemplate, listTemplates, updateTemplate } from './templates.ts';

const tags = ['reports'];
const P = '/api/v1/reports';
/** The IT department's work; the module also checks the person's agency is the IT department. */
const consolidator = { permission: 'reports.consolidate' as const };
const fill = { permission: 'reports.fill' as const };
const idParams = z.object({ id: z.uuid('Mã không hợp lệ.') });

/** Sends a report as a DOCX or PDF download. */
async function sendReport(ctx: Ctx, reply: FastifyReply, doc: ReportDocument, ext: 'docx' | 'pdf') {
  const body = ext === 'docx' ? await reportDocx(doc) : await reportPdf(ctx, doc);
  return reply
    .header('content-type', ext === 'docx' ? REPORT_DOCX_TYPE : REPORT_PDF_TYPE)
    .header('content-disposition', `attachment; filename="${reportFileName(doc, ext)}"`)
    .header('cache-control', 'private, no-store')
    .send(body);
}

/** Periodic reports (issue 20): templates, cycles, submissions, return and acceptance, consolidation. */
export const periodicRoutes: FastifyPluginAsyncZod = async (app) => {
  // --- Templates ---
  app.get(
    `${P}/templates`,
    {
      config: consolidator,
      schema: {
        tags,
        summary: 'Danh sách mẫu báo cáo định kỳ',
        querystring: templateListQuery,
        response: { 200: pageOf(templateSchema) },
      },
    },
    async (req) => listTemplates(ctxOf(req), req.query),
  );
  app.post(
    `${P}/templates`,
    {
      config: consolidator,
      schema: {
        tags,
        summary: 'Tạo mẫu báo cáo định kỳ (mục nội dung, bảng số liệu tự điền hoặc nhập tay)',
        body: templateInputSchema,
        response: { 201: templateSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createTemplate(ctxOf(req), req.body)),
  );
  app.get(
    `${P}/templates/:id`,
    {
      config: consolidator,
      schema: {
        tags,
        summary: 'Một mẫu báo cáo định kỳ',
        params: idParams,
        response: { 200: templateSchema },
      },
    },
    async (req) => getTemplate(ctxOf(req), req.params.id),
  );
  app.put(
    `${P}/templates/:id`,
    {
      config: consolidator,
      schema: {
        tags,
        summary: 'Sửa mẫu báo cáo (mẫu đã giao chỉ đổi được tên, tiêu đề, hạn và việc ngừng dùng)',
        params: idParams,
        body: templateUpdateSchema,
        response: { 200: templateSchema },
      },
    },
    async (req) => updateTemplate(ctxOf(req), req.params.id, req.body),
  );

  // --- Cycles ---
  app.post(
    `${P}/cycles`,
    {
      config: consolidator,
      schema: {
        tags,
        summary: 'Giao báo cáo theo mẫu cho một kỳ (hạn tính theo ngày làm việc sau cuối kỳ)',
        body: cycleInputSchema,
        response: { 201: cycleSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await issueCycle(ctxOf(req), req.body)),
  );
  app.get(
    `${P}/cycles`,
    {
      config: consolidator,
      schema: {
        tags,
        summary: 'Các kỳ báo cáo đã giao, kỳ mới nhất trước, kèm số báo cáo theo trạng thái',
        querystring: cycleListQuery,
        response: { 200: pageOf(cycleSchema) },
      },
    },
    async (req) => listCycles(ctxOf(req), req.query),
  );
  app.get(
    `${P}/cycles/:id`,
    {
      config: consolidator,
      schema: { tags, summary: 'Một kỳ báo cáo', params: idParams, response: { 200: cycleSchema } },
    },
    async (req) => getCycle(ctxOf(req), req.params.id),
  );
  app.get(
    `${P}/cycles/:id/submissions`,
    {
      config: consolidator,
      schema: {
        tags,
        summary: 'Báo cáo của từng cơ quan trong kỳ: trạng thái, ngày gửi, chậm hạn',
        params: idParams,
        querystring: cycleSubmissionsQuery,
        response: { 200: pageOf(submissionItemSchema) },
      },
    },
    async (req) => cycleSubmissions(ctxOf(req), req.params.id, req.query),
  );
  app.post(
    `${P}/cycles/:id/close`,
    {
      config: consolidator,
      schema: {
        tags,
        summary: 'Đóng kỳ báo cáo: không nhận thêm báo cáo',
        params: idParams,
        response: { 200: cycleSchema },
      },
    },
    async (req) => closeCycle(ctxOf(req), req.params.id),
  );
  app.get(
    `${P}/cycles/:id/consolidated`,
    {
      config: consolidator,
      schema: {
        tags,
        summary: 'Báo cáo tổng hợp của tỉnh: bảng cộng các báo cáo đã tiếp nhận, nội dung theo từng đơn vị',
        params: idParams,
        response: { 200: consolidatedSchema },
      },
    },
    async (req) => consolidate(ctxOf(req), req.params.id),
  );
  app.get(
    `${P}/late`,
    {
      config: consolidator,
      schema: {
        tags,
        summary: 'Các báo cáo quá hạn chưa gửi trong các kỳ đang mở',
        querystring: pageQuerySchema,
        response: { 200: pageOf(lateItemSchema) },
      },
    },
    async (req) => lateSubmissions(ctxOf(req), req.query),
  );

  // --- Submissions ---
  app.get(
    `${P}/submissions`,
    {
      config: fill,
      schema: {
        tags,
        summary: 'Các báo cáo định kỳ của cơ quan mình, kỳ mới nhất trước',
        querystring: pageQuerySchema,
        response: { 200: pageOf(submissionItemSchema) },
      },
    },
    async (req) => ownSubmissions(ctxOf(req), req.query),
  );
  app.get(
    `${P}/submissions/:id`,
    {
      // Its agency (reports.fill) or the IT department (reports.consolidate): checked by the module.
      config: { permission: 'authenticated' as const },
      schema: {
        tags,
        summary: 'Một báo cáo định kỳ: nội dung, số liệu tự điền, lịch sử trả lại',
        params: idParams,
        response: { 200: submissionSchema },
      },
    },
    async (req) => getSubmission(ctxOf(req), req.params.id),
  );
  app.put(
    `${P}/submissions/:id`,
    {
      config: fill,
      schema: {
        tags,
        summary: 'Lưu bản nháp báo cáo định kỳ',
        params: idParams,
        body: submissionSaveSchema,
        response: { 200: submissionSchema },
      },
    },
    async (req) => saveSubmission(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    `${P}/submissions/:id/submit`,
    {
      config: fill,
      schema: {
        tags,
        summary: 'Gửi báo cáo định kỳ cho cơ quan chuyên trách công nghệ thông tin',
        params: idParams,
        response: { 200: submissionSchema },
      },
    },
    async (req) => submitSubmission(ctxOf(req), req.params.id),
  );
  app.post(
    `${P}/submissions/:id/return`,
    {
      config: consolidator,
      schema: {
        tags,
        summary: 'Trả lại báo cáo kèm ý kiến để cơ quan sửa và gửi lại',
        params: idParams,
        body: returnSchema,
        response: { 200: submissionSchema },
      },
    },
    async (req) => returnSubmission(ctxOf(req), req.params.id, req.body.comment),
  );
  app.post(
    `${P}/submissions/:id/accept`,
    {
      config: consolidator,
      schema: {
        tags,
        summary: 'Tiếp nhận báo cáo (được tính vào báo cáo tổng hợp)',
        params: idParams,
        response: { 200: submissionSchema },
      },
    },
    async (req) => acceptSubmission(ctxOf(req), req.params.id),
  );

  // --- The reports as documents (Decree 30/2020 layout) ---
  for (const ext of ['docx', 'pdf'] as const) {
    const what = ext === 'docx' ? 'tệp Word (DOCX)' : 'tệp PDF';
    app.get(
      `${P}/submissions/:id.${ext}`,
      {
        // Its agency (reports.fill) or the IT department (reports.consolidate): checked by the module.
        config: { permission: 'authenticated' as const },
        schema: {
          tags,
          summary: `Báo cáo của cơ quan theo thể thức văn bản hành chính, ${what}`,
          params: idParams,
        },
      },
      async (req, reply) => {
        const ctx = ctxOf(req);
        return sendReport(ctx, reply, await submissionDocument(ctx, req.params.id), ext);
      },
    );
    app.get(
      `${P}/cycles/:id/consolidated.${ext}`,
      {
        config: consolidator,
        schema: {
          tags,
          summary: `Báo cáo tổng hợp của tỉnh theo thể thức văn bản hành chính, ${what}`,
          params: idParams,
        },
      },
      async (req, reply) => {
        const ctx = ctxOf(req);
        return sendReport(ctx, reply, await consolidatedDocument(ctx, req.params.id), ext);
      },
    );
  }
};

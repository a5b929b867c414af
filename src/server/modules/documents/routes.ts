import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WorkingCalendar } from '../../../shared/calendar/index.ts';
import { createdView, okView as ok, pageOf } from '../../../shared/schemas/common.ts';
import {
  closeDocumentInput,
  colleaguesView,
  directInput,
  documentListQuery,
  documentSummaryView,
  documentView,
  draftInput,
  draftPatch,
  dueDateQuery,
  dueDateView,
  incomingInput,
  numberedView as numbered,
  prefillInput,
  prefillView,
  progressInput,
  reasonInput,
  reassignInput,
  registerArrivedInput,
  releaseInput,
  releaseResult,
  reviewInput,
  submitInput,
  submitReviewInput,
  updateReleasedInput,
} from '../../../shared/schemas/documents.ts';
import { ctxOf, readCtxOf } from '../../platform/http/ctx.ts';
import { colleagues } from './colleagues.ts';
import { documentDetail, documentFile, presentSummary } from './detail.ts';
import * as incoming from './incoming.ts';
import { listDocuments } from './lists.ts';
import * as outgoing from './outgoing.ts';
import { vnDate } from './registers.ts';
import { prefill } from './text-index.ts';

const tags = ['documents'];
const idParams = z.object({ id: z.uuid('Mã văn bản không hợp lệ') });
// Document writes never change people, positions or sessions: the session cache survives them.
const perm = { permission: 'documents' as const, sessionsUnchanged: true };

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/documents',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Danh sách văn bản theo hộp công việc, bộ lọc và tìm kiếm (phân trang keyset)',
        querystring: documentListQuery,
        response: { 200: pageOf(documentSummaryView) },
      },
    },
    async (req) => {
      // A list or a search tolerates a short lag: the read replica serves it when there is one.
      const page = await listDocuments(readCtxOf(req), req.query);
      return { items: page.items.map((x) => presentSummary(x.row, x.snippet)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/documents/colleagues',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Người và phòng trong cơ quan (để trình, phân công)',
        response: { 200: colleaguesView },
      },
    },
    async (req) => colleagues(ctxOf(req)),
  );

  app.get(
    '/api/v1/documents/due-date',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Hạn xử lý sau N ngày làm việc kể từ hôm nay',
        querystring: dueDateQuery,
        response: { 200: dueDateView },
      },
    },
    async (req) => ({
      dueDate: new WorkingCalendar().addWorkingDays(vnDate(ctxOf(req).now()), req.query.workingDays),
    }),
  );

  app.post(
    '/api/v1/documents/prefill',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Đề xuất số ký hiệu, ngày, cơ quan ban hành, loại, trích yếu từ nội dung tệp đã tải lên',
        body: prefillInput,
        response: { 200: prefillView },
      },
    },
    async (req) => prefill(ctxOf(req), req.body.sha256),
  );

  app.get(
    '/api/v1/documents/:id',
    { config: perm, schema: { tags, params: idParams, response: { 200: documentView } } },
    async (req) => documentDetail(ctxOf(req), req.params.id),
  );

  app.get(
    '/api/v1/documents/:id/files/:fileId',
    {
      config: perm,
      schema: { tags, summary: 'Tải tệp của văn bản', params: idParams.extend({ fileId: z.uuid() }) },
    },
    async (req, reply) => {
      const f = await documentFile(ctxOf(req), req.params.id, req.params.fileId);
      return reply
        .header('content-type', f.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .header('x-content-sha256', f.sha256)
        .send(f.body);
    },
  );

  app.post(
    '/api/v1/documents/incoming',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Đăng ký văn bản đến (giấy hoặc bản quét)',
        body: incomingInput,
        response: { 201: numbered },
      },
    },
    async (req, reply) => reply.status(201).send(await incoming.registerIncoming(ctxOf(req), req.body)),
  );

  app.post(
    '/api/v1/documents/:id/register',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Tiếp nhận, đăng ký văn bản điện tử đến',
        params: idParams,
        body: registerArrivedInput,
        response: { 200: numbered },
      },
    },
    async (req) => incoming.registerArrived(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/documents/:id/refuse',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Từ chối tiếp nhận (lý do gửi lại nơi gửi)',
        params: idParams,
        body: reasonInput,
        response: { 200: ok },
      },
    },
    async (req) => {
      await incoming.refuse(ctxOf(req), req.params.id, req.body.reason);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/documents/:id/override',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Lãnh đạo cho tiếp nhận văn bản bị từ chối (xử lý khẩn)',
        params: idParams,
        body: reasonInput,
        response: { 200: numbered },
      },
    },
    async (req) => incoming.overrideRefusal(ctxOf(req), req.params.id, req.body.reason),
  );

  app.post(
    '/api/v1/documents/:id/submit',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Trình lãnh đạo',
        params: idParams,
        body: submitInput,
        response: { 200: ok },
      },
    },
    async (req) => {
      await incoming.submitToLeader(ctxOf(req), req.params.id, req.body.leaderId);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/documents/:id/direct',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Ý kiến chỉ đạo và phân công xử lý',
        params: idParams,
        body: directInput,
        response: { 200: ok },
      },
    },
    async (req) => {
      await incoming.direct(ctxOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/documents/:id/reassign',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Lãnh đạo phòng giao cho chuyên viên',
        params: idParams,
        body: reassignInput,
        response: { 200: ok },
      },
    },
    async (req) => {
      await incoming.reassign(ctxOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/documents/:id/progress',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Cập nhật tiến độ, kết quả xử lý',
        params: idParams,
        body: progressInput,
        response: { 200: ok },
      },
    },
    async (req) => {
      await incoming.progress(ctxOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/documents/:id/close',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Kết thúc xử lý',
        params: idParams,
        body: closeDocumentInput,
        response: { 200: ok },
      },
    },
    async (req) => {
      await incoming.close(ctxOf(req), req.params.id, req.body.note);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/documents/drafts',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Tạo dự thảo văn bản đi',
        body: draftInput,
        response: { 201: createdView },
      },
    },
    async (req, reply) => reply.status(201).send(await outgoing.createDraft(ctxOf(req), req.body)),
  );

  app.patch(
    '/api/v1/documents/:id',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Sửa dự thảo (tệp mới là phiên bản mới)',
        params: idParams,
        body: draftPatch,
        response: { 200: ok },
      },
    },
    async (req) => {
      await outgoing.editDraft(ctxOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/documents/:id/submit-review',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Trình duyệt dự thảo',
        params: idParams,
        body: submitReviewInput,
        response: { 200: ok },
      },
    },
    async (req) => {
      await outgoing.submitForReview(ctxOf(req), req.params.id, req.body.toId);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/documents/:id/review',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Duyệt, trả lại hoặc ký ban hành',
        params: idParams,
        body: reviewInput,
        response: { 200: ok },
      },
    },
    async (req) => {
      await outgoing.review(ctxOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/documents/:id/release',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Cấp số và phát hành',
        params: idParams,
        body: releaseInput,
        response: { 200: releaseResult },
      },
    },
    async (req) => outgoing.release(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/documents/:id/recall',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Thu hồi văn bản đã phát hành',
        params: idParams,
        body: reasonInput,
        response: { 200: ok },
      },
    },
    async (req) => {
      await outgoing.recall(ctxOf(req), req.params.id, req.body.reason);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/documents/:id/update',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Cập nhật văn bản đã phát hành',
        params: idParams,
        body: updateReleasedInput,
        response: { 200: ok },
      },
    },
    async (req) => {
      await outgoing.updateReleased(ctxOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );
};

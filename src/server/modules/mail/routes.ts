import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okView as ok, pageOf } from '../../../shared/schemas/common.ts';
import { numberedView, reasonInput } from '../../../shared/schemas/documents.ts';
import {
  candidateListQuery,
  candidateView,
  mailAccountInput,
  mailAccountReply,
  mailOutboxQuery,
  mailTestResult,
  outboxView,
  pollResult,
  preferencesInput,
  preferencesView,
  registerCandidateInput,
  savedMailAccountReply,
} from '../../../shared/schemas/mail.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import { notFound } from '../../platform/http/errors.ts';
import * as service from './service.ts';

const tags = ['mail'];
const idParams = z.object({ id: z.uuid('Mã không hợp lệ') });

export const mailRoutes: FastifyPluginAsyncZod = async (app) => {
  // ---- the official mailbox (agency admin) ----
  app.get(
    '/api/v1/mail/account',
    {
      config: { permission: 'mail.manage' },
      schema: {
        tags,
        summary: 'Hộp thư công vụ của cơ quan (không trả mật khẩu), lần đọc thư gần nhất và lỗi',
        response: { 200: mailAccountReply },
      },
    },
    async (req) => {
      const a = await service.getAccount(ctxOf(req));
      return { account: a ? service.presentAccount(a) : null };
    },
  );
  app.put(
    '/api/v1/mail/account',
    {
      config: { permission: 'mail.manage' },
      schema: {
        tags,
        summary: 'Cấu hình hộp thư công vụ (IMAP, SMTP); mật khẩu được mã hóa khi lưu',
        body: mailAccountInput,
        response: { 200: savedMailAccountReply },
      },
    },
    async (req) => ({ account: service.presentAccount(await service.saveAccount(ctxOf(req), req.body)) }),
  );
  app.post(
    '/api/v1/mail/account/test',
    {
      config: { permission: 'mail.manage' },
      schema: {
        tags,
        summary: 'Kiểm tra kết nối IMAP và SMTP (không gửi thư)',
        response: { 200: mailTestResult },
      },
    },
    async (req) => service.testAccount(ctxOf(req)),
  );
  app.post(
    '/api/v1/mail/account/poll',
    {
      config: { permission: 'mail.manage' },
      schema: {
        tags,
        summary: 'Đọc thư mới ngay',
        response: { 200: pollResult },
      },
    },
    async (req) => service.pollNow(ctxOf(req)),
  );

  // ---- outgoing queue (agency admin) ----
  app.get(
    '/api/v1/mail/outbox',
    {
      config: { permission: 'mail.manage' },
      schema: {
        tags,
        summary: 'Hàng đợi thư gửi đi',
        querystring: mailOutboxQuery,
        response: { 200: pageOf(outboxView) },
      },
    },
    async (req) => service.listOutbox(ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/mail/outbox/:id/retry',
    {
      config: { permission: 'mail.manage' },
      schema: { tags, summary: 'Gửi lại thư ngay', params: idParams, response: { 200: ok } },
    },
    async (req) => {
      await service.retryMail(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/v1/mail/outbox/:id/cancel',
    {
      config: { permission: 'mail.manage' },
      schema: { tags, summary: 'Hủy thư đang chờ gửi', params: idParams, response: { 200: ok } },
    },
    async (req) => {
      await service.cancelMail(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  // ---- the clerk's "from mail" list ----
  app.get(
    '/api/v1/mail/candidates',
    {
      config: { permission: 'mail.receive' },
      schema: {
        tags,
        summary: 'Thư đến từ hộp thư công vụ chờ văn thư xem xét',
        querystring: candidateListQuery,
        response: { 200: pageOf(candidateView) },
      },
    },
    async (req) => {
      const r = await service.listCandidates(ctxOf(req), req.query);
      return { items: r.items.map(service.presentCandidate), nextCursor: r.nextCursor };
    },
  );
  app.get(
    '/api/v1/mail/candidates/:id',
    {
      config: { permission: 'mail.receive' },
      schema: { tags, params: idParams, response: { 200: candidateView } },
    },
    async (req) => service.presentCandidate(await service.loadCandidate(ctxOf(req), req.params.id)),
  );
  app.get(
    '/api/v1/mail/candidates/:id/files/:sha256',
    {
      config: { permission: 'mail.receive' },
      schema: {
        tags,
        summary: 'Tải tệp đính kèm của thư, hoặc bản gốc của thư (mã “raw”)',
        params: idParams.extend({ sha256: z.union([z.string().regex(/^[0-9a-f]{64}$/), z.literal('raw')]) }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const c = await service.loadCandidate(ctx, req.params.id);
      const f =
        req.params.sha256 === 'raw'
          ? c.rawSha256
            ? { sha256: c.rawSha256, fileName: 'thu-goc.eml', mediaType: 'message/rfc822' }
            : undefined
          : c.files.find((x) => x.sha256 === req.params.sha256);
      if (!f) throw notFound('Tệp');
      reply
        .header('content-type', f.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .header('x-content-sha256', f.sha256);
      return reply.send(await ctx.blobs.get(f.sha256));
    },
  );
  app.post(
    '/api/v1/mail/candidates/:id/register',
    {
      config: { permission: 'mail.receive' },
      schema: {
        tags,
        summary: 'Vào sổ văn bản đến từ thư (một bước)',
        params: idParams,
        body: registerCandidateInput,
        response: { 201: numberedView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.registerCandidate(ctxOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/mail/candidates/:id/dismiss',
    {
      config: { permission: 'mail.receive' },
      schema: {
        tags,
        summary: 'Bỏ qua thư, nêu lý do',
        params: idParams,
        body: reasonInput,
        response: { 200: ok },
      },
    },
    async (req) => {
      await service.dismissCandidate(ctxOf(req), req.params.id, req.body.reason);
      return { ok: true as const };
    },
  );

  // ---- each person's preferences ----
  app.get(
    '/api/v1/mail/preferences',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Cách tôi nhận thông báo qua thư điện tử',
        response: { 200: preferencesView },
      },
    },
    async (req) => service.getPreferences(ctxOf(req)),
  );
  app.put(
    '/api/v1/mail/preferences',
    {
      config: { permission: 'authenticated' },
      schema: { tags, body: preferencesInput, response: { 200: preferencesView } },
    },
    async (req) => service.setPreferences(ctxOf(req), req.body.items),
  );
};

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changePasswordInput,
  loginInput,
  loginReply,
  meView,
  sessionView,
  stageReply,
  switchPositionInput,
  totpCodeInput,
  totpSetupView,
} from '../../../shared/schemas/auth.ts';
import { itemsOf, okView as ok, pageOf } from '../../../shared/schemas/common.ts';
import {
  personCreate,
  personListQuery,
  personUpdate,
  personView,
  positionInput,
  personWithPassword as withPassword,
} from '../../../shared/schemas/people.ts';
import { actorOf, CSRF_COOKIE, SESSION_COOKIE } from '../../platform/access/guard.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import { AppError } from '../../platform/http/errors.ts';
import * as auth from './auth.ts';
import * as service from './service.ts';

const idParams = z.object({ id: z.uuid('Mã người dùng không hợp lệ') });

function clientOf(req: FastifyRequest) {
  return { ip: req.ip, userAgent: req.headers['user-agent'] ?? null };
}

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.services;
  const cookieBase = { path: '/', sameSite: 'lax' as const, secure: config.COOKIE_SECURE };

  function clearCookies(reply: FastifyReply) {
    reply.clearCookie(SESSION_COOKIE, cookieBase).clearCookie(CSRF_COOKIE, cookieBase);
  }

  app.post(
    '/api/v1/auth/login',
    {
      config: {
        permission: 'public',
        rateLimit: { max: config.LOGIN_RATE_PER_MINUTE, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập bằng tên đăng nhập và mật khẩu; đặt cookie phiên',
        body: loginInput,
        response: { 200: loginReply },
      },
    },
    async (req, reply) => {
      const r = await auth.login(db, config, req.body.username, req.body.password, clientOf(req));
      reply
        .setCookie(SESSION_COOKIE, r.token, { ...cookieBase, httpOnly: true, expires: r.expiresAt })
        .setCookie(CSRF_COOKIE, r.csrfToken, { ...cookieBase, httpOnly: false, expires: r.expiresAt });
      return { stage: r.stage, csrfToken: r.csrfToken, expiresAt: r.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { permission: 'session' },
      schema: { tags: ['auth'], summary: 'Đăng xuất', response: { 200: ok } },
    },
    async (req, reply) => {
      await auth.logout(db, actorOf(req));
      clearCookies(reply);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/me',
    {
      // No query of its own: the session resolver already loaded the positions.
      config: { permission: 'session' },
      schema: {
        tags: ['auth'],
        summary: 'Người dùng hiện tại, chức vụ và cơ quan',
        response: { 200: meView },
      },
    },
    async (req) => auth.me(actorOf(req), req.sessionStage ?? 'ok', req.sessionProfile as auth.SessionProfile),
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { permission: 'session' },
      schema: {
        tags: ['auth'],
        summary: 'Đổi mật khẩu',
        body: changePasswordInput,
        response: { 200: stageReply },
      },
    },
    async (req) => ({
      stage: await auth.changePassword(
        db,
        config,
        actorOf(req),
        req.body.currentPassword,
        req.body.newPassword,
      ),
    }),
  );

  app.post(
    '/api/v1/auth/totp/setup',
    {
      config: { permission: 'session' },
      schema: {
        tags: ['auth'],
        summary: 'Bắt đầu thiết lập xác thực hai lớp',
        response: { 200: totpSetupView },
      },
    },
    async (req) => {
      if (req.sessionStage === 'password' || req.sessionStage === 'totp_pending') throw stageFirst();
      return auth.totpSetup(db, actorOf(req));
    },
  );

  app.post(
    '/api/v1/auth/totp/enable',
    {
      config: { permission: 'session' },
      schema: { tags: ['auth'], body: totpCodeInput, response: { 200: stageReply } },
    },
    async (req) => {
      if (req.sessionStage === 'password' || req.sessionStage === 'totp_pending') throw stageFirst();
      return { stage: await auth.totpEnable(db, config, actorOf(req), req.body.code) };
    },
  );

  app.post(
    '/api/v1/auth/totp/verify',
    {
      config: { permission: 'session', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Nhập mã xác thực hai lớp khi đăng nhập',
        body: totpCodeInput,
        response: { 200: stageReply },
      },
    },
    async (req) => ({
      stage: await auth.totpVerify(db, config, actorOf(req), req.sessionStage, req.body.code),
    }),
  );

  app.get(
    '/api/v1/auth/sessions',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Các phiên đăng nhập của tôi',
        response: { 200: itemsOf(sessionView) },
      },
    },
    async (req) => ({ items: await auth.listSessions(db, actorOf(req)) }),
  );

  app.delete(
    '/api/v1/auth/sessions/:id',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['auth'], params: z.object({ id: z.uuid() }), response: { 200: ok } },
    },
    async (req) => {
      await auth.revokeSession(db, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/auth/position',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Chuyển chức vụ đang làm việc (kiêm nhiệm)',
        body: switchPositionInput,
        response: { 200: ok },
      },
    },
    async (req) => {
      await auth.switchPosition(db, actorOf(req), req.body.positionId);
      return { ok: true as const };
    },
  );
};

function stageFirst() {
  return new AppError('conflict', 'Hãy hoàn tất bước đăng nhập (đổi mật khẩu hoặc nhập mã xác thực) trước.');
}

export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['people'];

  app.get(
    '/api/v1/people',
    {
      config: { permission: 'people.manage' },
      schema: {
        tags,
        querystring: personListQuery,
        response: { 200: pageOf(personView) },
      },
    },
    async (req) => service.list(ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/people/:id',
    {
      config: { permission: 'people.manage' },
      schema: { tags, params: idParams, response: { 200: personView } },
    },
    async (req) => service.get(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/people',
    {
      config: { permission: 'people.manage' },
      schema: { tags, body: personCreate, response: { 201: withPassword } },
    },
    async (req, reply) => reply.status(201).send(await service.create(ctxOf(req), req.body)),
  );
  app.patch(
    '/api/v1/people/:id',
    {
      config: { permission: 'people.manage' },
      schema: { tags, params: idParams, body: personUpdate, response: { 200: personView } },
    },
    async (req) => service.update(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/people/:id/disable',
    {
      config: { permission: 'people.manage' },
      schema: {
        tags,
        summary: 'Khóa tài khoản (kết thúc mọi phiên ngay)',
        params: idParams,
        response: { 200: personView },
      },
    },
    async (req) => service.setDisabled(ctxOf(req), req.params.id, true),
  );
  app.post(
    '/api/v1/people/:id/enable',
    {
      config: { permission: 'people.manage' },
      schema: { tags, params: idParams, response: { 200: personView } },
    },
    async (req) => service.setDisabled(ctxOf(req), req.params.id, false),
  );
  app.post(
    '/api/v1/people/:id/reset-password',
    {
      config: { permission: 'people.manage' },
      schema: {
        tags,
        summary: 'Đặt lại mật khẩu tạm thời',
        params: idParams,
        response: { 200: withPassword },
      },
    },
    async (req) => service.resetPassword(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/people/:id/positions',
    {
      config: { permission: 'people.manage' },
      schema: { tags, params: idParams, body: positionInput, response: { 200: personView } },
    },
    async (req) => service.addPosition(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/people/:id/positions/:positionId',
    {
      config: { permission: 'people.manage' },
      schema: { tags, params: idParams.extend({ positionId: z.uuid() }), response: { 200: personView } },
    },
    async (req) => service.endPosition(ctxOf(req), req.params.id, req.params.positionId),
  );
};

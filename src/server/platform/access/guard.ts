import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../http/errors.ts';
import type { Actor } from './actor.ts';
import { type Permission, PERMISSIONS, roleAllows } from './permissions.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs; every route declares one (see PERMISSIONS). */
    permission?: Permission;
  }
  interface FastifyInstance {
    /** Every route registered, with its permission: the route-coverage test reads this. */
    routePermissions: RouteEntry[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The session's stage: ok, or what is still required (password, totp_pending, totp_enroll). */
    sessionStage: string | null;
  }
}

export const SESSION_COOKIE = 'lt_session';
export const CSRF_COOKIE = 'lt_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  stage: string;
}

export interface GuardOptions {
  resolveSession(token: string, req: FastifyRequest): Promise<ResolvedSession | null>;
  /** Routes registered by third-party plugins (docs UI, static files) are public by prefix. */
  publicPrefixes: string[];
}

export interface RouteEntry {
  method: string;
  url: string;
  permission: Permission | undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function stageError(stage: string): AppError {
  if (stage === 'password') return new AppError('password_change_required', 'Bạn cần đổi mật khẩu trước khi tiếp tục.');
  if (stage === 'totp_enroll')
    return new AppError('totp_required', 'Vai trò của bạn bắt buộc xác thực hai lớp. Vui lòng thiết lập mã TOTP.', { extra: { stage } });
  return new AppError('totp_required', 'Vui lòng nhập mã xác thực hai lớp (TOTP).', { extra: { stage } });
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The access gate. Refuses to register a route that declares no permission, then on each request
 * resolves the session, checks its stage, the CSRF token of state-changing requests and the role.
 */
export const accessGuard = fp<GuardOptions>(async (app: FastifyInstance, opts) => {
  const registeredRoutes: RouteEntry[] = [];
  app.decorate('routePermissions', registeredRoutes);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionStage', null);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    let permission = route.config?.permission;
    if (!permission && opts.publicPrefixes.some((p) => route.url.startsWith(p))) {
      permission = 'public';
      route.config = { ...(route.config ?? {}), permission };
    }
    for (const m of methods) registeredRoutes.push({ method: m, url: route.url, permission });
    if (!permission || !PERMISSIONS.includes(permission)) {
      throw new Error(`Route ${methods.join(',')} ${route.url} declares no permission (config.permission)`);
    }
  });

  app.addHook('onRequest', async (req) => {
    const permission = req.routeOptions.config?.permission;
    if (!permission) {
      // Only the not-found handler has no route config; let it answer 404.
      if (!req.routeOptions.url) return;
      throw new AppError('forbidden', 'Địa chỉ này chưa khai báo quyền truy cập.');
    }
    const token = req.cookies?.[SESSION_COOKIE];
    if (permission === 'public') {
      if (token) await attach(req, token);
      return;
    }
    if (!token) throw new AppError('unauthenticated', 'Bạn chưa đăng nhập hoặc phiên làm việc đã hết hạn.');
    const resolved = await attach(req, token);
    if (!resolved) throw new AppError('unauthenticated', 'Bạn chưa đăng nhập hoặc phiên làm việc đã hết hạn.');
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, resolved.csrfToken)) {
        throw new AppError('csrf_failed', 'Yêu cầu thiếu mã chống giả mạo (CSRF) hợp lệ. Vui lòng tải lại trang.');
      }
    }
    if (permission === 'session') return;
    if (resolved.stage !== 'ok') throw stageError(resolved.stage);
    const role = resolved.actor.role;
    if (permission !== 'authenticated' && (!role || !roleAllows(role, permission))) {
      throw new AppError('forbidden', 'Bạn không có quyền thực hiện thao tác này.');
    }
  });

  async function attach(req: FastifyRequest, token: string): Promise<ResolvedSession | null> {
    const resolved = await opts.resolveSession(token, req);
    if (resolved) {
      req.actor = resolved.actor;
      req.sessionStage = resolved.stage;
    }
    return resolved;
  }
});

/** The actor of a route that required sign-in (the guard guarantees it). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated', 'Bạn chưa đăng nhập.');
  return req.actor;
}

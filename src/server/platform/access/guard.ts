import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { tokenHash } from '../auth/tokens.ts';
import { AppError } from '../http/errors.ts';
import type { Actor } from './actor.ts';
import { PERMISSIONS, type Permission, roleAllows } from './permissions.ts';
import type { SessionCache } from './session-cache.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs; every route declares one (see PERMISSIONS). */
    permission?: Permission;
    /**
     * The route's writes never touch people, positions or sessions, so this process keeps its cached
     * sessions after them (the default clears the cache after every successful write).
     */
    sessionsUnchanged?: boolean;
  }
  interface FastifyInstance {
    /** Every route registered, with its permission: the route-coverage test reads this. */
    routePermissions: RouteEntry[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The session's stage: ok, or what is still required (password, totp_pending, totp_enroll). */
    sessionStage: string | null;
    /** The resolver's extra data for this session (see ResolvedSession.profile). */
    sessionProfile: unknown;
  }
}

export const SESSION_COOKIE = 'lt_session';
export const CSRF_COOKIE = 'lt_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  stage: string;
  /** What the resolver loaded besides the actor (person and agency details), for /me without more queries. */
  profile?: unknown;
}

export interface GuardOptions {
  resolveSession(token: string, req: FastifyRequest): Promise<ResolvedSession | null>;
  /** Resolved sessions are cached here (see session-cache.ts for how they are invalidated). */
  cache?: SessionCache;
  /**
   * Waits until the database has delivered to this process the session notices of every commit so
   * far (several processes: they were delivered to the others at the same time), so that the answer
   * to a sign-out or a lock is not sent before the other processes have heard of it.
   */
  notified?: () => Promise<void>;
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
  if (stage === 'password')
    return new AppError('password_change_required', 'Bạn cần đổi mật khẩu trước khi tiếp tục.');
  if (stage === 'totp_enroll')
    return new AppError(
      'totp_required',
      'Vai trò của bạn bắt buộc xác thực hai lớp. Vui lòng thiết lập mã TOTP.',
      { extra: { stage } },
    );
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
  app.decorateRequest('sessionProfile', null);

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
    // Public routes never look at the session: no query for health checks, metrics or sign-in.
    if (permission === 'public') return;
    // Peer installations carry no session: the route itself verifies the request's HMAC signature.
    if (permission === 'peer.signed') return;
    // Applicants carry their own cookie, not a staff session: the services module checks it.
    if (permission === 'applicant') return;
    const token = req.cookies?.[SESSION_COOKIE];
    if (!token) throw new AppError('unauthenticated', 'Bạn chưa đăng nhập hoặc phiên làm việc đã hết hạn.');
    const resolved = await attach(req, token);
    if (!resolved)
      throw new AppError('unauthenticated', 'Bạn chưa đăng nhập hoặc phiên làm việc đã hết hạn.');
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, resolved.csrfToken)) {
        throw new AppError(
          'csrf_failed',
          'Yêu cầu thiếu mã chống giả mạo (CSRF) hợp lệ. Vui lòng tải lại trang.',
        );
      }
    }
    if (permission === 'session') return;
    if (resolved.stage !== 'ok') throw stageError(resolved.stage);
    const role = resolved.actor.role;
    if (permission !== 'authenticated' && (!role || !roleAllows(role, permission))) {
      throw new AppError('forbidden', 'Bạn không có quyền thực hiện thao tác này.');
    }
  });

  // A successful write may change what sessions may do (sign-out, disable, new position…): this
  // process forgets its cached sessions before answering; other processes hear the database NOTIFY.
  app.addHook('onSend', async (req, reply) => {
    if (
      opts.cache &&
      !SAFE_METHODS.has(req.method) &&
      reply.statusCode < 400 &&
      !req.routeOptions.config.sessionsUnchanged
    ) {
      opts.cache.clear();
      await opts.notified?.();
    }
  });

  async function attach(req: FastifyRequest, token: string): Promise<ResolvedSession | null> {
    const key = opts.cache ? tokenHash(token) : '';
    let resolved = opts.cache?.get(key) ?? null;
    if (!resolved) {
      resolved = await opts.resolveSession(token, req);
      if (resolved) opts.cache?.set(key, resolved);
    }
    if (resolved) {
      // The cached actor carries the address of the request that resolved it; use this request's.
      if (resolved.actor.ip !== req.ip) resolved = { ...resolved, actor: { ...resolved.actor, ip: req.ip } };
      req.actor = resolved.actor;
      req.sessionStage = resolved.stage;
      req.sessionProfile = resolved.profile ?? null;
    }
    return resolved;
  }
});

/** The actor of a route that required sign-in (the guard guarantees it). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated', 'Bạn chưa đăng nhập.');
  return req.actor;
}

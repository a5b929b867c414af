import { currentLang, i18n } from '../i18n.ts';

/** One field problem of an RFC 9457 validation error; `path` like "body.positions.0.agencyId". */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * Everything that can go wrong with an API call. Problem+json answers keep their status, stable
 * `code`, Vietnamese `detail`, field list and extra members (attemptsLeft, retryAfterMinutes…);
 * a network failure is status 0 with code "network".
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fields: FieldProblem[];
  readonly body: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    detail: string,
    fields: FieldProblem[] = [],
    body: Record<string, unknown> = {},
  ) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.fields = fields;
    this.body = body;
  }

  /** A numeric extra member of the problem, e.g. attemptsLeft. */
  num(name: string): number | undefined {
    const v = this.body[name];
    return typeof v === 'number' ? v : undefined;
  }
}

let csrfFromServer = '';

/** Remembers the CSRF token the server handed out (sign-in answer or GET /api/v1/me). */
export function setCsrfToken(token: string): void {
  csrfFromServer = token;
}

function csrfFromCookie(): string {
  const m = document.cookie.match(/(?:^|;\s*)lt_csrf=([^;]*)/);
  return m?.[1] ? decodeURIComponent(m[1]) : '';
}

/** The CSRF token for a state-changing request made outside api() (file uploads). */
export function csrfToken(): string {
  return csrfFromCookie() || csrfFromServer;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

/** Builds "/api/v1/…?a=1" leaving out empty parameters. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Calls the API with the session cookie; state-changing requests carry the CSRF header (the cookie
 * value first, since another tab may have signed in again, else the token from the server).
 */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrfFromCookie() || csrfFromServer;
    if (token) headers['x-csrf-token'] = token;
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'network');
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const body = isRecord(data) ? data : {};
    const code = typeof body.code === 'string' ? body.code : res.status >= 500 ? 'internal' : 'http_error';
    const detail = typeof body.detail === 'string' ? body.detail : '';
    const fields = Array.isArray(body.fields)
      ? body.fields
          .filter(isRecord)
          .map((f) => ({ path: String(f.path ?? ''), message: String(f.message ?? '') }))
      : [];
    throw new ApiError(res.status, code, detail, fields, body);
  }
  return data as T;
}

/** Sends one file as the multipart field "file" to an API path (uploads, templates, edited DOCX). */
export async function postFile<T>(path: string, file: File): Promise<T> {
  const body = new FormData();
  body.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { accept: 'application/json, application/problem+json', 'x-csrf-token': csrfToken() },
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok)
    throw new ApiError(
      res.status,
      typeof data.code === 'string' ? data.code : 'http_error',
      typeof data.detail === 'string' ? data.detail : '',
      [],
      data,
    );
  return data as T;
}

export const get = <T>(path: string, query?: Query, signal?: AbortSignal) => api<T>(path, { query, signal });
export const post = <T>(path: string, body?: unknown, query?: Query) =>
  api<T>(path, { method: 'POST', body: body ?? {}, query });
export const patch = <T>(path: string, body: unknown) => api<T>(path, { method: 'PATCH', body });
export const del = <T>(path: string) => api<T>(path, { method: 'DELETE' });

/**
 * What to tell the person about an error, calmly and specifically. In Vietnamese the server's own
 * detail is shown (it names the record, the attempts left, the minutes to wait); in English the
 * codes we know are translated with the same figures, others fall back to the server's detail.
 */
export function errorMessage(err: unknown): string {
  const t = i18n.t;
  if (!(err instanceof ApiError)) return t('errors.unexpected');
  if (err.code === 'network') return t('errors.network');
  if (err.status >= 500) return t('errors.server');
  const en = currentLang() === 'en';
  if (err.code === 'invalid_credentials') {
    const left = err.num('attemptsLeft');
    if (en || !err.detail)
      return left === undefined ? t('errors.wrongCredentials') : t('errors.wrongPassword', { count: left });
  }
  if (err.code === 'account_locked' && (en || !err.detail)) {
    return t('errors.locked', { minutes: err.num('retryAfterMinutes') ?? 15 });
  }
  if (err.code === 'rate_limited' && (en || !err.detail)) return t('errors.rateLimited');
  if (err.code === 'csrf_failed' && (en || !err.detail)) return t('errors.csrf');
  if (err.code === 'forbidden' && (en || !err.detail)) return t('errors.forbidden');
  if (err.code === 'unauthenticated' && (en || !err.detail)) return t('errors.sessionExpired');
  return err.detail || t('errors.unexpected');
}

/**
 * One error vocabulary. Services throw AppError(code, detail); the HTTP layer maps the code to a
 * status and answers RFC 9457 problem+json with the Vietnamese detail. Unknown errors become a
 * plain 500 whose message never reaches the client.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  totp_required: 401,
  totp_invalid: 401,
  csrf_failed: 403,
  forbidden: 403,
  password_change_required: 403,
  account_locked: 423,
  account_disabled: 403,
  not_found: 404,
  conflict: 409,
  duplicate: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  /** Well-formed but refused by a business rule that lists what to fix (e.g. a report's blocking violations). */
  unprocessable: 422,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: string;
  readonly fields?: FieldError[];
  readonly extra?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    detail: string,
    opts: { fields?: FieldError[]; extra?: Record<string, unknown> } = {},
  ) {
    super(`${code}: ${detail}`);
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.detail = detail;
    this.fields = opts.fields;
    this.extra = opts.extra;
  }
}

/** 404 also for another agency's ids, so ids cannot be probed. */
export const notFound = (what = 'Bản ghi') =>
  new AppError('not_found', `${what} không tồn tại hoặc bạn không có quyền xem.`);
export const forbidden = (detail = 'Bạn không có quyền thực hiện thao tác này.') =>
  new AppError('forbidden', detail);

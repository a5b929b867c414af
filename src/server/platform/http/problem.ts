import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from './errors.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  fields?: FieldError[];
  [k: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Dữ liệu không hợp lệ',
  401: 'Chưa đăng nhập',
  403: 'Không có quyền',
  404: 'Không tìm thấy',
  406: 'Không chấp nhận',
  409: 'Xung đột dữ liệu',
  413: 'Dữ liệu quá lớn',
  415: 'Kiểu dữ liệu không được hỗ trợ',
  422: 'Không xử lý được',
  423: 'Tài khoản bị khóa',
  429: 'Quá nhiều yêu cầu',
  500: 'Lỗi hệ thống',
};

/** Installs the problem+json error and not-found handlers. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    let problem: Problem;
    if (err instanceof AppError) {
      problem = make(err.status, err.code, err.detail, err.fields);
      if (err.extra) Object.assign(problem, err.extra);
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => ({
        path: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'không hợp lệ',
      }));
      problem = make(
        400,
        'validation_failed',
        `Dữ liệu gửi lên không hợp lệ: ${fields.map((f) => f.path).join(', ')}.`,
        fields,
      );
    } else if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response serialization failed');
      problem = make(500, 'internal', 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau.');
    } else {
      const fe = err as FastifyError;
      const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
      if (status === 500) {
        req.log.error({ err }, 'unhandled error');
        problem = make(500, 'internal', 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau.');
      } else {
        problem = make(status, codeFor(fe, status), detailFor(fe, status));
      }
    }
    problem.instance = req.url;
    reply.status(problem.status).type('application/problem+json').send(problem);
  });

  app.setNotFoundHandler((req, reply) => {
    reply
      .status(404)
      .type('application/problem+json')
      .send({ ...make(404, 'not_found', 'Không tìm thấy địa chỉ yêu cầu.'), instance: req.url });
  });
}

function make(status: number, code: string, detail: string, fields?: FieldError[]): Problem {
  return {
    type: `https://lienthong.gov.vn/problems/${code}`,
    title: TITLES[status] ?? 'Lỗi',
    status,
    code,
    detail,
    fields,
  };
}

function codeFor(err: FastifyError, status: number): string {
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limited';
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return 'bad_request';
  return 'bad_request';
}

function detailFor(err: FastifyError, status: number): string {
  if (status === 413) return 'Dữ liệu gửi lên vượt quá dung lượng cho phép.';
  if (status === 415) return 'Kiểu dữ liệu gửi lên không được hỗ trợ.';
  if (status === 429) return 'Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.';
  if (err.code?.startsWith('FST_ERR_CTP')) return 'Nội dung gửi lên không đúng định dạng JSON.';
  return 'Yêu cầu không hợp lệ.';
}

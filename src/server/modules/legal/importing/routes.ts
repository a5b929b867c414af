import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctxOf } from '../../../platform/http/ctx.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { importQuery, importResultView, mappingInput } from './api.ts';
import type { ColumnMapping } from './fields.ts';
import { importCatalogue } from './service.ts';

const tags = ['legal'];

/**
 * POST /api/v1/legal/imports: a back catalogue (CSV, xlsx, JSON) as the multipart field "file",
 * with an optional field "mapping" (JSON: column header → field). `?dryRun=true` only checks (200);
 * a real run writes every row (201) or, with any bad row, nothing (422 problem+json carrying the
 * same report).
 */
export const importingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/legal/imports',
    {
      config: { permission: 'legal.manage' },
      schema: {
        tags,
        summary:
          'Nhập danh mục văn bản QPPL từ tệp CSV, xlsx hoặc JSON (kiểm tra trước; không ghi gì khi còn lỗi)',
        querystring: importQuery,
        response: { 200: importResultView, 201: importResultView },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw new AppError('unsupported_media_type', 'Hãy gửi tệp dạng multipart/form-data (trường "file").');
      const ctx = ctxOf(req);
      let file: { data: Buffer; fileName: string } | undefined;
      let mapping: ColumnMapping | undefined;
      for await (const part of req.parts({ limits: { fileSize: ctx.config.UPLOAD_MAX_BYTES, files: 1 } })) {
        if (part.type === 'file') {
          const data = await part.toBuffer().catch(() => {
            throw new AppError(
              'payload_too_large',
              `Tệp quá lớn (tối đa ${Math.floor(ctx.config.UPLOAD_MAX_BYTES / 1024)} KB).`,
            );
          });
          file = { data, fileName: part.filename || 'tep-nhap' };
        } else if (part.fieldname === 'mapping' && typeof part.value === 'string' && part.value.trim()) {
          mapping = parseMapping(part.value);
        }
      }
      if (!file) throw new AppError('bad_request', 'Không có tệp trong yêu cầu (trường "file").');
      const result = await importCatalogue(ctx, file, { mapping, dryRun: req.query.dryRun });
      if (req.query.dryRun) return reply.status(200).send(result);
      if (result.state === 'failed')
        throw new AppError(
          'unprocessable',
          `Tệp có ${new Set(result.errors.map((e) => e.row)).size} dòng lỗi; chưa ghi văn bản nào. Hãy sửa tệp rồi nhập lại.`,
          { extra: { result } },
        );
      return reply.status(201).send(result);
    },
  );
};

function parseMapping(text: string): ColumnMapping {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError(
      'validation_failed',
      'Cách ghép cột (mapping) phải là JSON: { "tên cột": "trường" }.',
      {
        fields: [{ path: 'mapping', message: 'Không phải JSON hợp lệ.' }],
      },
    );
  }
  const parsed = mappingInput.safeParse(json);
  if (!parsed.success)
    throw new AppError('validation_failed', 'Cách ghép cột (mapping) có trường không nhập được.', {
      fields: parsed.error.issues.map((i) => ({ path: `mapping.${i.path.join('.')}`, message: i.message })),
    });
  return parsed.data;
}

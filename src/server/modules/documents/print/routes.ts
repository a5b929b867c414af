import { PassThrough, type Writable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatNumber } from '../../../../shared/documents/decree30.ts';
import { documentListQuery } from '../../../../shared/schemas/documents.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { Ctx } from '../../../platform/context.ts';
import { ctxOf } from '../../../platform/http/ctx.ts';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.ts';
import { findAgency } from '../../agencies/index.ts';
import { seesWholeAgency } from '../access.ts';
import { documentDetail } from '../detail.ts';
import { vnDate } from '../registers.ts';
import { registers } from '../schema.ts';
import { attachmentHeader } from './labels.ts';
import { type RegisterPeriod, registerRowSource, renderRegisterPdf } from './registers.ts';
import { renderHandlingSlipPdf } from './slip.ts';
import { exportDocumentsXlsx } from './xlsx.ts';

const tags = ['documents'];
const perm = { permission: 'documents' as const };
const isoDate = z.iso.date('Ngày không hợp lệ (yyyy-mm-dd)');
const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The period of a printed register. Without dates: this year so far; with one date, the rest of
 * that date's year. At most one year, so a print stays a bindable volume (Decree 30/2020, Art. 22.3.b).
 */
export function registerPeriod(q: { from?: string; to?: string }, today: string) {
  const to = q.to ?? (q.from ? `${q.from.slice(0, 4)}-12-31` : today);
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  const bad = (path: string, detail: string) =>
    new AppError('validation_failed', detail, { fields: [{ path: `querystring.${path}`, message: detail }] });
  if (from > to) throw bad('to', 'Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.');
  const yearLater = `${Number(from.slice(0, 4)) + 1}${from.slice(4)}`;
  if (to >= yearLater)
    throw bad('to', 'Chỉ in được sổ đăng ký trong tối đa một năm; hãy chọn khoảng ngắn hơn.');
  return { from, to };
}

async function agencyNameOf(ctx: Ctx): Promise<string> {
  const agency = ctx.actor.agencyId ? await findAgency(ctx.db, ctx.actor.agencyId) : undefined;
  if (!agency) throw forbidden('Bạn cần giữ một chức vụ trong cơ quan để in.');
  return agency.name;
}

/** The register's own name (registers.ts creates it on first use); the decree's name until then. */
async function registerNameOf(ctx: Ctx, p: RegisterPeriod): Promise<string> {
  const secret = !!p.secret;
  const [r] = await ctx.db
    .select({ name: registers.name })
    .from(registers)
    .where(
      and(
        eq(registers.agencyId, ctx.actor.agencyId!),
        eq(registers.direction, p.direction),
        eq(registers.secret, secret),
      ),
    );
  if (r) return r.name;
  if (p.direction === 'incoming') return 'Sổ đăng ký văn bản đến';
  return secret ? 'Sổ đăng ký văn bản đi (mật)' : 'Sổ đăng ký văn bản đi';
}

/**
 * Sends what `produce` writes, as it is written. A failure after the first byte can no longer become
 * a problem+json answer: it is logged and the download is cut, so the client never gets a file that
 * looks complete but is not.
 */
function stream(
  reply: FastifyReply,
  log: FastifyBaseLogger,
  type: string,
  fileName: string,
  produce: (out: Writable) => Promise<unknown>,
) {
  const body = new PassThrough();
  produce(body).catch((err: unknown) => {
    log.error({ err }, 'print or export failed while streaming');
    body.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return reply
    .header('content-type', type)
    .header('content-disposition', attachmentHeader(fileName))
    .header('cache-control', 'no-store')
    .send(body);
}

/** Printed registers, the handling slip and the list export of the documents module. */
export const documentPrintRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/documents/registers/:direction.pdf',
    {
      config: perm,
      schema: {
        tags,
        summary: 'In sổ đăng ký văn bản đến/đi (PDF, mẫu Phụ lục IV Nghị định 30/2020/NĐ-CP)',
        params: z.object({ direction: z.enum(['incoming', 'outgoing'], 'Chọn sổ văn bản đến hoặc đi') }),
        querystring: z.object({
          from: isoDate.optional(),
          to: isoDate.optional(),
          /** The separate register of secret outgoing documents (Decree 30/2020, Art. 15.2). */
          secret: z.stringbool().default(false),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      // Decree 30/2020, Art. 16 and 22: the registers are kept by the clerks under the agency's leaders.
      if (!seesWholeAgency(ctx.actor))
        throw forbidden('Chỉ văn thư và lãnh đạo cơ quan được in sổ đăng ký văn bản.');
      const { direction } = req.params;
      if (req.query.secret && direction === 'incoming')
        throw new AppError('validation_failed', 'Văn bản mật đến được đăng ký chung trong sổ văn bản đến.', {
          fields: [{ path: 'querystring.secret', message: 'Chỉ sổ văn bản đi có sổ mật riêng.' }],
        });
      const period: RegisterPeriod = {
        direction,
        secret: req.query.secret,
        ...registerPeriod(req.query, vnDate(ctx.now())),
      };
      const agencyName = await agencyNameOf(ctx);
      const registerName = await registerNameOf(ctx, period);
      await audit(ctx.db, ctx.actor, {
        action: 'document.register_print',
        entityType: 'register',
        detail: { ...period },
      });
      const fileName = `${registerName} ${period.from} – ${period.to}.pdf`;
      return stream(reply, req.log, PDF, fileName, (out) =>
        renderRegisterPdf(
          {
            ...period,
            agencyName,
            registerName,
            rows: registerRowSource(ctx, period),
            printedOn: vnDate(ctx.now()),
          },
          out,
        ),
      );
    },
  );

  app.get(
    '/api/v1/documents/:id/slip.pdf',
    {
      config: perm,
      schema: {
        tags,
        summary: 'In phiếu giải quyết văn bản đến (PDF, mẫu Phụ lục IV Nghị định 30/2020/NĐ-CP)',
        params: z.object({ id: z.uuid('Mã văn bản không hợp lệ') }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const view = await documentDetail(ctx, req.params.id); // 404 unless the person may see it
      if (view.direction !== 'incoming') throw notFound('Phiếu giải quyết văn bản đến');
      const agencyName = await agencyNameOf(ctx);
      const number = view.arrivalNumber === null ? '' : ` số đến ${formatNumber(view.arrivalNumber)}`;
      return stream(reply, req.log, PDF, `Phiếu giải quyết văn bản đến${number}.pdf`, (out) =>
        renderHandlingSlipPdf(view, agencyName, out, { date: vnDate(ctx.now()) }),
      );
    },
  );

  app.get(
    '/api/v1/documents/export.xlsx',
    {
      config: perm,
      schema: {
        tags,
        summary: 'Xuất danh sách văn bản đang lọc ra tệp Excel (tối đa 50.000 dòng)',
        querystring: documentListQuery.omit({ limit: true, cursor: true }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const query = { ...req.query, limit: 200 };
      await audit(ctx.db, ctx.actor, {
        action: 'document.export',
        entityType: 'document',
        detail: { query: req.query },
      });
      return stream(reply, req.log, XLSX, `Danh sách văn bản ${vnDate(ctx.now())}.xlsx`, (out) =>
        exportDocumentsXlsx(ctx, query, out),
      );
    },
  );
};

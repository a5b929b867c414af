import type { Writable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { formatNumber } from '../../../../shared/documents/decree30.ts';
import type { DocumentListQuery } from '../../../../shared/schemas/documents.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError, forbidden } from '../../../platform/http/errors.ts';
import { findAgency } from '../../agencies/index.ts';
import { seesWholeAgency } from '../access.ts';
import { documentDetail } from '../detail.ts';
import { vnDate } from '../registers.ts';
import { registers } from '../schema.ts';
import { assertAllowed } from '../workflow.ts';
import { type RegisterPeriod, registerRowSource, renderRegisterPdf } from './registers.ts';
import { renderHandlingSlipPdf } from './slip.ts';
import { exportDocumentsXlsx } from './xlsx.ts';

/**
 * A print or export ready to go: its file name and what writes it. The checks are done and the
 * audit row written before the route sends the first byte, so a refusal is still a problem answer.
 */
export interface Printout {
  fileName: string;
  write(out: Writable): Promise<unknown>;
}

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

/** The printed register of incoming or outgoing documents over a period (audited). */
export async function registerPrint(
  ctx: Ctx,
  direction: RegisterPeriod['direction'],
  q: { from?: string; to?: string; secret: boolean },
): Promise<Printout> {
  // Decree 30/2020, Art. 16 and 22: the registers are kept by the clerks under the agency's leaders.
  if (!seesWholeAgency(ctx.actor))
    throw forbidden('Chỉ văn thư và lãnh đạo cơ quan được in sổ đăng ký văn bản.');
  if (q.secret && direction === 'incoming')
    throw new AppError('validation_failed', 'Văn bản mật đến được đăng ký chung trong sổ văn bản đến.', {
      fields: [{ path: 'querystring.secret', message: 'Chỉ sổ văn bản đi có sổ mật riêng.' }],
    });
  const period: RegisterPeriod = { direction, secret: q.secret, ...registerPeriod(q, vnDate(ctx.now())) };
  const agencyName = await agencyNameOf(ctx);
  const registerName = await registerNameOf(ctx, period);
  await audit(ctx.db, ctx.actor, {
    action: 'document.register_print',
    entityType: 'register',
    detail: { ...period },
  });
  return {
    fileName: `${registerName} ${period.from} – ${period.to}.pdf`,
    write: (out) =>
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
  };
}

/** The handling slip of an incoming document the actor may see (404 otherwise). */
export async function handlingSlip(ctx: Ctx, id: string): Promise<Printout> {
  const view = await documentDetail(ctx, id); // 404 unless the person may see it
  assertAllowed(ctx, 'print', { status: view.status, holderId: view.holder?.id ?? null }); // incoming only
  const agencyName = await agencyNameOf(ctx);
  const number = view.arrivalNumber === null ? '' : ` số đến ${formatNumber(view.arrivalNumber)}`;
  return {
    fileName: `Phiếu giải quyết văn bản đến${number}.pdf`,
    write: (out) => renderHandlingSlipPdf(view, agencyName, out, { date: vnDate(ctx.now()) }),
  };
}

/** The filtered list as an Excel workbook (audited with its query). */
export async function listExport(
  ctx: Ctx,
  query: Omit<DocumentListQuery, 'limit' | 'cursor'>,
): Promise<Printout> {
  await audit(ctx.db, ctx.actor, {
    action: 'document.export',
    entityType: 'document',
    detail: { query },
  });
  return {
    fileName: `Danh sách văn bản ${vnDate(ctx.now())}.xlsx`,
    write: (out) => exportDocumentsXlsx(ctx, { ...query, limit: 200 }, out),
  };
}

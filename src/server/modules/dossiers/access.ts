import { eq, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { vnDate } from '../../../shared/calendar/vn-time.ts';
import type { ArchiveKeeperView } from '../../../shared/schemas/dossiers.ts';
import { rows } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { visibleAgencyWide, visibleTo } from '../documents/index.ts';
import { activeHolders, divisionMembersSql } from '../people/index.ts';
import { dossiers } from './schema.ts';

export type DossierRow = typeof dossiers.$inferSelect;

/** Clerks (văn thư) and leaders see every dossier of their agency. */
export function seesAllDossiers(actor: Actor): boolean {
  return actor.role === 'clerk' || actor.role === 'agency_leader';
}

/** The retention of a dossier with these end date and retention columns has run out by `today` (never for permanent ones). */
export function retentionRanOut(c: { endDate: SQLWrapper; retentionYears: SQLWrapper }, today: string): SQL {
  return sql`(${c.retentionYears} IS NOT NULL AND ${c.endDate} IS NOT NULL
    AND (${c.endDate} + make_interval(years => ${c.retentionYears}))::date <= ${today}::date)`;
}

/**
 * "This dossier, visible to this person", as a SQL condition on alias `x`: only the acting agency's
 * dossiers; the person who made it, the agency's clerks and leaders, and the head of the division of
 * the person who made it (a head follows the division's files; only the maker or a clerk changes them).
 * The archivist (người làm lưu trữ) sees what was handed to the archive (a dossier in a transfer, from
 * the package being built on) and the finished dossiers whose retention has run out by `today` (the
 * disposal review it runs), never another person's open dossier.
 */
export function dossierVisibleTo(actor: Actor, today: string): SQL {
  if (!actor.agencyId) return sql`false`;
  if (seesAllDossiers(actor)) return sql`(x.agency_id = ${actor.agencyId})`;
  if (actor.role === 'archivist')
    return sql`(x.agency_id = ${actor.agencyId} AND (x.transfer_id IS NOT NULL OR (x.status <> 'open' AND ${retentionRanOut(
      { endDate: sql`x.end_date`, retentionYears: sql`x.retention_years` },
      today,
    )})))`;
  if (actor.role === 'division_head' && actor.divisionId)
    return sql`(x.agency_id = ${actor.agencyId} AND (x.creator_id = ${actor.personId} OR x.creator_id IN ${divisionMembersSql(
      actor.agencyId,
      actor.divisionId,
    )}))`;
  return sql`(x.agency_id = ${actor.agencyId} AND x.creator_id = ${actor.personId})`;
}

/** A dossier the actor may see, or 404 (ids of other agencies cannot be probed). */
export async function loadDossier(ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}) {
  const found = await rows<{ id: string }>(
    ctx.db,
    sql`SELECT x.id FROM dossiers x WHERE x.id = ${id} AND ${dossierVisibleTo(ctx.actor, vnDate(ctx.now()))} ${opts.forUpdate ? sql`FOR UPDATE` : sql``}`,
  );
  if (!found[0]) throw notFound('Hồ sơ');
  const [d] = await ctx.db.select().from(dossiers).where(eq(dossiers.id, id));
  return d!;
}

/**
 * The documents of a dossier's items this reader sees (as SQL on alias `d`, for a dossier it may see):
 * the documents module's rule, except for the archivist, who has no documents of its own and reads
 * the dossiers it may see as the agency's clerks do (secret documents still only when named on them).
 */
export function itemDocumentsVisibleTo(actor: Actor): SQL {
  return actor.role === 'archivist' ? visibleAgencyWide(actor) : visibleTo(actor);
}

/** May this person change the dossier's contents (its maker, or a clerk), were it open? */
export function mayEdit(actor: Actor, d: DossierRow): boolean {
  return d.creatorId === actor.personId || actor.role === 'clerk';
}

/** Refuses any change to a dossier that is not open, or by someone who may not change it. */
export function requireEditable(ctx: Ctx, d: DossierRow) {
  if (d.status !== 'open')
    throw new AppError(
      'conflict',
      `Hồ sơ ${d.fileCode} đã kết thúc (${STATUS_VI[d.status] ?? d.status}); không thể thay đổi nội dung hồ sơ.`,
    );
  if (!mayEdit(ctx.actor, d))
    throw new AppError('forbidden', 'Chỉ người lập hồ sơ hoặc văn thư được thay đổi hồ sơ này.');
}

export const STATUS_VI: Record<string, string> = {
  open: 'đang mở',
  closed: 'đã kết thúc',
  transferred: 'đã nộp lưu',
  disposed: 'đã hủy',
};

/**
 * Decree 30/2020, Art. 30.3.b gives "Lưu trữ cơ quan" the checking and taking in of transferred
 * dossiers. An agency with at least one active archivist leaves these steps to its archivists; one
 * without (a small commune, say) to its clerks, who kept them before the archivist role existed.
 */
export async function archiveKeeper(ctx: Ctx): Promise<ArchiveKeeperView> {
  const archivists = ctx.actor.agencyId ? await activeHolders(ctx.db, ctx.actor.agencyId, 'archivist') : [];
  const keptBy = archivists.length > 0 ? 'archivist' : 'clerk';
  return { keptBy, archivists: archivists.map((a) => a.fullName), mayReceive: ctx.actor.role === keptBy };
}

/** Refuses (403) anyone but the keeper of the agency archive (see `archiveKeeper`). */
export async function requireArchiveKeeper(ctx: Ctx) {
  const k = await archiveKeeper(ctx);
  if (k.mayReceive) return;
  throw new AppError(
    'forbidden',
    k.keptBy === 'archivist'
      ? `Cơ quan có người làm lưu trữ (${k.archivists.join(', ')}); việc kiểm tra, tiếp nhận hồ sơ vào Lưu trữ cơ quan và lập biên bản giao nhận do người làm lưu trữ thực hiện.`
      : 'Chỉ văn thư (lưu trữ cơ quan) được thực hiện thao tác này khi cơ quan chưa có người làm lưu trữ.',
  );
}

export function requireRoles(ctx: Ctx, roles: string[], who: string) {
  if (!ctx.actor.role || !roles.includes(ctx.actor.role))
    throw new AppError('forbidden', `Chỉ ${who} được thực hiện thao tác này.`);
}

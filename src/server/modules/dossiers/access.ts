import { eq, type SQL, sql } from 'drizzle-orm';
import { rows } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { dossiers } from './schema.ts';

export type DossierRow = typeof dossiers.$inferSelect;

/** Clerks (văn thư, who also keep the agency archive) and leaders see every dossier of their agency. */
export function seesAllDossiers(actor: Actor): boolean {
  return actor.role === 'clerk' || actor.role === 'agency_leader';
}

/**
 * "This dossier, visible to this person", as a SQL condition on alias `x`: only the acting agency's
 * dossiers; the person who made it, the agency's clerks and leaders, and the head of the division of
 * the person who made it (a head follows the division's files; only the maker or a clerk changes them).
 */
export function dossierVisibleTo(actor: Actor): SQL {
  if (!actor.agencyId) return sql`false`;
  if (seesAllDossiers(actor)) return sql`(x.agency_id = ${actor.agencyId})`;
  if (actor.role === 'division_head' && actor.divisionId)
    return sql`(x.agency_id = ${actor.agencyId} AND (x.creator_id = ${actor.personId} OR x.creator_id IN (
      SELECT p.person_id FROM positions p
       WHERE p.division_id = ${actor.divisionId} AND p.agency_id = ${actor.agencyId} AND p.ended_at IS NULL)))`;
  return sql`(x.agency_id = ${actor.agencyId} AND x.creator_id = ${actor.personId})`;
}

/** A dossier the actor may see, or 404 (ids of other agencies cannot be probed). */
export async function loadDossier(ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}) {
  const found = await rows<{ id: string }>(
    ctx.db,
    sql`SELECT x.id FROM dossiers x WHERE x.id = ${id} AND ${dossierVisibleTo(ctx.actor)} ${opts.forUpdate ? sql`FOR UPDATE` : sql``}`,
  );
  if (!found[0]) throw notFound('Hồ sơ');
  const [d] = await ctx.db.select().from(dossiers).where(eq(dossiers.id, id));
  return d!;
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

export function requireRoles(ctx: Ctx, roles: string[], who: string) {
  if (!ctx.actor.role || !roles.includes(ctx.actor.role))
    throw new AppError('forbidden', `Chỉ ${who} được thực hiện thao tác này.`);
}

/** Today in Vietnam (yyyy-mm-dd). */
export function vnToday(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

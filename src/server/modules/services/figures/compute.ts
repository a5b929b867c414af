import { type SQL, sql } from 'drizzle-orm';
import {
  FIGURES,
  type FigureKey,
  type FigurePeriod,
  type FiguresReply,
  NOT_COMPUTED,
  periodBounds,
} from '../../../../shared/services/figures.ts';
import { statusLabel } from '../../../../shared/services/statuses.ts';
import { rows } from '../../../db/client.ts';
import { isSystemAdmin } from '../../../platform/access/actor.ts';
import type { Ctx } from '../../../platform/context.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { findAgency, subtreeIds } from '../../agencies/index.ts';
import { decodeKeyset } from '../core/cursor.ts';
import { anyFigure, figureSets, type Window } from './definitions.ts';

/*
 * The QĐ 766 figures of a period for an agency (with the units below it) or the whole province: one
 * aggregate statement with a FILTER per figure over the dossiers of the scope, and the drill-down
 * list of the dossiers behind one figure. Nothing personal leaves here: codes, procedures, dates.
 */

interface Scope {
  /** null: every agency (the province). */
  ids: string[] | null;
  agencyId: string | null;
  name: string;
}

const OUT_OF_SCOPE = 'Bạn chỉ xem được chỉ số của cơ quan mình và các đơn vị trực thuộc.';

export async function figureScope(ctx: Ctx, agencyId: string | undefined): Promise<Scope> {
  const admin = isSystemAdmin(ctx.actor);
  if (!agencyId && admin) return { ids: null, agencyId: null, name: 'Toàn tỉnh' };
  const base = ctx.actor.agencyId;
  if (!base && !admin) throw forbidden(OUT_OF_SCOPE);
  const target = agencyId ?? base!;
  if (!admin && target !== base && !(await subtreeIds(ctx.db, base!)).includes(target))
    throw forbidden(OUT_OF_SCOPE);
  const agency = await findAgency(ctx.db, target);
  if (!agency) throw forbidden(OUT_OF_SCOPE);
  return { ids: await subtreeIds(ctx.db, target), agencyId: target, name: agency.name };
}

function scopeSql(scope: Scope): SQL {
  if (scope.ids === null) return sql`TRUE`;
  return sql`d.agency_id = ANY(${`{${scope.ids.join(',')}}`}::uuid[])`;
}

function windowOf(ctx: Ctx, p: FigurePeriod): Window & { label: string } {
  const b = periodBounds(p);
  const now = ctx.now();
  return { ...b, cut: now < b.to ? now : b.to };
}

export async function computeFigures(ctx: Ctx, p: FigurePeriod): Promise<FiguresReply> {
  const scope = await figureScope(ctx, p.agencyId);
  const w = windowOf(ctx, p);
  const columns = FIGURES.map((f) => {
    const s = figureSets(f.key, w);
    const num =
      f.kind === 'mean'
        ? sql`coalesce(sum(d.rating) FILTER (WHERE ${s.numerator}), 0)::int`
        : sql`count(*) FILTER (WHERE ${s.numerator})::int`;
    const den =
      f.kind === 'mean'
        ? sql`count(*) FILTER (WHERE ${s.numerator})::int`
        : s.denominator
          ? sql`count(*) FILTER (WHERE ${s.denominator})::int`
          : sql`NULL::int`;
    return sql`${num} AS ${sql.identifier(`${f.key}_n`)}, ${den} AS ${sql.identifier(`${f.key}_d`)}`;
  });
  const [r] = await rows<Record<string, number | null>>(
    ctx.db,
    sql`SELECT ${sql.join(columns, sql`, `)} FROM service_dossiers d WHERE ${scopeSql(scope)} AND ${anyFigure(w)}`,
  );
  const items = FIGURES.map((f) => {
    const numerator = Number(r?.[`${f.key}_n`] ?? 0);
    const d = r?.[`${f.key}_d`];
    const denominator = d === null || d === undefined ? null : Number(d);
    const value = f.kind === 'count' ? numerator : denominator ? numerator / denominator : null;
    return {
      key: f.key,
      kind: f.kind,
      group: f.group,
      name: f.name,
      method: f.method,
      numerator,
      denominator,
      value,
    };
  });
  return {
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    label: w.label,
    scope: { agencyId: scope.agencyId, name: scope.name },
    items,
    notComputed: [...NOT_COMPUTED],
  };
}

export interface FigureDossier {
  id: string;
  code: string;
  agencyName: string;
  procedureCode: string;
  procedureName: string;
  channel: string;
  status: number;
  statusLabel: string;
  acceptedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  rating: number | null;
}

/** The dossiers behind one figure (its numerator or its denominator), newest accepted first, keyset. */
export async function figureDossiers(
  ctx: Ctx,
  p: FigurePeriod & { key: FigureKey; part: 'numerator' | 'denominator'; cursor?: string; limit: number },
) {
  const scope = await figureScope(ctx, p.agencyId);
  const w = windowOf(ctx, p);
  const sets = figureSets(p.key, w);
  const set = p.part === 'denominator' && sets.denominator ? sets.denominator : sets.numerator;
  const after = decodeKeyset(p.cursor, { instant: true });
  const keyset = after
    ? sql`AND (d.accepted_at, d.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
    : sql``;
  const found = await rows<{
    id: string;
    code: string;
    agency_name: string;
    procedure_code: string;
    procedure_name: string;
    channel: string;
    status: number;
    accepted_at: string | Date | null;
    due_at: string | Date | null;
    finished_at: string | Date | null;
    rating: number | null;
  }>(
    ctx.db,
    sql`SELECT d.id, d.code, a.name AS agency_name, pr.code AS procedure_code, pr.name AS procedure_name, d.channel,
          d.status, d.accepted_at, d.due_at, d.finished_at, d.rating
        FROM service_dossiers d
        JOIN agencies a ON a.id = d.agency_id
        JOIN service_procedures pr ON pr.id = d.procedure_id
        WHERE ${scopeSql(scope)} AND ${set} AND d.accepted_at IS NOT NULL ${keyset}
        ORDER BY d.accepted_at DESC, d.id DESC
        LIMIT ${p.limit + 1}`,
  );
  const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
  const items: FigureDossier[] = found.map((x) => ({
    id: x.id,
    code: x.code,
    agencyName: x.agency_name,
    procedureCode: x.procedure_code,
    procedureName: x.procedure_name,
    channel: x.channel,
    status: Number(x.status),
    statusLabel: statusLabel(Number(x.status)),
    acceptedAt: iso(x.accepted_at),
    dueAt: iso(x.due_at),
    finishedAt: iso(x.finished_at),
    rating: x.rating === null ? null : Number(x.rating),
  }));
  return paginate(items, p.limit, (x) => [x.acceptedAt, x.id]);
}

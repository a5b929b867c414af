import { eq } from 'drizzle-orm';
import { vnDayEnd, vnDayStart } from '../../../shared/calendar/index.ts';
import {
  MEASURE_BY_KEY,
  type MeasureKey,
  type MeasurePeriod,
  type MeasureRow,
  type MeasuresReply,
  type MeasureValue,
  type RecordsQuery,
  type RecordsReply,
  type TrendReply,
} from '../../../shared/reports/measures.ts';
import type { Db } from '../../db/client.ts';
import { isSystemAdmin } from '../../platform/access/actor.ts';
import { roleAllows } from '../../platform/access/permissions.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { decodeKeyset, encodeCursor } from '../../platform/http/pagination.ts';
import { activeUnits, findAgency, subtreeIds } from '../agencies/index.ts';
import {
  DOCUMENT_MEASURE_KEYS,
  type DocumentMeasureKey,
  documentMeasures,
  type MeasureWindow,
  measureDocuments,
} from '../documents/index.ts';
import { dossierMeasures } from '../dossiers/index.ts';
import { feedbackMeasures } from '../feedback/index.ts';
import { serviceMeasures } from '../services/index.ts';
import { reportSettings } from './schema.ts';

/*
 * The measured figures of any agency and period (issue 20), composed from the modules that own the
 * records — documents, dossiers, public services, feedback — each through its index.ts. Nothing is
 * typed by anyone: every number is counted from the data, and the documents behind a figure can be
 * listed (measureRecords) with exactly the conditions that counted them.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** A period's first and last calendar day, its instants [from, to) in Vietnam, and its label. */
export function periodWindow(p: MeasurePeriod, now: Date): MeasureWindow & { label: string } {
  let m1 = 1;
  let m2 = 12;
  let label = `Năm ${p.year}`;
  if (p.month) {
    m1 = m2 = p.month;
    label = `Tháng ${p.month}/${p.year}`;
  } else if (p.quarter) {
    m1 = (p.quarter - 1) * 3 + 1;
    m2 = m1 + 2;
    label = `Quý ${p.quarter}/${p.year}`;
  } else if (p.half) {
    m1 = p.half === 1 ? 1 : 7;
    m2 = m1 + 5;
    label = `6 tháng ${p.half === 1 ? 'đầu' : 'cuối'} năm ${p.year}`;
  }
  const last = new Date(Date.UTC(p.year, m2, 0)).getUTCDate();
  const from = new Date(vnDayStart(`${p.year}-${pad(m1)}-01`));
  const to = new Date(new Date(vnDayEnd(`${p.year}-${pad(m2)}-${pad(last)}`)).getTime() + 1);
  return { from, to, cut: now < to ? now : to, label };
}

export async function itAgencyId(db: Db): Promise<string | null> {
  const [s] = await db.select().from(reportSettings).where(eq(reportSettings.id, true));
  return s?.itAgencyId ?? null;
}

interface Scope {
  /** null: every agency of the province. */
  ids: string[] | null;
  agencyId: string | null;
  name: string;
}

const OUT_OF_SCOPE = 'Bạn chỉ xem được số liệu của cơ quan mình và các đơn vị trực thuộc.';

/**
 * Who sees which figures: the system administrator, the province's own people (the root of the
 * tree) and the IT department see every agency; everyone else their agency and the units below it.
 */
export async function measureScope(ctx: Ctx, agencyId: string | undefined): Promise<Scope> {
  const own = ctx.actor.agencyId;
  let wide = isSystemAdmin(ctx.actor);
  if (!wide && own) {
    const a = await findAgency(ctx.db, own);
    wide = !!a && (a.parentId === null || own === (await itAgencyId(ctx.db)));
  }
  if (!agencyId) {
    if (wide) return { ids: null, agencyId: null, name: 'Toàn tỉnh' };
    if (!own) throw forbidden(OUT_OF_SCOPE);
    agencyId = own;
  }
  const target = await findAgency(ctx.db, agencyId);
  if (!target) throw notFound('Đơn vị');
  const ids = await subtreeIds(ctx.db, agencyId);
  if (!wide && !(own && (agencyId === own || (await subtreeIds(ctx.db, own)).includes(agencyId))))
    throw forbidden(OUT_OF_SCOPE);
  return { ids, agencyId, name: target.name };
}

type Values = Partial<Record<MeasureKey, MeasureValue>>;

/** Every module's figures for the agencies of `ids` (all when null), merged per agency. */
export async function measuresByAgency(
  db: Db,
  w: MeasureWindow,
  ids: string[] | null,
): Promise<Map<string, Values>> {
  const parts = await Promise.all([
    documentMeasures(db, w, ids),
    dossierMeasures(db, w, ids),
    serviceMeasures(db, w, ids),
    feedbackMeasures(db, w, ids),
  ]);
  const merged = new Map<string, Values>();
  for (const part of parts)
    for (const [agencyId, values] of part as Map<string, Values>)
      merged.set(agencyId, { ...merged.get(agencyId), ...values });
  return merged;
}

function sum(rows: Values[]): Values {
  const total: Values = {};
  for (const r of rows)
    for (const [k, v] of Object.entries(r) as [MeasureKey, MeasureValue][]) {
      const t = total[k] ?? { n: 0, d: MEASURE_BY_KEY[k].kind === 'rate' ? 0 : null };
      total[k] = { n: t.n + v.n, d: t.d === null ? null : t.d + (v.d ?? 0) };
    }
  return total;
}

/** The figures of every agency of the scope (divisions count with their agency) and their total. */
export async function computeMeasures(
  ctx: Ctx,
  q: MeasurePeriod & { agencyId?: string },
): Promise<MeasuresReply> {
  const scope = await measureScope(ctx, q.agencyId);
  const w = periodWindow(q, ctx.now());
  const inScope = scope.ids ? new Set(scope.ids) : null;
  const units = (await activeUnits(ctx.db)).filter((u) => !inScope || inScope.has(u.id));
  const byAgency = await measuresByAgency(ctx.db, w, scope.ids);
  const rows: MeasureRow[] = units.map((u) => ({
    agencyId: u.id,
    agencyName: u.name,
    kind: u.kind,
    values: (byAgency.get(u.id) ?? {}) as MeasureRow['values'],
  }));
  const total: MeasureRow = {
    agencyId: scope.agencyId ?? '',
    agencyName: scope.name,
    kind: 'total',
    values: sum([...byAgency.values()]) as MeasureRow['values'],
  };
  const mayList =
    ctx.actor.agencyId && ctx.actor.role && roleAllows(ctx.actor.role, 'documents')
      ? [ctx.actor.agencyId]
      : [];
  return {
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    label: w.label,
    scope: { agencyId: scope.agencyId, name: scope.name },
    rows,
    total,
    recordsOf: mayList.filter((id) => !inScope || inScope.has(id)),
  };
}

/** The scope's totals month by month through a year: the trend chart. Twelve windows, one each. */
export async function measureTrend(ctx: Ctx, q: { year: number; agencyId?: string }): Promise<TrendReply> {
  const scope = await measureScope(ctx, q.agencyId);
  const months: TrendReply['months'] = [];
  const now = ctx.now();
  for (let month = 1; month <= 12; month++) {
    const w = periodWindow({ year: q.year, month }, now);
    if (w.from > now) break;
    const byAgency = await measuresByAgency(ctx.db, w, scope.ids);
    months.push({ month, values: sum([...byAgency.values()]) as TrendReply['months'][number]['values'] });
  }
  return { scope: { agencyId: scope.agencyId, name: scope.name }, months };
}

/**
 * The documents behind one figure of one agency: for the people of that agency who handle documents
 * (each document still only if its own rule lets them see it). Figures of other modules are listed
 * on those modules' screens.
 */
export async function measureRecords(ctx: Ctx, q: RecordsQuery): Promise<RecordsReply> {
  if (!(DOCUMENT_MEASURE_KEYS as string[]).includes(q.measure))
    throw new AppError(
      'bad_request',
      'Chỉ số này không đếm văn bản; xem danh sách ở màn hình của phân hệ tương ứng.',
    );
  if (q.agencyId !== ctx.actor.agencyId || !ctx.actor.role || !roleAllows(ctx.actor.role, 'documents'))
    throw forbidden('Chỉ người xử lý văn bản của chính cơ quan đó xem được danh sách văn bản của chỉ số.');
  const agency = await findAgency(ctx.db, q.agencyId);
  const w = periodWindow(q, ctx.now());
  const found = await measureDocuments(ctx.db, ctx.actor, {
    key: q.measure as DocumentMeasureKey,
    part: q.part,
    agencyId: q.agencyId,
    window: w,
    after: decodeKeyset(q.cursor, { instant: true }),
    limit: q.limit,
  });
  const more = found.length > q.limit;
  const page = found.slice(0, q.limit);
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
  const last = page[page.length - 1];
  return {
    measure: MEASURE_BY_KEY[q.measure].name,
    agencyName: agency?.name ?? '',
    label: w.label,
    items: page.map((d) => ({
      id: d.id,
      href: `/van-ban/${d.id}`,
      reference: d.numberNotation ?? '(chưa có số)',
      summary: d.summary,
      date: iso(d.at),
      detail: d.detail,
    })),
    nextCursor: more && last ? encodeCursor([iso(last.at), last.id]) : null,
  };
}

import { eq } from 'drizzle-orm';
import type { MeasureKey } from '../../../shared/reports/measures.ts';
import { MEASURE_BY_KEY } from '../../../shared/reports/measures.ts';
import {
  type ConsolidatedView,
  type RowValue,
  type SubmissionStatus,
  sharePercent,
  type TemplateSection,
} from '../../../shared/reports/periodic.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { findAgencies } from '../agencies/index.ts';
import { cycleViews, findCycle } from './cycles.ts';
import { reportSubmissions } from './schema.ts';
import { valuesOf } from './submissions.ts';
import { assertConsolidator } from './templates.ts';

/*
 * The province's report of a cycle (issue 20), consolidated by the IT department from the accepted
 * submissions: each table row summed across them (a share recomputed from the summed numerators and
 * denominators, never averaged), each agency's text gathered under its name in the tree's order, and
 * every assigned agency whose report is not accepted listed with its status — never silently dropped.
 */

type Stored = Record<string, string | Record<string, RowValue>>;

/** Sums the rows of one table across submissions' values. */
export function sumTable(
  section: Extract<TemplateSection, { kind: 'table' }>,
  tables: Record<string, RowValue>[],
): Extract<ConsolidatedView['sections'][number], { kind: 'table' }>['rows'] {
  return section.rows.map((r) => {
    const base = { key: r.key, label: r.label, ...(r.unit ? { unit: r.unit } : {}) };
    if (r.measure) {
      const rate = MEASURE_BY_KEY[r.measure as MeasureKey]?.kind === 'rate';
      let n = 0;
      let d = 0;
      for (const t of tables) {
        n += t[r.key]?.n ?? 0;
        d += t[r.key]?.d ?? 0;
      }
      return rate
        ? { ...base, measure: r.measure, value: sharePercent(n, d), n, d }
        : { ...base, measure: r.measure, value: n, n };
    }
    let sum: number | null = null;
    for (const t of tables) {
      const v = t[r.key]?.value;
      if (typeof v === 'number') sum = (sum ?? 0) + v;
    }
    return { ...base, value: sum === null ? null : Math.round(sum * 1e6) / 1e6 };
  });
}

export async function consolidate(ctx: Ctx, cycleId: string): Promise<ConsolidatedView> {
  await assertConsolidator(ctx);
  const found = await findCycle(ctx.db, cycleId);
  if (!found) throw notFound('Kỳ báo cáo');
  const { t } = found;
  // One row per assigned agency (the unique index bounds it by the number of agencies).
  const subs = await ctx.db
    .select({
      agencyId: reportSubmissions.agencyId,
      status: reportSubmissions.status,
      values: reportSubmissions.values,
    })
    .from(reportSubmissions)
    .where(eq(reportSubmissions.cycleId, cycleId));
  const agencies = await findAgencies(
    ctx.db,
    subs.map((s) => s.agencyId),
  );
  const order = (id: string) => {
    const a = agencies.get(id);
    return [a?.sortOrder ?? '', a?.name ?? ''] as const;
  };
  subs.sort((x, y) => {
    const [xs, xn] = order(x.agencyId);
    const [ys, yn] = order(y.agencyId);
    return xs < ys ? -1 : xs > ys ? 1 : xn.localeCompare(yn, 'vi') || (x.agencyId < y.agencyId ? -1 : 1);
  });
  const name = (id: string) => agencies.get(id)?.name ?? '';
  const sections = t.sections as TemplateSection[];
  const accepted = subs
    .filter((s) => s.status === 'accepted')
    .map((s) => ({ agencyId: s.agencyId, values: valuesOf(sections, s.values as Stored, null) }));
  const [cycle] = await cycleViews(ctx, [found]);
  return {
    cycle: cycle!,
    included: accepted.map((s) => ({ agencyId: s.agencyId, agencyName: name(s.agencyId) })),
    missing: subs
      .filter((s) => s.status !== 'accepted')
      .map((s) => ({
        agencyId: s.agencyId,
        agencyName: name(s.agencyId),
        status: s.status as SubmissionStatus,
      })),
    sections: sections.map((s) =>
      s.kind === 'text'
        ? {
            kind: 'text' as const,
            key: s.key,
            title: s.title,
            parts: accepted
              .map((a) => ({ agencyName: name(a.agencyId), text: String(a.values[s.key] ?? '').trim() }))
              .filter((p) => p.text.length > 0),
          }
        : {
            kind: 'table' as const,
            key: s.key,
            title: s.title,
            rows: sumTable(
              s,
              accepted.map((a) => (a.values[s.key] ?? {}) as Record<string, RowValue>),
            ),
          },
    ),
  };
}

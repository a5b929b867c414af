/** Analysis services: a roll-up series, a ranking of children, dashboard values (issue 14). */

import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import {
  type Period,
  parsePeriod,
  periodLabel,
  periodsBetween,
  sameLastYear,
} from '../../../shared/indicators/periods.ts';
import type {
  DashboardValuesView,
  RankingView,
  RollupView,
} from '../../../shared/schemas/indicators-analysis.ts';
import { type Db, rows } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { agencyRowsSql, findAgency } from '../agencies/index.ts';
import {
  growthPct,
  type IndicatorDef,
  loadCatalogue,
  plans,
  rollup,
  round,
  sharePct,
  type ValueStatus,
} from './rollup.ts';

const MAX_POINTS = 120;

const head = (d: IndicatorDef) => ({
  code: d.code,
  name: d.name,
  unit: d.unit,
  decimals: d.decimals,
  periodicity: d.periodicity,
  aggregation: d.aggregation,
});

async function nodeOf(ctx: Ctx, id: string | undefined, field: string) {
  const nodeId = id ?? ctx.actor.agencyId;
  if (!nodeId) throw new AppError('bad_request', `Cần chọn đơn vị (${field}).`);
  const a = await findAgency(ctx.db, nodeId);
  if (!a) throw new AppError('not_found', `Đơn vị (${field}) không tồn tại.`);
  return { id: a.id, name: a.name, code: a.agencyCode ?? null };
}

function periodOrFail(code: string, field: string): Period {
  const p = parsePeriod(code);
  if (!p) throw new AppError('bad_request', `Kỳ báo cáo không hợp lệ ở trường ${field}: ${code}`);
  return p;
}

export async function rollupSeries(
  ctx: Ctx,
  q: { indicator: string; agencyId?: string; from: string; to: string; option: string; status: ValueStatus },
): Promise<RollupView> {
  const from = periodOrFail(q.from, 'from');
  const to = periodOrFail(q.to, 'to');
  if (from.periodicity !== to.periodicity) {
    throw new AppError(
      'bad_request',
      'Kỳ bắt đầu (from) và kỳ kết thúc (to) phải cùng loại kỳ (tháng, quý, năm …).',
    );
  }
  if (from.code > to.code)
    throw new AppError('bad_request', 'Kỳ bắt đầu (from) phải trước kỳ kết thúc (to).');
  const periods = periodsBetween(from, to, MAX_POINTS + 1);
  if (periods.length > MAX_POINTS)
    throw new AppError('bad_request', `Tối đa ${MAX_POINTS} kỳ trong một chuỗi số liệu.`);
  const node = await nodeOf(ctx, q.agencyId, 'agencyId');
  const cat = await loadCatalogue(ctx.db, [q.indicator]);
  const def = cat.byCode.get(q.indicator) as IndicatorDef;
  const lastYears = periods.map(sameLastYear);
  const [r, plan] = await Promise.all([
    rollup(ctx.db, cat, {
      scope: 'node',
      nodeId: node.id,
      codes: [def.code],
      periods: [...periods, ...lastYears],
      option: q.option,
      status: q.status,
    }),
    q.option === ''
      ? plans(ctx.db, cat, node.id, [def.code], [...new Set(periods.map((p) => p.year))])
      : Promise.resolve(new Map<string, number>()),
  ]);
  const dec = def.decimals;
  return {
    indicator: head(def),
    node,
    option: q.option,
    points: periods.map((p, i) => {
      const value = r.value(node.id, def.code, p);
      const lastYear = r.value(node.id, def.code, lastYears[i] as Period);
      const planValue = plan.get(`${def.code}|${p.year}`) ?? null;
      return {
        period: p.code,
        label: periodLabel(p),
        value: round(value, dec),
        lastYear: round(lastYear, dec),
        growthPct: growthPct(value, lastYear),
        plan: round(planValue, dec),
        planSharePct: sharePct(value, planValue),
      };
    }),
  };
}

export async function ranking(
  ctx: Ctx,
  q: { indicator: string; period: string; parentId?: string; option: string; status: ValueStatus },
): Promise<RankingView> {
  const p = periodOrFail(q.period, 'period');
  const parent = await nodeOf(ctx, q.parentId, 'parentId');
  const cat = await loadCatalogue(ctx.db, [q.indicator]);
  const def = cat.byCode.get(q.indicator) as IndicatorDef;
  const ly = sameLastYear(p);
  const [r, children] = await Promise.all([
    rollup(ctx.db, cat, {
      scope: 'children',
      nodeId: parent.id,
      codes: [def.code],
      periods: [p, ly],
      option: q.option,
      status: q.status,
    }),
    childrenOf(ctx.db, parent.id),
  ]);
  const items = children.map((c) => {
    const value = r.value(c.id, def.code, p);
    const lastYear = r.value(c.id, def.code, ly);
    return {
      agency: c,
      value: round(value, def.decimals),
      lastYear: round(lastYear, def.decimals),
      growthPct: growthPct(value, lastYear),
    };
  });
  // Highest first; agencies without a value last, by name.
  items.sort((a, b) =>
    a.value == null && b.value == null
      ? a.agency.name.localeCompare(b.agency.name, 'vi')
      : a.value == null
        ? 1
        : b.value == null
          ? -1
          : b.value - a.value || a.agency.name.localeCompare(b.agency.name, 'vi'),
  );
  let rank = 0;
  return {
    indicator: head(def),
    parent,
    period: p.code,
    label: periodLabel(p),
    items: items.map((x) => ({ rank: x.value == null ? null : ++rank, ...x })),
  };
}

async function childrenOf(db: Db, parentId: string) {
  const r = await rows<{ id: string; name: string; agency_code: string | null }>(
    db,
    sql`SELECT id, name, agency_code FROM ${agencyRowsSql} a
         WHERE parent_id = ${parentId} AND kind <> 'division' AND status = 'active' ORDER BY sort_order, name`,
  );
  return r.map((a) => ({ id: a.id, name: a.name, code: a.agency_code }));
}

export async function dashboardValues(
  ctx: Ctx,
  q: { codes: string[]; agencyId?: string; period: string; status: ValueStatus },
): Promise<DashboardValuesView> {
  const p = periodOrFail(q.period, 'period');
  const node = await nodeOf(ctx, q.agencyId, 'agencyId');
  const cat = await loadCatalogue(ctx.db, q.codes);
  const ly = sameLastYear(p);
  const r = await rollup(ctx.db, cat, {
    scope: 'node',
    nodeId: node.id,
    codes: q.codes,
    periods: [p, ly],
    option: '',
    status: q.status,
  });
  return {
    node,
    period: p.code,
    label: periodLabel(p),
    items: q.codes.map((code) => {
      const def = cat.byCode.get(code) as IndicatorDef;
      const value = r.value(node.id, code, p);
      const lastYear = r.value(node.id, code, ly);
      return {
        ...head(def),
        value: round(value, def.decimals),
        lastYear: round(lastYear, def.decimals),
        growthPct: growthPct(value, lastYear),
      };
    }),
  };
}

const SERIES_HEADER = [
  'Kỳ',
  'Mã kỳ',
  'Giá trị',
  'Cùng kỳ năm trước',
  'Tăng/giảm (%)',
  'Kế hoạch năm',
  'Đạt % kế hoạch',
];

const csvCell = (v: unknown) => {
  if (v == null) return '';
  const s = String(v);
  return /[",\n\r;]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** A roll-up series as CSV (UTF-8 with a BOM, so Excel reads the diacritics). */
export function seriesCsv(v: RollupView): string {
  const lines = [
    `${csvCell(`${v.indicator.code} ${v.indicator.name} (${v.indicator.unit})`)},${csvCell(v.node.name)}`,
    SERIES_HEADER.map(csvCell).join(','),
    ...v.points.map((p) =>
      [p.label, p.period, p.value, p.lastYear, p.growthPct, p.plan, p.planSharePct].map(csvCell).join(','),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function seriesXlsx(v: RollupView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(v.indicator.code);
  ws.addRow([`${v.indicator.code} ${v.indicator.name} (${v.indicator.unit})`]);
  ws.addRow([v.node.name]);
  ws.addRow(SERIES_HEADER).font = { bold: true };
  for (const p of v.points)
    ws.addRow([p.label, p.period, p.value, p.lastYear, p.growthPct, p.plan, p.planSharePct]);
  ws.getColumn(1).width = 24;
  for (let c = 2; c <= SERIES_HEADER.length; c++) ws.getColumn(c).width = 16;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

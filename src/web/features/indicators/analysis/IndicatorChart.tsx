import { useQueries } from '@tanstack/react-query';
import { Table, Typography } from 'antd';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { parsePeriod, periodLabel } from '../../../../shared/indicators/periods.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { TableRegion } from '../../../components/TableRegion.tsx';
import { currentLang } from '../../../i18n.ts';
import { type ChartConfig, indKeys, type RollupData, rollup, type SeriesPoint } from './api.ts';
import { EChart } from './EChart.tsx';

const PALETTE = ['#0958d9', '#d4380d', '#389e0d', '#722ed1', '#c41d7f', '#08979c'];

/** A figure as officials read it: Vietnamese grouping, the indicator's decimals, "—" when absent. */
export function fmt(v: number | null | undefined, decimals = 2): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  return new Intl.NumberFormat(currentLang() === 'vi' ? 'vi-VN' : 'en-US', {
    maximumFractionDigits: decimals,
  }).format(v);
}

export function labelOf(p: SeriesPoint | string): string {
  const code = typeof p === 'string' ? p : p.period;
  const parsed = parsePeriod(code);
  if (currentLang() === 'vi' && typeof p !== 'string' && p.label) return p.label;
  return parsed ? periodLabel(parsed, currentLang()) : code;
}

/** The rollups of a chart's indicators (one request each, cached by TanStack Query). */
export function useRollups(cfg: ChartConfig) {
  const queries = useQueries({
    queries: cfg.indicators.map((code) => {
      const q = { indicator: code, agencyId: cfg.agencyId, from: cfg.from, to: cfg.to };
      return {
        queryKey: indKeys.rollup(q),
        queryFn: () => rollup(q),
        enabled: !!code && !!cfg.from && !!cfg.to,
        staleTime: 60_000,
      };
    }),
  });
  const data = queries.map((q) => q.data).filter((d): d is RollupData => !!d);
  return {
    data,
    pending: queries.some((q) => q.isPending && q.fetchStatus !== 'idle'),
    error: queries.find((q) => q.error)?.error ?? null,
    refetch: () => {
      for (const q of queries) void q.refetch();
    },
  };
}

interface TableLine {
  key: string;
  period: string;
  [col: string]: string | number | null;
}

/** The figures of a chart as rows (one per period) and columns (per indicator; comparisons). */
function tableOf(data: RollupData[], compare: ChartConfig['compare'], t: TFunction) {
  const periods = [...new Set(data.flatMap((d) => d.points.map((p) => p.period)))].sort();
  const cols: { key: string; title: string; decimals: number; pct?: boolean }[] = [];
  for (const d of data) {
    const dec = d.indicator.decimals ?? 2;
    const one = data.length === 1;
    const head = one ? t('indAnalysis.table.value') : d.indicator.name;
    cols.push({ key: `${d.indicator.code}:value`, title: `${head} (${d.indicator.unit})`, decimals: dec });
    if (compare === 'lastYear') {
      cols.push({
        key: `${d.indicator.code}:lastYear`,
        title: t('indAnalysis.table.lastYear'),
        decimals: dec,
      });
      cols.push({
        key: `${d.indicator.code}:growth`,
        title: t('indAnalysis.table.growth'),
        decimals: 1,
        pct: true,
      });
    }
    if (compare === 'plan') {
      cols.push({ key: `${d.indicator.code}:plan`, title: t('indAnalysis.table.plan'), decimals: dec });
      cols.push({
        key: `${d.indicator.code}:planShare`,
        title: t('indAnalysis.table.planShare'),
        decimals: 1,
        pct: true,
      });
    }
  }
  const rows: TableLine[] = periods.map((period) => {
    const row: TableLine = { key: period, period: labelOf(period) };
    for (const d of data) {
      const p = d.points.find((x) => x.period === period);
      row[`${d.indicator.code}:value`] = p?.value ?? null;
      row[`${d.indicator.code}:lastYear`] = p?.lastYear ?? null;
      row[`${d.indicator.code}:growth`] = p?.growthPct ?? null;
      row[`${d.indicator.code}:plan`] = p?.plan ?? null;
      row[`${d.indicator.code}:planShare`] = p?.planSharePct ?? null;
    }
    return row;
  });
  return { periods, cols, rows };
}

/** One sentence that says what the chart shows, for screen readers (the canvas says nothing). */
function summaryOf(data: RollupData[], cfg: ChartConfig, t: TFunction) {
  return data
    .map((d) => {
      const pts = d.points.filter((p) => p.value !== null);
      const last = pts.at(-1);
      const max = pts.reduce<SeriesPoint | null>(
        (m, p) => (!m || (p.value ?? 0) > (m.value ?? 0) ? p : m),
        null,
      );
      return t('indAnalysis.summary', {
        name: d.indicator.name,
        agency: d.node.name,
        from: labelOf(cfg.from),
        to: labelOf(cfg.to),
        count: pts.length,
        last: last ? `${fmt(last.value, d.indicator.decimals)} ${d.indicator.unit} (${labelOf(last)})` : '—',
        max: max ? `${fmt(max.value, d.indicator.decimals)} ${d.indicator.unit} (${labelOf(max)})` : '—',
      });
    })
    .join(' ');
}

function optionOf(data: RollupData[], cfg: ChartConfig, periods: string[], t: TFunction): EChartsCoreOption {
  const series: Record<string, unknown>[] = [];
  const kind = cfg.chart === 'line' ? 'line' : 'bar';
  data.forEach((d, i) => {
    const by = new Map(d.points.map((p) => [p.period, p]));
    series.push({
      name: data.length === 1 ? `${d.indicator.name} (${d.indicator.unit})` : d.indicator.name,
      type: kind,
      stack: cfg.chart === 'stacked' ? 'total' : undefined,
      data: periods.map((p) => by.get(p)?.value ?? null),
      itemStyle: { color: PALETTE[i % PALETTE.length] },
      connectNulls: true,
    });
    const suffix = (k: string) => (data.length === 1 ? k : `${d.indicator.name} · ${k}`);
    if (cfg.compare === 'lastYear')
      series.push({
        name: suffix(t('indAnalysis.table.lastYear')),
        type: kind,
        stack: cfg.chart === 'stacked' ? 'lastYear' : undefined,
        data: periods.map((p) => by.get(p)?.lastYear ?? null),
        itemStyle: { color: data.length === 1 ? '#8c8c8c' : PALETTE[i % PALETTE.length], opacity: 0.6 },
        lineStyle: { type: 'dashed' },
      });
    if (cfg.compare === 'plan' && d.points.some((p) => p.plan !== null))
      series.push({
        name: suffix(t('indAnalysis.table.plan')),
        type: 'line',
        data: periods.map((p) => by.get(p)?.plan ?? null),
        itemStyle: { color: '#d48806' },
        lineStyle: { type: 'dotted' },
        symbol: 'none',
      });
  });
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt(v) : '—') },
    legend: { top: 0, type: 'scroll' },
    xAxis: { type: 'category', data: periods.map((p) => labelOf(p)) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt(v) } },
    series,
  };
}

/**
 * One chart of indicator values at a node of the agencies tree over a period range: ECharts line,
 * bar or stacked bars, or the table; always with its figures as a table underneath (folded) and a
 * spoken summary.
 */
export function IndicatorChart({
  cfg,
  height,
  onInstance,
}: {
  cfg: ChartConfig;
  height?: number;
  onInstance?: (chart: EChartsType | null) => void;
}) {
  const { t } = useTranslation();
  const r = useRollups(cfg);
  const { periods, cols, rows } = useMemo(() => tableOf(r.data, cfg.compare, t), [r.data, cfg.compare, t]);
  const option = useMemo(() => optionOf(r.data, cfg, periods, t), [r.data, cfg, periods, t]);
  if (!cfg.indicators.length)
    return <Typography.Paragraph type="secondary">{t('indAnalysis.pickFirst')}</Typography.Paragraph>;
  if (r.error) return <ErrorAlert error={r.error} onRetry={r.refetch} />;
  if (r.pending) return <Loading />;
  const hasData = r.data.some((d) => d.points.some((p) => p.value !== null));
  if (!hasData)
    return (
      <div className="lt-empty" role="status">
        <Typography.Paragraph strong>{t('indAnalysis.noData')}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('indAnalysis.noDataHint')}</Typography.Paragraph>
      </div>
    );
  const table = (
    <TableRegion label={t('indAnalysis.tableLabel')}>
      <Table<TableLine>
        size="small"
        rowKey="key"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        columns={[
          { title: t('indAnalysis.table.period'), dataIndex: 'period', key: 'period', fixed: 'left' },
          ...cols.map((c) => ({
            title: c.title,
            dataIndex: c.key,
            key: c.key,
            align: 'right' as const,
            render: (v: number | null) => (v === null ? '—' : `${fmt(v, c.decimals)}${c.pct ? ' %' : ''}`),
          })),
        ]}
      />
    </TableRegion>
  );
  if (cfg.chart === 'table') return table;
  return (
    <>
      <EChart option={option} label={summaryOf(r.data, cfg, t)} height={height} onInstance={onInstance} />
      <details className="lt-chart-data">
        <summary>{t('indAnalysis.showTable')}</summary>
        {table}
      </details>
    </>
  );
}

import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Collapse, Select, Table, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import {
  MEASURE_BY_KEY,
  MEASURE_KEYS,
  MEASURES,
  type MeasureKey,
  type MeasureRow,
  type MeasureValue,
  measureValue,
} from '../../../shared/reports/measures.ts';
import { can, useMe } from '../../api/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { EChart } from '../indicators/analysis/EChart.tsx';
import {
  getMeasures,
  getTrend,
  measuresXlsxUrl,
  periodFrom,
  periodQuery,
  recordsHref,
  reportKeys,
} from './api.ts';
import { ItDepartmentSetting } from './ItDepartmentSetting.tsx';
import { PeriodPicker } from './PeriodPicker.tsx';

const CHART_ROWS = 15;

/** 0.8333 → "83,3%"; a count as a number; nothing measured → "—". */
function shown(key: MeasureKey, v: MeasureValue | undefined, locale: string, none: string): string {
  const value = measureValue(key, v);
  if (value === null) return none;
  if (MEASURE_BY_KEY[key].kind === 'count') return value.toLocaleString(locale);
  return `${(Math.round(value * 1000) / 10).toLocaleString(locale)}%`;
}

/** A chart's number: a share in percent with one decimal, a count as it is. */
function asNumber(v: number | null, rate: boolean): number {
  return v === null ? 0 : rate ? Math.round(v * 1000) / 10 : v;
}

/** A ranking key: higher first, agencies with nothing to measure last. */
function sortValue(key: MeasureKey, r: MeasureRow): number {
  return measureValue(key, r.values[key]) ?? -1;
}

/**
 * Số liệu đo từ hệ thống: every agency of the viewer's scope (the whole province for the province's
 * people and the IT department) ranked by one figure, with a chart of the lowest (or, for a count, the busiest), the trend of the
 * year, the full table and the workbook. A number of the viewer's own agency opens its documents.
 */
export default function MeasuresPage() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const period = periodFrom(params);
  const rankBy = (MEASURE_KEYS.find((k) => k === params.get('xep-hang')) ?? 'outElectronic') as MeasureKey;
  const me = useMe();
  const q = useQuery({ queryKey: reportKeys.measures(period), queryFn: () => getMeasures(period) });
  const trend = useQuery({ queryKey: reportKeys.trend(period.year), queryFn: () => getTrend(period.year) });
  const locale = i18n.language === 'en' ? 'en-GB' : 'vi-VN';
  const none = t('reports.measures.none');
  const nameOf = (k: MeasureKey) =>
    i18n.language === 'en' ? MEASURE_BY_KEY[k].nameEn : MEASURE_BY_KEY[k].name;
  const ranked = useMemo(
    () => [...(q.data?.rows ?? [])].sort((a, b) => sortValue(rankBy, b) - sortValue(rankBy, a)),
    [q.data, rankBy],
  );
  const measured = ranked.filter((r) => measureValue(rankBy, r.values[rankBy]) !== null);
  // A share: the agencies that lag (lowest first); a count: the busiest (zeros say nothing).
  const charted =
    MEASURE_BY_KEY[rankBy].kind === 'rate'
      ? measured.slice(-CHART_ROWS).reverse()
      : measured.filter((r) => (r.values[rankBy]?.n ?? 0) > 0).slice(0, CHART_ROWS);
  const anything = Object.values(q.data?.total.values ?? {}).some((v) => v.n > 0 || (v.d ?? 0) > 0);
  const isRate = MEASURE_BY_KEY[rankBy].kind === 'rate';

  const lowestChart: EChartsCoreOption = useMemo(
    () => ({
      animation: false,
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', ...(isRate ? { max: 100, axisLabel: { formatter: '{value}%' } } : {}) },
      yAxis: {
        type: 'category',
        inverse: true,
        data: charted.map((r) => r.agencyName),
        axisLabel: { width: 200, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          itemStyle: { color: '#0958d9' },
          label: { show: true, position: 'right', formatter: isRate ? '{c}%' : '{c}' },
          data: charted.map((r) => asNumber(measureValue(rankBy, r.values[rankBy]), isRate)),
        },
      ],
    }),
    [charted, rankBy, isRate],
  );
  const trendChart: EChartsCoreOption = useMemo(
    () => ({
      animation: false,
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'category',
        data: (trend.data?.months ?? []).map((m) => t('reports.measures.monthN', { n: m.month })),
      },
      yAxis: { type: 'value', ...(isRate ? { max: 100, axisLabel: { formatter: '{value}%' } } : {}) },
      series: [
        {
          type: 'line',
          itemStyle: { color: '#0958d9' },
          connectNulls: false,
          data: (trend.data?.months ?? []).map((m) => {
            const v = measureValue(rankBy, m.values[rankBy]);
            return v === null ? null : asNumber(v, isRate);
          }),
        },
      ],
    }),
    [trend.data, rankBy, isRate, t],
  );

  const cell = (r: MeasureRow, k: MeasureKey) => {
    const v = r.values[k];
    const text = shown(k, v, locale, none);
    const linkable =
      MEASURE_BY_KEY[k].source === 'documents' &&
      q.data?.recordsOf.includes(r.agencyId) &&
      v &&
      v.n + (v.d ?? 0) > 0;
    const detail =
      MEASURE_BY_KEY[k].kind === 'rate' && v?.d ? (
        <div className="lt-measure-detail">{t('reports.measures.ofCount', { n: v.n, d: v.d })}</div>
      ) : null;
    if (!linkable)
      return (
        <>
          {text}
          {detail}
        </>
      );
    return (
      <>
        <Link
          to={recordsHref(period, r.agencyId, k, 'numerator')}
          aria-label={`${nameOf(k)}: ${text}. ${t('reports.measures.listOf', { count: v!.n })}`}
        >
          {text}
        </Link>
        {detail}
      </>
    );
  };

  return (
    <>
      <PageHeader
        title={t('reports.measures.title')}
        intro={t('reports.measures.intro')}
        extra={
          <Button
            icon={<DownloadOutlined aria-hidden />}
            href={measuresXlsxUrl(period)}
            download
            disabled={!q.data}
          >
            {t('reports.measures.export')}
          </Button>
        }
      />
      {can(me.data, 'reports.settings') ? <ItDepartmentSetting editable /> : null}
      <PeriodPicker
        key={JSON.stringify(periodQuery(period))}
        value={period}
        onChange={(p) => setParams({ ...periodQuery(p), 'xep-hang': rankBy })}
      />
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      {q.isPending ? <Loading /> : null}
      {q.data ? (
        <>
          <Typography.Paragraph role="status" style={{ marginTop: 16 }}>
            {t('reports.measures.scope', { name: q.data.scope.name, label: q.data.label })}
          </Typography.Paragraph>
          <div style={{ marginBottom: 16 }}>
            <label htmlFor={`${id}-rank`} className="lt-field-label">
              {t('reports.measures.rankBy')}
            </label>
            <Select
              id={`${id}-rank`}
              style={{ width: '100%', maxWidth: 420 }}
              value={rankBy}
              onChange={(k) => setParams({ ...periodQuery(period), 'xep-hang': k })}
              options={MEASURES.map((m) => ({ value: m.key, label: nameOf(m.key) }))}
            />
          </div>
          {!anything ? (
            <Typography.Paragraph type="secondary">{t('reports.measures.empty')}</Typography.Paragraph>
          ) : (
            <div className="lt-measure-charts">
              {charted.length > 0 ? (
                <EChart
                  option={lowestChart}
                  label={t(isRate ? 'reports.measures.chartLowest' : 'reports.measures.chartHighest', {
                    count: charted.length,
                    measure: nameOf(rankBy),
                    label: q.data.label,
                  })}
                  height={Math.max(160, charted.length * 26 + 32)}
                />
              ) : null}
              {trend.data && trend.data.months.length > 0 ? (
                <EChart
                  option={trendChart}
                  label={t('reports.measures.chartTrend', {
                    measure: nameOf(rankBy),
                    year: period.year,
                    name: trend.data.scope.name,
                  })}
                  height={260}
                />
              ) : null}
            </div>
          )}
          <TableRegion label={t('reports.measures.tableLabel')}>
            <Table<MeasureRow & { rank: number }>
              size="small"
              rowKey="agencyId"
              pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
              dataSource={ranked.map((r, i) => ({ ...r, rank: i + 1 }))}
              scroll={{ x: 360 + MEASURES.length * 120 }}
              columns={[
                {
                  title: t('reports.measures.rank'),
                  dataIndex: 'rank',
                  key: 'rank',
                  width: 64,
                  align: 'right',
                },
                { title: t('reports.measures.agency'), dataIndex: 'agencyName', key: 'agency', width: 260 },
                ...[rankBy, ...MEASURE_KEYS.filter((k) => k !== rankBy)].map((k) => ({
                  title: nameOf(k),
                  key: k,
                  width: 130,
                  align: 'right' as const,
                  className: k === rankBy ? 'lt-measure-ranked' : undefined,
                  render: (_v: unknown, r: MeasureRow) => cell(r, k),
                })),
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} />
                  <Table.Summary.Cell index={1}>
                    <strong>{t('reports.measures.total')}</strong>
                  </Table.Summary.Cell>
                  {[rankBy, ...MEASURE_KEYS.filter((k) => k !== rankBy)].map((k, i) => (
                    <Table.Summary.Cell key={k} index={i + 2} align="right">
                      <strong>{shown(k, q.data.total.values[k], locale, none)}</strong>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              )}
            />
          </TableRegion>
          <Collapse
            style={{ marginTop: 24 }}
            items={[
              {
                key: 'methods',
                label: t('reports.measures.methods'),
                children: (
                  <dl className="lt-measure-methods">
                    {MEASURES.map((m) => (
                      <div key={m.key}>
                        <dt>{nameOf(m.key)}</dt>
                        <dd>{m.method}</dd>
                      </div>
                    ))}
                  </dl>
                ),
              },
            ]}
          />
        </>
      ) : null}
    </>
  );
}

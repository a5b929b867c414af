import { DownloadOutlined, FileImageOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Space, Table, Typography } from 'antd';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { parsePeriod, periodLabel, periodsBetween } from '../../../../shared/indicators/periods.ts';
import { useSession } from '../../../api/session.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { TableRegion } from '../../../components/TableRegion.tsx';
import { currentLang } from '../../../i18n.ts';
import { type ChartConfig, indKeys, ranking, seriesUrl } from './api.ts';
import { ChartForm, defaultRange, useIndicatorList } from './ChartForm.tsx';
import { downloadPng, EChart } from './EChart.tsx';
import { fmt, IndicatorChart } from './IndicatorChart.tsx';

/** The districts or departments under the chosen node, ranked by their value for one period. */
function Ranking({ cfg }: { cfg: ChartConfig }) {
  const { t } = useTranslation();
  const id = useId();
  const code = cfg.indicators[0] ?? '';
  const periods = useMemo(() => {
    const a = parsePeriod(cfg.from);
    const b = parsePeriod(cfg.to);
    return a && b ? periodsBetween(a, b).reverse() : [];
  }, [cfg.from, cfg.to]);
  const [period, setPeriod] = useState<string>('');
  const chosen = periods.some((p) => p.code === period) ? period : (periods[0]?.code ?? '');
  const q = { indicator: code, period: chosen, parentId: cfg.agencyId };
  const r = useQuery({
    queryKey: indKeys.ranking(q),
    queryFn: () => ranking(q),
    enabled: !!code && !!chosen,
  });
  const items = (r.data?.items ?? []).filter((i) => i.value !== null);
  const unit = r.data?.indicator?.unit ?? '';
  const dec = r.data?.indicator?.decimals ?? 2;
  const option: EChartsCoreOption = useMemo(() => {
    const asc = [...items].reverse();
    return {
      animation: false,
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value' },
      yAxis: {
        type: 'category',
        data: asc.map((i) => i.agency.name),
        axisLabel: { width: 140, overflow: 'truncate' },
      },
      series: [{ type: 'bar', data: asc.map((i) => i.value), itemStyle: { color: '#0958d9' } }],
    };
  }, [items]);
  if (!code) return null;
  const label = t('indAnalysis.rankingSummary', {
    period: chosen ? periodLabel(parsePeriod(chosen)!, currentLang()) : '',
    first: items[0] ? `${items[0].agency.name} (${fmt(items[0].value, dec)} ${unit})` : '—',
    last: items.at(-1) ? `${items.at(-1)!.agency.name} (${fmt(items.at(-1)!.value, dec)} ${unit})` : '—',
    count: items.length,
  });
  return (
    <Card
      className="lt-gap-top"
      title={<h2 className="lt-card-title">{t('indAnalysis.ranking')}</h2>}
      extra={
        <Space>
          <label htmlFor={`${id}-p`} className="lt-visually-hidden">
            {t('indAnalysis.rankingPeriod')}
          </label>
          <Select
            id={`${id}-p`}
            value={chosen || undefined}
            style={{ minWidth: 150 }}
            options={periods.map((p) => ({ value: p.code, label: periodLabel(p, currentLang()) }))}
            onChange={setPeriod}
          />
        </Space>
      }
    >
      <ErrorAlert error={r.error} onRetry={() => void r.refetch()} />
      {r.isPending && r.fetchStatus !== 'idle' ? <Loading /> : null}
      {r.data && items.length === 0 ? (
        <Typography.Paragraph type="secondary" role="status">
          {t('indAnalysis.rankingEmpty')}
        </Typography.Paragraph>
      ) : null}
      {items.length ? (
        <>
          <EChart option={option} label={label} height={Math.max(200, items.length * 28 + 40)} />
          <details className="lt-chart-data">
            <summary>{t('indAnalysis.showTable')}</summary>
            <TableRegion label={t('indAnalysis.ranking')}>
              <Table
                size="small"
                rowKey={(i) => i.agency.id}
                pagination={false}
                dataSource={items}
                columns={[
                  { title: t('indAnalysis.rank'), key: 'rank', render: (_v, _i, n) => n + 1, width: 64 },
                  { title: t('indAnalysis.agency'), key: 'agency', render: (_v, i) => i.agency.name },
                  {
                    title: `${t('indAnalysis.table.value')} (${unit})`,
                    key: 'value',
                    align: 'right',
                    render: (_v, i) => fmt(i.value, dec),
                  },
                ]}
              />
            </TableRegion>
          </details>
        </>
      ) : null}
    </Card>
  );
}

/** Phân tích: one or more indicators at a node of the agencies tree over a range of periods. */
export default function AnalysisPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const list = useIndicatorList();
  const chart = useRef<EChartsType | null>(null);
  const [cfg, setCfg] = useState<ChartConfig>({
    title: '',
    chart: 'line',
    indicators: [],
    agencyId: me.agency?.id ?? null,
    from: '',
    to: '',
    compare: true,
  });
  // The first indicator (or the one named in the address) once the catalogue is read.
  useEffect(() => {
    if (cfg.indicators.length || !list.data?.length) return;
    const wanted = params.get('chi-tieu');
    const first = list.data.find((i) => i.code === wanted) ?? list.data[0]!;
    setCfg((c) => ({
      ...c,
      indicators: [first.code],
      title: first.name,
      ...defaultRange(first.periodicity),
    }));
  }, [list.data, cfg.indicators.length, params]);
  const code = cfg.indicators[0];
  const q = { indicator: cfg.indicators.join(','), agencyId: cfg.agencyId, from: cfg.from, to: cfg.to };
  return (
    <>
      <PageHeader title={t('indAnalysis.title')} intro={t('indAnalysis.intro')} />
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.data && list.data.length === 0 ? (
        <Card>
          <div className="lt-empty" role="status">
            <Typography.Paragraph strong>{t('indAnalysis.emptyCatalogue')}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">
              {t('indAnalysis.emptyCatalogueHint')}
            </Typography.Paragraph>
          </div>
        </Card>
      ) : (
        <>
          <Card>
            <ChartForm
              value={cfg}
              defaultAgency={me.agency}
              onChange={(v) => {
                setCfg(v);
                if (v.indicators[0] && v.indicators[0] !== params.get('chi-tieu'))
                  setParams({ 'chi-tieu': v.indicators[0] }, { replace: true });
              }}
            />
          </Card>
          <Card
            className="lt-gap-top"
            title={<h2 className="lt-card-title">{cfg.title || t('indAnalysis.chart')}</h2>}
          >
            <Space wrap className="lt-chart-actions">
              <Button
                icon={<FileImageOutlined aria-hidden />}
                disabled={!code || cfg.chart === 'table'}
                onClick={() => downloadPng(chart.current, `${code ?? 'bieu-do'}-${cfg.from}-${cfg.to}.png`)}
              >
                {t('indAnalysis.exportPng')}
              </Button>
              <Button
                icon={<DownloadOutlined aria-hidden />}
                href={code ? seriesUrl('csv', q) : undefined}
                disabled={!code}
                download
              >
                {t('indAnalysis.exportCsv')}
              </Button>
              <Button
                icon={<DownloadOutlined aria-hidden />}
                href={code ? seriesUrl('xlsx', q) : undefined}
                disabled={!code}
                download
              >
                {t('indAnalysis.exportXlsx')}
              </Button>
            </Space>
            {list.isPending ? (
              <Loading />
            ) : (
              <IndicatorChart cfg={cfg} onInstance={(c) => (chart.current = c)} />
            )}
          </Card>
          <Ranking cfg={cfg} />
        </>
      )}
    </>
  );
}

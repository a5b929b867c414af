import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, List, Table, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { FIGURES, type FigureValue, shownFigureValue } from '../../../../shared/services/figures.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { TableRegion } from '../../../components/TableRegion.tsx';
import { EChart } from '../../indicators/analysis/EChart.tsx';
import { figureKeys, figuresXlsxUrl, getFigures, type PeriodChoice, periodFrom, periodQuery } from './api.ts';
import { PeriodPicker } from './PeriodPicker.tsx';

/** The figure's name in the screen's language (the server sends the Vietnamese one). */
function figureName(f: FigureValue, lang: string): string {
  return lang === 'en' ? (FIGURES.find((d) => d.key === f.key)?.nameEn ?? f.name) : f.name;
}

/** The address of the dossiers behind one part of a figure. */
export function dossiersHref(p: PeriodChoice, key: string, part: 'numerator' | 'denominator'): string {
  const q = new URLSearchParams({ ...periodQuery(p), key, part });
  return `/chi-so-dich-vu-cong/ho-so?${q}`;
}

/** Chỉ số QĐ 766: the period's figures for the caller's scope, as a chart of the rates and a table. */
export default function FiguresPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const period = periodFrom(params);
  const q = useQuery({ queryKey: figureKeys.figures(period), queryFn: () => getFigures(period) });
  const items = q.data?.items ?? [];
  const lang = i18n.language;
  const name = (f: FigureValue) => figureName(f, lang);
  const rates = useMemo(() => (q.data?.items ?? []).filter((f) => f.kind === 'rate'), [q.data]);
  const option: EChartsCoreOption = useMemo(
    () => ({
      animation: false,
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v}%` },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rates.map((f) => figureName(f, lang)),
        axisLabel: { width: 180, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          itemStyle: { color: '#0958d9' },
          label: { show: true, position: 'right', formatter: '{c}%' },
          data: rates.map((f) => (f.value === null ? 0 : Math.round(f.value * 1000) / 10)),
        },
      ],
    }),
    [rates, lang],
  );
  const received = items.find((f) => f.key === 'received')?.numerator ?? 0;
  const finished = items.find((f) => f.key === 'finished')?.numerator ?? 0;
  const link = (f: FigureValue, part: 'numerator' | 'denominator') => {
    const n = part === 'numerator' ? f.numerator : f.denominator;
    if (n === null) return '—';
    if (f.kind === 'mean' && part === 'numerator') return n.toLocaleString('vi-VN');
    const target = f.kind === 'mean' ? 'numerator' : part;
    return (
      <Link
        to={dossiersHref(period, f.key, target)}
        aria-label={t(
          part === 'numerator' ? 'services.figures.numeratorOf' : 'services.figures.denominatorOf',
          {
            count: n,
          },
        )}
      >
        {n.toLocaleString('vi-VN')}
      </Link>
    );
  };
  return (
    <>
      <PageHeader
        title={t('services.figures.title')}
        intro={t('services.figures.intro')}
        extra={
          <Button
            icon={<DownloadOutlined aria-hidden />}
            href={figuresXlsxUrl(period)}
            download
            disabled={!q.data}
          >
            {t('services.figures.export')}
          </Button>
        }
      />
      <PeriodPicker
        key={JSON.stringify(periodQuery(period))}
        value={period}
        onChange={(p) => setParams(periodQuery(p))}
      />
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      {q.isPending ? <Loading /> : null}
      {q.data ? (
        <>
          <Typography.Paragraph role="status" style={{ marginTop: 16 }}>
            {t('services.figures.scope', { name: q.data.scope.name, label: q.data.label })}
          </Typography.Paragraph>
          {received + finished === 0 ? (
            <Typography.Paragraph type="secondary">{t('services.figures.empty')}</Typography.Paragraph>
          ) : (
            <EChart
              option={option}
              label={t('services.figures.chartLabel', { label: q.data.label })}
              height={320}
            />
          )}
          <TableRegion label={t('services.figures.showTable')}>
            <Table<FigureValue>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={items}
              scroll={{ x: 760 }}
              columns={[
                { title: t('services.figures.group'), dataIndex: 'group', key: 'group', width: 170 },
                { title: t('services.figures.figure'), key: 'name', render: (_v, f) => name(f) },
                {
                  title: t('services.figures.value'),
                  key: 'value',
                  align: 'right',
                  render: (_v, f) => (
                    <strong>
                      {shownFigureValue(
                        f,
                        t('services.figures.none'),
                        i18n.language === 'en' ? 'en-GB' : 'vi-VN',
                      )}
                    </strong>
                  ),
                },
                {
                  title: t('services.figures.numerator'),
                  key: 'n',
                  align: 'right',
                  render: (_v, f) => link(f, 'numerator'),
                },
                {
                  title: t('services.figures.denominator'),
                  key: 'd',
                  align: 'right',
                  render: (_v, f) => link(f, 'denominator'),
                },
                {
                  title: t('services.figures.method'),
                  dataIndex: 'method',
                  key: 'method',
                  width: 320,
                  responsive: ['lg'],
                },
              ]}
            />
          </TableRegion>
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
            {t('services.figures.notComputed')}
          </Typography.Title>
          <List
            size="small"
            dataSource={q.data.notComputed}
            renderItem={(n) => (
              <List.Item>
                <List.Item.Meta title={n.name} description={n.reason} />
              </List.Item>
            )}
          />
        </>
      ) : null}
    </>
  );
}

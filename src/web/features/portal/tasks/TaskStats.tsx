import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Input, Table, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { TableRegion } from '../../../components/TableRegion.tsx';
import { formatDate } from '../../../lib/format.ts';
import { EChart } from '../../indicators/analysis/EChart.tsx';
import { type FiguresView, figuresXlsxUrl, getFigures, taskKeys, vnToday } from './api.ts';

type Row = FiguresView['rows'][number];
const SERIES = [
  { key: 'doneOnTime', color: '#389e0d' },
  { key: 'doneLate', color: '#d48806' },
  { key: 'overdue', color: '#cf1322' },
  { key: 'inProgress', color: '#0958d9' },
] as const;

/** Thống kê: per lead agency, the tasks assigned in a period by where they stand; chart, table, Excel. */
export function TaskStats() {
  const { t } = useTranslation();
  const id = useId();
  const today = vnToday();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [period, setPeriod] = useState({ from, to });
  const q = useQuery({
    queryKey: taskKeys.figures(period.from, period.to),
    queryFn: () => getFigures(period.from, period.to),
  });
  const rows = q.data?.rows ?? [];
  const option: EChartsCoreOption = useMemo(() => {
    const asc = [...rows].reverse();
    return {
      animation: false,
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: asc.map((r) => r.agency.name),
        axisLabel: { width: 160, overflow: 'truncate' },
      },
      series: SERIES.map((s) => ({
        name: t(`portal.tasks.stats.${s.key}`),
        type: 'bar',
        stack: 'tasks',
        itemStyle: { color: s.color },
        data: asc.map((r) => r[s.key]),
      })),
    };
  }, [rows, t]);
  const num = (k: keyof Omit<Row, 'agency'>) => ({
    title: t(`portal.tasks.stats.${k}`),
    key: k,
    align: 'right' as const,
    render: (_v: unknown, r: Row) => r[k],
  });
  return (
    <section aria-labelledby={`${id}-h`}>
      <Typography.Title level={2} id={`${id}-h`} style={{ fontSize: 18 }}>
        {t('portal.tasks.stats.title')}
      </Typography.Title>
      <form
        className="lt-chart-actions"
        style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-end' }}
        onSubmit={(e) => {
          e.preventDefault();
          setPeriod({ from, to });
        }}
      >
        <div>
          <label htmlFor={`${id}-from`} className="lt-field-label">
            {t('portal.tasks.stats.from')}
          </label>
          <Input
            id={`${id}-from`}
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            required
          />
        </div>
        <div>
          <label htmlFor={`${id}-to`} className="lt-field-label">
            {t('portal.tasks.stats.to')}
          </label>
          <Input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
        </div>
        <Button htmlType="submit">{t('portal.tasks.stats.show')}</Button>
        <Button
          icon={<DownloadOutlined aria-hidden />}
          href={figuresXlsxUrl(period.from, period.to)}
          download
          disabled={!q.data}
        >
          {t('portal.tasks.stats.export')}
        </Button>
      </form>
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      {q.isPending ? <Loading /> : null}
      {q.data ? (
        <>
          <Typography.Paragraph type="secondary" role="status">
            {rows.length
              ? t('portal.tasks.stats.asOf', { date: formatDate(q.data.asOf) })
              : t('portal.tasks.stats.empty')}
          </Typography.Paragraph>
          {rows.length ? (
            <>
              <EChart
                option={option}
                label={t('portal.tasks.stats.chartLabel', { count: rows.length })}
                height={Math.max(220, rows.length * 32 + 80)}
              />
              <TableRegion label={t('portal.tasks.stats.showTable')}>
                <Table<Row>
                  size="small"
                  rowKey={(r) => r.agency.id}
                  pagination={false}
                  dataSource={rows}
                  scroll={{ x: 720 }}
                  columns={[
                    {
                      title: t('portal.tasks.stats.agency'),
                      key: 'agency',
                      render: (_v, r) => r.agency.name,
                    },
                    num('assigned'),
                    num('doneOnTime'),
                    num('doneLate'),
                    num('overdue'),
                    num('inProgress'),
                  ]}
                  summary={() => (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}>
                        <strong>{t('portal.tasks.stats.total')}</strong>
                      </Table.Summary.Cell>
                      {(['assigned', 'doneOnTime', 'doneLate', 'overdue', 'inProgress'] as const).map(
                        (k, i) => (
                          <Table.Summary.Cell key={k} index={i + 1} align="right">
                            <strong>{q.data.total[k]}</strong>
                          </Table.Summary.Cell>
                        ),
                      )}
                    </Table.Summary.Row>
                  )}
                />
              </TableRegion>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

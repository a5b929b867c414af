import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Segmented, Select, Space, Statistic, Table, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { FeedbackKind } from '../../../shared/feedback/rules.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { EChart } from '../indicators/analysis/EChart.tsx';
import { feedbackKeys, getFigures } from './api.ts';

const pct = (v: number | null) =>
  v === null ? null : `${(v * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`;

/** Số liệu đơn thư: received, settled on time and late, by kind, field, agency and month, with a chart. */
export default function FiguresPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const nowYear = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
  const year = Number(params.get('nam')) || nowYear;
  const month = Number(params.get('thang')) || undefined;
  const scope = params.get('pham-vi') === 'province' ? 'province' : 'agency';
  const set = (name: string, value: string | number | undefined) =>
    setParams(
      (p) => {
        if (value) p.set(name, String(value));
        else p.delete(name);
        return p;
      },
      { replace: true },
    );
  const q = useQuery({
    queryKey: feedbackKeys.figures(year, month, scope),
    queryFn: () => getFigures(year, month, scope),
  });
  const option = useMemo<EChartsCoreOption | null>(() => {
    if (!q.data) return null;
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const at = (m: string) => q.data.byMonth.find((x) => x.month === m);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: months.map((m) => m.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('services.feedback.figuresPage.received'),
          type: 'bar',
          data: months.map((m) => at(m)?.received ?? 0),
        },
        {
          name: t('services.feedback.figuresPage.settled'),
          type: 'bar',
          data: months.map((m) => at(m)?.settled ?? 0),
        },
      ],
    };
  }, [q.data, year, t]);
  const f = q.data;
  const k = (key: string) =>
    t(`services.feedback.figuresPage.${key}` as 'services.feedback.figuresPage.received');
  const stat = (key: string, value: number | string, to?: string) => (
    <Col xs={12} md={6} key={key}>
      <Card size="small">
        <Statistic title={k(key)} value={value} />
        {to ? <Link to={to}>{t('services.feedback.listLabel')}</Link> : null}
      </Card>
    </Col>
  );
  return (
    <>
      <PageHeader title={k('title')} intro={k('intro')} />
      <Space wrap align="end">
        <label htmlFor="so-lieu-nam">
          {k('year')}
          <br />
          <Select
            id="so-lieu-nam"
            value={year}
            onChange={(v) => set('nam', v)}
            options={Array.from({ length: 6 }, (_, i) => nowYear - i).map((y) => ({
              value: y,
              label: String(y),
            }))}
          />
        </label>
        <label htmlFor="so-lieu-thang">
          {k('month')}
          <br />
          <Select
            id="so-lieu-thang"
            value={month ?? 0}
            onChange={(v) => set('thang', v || undefined)}
            style={{ minWidth: 120 }}
            options={[
              { value: 0, label: k('wholeYear') },
              ...Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: String(i + 1) })),
            ]}
          />
        </label>
        <Segmented
          aria-label={k('scope')}
          value={scope}
          onChange={(v) => set('pham-vi', v === 'province' ? 'province' : undefined)}
          options={(['agency', 'province'] as const).map((s) => ({
            value: s,
            label: t(`services.feedback.figuresPage.scopes.${s}`),
          }))}
        />
      </Space>
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      {q.isPending ? <Loading /> : null}
      {f ? (
        <Space direction="vertical" size="large" style={{ width: '100%', marginTop: 16 }}>
          <Typography.Paragraph role="status">{f.period.label}</Typography.Paragraph>
          <Row gutter={[12, 12]}>
            {stat('received', f.totals.received)}
            {stat('settled', f.totals.settled)}
            {stat('onTime', f.totals.settledOnTime)}
            {stat('late', f.totals.settledLate)}
            {stat('open', f.totals.open, scope === 'agency' ? '/phan-anh?xem=open' : undefined)}
            {stat(
              'openOverdue',
              f.totals.openOverdue,
              scope === 'agency' ? '/phan-anh?xem=overdue' : undefined,
            )}
            {stat('onTimeRate', pct(f.totals.onTimeRate) ?? k('noRate'))}
            {stat('satisfactionRate', pct(f.totals.satisfactionRate) ?? k('noRate'))}
          </Row>
          {f.totals.received === 0 && f.totals.settled === 0 ? (
            <Typography.Paragraph type="secondary">{k('empty')}</Typography.Paragraph>
          ) : null}
          <section aria-labelledby="theo-thang">
            <Typography.Title level={2} id="theo-thang">
              {k('byMonth')}
            </Typography.Title>
            {option ? <EChart option={option} label={k('chartLabel')} height={300} /> : null}
          </section>
          <section aria-labelledby="theo-loai">
            <Typography.Title level={2} id="theo-loai">
              {k('byKind')}
            </Typography.Title>
            <TableRegion label={k('byKind')}>
              <Table
                size="small"
                pagination={false}
                rowKey="kind"
                dataSource={f.byKind}
                columns={[
                  {
                    title: t('services.feedback.kind'),
                    key: 'kind',
                    render: (_v, r) =>
                      scope === 'agency' ? (
                        <Link to={`/phan-anh?xem=all&loai=${r.kind}`}>
                          {t(`services.feedback.kinds.${r.kind as FeedbackKind}`)}
                        </Link>
                      ) : (
                        t(`services.feedback.kinds.${r.kind as FeedbackKind}`)
                      ),
                  },
                  { title: k('received'), dataIndex: 'received', align: 'right' },
                  { title: k('onTime'), dataIndex: 'onTime', align: 'right' },
                  { title: k('late'), dataIndex: 'late', align: 'right' },
                ]}
              />
            </TableRegion>
          </section>
          <section aria-labelledby="theo-linh-vuc">
            <Typography.Title level={2} id="theo-linh-vuc">
              {k('byField')}
            </Typography.Title>
            <TableRegion label={k('byField')}>
              <Table
                size="small"
                pagination={false}
                rowKey="field"
                dataSource={f.byField}
                columns={[
                  { title: k('field'), dataIndex: 'field' },
                  { title: k('received'), dataIndex: 'received', align: 'right' },
                ]}
              />
            </TableRegion>
          </section>
          {scope === 'province' ? (
            <section aria-labelledby="theo-co-quan">
              <Typography.Title level={2} id="theo-co-quan">
                {k('byAgency')}
              </Typography.Title>
              <TableRegion label={k('byAgency')}>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="agencyId"
                  dataSource={f.byAgency}
                  columns={[
                    { title: k('agency'), dataIndex: 'name' },
                    { title: k('received'), dataIndex: 'received', align: 'right' },
                    { title: k('onTime'), dataIndex: 'onTime', align: 'right' },
                    { title: k('late'), dataIndex: 'late', align: 'right' },
                  ]}
                />
              </TableRegion>
            </section>
          ) : null}
        </Space>
      ) : null}
    </>
  );
}

import { ArrowLeftOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Segmented, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import {
  MEASURE_BY_KEY,
  MEASURE_KEYS,
  type MeasureKey,
  type MeasureRecord,
} from '../../../shared/reports/measures.ts';
import { EmptyText } from '../../components/EmptyText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { formatDate } from '../../lib/format.ts';
import { getRecords, periodFrom, periodQuery, reportKeys } from './api.ts';

/**
 * The documents behind one figure of the viewer's own agency (linked from the figures' table): those
 * that meet it, or all those it was measured over, page by page; each opens the document itself.
 */
export default function MeasureRecordsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const period = periodFrom(params);
  const measure = (MEASURE_KEYS.find((k) => k === params.get('measure')) ?? 'outReleased') as MeasureKey;
  const part = params.get('part') === 'denominator' ? 'denominator' : 'numerator';
  const agencyId = params.get('agencyId') ?? '';
  const def = MEASURE_BY_KEY[measure];
  const q = useInfiniteQuery({
    queryKey: reportKeys.records(period, agencyId, measure, part),
    queryFn: ({ pageParam }) => getRecords(period, agencyId, measure, part, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const first = q.data?.pages[0];
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const back = `/bao-cao/so-lieu?${new URLSearchParams({ ...periodQuery(period), 'xep-hang': measure })}`;
  const name = i18n.language === 'en' ? def.nameEn : def.name;
  return (
    <>
      <PageHeader
        title={t('reports.records.title')}
        intro={
          first
            ? t('reports.records.heading', { measure: name, agency: first.agencyName, label: first.label })
            : name
        }
        extra={
          <Link to={back}>
            <ArrowLeftOutlined aria-hidden /> {t('reports.records.back')}
          </Link>
        }
      />
      {def.kind === 'rate' ? (
        <Segmented
          style={{ marginBottom: 12 }}
          value={part}
          onChange={(v) => setParams({ ...Object.fromEntries(params), part: String(v) })}
          options={[
            { value: 'numerator', label: t('reports.records.numerator') },
            { value: 'denominator', label: t('reports.records.denominator') },
          ]}
        />
      ) : null}
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      <TableRegion label={t('reports.records.listLabel')}>
        <Table<MeasureRecord>
          size="small"
          rowKey="id"
          loading={q.isPending}
          pagination={false}
          dataSource={rows}
          scroll={{ x: 720 }}
          locale={{ emptyText: q.isPending ? ' ' : <EmptyText>{t('reports.records.empty')}</EmptyText> }}
          columns={[
            {
              title: t('reports.records.reference'),
              key: 'reference',
              width: 160,
              render: (_v, r) => <Link to={r.href}>{r.reference}</Link>,
            },
            { title: t('reports.records.summary'), dataIndex: 'summary', key: 'summary' },
            {
              title: t('reports.records.date'),
              key: 'date',
              width: 110,
              render: (_v, r) => formatDate(r.date),
            },
            { title: t('reports.records.detail'), dataIndex: 'detail', key: 'detail', width: 220 },
          ]}
        />
      </TableRegion>
      {q.hasNextPage ? (
        <Button
          style={{ marginTop: 12 }}
          onClick={() => void q.fetchNextPage()}
          loading={q.isFetchingNextPage}
        >
          {t('reports.records.more')}
        </Button>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {def.method}
      </Typography.Paragraph>
    </>
  );
}

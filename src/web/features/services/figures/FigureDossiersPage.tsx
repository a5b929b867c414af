import { ArrowLeftOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { FIGURE_KEYS, FIGURES, type FigureKey } from '../../../../shared/services/figures.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { TableRegion } from '../../../components/TableRegion.tsx';
import { formatDate } from '../../../lib/format.ts';
import { type FigureDossiers, figureKeys, getFigureDossiers, periodFrom, periodQuery } from './api.ts';

type Row = FigureDossiers['items'][number];

/** The dossiers behind one part of a figure (linked from the figures' table), page by page. */
export default function FigureDossiersPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const period = periodFrom(params);
  const key = (FIGURE_KEYS.find((k) => k === params.get('key')) ?? 'received') as FigureKey;
  const part = params.get('part') === 'denominator' ? 'denominator' : 'numerator';
  const def = FIGURES.find((f) => f.key === key)!;
  const q = useInfiniteQuery({
    queryKey: figureKeys.dossiers(period, key, part),
    queryFn: ({ pageParam }) => getFigureDossiers(period, key, part, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const back = `/chi-so-dich-vu-cong?${new URLSearchParams(periodQuery(period))}`;
  const figureName = i18n.language === 'en' ? def.nameEn : def.name;
  return (
    <>
      <PageHeader
        title={t('services.figures.dossiers.title')}
        intro={`${figureName} — ${t(part === 'numerator' ? 'services.figures.dossiers.partNumerator' : 'services.figures.dossiers.partDenominator')}`}
        extra={
          <Link to={back}>
            <ArrowLeftOutlined aria-hidden /> {t('services.figures.dossiers.back')}
          </Link>
        }
      />
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      <TableRegion label={t('services.figures.dossiers.table')}>
        <Table<Row>
          size="small"
          rowKey="id"
          loading={q.isPending}
          pagination={false}
          dataSource={rows}
          scroll={{ x: 820 }}
          locale={{
            emptyText: q.isPending ? ' ' : <EmptyText>{t('services.figures.dossiers.empty')}</EmptyText>,
          }}
          columns={[
            { title: t('services.figures.dossiers.code'), dataIndex: 'code', key: 'code' },
            { title: t('services.figures.dossiers.procedure'), dataIndex: 'procedureName', key: 'procedure' },
            {
              title: t('services.figures.dossiers.agency'),
              dataIndex: 'agencyName',
              key: 'agency',
              responsive: ['md'],
            },
            { title: t('services.figures.dossiers.status'), dataIndex: 'statusLabel', key: 'status' },
            {
              title: t('services.figures.dossiers.acceptedAt'),
              key: 'acceptedAt',
              render: (_v, r) => formatDate(r.acceptedAt),
            },
            {
              title: t('services.figures.dossiers.dueAt'),
              key: 'dueAt',
              render: (_v, r) => formatDate(r.dueAt),
            },
            {
              title: t('services.figures.dossiers.finishedAt'),
              key: 'finishedAt',
              render: (_v, r) => formatDate(r.finishedAt),
            },
            {
              title: t('services.figures.dossiers.rating'),
              key: 'rating',
              align: 'right',
              render: (_v, r) => (r.rating === null ? '' : `${r.rating}/5`),
            },
          ]}
        />
      </TableRegion>
      {q.hasNextPage ? (
        <Button
          style={{ marginTop: 12 }}
          onClick={() => void q.fetchNextPage()}
          loading={q.isFetchingNextPage}
        >
          {t('services.figures.dossiers.more')}
        </Button>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {def.method}
      </Typography.Paragraph>
    </>
  );
}

import { useInfiniteQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../../components/ResponsiveList.tsx';
import { formatDate } from '../../../lib/format.ts';
import { deskKeys, listWork, type WorkList } from './api.ts';

type Row = WorkList['items'][number];

/** Hồ sơ TTHC được giao: the steps handed to me, the most urgent first. */
export default function WorkPage() {
  const { t } = useTranslation();
  const q = useInfiniteQuery({
    queryKey: deskKeys.work(),
    queryFn: ({ pageParam }) => listWork(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const href = (r: Row) => `/mot-cua/ho-so/${r.dossierId}`;
  const due = (r: Row) => (
    <>
      {formatDate(r.dueAt)} {r.late ? <Tag color="red">{t('services.desk.late')}</Tag> : null}
    </>
  );
  return (
    <>
      <PageHeader title={t('services.desk.work.title')} intro={t('services.desk.work.intro')} />
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      <ResponsiveList<Row>
        label={t('services.desk.work.title')}
        items={rows}
        rowKey={(r) => r.stepId}
        loading={q.isPending}
        pager={q}
        empty={<EmptyText>{t('services.desk.work.empty')}</EmptyText>}
        card={(r) => (
          <ListCard
            to={href(r)}
            overline={r.code}
            title={r.stepName}
            fields={[
              { label: t('services.desk.procedure'), value: r.procedureName },
              { label: t('services.desk.stepDue'), value: due(r) },
            ]}
          />
        )}
        table={{
          size: 'small',
          scroll: { x: 760 },
          columns: [
            {
              title: t('services.desk.code'),
              key: 'code',
              render: (_v, r) => <Link to={href(r)}>{r.code}</Link>,
            },
            { title: t('services.desk.step'), dataIndex: 'stepName' },
            { title: t('services.desk.procedure'), dataIndex: 'procedureName' },
            { title: t('services.desk.handedAt'), key: 'handed', render: (_v, r) => formatDate(r.handedAt) },
            { title: t('services.desk.stepDue'), key: 'due', render: (_v, r) => due(r) },
            {
              title: t('services.desk.dueAt'),
              key: 'dossierDue',
              render: (_v, r) => formatDate(r.dossierDueAt),
            },
          ],
        }}
      />
    </>
  );
}

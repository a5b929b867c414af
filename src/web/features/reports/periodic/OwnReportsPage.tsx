import { useInfiniteQuery } from '@tanstack/react-query';
import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SubmissionItem } from '../../../../shared/reports/periodic.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../../components/ResponsiveList.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { listOwnSubmissions, paths, periodicKeys } from './api.ts';
import { LateTag, StatusTag } from './common.tsx';

/** Báo cáo định kỳ: the reports the agency has to fill, newest period first. */
export default function OwnReportsPage() {
  const { t } = useTranslation();
  const list = useInfiniteQuery({
    queryKey: periodicKeys.own(),
    queryFn: ({ pageParam }) => listOwnSubmissions(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const tags = (s: SubmissionItem) => (
    <Space size={4} wrap>
      <StatusTag status={s.status} />
      <LateTag late={s.late} />
    </Space>
  );
  return (
    <>
      <PageHeader title={t('reports.periodic.own.title')} intro={t('reports.periodic.own.intro')} />
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ResponsiveList
        label={t('reports.periodic.own.listLabel')}
        items={items}
        rowKey={(s) => s.id}
        loading={list.isPending}
        empty={<EmptyText>{t('reports.periodic.own.empty')}</EmptyText>}
        pager={list}
        card={(s) => (
          <ListCard
            to={paths.fill(s.id)}
            overline={s.label}
            title={s.templateName}
            fields={[
              { label: t('reports.periodic.dueDate'), value: formatDate(s.dueDate) },
              {
                label: t('reports.periodic.submittedAt'),
                value: s.submittedAt ? formatDateTime(s.submittedAt) : null,
              },
            ]}
            tags={tags(s)}
          />
        )}
        table={{
          columns: [
            {
              title: t('reports.periodic.report'),
              key: 'report',
              render: (_, s) => <Link to={paths.fill(s.id)}>{s.templateName}</Link>,
            },
            { title: t('reports.periodic.period'), dataIndex: 'label', key: 'label' },
            {
              title: t('reports.periodic.dueDate'),
              key: 'due',
              render: (_, s) => formatDate(s.dueDate),
            },
            { title: t('reports.periodic.statusLabel'), key: 'status', render: (_, s) => tags(s) },
            {
              title: t('reports.periodic.submittedAt'),
              key: 'submittedAt',
              render: (_, s) => (s.submittedAt ? formatDateTime(s.submittedAt) : '—'),
            },
          ],
        }}
      />
    </>
  );
}

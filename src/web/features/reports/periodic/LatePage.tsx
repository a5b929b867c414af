import { useInfiniteQuery } from '@tanstack/react-query';
import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { LateItem } from '../../../../shared/reports/periodic.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../../components/ResponsiveList.tsx';
import { formatDate } from '../../../lib/format.ts';
import { listLate, paths, periodicKeys } from './api.ts';
import { ConsolidateTabs, LateTag, StatusTag } from './common.tsx';

/** Báo cáo trễ hạn: every late report of the open periods, the most overdue first. */
export default function LatePage() {
  const { t } = useTranslation();
  const list = useInfiniteQuery({
    queryKey: periodicKeys.late(),
    queryFn: ({ pageParam }) => listLate(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const tags = (s: LateItem) => (
    <Space size={4} wrap>
      <StatusTag status={s.status} />
      <LateTag late days={s.daysLate} />
    </Space>
  );
  return (
    <>
      <PageHeader title={t('reports.periodic.lateList.title')} intro={t('reports.periodic.lateList.intro')} />
      <ConsolidateTabs />
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ResponsiveList
        label={t('reports.periodic.lateList.listLabel')}
        items={items}
        rowKey={(s) => s.id}
        loading={list.isPending}
        empty={<EmptyText>{t('reports.periodic.lateList.empty')}</EmptyText>}
        pager={list}
        showCount
        card={(s) => (
          <ListCard
            to={paths.review(s.id)}
            overline={`${s.templateName} — ${s.label}`}
            title={s.agencyName}
            fields={[{ label: t('reports.periodic.dueDate'), value: formatDate(s.dueDate) }]}
            tags={tags(s)}
          />
        )}
        table={{
          columns: [
            {
              title: t('reports.periodic.agency'),
              key: 'agency',
              render: (_, s) => <Link to={paths.review(s.id)}>{s.agencyName}</Link>,
            },
            {
              title: t('reports.periodic.report'),
              key: 'report',
              render: (_, s) => <Link to={paths.cycle(s.cycleId)}>{`${s.templateName} — ${s.label}`}</Link>,
            },
            { title: t('reports.periodic.dueDate'), key: 'due', render: (_, s) => formatDate(s.dueDate) },
            { title: t('reports.periodic.statusLabel'), key: 'status', render: (_, s) => tags(s) },
          ],
        }}
      />
    </>
  );
}

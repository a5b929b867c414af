import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../../components/ResponsiveList.tsx';
import { entryKeys, type InboxItemView, inbox } from './api.ts';
import { viDateTime } from './common.tsx';

export const reviewPath = (i: Pick<InboxItemView, 'formId' | 'period' | 'agency'>) =>
  `/chi-tieu/duyet/${i.formId}/${i.period}/${i.agency.id}`;

/** Duyệt báo cáo: the reports awaiting my agency's approval. */
export default function InboxPage() {
  const { t } = useTranslation();
  const list = useInfiniteQuery({
    queryKey: entryKeys.inbox,
    queryFn: ({ pageParam }) => inbox(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const key = (i: InboxItemView) => `${i.formId}|${i.period}|${i.agency.id}`;
  const name = (i: InboxItemView) => `${i.formCode} · ${i.formName}`;
  return (
    <>
      <PageHeader title={t('indEntry.inbox.title')} intro={t('indEntry.inbox.intro')} />
      <ErrorAlert error={list.error} />
      <ResponsiveList
        label={t('indEntry.inbox.title')}
        items={items}
        rowKey={key}
        loading={list.isPending}
        empty={<EmptyText>{t('indEntry.inbox.empty')}</EmptyText>}
        pager={list}
        card={(i) => (
          <ListCard
            to={reviewPath(i)}
            overline={i.periodLabel}
            title={name(i)}
            fields={[
              { label: t('indEntry.inbox.agency'), value: i.agency.name },
              { label: t('indEntry.inbox.submittedAt'), value: viDateTime(i.submittedAt) },
            ]}
          />
        )}
        table={{
          columns: [
            {
              title: t('indEntry.list.form'),
              key: 'form',
              render: (_, i) => <Link to={reviewPath(i)}>{name(i)}</Link>,
            },
            { title: t('indEntry.list.period'), dataIndex: 'periodLabel' },
            { title: t('indEntry.inbox.agency'), key: 'agency', render: (_, i) => i.agency.name },
            {
              title: t('indEntry.inbox.submittedAt'),
              key: 'at',
              render: (_, i) =>
                `${viDateTime(i.submittedAt)}${i.submittedByName ? ` · ${i.submittedByName}` : ''}`,
            },
            { title: t('indEntry.inbox.level'), dataIndex: 'level' },
          ],
        }}
      />
    </>
  );
}

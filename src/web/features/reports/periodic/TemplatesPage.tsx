import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Template } from '../../../../shared/reports/periodic.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../../components/ResponsiveList.tsx';
import { listTemplates, paths, periodicKeys } from './api.ts';
import { ConsolidateTabs } from './common.tsx';

/** Mẫu báo cáo định kỳ: the templates periods are issued from, by code. */
export default function TemplatesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useInfiniteQuery({
    queryKey: periodicKeys.templates(),
    queryFn: ({ pageParam }) => listTemplates(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const tags = (x: Template) => (
    <Space size={4} wrap>
      <Tag color={x.active ? 'green' : 'default'}>
        {x.active ? t('reports.periodic.templates.active') : t('reports.periodic.templates.inactive')}
      </Tag>
      {x.used ? <Tag>{t('reports.periodic.templates.used')}</Tag> : null}
    </Space>
  );
  const name = (x: Template) => `${x.code} · ${x.name}`;
  return (
    <>
      <PageHeader
        title={t('reports.periodic.templates.title')}
        intro={t('reports.periodic.templates.intro')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            href={paths.newTemplate}
            onClick={(e) => {
              e.preventDefault();
              navigate(paths.newTemplate);
            }}
          >
            {t('reports.periodic.templates.create')}
          </Button>
        }
      />
      <ConsolidateTabs />
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ResponsiveList
        label={t('reports.periodic.templates.listLabel')}
        items={items}
        rowKey={(x) => x.id}
        loading={list.isPending}
        empty={<EmptyText>{t('reports.periodic.templates.empty')}</EmptyText>}
        pager={list}
        card={(x) => (
          <ListCard
            to={paths.template(x.id)}
            overline={t(`reports.periodic.cycleKinds.${x.cycle}`)}
            title={name(x)}
            fields={[
              {
                label: t('reports.periodic.templates.dueDays'),
                value: t('reports.periodic.templates.dueDaysText', { count: x.dueDays }),
              },
            ]}
            tags={tags(x)}
          />
        )}
        table={{
          columns: [
            {
              title: t('reports.periodic.templates.name'),
              key: 'name',
              render: (_, x) => <Link to={paths.template(x.id)}>{name(x)}</Link>,
            },
            {
              title: t('reports.periodic.templates.cycle'),
              key: 'cycle',
              render: (_, x) => t(`reports.periodic.cycleKinds.${x.cycle}`),
            },
            {
              title: t('reports.periodic.templates.dueDays'),
              key: 'due',
              render: (_, x) => t('reports.periodic.templates.dueDaysText', { count: x.dueDays }),
            },
            { title: t('reports.periodic.statusLabel'), key: 'status', render: (_, x) => tags(x) },
          ],
        }}
      />
    </>
  );
}

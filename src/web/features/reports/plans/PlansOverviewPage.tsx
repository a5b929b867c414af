import { useInfiniteQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { InputNumber, Select } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import {
  PLAN_KINDS,
  PLAN_STATUSES,
  type PlanKind,
  type PlanListItem,
  type PlanStatus,
} from '../../../../shared/reports/plans.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { FilterBar, FilterField } from '../../../components/FilterBar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../../components/ResponsiveList.tsx';
import { formatDate } from '../../../lib/format.ts';
import { formatMoney, listOverview, type PlanFilter, planKeys } from './api.ts';
import { PlanProgress, PlanStatusTag, yearsOf } from './parts.tsx';

/**
 * Theo dõi kế hoạch CNTT: the IT department's (and the People's Committee's) view of every agency's
 * submitted plans with their state and progress, filtered by year, state and kind; others see their
 * own agency and the units below it. The filters sit in the address, so a view can be shared.
 */
export default function PlansOverviewPage() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('nam')) || undefined;
  const status = PLAN_STATUSES.find((s) => s === params.get('trang-thai'));
  const kind = PLAN_KINDS.find((k) => k === params.get('loai'));
  const filter: PlanFilter = { year, status, kind };
  const setParam = (k: string, v: string | number | null | undefined) => {
    const next = new URLSearchParams(params);
    if (v === null || v === undefined || v === '') next.delete(k);
    else next.set(k, String(v));
    setParams(next, { replace: true });
  };
  const list = useInfiniteQuery({
    queryKey: planKeys.overview(filter),
    queryFn: ({ pageParam, signal }) => listOverview(filter, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const scope = list.data?.pages[0]?.scope;
  const columns: TableColumnsType<PlanListItem> = [
    { title: t('reports.plans.col.agency'), key: 'agency', width: 220, render: (_v, x) => x.agencyName },
    {
      title: t('reports.plans.col.title'),
      key: 'title',
      render: (_v, x) => (
        <div>
          <Link to={`/bao-cao/ke-hoach/${x.id}`}>{x.title}</Link>
          <div className="lt-muted">
            {t(`reports.plans.kind.${x.kind}`)} {yearsOf(x)}
          </div>
        </div>
      ),
    },
    {
      title: t('reports.plans.col.budget'),
      key: 'budget',
      width: 170,
      align: 'right',
      render: (_v, x) => formatMoney(x.budget, i18n.language),
    },
    {
      title: t('reports.plans.col.submitted'),
      key: 'submitted',
      width: 130,
      render: (_v, x) => `${formatDate(x.submittedAt)} (${t('reports.plans.timesN', { n: x.version })})`,
    },
    {
      title: t('reports.plans.col.status'),
      key: 'status',
      width: 190,
      render: (_v, x) => <PlanStatusTag status={x.status} />,
    },
    {
      title: t('reports.plans.col.progress'),
      key: 'progress',
      width: 170,
      render: (_v, x) => (
        <PlanProgress value={x.progress} label={`${t('reports.plans.col.progress')} ${x.agencyName}`} />
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('reports.plans.overview.title')} intro={t('reports.plans.overview.intro')} />
      <FilterBar active={[status, kind].filter(Boolean).length}>
        <FilterField label={t('reports.plans.overview.year')} htmlFor={`${id}-year`}>
          <InputNumber
            id={`${id}-year`}
            min={2000}
            max={2100}
            precision={0}
            value={year ?? null}
            placeholder={t('reports.plans.overview.anyYear')}
            onChange={(v) => setParam('nam', v)}
            style={{ width: '100%' }}
          />
        </FilterField>
        <FilterField label={t('reports.plans.overview.status')} htmlFor={`${id}-status`}>
          <Select<PlanStatus>
            id={`${id}-status`}
            allowClear
            value={status}
            placeholder={t('reports.plans.overview.any')}
            onChange={(v) => setParam('trang-thai', v)}
            options={PLAN_STATUSES.filter((s) => s !== 'draft').map((s) => ({
              value: s,
              label: t(`reports.plans.status.${s}`),
            }))}
            style={{ width: '100%', minWidth: 180 }}
          />
        </FilterField>
        <FilterField label={t('reports.plans.overview.kind')} htmlFor={`${id}-kind`}>
          <Select<PlanKind>
            id={`${id}-kind`}
            allowClear
            value={kind}
            placeholder={t('reports.plans.overview.any')}
            onChange={(v) => setParam('loai', v)}
            options={PLAN_KINDS.map((k) => ({ value: k, label: t(`reports.plans.kind.${k}`) }))}
            style={{ width: '100%', minWidth: 160 }}
          />
        </FilterField>
      </FilterBar>
      {scope ? <p className="lt-muted">{t('reports.plans.overview.scope', { scope })}</p> : null}
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ResponsiveList
        label={t('reports.plans.overview.listLabel')}
        items={items}
        rowKey={(x) => x.id}
        loading={list.isPending}
        showCount
        empty={
          <EmptyText>
            {status || kind || year
              ? t('reports.plans.overview.emptyFiltered')
              : t('reports.plans.overview.empty')}
          </EmptyText>
        }
        table={{ columns, size: 'middle' }}
        card={(x) => (
          <ListCard
            key={x.id}
            title={x.title}
            to={`/bao-cao/ke-hoach/${x.id}`}
            overline={x.agencyName}
            fields={[
              {
                label: t('reports.plans.col.years'),
                value: `${t(`reports.plans.kind.${x.kind}`)} ${yearsOf(x)}`,
              },
              { label: t('reports.plans.col.budget'), value: formatMoney(x.budget, i18n.language) },
              ...(x.progress !== null
                ? [
                    {
                      label: t('reports.plans.col.progress'),
                      value: (
                        <PlanProgress
                          value={x.progress}
                          label={`${t('reports.plans.col.progress')} ${x.agencyName}`}
                        />
                      ),
                    },
                  ]
                : []),
            ]}
            tags={<PlanStatusTag status={x.status} />}
          />
        )}
        pager={{
          hasNextPage: !!list.hasNextPage,
          isFetchingNextPage: list.isFetchingNextPage,
          fetchNextPage: () => list.fetchNextPage(),
        }}
      />
    </>
  );
}

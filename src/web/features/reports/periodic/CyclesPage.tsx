import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Select, Space } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { CycleView } from '../../../../shared/reports/periodic.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../../components/ResponsiveList.tsx';
import { formatDate } from '../../../lib/format.ts';
import { listCycles, paths, periodicKeys } from './api.ts';
import { ConsolidateTabs, CycleStatusTag, cycleTallies } from './common.tsx';
import { IssueCycleModal } from './IssueCycleModal.tsx';

/** "Đã gửi 3/12 · chưa gửi 9 · trễ hạn 2" with the late count in red when there is any. */
export function CycleCounts({ cycle }: { cycle: CycleView }) {
  const { t } = useTranslation();
  const c = cycleTallies(cycle.counts);
  const part = { whiteSpace: 'nowrap' } as const;
  return (
    <span>
      <span style={part}>
        {t('reports.periodic.cycles.submittedCount')} <strong>{`${c.sent}/${c.assigned}`}</strong>
      </span>
      {' · '}
      <span style={part}>
        {t('reports.periodic.cycles.notSubmittedCount')} <strong>{c.missing}</strong>
      </span>
      {' · '}
      <span style={c.late ? { ...part, color: '#a8071a' } : part}>
        {t('reports.periodic.cycles.lateCount')} <strong>{c.late}</strong>
      </span>
    </span>
  );
}

/**
 * Tổng hợp báo cáo: the IT department's reporting periods, newest first, with how many agencies
 * have submitted, not submitted and are late; issuing a new period.
 */
export default function CyclesPage() {
  const { t } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const status = (['open', 'closed'] as const).find((s) => s === params.get('tinh-trang'));
  const [issuing, setIssuing] = useState(false);
  const list = useInfiniteQuery({
    queryKey: periodicKeys.cycles(status),
    queryFn: ({ pageParam }) => listCycles(pageParam, status),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const name = (c: CycleView) => `${c.templateName} — ${c.label}`;
  return (
    <>
      <PageHeader
        title={t('reports.periodic.cycles.title')}
        intro={t('reports.periodic.cycles.intro')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setIssuing(true)}>
            {t('reports.periodic.cycles.issue')}
          </Button>
        }
      />
      <ConsolidateTabs />
      <div style={{ marginBottom: 16 }}>
        <label htmlFor={`${id}-status`} className="lt-field-label">
          {t('reports.periodic.cycles.filter')}
        </label>
        <Select
          id={`${id}-status`}
          style={{ width: '100%', maxWidth: 240 }}
          value={status ?? 'all'}
          onChange={(v) => setParams(v === 'all' ? {} : { 'tinh-trang': v })}
          options={[
            { value: 'all', label: t('reports.periodic.cycles.all') },
            { value: 'open', label: t('reports.periodic.cycleStatus.open') },
            { value: 'closed', label: t('reports.periodic.cycleStatus.closed') },
          ]}
        />
      </div>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ResponsiveList
        label={t('reports.periodic.cycles.listLabel')}
        items={items}
        rowKey={(c) => c.id}
        loading={list.isPending}
        empty={<EmptyText>{t('reports.periodic.cycles.empty')}</EmptyText>}
        pager={list}
        card={(c) => (
          <ListCard
            to={paths.cycle(c.id)}
            overline={t(`reports.periodic.cycleKinds.${c.cycle}`)}
            title={name(c)}
            fields={[
              { label: t('reports.periodic.dueDate'), value: formatDate(c.dueDate) },
              {
                label: t('reports.periodic.cycles.counts'),
                value: <CycleCounts cycle={c} />,
                hideLabel: true,
              },
            ]}
            tags={<CycleStatusTag status={c.status} />}
          />
        )}
        table={{
          columns: [
            {
              title: t('reports.periodic.period'),
              key: 'name',
              render: (_, c) => <Link to={paths.cycle(c.id)}>{name(c)}</Link>,
            },
            { title: t('reports.periodic.dueDate'), key: 'due', render: (_, c) => formatDate(c.dueDate) },
            {
              title: t('reports.periodic.cycles.counts'),
              key: 'counts',
              render: (_, c) => <CycleCounts cycle={c} />,
            },
            {
              title: t('reports.periodic.statusLabel'),
              key: 'status',
              render: (_, c) => (
                <Space size={4}>
                  <CycleStatusTag status={c.status} />
                </Space>
              ),
            },
          ],
        }}
      />
      <IssueCycleModal open={issuing} onClose={() => setIssuing(false)} />
    </>
  );
}

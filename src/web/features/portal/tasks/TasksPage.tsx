import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Button, Input, Progress, Segmented, Select, Tag } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  TASK_SOURCES,
  TASK_STATUSES,
  type TaskSource,
  type TaskStanding,
  type TaskStatus,
} from '../../../../shared/schemas/portal-tasks.ts';
import { AgencyPicker } from '../../../components/AgencyPicker.tsx';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { FilterBar } from '../../../components/FilterBar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList, usePhone } from '../../../components/ResponsiveList.tsx';
import { formatDate } from '../../../lib/format.ts';
import { getScope, listTasks, type TaskFilter, type TaskItemView, taskKeys } from './api.ts';
import { TaskStats } from './TaskStats.tsx';

const STANDING_COLOR: Record<TaskStanding, string> = {
  done_on_time: 'green',
  done_late: 'orange',
  overdue: 'red',
  in_progress: 'blue',
  cancelled: 'default',
};

/** The task's standing (and "due soon") as tags. */
export function StandingTags({ task }: { task: Pick<TaskItemView, 'standing' | 'dueSoon' | 'status'> }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={STANDING_COLOR[task.standing]}>{t(`portal.tasks.standing.${task.standing}`)}</Tag>
      {task.status === 'reported' ? <Tag>{t('portal.tasks.status.reported')}</Tag> : null}
      {task.dueSoon ? <Tag color="gold">{t('portal.tasks.dueSoonTag')}</Tag> : null}
    </>
  );
}

type ListTab = 'mine' | 'assigned' | 'dueSoon' | 'overdue';

/** One list of tasks with its filters (status, source, lead agency, text), loaded by keyset pages. */
function TaskList({ tab, office }: { tab: ListTab; office: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [status, setStatus] = useState<TaskStatus | undefined>();
  const [source, setSource] = useState<TaskSource | undefined>();
  const [lead, setLead] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const base: TaskFilter =
    tab === 'mine'
      ? { box: 'mine' }
      : tab === 'assigned'
        ? { box: 'assigned' }
        : tab === 'dueSoon'
          ? { dueSoon: true }
          : { overdue: true };
  const filter: TaskFilter = {
    ...base,
    status,
    sourceKind: source,
    leadAgencyId: lead ?? undefined,
    q: q || undefined,
  };
  const list = useInfiniteQuery({
    queryKey: taskKeys.list(filter),
    queryFn: ({ pageParam, signal }) => listTasks(filter, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = !!(status || source || lead || q);
  const columns: TableColumnsType<TaskItemView> = [
    {
      title: t('portal.tasks.col.content'),
      key: 'content',
      render: (_v, x) => (
        <div>
          <Link to={`/nhiem-vu/${x.id}`}>{x.content}</Link>
          <div className="lt-muted">{x.sourceText}</div>
        </div>
      ),
    },
    {
      title: t('portal.tasks.col.lead'),
      key: 'lead',
      width: 200,
      render: (_v, x) => (
        <>
          {x.lead.name}
          {x.cooperating.length ? (
            <div className="lt-muted">
              {t('portal.tasks.col.cooperating')}: {x.cooperating.map((c) => c.name).join(', ')}
            </div>
          ) : null}
        </>
      ),
    },
    ...(tab === 'mine'
      ? [
          {
            title: t('portal.tasks.col.assigner'),
            key: 'assigner',
            width: 180,
            render: (_v: unknown, x: TaskItemView) => x.assigner.name,
          },
        ]
      : []),
    {
      title: t('portal.tasks.col.assignedOn'),
      key: 'assignedOn',
      width: 110,
      render: (_v, x) => formatDate(x.assignedOn),
    },
    { title: t('portal.tasks.col.dueOn'), key: 'dueOn', width: 110, render: (_v, x) => formatDate(x.dueOn) },
    {
      title: t('portal.tasks.col.progress'),
      key: 'progress',
      width: 120,
      render: (_v, x) => (
        <Progress
          percent={x.progress}
          size="small"
          aria-label={`${t('portal.tasks.col.progress')} ${x.progress}%`}
        />
      ),
    },
    {
      title: t('portal.tasks.col.status'),
      key: 'status',
      width: 180,
      render: (_v, x) => <StandingTags task={x} />,
    },
  ];
  return (
    <>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setQ(text.trim());
        }}
      >
        <FilterBar
          active={[status, source, lead].filter(Boolean).length}
          search={
            <>
              <label htmlFor={`${id}-q`} className="lt-field-label">
                {t('portal.tasks.filter.search')}
              </label>
              <Input.Search
                id={`${id}-q`}
                value={text}
                allowClear
                onChange={(e) => {
                  setText(e.target.value);
                  if (!e.target.value) setQ('');
                }}
                onSearch={(v) => setQ(v.trim())}
              />
            </>
          }
        >
          <div>
            <label htmlFor={`${id}-status`} className="lt-field-label">
              {t('portal.tasks.filter.status')}
            </label>
            <Select
              id={`${id}-status`}
              allowClear
              style={{ width: '100%', minWidth: 160 }}
              placeholder={t('portal.tasks.filter.any')}
              value={status}
              onChange={setStatus}
              options={TASK_STATUSES.map((s) => ({ value: s, label: t(`portal.tasks.status.${s}`) }))}
            />
          </div>
          <div>
            <label htmlFor={`${id}-source`} className="lt-field-label">
              {t('portal.tasks.filter.source')}
            </label>
            <Select
              id={`${id}-source`}
              allowClear
              style={{ width: '100%', minWidth: 160 }}
              placeholder={t('portal.tasks.filter.any')}
              value={source}
              onChange={setSource}
              options={TASK_SOURCES.map((s) => ({ value: s, label: t(`portal.tasks.source.${s}`) }))}
            />
          </div>
          {office ? (
            <div>
              <label htmlFor={`${id}-lead`} className="lt-field-label">
                {t('portal.tasks.filter.lead')}
              </label>
              <AgencyPicker
                id={`${id}-lead`}
                agenciesOnly
                allowClear
                value={lead}
                onChange={(v) => setLead(v)}
                style={{ width: '100%', minWidth: 200 }}
              />
            </div>
          ) : null}
        </FilterBar>
      </form>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ResponsiveList
        label={t('portal.tasks.listLabel')}
        items={items}
        rowKey={(x) => x.id}
        loading={list.isPending}
        empty={
          <EmptyText>
            {filtered ? t('portal.tasks.empty.filtered') : t(`portal.tasks.empty.${tab}`)}
          </EmptyText>
        }
        table={{ columns, size: 'middle' }}
        card={(x) => (
          <ListCard
            key={x.id}
            title={x.content}
            to={`/nhiem-vu/${x.id}`}
            overline={x.sourceText}
            fields={[
              { label: t('portal.tasks.col.lead'), value: x.lead.name },
              { label: t('portal.tasks.col.dueOn'), value: formatDate(x.dueOn) },
              { label: t('portal.tasks.col.progress'), value: `${x.progress}%` },
            ]}
            tags={<StandingTags task={x} />}
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

/** Nhiệm vụ được giao: the agency's tasks, the office's assignments, due soon, overdue, figures. */
export default function TasksPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const phone = usePhone();
  const scope = useQuery({ queryKey: taskKeys.scope, queryFn: getScope, staleTime: 60_000 });
  const office = !!scope.data?.canManage;
  // The office of an agency that assigns tasks opens on them; everyone else on the agency's own.
  const keys: (ListTab | 'stats')[] = !office
    ? ['mine', 'dueSoon', 'overdue', 'stats']
    : scope.data?.hasAssigned
      ? ['assigned', 'mine', 'dueSoon', 'overdue', 'stats']
      : ['mine', 'assigned', 'dueSoon', 'overdue', 'stats'];
  const wanted = params.get('tab') as ListTab | 'stats' | null;
  const active = wanted && keys.includes(wanted) ? wanted : keys[0]!;
  return (
    <>
      <PageHeader
        title={t('portal.tasks.title')}
        intro={t('portal.tasks.intro')}
        extra={
          office ? (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => navigate('/nhiem-vu/giao')}
            >
              {t('portal.tasks.assign')}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={scope.error} onRetry={() => void scope.refetch()} />
      {scope.data ? (
        <>
          <Segmented<ListTab | 'stats'>
            aria-label={t('portal.tasks.title')}
            vertical={phone}
            block={phone}
            value={active}
            onChange={(k) => setParams({ tab: k }, { replace: true })}
            options={keys.map((k) => ({ value: k, label: t(`portal.tasks.tabs.${k}`) }))}
            style={{ marginBottom: 16 }}
          />
          {active === 'stats' ? <TaskStats /> : <TaskList key={active} tab={active} office={office} />}
        </>
      ) : null}
    </>
  );
}

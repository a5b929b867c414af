import { FileSearchOutlined, LockOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Select, Space, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  type CycleView,
  SUBMISSION_STATUSES,
  type SubmissionItem,
  type SubmissionStatus,
} from '../../../../shared/reports/periodic.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../../components/ResponsiveList.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { closeCycle, getCycle, listCycleSubmissions, paths, periodicKeys } from './api.ts';
import { CycleStatusTag, cycleTallies, LateTag, StatusTag } from './common.tsx';
import { useScreenId } from './screens.ts';

const BAR: { status: SubmissionStatus; color: string }[] = [
  { status: 'accepted', color: '#389e0d' },
  { status: 'submitted', color: '#0958d9' },
  { status: 'returned', color: '#d46b08' },
  { status: 'draft', color: '#bfbfbf' },
];

/**
 * The period's progress as one bar split by status (accepted, submitted, returned, drafting) with a
 * legend of the counts; an image for screen readers, named by the same figures in a sentence.
 */
function ProgressBar({ cycle }: { cycle: CycleView }) {
  const { t } = useTranslation();
  const c = cycle.counts;
  const total = Math.max(c.assigned, 1);
  return (
    <section aria-labelledby="cycle-progress" style={{ marginBottom: 24 }}>
      <Typography.Title level={2} id="cycle-progress" className="lt-section-title">
        {t('reports.periodic.cycle.progress')}
      </Typography.Title>
      <div
        role="img"
        aria-label={t('reports.periodic.cycle.progressLabel', {
          accepted: c.accepted,
          submitted: c.submitted,
          returned: c.returned,
          draft: c.draft,
          assigned: c.assigned,
        })}
        style={{ display: 'flex', height: 20, borderRadius: 4, overflow: 'hidden', background: '#f0f0f0' }}
      >
        {BAR.map((b) =>
          c[b.status] > 0 ? (
            <div key={b.status} style={{ width: `${(c[b.status] / total) * 100}%`, background: b.color }} />
          ) : null,
        )}
      </div>
      <ul
        className="lt-plain-list"
        aria-hidden
        style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 16px', marginTop: 8 }}
      >
        {BAR.map((b) => (
          <li key={b.status}>
            <span
              style={{
                display: 'inline-block',
                width: 10,
                height: 10,
                background: b.color,
                marginRight: 6,
                borderRadius: 2,
              }}
            />
            {t(`reports.periodic.status.${b.status}`)}: <strong>{c[b.status]}</strong>
          </li>
        ))}
        <li style={c.late ? { color: '#a8071a' } : undefined}>
          {t('reports.periodic.late')}: <strong>{c.late}</strong>
        </li>
      </ul>
    </section>
  );
}

type Filter = 'all' | 'late' | SubmissionStatus;

/**
 * A reporting period's dashboard for the IT department: every assigned agency with its status,
 * the late ones marked; opening one to read it, return or accept it; the consolidated report; closing.
 */
export default function CyclePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const fid = useId();
  const navigate = useNavigate();
  const id = useScreenId();
  const [params, setParams] = useSearchParams();
  const filter = (['late', ...SUBMISSION_STATUSES] as const).find((f) => f === params.get('loc')) ?? 'all';
  const [closing, setClosing] = useState(false);
  const cycle = useQuery({ queryKey: periodicKeys.cycle(id), queryFn: () => getCycle(id) });
  const list = useInfiniteQuery({
    queryKey: periodicKeys.cycleSubmissions(id, filter),
    queryFn: ({ pageParam }) =>
      listCycleSubmissions(
        id,
        filter === 'all' ? {} : filter === 'late' ? { late: true } : { status: filter },
        pageParam,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const close = useMutation({
    mutationFn: () => closeCycle(id),
    onSuccess: (c) => {
      setClosing(false);
      qc.setQueryData(periodicKeys.cycle(id), c);
      void qc.invalidateQueries({ queryKey: periodicKeys.all });
      message.success(t('reports.periodic.cycle.closed'));
    },
  });
  const c = cycle.data;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const tags = (s: SubmissionItem) => (
    <Space size={4} wrap>
      <StatusTag status={s.status} />
      <LateTag late={s.late} />
    </Space>
  );
  const filters: { value: Filter; label: string }[] = [
    { value: 'all', label: t('reports.periodic.cycle.filterAll') },
    { value: 'late', label: t('reports.periodic.cycle.filterLate') },
    ...SUBMISSION_STATUSES.map((s) => ({ value: s, label: t(`reports.periodic.status.${s}`) })),
  ];

  return (
    <>
      <PageHeader
        title={c ? `${c.templateName} — ${c.label}` : t('reports.periodic.cycles.title')}
        intro={
          c ? (
            <Space size={[8, 4]} wrap>
              <span>
                {t('reports.periodic.cycle.meta', { template: c.templateName, due: formatDate(c.dueDate) })}
              </span>
              <CycleStatusTag status={c.status} />
            </Space>
          ) : null
        }
        extra={<Link to={paths.cycles}>{t('reports.periodic.cycle.back')}</Link>}
      />
      <ErrorAlert error={cycle.error} onRetry={() => void cycle.refetch()} />
      {cycle.isPending ? <Loading /> : null}
      {c ? (
        <>
          <Space wrap style={{ marginBottom: 16 }}>
            <Button
              type="primary"
              icon={<FileSearchOutlined aria-hidden />}
              href={paths.consolidated(c.id)}
              onClick={(e) => {
                e.preventDefault();
                navigate(paths.consolidated(c.id));
              }}
            >
              {t('reports.periodic.cycle.consolidated')}
            </Button>
            {c.status === 'open' ? (
              <Button icon={<LockOutlined aria-hidden />} onClick={() => setClosing(true)}>
                {t('reports.periodic.cycle.close')}
              </Button>
            ) : null}
          </Space>
          {c.status === 'closed' ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('reports.periodic.cycle.closedInfo')}
            />
          ) : null}
          <ProgressBar cycle={c} />
          <Modal
            open={closing}
            title={t('reports.periodic.cycle.closeTitle', { label: c.label })}
            okText={t('reports.periodic.cycle.close')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, loading: close.isPending }}
            onCancel={() => setClosing(false)}
            onOk={() => close.mutate()}
          >
            <ErrorAlert error={close.error} />
            <p>
              {t('reports.periodic.cycle.closeExplain', {
                missing: cycleTallies(c.counts).assigned - c.counts.accepted,
              })}
            </p>
          </Modal>
        </>
      ) : null}
      <section aria-labelledby="cycle-agencies">
        <Typography.Title level={2} id="cycle-agencies" className="lt-section-title">
          {t('reports.periodic.cycle.listLabel')}
        </Typography.Title>
        <div style={{ marginBottom: 16 }}>
          <label htmlFor={`${fid}-filter`} className="lt-field-label">
            {t('reports.periodic.cycles.filter')}
          </label>
          <Select<Filter>
            id={`${fid}-filter`}
            style={{ width: '100%', maxWidth: 280 }}
            value={filter}
            onChange={(v) => setParams(v === 'all' ? {} : { loc: v })}
            options={filters}
          />
        </div>
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        <ResponsiveList
          label={t('reports.periodic.cycle.listLabel')}
          items={items}
          rowKey={(s) => s.id}
          loading={list.isPending}
          empty={<EmptyText>{t('reports.periodic.cycle.empty')}</EmptyText>}
          pager={list}
          showCount
          card={(s) => (
            <ListCard
              to={paths.review(s.id)}
              title={s.agencyName}
              fields={[
                {
                  label: t('reports.periodic.submittedAt'),
                  value: s.submittedAt ? formatDateTime(s.submittedAt) : null,
                },
              ]}
              tags={tags(s)}
            />
          )}
          table={{
            onRow: (s) => (s.late ? { style: { background: '#fff1f0' } } : {}),
            columns: [
              {
                title: t('reports.periodic.agency'),
                key: 'agency',
                render: (_, s) => <Link to={paths.review(s.id)}>{s.agencyName}</Link>,
              },
              { title: t('reports.periodic.statusLabel'), key: 'status', render: (_, s) => tags(s) },
              {
                title: t('reports.periodic.submittedAt'),
                key: 'at',
                render: (_, s) => (s.submittedAt ? formatDateTime(s.submittedAt) : '—'),
              },
            ],
          }}
        />
      </section>
    </>
  );
}

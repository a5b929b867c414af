import { ArrowLeftOutlined, CommentOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Button, Card, Descriptions, Modal, Popconfirm, Steps, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { PlanTaskView, PlanView } from '../../../../shared/reports/plans.ts';
import { useMe } from '../../../api/session.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../../components/ResponsiveList.tsx';
import { TableRegion } from '../../../components/TableRegion.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { deletePlan, formatMoney, getPlan, getVersion, planKeys } from './api.ts';
import { BudgetTotals, PlanEditor } from './PlanEditor.tsx';
import { AppraisalCard, ApprovalCard, CommentForm, CommentsCard } from './PlanReview.tsx';
import { ProgressCard } from './ProgressCard.tsx';
import { PlanProgress, PlanStatusTag, yearsOf } from './parts.tsx';

const STEP: Record<PlanView['status'], number> = {
  draft: 0,
  returned: 0,
  submitted: 1,
  appraised: 2,
  approved: 3,
};

/** The plan's tasks as submitted or approved, with their comments; the IT department comments on each. */
function TasksCard({ plan }: { plan: PlanView }) {
  const { t, i18n } = useTranslation();
  const [commenting, setCommenting] = useState<PlanTaskView | null>(null);
  const approvedAnnual = plan.kind === 'annual' && plan.status === 'approved';
  const commentsOf = (id: string) =>
    plan.comments.filter((c) => c.taskId === id && c.version === plan.version);
  const columns: TableColumnsType<PlanTaskView> = [
    { title: t('reports.plans.task.no'), key: 'no', width: 48, render: (_v, x) => x.ordinal },
    {
      title: t('reports.plans.task.name'),
      key: 'name',
      render: (_v, x) => (
        <div>
          <strong>{x.name}</strong>
          {x.parentTaskName ? (
            <div className="lt-muted">
              {t('reports.plans.task.carriesOut')}: {x.parentTaskName}
            </div>
          ) : null}
          {x.expectedResult ? <div className="lt-muted">{x.expectedResult}</div> : null}
          {commentsOf(x.id).map((c) => (
            <div key={c.id} className="lt-muted" style={{ whiteSpace: 'pre-wrap' }}>
              <CommentOutlined aria-hidden /> {c.body}
            </div>
          ))}
        </div>
      ),
    },
    {
      title: t('reports.plans.task.budget'),
      key: 'budget',
      width: 200,
      render: (_v, x) => (
        <div>
          {formatMoney(x.budgetAmount, i18n.language)}
          {x.budgetSource ? <div className="lt-muted">{x.budgetSource}</div> : null}
        </div>
      ),
    },
    {
      title: t('reports.plans.task.time'),
      key: 'time',
      width: 190,
      render: (_v, x) =>
        x.startDate || x.endDate ? `${formatDate(x.startDate)} – ${formatDate(x.endDate)}` : '—',
    },
    ...(approvedAnnual
      ? [
          {
            title: t('reports.plans.col.progress'),
            key: 'progress',
            width: 170,
            render: (_v: unknown, x: PlanTaskView) => (
              <div>
                <PlanProgress value={x.progress} label={`${t('reports.plans.col.progress')} ${x.name}`} />
                {x.progressNote ? <div className="lt-muted">{x.progressNote}</div> : null}
              </div>
            ),
          },
        ]
      : []),
    ...(plan.actions.comment
      ? [
          {
            title: t('reports.plans.comments.column'),
            key: 'comment',
            width: 120,
            render: (_v: unknown, x: PlanTaskView) => (
              <Button
                size="small"
                onClick={() => setCommenting(x)}
                aria-label={t('reports.plans.comments.onTaskButton', { name: x.name })}
              >
                {t('reports.plans.comments.add')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card title={t('reports.plans.tasksTitle', { count: plan.tasks.length })} style={{ marginTop: 16 }}>
      <ResponsiveList
        label={t('reports.plans.tasksLabel')}
        items={plan.tasks}
        rowKey={(x) => x.id}
        empty={<EmptyText>{t('reports.plans.editor.noTasks')}</EmptyText>}
        table={{ columns, size: 'small' }}
        card={(x) => (
          <ListCard
            key={x.id}
            title={`${x.ordinal}. ${x.name}`}
            fields={[
              {
                label: t('reports.plans.task.budget'),
                value: `${formatMoney(x.budgetAmount, i18n.language)}${x.budgetSource ? ` · ${x.budgetSource}` : ''}`,
              },
              { label: t('reports.plans.task.carriesOut'), value: x.parentTaskName },
              {
                label: t('reports.plans.task.time'),
                value:
                  x.startDate || x.endDate ? `${formatDate(x.startDate)} – ${formatDate(x.endDate)}` : null,
              },
              { label: t('reports.plans.task.result'), value: x.expectedResult || null },
              ...(approvedAnnual
                ? [{ label: t('reports.plans.col.progress'), value: `${x.progress}%` }]
                : []),
              ...commentsOf(x.id).map((c, i) => ({
                label: `${t('reports.plans.comments.one')} ${i + 1}`,
                value: c.body,
              })),
            ]}
            actions={
              plan.actions.comment ? (
                <Button
                  size="small"
                  onClick={() => setCommenting(x)}
                  aria-label={t('reports.plans.comments.onTaskButton', { name: x.name })}
                >
                  {t('reports.plans.comments.add')}
                </Button>
              ) : null
            }
          />
        )}
      />
      <div style={{ marginTop: 16 }}>
        <BudgetTotals tasks={plan.tasks} />
      </div>
      <Modal
        open={!!commenting}
        title={commenting ? t('reports.plans.comments.onTask', { name: commenting.name }) : ''}
        footer={null}
        onCancel={() => setCommenting(null)}
        destroyOnHidden
      >
        {commenting ? (
          <CommentForm plan={plan} taskId={commenting.id} onDone={() => setCommenting(null)} />
        ) : null}
      </Modal>
    </Card>
  );
}

/** The versions submitted: each opens as it was. */
function VersionsCard({ plan }: { plan: PlanView }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  const v = useQuery({
    queryKey: planKeys.version(plan.id, open ?? 0),
    queryFn: () => getVersion(plan.id, open!),
    enabled: open !== null,
  });
  if (!plan.versions.length) return null;
  return (
    <Card title={t('reports.plans.versions.title')} style={{ marginTop: 16 }}>
      <ul style={{ paddingLeft: 20, margin: 0 }}>
        {[...plan.versions].reverse().map((x) => (
          <li key={x.version}>
            <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(x.version)}>
              {t('reports.plans.versions.item', {
                version: x.version,
                at: formatDateTime(x.submittedAt),
                name: x.submittedByName,
              })}
            </Button>
          </li>
        ))}
      </ul>
      <Modal
        open={open !== null}
        title={t('reports.plans.versions.one', { version: open ?? 0 })}
        footer={null}
        onCancel={() => setOpen(null)}
        width={760}
        destroyOnHidden
      >
        <ErrorAlert error={v.error} />
        {v.isPending ? <Loading /> : null}
        {v.data ? (
          <>
            <Typography.Paragraph strong>{v.data.title}</Typography.Paragraph>
            <TableRegion label={t('reports.plans.tasksLabel')}>
              <Table
                size="small"
                pagination={false}
                rowKey={(x) => x.id}
                dataSource={v.data.tasks}
                scroll={{ x: 560 }}
                columns={[
                  { title: t('reports.plans.task.name'), key: 'name', render: (_x, x) => x.name },
                  {
                    title: t('reports.plans.task.budget'),
                    key: 'budget',
                    width: 200,
                    render: (_x, x) =>
                      `${formatMoney(x.budgetAmount, i18n.language)}${x.budgetSource ? ` · ${x.budgetSource}` : ''}`,
                  },
                ]}
              />
            </TableRegion>
          </>
        ) : null}
      </Modal>
    </Card>
  );
}

/**
 * One IT plan: its facts and the flow's step, then what the person may do — edit and submit (the
 * agency), comment, return or appraise (the IT department), approve and issue the decision (the
 * People's Committee's leader), report progress (the agency, in the plan's year).
 */
export default function PlanPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const me = useMe().data;
  const q = useQuery({ queryKey: planKeys.one(id), queryFn: () => getPlan(id) });
  const remove = useMutation({
    mutationFn: () => deletePlan(id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['plans', 'own'] });
      navigate('/bao-cao/ke-hoach');
    },
  });
  const plan = q.data;
  const own = !!plan && me?.position?.agencyId === plan.agencyId;
  return (
    <>
      <Link to={own || !plan ? '/bao-cao/ke-hoach' : '/bao-cao/ke-hoach/theo-doi'}>
        <ArrowLeftOutlined aria-hidden />{' '}
        {own || !plan ? t('reports.plans.backOwn') : t('reports.plans.backOverview')}
      </Link>
      <PageHeader
        title={plan?.title ?? t('reports.plans.title')}
        intro={
          plan ? `${plan.agencyName} · ${t(`reports.plans.kind.${plan.kind}`)} ${yearsOf(plan)}` : undefined
        }
        extra={plan ? <PlanStatusTag status={plan.status} /> : null}
      />
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      {q.isPending ? <Loading /> : null}
      {plan ? (
        <>
          <Steps
            size="small"
            current={STEP[plan.status]}
            status={plan.status === 'returned' ? 'error' : plan.status === 'approved' ? 'finish' : 'process'}
            items={[
              {
                title:
                  plan.status === 'returned'
                    ? t('reports.plans.steps.revise')
                    : t('reports.plans.steps.draft'),
              },
              { title: t('reports.plans.steps.appraisal') },
              { title: t('reports.plans.steps.approval') },
              { title: t('reports.plans.steps.approved') },
            ]}
            style={{ marginBottom: 16 }}
          />
          <Card>
            <Descriptions
              column={{ xs: 1, sm: 1, md: 2 }}
              size="small"
              items={[
                { key: 'agency', label: t('reports.plans.field.agency'), children: plan.agencyName },
                {
                  key: 'years',
                  label: t('reports.plans.field.years'),
                  children: `${t(`reports.plans.kind.${plan.kind}`)} ${yearsOf(plan)}`,
                },
                ...(plan.parentPlan
                  ? [
                      {
                        key: 'parent',
                        label: t('reports.plans.field.parent'),
                        children: (
                          <Link to={`/bao-cao/ke-hoach/${plan.parentPlan.id}`}>{plan.parentPlan.title}</Link>
                        ),
                      },
                    ]
                  : []),
                {
                  key: 'version',
                  label: t('reports.plans.field.version'),
                  children: plan.version
                    ? t('reports.plans.field.versionN', {
                        n: plan.version,
                        at: formatDateTime(plan.submittedAt),
                      })
                    : t('reports.plans.field.notSubmitted'),
                },
                {
                  key: 'budget',
                  label: t('reports.plans.totalBudget'),
                  children: formatMoney(plan.budget.total, i18n.language),
                },
                ...(plan.progress !== null
                  ? [
                      {
                        key: 'progress',
                        label: t('reports.plans.field.progress'),
                        children: (
                          <PlanProgress value={plan.progress} label={t('reports.plans.field.progress')} />
                        ),
                      },
                    ]
                  : []),
                ...(plan.appraisalOpinion
                  ? [
                      {
                        key: 'opinion',
                        label: t('reports.plans.field.opinion'),
                        span: 'filled' as const,
                        children: (
                          <div>
                            <div style={{ whiteSpace: 'pre-wrap' }}>{plan.appraisalOpinion}</div>
                            <div className="lt-muted">
                              {plan.appraisedByName} · {formatDateTime(plan.appraisedAt)}
                            </div>
                          </div>
                        ),
                      },
                    ]
                  : []),
                ...(plan.approvedAt
                  ? [
                      {
                        key: 'approved',
                        label: t('reports.plans.field.approved'),
                        children: `${plan.approvedByName ?? ''} · ${formatDateTime(plan.approvedAt)}`,
                      },
                    ]
                  : []),
                ...(plan.annualPlans.length
                  ? [
                      {
                        key: 'annual',
                        label: t('reports.plans.field.annualPlans'),
                        span: 'filled' as const,
                        children: (
                          <ul style={{ paddingLeft: 20, margin: 0 }}>
                            {plan.annualPlans.map((a) => (
                              <li key={a.id}>
                                <Link to={`/bao-cao/ke-hoach/${a.id}`}>{a.title}</Link>{' '}
                                <PlanStatusTag status={a.status} />
                              </li>
                            ))}
                          </ul>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            {!plan.actions.edit && (plan.objectives || plan.expectedResults) ? (
              <Descriptions
                column={1}
                size="small"
                style={{ marginTop: 12 }}
                items={[
                  ...(plan.objectives
                    ? [
                        {
                          key: 'o',
                          label: t('reports.plans.editor.objectives'),
                          children: <div style={{ whiteSpace: 'pre-wrap' }}>{plan.objectives}</div>,
                        },
                      ]
                    : []),
                  ...(plan.expectedResults
                    ? [
                        {
                          key: 'r',
                          label: t('reports.plans.editor.expectedResults'),
                          children: <div style={{ whiteSpace: 'pre-wrap' }}>{plan.expectedResults}</div>,
                        },
                      ]
                    : []),
                ]}
              />
            ) : null}
          </Card>
          {plan.actions.edit ? (
            <PlanEditor key={`${plan.id}-${plan.version}-${plan.status}`} plan={plan} />
          ) : (
            <TasksCard plan={plan} />
          )}
          {plan.actions.reportProgress ? (
            <ProgressCard key={plan.tasks.map((x) => x.progressAt).join()} plan={plan} />
          ) : null}
          <CommentsCard plan={plan} />
          <AppraisalCard plan={plan} />
          <ApprovalCard plan={plan} own={own} />
          <VersionsCard plan={plan} />
          {plan.actions.delete ? (
            <div style={{ marginTop: 16 }}>
              <ErrorAlert error={remove.error} />
              <Popconfirm
                title={t('reports.plans.deleteConfirm')}
                okText={t('reports.plans.delete')}
                cancelText={t('common.cancel')}
                onConfirm={() => remove.mutate()}
              >
                <Button danger loading={remove.isPending}>
                  {t('reports.plans.delete')}
                </Button>
              </Popconfirm>
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}

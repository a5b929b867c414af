import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Input, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PlanView } from '../../../../shared/reports/plans.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import {
  appraisePlan,
  approvePlan,
  commentOnPlan,
  issueDecision,
  planKeys,
  resolveComment,
  returnPlan,
} from './api.ts';

/** Puts the answered plan in the cache and refreshes the lists. */
export function usePlanDone() {
  const qc = useQueryClient();
  return (p: PlanView) => {
    qc.setQueryData(planKeys.one(p.id), p);
    void qc.invalidateQueries({ queryKey: ['plans', 'own'] });
    void qc.invalidateQueries({ queryKey: ['plans', 'overview'] });
  };
}

/** An appraisal comment on the plan or on one task (the IT department). */
export function CommentForm({
  plan,
  taskId,
  onDone,
}: {
  plan: PlanView;
  taskId?: string | null;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const done = usePlanDone();
  const [form] = Form.useForm<{ taskId: string | null; body: string }>();
  const send = useMutation({
    mutationFn: (v: { taskId: string | null; body: string }) =>
      commentOnPlan(plan.id, { taskId: v.taskId, body: v.body }),
    onSuccess: (p) => {
      done(p);
      form.resetFields();
      message.success(t('reports.plans.comments.sent'));
      onDone?.();
    },
  });
  return (
    <Form
      form={form}
      name={`plan-comment-${taskId ?? 'plan'}`}
      layout="vertical"
      initialValues={{ taskId: taskId ?? null, body: '' }}
      onFinish={(v) =>
        send.mutate({ taskId: (taskId === undefined ? v.taskId : taskId) ?? null, body: v.body.trim() })
      }
    >
      {taskId === undefined ? (
        <Form.Item name="taskId" label={t('reports.plans.comments.about')}>
          <Select
            options={[
              { value: null, label: t('reports.plans.comments.wholePlan') },
              ...plan.tasks.map((x) => ({ value: x.id, label: `${x.ordinal}. ${x.name}` })),
            ]}
          />
        </Form.Item>
      ) : null}
      <Form.Item
        name="body"
        label={t('reports.plans.comments.body')}
        rules={[{ required: true, whitespace: true, message: t('reports.plans.comments.bodyRequired') }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
      </Form.Item>
      <ErrorAlert error={send.error} />
      <Button htmlType="submit" loading={send.isPending}>
        {t('reports.plans.comments.send')}
      </Button>
    </Form>
  );
}

/** The appraisal comments, newest version first; the agency marks them dealt with while revising. */
export function CommentsCard({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const done = usePlanDone();
  const resolve = useMutation({
    mutationFn: (v: { id: string; resolved: boolean }) => resolveComment(plan.id, v.id, v.resolved),
    onSuccess: done,
  });
  const comments = [...plan.comments].sort(
    (a, b) => b.version - a.version || a.createdAt.localeCompare(b.createdAt),
  );
  if (!comments.length && !plan.actions.comment) return null;
  return (
    <Card title={t('reports.plans.comments.title', { count: comments.length })} style={{ marginTop: 16 }}>
      {comments.length ? (
        <ul
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
          aria-label={t('reports.plans.comments.title', { count: comments.length })}
        >
          {comments.map((c) => (
            <li key={c.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
              <div className="lt-muted">
                {c.taskName
                  ? t('reports.plans.comments.onTask', { name: c.taskName })
                  : t('reports.plans.comments.wholePlan')}
                {' · '}
                {t('reports.plans.comments.meta', {
                  name: c.authorName,
                  at: formatDateTime(c.createdAt),
                  version: c.version,
                })}
              </div>
              <div style={{ whiteSpace: 'pre-wrap' }}>{c.body}</div>
              {plan.actions.resolveComments ? (
                <Checkbox
                  checked={!!c.resolvedAt}
                  disabled={resolve.isPending}
                  onChange={(e) => resolve.mutate({ id: c.id, resolved: e.target.checked })}
                >
                  {t('reports.plans.comments.resolved')}
                </Checkbox>
              ) : c.resolvedAt ? (
                <Tag color="green">{t('reports.plans.comments.resolvedTag')}</Tag>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="lt-muted">{t('reports.plans.comments.none')}</p>
      )}
      <ErrorAlert error={resolve.error} />
      {plan.actions.comment ? (
        <div style={{ marginTop: 16 }}>
          <CommentForm plan={plan} />
        </div>
      ) : null}
    </Card>
  );
}

/** The IT department's decision: return with comments, or appraise with its opinion. */
export function AppraisalCard({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const done = usePlanDone();
  const [returning, setReturning] = useState('');
  const [opinion] = Form.useForm<{ opinion: string }>();
  const back = useMutation({
    mutationFn: () => returnPlan(plan.id, returning.trim() || undefined),
    onSuccess: (p) => {
      done(p);
      message.success(t('reports.plans.appraisal.returned'));
    },
  });
  const appraise = useMutation({
    mutationFn: (v: { opinion: string }) => appraisePlan(plan.id, v.opinion.trim()),
    onSuccess: (p) => {
      done(p);
      message.success(t('reports.plans.appraisal.appraised'));
    },
  });
  if (!plan.actions.appraise && !plan.actions.returnPlan) return null;
  const thisVersion = plan.comments.filter((c) => c.version === plan.version).length;
  return (
    <Card title={t('reports.plans.appraisal.title', { version: plan.version })} style={{ marginTop: 16 }}>
      <p className="lt-muted">{t('reports.plans.appraisal.intro')}</p>
      <Form form={opinion} name="plan-appraisal" layout="vertical" onFinish={(v) => appraise.mutate(v)}>
        <Form.Item
          name="opinion"
          label={t('reports.plans.appraisal.opinion')}
          rules={[
            { required: true, whitespace: true, message: t('reports.plans.appraisal.opinionRequired') },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={8000} />
        </Form.Item>
        <ErrorAlert error={appraise.error} />
        <Button type="primary" htmlType="submit" loading={appraise.isPending}>
          {t('reports.plans.appraisal.appraise')}
        </Button>
      </Form>
      <div style={{ marginTop: 24 }}>
        <label htmlFor={`return-${plan.id}`} className="lt-field-label">
          {t('reports.plans.appraisal.returnNote')}
        </label>
        <Input.TextArea
          id={`return-${plan.id}`}
          value={returning}
          onChange={(e) => setReturning(e.target.value)}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={4000}
        />
        <p className="lt-muted">{t('reports.plans.appraisal.commentsSoFar', { count: thisVersion })}</p>
        <ErrorAlert error={back.error} />
        <Button danger loading={back.isPending} onClick={() => back.mutate()}>
          {t('reports.plans.appraisal.return')}
        </Button>
      </div>
    </Card>
  );
}

/** The People's Committee's leader: approve, and issue the approval as an outgoing document. */
export function ApprovalCard({ plan, own }: { plan: PlanView; own: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const done = usePlanDone();
  const [withDecision, setWithDecision] = useState(true);
  const approve = useMutation({
    mutationFn: () => approvePlan(plan.id, withDecision),
    onSuccess: (p) => {
      done(p);
      message.success(t('reports.plans.approval.approved'));
    },
  });
  const decision = useMutation({
    mutationFn: () => issueDecision(plan.id),
    onSuccess: (p) => {
      done(p);
      message.success(t('reports.plans.approval.decisionDrafted'));
    },
  });
  if (!plan.actions.approve && !plan.actions.issueDecision && !plan.approvalDocument) return null;
  return (
    <Card title={t('reports.plans.approval.title')} style={{ marginTop: 16 }}>
      {plan.actions.approve ? (
        <>
          <p className="lt-muted">{t('reports.plans.approval.intro')}</p>
          <Checkbox checked={withDecision} onChange={(e) => setWithDecision(e.target.checked)}>
            {t('reports.plans.approval.withDecision')}
          </Checkbox>
          <ErrorAlert error={approve.error} />
          <div style={{ marginTop: 12 }}>
            <Button type="primary" loading={approve.isPending} onClick={() => approve.mutate()}>
              {t('reports.plans.approval.approve')}
            </Button>
          </div>
        </>
      ) : null}
      {plan.actions.issueDecision ? (
        <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 8 }}>
          <span>{t('reports.plans.approval.noDecision')}</span>
          <ErrorAlert error={decision.error} />
          <Button type="primary" loading={decision.isPending} onClick={() => decision.mutate()}>
            {t('reports.plans.approval.issue')}
          </Button>
        </div>
      ) : null}
      {plan.approvalDocument && own ? (
        // The agency gets the decision as an incoming document once released, not the draft itself.
        <p>
          {plan.approvalDocument.numberNotation
            ? t('reports.plans.approval.issuedTo', { number: plan.approvalDocument.numberNotation })
            : t('reports.plans.approval.drafting')}
        </p>
      ) : plan.approvalDocument ? (
        <p>
          <Link to={`/van-ban/${plan.approvalDocument.id}`}>
            {plan.approvalDocument.numberNotation
              ? t('reports.plans.approval.openIssued', { number: plan.approvalDocument.numberNotation })
              : t('reports.plans.approval.openDraft')}
          </Link>
        </p>
      ) : null}
    </Card>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Button, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { PlanCreateInput, PlanKind, PlanListItem } from '../../../../shared/reports/plans.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../../components/ResponsiveList.tsx';
import { formatDate } from '../../../lib/format.ts';
import { applyFieldErrors } from '../../../lib/forms.ts';
import { createPlan, formatMoney, listOwnPlans, planKeys } from './api.ts';
import { PlanProgress, PlanStatusTag, yearsOf } from './parts.tsx';

const thisYear = () => new Date(Date.now() + 7 * 3600_000).getUTCFullYear();

/** Lập kế hoạch: a five-year plan or the annual plan of a year. */
function CreatePlanDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ kind: PlanKind; startYear: number; title?: string }>();
  const create = useMutation({
    mutationFn: (v: PlanCreateInput) => createPlan(v),
    onSuccess: (plan) => navigate(`/bao-cao/ke-hoach/${plan.id}`),
    onError: (e) => applyFieldErrors(form, e),
  });
  const kind = Form.useWatch('kind', form);
  return (
    <Modal
      open={open}
      title={t('reports.plans.create.title')}
      okText={t('reports.plans.create.ok')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        name="plan-create"
        layout="vertical"
        initialValues={{ kind: 'annual', startYear: thisYear() }}
        onFinish={(v) => create.mutate({ ...v, title: v.title?.trim() || undefined })}
      >
        <Form.Item name="kind" label={t('reports.plans.create.kind')}>
          <Radio.Group
            options={[
              { value: 'annual', label: t('reports.plans.kind.annual') },
              { value: 'five_year', label: t('reports.plans.kind.five_year') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="startYear"
          label={kind === 'five_year' ? t('reports.plans.create.fromYear') : t('reports.plans.create.year')}
          extra={
            kind === 'five_year'
              ? t('reports.plans.create.fiveYearHint')
              : t('reports.plans.create.annualHint')
          }
          rules={[{ required: true, message: t('reports.plans.create.yearRequired') }]}
        >
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('reports.plans.create.name')}
          extra={t('reports.plans.create.nameHint')}
        >
          <Input maxLength={300} />
        </Form.Item>
        <ErrorAlert error={create.error} />
      </Form>
    </Modal>
  );
}

/** Kế hoạch ứng dụng CNTT: the agency's own five-year and annual plans, and a new one. */
export default function PlansPage() {
  const { t, i18n } = useTranslation();
  const [creating, setCreating] = useState(false);
  const list = useInfiniteQuery({
    queryKey: planKeys.own({}),
    queryFn: ({ pageParam, signal }) => listOwnPlans({}, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: TableColumnsType<PlanListItem> = [
    {
      title: t('reports.plans.col.title'),
      key: 'title',
      render: (_v, x) => (
        <div>
          <Link to={`/bao-cao/ke-hoach/${x.id}`}>{x.title}</Link>
          <div className="lt-muted">{t(`reports.plans.kind.${x.kind}`)}</div>
        </div>
      ),
    },
    { title: t('reports.plans.col.years'), key: 'years', width: 110, render: (_v, x) => yearsOf(x) },
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
      render: (_v, x) =>
        x.version ? `${formatDate(x.submittedAt)} (${t('reports.plans.timesN', { n: x.version })})` : '—',
    },
    {
      title: t('reports.plans.col.progress'),
      key: 'progress',
      width: 150,
      render: (_v, x) => (
        <PlanProgress value={x.progress} label={`${t('reports.plans.col.progress')} ${x.title}`} />
      ),
    },
    {
      title: t('reports.plans.col.status'),
      key: 'status',
      width: 190,
      render: (_v, x) => <PlanStatusTag status={x.status} />,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('reports.plans.title')}
        intro={t('reports.plans.intro')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('reports.plans.create.button')}
          </Button>
        }
      />
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ResponsiveList
        label={t('reports.plans.listLabel')}
        items={items}
        rowKey={(x) => x.id}
        loading={list.isPending}
        empty={<EmptyText>{t('reports.plans.empty')}</EmptyText>}
        table={{ columns, size: 'middle' }}
        card={(x) => (
          <ListCard
            key={x.id}
            title={x.title}
            to={`/bao-cao/ke-hoach/${x.id}`}
            overline={`${t(`reports.plans.kind.${x.kind}`)} · ${yearsOf(x)}`}
            fields={[
              { label: t('reports.plans.col.budget'), value: formatMoney(x.budget, i18n.language) },
              ...(x.progress !== null
                ? [{ label: t('reports.plans.col.progress'), value: `${x.progress}%` }]
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
      <CreatePlanDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard } from '../../../components/ResponsiveList.tsx';
import { formatDate } from '../../../lib/format.ts';
import {
  acceptItem,
  createIssue,
  type GazetteItemView,
  type GazetteOverview,
  gazetteKeys,
  getOverview,
  returnItem,
} from './api.ts';
import { ItemTags } from './ItemTags.tsx';

/** Vietnam's date today (YYYY-MM-DD), whatever the browser's zone. */
const vnToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** A submitted document as a card: number, title (a link to the record), dates, tags, actions. */
export function ItemCard({ item, actions }: { item: GazetteItemView; actions?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <ListCard
      overline={item.numberNotation}
      title={item.title}
      to={`/van-ban-phap-luat/${item.legalDocumentId}`}
      fields={[
        { label: t('legal.gazette.field.agency'), value: item.submittedByAgencyName },
        { label: t('legal.gazette.field.issuedDate'), value: formatDate(item.issuedDate) },
        { label: t('legal.gazette.field.submittedOn'), value: formatDate(item.submittedOn) },
        {
          label: t('legal.gazette.field.publishBy'),
          value: item.publishBy ? formatDate(item.publishBy) : null,
        },
        { label: t('legal.gazette.field.issue'), value: item.issueLabel },
        { label: t('legal.gazette.field.reason'), value: item.returnReason },
      ]}
      tags={<ItemTags item={item} />}
      actions={actions}
    />
  );
}

function ItemList({
  label,
  items,
  empty,
  actions,
}: {
  label: string;
  items: GazetteItemView[];
  empty: string;
  actions?: (i: GazetteItemView) => React.ReactNode;
}) {
  if (items.length === 0) return <EmptyText>{empty}</EmptyText>;
  return (
    <ul className="lt-card-list" aria-label={label}>
      {items.map((i) => (
        <ItemCard key={i.id} item={i} actions={actions?.(i)} />
      ))}
    </ul>
  );
}

/** "Tạo số mới": the number (or range) in the year and the date; opens the new draft. */
function NewIssueDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const today = vnToday();
  const [form] = Form.useForm<{
    year: number;
    numberFrom: number;
    numberTo?: number | null;
    issueDate: string;
  }>();
  const create = useMutation({
    mutationFn: createIssue,
    onSuccess: (issue) => navigate(`/cong-bao/so/${issue.id}`),
  });
  const required = (field: string) => [
    { required: true, message: t('legal.gazette.form.required', { field }) },
  ];
  return (
    <Modal
      open={open}
      title={t('legal.gazette.form.title')}
      onCancel={onClose}
      okText={t('legal.gazette.form.create')}
      cancelText={t('legal.gazette.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ErrorAlert error={create.error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ year: Number(today.slice(0, 4)), issueDate: today }}
        onFinish={(v) =>
          create.mutate({
            year: v.year,
            numberFrom: v.numberFrom,
            numberTo: v.numberTo ?? undefined,
            issueDate: v.issueDate,
          })
        }
      >
        <Form.Item
          name="year"
          label={t('legal.gazette.form.year')}
          rules={required(t('legal.gazette.form.year'))}
        >
          <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="numberFrom"
          label={t('legal.gazette.form.numberFrom')}
          rules={required(t('legal.gazette.form.numberFrom'))}
        >
          <InputNumber min={1} max={99999} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="numberTo" label={t('legal.gazette.form.numberTo')}>
          <InputNumber min={1} max={99999} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="issueDate"
          label={t('legal.gazette.form.issueDate')}
          rules={required(t('legal.gazette.form.issueDate'))}
        >
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Accept (one click) or return (with a reason) a submitted document. */
function WaitingActions({ item }: { item: GazetteItemView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const done = () => qc.invalidateQueries({ queryKey: gazetteKeys.all });
  const accept = useMutation({
    mutationFn: () => acceptItem(item.id),
    onSuccess: () => {
      message.success(t('legal.gazette.acceptedMsg', { number: item.numberNotation }));
      return done();
    },
    onError: (e) => message.error(e.message),
  });
  const ret = useMutation({
    mutationFn: () => returnItem(item.id, reason),
    onSuccess: () => {
      setReturning(false);
      message.success(t('legal.gazette.returnedMsg', { number: item.numberNotation }));
      return done();
    },
  });
  return (
    <>
      <Button type="primary" size="small" loading={accept.isPending} onClick={() => accept.mutate()}>
        {t('legal.gazette.accept')}
      </Button>{' '}
      <Button size="small" onClick={() => setReturning(true)}>
        {t('legal.gazette.return')}
      </Button>
      <Modal
        open={returning}
        title={t('legal.gazette.returnTitle', { number: item.numberNotation })}
        okText={t('legal.gazette.return')}
        cancelText={t('legal.gazette.cancel')}
        onCancel={() => setReturning(false)}
        onOk={() => ret.mutate()}
        confirmLoading={ret.isPending}
        destroyOnHidden
      >
        <ErrorAlert error={ret.error} />
        <label htmlFor={`return-${item.id}`} className="lt-field-label">
          {t('legal.gazette.returnReason')}
        </label>
        <Input.TextArea
          id={`return-${item.id}`}
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}

function Issues({ data }: { data: GazetteOverview }) {
  const { t } = useTranslation();
  if (data.issues.length === 0)
    return <EmptyText>{t('legal.gazette.issuesEmpty', { year: data.year })}</EmptyText>;
  return (
    <ul className="lt-card-list" aria-label={t('legal.gazette.issues', { year: data.year })}>
      {data.issues.map((i) => (
        <ListCard
          key={i.id}
          title={`${i.label} (${i.year})`}
          to={`/cong-bao/so/${i.id}`}
          fields={[
            { label: t('legal.gazette.field.issueDate'), value: formatDate(i.issueDate) },
            { label: t('legal.gazette.field.items'), value: String(i.itemCount) },
          ]}
          tags={
            <Tag color={i.state === 'published' ? 'green' : 'default'}>
              {t(`legal.gazette.issueState.${i.state}`)}
            </Tag>
          }
        />
      ))}
    </ul>
  );
}

/** /cong-bao: what waits, what is late, the issues of the year, what the own agency sent. */
export default function GazettePage() {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const q = useQuery({ queryKey: gazetteKeys.overview(), queryFn: () => getOverview() });
  const data = q.data;
  const editor = !!data?.settings.isEditor;
  return (
    <>
      <PageHeader
        title={t('legal.gazette.title')}
        intro={
          data?.settings.officeName
            ? t('legal.gazette.intro', { office: data.settings.officeName })
            : undefined
        }
        extra={
          editor ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t('legal.gazette.newIssue')}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      {q.isLoading ? <Loading /> : null}
      {data && !data.settings.configured ? (
        <Alert
          type="warning"
          showIcon
          title={t('legal.gazette.notConfigured')}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {data ? (
        <div style={{ display: 'grid', gap: 16 }}>
          {editor ? (
            <>
              <Card title={t('legal.gazette.waiting')}>
                <ItemList
                  label={t('legal.gazette.waiting')}
                  items={data.waiting}
                  empty={t('legal.gazette.waitingEmpty')}
                  actions={(i) => <WaitingActions item={i} />}
                />
              </Card>
              <Card title={t('legal.gazette.accepted')}>
                <ItemList
                  label={t('legal.gazette.accepted')}
                  items={data.accepted}
                  empty={t('legal.gazette.acceptedEmpty')}
                />
              </Card>
              <Card title={t('legal.gazette.late')}>
                <ItemList
                  label={t('legal.gazette.late')}
                  items={data.late}
                  empty={t('legal.gazette.lateEmpty')}
                />
              </Card>
            </>
          ) : null}
          <Card title={t('legal.gazette.issues', { year: data.year })}>
            <Issues data={data} />
          </Card>
          {/* The office rarely submits documents of its own: its empty list would only be noise. */}
          {editor && data.mine.length === 0 ? null : (
            <Card title={t('legal.gazette.mine')}>
              <ItemList
                label={t('legal.gazette.mine')}
                items={data.mine}
                empty={t('legal.gazette.mineEmpty')}
              />
            </Card>
          )}
        </div>
      ) : null}
      <NewIssueDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

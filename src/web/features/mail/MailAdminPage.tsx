import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../../components/EmptyText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ListCard, ResponsiveList, usePhone } from '../../components/ResponsiveList.tsx';
import { translateDynamic } from '../../i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { applyFieldErrors } from '../../lib/forms.ts';
import { ToneTag } from '../documents/common.tsx';
import {
  cancelMail,
  getAccount,
  listOutbox,
  type MailAccountInput,
  type MailAccountView,
  type MailCheckView,
  mailKeys,
  type OutboxState,
  type OutboxView,
  pollNow,
  retryMail,
  saveAccount,
  testAccount,
} from './api.ts';

const SECURITY = ['tls', 'starttls', 'none'] as const;
const STATE_TONE = {
  queued: 'blue',
  sending: 'purple',
  retrying: 'amber',
  failed: 'red',
  sent: 'green',
  cancelled: 'grey',
} as const;

/** Hộp thư công vụ: the agency admin's settings, connection test, last poll and the outgoing queue. */
export default function MailAdminPage() {
  const { t } = useTranslation();
  const account = useQuery({ queryKey: mailKeys.account, queryFn: getAccount });
  return (
    <>
      <PageHeader title={t('mail.admin.title')} intro={t('mail.admin.intro')} />
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <ErrorAlert error={account.error} />
        {account.isPending ? (
          <Loading />
        ) : (
          <>
            <StatusCard account={account.data?.account ?? null} />
            <AccountForm account={account.data?.account ?? null} />
          </>
        )}
        <OutboxCard />
      </Space>
    </>
  );
}

function StatusCard({ account: a }: { account: MailAccountView | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const test = useMutation({ mutationFn: testAccount });
  const poll = useMutation({
    mutationFn: pollNow,
    onSuccess: (r) => {
      if (r.ok) message.success(t('mail.admin.pollDone', r.summary));
      void qc.invalidateQueries({ queryKey: mailKeys.all });
    },
  });
  const check = (label: string, c: MailCheckView) => (
    <Alert type={c.ok ? 'success' : 'error'} showIcon title={label} description={c.detail} />
  );
  return (
    <Card title={<h2 className="lt-card-title">{t('mail.admin.status')}</h2>}>
      {!a ? (
        <Alert type="info" showIcon title={t('mail.admin.notConfigured')} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('mail.admin.lastPoll')}>
              {a.lastPollAt ? formatDateTime(a.lastPollAt) : t('mail.admin.never')}
            </Descriptions.Item>
            <Descriptions.Item label={t('mail.admin.result')}>
              {a.lastPollStatus ? (
                <ToneTag tone={a.lastPollStatus === 'ok' ? 'green' : 'red'}>
                  {translateDynamic(`mail.admin.pollStatus.${a.lastPollStatus}`, a.lastPollStatus)}
                </ToneTag>
              ) : null}
              {a.lastPollStatus === 'ok' ? <span> {a.lastPollSummary}</span> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('mail.admin.lastError')}>
              {a.lastError ? (
                <span>
                  {a.lastErrorAt ? `${formatDateTime(a.lastErrorAt)}: ` : ''}
                  {a.lastError}
                </span>
              ) : (
                '—'
              )}
            </Descriptions.Item>
          </Descriptions>
          <Space wrap>
            <Button onClick={() => test.mutate()} loading={test.isPending}>
              {t('mail.admin.test')}
            </Button>
            <Button onClick={() => poll.mutate()} loading={poll.isPending}>
              {t('mail.admin.poll')}
            </Button>
          </Space>
          <div aria-live="polite">
            {test.data ? (
              <Space direction="vertical" style={{ width: '100%' }}>
                {check(t('mail.admin.imapResult'), test.data.imap)}
                {check(t('mail.admin.smtpResult'), test.data.smtp)}
              </Space>
            ) : null}
            {poll.data && !poll.data.ok ? <Alert type="error" showIcon title={poll.data.error} /> : null}
          </div>
          <ErrorAlert error={test.error ?? poll.error} />
        </Space>
      )}
    </Card>
  );
}

type FormValues = MailAccountInput;

function AccountForm({ account: a }: { account: MailAccountView | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  useEffect(() => {
    if (a) form.setFieldsValue({ ...a, password: undefined });
  }, [a, form]);
  const save = useMutation({
    mutationFn: (v: FormValues) => saveAccount({ ...v, password: v.password || undefined }),
    onSuccess: () => {
      message.success(t('mail.admin.saved'));
      form.setFieldValue('password', undefined);
      void qc.invalidateQueries({ queryKey: mailKeys.account });
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  const required = { required: true, message: t('validation.required') };
  const securityOptions = SECURITY.map((s) => ({ value: s, label: t(`mail.admin.security.${s}`) }));
  return (
    <Card title={<h2 className="lt-card-title">{t('mail.admin.account')}</h2>}>
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{
          imapPort: 993,
          imapSecurity: 'tls',
          smtpPort: 465,
          smtpSecurity: 'tls',
          mailbox: 'INBOX',
          maxAttachmentMb: 25,
          pollEnabled: true,
          signature: '',
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="address" label={t('mail.admin.address')} rules={[required]}>
              <Input type="email" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="displayName" label={t('mail.admin.displayName')} rules={[required]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="username" label={t('mail.admin.username')} rules={[required]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="password"
              label={t('mail.admin.password')}
              extra={a?.hasPassword ? t('mail.admin.passwordKeep') : undefined}
              rules={a?.hasPassword ? [] : [required]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="imapHost" label={t('mail.admin.imapHost')} rules={[required]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="imapPort" label={t('mail.admin.imapPort')} rules={[required]}>
              <InputNumber min={1} max={65535} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="imapSecurity" label={t('mail.admin.imapSecurity')}>
              <Select options={securityOptions} />
            </Form.Item>
          </Col>
          <Col xs={24} md={5}>
            <Form.Item name="mailbox" label={t('mail.admin.mailbox')} rules={[required]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="smtpHost" label={t('mail.admin.smtpHost')} rules={[required]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="smtpPort" label={t('mail.admin.smtpPort')} rules={[required]}>
              <InputNumber min={1} max={65535} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="smtpSecurity" label={t('mail.admin.smtpSecurity')}>
              <Select options={securityOptions} />
            </Form.Item>
          </Col>
          <Col xs={24} md={5}>
            <Form.Item name="maxAttachmentMb" label={t('mail.admin.maxAttachmentMb')}>
              <InputNumber min={1} max={200} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="signature"
              label={t('mail.admin.signature')}
              extra={t('mail.admin.signatureHint')}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="pollEnabled" valuePropName="checked">
              <Checkbox>{t('mail.admin.pollEnabled')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <ErrorAlert error={save.error} />
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

function OutboxCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [state, setState] = useState<OutboxState | 'all'>('all');
  const list = useInfiniteQuery({
    queryKey: mailKeys.outbox(state),
    queryFn: ({ pageParam }) => listOutbox(state, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['mail', 'outbox'] });
  const retry = useMutation({
    mutationFn: retryMail,
    onSuccess: () => {
      message.success(t('mail.admin.retried'));
      refresh();
    },
  });
  const cancel = useMutation({
    mutationFn: cancelMail,
    onSuccess: () => {
      message.success(t('mail.admin.cancelled'));
      refresh();
    },
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const phone = usePhone();
  const stateOf = (o: OutboxView) => (
    <Space direction="vertical" size={0}>
      <ToneTag tone={STATE_TONE[o.state as keyof typeof STATE_TONE] ?? 'grey'}>
        {translateDynamic(`mail.admin.states.${o.state}`, o.state)}
      </ToneTag>
      {o.attempts > 0 && o.state !== 'sent' ? (
        <Typography.Text type="secondary">
          {t('mail.admin.attempts')}: {o.attempts}
        </Typography.Text>
      ) : null}
      {o.nextAttemptAt && o.state === 'retrying' ? (
        <Typography.Text type="secondary">
          {t('mail.admin.nextAttempt', { time: formatDateTime(o.nextAttemptAt) })}
        </Typography.Text>
      ) : null}
      {o.lastError ? <Typography.Text type="danger">{o.lastError}</Typography.Text> : null}
    </Space>
  );
  // On a card the buttons name their message: several "Gửi lại" in a list would all sound the same.
  const actionsOf = (o: OutboxView, named: boolean) => {
    const retryable = o.state === 'failed' || o.state === 'cancelled' || o.state === 'retrying';
    const cancellable = o.state === 'queued' || o.state === 'retrying' || o.state === 'failed';
    if (!retryable && !cancellable) return null;
    return (
      <Space wrap>
        {retryable ? (
          <Button
            size="small"
            onClick={() => retry.mutate(o.id)}
            aria-label={named ? `${t('mail.admin.retry')}: ${o.subject}` : undefined}
          >
            {t('mail.admin.retry')}
          </Button>
        ) : null}
        {cancellable ? (
          <Popconfirm
            title={t('mail.admin.cancelConfirm')}
            onConfirm={() => cancel.mutate(o.id)}
            okText={t('mail.admin.cancel')}
            cancelText={t('common.close')}
          >
            <Button
              size="small"
              danger
              aria-label={named ? `${t('mail.admin.cancel')}: ${o.subject}` : undefined}
            >
              {t('mail.admin.cancel')}
            </Button>
          </Popconfirm>
        ) : null}
      </Space>
    );
  };
  return (
    <Card title={<h2 className="lt-card-title">{t('mail.admin.outbox')}</h2>} className="lt-list-card">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <FilterBar active={state === 'all' ? 0 : 1}>
          <Segmented<OutboxState | 'all'>
            aria-label={t('mail.admin.state')}
            vertical={phone}
            value={state}
            onChange={setState}
            options={[
              { value: 'all', label: t('mail.admin.all') },
              ...(['pending', 'failed', 'sent', 'cancelled'] as const).map((s) => ({
                value: s,
                label: t(`mail.admin.filters.${s}`),
              })),
            ]}
          />
        </FilterBar>
        <ErrorAlert error={list.error ?? retry.error ?? cancel.error} />
        <ResponsiveList<OutboxView>
          label={t('mail.admin.outbox')}
          items={items}
          rowKey={(o) => o.id}
          loading={list.isPending}
          pager={list}
          empty={<EmptyText>{t('mail.admin.empty')}</EmptyText>}
          card={(o) => (
            <ListCard
              overline={formatDateTime(o.sentAt ?? o.createdAt)}
              title={o.subject}
              fields={[
                {
                  label: t('mail.admin.to'),
                  value: o.toName ? `${o.toName} <${o.toAddress}>` : o.toAddress,
                  hideLabel: true,
                },
                {
                  label: t('mail.admin.kind'),
                  value: translateDynamic(`mail.admin.kinds.${o.kind}`, o.kind),
                },
              ]}
              tags={stateOf(o)}
              actions={actionsOf(o, true)}
            />
          )}
          table={{
            size: 'small',
            scroll: { x: 900 },
            columns: [
              {
                title: t('mail.admin.time'),
                key: 'time',
                width: 150,
                render: (_, o) => formatDateTime(o.sentAt ?? o.createdAt),
              },
              {
                title: t('mail.admin.to'),
                key: 'to',
                render: (_, o) => (o.toName ? `${o.toName} <${o.toAddress}>` : o.toAddress),
              },
              { title: t('mail.admin.subject'), dataIndex: 'subject', key: 'subject' },
              {
                title: t('mail.admin.kind'),
                key: 'kind',
                width: 110,
                render: (_, o) => translateDynamic(`mail.admin.kinds.${o.kind}`, o.kind),
              },
              { title: t('mail.admin.state'), key: 'state', width: 190, render: (_, o) => stateOf(o) },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 170,
                render: (_, o) => actionsOf(o, false),
              },
            ],
          }}
        />
      </Space>
    </Card>
  );
}

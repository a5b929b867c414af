import { PaperClipOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Segmented,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { docKeys } from '../../api/documents.ts';
import { EmptyText } from '../../components/EmptyText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../components/ResponsiveList.tsx';
import { translateDynamic } from '../../i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { applyFieldErrors } from '../../lib/forms.ts';
import {
  DATE_FORMAT,
  LinkButton,
  leaderOptions,
  ToneTag,
  TYPE_OPTIONS,
  toIso,
  useColleagues,
} from '../documents/common.tsx';
import {
  type CandidateStatus,
  type CandidateView,
  candidateFileUrl,
  dismissCandidate,
  listCandidates,
  mailKeys,
  registerCandidate,
} from './api.ts';

const statusLabel = (s: string) => translateDynamic(`mail.candidates.statuses.${s}`, s);
const TONE = { new: 'blue', broken: 'amber', registered: 'green', dismissed: 'grey' } as const;

export function CandidateStatusTag({ status }: { status: CandidateView['status'] }) {
  return <ToneTag tone={TONE[status]}>{statusLabel(status)}</ToneTag>;
}

const size = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;

/** "Thư đến từ hộp thư công vụ": the clerk reviews each message, then registers it in one step or dismisses it. */
export default function MailCandidatesPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<CandidateStatus>('waiting');
  const [open, setOpen] = useState<CandidateView | null>(null);
  const list = useInfiniteQuery({
    queryKey: mailKeys.candidates(status),
    queryFn: ({ pageParam }) => listCandidates(status, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader title={t('mail.candidates.title')} intro={t('mail.candidates.intro')} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Segmented<CandidateStatus>
          aria-label={t('mail.candidates.status')}
          value={status}
          onChange={setStatus}
          options={(['waiting', 'registered', 'dismissed'] as const).map((s) => ({
            value: s,
            label: t(`mail.candidates.tabs.${s}`),
          }))}
        />
        <ErrorAlert error={list.error} />
        <ResponsiveList<CandidateView>
          label={t('mail.candidates.title')}
          items={items}
          rowKey={(c) => c.id}
          loading={list.isPending}
          pager={list}
          empty={<EmptyText>{t('mail.candidates.empty')}</EmptyText>}
          card={(c) => (
            <ListCard
              onOpen={() => setOpen(c)}
              overline={formatDateTime(c.sentAt ?? c.receivedAt)}
              title={c.subject || t('mail.candidates.noSubject')}
              fields={[
                {
                  label: t('mail.candidates.from'),
                  value: [c.fromName, c.fromAddress ? `<${c.fromAddress}>` : null].filter(Boolean).join(' '),
                  hideLabel: true,
                },
                { label: t('mail.candidates.files'), value: c.files.length },
              ]}
              tags={<CandidateStatusTag status={c.status} />}
            />
          )}
          table={{
            scroll: { x: 800 },
            columns: [
              {
                title: t('mail.candidates.from'),
                key: 'from',
                render: (_, c) => (
                  <span>
                    {c.fromName ?? c.fromAddress}
                    {c.fromName && c.fromAddress ? (
                      <Typography.Text type="secondary"> &lt;{c.fromAddress}&gt;</Typography.Text>
                    ) : null}
                  </span>
                ),
              },
              {
                title: t('mail.candidates.subject'),
                key: 'subject',
                render: (_, c) => (
                  <Button
                    type="link"
                    onClick={() => setOpen(c)}
                    style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left' }}
                  >
                    {c.subject || t('mail.candidates.noSubject')}
                  </Button>
                ),
              },
              {
                title: t('mail.candidates.files'),
                key: 'files',
                width: 110,
                render: (_, c) => (
                  <span>
                    <PaperClipOutlined aria-hidden /> {c.files.length}
                  </span>
                ),
              },
              {
                title: t('mail.candidates.sentAt'),
                key: 'sentAt',
                width: 160,
                render: (_, c) => formatDateTime(c.sentAt ?? c.receivedAt),
              },
              {
                title: t('mail.candidates.status'),
                key: 'status',
                width: 150,
                render: (_, c) => <CandidateStatusTag status={c.status} />,
              },
            ],
          }}
        />
      </Space>
      <CandidateDrawer candidate={open} onClose={() => setOpen(null)} />
    </>
  );
}

interface Values {
  issuerName: string;
  numberNotation: string;
  typeCode: string;
  issuedDate: Dayjs | null;
  summary: string;
  submitToId?: string | null;
}

function CandidateDrawer({
  candidate: c,
  onClose,
}: {
  candidate: CandidateView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const colleagues = useColleagues();
  const leaders = leaderOptions(colleagues.data?.people ?? []);
  const [done, setDone] = useState<{ id: string; arrivalNumber: number } | null>(null);
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');

  const refresh = () => void qc.invalidateQueries({ queryKey: mailKeys.all });
  const register = useMutation({
    mutationFn: (allowDuplicate: boolean) => {
      const v = form.getFieldsValue(true) as Values;
      return registerCandidate(c!.id, {
        issuerName: v.issuerName?.trim(),
        numberNotation: v.numberNotation,
        typeCode: v.typeCode as never,
        issuedDate: toIso(v.issuedDate) ?? '',
        summary: v.summary,
        submitToId: v.submitToId || null,
        secrecy: 'normal',
        urgency: 'normal',
        allowDuplicate,
      });
    },
    onSuccess: (r) => {
      setDone(r);
      refresh();
      void qc.invalidateQueries({ queryKey: docKeys.all });
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  const dismiss = useMutation({
    mutationFn: () => dismissCandidate(c!.id, reason),
    onSuccess: () => {
      message.success(t('mail.candidates.dismissed'));
      setDismissing(false);
      refresh();
      close();
    },
  });
  const duplicate = register.error instanceof ApiError && register.error.code === 'duplicate';

  const close = () => {
    form.resetFields();
    register.reset();
    dismiss.reset();
    setDone(null);
    setReason('');
    onClose();
  };
  const open = !!c;
  const waiting = c?.status === 'new' || c?.status === 'broken';
  const required = { required: true, message: t('validation.required') };

  return (
    <Drawer
      open={open}
      onClose={close}
      width={760}
      title={c ? c.subject || t('mail.candidates.noSubject') : ''}
      destroyOnHidden
    >
      {c ? (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {c.status === 'broken' ? (
            <Alert type="warning" showIcon title={t('mail.candidates.brokenTitle')} description={c.reason} />
          ) : null}
          {c.replyToDocumentId ? (
            <Alert
              type="info"
              showIcon
              title={t('mail.candidates.replyTo')}
              action={
                <LinkButton type="default" to={`/van-ban/${c.replyToDocumentId}`}>
                  {t('mail.candidates.openReplied')}
                </LinkButton>
              }
            />
          ) : null}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('mail.candidates.from')}>
              {[c.fromName, c.fromAddress ? `<${c.fromAddress}>` : null].filter(Boolean).join(' ')}
            </Descriptions.Item>
            <Descriptions.Item label={t('mail.candidates.sentAt')}>
              {formatDateTime(c.sentAt ?? c.receivedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('mail.candidates.status')}>
              <CandidateStatusTag status={c.status} />
            </Descriptions.Item>
            {c.status === 'dismissed' && c.reason ? (
              <Descriptions.Item label={t('mail.candidates.reason')}>{c.reason}</Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('mail.candidates.files')}>
              {c.files.length === 0 ? (
                t('mail.candidates.noFiles')
              ) : (
                <ul className="lt-plain-list">
                  {c.files.map((f) => (
                    <li key={f.sha256}>
                      <a href={candidateFileUrl(c.id, f.sha256)}>{f.fileName}</a> ({size(f.size)})
                    </li>
                  ))}
                </ul>
              )}
              {c.skippedFiles.length ? (
                <div>
                  {t('mail.candidates.skippedFiles')}:{' '}
                  {c.skippedFiles.map((f) => `${f.fileName} (${f.reason})`).join('; ')}
                </div>
              ) : null}
              {c.hasRaw ? (
                <div>
                  <a href={candidateFileUrl(c.id, 'raw')}>{t('mail.candidates.raw')}</a>
                </div>
              ) : null}
            </Descriptions.Item>
          </Descriptions>
          <section aria-label={t('mail.candidates.body')}>
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              {t('mail.candidates.body')}
            </Typography.Title>
            <pre className="lt-mail-body" style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }}>
              {c.bodyText}
            </pre>
          </section>
          {c.documentId ? (
            <LinkButton to={`/van-ban/${c.documentId}`}>{t('mail.candidates.openDocument')}</LinkButton>
          ) : null}
          {done ? (
            <Result
              status="success"
              title={
                <span data-testid="mail-arrival-number">
                  {t('mail.candidates.registered', { number: done.arrivalNumber })}
                </span>
              }
              extra={<LinkButton to={`/van-ban/${done.id}`}>{t('mail.candidates.openDocument')}</LinkButton>}
            />
          ) : waiting ? (
            <section aria-label={t('mail.candidates.registerTitle')}>
              <Typography.Title level={3} style={{ fontSize: 16 }}>
                {t('mail.candidates.registerTitle')}
              </Typography.Title>
              <Form<Values>
                form={form}
                layout="vertical"
                initialValues={{
                  issuerName: c.fromName ?? '',
                  typeCode: 'cong_van',
                  summary: c.subject.replace(/^(re|fw|fwd|tl|tr):\s*/i, ''),
                  issuedDate: c.sentAt ? dayjs(c.sentAt) : null,
                  submitToId: leaders[0]?.value,
                }}
                onFinish={() => register.mutate(false)}
              >
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="issuerName"
                      label={t('documents.fields.issuerOutside')}
                      rules={[required]}
                    >
                      <Input maxLength={300} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="numberNotation"
                      label={t('documents.fields.numberNotation')}
                      rules={[required]}
                    >
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="typeCode" label={t('documents.fields.type')} rules={[required]}>
                      <Select options={TYPE_OPTIONS} showSearch={{ optionFilterProp: 'label' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="issuedDate" label={t('documents.fields.issuedDate')} rules={[required]}>
                      <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item name="summary" label={t('documents.fields.summary')} rules={[required]}>
                      <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item name="submitToId" label={t('documents.fields.submitTo')}>
                      <Select
                        allowClear
                        loading={colleagues.isPending}
                        placeholder={t('documents.fields.submitToNone')}
                        options={leaders}
                      />
                    </Form.Item>
                  </Col>
                </Row>
                {duplicate ? (
                  <Alert
                    type="warning"
                    showIcon
                    role="alert"
                    title={t('documents.duplicateTitle')}
                    description={(register.error as ApiError).detail}
                    action={
                      <Button danger onClick={() => register.mutate(true)} loading={register.isPending}>
                        {t('documents.registerAnyway')}
                      </Button>
                    }
                    style={{ marginBottom: 16 }}
                  />
                ) : (
                  <ErrorAlert error={register.error} />
                )}
                <Space wrap>
                  <Button type="primary" htmlType="submit" loading={register.isPending}>
                    {t('mail.candidates.register')}
                  </Button>
                  <Button danger onClick={() => setDismissing(true)}>
                    {t('mail.candidates.dismiss')}
                  </Button>
                </Space>
              </Form>
            </section>
          ) : null}
        </Space>
      ) : null}
      <Modal
        open={dismissing}
        title={t('mail.candidates.dismissTitle')}
        onCancel={() => setDismissing(false)}
        onOk={() => dismiss.mutate()}
        okText={t('mail.candidates.dismiss')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 3, loading: dismiss.isPending }}
        cancelText={t('common.cancel')}
      >
        <Form layout="vertical">
          <Form.Item
            label={t('mail.candidates.dismissReason')}
            htmlFor="mail-dismiss-reason"
            help={t('validation.reason')}
          >
            <Input.TextArea
              id="mail-dismiss-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={2000}
            />
          </Form.Item>
        </Form>
        <ErrorAlert error={dismiss.error} />
      </Modal>
    </Drawer>
  );
}

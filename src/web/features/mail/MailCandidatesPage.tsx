import { PaperClipOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Result,
  Segmented,
  Space,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { docKeys } from '../../api/documents.ts';
import { EmptyText } from '../../components/EmptyText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../components/ResponsiveList.tsx';
import { translateDynamic } from '../../i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { applyFieldErrors } from '../../lib/forms.ts';
import { LinkButton, ToneTag } from '../documents/common.tsx';
import {
  IncomingForm,
  type IncomingValues,
  incomingFromValues,
  PrefillStatus,
  usePrefill,
} from '../documents/IncomingForm.tsx';
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
  const [form] = Form.useForm<IncomingValues>();
  const prefill = usePrefill(form);
  const [done, setDone] = useState<{ id: string; arrivalNumber: number } | null>(null);
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');

  // The attached document is read as an uploaded scan would be: its fields are proposed.
  const mainFile = c?.files.find((f) => /\.(pdf|docx)$/i.test(f.fileName))?.sha256;
  const waiting = c?.status === 'new' || c?.status === 'broken';
  const { run } = prefill;
  useEffect(() => {
    if (waiting && mainFile) void run(mainFile);
  }, [mainFile, waiting, run]);

  const refresh = () => void qc.invalidateQueries({ queryKey: mailKeys.all });
  const register = useMutation({
    mutationFn: (allowDuplicate: boolean) => {
      const v = form.getFieldsValue(true) as IncomingValues;
      // Files default to every file of the message (the first one the main document).
      const { files: _none, ...input } = incomingFromValues(v, [], allowDuplicate);
      return registerCandidate(c!.id, input);
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
  const close = () => {
    form.resetFields();
    prefill.reset();
    register.reset();
    dismiss.reset();
    setDone(null);
    setReason('');
    onClose();
  };
  const open = !!c;

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
              <IncomingForm
                form={form}
                narrow
                prefill={prefill}
                save={register}
                submitLabel={t('mail.candidates.register')}
                initialValues={{
                  issuerName: c.fromName ?? '',
                  summary: c.subject.replace(/^(re|fw|fwd|tl|tr):\s*/i, ''),
                  issuedDate: c.sentAt ? dayjs(c.sentAt) : null,
                }}
                before={<PrefillStatus prefill={prefill} />}
                actions={
                  <Button danger onClick={() => setDismissing(true)}>
                    {t('mail.candidates.dismiss')}
                  </Button>
                }
              />
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

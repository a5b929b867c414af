import { PaperClipOutlined, PushpinFilled } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Progress,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { vnDayEnd } from '../../../../shared/calendar/vn-time.ts';
import type { Role } from '../../../../shared/roles.ts';
import { errorMessage } from '../../../api/client.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { LoadMore, usePhone } from '../../../components/ResponsiveList.tsx';
import { TableRegion } from '../../../components/TableRegion.tsx';
import '../../../lib/dayjs-locale.ts';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import {
  type AnnouncementView,
  announcementKeys,
  fileUrl,
  getAnnouncement,
  getReceipts,
  updateAnnouncement,
  withdrawAnnouncement,
} from './api.ts';

const K = 'portal.announcements';

/** The body as paragraphs (blank lines) and line breaks, as plain text. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .replace(/\r\n?/g, '\n')
        .split(/\n\s*\n/)
        .filter((p) => p.trim())
        .map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a fixed text
          <Typography.Paragraph key={i} style={{ whiteSpace: 'pre-line' }}>
            {p.trim()}
          </Typography.Paragraph>
        ))}
    </>
  );
}

function Receipts({ id }: { id: string }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const q = useInfiniteQuery({
    queryKey: announcementKeys.receipts(id),
    queryFn: ({ pageParam }) => getReceipts(id, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const first = q.data?.pages[0];
  const people = q.data?.pages.flatMap((p) => p.notRead) ?? [];
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t(`${K}.receipts.title`)}</h2>}
      style={{ marginTop: 16 }}
    >
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : null}
      {first ? (
        <>
          <p style={{ fontSize: 18, fontWeight: 600, margin: '0 0 4px' }}>
            {t(`${K}.receipts.summary`, { read: first.read, addressed: first.addressed })}
          </p>
          <Progress
            percent={first.addressed ? Math.round((first.read / first.addressed) * 100) : 0}
            aria-label={t(`${K}.receipts.summary`, { read: first.read, addressed: first.addressed })}
          />
          <h3 style={{ fontSize: 16, marginTop: 12 }}>{t(`${K}.receipts.notRead`)}</h3>
          {people.length === 0 ? (
            <EmptyText>{t(`${K}.receipts.allRead`)}</EmptyText>
          ) : phone ? (
            <ul className="lt-card-list" aria-label={t(`${K}.receipts.notRead`)}>
              {people.map((p) => (
                <li key={p.personId} className="lt-card-item">
                  <div className="lt-item-title">{p.fullName}</div>
                  <div>{[p.title, p.divisionName, p.agencyName].filter(Boolean).join(' · ')}</div>
                </li>
              ))}
            </ul>
          ) : (
            <TableRegion label={t(`${K}.receipts.notRead`)}>
              <Table
                size="small"
                rowKey="personId"
                pagination={false}
                dataSource={people}
                columns={[
                  { title: t(`${K}.receipts.name`), dataIndex: 'fullName' },
                  { title: t(`${K}.receipts.position`), dataIndex: 'title' },
                  {
                    title: t(`${K}.receipts.agency`),
                    key: 'agency',
                    render: (_: unknown, p) => [p.divisionName, p.agencyName].filter(Boolean).join(', '),
                  },
                ]}
              />
            </TableRegion>
          )}
          <LoadMore pager={q} />
        </>
      ) : null}
    </Card>
  );
}

function EditModal({ a, open, onClose }: { a: AnnouncementView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ title: string; body: string; pinned: boolean; expires: Dayjs | null }>();
  const [err, setErr] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: (v: { title: string; body: string; pinned: boolean; expires: Dayjs | null }) =>
      updateAnnouncement(a.id, {
        title: v.title,
        body: v.body,
        pinned: v.pinned,
        expiresAt: v.expires ? vnDayEnd(v.expires.format('YYYY-MM-DD')) : null,
      }),
    onSuccess: (view) => {
      qc.setQueryData(announcementKeys.one(a.id), view);
      void qc.invalidateQueries({ queryKey: ['announcements', 'list'] });
      message.success(t(`${K}.saved`));
      onClose();
    },
    onError: setErr,
  });
  return (
    <Modal
      open={open}
      title={t(`${K}.editTitle`)}
      okText={t(`${K}.save`)}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={err} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          title: a.title,
          body: a.body,
          pinned: a.pinned,
          expires: a.expiresAt ? dayjs(a.expiresAt) : null,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="title"
          label={t(`${K}.form.titleField`)}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="body" label={t(`${K}.form.body`)} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea autoSize={{ minRows: 5, maxRows: 16 }} maxLength={20000} />
        </Form.Item>
        <Form.Item name="expires" label={t(`${K}.form.expiresAt`)}>
          <DatePicker
            format="DD/MM/YYYY"
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="pinned" valuePropName="checked">
          <Checkbox>{t(`${K}.form.pinned`)}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function audienceText(a: AnnouncementView, t: TFunction): string {
  if (a.audience === 'all') return t(`${K}.audiences.all`);
  const agencies = a.agencies.map((x) => x.name).join(', ');
  if (a.audience === 'agencies') return agencies;
  const roles = a.roles.map((r) => t(`roles.${r as Role}`)).join(', ');
  return agencies ? t(`${K}.audienceRolesIn`, { roles, agencies }) : t(`${K}.audienceRolesAll`, { roles });
}

/** One announcement: opening it records that the person has read it; its sender sees who has not. */
export default function AnnouncementDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const q = useQuery({
    queryKey: announcementKeys.one(id),
    queryFn: async () => {
      const a = await getAnnouncement(id);
      // Opening it was its read receipt: the lists' bold and counts change.
      void qc.invalidateQueries({ queryKey: ['announcements', 'list'] });
      return a;
    },
  });
  const withdraw = useMutation({
    mutationFn: (reason?: string) => withdrawAnnouncement(id, reason),
    onSuccess: (view) => {
      qc.setQueryData(announcementKeys.one(id), view);
      void qc.invalidateQueries({ queryKey: ['announcements', 'list'] });
      message.success(t(`${K}.withdrawn_done`));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const a = q.data;
  const back = (
    <Link to="/thong-bao" style={{ display: 'inline-block', marginBottom: 8 }}>
      ← {t(`${K}.back`)}
    </Link>
  );
  if (q.isPending) return <Loading />;
  if (!a)
    return (
      <>
        {back}
        <PageHeader title={t(`${K}.notFound`)} />
        <ErrorAlert error={q.error} />
      </>
    );
  const manage = a.canManage && a.status === 'published';
  const askWithdraw = () => {
    let reason = '';
    modal.confirm({
      title: t(`${K}.withdraw`),
      content: (
        <>
          <p>{t(`${K}.withdrawConfirm`)}</p>
          <Input.TextArea
            aria-label={t(`${K}.withdrawReason`)}
            placeholder={t(`${K}.withdrawReason`)}
            onChange={(e) => {
              reason = e.target.value;
            }}
          />
        </>
      ),
      okText: t(`${K}.withdraw`),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => withdraw.mutateAsync(reason.trim() || undefined),
    });
  };
  return (
    <>
      {back}
      <PageHeader
        title={a.title}
        intro={
          <Space wrap size={[8, 4]}>
            {a.pinned ? (
              <Tag color="gold" icon={<PushpinFilled aria-hidden />}>
                {t(`${K}.pinned`)}
              </Tag>
            ) : null}
            {a.isPublic ? <Tag color="green">{t(`${K}.public`)}</Tag> : null}
            {a.status === 'withdrawn' ? <Tag color="red">{t(`${K}.withdrawn`)}</Tag> : null}
            {a.status !== 'withdrawn' && a.expired ? <Tag>{t(`${K}.expired`)}</Tag> : null}
            <span>
              {a.agency.name} · {formatDateTime(a.publishedAt)}
            </span>
          </Space>
        }
        extra={
          manage ? (
            <Space wrap>
              <Button onClick={() => setEditing(true)}>{t(`${K}.edit`)}</Button>
              <Button danger onClick={askWithdraw} loading={withdraw.isPending}>
                {t(`${K}.withdraw`)}
              </Button>
            </Space>
          ) : null
        }
      />
      <Card>
        <Paragraphs text={a.body} />
        {a.files.length ? (
          <>
            <h2 style={{ fontSize: 16 }}>{t(`${K}.attachments`)}</h2>
            <ul>
              {a.files.map((f) => (
                <li key={f.sha256}>
                  <a href={fileUrl(a.id, f.sha256)} download={f.fileName}>
                    <PaperClipOutlined aria-hidden /> {f.fileName}
                  </a>{' '}
                  <span className="lt-muted">({Math.max(1, Math.round(f.size / 1024))} KB)</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <Descriptions
          size="small"
          column={1}
          style={{ marginTop: 12 }}
          items={[
            { key: 'from', label: t(`${K}.from`), children: a.agency.name },
            { key: 'to', label: t(`${K}.audience`), children: audienceText(a, t) },
            {
              key: 'exp',
              label: t(`${K}.expiresAt`),
              children: a.expiresAt ? formatDate(a.expiresAt) : t(`${K}.noExpiry`),
            },
            ...(a.canManage && a.createdByName
              ? [{ key: 'by', label: t(`${K}.sentBy`), children: a.createdByName }]
              : []),
          ]}
        />
        {a.readAt ? <p className="lt-muted">{t(`${K}.readAt`, { at: formatDateTime(a.readAt) })}</p> : null}
        {a.isPublic && a.status === 'published' && !a.expired ? (
          <a href={`/cong-khai/thong-bao/${a.id}`} target="_blank" rel="noreferrer">
            {t(`${K}.publicLink`)}
          </a>
        ) : null}
      </Card>
      {a.canManage ? <Receipts id={a.id} /> : null}
      {manage ? <EditModal a={a} open={editing} onClose={() => setEditing(false)} /> : null}
    </>
  );
}

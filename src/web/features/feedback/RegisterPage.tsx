import { BarChartOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Input, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CLASSIFIED_KINDS, type FeedbackKind } from '../../../shared/feedback/rules.ts';
import { can, useSession } from '../../api/session.ts';
import { EmptyText } from '../../components/EmptyText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ListCard, ResponsiveList, usePhone } from '../../components/ResponsiveList.tsx';
import { formatDate } from '../../lib/format.ts';
import { feedbackKeys, listRegister, type RegisterFilter, type RegisterRow, registerUrl } from './api.ts';
import { FeedbackStatusTag } from './StatusTag.tsx';

const VIEWS = ['open', 'overdue', 'soon', 'received', 'accepted', 'settled', 'forwarded', 'all'] as const;
type View = (typeof VIEWS)[number];

function filterOf(view: View, kind: string, q: string): RegisterFilter {
  const f: RegisterFilter = {};
  if (view === 'open') f.status = 'open';
  else if (view === 'overdue') f.due = 'overdue';
  else if (view === 'soon') f.due = 'soon';
  else if (view !== 'all') f.status = view;
  if (kind) f.kind = kind as FeedbackKind;
  if (q) f.q = q;
  return f;
}

function monthBounds(now = new Date()) {
  const vn = new Date(now.getTime() + 7 * 3600_000);
  const y = vn.getUTCFullYear();
  const m = vn.getUTCMonth();
  const pad = (n: number) => String(n).padStart(2, '0');
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return { from: `${y}-${pad(m + 1)}-01`, to: `${y}-${pad(m + 1)}-${pad(last)}` };
}

/** Sổ đơn thư: the agency's feedback, complaints and denunciations by what needs doing. */
export default function RegisterPage() {
  const { t } = useTranslation();
  const phone = usePhone();
  const navigate = useNavigate();
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const view = (VIEWS.find((v) => v === params.get('xem')) ?? 'open') as View;
  const kind = params.get('loai') ?? '';
  const query = params.get('q') ?? '';
  const [typed, setTyped] = useState(query);
  const [range, setRange] = useState(monthBounds);
  const filter = filterOf(view, kind, query);
  const q = useInfiniteQuery({
    queryKey: feedbackKeys.list(filter),
    queryFn: ({ pageParam }) => listRegister(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const setParam = (name: string, value: string) =>
    setParams(
      (p) => {
        if (value) p.set(name, value);
        else p.delete(name);
        return p;
      },
      { replace: true },
    );
  const href = (r: RegisterRow) => `/phan-anh/${r.id}`;
  const sender = (r: RegisterRow) => r.senderName ?? t('services.feedback.sealed');
  const kindLabel = (k: string) => t(`services.feedback.kinds.${k as FeedbackKind}`);
  return (
    <>
      <PageHeader
        title={t('services.feedback.title')}
        intro={t('services.feedback.intro')}
        extra={
          <Space wrap>
            {can(me, 'feedback.receive') ? (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => navigate('/phan-anh/vao-so')}
              >
                {t('services.feedback.intake')}
              </Button>
            ) : null}
            {can(me, 'feedback.figures') ? (
              <Button icon={<BarChartOutlined aria-hidden />} onClick={() => navigate('/phan-anh/so-lieu')}>
                {t('services.feedback.figures')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setParam('q', typed.trim());
        }}
      >
        <FilterBar
          active={(view === 'open' ? 0 : 1) + (kind ? 1 : 0)}
          search={
            <Input.Search
              aria-label={t('services.feedback.search')}
              placeholder={t('services.feedback.searchPlaceholder')}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              onSearch={(v) => setParam('q', v.trim())}
              allowClear
              enterButton={t('services.feedback.searchButton')}
            />
          }
        >
          <Segmented
            aria-label={t('services.feedback.viewLabel')}
            vertical={phone}
            value={view}
            onChange={(v) => setParam('xem', String(v))}
            options={VIEWS.map((v) => ({ value: v, label: t(`services.feedback.views.${v}`) }))}
          />
          <Select
            aria-label={t('services.feedback.kindFilter')}
            value={kind}
            onChange={(v) => setParam('loai', v)}
            style={{ minWidth: 220 }}
            options={[
              { value: '', label: t('services.feedback.allKinds') },
              ...['unclassified', ...CLASSIFIED_KINDS].map((k) => ({ value: k, label: kindLabel(k) })),
            ]}
          />
        </FilterBar>
      </form>
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      <ResponsiveList<RegisterRow>
        label={t('services.feedback.listLabel')}
        items={rows}
        rowKey={(r) => r.id}
        loading={q.isPending}
        pager={q}
        showCount
        empty={
          <EmptyText>{t(query ? 'services.feedback.emptySearch' : 'services.feedback.empty')}</EmptyText>
        }
        card={(r) => (
          <ListCard
            to={href(r)}
            overline={r.code}
            title={r.subject}
            fields={[
              {
                label: t('services.feedback.kind'),
                value: kindLabel(r.kind === 'unclassified' ? r.declaredKind : r.kind),
              },
              { label: t('services.feedback.sender'), value: sender(r) },
              { label: t('services.feedback.dueAt'), value: formatDate(r.dueAt) },
            ]}
            tags={<FeedbackStatusTag status={r.status} overdue={r.overdue} />}
          />
        )}
        table={{
          size: 'small',
          scroll: { x: 1000 },
          columns: [
            {
              title: t('services.feedback.code'),
              key: 'code',
              render: (_v, r) => <Link to={href(r)}>{r.code}</Link>,
            },
            {
              title: t('services.feedback.receivedAt'),
              key: 'receivedAt',
              render: (_v, r) => formatDate(r.receivedAt),
            },
            { title: t('services.feedback.subject'), dataIndex: 'subject' },
            {
              title: t('services.feedback.kind'),
              key: 'kind',
              render: (_v, r) => kindLabel(r.kind === 'unclassified' ? r.declaredKind : r.kind),
            },
            {
              title: t('services.feedback.sender'),
              key: 'sender',
              render: (_v, r) => (r.senderName ? r.senderName : <Tag>{t('services.feedback.sealed')}</Tag>),
            },
            {
              title: t('services.feedback.channel'),
              key: 'channel',
              render: (_v, r) => t(`services.feedback.channels.${r.channel as 'online' | 'desk' | 'post'}`),
            },
            { title: t('services.feedback.dueAt'), key: 'dueAt', render: (_v, r) => formatDate(r.dueAt) },
            {
              title: t('services.feedback.status'),
              key: 'status',
              render: (_v, r) => (
                <>
                  <FeedbackStatusTag status={r.status} overdue={r.overdue} />
                  {r.status === 'forwarded' ? <div className="lt-muted">{r.holderName}</div> : null}
                </>
              ),
            },
          ],
        }}
      />
      {can(me, 'feedback.receive') ? (
        <section aria-labelledby="in-so" className="lt-section">
          <Typography.Title level={2} id="in-so">
            {t('services.feedback.register.title')}
          </Typography.Title>
          <Space wrap align="end">
            <label htmlFor="so-tu-ngay">
              {t('services.feedback.register.from')}
              <br />
              <Input
                id="so-tu-ngay"
                type="date"
                value={range.from}
                onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))}
              />
            </label>
            <label htmlFor="so-den-ngay">
              {t('services.feedback.register.to')}
              <br />
              <Input
                id="so-den-ngay"
                type="date"
                value={range.to}
                onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))}
              />
            </label>
            <Button href={registerUrl('pdf', range.from, range.to)} icon={<DownloadOutlined aria-hidden />}>
              {t('services.feedback.register.pdf')}
            </Button>
            <Button href={registerUrl('xlsx', range.from, range.to)} icon={<DownloadOutlined aria-hidden />}>
              {t('services.feedback.register.xlsx')}
            </Button>
          </Space>
        </section>
      ) : null}
    </>
  );
}

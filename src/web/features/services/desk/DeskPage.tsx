import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Input, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { DeskItem } from '../../../../shared/services/desk.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { FilterBar } from '../../../components/FilterBar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList, usePhone } from '../../../components/ResponsiveList.tsx';
import { formatDate } from '../../../lib/format.ts';
import { type DeskView, deskKeys, listDesk, registerUrl } from './api.ts';
import { DossierStatusTag } from './StatusTag.tsx';

const VIEWS: DeskView[] = ['all', 'waiting', 'working', 'paused', 'late', 'done', 'closed'];

function monthBounds(now = new Date()) {
  const vn = new Date(now.getTime() + 7 * 3600_000);
  const y = vn.getUTCFullYear();
  const m = vn.getUTCMonth();
  const pad = (n: number) => String(n).padStart(2, '0');
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return { from: `${y}-${pad(m + 1)}-01`, to: `${y}-${pad(m + 1)}-${pad(last)}` };
}

/** Bộ phận một cửa: the agency's dossiers by what needs doing, the counter, and the register (Mẫu 07). */
export default function DeskPage() {
  const { t } = useTranslation();
  const phone = usePhone();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = (VIEWS.find((v) => v === params.get('xem')) ?? 'all') as DeskView;
  const query = params.get('q') ?? '';
  const [typed, setTyped] = useState(query);
  const [range, setRange] = useState(monthBounds);
  const q = useInfiniteQuery({
    queryKey: deskKeys.list(view, query),
    queryFn: ({ pageParam }) => listDesk(view, query, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const setView = (v: string) =>
    setParams(
      (p) => {
        p.set('xem', v);
        return p;
      },
      { replace: true },
    );
  const search = (text: string) =>
    setParams(
      (p) => {
        if (text.trim()) p.set('q', text.trim());
        else p.delete('q');
        return p;
      },
      { replace: true },
    );
  const href = (r: DeskItem) => `/mot-cua/ho-so/${r.id}`;
  return (
    <>
      <PageHeader
        title={t('services.desk.title')}
        intro={t('services.desk.intro')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => navigate('/mot-cua/nhan-ho-so')}
          >
            {t('services.desk.counter')}
          </Button>
        }
      />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          search(typed);
        }}
      >
        <FilterBar
          active={view === 'all' ? 0 : 1}
          search={
            <Input.Search
              aria-label={t('services.desk.search')}
              placeholder={t('services.desk.searchPlaceholder')}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              onSearch={search}
              allowClear
              enterButton={t('services.desk.searchButton')}
            />
          }
        >
          <Segmented
            aria-label={t('services.desk.viewLabel')}
            vertical={phone}
            value={view}
            onChange={(v) => setView(String(v))}
            options={VIEWS.map((v) => ({ value: v, label: t(`services.desk.views.${v}`) }))}
          />
        </FilterBar>
      </form>
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      <ResponsiveList<DeskItem>
        label={t('services.desk.listLabel')}
        items={rows}
        rowKey={(r) => r.id}
        loading={q.isPending}
        pager={q}
        showCount
        empty={
          <EmptyText>{t(query ? 'services.desk.emptySearch' : `services.desk.empty.${view}`)}</EmptyText>
        }
        card={(r) => (
          <ListCard
            to={href(r)}
            overline={r.code}
            title={r.procedureName}
            fields={[
              { label: t('services.desk.applicant'), value: r.applicantName },
              { label: t('services.desk.dueAt'), value: formatDate(r.dueAt) },
              ...(r.currentStep
                ? [
                    {
                      label: t('services.desk.currentStep'),
                      value: `${r.currentStep}${r.currentAssignee ? ` — ${r.currentAssignee}` : ''}`,
                    },
                  ]
                : []),
            ]}
            tags={<DossierStatusTag status={r.status} late={r.late} dueSoon={r.dueSoon} />}
          />
        )}
        table={{
          size: 'small',
          scroll: { x: 980 },
          columns: [
            {
              title: t('services.desk.code'),
              key: 'code',
              render: (_v, r) => <Link to={href(r)}>{r.code}</Link>,
            },
            { title: t('services.desk.procedure'), dataIndex: 'procedureName' },
            { title: t('services.desk.applicant'), dataIndex: 'applicantName' },
            {
              title: t('services.desk.channel'),
              dataIndex: 'channel',
              render: (v: string) => t(`services.desk.channels.${v as 'online' | 'counter' | 'post'}`),
            },
            {
              title: t('services.desk.submittedAt'),
              key: 'submittedAt',
              render: (_v, r) => formatDate(r.submittedAt),
            },
            { title: t('services.desk.dueAt'), key: 'dueAt', render: (_v, r) => formatDate(r.dueAt) },
            {
              title: t('services.desk.currentStep'),
              key: 'step',
              render: (_v, r) =>
                r.currentStep ? `${r.currentStep}${r.currentAssignee ? ` — ${r.currentAssignee}` : ''}` : '—',
            },
            {
              title: t('services.desk.status'),
              key: 'status',
              render: (_v, r) => <DossierStatusTag status={r.status} late={r.late} dueSoon={r.dueSoon} />,
            },
          ],
        }}
      />
      <section aria-labelledby="so-theo-doi" className="lt-section">
        <Typography.Title level={2} id="so-theo-doi">
          {t('services.desk.register.title')}
        </Typography.Title>
        <Space wrap align="end">
          <label htmlFor="so-tu-ngay">
            {t('services.desk.register.from')}
            <br />
            <Input
              id="so-tu-ngay"
              type="date"
              value={range.from}
              onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))}
            />
          </label>
          <label htmlFor="so-den-ngay">
            {t('services.desk.register.to')}
            <br />
            <Input
              id="so-den-ngay"
              type="date"
              value={range.to}
              onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))}
            />
          </label>
          <Button href={registerUrl('pdf', range.from, range.to)} icon={<DownloadOutlined aria-hidden />}>
            {t('services.desk.register.pdf')}
          </Button>
          <Button href={registerUrl('xlsx', range.from, range.to)} icon={<DownloadOutlined aria-hidden />}>
            {t('services.desk.register.xlsx')}
          </Button>
        </Space>
      </section>
    </>
  );
}

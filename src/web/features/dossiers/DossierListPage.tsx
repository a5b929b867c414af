import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { App, Button, Segmented, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/client.ts';
import { useSession } from '../../api/session.ts';
import { EmptyText } from '../../components/EmptyText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { formatDate } from '../../lib/format.ts';
import { type DossierSummaryView, dossierKeys, listDossiers, openDossier } from './api.ts';
import { type AdHocValues, DossierStatusTag, OpenDossierModal, useRetentionLabel } from './common.tsx';

const STATUSES = ['open', 'closed', 'transferred', 'disposed'] as const;

/**
 * The dossiers the person keeps (clerks and leaders: the agency's), newest first. The archivist
 * opens none: it sees those handed to the archive and those under disposal review.
 */
export default function DossierListPage() {
  const { t } = useTranslation();
  const archivist = useSession().position?.role === 'archivist';
  const { message } = App.useApp();
  const navigate = useNavigate();
  const retention = useRetentionLabel();
  const [status, setStatus] = useState<string>('');
  const [opening, setOpening] = useState(false);
  const q = useInfiniteQuery({
    queryKey: dossierKeys.list({ status }),
    queryFn: ({ pageParam }) => listDossiers({ status: status || undefined, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const open = useMutation({
    mutationFn: (v: AdHocValues) => openDossier(v),
    onSuccess: (r) => {
      message.success(t('dossiers.opened', { code: r.fileCode }));
      navigate(`/ho-so/${r.id}`);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title={t('dossiers.listTitle')}
        intro={archivist ? t('dossiers.listIntroArchivist') : t('dossiers.listIntro')}
        extra={
          <Space wrap>
            {archivist ? null : (
              <Button type="primary" onClick={() => setOpening(true)}>
                {t('dossiers.openAction')}
              </Button>
            )}
            <Link to="/ho-so/danh-muc">{t('dossiers.planLink')}</Link>
          </Space>
        }
      />
      <Segmented
        aria-label={t('dossiers.filterStatus')}
        value={status}
        onChange={(v) => setStatus(String(v))}
        options={[
          { value: '', label: t('dossiers.all') },
          ...STATUSES.filter((s) => !archivist || s !== 'open').map((s) => ({
            value: s,
            label: t(`dossiers.status.${s}`),
          })),
        ]}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      <TableRegion label={t('dossiers.listTitle')}>
        <Table<DossierSummaryView>
          rowKey="id"
          loading={q.isPending}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: <EmptyText>{t('dossiers.nothing')}</EmptyText> }}
          scroll={{ x: 900 }}
          columns={[
            {
              title: t('dossiers.fields.fileCode'),
              dataIndex: 'fileCode',
              render: (v: string, r) => <Link to={`/ho-so/${r.id}`}>{v}</Link>,
            },
            { title: t('dossiers.fields.title'), dataIndex: 'title' },
            {
              title: t('dossiers.fields.retention'),
              dataIndex: 'retentionYears',
              render: (v: number | null) => retention(v),
            },
            {
              title: t('dossiers.fields.dates'),
              key: 'dates',
              render: (_: unknown, r) => `${formatDate(r.startDate)} – ${formatDate(r.endDate)}`,
            },
            {
              title: t('dossiers.fields.docTotal'),
              dataIndex: 'docTotal',
              render: (v: number | null) => v ?? '—',
            },
            {
              title: t('dossiers.fields.status'),
              dataIndex: 'status',
              render: (v: string) => <DossierStatusTag status={v} />,
            },
          ]}
        />
      </TableRegion>
      {q.hasNextPage ? (
        <Button
          onClick={() => void q.fetchNextPage()}
          loading={q.isFetchingNextPage}
          style={{ marginTop: 12 }}
        >
          {t('common.loadMore')}
        </Button>
      ) : null}
      <OpenDossierModal
        open={opening}
        loading={open.isPending}
        onCancel={() => setOpening(false)}
        onSubmit={(v) => open.mutate(v)}
      />
    </>
  );
}

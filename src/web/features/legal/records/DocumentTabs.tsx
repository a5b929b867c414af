import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../../api/client.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { TableRegion } from '../../../components/TableRegion.tsx';
import { formatDate } from '../../../lib/format.ts';
import {
  getDiagram,
  getHistory,
  type LegalDocument,
  type LegalDocumentSummary,
  type LegalRelationView,
  legalKeys,
  removeRelation,
  type TimelineEntry,
} from './api.ts';
import { K, StatusTag } from './common.tsx';

const docLink = (id: string) => `/van-ban-phap-luat/${id}`;

/** Lịch sử: each change of status with the document that caused it (vbpl.vn's columns). */
export function HistoryTab({ doc }: { doc: LegalDocument }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: legalKeys.history(doc.id), queryFn: () => getHistory(doc.id) });
  if (q.isPending) return <Loading />;
  return (
    <>
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      <TableRegion label={t(`${K}.history.label`)}>
        <Table<TimelineEntry & { key: number }>
          size="middle"
          pagination={false}
          scroll={{ x: 720 }}
          dataSource={(q.data?.items ?? []).map((e, key) => ({ ...e, key }))}
          locale={{ emptyText: <EmptyText>{t(`${K}.history.empty`)}</EmptyText> }}
          columns={[
            {
              title: t(`${K}.history.date`),
              dataIndex: 'date',
              width: 110,
              render: (v: string) => formatDate(v),
            },
            { title: t(`${K}.history.event`), dataIndex: 'event' },
            {
              title: t(`${K}.history.status`),
              dataIndex: 'status',
              width: 180,
              render: (v: string, e) => <StatusTag status={v} label={e.statusLabel} />,
            },
            {
              title: t(`${K}.history.by`),
              key: 'by',
              render: (_: unknown, e) =>
                e.by ? (
                  <Link to={docLink(e.by.id)} title={e.by.title}>
                    {e.by.numberNotation}
                  </Link>
                ) : (
                  '—'
                ),
            },
            { title: t(`${K}.history.articles`), dataIndex: 'articles', render: (v?: string) => v ?? '—' },
          ]}
        />
      </TableRegion>
    </>
  );
}

/** Văn bản liên quan: both directions, each with its side's label; the source's side can remove it. */
export function RelatedTab({
  doc,
  relations,
  canManage,
}: {
  doc: LegalDocument;
  relations: LegalRelationView[];
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const remove = useMutation({
    mutationFn: (relId: string) => removeRelation(doc.id, relId),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: legalKeys.all });
      message.success(t(`${K}.related.removed`));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <TableRegion label={t(`${K}.related.label`)}>
      <Table<LegalRelationView>
        size="middle"
        rowKey="id"
        pagination={false}
        scroll={{ x: 760 }}
        dataSource={relations}
        locale={{ emptyText: <EmptyText>{t(`${K}.related.empty`)}</EmptyText> }}
        columns={[
          { title: t(`${K}.related.kind`), dataIndex: 'label', width: 200 },
          {
            title: t(`${K}.related.document`),
            key: 'other',
            render: (_: unknown, r) => (
              <>
                <Link to={docLink(r.other.id)}>{r.other.numberNotation}</Link>
                <div>{r.other.title}</div>
              </>
            ),
          },
          {
            title: t(`${K}.fields.status`),
            key: 'status',
            width: 170,
            render: (_: unknown, r) => <StatusTag status={r.other.statusNow} />,
          },
          {
            title: t(`${K}.related.articles`),
            dataIndex: 'articles',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t(`${K}.related.effectiveDate`),
            dataIndex: 'effectiveDate',
            width: 110,
            render: (v: string | null) => formatDate(v),
          },
          ...(canManage
            ? [
                {
                  title: <span className="lt-visually-hidden">{t(`${K}.related.remove`)}</span>,
                  key: 'actions',
                  width: 60,
                  render: (_: unknown, r: LegalRelationView) =>
                    r.direction === 'outgoing' ? (
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={`${t(`${K}.related.remove`)} ${r.label} ${r.other.numberNotation}`}
                        onClick={() =>
                          modal.confirm({
                            title: t(`${K}.related.removeConfirm`, {
                              label: r.label,
                              number: r.other.numberNotation,
                            }),
                            okButtonProps: { danger: true },
                            okText: t(`${K}.related.remove`),
                            cancelText: t('common.cancel'),
                            onOk: () => remove.mutateAsync(r.id),
                          })
                        }
                      />
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </TableRegion>
  );
}

function DiagramCard({ d }: { d: LegalDocumentSummary }) {
  return (
    <>
      <Link to={docLink(d.id)}>{d.numberNotation}</Link>
      <div>{d.title}</div>
      <StatusTag status={d.statusNow} label={d.statusLabel} />
    </>
  );
}

/**
 * Lược đồ: the current document in the centre, the documents it acts on (outgoing) on one side and
 * those acting on it (incoming) on the other, grouped by kind in RELATION_KINDS order; each a link.
 * On a phone the columns stack with the current document first.
 */
export function DiagramTab({ doc }: { doc: LegalDocument }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: legalKeys.diagram(doc.id), queryFn: () => getDiagram(doc.id) });
  if (q.isPending) return <Loading />;
  if (!q.data) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const groups = q.data.groups.filter((g) => g.items.length);
  const side = (direction: 'incoming' | 'outgoing') => (
    <div className="lt-diagram-side">
      {groups
        .filter((g) => g.direction === direction)
        .map((g) => (
          <section key={`${g.kind}-${g.direction}`} className="lt-diagram-group" aria-label={g.label}>
            <h3>
              {g.label} ({g.items.length})
            </h3>
            <ul>
              {g.items.map((d) => (
                <li key={d.id}>
                  <DiagramCard d={d} />
                </li>
              ))}
            </ul>
          </section>
        ))}
    </div>
  );
  return (
    <section aria-label={t(`${K}.diagram.label`)}>
      {groups.length === 0 ? <EmptyText>{t(`${K}.diagram.empty`)}</EmptyText> : null}
      <div className="lt-diagram">
        {side('incoming')}
        <div className="lt-diagram-current">
          <strong>{t(`${K}.diagram.current`)}</strong>
          <div>{q.data.current.numberNotation}</div>
          <div>{q.data.current.title}</div>
          <StatusTag status={q.data.current.statusNow} label={q.data.current.statusLabel} />
        </div>
        {side('outgoing')}
      </div>
    </section>
  );
}

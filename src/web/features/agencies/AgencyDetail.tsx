import {
  ApartmentOutlined,
  EditOutlined,
  MergeCellsOutlined,
  PlusOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  type AgencyHistoryView,
  type AgencyView,
  agencyHistory,
  agencyKeys,
  getAgency,
} from '../../api/agencies.ts';
import { EmptyText } from '../../components/EmptyText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { translateDynamic } from '../../i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { agencyStatusLabel, historyChangeLabel, kindLabel } from '../../lib/labels.ts';

/** The name of a unit referenced by id (parent, merge target), read on demand. */
function AgencyName({ id }: { id: string | null | undefined }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: agencyKeys.one(id ?? ''),
    queryFn: () => getAgency(id!),
    enabled: !!id,
    staleTime: 60_000,
  });
  if (!id) return <>{t('agencies.fields.parentNone')}</>;
  return <>{q.data?.name ?? '…'}</>;
}

/** "parentId" → "Đơn vị cấp trên"; unknown fields keep their name. */
function fieldName(f: string): string {
  const key = f === 'parentId' ? 'parent' : f === 'mergedIntoId' ? 'mergedInto' : f;
  return translateDynamic(`agencies.fields.${key}`, f);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function FieldValue({ field, value }: { field: string; value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '') return <>{t('common.none')}</>;
  if (field === 'parentId' || field === 'mergedIntoId' || field === 'sourceId')
    return <AgencyName id={String(value)} />;
  if (field === 'kind') return <>{kindLabel(String(value))}</>;
  if (field === 'status') return <>{agencyStatusLabel(String(value))}</>;
  return <>{String(value)}</>;
}

/** What one history entry changed: for updates only the fields that differ. */
function HistoryChange({ item }: { item: AgencyHistoryView }) {
  useTranslation();
  const before = isRecord(item.before) ? item.before : {};
  const after = isRecord(item.after) ? item.after : {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) =>
      item.change === 'created' ||
      item.change === 'absorbed' ||
      JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null),
  );
  if (item.change === 'absorbed') {
    return (
      <>
        {typeof after.sourceName === 'string' ? (
          after.sourceName
        ) : (
          <AgencyName id={String(after.sourceId ?? '')} />
        )}
      </>
    );
  }
  return (
    <ul className="lt-plain-list">
      {keys.map((k) => (
        <li key={k}>
          <span className="lt-diff-field">{fieldName(k)}:</span>{' '}
          {k in before && item.change !== 'created' ? (
            <>
              <del>
                <FieldValue field={k} value={before[k]} />
              </del>{' '}
              →{' '}
            </>
          ) : null}
          <ins>
            <FieldValue field={k} value={after[k]} />
          </ins>
        </li>
      ))}
    </ul>
  );
}

export interface AgencyActions {
  onEdit: (a: AgencyView) => void;
  onAddChild: (a: AgencyView) => void;
  onMove: (a: AgencyView) => void;
  onMerge: (a: AgencyView) => void;
}

/** The selected unit: its data, what may be done with it, and its history (newest first). */
export function AgencyDetail({ id, actions }: { id: string; actions: AgencyActions }) {
  const { t } = useTranslation();
  const agency = useQuery({ queryKey: agencyKeys.one(id), queryFn: () => getAgency(id) });
  const history = useQuery({ queryKey: agencyKeys.history(id), queryFn: () => agencyHistory(id) });
  const a = agency.data;
  const active = a?.status === 'active';
  return (
    <Card
      className="lt-detail-card"
      title={
        <h2 className="lt-card-title" id="agency-detail-title" tabIndex={-1}>
          <ApartmentOutlined aria-hidden /> {a?.name ?? '…'}
        </h2>
      }
      loading={agency.isPending}
    >
      <ErrorAlert error={agency.error} onRetry={() => void agency.refetch()} />
      {a ? (
        <>
          <Space wrap className="lt-detail-actions">
            <Button icon={<EditOutlined aria-hidden />} disabled={!active} onClick={() => actions.onEdit(a)}>
              {t('agencies.edit')}
            </Button>
            <Button
              icon={<PlusOutlined aria-hidden />}
              disabled={!active}
              onClick={() => actions.onAddChild(a)}
            >
              {t('agencies.addChild')}
            </Button>
            <Button icon={<SwapOutlined aria-hidden />} disabled={!active} onClick={() => actions.onMove(a)}>
              {t('agencies.move')}
            </Button>
            <Button
              icon={<MergeCellsOutlined aria-hidden />}
              danger
              disabled={!active}
              onClick={() => actions.onMerge(a)}
            >
              {t('agencies.merge')}
            </Button>
          </Space>
          <Descriptions
            column={1}
            size="small"
            bordered
            styles={{ label: { width: '34%', minWidth: 110 } }}
            items={[
              { key: 'name', label: t('agencies.fields.name'), children: a.name },
              { key: 'shortName', label: t('agencies.fields.shortName'), children: a.shortName },
              { key: 'kind', label: t('agencies.fields.kind'), children: kindLabel(a.kind) },
              {
                key: 'code',
                label: t('agencies.fields.agencyCode'),
                children: a.agencyCode ?? t('common.none'),
              },
              {
                key: 'status',
                label: t('agencies.fields.status'),
                children: <Tag color={active ? 'green' : 'default'}>{agencyStatusLabel(a.status)}</Tag>,
              },
              { key: 'parent', label: t('agencies.fields.parent'), children: <AgencyName id={a.parentId} /> },
              ...(a.mergedIntoId
                ? [
                    {
                      key: 'merged',
                      label: t('agencies.fields.mergedInto'),
                      children: <AgencyName id={a.mergedIntoId} />,
                    },
                  ]
                : []),
              { key: 'email', label: t('agencies.fields.email'), children: a.email ?? t('common.none') },
              {
                key: 'address',
                label: t('agencies.fields.address'),
                children: a.address ?? t('common.none'),
              },
            ]}
          />
        </>
      ) : null}
      <Typography.Title level={3} className="lt-subtitle lt-history-title">
        {t('agencies.history.title')}
      </Typography.Title>
      <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />
      <TableRegion label={t('agencies.history.title')}>
        <Table<AgencyHistoryView>
          rowKey="id"
          size="small"
          loading={history.isPending}
          dataSource={[...(history.data?.items ?? [])].reverse()}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <EmptyText>{t('agencies.history.empty')}</EmptyText> }}
          columns={[
            {
              title: t('audit.columns.at'),
              dataIndex: 'at',
              render: (v: string) => formatDateTime(v),
              width: 150,
            },
            {
              // The name the person had when they made the change (never their id); none: the system.
              title: t('audit.columns.actor'),
              dataIndex: 'actorName',
              render: (v: string | null) => v ?? <span className="lt-muted">{t('audit.system')}</span>,
            },
            {
              title: t('audit.columns.action'),
              dataIndex: 'change',
              render: (v: string) => historyChangeLabel(v),
            },
            {
              title: t('audit.columns.detail'),
              key: 'detail',
              render: (_v, item) => <HistoryChange item={item} />,
            },
          ]}
        />
      </TableRegion>
    </Card>
  );
}

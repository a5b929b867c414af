import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Row, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Messages } from '../../../shared/i18n/vi.ts';
import { vi } from '../../../shared/i18n/vi.ts';
import { get, post } from '../../api/client.ts';
import { listPeople } from '../../api/people.ts';
import { can, useSession } from '../../api/session.ts';
import { AgencyPicker } from '../../components/AgencyPicker.tsx';
import { EmptyText } from '../../components/EmptyText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { translateDynamic } from '../../i18n.ts';
import '../../lib/dayjs-locale.ts';
import { formatDateTime } from '../../lib/format.ts';
import { actionLabel } from '../../lib/labels.ts';

interface AuditItem {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  agencyId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  ip: string | null;
  detail: unknown;
}

interface Filters {
  action?: string;
  agencyId?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; reason: string };
}

/** Known actions, from the i18n resource, grouped by their prefix ("auth", "person", "agency"…). */
const ACTION_GROUPS = Object.entries(vi.audit.actions) as [
  keyof Messages['audit']['actions'],
  Record<string, string>,
][];

/** The province has one offset all year (UTC+7, no daylight saving), so a day is [00:00, 24:00) +07:00. */
function dayStart(d: Dayjs): string {
  return `${d.format('YYYY-MM-DD')}T00:00:00+07:00`;
}
function dayEnd(d: Dayjs): string {
  return `${d.format('YYYY-MM-DD')}T23:59:59.999+07:00`;
}

function PersonPicker({
  id,
  value,
  onChange,
}: {
  id: string;
  value?: string;
  onChange: (v: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [dq, setDq] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setDq(q.trim()), 250);
    return () => clearTimeout(h);
  }, [q]);
  const people = useQuery({
    queryKey: ['people', 'pick', dq],
    queryFn: ({ signal }) => listPeople({ q: dq || undefined, limit: 20 }, signal),
  });
  return (
    <Select
      id={id}
      value={value}
      allowClear
      style={{ width: '100%' }}
      placeholder={t('common.all')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={people.isFetching}
      options={(people.data?.items ?? []).map((p) => ({
        value: p.id,
        label: `${p.fullName} (${p.username})`,
      }))}
      onChange={(v: string | undefined) => onChange(v)}
    />
  );
}

/** Nhật ký hệ thống: the audit log with filters, and (system administrators) the chain check. */
export default function AuditPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [draft, setDraft] = useState<{
    action?: string;
    agencyId?: string;
    actorId?: string;
    from?: Dayjs | null;
    to?: Dayjs | null;
  }>({});
  const [filters, setFilters] = useState<Filters>({});

  const list = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam, signal }) =>
      get<{ items: AuditItem[]; nextCursor: string | null }>(
        '/audit',
        { ...filters, limit: 50, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const verify = useMutation({ mutationFn: () => post<VerifyResult>('/audit/verify') });

  const apply = () =>
    setFilters({
      action: draft.action,
      agencyId: draft.agencyId,
      actorId: draft.actorId,
      from: draft.from ? dayStart(draft.from) : undefined,
      to: draft.to ? dayEnd(draft.to) : undefined,
    });

  const actionOptions = ACTION_GROUPS.map(([group, actions]) => ({
    label: translateDynamic(`audit.groups.${group}`, group),
    title: group,
    options: [
      {
        value: `${group}.`,
        label: `${translateDynamic(`audit.groups.${group}`, group)} — ${t('common.all')}`,
      },
      ...Object.keys(actions).map((a) => ({ value: `${group}.${a}`, label: actionLabel(`${group}.${a}`) })),
    ],
  }));

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        intro={t('audit.intro')}
        extra={
          can(me, 'system.manage') ? (
            <Button
              icon={<SafetyCertificateOutlined aria-hidden />}
              onClick={() => verify.mutate()}
              loading={verify.isPending}
            >
              {t('audit.verify')}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={verify.error} />
      {verify.data ? (
        <Alert
          className="lt-gap-bottom"
          type={verify.data.ok ? 'success' : 'error'}
          showIcon
          role={verify.data.ok ? 'status' : 'alert'}
          title={
            verify.data.ok
              ? t('audit.verifyOk', { checked: verify.data.checked })
              : t('audit.verifyBroken', {
                  seq: verify.data.firstBroken?.seq ?? '?',
                  reason: verify.data.firstBroken?.reason ?? '',
                  checked: verify.data.checked,
                })
          }
        />
      ) : null}
      <Card className="lt-filter-card">
        <form
          aria-label={t('common.filter')}
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
        >
          <Row gutter={[16, 12]} align="bottom">
            <Col xs={24} md={12} xl={8}>
              <label htmlFor="audit-action" className="lt-field-label">
                {t('audit.filters.action')}
              </label>
              <Select
                id="audit-action"
                value={draft.action}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: '100%' }}
                placeholder={t('audit.filters.actionPlaceholder')}
                options={actionOptions}
                onChange={(v: string | undefined) => setDraft((d) => ({ ...d, action: v }))}
              />
            </Col>
            <Col xs={24} md={12} xl={8}>
              <label htmlFor="audit-agency" className="lt-field-label">
                {t('audit.filters.agency')}
              </label>
              <AgencyPicker
                id="audit-agency"
                allowClear
                value={draft.agencyId ?? null}
                placeholder={t('common.all')}
                onChange={(v) => setDraft((d) => ({ ...d, agencyId: v ?? undefined }))}
              />
            </Col>
            {can(me, 'people.manage') ? (
              <Col xs={24} md={12} xl={8}>
                <label htmlFor="audit-actor" className="lt-field-label">
                  {t('audit.filters.actor')}
                </label>
                <PersonPicker
                  id="audit-actor"
                  value={draft.actorId}
                  onChange={(v) => setDraft((d) => ({ ...d, actorId: v }))}
                />
              </Col>
            ) : null}
            <Col xs={12} md={6} xl={4}>
              <label htmlFor="audit-from" className="lt-field-label">
                {t('audit.filters.from')}
              </label>
              <DatePicker
                id="audit-from"
                format="DD/MM/YYYY"
                placeholder="dd/mm/yyyy"
                value={draft.from ?? null}
                onChange={(d) => setDraft((x) => ({ ...x, from: d }))}
                style={{ width: '100%' }}
              />
            </Col>
            <Col xs={12} md={6} xl={4}>
              <label htmlFor="audit-to" className="lt-field-label">
                {t('audit.filters.to')}
              </label>
              <DatePicker
                id="audit-to"
                format="DD/MM/YYYY"
                placeholder="dd/mm/yyyy"
                value={draft.to ?? null}
                onChange={(d) => setDraft((x) => ({ ...x, to: d }))}
                style={{ width: '100%' }}
              />
            </Col>
            <Col xs={24} md={12} xl={16}>
              <Space wrap>
                <Button type="primary" htmlType="submit">
                  {t('common.filter')}
                </Button>
                <Button
                  onClick={() => {
                    setDraft({});
                    setFilters({});
                  }}
                >
                  {t('common.clearFilters')}
                </Button>
              </Space>
            </Col>
          </Row>
        </form>
      </Card>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Card>
        <TableRegion label={t('audit.title')}>
          <Table<AuditItem>
            rowKey="seq"
            size="small"
            loading={list.isPending}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyText>{t('audit.empty')}</EmptyText> }}
            expandable={{
              rowExpandable: (r) => r.detail !== null && r.detail !== undefined,
              expandedRowRender: (r) => <pre className="lt-json">{JSON.stringify(r.detail, null, 2)}</pre>,
            }}
            columns={[
              { title: '#', dataIndex: 'seq', width: 70 },
              {
                title: t('audit.columns.at'),
                dataIndex: 'at',
                render: (v: string) => formatDateTime(v),
                width: 150,
              },
              {
                title: t('audit.columns.actor'),
                key: 'actor',
                render: (_v, r) => r.actorName ?? <span className="lt-muted">{t('audit.system')}</span>,
              },
              {
                title: t('audit.columns.action'),
                dataIndex: 'action',
                render: (v: string) => (
                  <span>
                    {actionLabel(v)}
                    {actionLabel(v) !== v ? <span className="lt-code-hint">{v}</span> : null}
                  </span>
                ),
              },
              {
                title: t('audit.columns.entity'),
                key: 'entity',
                render: (_v, r) =>
                  r.entityType ? (
                    <span className="lt-muted">{`${r.entityType}${r.entityId ? ` · ${r.entityId.slice(0, 8)}…` : ''}`}</span>
                  ) : (
                    t('common.none')
                  ),
              },
              {
                title: t('audit.columns.ip'),
                dataIndex: 'ip',
                render: (v: string | null) => v ?? t('common.none'),
              },
            ]}
          />
        </TableRegion>
        <div className="lt-load-more">
          <Typography.Text type="secondary" aria-live="polite">
            {t('common.shownCount', { count: rows.length })}
          </Typography.Text>
          {list.hasNextPage ? (
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          ) : null}
        </div>
      </Card>
    </>
  );
}

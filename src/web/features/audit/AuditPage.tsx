import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { vnDayEnd, vnDayStart } from '../../../shared/calendar/vn-time.ts';
import type { Messages } from '../../../shared/i18n/vi.ts';
import { vi } from '../../../shared/i18n/vi.ts';
import type { AuditEntryView, AuditListQuery, AuditVerifyResult } from '../../../shared/schemas/admin.ts';
import type { Page } from '../../../shared/schemas/common.ts';
import { get, post } from '../../api/client.ts';
import { listPeople } from '../../api/people.ts';
import { can, useSession } from '../../api/session.ts';
import { AgencyPicker } from '../../components/AgencyPicker.tsx';
import { EmptyText } from '../../components/EmptyText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FilterBar, FilterField } from '../../components/FilterBar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../components/ResponsiveList.tsx';
import { translateDynamic } from '../../i18n.ts';
import '../../lib/dayjs-locale.ts';
import { formatDateTime } from '../../lib/format.ts';
import { actionLabel } from '../../lib/labels.ts';

/** The filters applied: the query's, without its paging. */
type Filters = Partial<Pick<AuditListQuery, 'action' | 'agencyId' | 'actorId' | 'from' | 'to'>>;

/** Known actions, from the i18n resource, grouped by their prefix ("auth", "person", "agency"…). */
const ACTION_GROUPS = Object.entries(vi.audit.actions) as [
  keyof Messages['audit']['actions'],
  Record<string, string>,
][];

/** A picked day, from its first to its last instant in Vietnam. */
const dayStart = (d: Dayjs) => vnDayStart(d.format('YYYY-MM-DD'));
const dayEnd = (d: Dayjs) => vnDayEnd(d.format('YYYY-MM-DD'));

function entityText(r: AuditEntryView): ReactNode {
  return r.entityType ? (
    <span className="lt-muted">{`${r.entityType}${r.entityId ? ` · ${r.entityId.slice(0, 8)}…` : ''}`}</span>
  ) : null;
}

/** A record on a phone; when it has details, its action is a button that shows them (JSON). */
function AuditCard({ r }: { r: AuditEntryView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const detailId = useId();
  const hasDetail = r.detail !== null && r.detail !== undefined;
  return (
    <ListCard
      overline={
        <>
          <span>#{r.seq}</span>
          <span>{formatDateTime(r.at)}</span>
        </>
      }
      title={actionLabel(r.action)}
      onOpen={hasDetail ? () => setOpen((o) => !o) : undefined}
      buttonProps={hasDetail ? { 'aria-expanded': open, 'aria-controls': detailId } : undefined}
      fields={[
        { label: t('audit.columns.actor'), value: r.actorName ?? t('audit.system') },
        { label: t('audit.columns.entity'), value: entityText(r) },
        { label: t('audit.columns.ip'), value: r.ip },
      ]}
    >
      {hasDetail ? (
        <pre id={detailId} className="lt-json lt-item-detail" hidden={!open}>
          {JSON.stringify(r.detail, null, 2)}
        </pre>
      ) : null}
    </ListCard>
  );
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
      get<Page<AuditEntryView>>('/audit', { ...filters, limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const verify = useMutation({ mutationFn: () => post<AuditVerifyResult>('/audit/verify') });

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
          <FilterBar
            active={
              [filters.action, filters.agencyId, filters.actorId, filters.from || filters.to].filter(Boolean)
                .length
            }
            actions={
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
            }
          >
            <FilterField label={t('audit.filters.action')} htmlFor="audit-action" wide>
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
            </FilterField>
            <FilterField label={t('audit.filters.agency')} htmlFor="audit-agency" wide>
              <AgencyPicker
                id="audit-agency"
                allowClear
                value={draft.agencyId ?? null}
                placeholder={t('common.all')}
                onChange={(v) => setDraft((d) => ({ ...d, agencyId: v ?? undefined }))}
              />
            </FilterField>
            {can(me, 'people.manage') ? (
              <FilterField label={t('audit.filters.actor')} htmlFor="audit-actor" wide>
                <PersonPicker
                  id="audit-actor"
                  value={draft.actorId}
                  onChange={(v) => setDraft((d) => ({ ...d, actorId: v }))}
                />
              </FilterField>
            ) : null}
            <FilterField label={t('audit.filters.from')} htmlFor="audit-from">
              <DatePicker
                id="audit-from"
                format="DD/MM/YYYY"
                placeholder="dd/mm/yyyy"
                value={draft.from ?? null}
                onChange={(d) => setDraft((x) => ({ ...x, from: d }))}
                style={{ width: '100%' }}
              />
            </FilterField>
            <FilterField label={t('audit.filters.to')} htmlFor="audit-to">
              <DatePicker
                id="audit-to"
                format="DD/MM/YYYY"
                placeholder="dd/mm/yyyy"
                value={draft.to ?? null}
                onChange={(d) => setDraft((x) => ({ ...x, to: d }))}
                style={{ width: '100%' }}
              />
            </FilterField>
          </FilterBar>
        </form>
      </Card>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Card className="lt-list-card">
        <ResponsiveList<AuditEntryView>
          label={t('audit.title')}
          items={rows}
          rowKey={(r) => String(r.seq)}
          loading={list.isPending}
          pager={list}
          showCount
          empty={<EmptyText>{t('audit.empty')}</EmptyText>}
          card={(r) => <AuditCard r={r} />}
          table={{
            size: 'small',
            scroll: { x: 'max-content' },
            expandable: {
              rowExpandable: (r) => r.detail !== null && r.detail !== undefined,
              expandedRowRender: (r) => <pre className="lt-json">{JSON.stringify(r.detail, null, 2)}</pre>,
            },
            columns: [
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
                render: (_v, r) => entityText(r) ?? t('common.none'),
              },
              {
                title: t('audit.columns.ip'),
                dataIndex: 'ip',
                render: (v: string | null) => v ?? t('common.none'),
              },
            ],
          }}
        />
      </Card>
    </>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listPeople, type PersonView, type PersonWithPassword, peopleKeys } from '../../api/people.ts';
import { AgencyPicker } from '../../components/AgencyPicker.tsx';
import { EmptyText } from '../../components/EmptyText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FilterBar, FilterField } from '../../components/FilterBar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../components/ResponsiveList.tsx';
import { roleLabel } from '../../lib/labels.ts';
import { PersonDrawer } from './PersonDrawer.tsx';
import { PersonCreateModal, TemporaryPasswordModal } from './PersonForms.tsx';
import { StatusTags } from './StatusTags.tsx';

const PAGE = 30;

/** Người dùng: search and filter by agency, "load more" pages, create, and a drawer per person. */
export default function PeoplePage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<{ q?: string; agencyId?: string }>({});
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [password, setPassword] = useState<{ person: PersonView; temporaryPassword: string } | null>(null);

  const list = useInfiniteQuery({
    queryKey: peopleKeys.list(filters),
    queryFn: ({ pageParam, signal }) => listPeople({ ...filters, limit: PAGE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const showPassword = (r: PersonWithPassword) => {
    if (r.temporaryPassword) setPassword({ person: r.person, temporaryPassword: r.temporaryPassword });
  };

  return (
    <>
      <PageHeader
        title={t('people.title')}
        intro={t('people.intro')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('people.add')}
          </Button>
        }
      />
      <Card className="lt-filter-card">
        <search>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setFilters((f) => ({ ...f, q: q.trim() || undefined }));
            }}
          >
            <FilterBar
              active={filters.agencyId ? 1 : 0}
              search={
                <FilterField label={t('people.searchLabel')} htmlFor="people-q">
                  <Space.Compact block>
                    <Input
                      id="people-q"
                      value={q}
                      onChange={(e) => setQ(e.target.value)}
                      placeholder={t('people.searchPlaceholder')}
                      allowClear
                    />
                    <Button htmlType="submit" type="primary">
                      {t('common.search')}
                    </Button>
                  </Space.Compact>
                </FilterField>
              }
            >
              <FilterField label={t('people.agencyFilter')} htmlFor="people-agency" wide>
                <AgencyPicker
                  id="people-agency"
                  agenciesOnly
                  allowClear
                  value={filters.agencyId ?? null}
                  placeholder={t('common.all')}
                  onChange={(v) => setFilters((f) => ({ ...f, agencyId: v ?? undefined }))}
                />
              </FilterField>
            </FilterBar>
          </form>
        </search>
      </Card>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Card className="lt-list-card">
        <ResponsiveList<PersonView>
          label={t('people.title')}
          items={rows}
          rowKey={(p) => p.id}
          loading={list.isPending}
          pager={list}
          showCount
          empty={<EmptyText>{t('people.empty')}</EmptyText>}
          card={(p) => (
            <ListCard
              title={p.fullName}
              onOpen={() => setOpenId(p.id)}
              fields={[{ label: t('people.fields.username'), value: p.username, hideLabel: true }]}
              tags={<StatusTags person={p} />}
            >
              <ul className="lt-plain-list lt-card-lines">
                {p.positions.map((pos) => (
                  <li key={pos.id}>
                    {pos.title || roleLabel(pos.role)} — {pos.divisionName ? `${pos.divisionName}, ` : ''}
                    {pos.agencyShortName}
                  </li>
                ))}
              </ul>
            </ListCard>
          )}
          table={{
            scroll: { x: 'max-content' },
            columns: [
              {
                title: t('people.columns.person'),
                key: 'person',
                render: (_v, p) => (
                  <div>
                    <Button type="link" className="lt-link-button" onClick={() => setOpenId(p.id)}>
                      {p.fullName}
                    </Button>
                    <div className="lt-muted">{p.username}</div>
                  </div>
                ),
              },
              {
                title: t('people.columns.positions'),
                key: 'positions',
                render: (_v, p) => (
                  <ul className="lt-plain-list">
                    {p.positions.map((pos) => (
                      <li key={pos.id}>
                        {pos.title || roleLabel(pos.role)} — {pos.divisionName ? `${pos.divisionName}, ` : ''}
                        {pos.agencyShortName} <span className="lt-muted">({roleLabel(pos.role)})</span>
                      </li>
                    ))}
                  </ul>
                ),
              },
              {
                title: t('people.columns.status'),
                key: 'status',
                render: (_v, p) => <StatusTags person={p} />,
              },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_v, p) => (
                  <Button
                    size="small"
                    onClick={() => setOpenId(p.id)}
                    aria-label={`${t('common.details')}: ${p.fullName}`}
                  >
                    {t('common.details')}
                  </Button>
                ),
              },
            ],
          }}
        />
      </Card>
      <PersonCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(r) => {
          setCreating(false);
          showPassword(r);
          void qc.invalidateQueries({ queryKey: peopleKeys.all });
        }}
      />
      <PersonDrawer personId={openId} onClose={() => setOpenId(null)} onPassword={showPassword} />
      <TemporaryPasswordModal result={password} onClose={() => setPassword(null)} />
    </>
  );
}

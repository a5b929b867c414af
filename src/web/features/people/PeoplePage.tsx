import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Input, Row, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listPeople, type PersonView, peopleKeys, type WithPassword } from '../../api/people.ts';
import { AgencyPicker } from '../../components/AgencyPicker.tsx';
import { EmptyText } from '../../components/EmptyText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { roleLabel } from '../../lib/labels.ts';
import { PHONE_QUERY, useMediaQuery } from '../../lib/media.ts';
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
  const phone = useMediaQuery(PHONE_QUERY);

  const showPassword = (r: WithPassword) => {
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
            <Row gutter={[16, 12]} align="bottom">
              <Col xs={24} md={10}>
                <label htmlFor="people-q" className="lt-field-label">
                  {t('people.searchLabel')}
                </label>
                <Input
                  id="people-q"
                  value={q}
                  onChange={(e) => setQ(e.target.value)}
                  placeholder={t('people.searchPlaceholder')}
                  allowClear
                />
              </Col>
              <Col xs={24} md={10}>
                <label htmlFor="people-agency" className="lt-field-label">
                  {t('people.agencyFilter')}
                </label>
                <AgencyPicker
                  id="people-agency"
                  agenciesOnly
                  allowClear
                  value={filters.agencyId ?? null}
                  placeholder={t('common.all')}
                  onChange={(v) => setFilters((f) => ({ ...f, agencyId: v ?? undefined }))}
                />
              </Col>
              <Col xs={24} md={4}>
                <Button htmlType="submit" type="primary" ghost block>
                  {t('common.search')}
                </Button>
              </Col>
            </Row>
          </form>
        </search>
      </Card>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Card>
        {phone ? (
          <>
            {list.isPending ? <Loading /> : null}
            {!list.isPending && rows.length === 0 ? <EmptyText>{t('people.empty')}</EmptyText> : null}
            <ul className="lt-card-list">
              {rows.map((p) => (
                <li key={p.id} className="lt-card-item">
                  <Button type="link" className="lt-link-button" onClick={() => setOpenId(p.id)}>
                    {p.fullName}
                  </Button>
                  <div className="lt-muted">{p.username}</div>
                  <ul className="lt-plain-list lt-card-lines">
                    {p.positions.map((pos) => (
                      <li key={pos.id}>
                        {pos.title || roleLabel(pos.role)} — {pos.divisionName ? `${pos.divisionName}, ` : ''}
                        {pos.agencyShortName}
                      </li>
                    ))}
                  </ul>
                  <StatusTags person={p} />
                </li>
              ))}
            </ul>
          </>
        ) : (
          <TableRegion label={t('people.title')}>
            <Table<PersonView>
              rowKey="id"
              loading={list.isPending}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <EmptyText>{t('people.empty')}</EmptyText> }}
              columns={[
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
                          {pos.title || roleLabel(pos.role)} —{' '}
                          {pos.divisionName ? `${pos.divisionName}, ` : ''}
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
              ]}
            />
          </TableRegion>
        )}
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

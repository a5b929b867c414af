import { CheckCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AdminStatsView } from '../../../shared/schemas/admin.ts';
import type { Page } from '../../../shared/schemas/common.ts';
import { get } from '../../api/client.ts';
import type { Box } from '../../api/documents.ts';
import { can, useSession } from '../../api/session.ts';
import { allowedNav } from '../../app/nav.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { currentLang } from '../../i18n.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { PinnedSlot } from '../indicators/analysis/PinnedSlot.tsx';

function AdminOverview() {
  const { t } = useTranslation();
  const me = useSession();
  const stats = useQuery({
    queryKey: ['admin', 'stats'],
    queryFn: () => get<AdminStatsView>('/admin/stats'),
  });
  const lang = currentLang();
  const figures: { key: keyof AdminStatsView; label: string; show: boolean }[] = [
    { key: 'agencies', label: t('home.stats.agencies'), show: true },
    { key: 'people', label: t('home.stats.people'), show: true },
    { key: 'signInsToday', label: t('home.stats.signInsToday'), show: true },
    { key: 'deadJobs', label: t('home.stats.deadJobs'), show: can(me, 'system.manage') },
  ];
  const links = allowedNav(me.permissions).filter((e) => e.group === 'admin');
  return (
    <section aria-labelledby="admin-overview">
      <Typography.Title level={2} id="admin-overview" className="lt-section-title">
        {t('home.adminTitle')}
        <Typography.Text type="secondary" className="lt-section-scope">
          {can(me, 'system.manage')
            ? t('home.adminScopeAll')
            : t('home.adminScopeAgency', { agency: me.agency?.name ?? '' })}
        </Typography.Text>
      </Typography.Title>
      <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />
      <Row gutter={[16, 16]}>
        {figures
          .filter((f) => f.show)
          .map((f) => (
            <Col xs={12} xl={6} key={f.key}>
              <Card className="lt-stat-card">
                <Statistic
                  title={f.label}
                  value={stats.data ? formatNumber(stats.data[f.key], lang) : '…'}
                  loading={stats.isPending}
                  styles={
                    f.key === 'deadJobs' && (stats.data?.deadJobs ?? 0) > 0
                      ? { content: { color: '#a8071a' } }
                      : undefined
                  }
                />
              </Card>
            </Col>
          ))}
      </Row>
      {links.length ? (
        <Card title={<h3 className="lt-card-title">{t('home.quickLinks')}</h3>} className="lt-quick-links">
          <ul className="lt-link-list">
            {links.map((e) => (
              <li key={e.key}>
                <Link to={e.path}>
                  {e.icon} {t(e.label)}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </section>
  );
}

/** The boxes that hold a role's waiting work, and the list each one opens. */
function pendingBoxes(role: string | undefined): { box: Box; path: string }[] {
  const inc = '/van-ban/den';
  const out = '/van-ban/di';
  const common = [
    { box: 'due_soon' as const, path: inc },
    { box: 'overdue' as const, path: inc },
  ];
  if (role === 'clerk')
    return [{ box: 'to_register', path: inc }, { box: 'to_release', path: out }, ...common];
  if (role === 'agency_leader')
    return [{ box: 'to_direct', path: inc }, { box: 'to_review', path: out }, ...common];
  if (role === 'division_head')
    return [{ box: 'to_handle', path: inc }, { box: 'to_review', path: out }, ...common];
  return [{ box: 'to_handle', path: inc }, { box: 'drafts', path: out }, ...common];
}

/** Only the size of a box's first page is shown. */
type FirstPage = Page<unknown>;

/** One figure of waiting work: how many (up to a page, then "50+"), leading to the list that holds them. */
function CountTile({
  label,
  to,
  page,
  loading,
  alert = false,
}: {
  label: string;
  to: string;
  page: FirstPage | undefined;
  loading: boolean;
  alert?: boolean;
}) {
  const { t } = useTranslation();
  const n = page ? (page.nextCursor ? t('home.pending.more') : String(page.items.length)) : '…';
  return (
    <Col xs={12} md={6}>
      {/* Named by what it shows, the label then the count (WCAG 2.5.3, label in name). */}
      <Link to={to} className="lt-pending-link">
        <Card className="lt-stat-card" hoverable>
          <Statistic
            title={label}
            value={n}
            loading={loading}
            styles={alert && page?.items.length ? { content: { color: '#a8071a' } } : undefined}
          />
        </Card>
      </Link>
    </Col>
  );
}

function PendingCount({ box, path }: { box: Box; path: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['documents', 'count', box],
    queryFn: () => get<FirstPage>('/documents', { box, limit: 50 }),
  });
  return (
    <CountTile
      label={t(`documents.boxes.${box}`)}
      to={`${path}?hop=${box}`}
      page={q.data}
      loading={q.isPending}
      alert={box === 'overdue'}
    />
  );
}

/** Messages from the agency's official mailbox waiting for the clerk (shown only when there are some). */
function MailWaiting() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['mail', 'candidates', 'waiting', 'count'],
    queryFn: () => get<FirstPage>('/mail/candidates', { status: 'waiting', limit: 50 }),
  });
  if (!q.data?.items.length) return null;
  return (
    <CountTile label={t('home.pending.mail')} to="/van-ban/den/thu-dien-tu" page={q.data} loading={false} />
  );
}

/** The archivist's waiting work: packages ready to be taken in, dossiers up for the disposal review. */
function ArchiveWaiting() {
  const { t } = useTranslation();
  const ready = useQuery({
    queryKey: ['dossiers', 'transfers', 'ready', 'count'],
    queryFn: () => get<FirstPage>('/archive-transfers', { status: 'ready', limit: 50 }),
  });
  const review = useQuery({
    queryKey: ['dossiers', 'review', 'count'],
    queryFn: () => get<FirstPage>('/dossiers/disposal-review', { limit: 50 }),
  });
  return (
    <>
      <CountTile
        label={t('home.pending.transfersReady')}
        to="/ho-so/nop-luu"
        page={ready.data}
        loading={ready.isPending}
      />
      <CountTile
        label={t('home.pending.disposalReview')}
        to="/ho-so/luu-tru"
        page={review.data}
        loading={review.isPending}
      />
    </>
  );
}

function PendingWork() {
  const { t } = useTranslation();
  const me = useSession();
  if (me.position?.role === 'archivist')
    return (
      <section aria-labelledby="pending-work">
        <Typography.Title level={2} id="pending-work" className="lt-section-title">
          {t('home.pending.title')}
        </Typography.Title>
        <Row gutter={[16, 16]}>
          <ArchiveWaiting />
        </Row>
      </section>
    );
  if (can(me, 'documents') && me.position)
    return (
      <section aria-labelledby="pending-work">
        <Typography.Title level={2} id="pending-work" className="lt-section-title">
          {t('home.pending.title')}
        </Typography.Title>
        <Row gutter={[16, 16]}>
          {pendingBoxes(me.position.role).map((b) => (
            <PendingCount key={b.box} box={b.box} path={b.path} />
          ))}
          {can(me, 'mail.receive') ? <MailWaiting /> : null}
        </Row>
      </section>
    );
  return (
    <Card title={<h2 className="lt-card-title">{t('home.pending.title')}</h2>} className="lt-pending">
      <div className="lt-empty">
        <CheckCircleOutlined className="lt-empty-icon" aria-hidden />
        <Typography.Paragraph strong>{t('home.pending.empty')}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('home.pending.hint')}</Typography.Paragraph>
      </div>
    </Card>
  );
}

/** Trang chủ: figures for administrators; for everyone else, the work waiting for them. */
export default function HomePage() {
  const { t } = useTranslation();
  const me = useSession();
  const p = me.position;
  const admin = can(me, 'people.manage');
  return (
    <>
      <PageHeader
        title={t('home.greeting', { name: me.fullName })}
        intro={
          <>
            {p
              ? t('home.positionLine', { title: p.title || t(`roles.${p.role}`), agency: p.agencyName })
              : t('shell.noPosition')}
            <span className="lt-today"> · {formatDate(new Date())}</span>
          </>
        }
      />
      {admin ? <AdminOverview /> : <PendingWork />}
      {can(me, 'indicators.read') ? <PinnedSlot /> : null}
    </>
  );
}

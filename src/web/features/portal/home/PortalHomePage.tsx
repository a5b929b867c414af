import { useQuery } from '@tanstack/react-query';
import { Card, Col, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { HomeEntryView, HomeView } from '../../../../shared/schemas/portal-home.ts';
import { get } from '../../../api/client.ts';
import type { Box } from '../../../api/documents.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { formatDate } from '../../../lib/format.ts';

const BOX_PATH: Record<string, string> = {
  to_register: '/van-ban/den',
  to_direct: '/van-ban/den',
  to_handle: '/van-ban/den',
  overdue: '/van-ban/den',
  to_review: '/van-ban/di',
  to_release: '/van-ban/di',
  drafts: '/van-ban/di',
};

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString('vi-VN', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Ho_Chi_Minh',
  });

/** One figure leading to the list that holds it (named by its label, then the count). */
function Tile({ label, value, to, alert }: { label: string; value: string; to: string; alert?: boolean }) {
  return (
    <Col xs={12} md={8} xl={4}>
      <Link to={to} className="lt-pending-link">
        <Card className="lt-stat-card" hoverable size="small">
          <Statistic
            title={label}
            value={value}
            styles={alert && value !== '0' ? { content: { color: '#a8071a' } } : undefined}
          />
        </Card>
      </Link>
    </Col>
  );
}

function EntryLine({ e, withDay }: { e: HomeEntryView; withDay: boolean }) {
  const { t } = useTranslation();
  const cancelled = e.status === 'cancelled';
  return (
    <List.Item>
      <div className={cancelled ? 'lt-portal-entry lt-portal-cancelled' : 'lt-portal-entry'}>
        <Typography.Text strong>
          {withDay ? `${formatDate(e.day)} · ` : ''}
          {t(`portal.home.sessions.${e.session}`)} {time(e.startsAt)}
          {e.endsAt ? `–${time(e.endsAt)}` : ''}
        </Typography.Text>{' '}
        {e.mine ? <Tag color="blue">{t('portal.home.mine')}</Tag> : null}
        {e.meeting ? <Tag>{t('portal.home.meeting')}</Tag> : null}
        {cancelled ? <Tag color="red">{t('portal.home.cancelled')}</Tag> : null}
        <div>{e.content}</div>
        <Typography.Text type="secondary">
          {[e.place, e.chairText].filter(Boolean).join(' · ')}
        </Typography.Text>
      </div>
    </List.Item>
  );
}

/** Trang điều hành: what a leader opens in the morning — one request, light enough for a phone. */
export default function PortalHomePage() {
  const { t } = useTranslation();
  const home = useQuery({ queryKey: ['portal', 'home'], queryFn: () => get<HomeView>('/portal/home') });
  const d = home.data;
  const today = d ? d.schedule.filter((e) => e.day === d.today) : [];
  const rest = d ? d.schedule.filter((e) => e.day !== d.today) : [];
  return (
    <>
      <PageHeader
        title={t('portal.home.title')}
        intro={
          d
            ? t('portal.home.intro', {
                date: formatDate(d.today),
                week: d.week.isoWeek,
                year: d.week.isoYear,
              })
            : undefined
        }
      />
      <ErrorAlert error={home.error} onRetry={() => void home.refetch()} />
      {d ? (
        <Space direction="vertical" size="large" className="lt-full-width">
          <section aria-labelledby="portal-figures">
            <Typography.Title level={2} id="portal-figures" className="lt-section-title">
              {t('portal.home.figures')}
            </Typography.Title>
            <Row gutter={[12, 12]}>
              {d.documents.map((b) => (
                <Tile
                  key={b.box}
                  label={t(`documents.boxes.${b.box as Box}`)}
                  value={b.more ? t('portal.home.more') : String(b.count)}
                  to={`${BOX_PATH[b.box] ?? '/van-ban/den'}?hop=${b.box}`}
                  alert={b.box === 'overdue'}
                />
              ))}
              <Tile
                label={t('portal.home.tasksOverdue')}
                value={String(d.tasks.overdue)}
                to="/nhiem-vu"
                alert
              />
              <Tile label={t('portal.home.tasksDueSoon')} value={String(d.tasks.dueSoon)} to="/nhiem-vu" />
              <Tile
                label={t('portal.home.unread')}
                value={d.announcements.more ? t('portal.home.more') : String(d.announcements.unread)}
                to="/thong-bao"
              />
            </Row>
          </section>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card
                title={<h2 className="lt-card-title">{t('portal.home.today')}</h2>}
                extra={<Link to="/lich-cong-tac">{t('portal.home.openSchedule')}</Link>}
              >
                <List
                  dataSource={today}
                  locale={{ emptyText: t('portal.home.todayEmpty') }}
                  renderItem={(e) => <EntryLine e={e} withDay={false} />}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card
                title={<h2 className="lt-card-title">{t('portal.home.announcements')}</h2>}
                extra={<Link to="/thong-bao">{t('portal.home.allAnnouncements')}</Link>}
              >
                <List
                  dataSource={d.announcements.items}
                  locale={{ emptyText: t('portal.home.announcementsEmpty') }}
                  renderItem={(a) => (
                    <List.Item>
                      <div>
                        {a.pinned ? <Tag color="gold">{t('portal.home.pinned')}</Tag> : null}
                        <Link to={`/thong-bao/${a.id}`}>
                          <strong>{a.title}</strong>
                        </Link>
                        <div>
                          <Typography.Text type="secondary">
                            {a.agencyName} · {formatDate(a.publishedAt)}
                          </Typography.Text>
                        </div>
                      </div>
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card
                title={<h2 className="lt-card-title">{t('portal.home.tasks')}</h2>}
                extra={<Link to="/nhiem-vu">{t('portal.home.allTasks')}</Link>}
              >
                <List
                  dataSource={d.tasks.items}
                  locale={{ emptyText: t('portal.home.tasksEmpty') }}
                  renderItem={(k) => (
                    <List.Item>
                      <div>
                        <Link to={`/nhiem-vu/${k.id}`}>{k.content}</Link>
                        <div>
                          {k.overdue ? <Tag color="red">{t('portal.home.overdue')}</Tag> : null}
                          <Typography.Text type="secondary">
                            {t('portal.home.due', { date: formatDate(k.dueOn) })} ·{' '}
                            {t('portal.home.lead', { agency: k.leadAgencyName })}
                          </Typography.Text>
                        </div>
                      </div>
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={<h2 className="lt-card-title">{t('portal.home.week')}</h2>}>
                <List
                  dataSource={rest}
                  locale={{ emptyText: t('portal.home.weekEmpty') }}
                  renderItem={(e) => <EntryLine e={e} withDay />}
                />
              </Card>
            </Col>
          </Row>
        </Space>
      ) : null}
    </>
  );
}

import { PaperClipOutlined, PushpinFilled } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Segmented, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ANNOUNCEMENT_FILTERS } from '../../../../shared/schemas/portal-announcements.ts';
import { can, useSession } from '../../../api/session.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { LoadMore, usePhone } from '../../../components/ResponsiveList.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { type AnnouncementFilter, announcementKeys, listAnnouncements } from './api.ts';

const K = 'portal.announcements';

/** Thông báo: the announcements addressed to the person (unread in bold, pinned first) and, for senders, their agency's. */
export default function AnnouncementsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const phone = usePhone();
  const navigate = useNavigate();
  const publisher = can(me, 'announcements.publish') && !!me.agency;
  const [params, setParams] = useSearchParams();
  const asked = params.get('loc') as AnnouncementFilter | null;
  const filter: AnnouncementFilter =
    asked && ANNOUNCEMENT_FILTERS.includes(asked) && (asked !== 'sent' || publisher) ? asked : 'all';
  const q = useInfiniteQuery({
    queryKey: announcementKeys.list(filter),
    queryFn: ({ pageParam, signal }) => listAnnouncements(filter, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = q.data?.pages[0]?.unread ?? 0;
  const filters = ANNOUNCEMENT_FILTERS.filter((f) => f !== 'sent' || publisher);
  return (
    <>
      <PageHeader
        title={t(`${K}.title`)}
        intro={t(`${K}.intro`)}
        extra={
          publisher ? (
            <Button type="primary" onClick={() => navigate('/thong-bao/soan')}>
              {t(`${K}.compose`)}
            </Button>
          ) : null
        }
      />
      <Segmented
        aria-label={t(`${K}.filters.label`)}
        vertical={phone}
        block={phone}
        value={filter}
        onChange={(v) => setParams(v === 'all' ? {} : { loc: String(v) }, { replace: true })}
        options={filters.map((f) => ({
          value: f,
          label:
            f === 'unread' && unread ? `${t(`${K}.filters.unread`)} (${unread})` : t(`${K}.filters.${f}`),
        }))}
        style={{ marginBottom: 16 }}
      />
      <p className="lt-visually-hidden" aria-live="polite">
        {t(`${K}.unreadCount`, { count: unread })}
      </p>
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      {q.isPending ? <Loading /> : null}
      {!q.isPending && items.length === 0 && !q.error ? (
        <EmptyText>{t(`${K}.empty.${filter}`)}</EmptyText>
      ) : null}
      {items.length ? (
        <ul className="lt-card-list" aria-label={t(`${K}.listLabel`)}>
          {items.map((a) => (
            <li
              key={a.id}
              className="lt-card-item lt-card-item-linked"
              style={a.read ? undefined : { borderLeft: '4px solid #1f4e8c' }}
            >
              <div className="lt-item-overline">
                {a.pinned ? (
                  <Tag color="gold" icon={<PushpinFilled aria-hidden />}>
                    {t(`${K}.pinned`)}
                  </Tag>
                ) : null}
                <span>{formatDateTime(a.publishedAt)}</span> · <span>{a.agency.name}</span>
              </div>
              <Link
                to={`/thong-bao/${a.id}`}
                className="lt-item-title lt-item-link"
                style={{ fontWeight: a.read ? 400 : 700 }}
              >
                {a.title}
                {a.read ? null : <span className="lt-visually-hidden"> ({t(`${K}.unread`)})</span>}
              </Link>
              <p style={{ margin: '0 0 6px', color: 'rgba(0,0,0,0.75)' }}>{a.excerpt}</p>
              <div className="lt-item-tags">
                {a.read ? null : (
                  <Tag color="blue" aria-hidden>
                    {t(`${K}.unread`)}
                  </Tag>
                )}
                {a.fileCount ? (
                  <Tag icon={<PaperClipOutlined aria-hidden />}>
                    {t(`${K}.files`, { count: a.fileCount })}
                  </Tag>
                ) : null}
                {a.isPublic ? <Tag color="green">{t(`${K}.public`)}</Tag> : null}
                {a.status === 'withdrawn' ? <Tag color="red">{t(`${K}.withdrawn`)}</Tag> : null}
                {a.status !== 'withdrawn' && a.expired ? <Tag>{t(`${K}.expired`)}</Tag> : null}
                {filter === 'sent' ? <Tag>{t(`${K}.audiences.${a.audience}`)}</Tag> : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <LoadMore pager={q} />
    </>
  );
}

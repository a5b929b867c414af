import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { formatViDate, vnDate } from '../../../../shared/calendar/vn-time.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList, usePhone } from '../../../components/ResponsiveList.tsx';
import {
  type InvitationStatus,
  type InvitationView,
  invitationKeys,
  listInvitations,
  type MeetingView,
  myMeetings,
} from './api.ts';
import { whenText } from './format.ts';
import { MeetingDrawer } from './MeetingDrawer.tsx';

/** The tabs as they appear in the address (?tab=…), Vietnamese slugs. */
const TABS = { cho: 'proposed', 'da-xep': 'confirmed', 'bo-qua': 'dismissed', 'cua-toi': 'mine' } as const;
type TabSlug = keyof typeof TABS;

const dayText = (d: string | null) => (d ? formatViDate(d) : '');

const mondayOf = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
};
const plusDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

function documentLine(i: InvitationView) {
  return [i.document.numberNotation, i.document.issuerName].filter(Boolean).join(' · ');
}

function InvitationList({
  status,
  onOpen,
}: {
  status: InvitationStatus;
  onOpen: (i: InvitationView) => void;
}) {
  const { t } = useTranslation();
  const list = useInfiniteQuery({
    queryKey: invitationKeys.list(status),
    queryFn: ({ pageParam }) => listInvitations(status, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const label = t(`portal.invitations.tabs.${status}`);
  const planned = (i: InvitationView) => {
    if (i.meeting) return whenText(i.meeting) + (i.meeting.place ? `, ${i.meeting.place}` : '');
    const w = whenText(i.proposal);
    return w
      ? w + (i.proposal.place ? `, ${i.proposal.place}` : '')
      : t('portal.invitations.list.noProposal');
  };
  const people = (i: InvitationView) =>
    (i.meeting ? i.meeting.people : i.assignees).map((p) => p.name).join(', ') || '—';
  const openLabel =
    status === 'proposed' ? t('portal.invitations.list.open') : t('portal.invitations.list.view');
  return (
    <>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ResponsiveList
        label={label}
        items={items}
        rowKey={(i) => i.documentId}
        loading={list.isPending}
        empty={<EmptyText>{t(`portal.invitations.empty.${status}`)}</EmptyText>}
        pager={list}
        card={(i) => (
          <ListCard
            onOpen={() => onOpen(i)}
            overline={documentLine(i)}
            title={i.document.summary}
            fields={[
              {
                label: i.meeting
                  ? t('portal.invitations.list.meeting')
                  : t('portal.invitations.list.proposed'),
                value: planned(i),
              },
              {
                label: i.meeting
                  ? t('portal.invitations.drawer.people')
                  : t('portal.invitations.list.assignees'),
                value: people(i),
              },
              ...(i.dismissReason
                ? [{ label: t('portal.invitations.list.dismissReason'), value: i.dismissReason }]
                : []),
            ]}
            tags={
              i.meeting?.status === 'cancelled' ? (
                <Tag>{t('portal.invitations.list.cancelled')}</Tag>
              ) : undefined
            }
          />
        )}
        table={{
          columns: [
            {
              title: t('portal.invitations.list.document'),
              key: 'doc',
              render: (_, i) => (
                <Space direction="vertical" size={0}>
                  <Link to={`/van-ban/${i.document.id}`}>{i.document.summary}</Link>
                  <Typography.Text type="secondary">{documentLine(i)}</Typography.Text>
                </Space>
              ),
            },
            {
              title:
                status === 'proposed'
                  ? t('portal.invitations.list.proposed')
                  : t('portal.invitations.list.meeting'),
              key: 'when',
              render: (_, i) => (
                <>
                  {planned(i)}
                  {i.meeting?.status === 'cancelled' ? (
                    <Tag style={{ marginInlineStart: 8 }}>{t('portal.invitations.list.cancelled')}</Tag>
                  ) : null}
                  {i.dismissReason ? (
                    <div>
                      <Typography.Text type="secondary">{i.dismissReason}</Typography.Text>
                    </div>
                  ) : null}
                </>
              ),
            },
            {
              title:
                status === 'proposed'
                  ? t('portal.invitations.list.assignees')
                  : t('portal.invitations.drawer.people'),
              key: 'people',
              render: (_, i) => people(i),
            },
            {
              title: <span className="lt-sr-only">{openLabel}</span>,
              key: 'open',
              width: 120,
              render: (_, i) => (
                <Button
                  type={status === 'proposed' ? 'primary' : 'default'}
                  onClick={() => onOpen(i)}
                  aria-label={`${openLabel}: ${i.document.summary}`}
                >
                  {openLabel}
                </Button>
              ),
            },
          ],
        }}
      />
    </>
  );
}

function MyMeetings({ week, onWeek }: { week: string; onWeek: (w: string) => void }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: invitationKeys.mine(week), queryFn: () => myMeetings(week) });
  const range = q.data
    ? t('portal.invitations.mine.range', { from: dayText(q.data.weekStart), to: dayText(q.data.weekEnd) })
    : '';
  const line = (m: MeetingView) => `${whenText(m)}${m.place ? `, ${m.place}` : ''}`;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button onClick={() => onWeek(plusDays(week, -7))}>{t('portal.invitations.mine.prev')}</Button>
        <Button onClick={() => onWeek(mondayOf(vnDate(new Date())))}>
          {t('portal.invitations.mine.thisWeek')}
        </Button>
        <Button onClick={() => onWeek(plusDays(week, 7))}>{t('portal.invitations.mine.next')}</Button>
        <Typography.Text aria-live="polite">{range}</Typography.Text>
      </Space>
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      {q.data && q.data.items.length === 0 ? (
        <Empty description={t('portal.invitations.empty.mine')} />
      ) : (
        <List
          loading={q.isPending}
          aria-label={t('portal.invitations.tabs.mine')}
          dataSource={q.data?.items ?? []}
          rowKey={(m) => m.id}
          renderItem={(m) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <span style={m.status === 'cancelled' ? { textDecoration: 'line-through' } : undefined}>
                    {m.content}
                  </span>
                }
                description={
                  <>
                    <div>{line(m)}</div>
                    {m.chairText ? <div>{m.chairText}</div> : null}
                    {m.status === 'cancelled' ? <Tag>{t('portal.invitations.list.cancelled')}</Tag> : null}
                    {m.invitationDocumentId ? (
                      <Link to={`/van-ban/${m.invitationDocumentId}`}>
                        {t('portal.invitations.drawer.openDocument')}
                      </Link>
                    ) : null}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </>
  );
}

/** Giấy mời: invitations waiting to be scheduled, scheduled, dismissed; my meetings of the week. */
export default function InvitationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const slug = (params.get('tab') ?? 'cho') as TabSlug;
  const tab = TABS[slug] ?? 'proposed';
  const week = mondayOf(params.get('tuan') ?? vnDate(new Date()));
  const [open, setOpen] = useState<InvitationView | null>(null);
  const phone = usePhone();
  const go = (s: TabSlug, extra: Record<string, string> = {}) =>
    setParams({ tab: s, ...extra }, { replace: true });
  const slugOf = (v: string) => (Object.keys(TABS) as TabSlug[]).find((k) => TABS[k] === v) ?? 'cho';
  return (
    <>
      <PageHeader title={t('portal.invitations.title')} intro={t('portal.invitations.intro')} />
      <Segmented
        aria-label={t('portal.invitations.title')}
        vertical={phone}
        value={tab}
        onChange={(k) => go(slugOf(String(k)))}
        options={(['proposed', 'confirmed', 'dismissed', 'mine'] as const).map((s) => ({
          value: s,
          label: t(`portal.invitations.tabs.${s}`),
        }))}
        style={{ marginBottom: 16 }}
      />
      {tab === 'mine' ? (
        <MyMeetings week={week} onWeek={(w) => go('cua-toi', { tuan: w })} />
      ) : (
        <InvitationList key={tab} status={tab} onOpen={setOpen} />
      )}
      <MeetingDrawer item={open} onClose={() => setOpen(null)} />
    </>
  );
}

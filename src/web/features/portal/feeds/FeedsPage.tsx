import { CalendarOutlined, LinkOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Popconfirm, Radio, Row, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client.ts';
import { CopyButton } from '../../../components/CopyButton.tsx';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../../components/ResponsiveList.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import {
  type CreatedFeedView,
  createFeed,
  type FeedChoice,
  type FeedView,
  feedKeys,
  feedOptions,
  feedUrl,
  listFeeds,
  revokeFeed,
  webcalUrl,
} from './api.ts';

/** Links inside a sentence are underlined (not told apart by colour alone). */
const inlineLink = { textDecoration: 'underline' } as const;

const keyOf = (c: Pick<FeedChoice, 'scope' | 'targetId'>) => `${c.scope}|${c.targetId ?? ''}`;

interface CreateValues {
  choice: string;
  label?: string;
}

/** The address just created: shown once, with copy, open-in-app and the apps' instructions. */
function NewFeed({ feed, onDone }: { feed: CreatedFeedView; onDone: () => void }) {
  const { t } = useTranslation();
  const url = feedUrl(feed);
  return (
    <Card title={t('portal.feeds.newTitle')} style={{ marginBottom: 16 }}>
      <Alert type="warning" showIcon title={t('portal.feeds.onceWarning')} style={{ marginBottom: 12 }} />
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>
        {feed.title}
      </Typography.Paragraph>
      <label htmlFor="lt-feed-url" className="lt-visually-hidden">
        {t('portal.feeds.newUrlLabel')}
      </label>
      <Input
        id="lt-feed-url"
        readOnly
        value={url}
        onFocus={(e) => e.target.select()}
        spellCheck={false}
        style={{ fontFamily: 'monospace', marginBottom: 8 }}
      />
      <Space wrap>
        <CopyButton text={url} targetId="lt-feed-url" />
        <Button icon={<CalendarOutlined aria-hidden />} href={webcalUrl(url)}>
          {t('portal.feeds.openInApp')}
        </Button>
        <Button type="primary" onClick={onDone}>
          {t('portal.feeds.done')}
        </Button>
      </Space>
    </Card>
  );
}

function HowTo() {
  const { t } = useTranslation();
  const items = [
    ['howThunderbird', 'howThunderbirdText'],
    ['howIphone', 'howIphoneText'],
    ['howAndroid', 'howAndroidText'],
  ] as const;
  return (
    <Card title={t('portal.feeds.howTitle')} style={{ marginBottom: 16 }}>
      {items.map(([title, text]) => (
        <section key={title}>
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            {t(`portal.feeds.${title}`)}
          </Typography.Title>
          <Typography.Paragraph>{t(`portal.feeds.${text}`)}</Typography.Paragraph>
        </section>
      ))}
    </Card>
  );
}

/** Đăng ký lịch công tác: subscription addresses of the schedules for calendar apps. */
export default function FeedsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<CreateValues>();
  const options = useQuery({ queryKey: feedKeys.options, queryFn: feedOptions });
  const list = useQuery({ queryKey: feedKeys.list, queryFn: listFeeds });
  const [fresh, setFresh] = useState<CreatedFeedView | null>(null);

  const choices = useMemo(() => {
    const o = options.data;
    if (!o) return [];
    const out: { choice: FeedChoice; label: string; hint?: string }[] = [
      { choice: o.mine, label: t('portal.feeds.mine'), hint: t('portal.feeds.mineHint') },
      ...o.agencies.map((a) => ({ choice: a, label: t('portal.feeds.agency'), hint: a.title })),
    ];
    if (o.province)
      out.push({ choice: o.province, label: t('portal.feeds.province'), hint: o.province.title });
    out.push({ choice: o.all, label: t('portal.feeds.all'), hint: t('portal.feeds.allHint') });
    return out;
  }, [options.data, t]);

  const create = useMutation({
    mutationFn: (v: CreateValues) => {
      const c = choices.find((x) => keyOf(x.choice) === v.choice)?.choice;
      if (!c) throw new Error('no choice');
      return createFeed({
        scope: c.scope,
        targetId: c.scope === 'agency' ? (c.targetId ?? undefined) : undefined,
        label: v.label?.trim() || undefined,
      });
    },
    onSuccess: (f) => {
      setFresh(f);
      form.setFieldValue('label', '');
      message.success(t('portal.feeds.created'));
      void qc.invalidateQueries({ queryKey: feedKeys.list });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => revokeFeed(id),
    onSuccess: (_r, id) => {
      if (fresh?.id === id) setFresh(null);
      message.success(t('portal.feeds.revoked'));
      void qc.invalidateQueries({ queryKey: feedKeys.list });
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  const name = (f: FeedView) => (f.label ? `${f.title} (${f.label})` : f.title);
  const lastUsed = (f: FeedView) =>
    f.lastUsedAt ? formatDateTime(f.lastUsedAt) : t('portal.feeds.neverUsed');
  const revokeButton = (f: FeedView) => (
    <Popconfirm
      title={t('portal.feeds.revokeConfirm')}
      okText={t('portal.feeds.revoke')}
      cancelText={t('common.cancel')}
      onConfirm={() => revoke.mutate(f.id)}
    >
      <Button
        size="small"
        danger
        icon={<StopOutlined aria-hidden />}
        aria-label={t('portal.feeds.revokeNamed', { name: name(f) })}
      >
        {t('portal.feeds.revoke')}
      </Button>
    </Popconfirm>
  );

  return (
    <>
      <PageHeader title={t('portal.feeds.title')} intro={t('portal.feeds.intro')} />
      {fresh ? <NewFeed feed={fresh} onDone={() => setFresh(null)} /> : null}
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={t('portal.feeds.createTitle')} style={{ marginBottom: 16 }}>
            <ErrorAlert error={options.error} onRetry={() => void options.refetch()} />
            <ErrorAlert error={create.error} />
            {options.data ? (
              <Form<CreateValues>
                form={form}
                layout="vertical"
                initialValues={{ choice: keyOf(options.data.mine), label: '' }}
                onFinish={(v) => create.mutate(v)}
              >
                <Form.Item name="choice" label={t('portal.feeds.which')}>
                  <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
                    {choices.map((c) => (
                      <Radio key={keyOf(c.choice)} value={keyOf(c.choice)}>
                        <strong>{c.label}</strong>
                        {c.hint ? <div className="lt-muted">{c.hint}</div> : null}
                      </Radio>
                    ))}
                  </Radio.Group>
                </Form.Item>
                <Form.Item name="label" label={t('portal.feeds.label')}>
                  <Input maxLength={200} placeholder={t('portal.feeds.labelPlaceholder')} />
                </Form.Item>
                <Button
                  type="primary"
                  htmlType="submit"
                  icon={<LinkOutlined aria-hidden />}
                  loading={create.isPending}
                >
                  {t('portal.feeds.create')}
                </Button>
              </Form>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <HowTo />
        </Col>
      </Row>
      <Card title={t('portal.feeds.listTitle')} style={{ marginBottom: 16 }}>
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        <ResponsiveList<FeedView>
          label={t('portal.feeds.listLabel')}
          items={list.data ?? []}
          rowKey={(f) => f.id}
          loading={list.isPending}
          empty={<EmptyText>{t('portal.feeds.empty')}</EmptyText>}
          table={{
            size: 'small',
            scroll: { x: 'max-content' },
            columns: [
              { title: t('portal.feeds.colCalendar'), key: 'title', render: (_v, f) => f.title },
              { title: t('portal.feeds.colLabel'), key: 'label', render: (_v, f) => f.label || '—' },
              {
                title: t('portal.feeds.colCreated'),
                key: 'created',
                render: (_v, f) => formatDateTime(f.createdAt),
              },
              { title: t('portal.feeds.colLastUsed'), key: 'used', render: (_v, f) => lastUsed(f) },
              { title: t('portal.feeds.actions'), key: 'x', render: (_v, f) => revokeButton(f) },
            ],
          }}
          card={(f) => (
            <ListCard
              title={name(f)}
              fields={[
                { label: t('portal.feeds.colCreated'), value: formatDateTime(f.createdAt) },
                { label: t('portal.feeds.colLastUsed'), value: lastUsed(f) },
              ]}
              actions={revokeButton(f)}
            />
          )}
        />
      </Card>
      <Card title={t('portal.feeds.publicTitle')}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {t('portal.feeds.publicText')}{' '}
          <a href="/cong-khai/lich-cong-tac" style={inlineLink}>
            /cong-khai/lich-cong-tac
          </a>{' '}
          {t('portal.feeds.publicIcs')}{' '}
          <a href="/cong-khai/lich-cong-tac.ics" style={inlineLink}>
            /cong-khai/lich-cong-tac.ics
          </a>
          .
        </Typography.Paragraph>
      </Card>
    </>
  );
}

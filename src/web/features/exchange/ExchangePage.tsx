import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Radio, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../shared/schemas/common.ts';
import type { PeerInput, PeerWithCountsView } from '../../../shared/schemas/exchange.ts';
import { errorMessage } from '../../api/client.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { EmptyText } from '../../components/EmptyText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FilterBar, FilterField } from '../../components/FilterBar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../components/ResponsiveList.tsx';
import { translateDynamic } from '../../i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { applyFieldErrors } from '../../lib/forms.ts';
import {
  createPeer,
  exchangeKeys,
  getIdentity,
  listInbox,
  listOutbox,
  listPeers,
  retryOutbox,
  retryPeer,
  updatePeer,
} from './api.ts';

const STATE_COLOR: Record<string, string> = {
  pending: 'gold',
  failed: 'orange',
  refused: 'red',
  delivered: 'green',
  accepted: 'green',
  active: 'green',
  disabled: 'default',
};

export function StateTag({ state }: { state: string }) {
  return (
    <Tag color={STATE_COLOR[state] ?? 'default'}>{translateDynamic(`exchange.states.${state}`, state)}</Tag>
  );
}

function kindText(kind: string, business: string) {
  if (kind === 'status') return `${translateDynamic('exchange.kinds.status', kind)} ${business}`;
  return `${translateDynamic(`exchange.kinds.${kind}`, kind)} (${translateDynamic(`exchange.kinds.${business}`, business)})`;
}

function PeerForm({ peer, onClose }: { peer: PeerWithCountsView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<PeerInput & { auth: 'secret' | 'key' }>();
  const auth = Form.useWatch('auth', form) ?? peer?.auth ?? 'secret';
  const save = useMutation({
    mutationFn: ({ auth: how, ...v }: PeerInput & { auth: 'secret' | 'key' }) => {
      // Only the chosen credential travels; left empty on an edit, the registered one is kept.
      const body = {
        ...v,
        secret: how === 'secret' ? v.secret || undefined : undefined,
        publicKey: how === 'key' ? v.publicKey?.trim() || undefined : undefined,
      };
      return peer ? updatePeer(peer.id, body) : createPeer(body);
    },
    onSuccess: () => {
      message.success(t('exchange.saved'));
      void qc.invalidateQueries({ queryKey: exchangeKeys.all });
      onClose();
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  return (
    <Modal
      open
      title={peer ? t('exchange.editPeer') : t('exchange.addPeer')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          peer
            ? {
                name: peer.name,
                baseUrl: peer.baseUrl,
                agencyCodes: peer.agencyCodes,
                status: peer.status,
                auth: peer.auth,
              }
            : { agencyCodes: [], status: 'active', auth: 'secret' }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="name"
          label={t('exchange.fields.name')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="baseUrl"
          label={t('exchange.fields.baseUrl')}
          extra={t('exchange.fields.baseUrlHint')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input inputMode="url" />
        </Form.Item>
        <Form.Item
          name="agencyCodes"
          label={t('exchange.fields.agencyCodes')}
          extra={t('exchange.fields.agencyCodesHint')}
        >
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', ';', ' ']} />
        </Form.Item>
        <Form.Item name="auth" label={t('exchange.fields.auth')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'secret', label: t('exchange.fields.authSecret') },
              { value: 'key', label: t('exchange.fields.authKey') },
            ]}
          />
        </Form.Item>
        {auth === 'secret' ? (
          <Form.Item
            name="secret"
            label={t('exchange.fields.secret')}
            extra={t('exchange.fields.secretHint')}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ) : (
          <Form.Item
            name="publicKey"
            label={t('exchange.fields.publicKey')}
            extra={t('exchange.fields.publicKeyHint')}
          >
            <Input.TextArea rows={5} spellCheck={false} className="lt-mono" />
          </Form.Item>
        )}
        <Form.Item name="status" label={t('exchange.fields.status')}>
          <Select
            options={['active', 'disabled'].map((s) => ({
              value: s,
              label: translateDynamic(`exchange.states.${s}`, s),
            }))}
          />
        </Form.Item>
        <ErrorAlert error={save.error} />
      </Form>
    </Modal>
  );
}

function Queue({ peerId, direction }: { peerId?: string; direction: 'outbox' | 'inbox' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [state, setState] = useState<string | undefined>();
  const q =
    direction === 'outbox'
      ? { peerId, state }
      : peerId
        ? { peerId, state }
        : { via: 'upload' as const, state };
  const list = useInfiniteQuery({
    queryKey: direction === 'outbox' ? exchangeKeys.outbox(q) : exchangeKeys.inbox(q),
    queryFn: ({ pageParam }): Promise<Page<Record<string, unknown>>> =>
      (direction === 'outbox'
        ? listOutbox({ ...q, cursor: pageParam })
        : listInbox({ ...q, cursor: pageParam })) as unknown as Promise<Page<Record<string, unknown>>>,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const retry = useMutation({
    mutationFn: retryOutbox,
    onSuccess: () => void qc.invalidateQueries({ queryKey: exchangeKeys.all }),
    onError: (e) => message.error(errorMessage(e)),
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const states =
    direction === 'outbox' ? ['pending', 'failed', 'refused', 'delivered'] : ['accepted', 'refused'];
  return (
    <>
      <FilterBar active={state ? 1 : 0}>
        <FilterField label={t('exchange.columns.state')} htmlFor={`q-${direction}-${peerId ?? 'u'}`}>
          <Select
            id={`q-${direction}-${peerId ?? 'u'}`}
            allowClear
            style={{ width: '100%' }}
            placeholder={t('exchange.allStates')}
            value={state}
            onChange={(v: string | undefined) => setState(v)}
            options={states.map((s) => ({ value: s, label: translateDynamic(`exchange.states.${s}`, s) }))}
          />
        </FilterField>
      </FilterBar>
      <ErrorAlert error={list.error} />
      <ResponsiveList<Record<string, unknown>>
        label={direction === 'outbox' ? t('exchange.outbox') : t('exchange.inbox')}
        items={rows}
        rowKey={(r) => String(r.id)}
        loading={list.isLoading}
        pager={list}
        empty={<EmptyText>{t('common.none')}</EmptyText>}
        card={(r) => (
          <ListCard
            overline={
              <>
                <span>{formatDateTime(String(r.createdAt))}</span>
                <span>{kindText(String(r.kind), String(r.business))}</span>
              </>
            }
            title={r.subject ? String(r.subject) : String(r.docKey ?? '—')}
            fields={[
              ...(r.subject
                ? [{ label: t('exchange.columns.document'), value: String(r.docKey ?? '—'), hideLabel: true }]
                : []),
              direction === 'outbox'
                ? { label: t('exchange.columns.to'), value: String(r.toCode) }
                : { label: t('exchange.columns.from'), value: String(r.senderCode ?? '—') },
              ...(direction === 'outbox'
                ? [{ label: t('exchange.columns.attempts'), value: String(r.attempts) }]
                : []),
              {
                label: t('exchange.columns.reason'),
                value: String((direction === 'outbox' ? r.lastError : r.reason) ?? ''),
              },
            ]}
            tags={<StateTag state={String(r.state)} />}
            actions={
              direction === 'outbox' && r.state !== 'delivered' ? (
                <Button
                  size="small"
                  onClick={() => retry.mutate(String(r.id))}
                  loading={retry.isPending}
                  aria-label={`${t('exchange.retryOne')}: ${String(r.subject ?? r.docKey ?? '')}`}
                >
                  {t('exchange.retryOne')}
                </Button>
              ) : null
            }
          />
        )}
        table={{
          size: 'small',
          scroll: { x: 900 },
          columns: [
            {
              key: 'time',
              title: t('exchange.columns.time'),
              render: (_, r) => formatDateTime(String(r.createdAt)),
            },
            {
              key: 'kind',
              title: t('exchange.columns.kind'),
              render: (_, r) => kindText(String(r.kind), String(r.business)),
            },
            {
              key: 'doc',
              title: t('exchange.columns.document'),
              render: (_, r) => (
                <>
                  <div>{String(r.docKey ?? '—')}</div>
                  {r.subject ? <div className="lt-muted">{String(r.subject)}</div> : null}
                </>
              ),
            },
            direction === 'outbox'
              ? { key: 'to', title: t('exchange.columns.to'), render: (_, r) => String(r.toCode) }
              : {
                  key: 'from',
                  title: t('exchange.columns.from'),
                  render: (_, r) => String(r.senderCode ?? '—'),
                },
            {
              key: 'state',
              title: t('exchange.columns.state'),
              render: (_, r) => <StateTag state={String(r.state)} />,
            },
            {
              key: 'reason',
              title: t('exchange.columns.reason'),
              render: (_, r) => String((direction === 'outbox' ? r.lastError : r.reason) ?? ''),
            },
            ...(direction === 'outbox'
              ? [
                  {
                    key: 'attempts',
                    title: t('exchange.columns.attempts'),
                    render: (_: unknown, r: Record<string, unknown>) => String(r.attempts),
                  },
                  {
                    key: 'retry',
                    title: '',
                    render: (_: unknown, r: Record<string, unknown>) =>
                      r.state === 'delivered' ? null : (
                        <Button
                          size="small"
                          onClick={() => retry.mutate(String(r.id))}
                          loading={retry.isPending}
                        >
                          {t('exchange.retryOne')}
                        </Button>
                      ),
                  },
                ]
              : []),
          ],
        }}
      />
    </>
  );
}

function counts(c: Record<string, number>) {
  const parts = Object.entries(c).map(([k, n]) => `${translateDynamic(`exchange.states.${k}`, k)}: ${n}`);
  return parts.length ? parts.join(' · ') : '—';
}

/** This installation's public key, for peers that authenticate by key instead of a shared secret. */
function IdentityCard() {
  const { t } = useTranslation();
  const id = useQuery({ queryKey: exchangeKeys.identity, queryFn: getIdentity });
  return (
    <Card title={<h2 className="lt-card-title">{t('exchange.identity.title')}</h2>} className="lt-gap-bottom">
      <Typography.Paragraph type="secondary">{t('exchange.identity.intro')}</Typography.Paragraph>
      <ErrorAlert error={id.error} />
      {id.data ? (
        <>
          <Typography.Paragraph>
            {t('exchange.identity.fingerprint')}: <code id="lt-key-fingerprint">{id.data.fingerprint}</code> ·{' '}
            {t('exchange.identity.algorithm')}: {id.data.algorithm}
          </Typography.Paragraph>
          <div className="lt-secret-row">
            <pre id="lt-public-key" className="lt-secret lt-public-key">
              {id.data.publicKey}
            </pre>
            <CopyButton text={id.data.publicKey} targetId="lt-public-key" />
          </div>
        </>
      ) : null}
    </Card>
  );
}

/** Liên thông: peer installations, their queues (pending, failed with reason, delivered) and retries. */
export default function ExchangePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<PeerWithCountsView | null | 'new'>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const peers = useQuery({ queryKey: exchangeKeys.peers, queryFn: listPeers, refetchInterval: 10_000 });
  const retry = useMutation({
    mutationFn: retryPeer,
    onSuccess: (r) => {
      message.success(t('exchange.retried', { count: r.requeued }));
      void qc.invalidateQueries({ queryKey: exchangeKeys.all });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const items = peers.data?.items ?? [];
  const current = items.find((p) => p.id === selected) ?? items[0];
  return (
    <>
      <PageHeader
        title={t('exchange.title')}
        intro={t('exchange.intro')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
            {t('exchange.addPeer')}
          </Button>
        }
      />
      <ErrorAlert error={peers.error} />
      <Card
        title={<h2 className="lt-card-title">{t('exchange.peers')}</h2>}
        className="lt-gap-bottom lt-list-card"
      >
        <ResponsiveList<PeerWithCountsView>
          label={t('exchange.peers')}
          items={items}
          rowKey={(p) => p.id}
          loading={peers.isLoading}
          empty={<EmptyText>{t('exchange.noPeers')}</EmptyText>}
          card={(p) => (
            <ListCard
              onOpen={() => setSelected(p.id)}
              buttonProps={{ 'aria-pressed': p.id === current?.id }}
              selected={p.id === current?.id}
              title={p.name}
              fields={[
                { label: t('exchange.fields.baseUrl'), value: p.baseUrl, hideLabel: true },
                { label: t('exchange.columns.codes'), value: p.agencyCodes.join(', ') },
                {
                  label: t('exchange.columns.auth'),
                  value:
                    p.auth === 'key'
                      ? t('exchange.fields.authKeyShort')
                      : t('exchange.fields.authSecretShort'),
                },
                { label: t('exchange.outbox'), value: counts(p.outbox) },
                { label: t('exchange.inbox'), value: counts(p.inbox) },
              ]}
              tags={<StateTag state={p.status} />}
              actions={
                <>
                  <Button
                    size="small"
                    onClick={() => setEditing(p)}
                    aria-label={`${t('exchange.editPeer')}: ${p.name}`}
                  >
                    {t('exchange.editPeer')}
                  </Button>
                  <Button
                    size="small"
                    icon={<ReloadOutlined aria-hidden />}
                    loading={retry.isPending}
                    onClick={() => retry.mutate(p.id)}
                    aria-label={`${t('exchange.retryAll')}: ${p.name}`}
                  >
                    {t('exchange.retryAll')}
                  </Button>
                </>
              }
            />
          )}
          table={{
            size: 'small',
            scroll: { x: 900 },
            rowClassName: (p) => (p.id === current?.id ? 'ant-table-row-selected' : ''),
            columns: [
              {
                key: 'name',
                title: t('exchange.fields.name'),
                render: (_, p) => (
                  <Button
                    type="link"
                    style={{ padding: 0 }}
                    onClick={() => setSelected(p.id)}
                    aria-pressed={p.id === current?.id}
                  >
                    {p.name}
                  </Button>
                ),
              },
              { key: 'url', title: t('exchange.fields.baseUrl'), dataIndex: 'baseUrl' },
              {
                key: 'codes',
                title: t('exchange.columns.codes'),
                render: (_, p) => p.agencyCodes.join(', '),
              },
              {
                key: 'auth',
                title: t('exchange.columns.auth'),
                render: (_, p) =>
                  p.auth === 'key' ? (
                    <span title={p.keyFingerprint ?? undefined}>{t('exchange.fields.authKeyShort')}</span>
                  ) : (
                    t('exchange.fields.authSecretShort')
                  ),
              },
              {
                key: 'status',
                title: t('exchange.fields.status'),
                render: (_, p) => <StateTag state={p.status} />,
              },
              { key: 'out', title: t('exchange.outbox'), render: (_, p) => counts(p.outbox) },
              { key: 'in', title: t('exchange.inbox'), render: (_, p) => counts(p.inbox) },
              {
                key: 'actions',
                title: '',
                render: (_, p) => (
                  <Space>
                    <Button size="small" onClick={() => setEditing(p)}>
                      {t('exchange.editPeer')}
                    </Button>
                    <Button
                      size="small"
                      icon={<ReloadOutlined aria-hidden />}
                      loading={retry.isPending}
                      onClick={() => retry.mutate(p.id)}
                    >
                      {t('exchange.retryAll')}
                    </Button>
                  </Space>
                ),
              },
            ],
          }}
        />
      </Card>
      {current ? (
        <Card
          title={<h2 className="lt-card-title">{`${t('exchange.columns.queue')}: ${current.name}`}</h2>}
          className="lt-gap-bottom lt-list-card"
        >
          <Tabs
            items={[
              {
                key: 'out',
                label: t('exchange.outbox'),
                children: <Queue key={`o${current.id}`} peerId={current.id} direction="outbox" />,
              },
              {
                key: 'in',
                label: t('exchange.inbox'),
                children: <Queue key={`i${current.id}`} peerId={current.id} direction="inbox" />,
              },
            ]}
          />
        </Card>
      ) : null}
      <IdentityCard />
      <Card title={<h2 className="lt-card-title">{t('exchange.uploads')}</h2>} className="lt-list-card">
        <Typography.Paragraph type="secondary">{t('exchange.import.intro')}</Typography.Paragraph>
        <Queue direction="inbox" />
      </Card>
      {editing ? (
        <PeerForm peer={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}

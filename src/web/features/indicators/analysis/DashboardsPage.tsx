import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
  PushpinOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Drawer, Input, Popconfirm, Row, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client.ts';
import { useSession } from '../../../api/session.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePhone } from '../../../components/ResponsiveList.tsx';
import {
  type ChartConfig,
  createDashboard,
  type DashboardData,
  deleteDashboard,
  indKeys,
  listDashboards,
  updateDashboard,
} from './api.ts';
import { ChartForm, useProvince } from './ChartForm.tsx';
import { IndicatorChart } from './IndicatorChart.tsx';

/** The drawer that adds or edits one chart of a dashboard. */
function ChartDrawer({
  open,
  initial,
  onClose,
  onDone,
}: {
  open: boolean;
  initial: ChartConfig | null;
  onClose: () => void;
  onDone: (c: ChartConfig) => void;
}) {
  const { t } = useTranslation();
  const me = useSession();
  const province = useProvince();
  const phone = usePhone();
  const id = useId();
  const blank: ChartConfig = {
    title: '',
    chart: 'line',
    indicators: [],
    // The whole province first (a leader's usual view); the unit picker narrows it to any node.
    agencyId: province.data?.id ?? null,
    from: '',
    to: '',
    compare: null,
  };
  const [cfg, setCfg] = useState<ChartConfig>(initial ?? blank);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the drawer opens
  useEffect(() => {
    if (open) setCfg(initial ?? blank);
  }, [open]);
  const ready = cfg.indicators.length > 0 && !!cfg.from && !!cfg.to;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={phone ? 'default' : 'large'}
      width={phone ? '100%' : 760}
      title={initial ? t('indDash.editChart') : t('indDash.addChart')}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          disabled={!ready}
          onClick={() => onDone({ ...cfg, title: cfg.title.trim() || cfg.indicators.join(', ') })}
        >
          {initial ? t('indDash.applyChart') : t('indDash.addToDashboard')}
        </Button>
      }
    >
      <label htmlFor={`${id}-title`} className="lt-field-label">
        {t('indDash.chartTitle')}
      </label>
      <Input
        id={`${id}-title`}
        value={cfg.title}
        maxLength={200}
        onChange={(e) => setCfg({ ...cfg, title: e.target.value })}
      />
      <div className="lt-gap-top">
        <ChartForm value={cfg} onChange={setCfg} defaultAgency={province.data ?? me.agency} />
      </div>
      {ready ? (
        <Card size="small" className="lt-gap-top" title={t('indDash.preview')}>
          <IndicatorChart cfg={cfg} height={240} />
        </Card>
      ) : null}
    </Drawer>
  );
}

/** One dashboard being edited: its name, its charts in order, pinned or not. */
function DashboardEditor({ dash, onDeleted }: { dash: DashboardData; onDeleted: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = useId();
  const [name, setName] = useState(dash.name);
  const [items, setItems] = useState<ChartConfig[]>(dash.items);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  useEffect(() => {
    setName(dash.name);
    setItems(dash.items);
  }, [dash]);
  const dirty = name !== dash.name || JSON.stringify(items) !== JSON.stringify(dash.items);
  const save = useMutation({
    mutationFn: (pinned: boolean) => updateDashboard(dash.id, { name: name.trim(), items, pinned }),
    onSuccess: (_d, pinned) => {
      void qc.invalidateQueries({ queryKey: indKeys.dashboards });
      message.success(pinned && !dash.pinned ? t('indDash.pinnedDone') : t('indDash.saved'));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: () => deleteDashboard(dash.id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: indKeys.dashboards });
      message.success(t('indDash.deleted'));
      onDeleted();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const move = (i: number, d: -1 | 1) => {
    const next = [...items];
    const [x] = next.splice(i, 1);
    next.splice(i + d, 0, x!);
    setItems(next);
  };
  return (
    <>
      <Card>
        <Row gutter={[12, 12]} align="bottom">
          <Col xs={24} md={10}>
            <label htmlFor={`${id}-name`} className="lt-field-label">
              {t('indDash.name')}
            </label>
            <Input id={`${id}-name`} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
          </Col>
          <Col xs={24} md={14}>
            <Space wrap>
              <Button
                type="primary"
                loading={save.isPending}
                disabled={!name.trim()}
                onClick={() => save.mutate(dash.pinned)}
              >
                {t('indDash.save')}
              </Button>
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
                {t('indDash.addChart')}
              </Button>
              <Button
                icon={<PushpinOutlined aria-hidden />}
                aria-pressed={dash.pinned}
                disabled={!name.trim()}
                onClick={() => save.mutate(!dash.pinned)}
              >
                {dash.pinned ? t('indDash.unpin') : t('indDash.pin')}
              </Button>
              <Popconfirm
                title={t('indDash.deleteConfirm')}
                okText={t('indDash.delete')}
                cancelText={t('common.cancel')}
                onConfirm={() => remove.mutate()}
              >
                <Button danger icon={<DeleteOutlined aria-hidden />}>
                  {t('indDash.delete')}
                </Button>
              </Popconfirm>
            </Space>
          </Col>
        </Row>
        {dirty ? (
          <Typography.Paragraph type="warning" className="lt-gap-top" role="status">
            {t('indDash.unsaved')}
          </Typography.Paragraph>
        ) : null}
      </Card>
      {items.length === 0 ? (
        <Card className="lt-gap-top">
          <div className="lt-empty">
            <Typography.Paragraph strong>{t('indDash.noCharts')}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t('indDash.noChartsHint')}</Typography.Paragraph>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
              {t('indDash.addChart')}
            </Button>
          </div>
        </Card>
      ) : (
        <Row gutter={[16, 16]} className="lt-gap-top">
          {items.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: charts have no id; their place is their identity
            <Col xs={24} xl={12} key={`${i}-${c.title}`}>
              <Card
                title={<h2 className="lt-card-title">{c.title}</h2>}
                extra={
                  <Space size={0} wrap>
                    <Button
                      type="text"
                      icon={<ArrowUpOutlined aria-hidden />}
                      disabled={i === 0}
                      aria-label={t('indDash.moveUp', { title: c.title })}
                      onClick={() => move(i, -1)}
                    />
                    <Button
                      type="text"
                      icon={<ArrowDownOutlined aria-hidden />}
                      disabled={i === items.length - 1}
                      aria-label={t('indDash.moveDown', { title: c.title })}
                      onClick={() => move(i, 1)}
                    />
                    <Button
                      type="text"
                      icon={<EditOutlined aria-hidden />}
                      aria-label={t('indDash.editNamed', { title: c.title })}
                      onClick={() => setEditing(i)}
                    />
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined aria-hidden />}
                      aria-label={t('indDash.removeNamed', { title: c.title })}
                      onClick={() => setItems(items.filter((_x, j) => j !== i))}
                    />
                  </Space>
                }
              >
                <IndicatorChart cfg={c} height={260} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <ChartDrawer
        open={editing !== null}
        initial={typeof editing === 'number' ? (items[editing] ?? null) : null}
        onClose={() => setEditing(null)}
        onDone={(c) => {
          setItems(
            typeof editing === 'number' ? items.map((x, j) => (j === editing ? c : x)) : [...items, c],
          );
          setEditing(null);
        }}
      />
    </>
  );
}

/** Bảng điều khiển: a leader's dashboards of indicator charts; one of them pinned to the home page. */
export default function DashboardsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = useId();
  const list = useQuery({ queryKey: indKeys.dashboards, queryFn: listDashboards });
  const [current, setCurrent] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const create = useMutation({
    mutationFn: (name: string) => createDashboard({ name, items: [] }),
    onSuccess: (d) => {
      void qc.invalidateQueries({ queryKey: indKeys.dashboards });
      setCurrent(d.id);
      setNewName('');
      message.success(t('indDash.created'));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const dashes = list.data ?? [];
  const dash = dashes.find((d) => d.id === current) ?? dashes.find((d) => d.pinned) ?? dashes[0];
  return (
    <>
      <PageHeader title={t('indDash.title')} intro={t('indDash.intro')} />
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Card>
        <Row gutter={[12, 12]} align="bottom">
          {dashes.length ? (
            <Col xs={24} md={12}>
              <label htmlFor={`${id}-pick`} className="lt-field-label">
                {t('indDash.pick')}
              </label>
              <Select
                id={`${id}-pick`}
                style={{ width: '100%' }}
                value={dash?.id}
                onChange={setCurrent}
                options={dashes.map((d) => ({
                  value: d.id,
                  label: (
                    <span>
                      {d.name} {d.pinned ? <Tag color="blue">{t('indDash.pinnedTag')}</Tag> : null}
                    </span>
                  ),
                }))}
              />
            </Col>
          ) : null}
          <Col xs={24} md={12}>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (newName.trim()) create.mutate(newName.trim());
              }}
            >
              <label htmlFor={`${id}-new`} className="lt-field-label">
                {t('indDash.newName')}
              </label>
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  id={`${id}-new`}
                  value={newName}
                  maxLength={200}
                  onChange={(e) => setNewName(e.target.value)}
                  placeholder={t('indDash.newPlaceholder')}
                />
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={create.isPending}
                  disabled={!newName.trim()}
                  icon={<PlusOutlined aria-hidden />}
                >
                  {t('indDash.create')}
                </Button>
              </Space.Compact>
            </form>
          </Col>
        </Row>
      </Card>
      <div className="lt-gap-top">
        {list.isPending ? <Loading /> : null}
        {list.data && !dash ? (
          <Card>
            <div className="lt-empty" role="status">
              <Typography.Paragraph strong>{t('indDash.empty')}</Typography.Paragraph>
              <Typography.Paragraph type="secondary">{t('indDash.emptyHint')}</Typography.Paragraph>
            </div>
          </Card>
        ) : null}
        {dash ? <DashboardEditor key={dash.id} dash={dash} onDeleted={() => setCurrent(null)} /> : null}
      </div>
    </>
  );
}

/** The pinned dashboard's charts on the home page (nothing when none is pinned). */
export function PinnedDashboard() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: indKeys.dashboards, queryFn: listDashboards, staleTime: 60_000 });
  const dash = q.data?.find((d) => d.pinned);
  if (!dash) return null;
  return (
    <section aria-labelledby="pinned-dashboard" className="lt-gap-top">
      <Typography.Title level={2} id="pinned-dashboard" className="lt-section-title">
        {dash.name}
        <Typography.Text type="secondary" className="lt-section-scope">
          {t('indDash.homeScope')}
        </Typography.Text>
      </Typography.Title>
      {dash.items.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('indDash.noCharts')}</Typography.Paragraph>
      ) : (
        <Row gutter={[16, 16]}>
          {dash.items.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: charts have no id; their place is their identity
            <Col xs={24} xl={12} key={`${i}-${c.title}`}>
              <Card title={<h3 className="lt-card-title">{c.title}</h3>}>
                <IndicatorChart cfg={c} height={240} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </section>
  );
}

import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Progress, Space, Steps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { HandoverInput } from '../../../shared/schemas/dossiers.ts';
import { errorMessage } from '../../api/client.ts';
import { useSession } from '../../api/session.ts';
import { EmptyText } from '../../components/EmptyText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../components/ResponsiveList.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import {
  createTransfer,
  type DossierSummaryView,
  dossierKeys,
  getKeeper,
  getTransfer,
  handoverUrl,
  listDossiers,
  listTransfers,
  packageUrl,
  recordHandover,
  type TransferView,
  transferListUrl,
} from './api.ts';
import { useRetentionLabel } from './common.tsx';

/** The hand-over record: made by the receiving side, whoever keeps the archive; printed by anyone here. */
function Handover({ transfer }: { transfer: TransferView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const keeper = useQuery({ queryKey: dossierKeys.keeper, queryFn: getKeeper });
  const save = useMutation({
    mutationFn: (v: HandoverInput) => recordHandover(transfer.id, v),
    onSuccess: () => {
      message.success(t('dossiers.handoverSaved'));
      void qc.invalidateQueries({ queryKey: dossierKeys.transfer(transfer.id) });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Card title={<h2 className="lt-card-title">{t('dossiers.handoverTitle')}</h2>} style={{ marginTop: 16 }}>
      {transfer.handover ? (
        <Button href={handoverUrl(transfer.id)} target="_blank" icon={<PrinterOutlined aria-hidden />}>
          {t('dossiers.printHandover')}
        </Button>
      ) : !keeper.data ? null : !keeper.data.mayReceive ? (
        <p>
          {keeper.data.keptBy === 'archivist'
            ? t('dossiers.handoverByArchivist', { names: keeper.data.archivists.join(', ') })
            : t('dossiers.handoverByClerk')}
        </p>
      ) : (
        <Form layout="vertical" onFinish={(v) => save.mutate(v)} style={{ maxWidth: 560 }}>
          {(['giverName', 'giverTitle', 'receiverName', 'receiverTitle', 'condition'] as const).map((f) => (
            <Form.Item
              key={f}
              name={f}
              label={t(`dossiers.handover.${f}`)}
              rules={[{ required: true, message: t('dossiers.required') }]}
            >
              <Input />
            </Form.Item>
          ))}
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('dossiers.saveHandover')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/**
 * The transfer wizard: choose closed dossiers, build the package (with progress), hand it over.
 * The clerk makes transfers; the archivist and the leaders follow them and open their packages.
 */
export default function TransferPage() {
  const { t } = useTranslation();
  const me = useSession();
  const mayCreate = me.position?.role === 'clerk';
  const { message } = App.useApp();
  const qc = useQueryClient();
  const retention = useRetentionLabel();
  const [params, setParams] = useSearchParams();
  const current = params.get('dot');
  const [selected, setSelected] = useState<string[]>([]);
  const due = useQuery({
    queryKey: dossierKeys.list({ due: 'transfer' }),
    queryFn: () => listDossiers({ due: 'transfer', limit: '200' }),
    enabled: !current && mayCreate,
  });
  const history = useInfiniteQuery({
    queryKey: dossierKeys.transfers,
    queryFn: ({ pageParam }) => listTransfers(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
    enabled: !current,
  });
  const tq = useQuery({
    queryKey: dossierKeys.transfer(current ?? ''),
    queryFn: () => getTransfer(current!),
    enabled: !!current,
    refetchInterval: (q) => (q.state.data?.status === 'building' ? 1000 : false),
  });
  const create = useMutation({
    mutationFn: () => createTransfer(selected),
    onSuccess: (r) => {
      setSelected([]);
      void qc.invalidateQueries({ queryKey: dossierKeys.all });
      setParams({ dot: r.id });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const tr = tq.data;
  const step = !current ? 0 : tr?.status === 'building' ? 1 : 2;
  return (
    <>
      <PageHeader
        title={t('dossiers.transferTitle')}
        intro={mayCreate ? t('dossiers.transferIntro') : t('dossiers.transferIntroArchive')}
        extra={<Link to="/ho-so/luu-tru">{t('dossiers.archiveLink')}</Link>}
      />
      {/* The archivist and the leaders follow transfers; the steps are the clerk's, or of one transfer. */}
      {mayCreate || current ? (
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={[
            { title: t('dossiers.stepChoose') },
            { title: t('dossiers.stepBuild') },
            { title: t('dossiers.stepHandover') },
          ]}
        />
      ) : null}
      {!current ? (
        <>
          {mayCreate ? (
            <>
              <ErrorAlert error={due.error} />
              <ResponsiveList<DossierSummaryView>
                label={t('dossiers.dueTitle')}
                items={due.data?.items ?? []}
                rowKey={(r) => r.id}
                loading={due.isPending}
                empty={<EmptyText>{t('dossiers.noneDue')}</EmptyText>}
                card={(r) => (
                  <ListCard
                    checkbox={{
                      checked: selected.includes(r.id),
                      onChange: (on) =>
                        setSelected((ids) => (on ? [...ids, r.id] : ids.filter((id) => id !== r.id))),
                    }}
                    selected={selected.includes(r.id)}
                    overline={
                      <span>
                        <span className="lt-visually-hidden">{t('dossiers.fields.fileCode')}: </span>
                        {r.fileCode}
                      </span>
                    }
                    title={r.title}
                    fields={[
                      {
                        label: t('dossiers.fields.dates'),
                        value: `${formatDate(r.startDate)} – ${formatDate(r.endDate)}`,
                      },
                      { label: t('dossiers.fields.retention'), value: retention(r.retentionYears) },
                      { label: t('dossiers.fields.pageTotal'), value: r.pageTotal },
                    ]}
                  />
                )}
                table={{
                  rowSelection: {
                    selectedRowKeys: selected,
                    onChange: (k) => setSelected(k as string[]),
                    getCheckboxProps: (r) => ({
                      'aria-label': t('dossiers.selectDossier', { code: r.notation }),
                    }),
                  },
                  columns: [
                    { title: t('dossiers.fields.fileCode'), dataIndex: 'fileCode' },
                    { title: t('dossiers.fields.title'), dataIndex: 'title' },
                    {
                      title: t('dossiers.fields.dates'),
                      key: 'd',
                      render: (_: unknown, r) => `${formatDate(r.startDate)} – ${formatDate(r.endDate)}`,
                    },
                    {
                      title: t('dossiers.fields.retention'),
                      dataIndex: 'retentionYears',
                      render: (v: number | null) => retention(v),
                    },
                    { title: t('dossiers.fields.pageTotal'), dataIndex: 'pageTotal' },
                  ],
                }}
              />
              <Button
                type="primary"
                style={{ marginTop: 12 }}
                disabled={selected.length === 0}
                loading={create.isPending}
                onClick={() => create.mutate()}
              >
                {t('dossiers.transferAction', { count: selected.length })}
              </Button>
            </>
          ) : null}
          <h2 className="lt-card-title" style={{ marginTop: mayCreate ? 32 : 0 }}>
            {t('dossiers.historyTitle')}
          </h2>
          <ResponsiveList<TransferView>
            label={t('dossiers.historyTitle')}
            items={history.data?.pages.flatMap((p) => p.items) ?? []}
            rowKey={(r) => r.id}
            loading={history.isPending}
            pager={history}
            empty={<EmptyText>{t('dossiers.nothing')}</EmptyText>}
            card={(r) => (
              <ListCard
                to={`/ho-so/nop-luu?dot=${r.id}`}
                title={r.title}
                fields={[
                  { label: t('dossiers.fields.dossierCount'), value: r.dossierCount },
                  { label: t('dossiers.fields.createdAt'), value: formatDateTime(r.createdAt) },
                ]}
                tags={<span className="lt-muted">{t(`dossiers.transferStatus.${r.status as 'ready'}`)}</span>}
              />
            )}
            table={{
              columns: [
                {
                  title: t('dossiers.fields.title'),
                  dataIndex: 'title',
                  render: (v: string, r) => <Link to={`/ho-so/nop-luu?dot=${r.id}`}>{v}</Link>,
                },
                { title: t('dossiers.fields.dossierCount'), dataIndex: 'dossierCount' },
                {
                  title: t('dossiers.fields.status'),
                  dataIndex: 'status',
                  render: (v: string) => t(`dossiers.transferStatus.${v as 'ready'}`),
                },
                {
                  title: t('dossiers.fields.createdAt'),
                  dataIndex: 'createdAt',
                  render: (v: string) => formatDateTime(v),
                },
              ],
            }}
          />
        </>
      ) : (
        <>
          <ErrorAlert error={tq.error} />
          {tr ? (
            <Card title={<h2 className="lt-card-title">{tr.title}</h2>}>
              <p>{t(`dossiers.transferStatus.${tr.status}`)}</p>
              <Progress
                percent={
                  tr.filesTotal
                    ? Math.round((tr.filesDone / tr.filesTotal) * 100)
                    : tr.status === 'building'
                      ? 0
                      : 100
                }
                status={
                  tr.status === 'failed' ? 'exception' : tr.status === 'building' ? 'active' : 'success'
                }
                aria-label={t('dossiers.progress')}
              />
              <p aria-live="polite">
                {t('dossiers.filesProgress', { done: tr.filesDone, total: tr.filesTotal })}
              </p>
              {tr.status === 'failed' ? <Alert type="error" showIcon message={tr.error} /> : null}
              {tr.packageSha256 ? (
                <Space wrap direction="vertical">
                  <Alert
                    type="success"
                    showIcon
                    message={t('dossiers.packageReady')}
                    description={`SHA-256: ${tr.packageSha256}`}
                  />
                  <Space wrap>
                    <Button type="primary" href={packageUrl(tr.id)} icon={<DownloadOutlined aria-hidden />}>
                      {t('dossiers.downloadPackage')}
                    </Button>
                    <Button
                      href={transferListUrl(tr.id)}
                      target="_blank"
                      icon={<PrinterOutlined aria-hidden />}
                    >
                      {t('dossiers.printList')}
                    </Button>
                  </Space>
                </Space>
              ) : null}
              <div style={{ marginTop: 16 }}>
                <ResponsiveList<DossierSummaryView>
                  label={t('dossiers.listTitle')}
                  items={tr.dossiers}
                  rowKey={(r) => r.id}
                  empty={<EmptyText>{t('dossiers.nothing')}</EmptyText>}
                  card={(r) => (
                    <ListCard
                      to={`/ho-so/${r.id}`}
                      overline={
                        <span>
                          <span className="lt-visually-hidden">{t('dossiers.fields.fileCode')}: </span>
                          {r.fileCode}
                        </span>
                      }
                      title={r.title}
                    />
                  )}
                  table={{
                    columns: [
                      {
                        title: t('dossiers.fields.fileCode'),
                        dataIndex: 'fileCode',
                        render: (v: string, r) => <Link to={`/ho-so/${r.id}`}>{v}</Link>,
                      },
                      { title: t('dossiers.fields.title'), dataIndex: 'title' },
                    ],
                  }}
                />
              </div>
            </Card>
          ) : null}
          {tr && ['ready', 'received'].includes(tr.status) ? <Handover transfer={tr} /> : null}
          <Button style={{ marginTop: 16 }} onClick={() => setParams({})}>
            {t('dossiers.backToTransfers')}
          </Button>
        </>
      )}
    </>
  );
}

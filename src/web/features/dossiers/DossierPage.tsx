import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/client.ts';
import { uploadFile } from '../../api/documents.ts';
import { can, useSession } from '../../api/session.ts';
import { EmptyText } from '../../components/EmptyText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { formatDate } from '../../lib/format.ts';
import {
  addItem,
  closeDossier,
  type DossierView,
  dossierKeys,
  exportUrl,
  getDossier,
  removeItem,
  reorder,
} from './api.ts';
import { DossierStatusTag, useRetentionLabel } from './common.tsx';

type Item = DossierView['items'][number];

function AddFileModal({ id, open, onClose }: { id: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [form] = Form.useForm<{ title: string }>();
  const add = useMutation({
    mutationFn: async (v: { title: string }) => {
      if (!file) throw new Error(t('dossiers.chooseFile'));
      const up = await uploadFile(file);
      return addItem(id, { file: { sha256: up.sha256, fileName: up.fileName }, title: v.title });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: dossierKeys.all });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      open={open}
      title={t('dossiers.addFile')}
      okText={t('dossiers.addAction')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)}>
        <Form.Item
          name="title"
          label={t('dossiers.fields.itemTitle')}
          rules={[{ required: true, message: t('dossiers.required') }]}
        >
          <Input maxLength={500} />
        </Form.Item>
        <Upload
          beforeUpload={(f) => {
            setFile(f);
            return false;
          }}
          maxCount={1}
          onRemove={() => setFile(null)}
        >
          <Button>{t('dossiers.chooseFile')}</Button>
        </Upload>
      </Form>
    </Modal>
  );
}

/** One dossier: its Appendix VI particulars, its numbered items, and what its maker can do with it. */
export default function DossierPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const retention = useRetentionLabel();
  // The archivist reads a dossier's items here but has no documents screens to open them in.
  const readsDocuments = can(useSession(), 'documents');
  const [adding, setAdding] = useState(false);
  const q = useQuery({ queryKey: dossierKeys.one(id), queryFn: () => getDossier(id) });
  const refresh = () => void qc.invalidateQueries({ queryKey: dossierKeys.all });
  const onError = (e: unknown) => message.error(errorMessage(e));
  const move = useMutation({ mutationFn: (ids: string[]) => reorder(id, ids), onSuccess: refresh, onError });
  const remove = useMutation({
    mutationFn: (itemId: string) => removeItem(id, itemId),
    onSuccess: refresh,
    onError,
  });
  const close = useMutation({
    mutationFn: () => closeDossier(id),
    onSuccess: (d) => {
      message.success(t('dossiers.closedDone', { docs: d.docTotal, pages: d.pageTotal }));
      refresh();
    },
    onError,
  });
  if (q.isPending) return <Loading />;
  if (q.error || !q.data)
    return (
      <>
        <PageHeader title={t('dossiers.listTitle')} />
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  const d = q.data;
  const ids = d.items.map((i) => i.id);
  const swap = (from: number, to: number) => {
    const next = [...ids];
    [next[from], next[to]] = [next[to]!, next[from]!];
    move.mutate(next);
  };
  return (
    <>
      <PageHeader
        title={`${t('dossiers.dossier')} ${d.notation}`}
        intro={d.title}
        extra={
          <Space wrap>
            <Button
              href={exportUrl(d.id, 'pdf')}
              icon={<FilePdfOutlined aria-hidden />}
              disabled={d.items.length === 0}
            >
              {t('dossiers.exportPdf')}
            </Button>
            <Button href={exportUrl(d.id, 'xml')} disabled={d.items.length === 0}>
              {t('dossiers.exportXml')}
            </Button>
            {d.canEdit ? (
              <Button
                type="primary"
                loading={close.isPending}
                onClick={() =>
                  modal.confirm({
                    title: t('dossiers.closeConfirmTitle'),
                    content: t('dossiers.closeConfirmBody'),
                    okText: t('dossiers.closeAction'),
                    cancelText: t('common.cancel'),
                    onOk: () => close.mutateAsync(),
                  })
                }
              >
                {t('dossiers.closeAction')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {d.tombstone ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('dossiers.disposedBanner', {
            number: d.tombstone.decisionNumber,
            date: formatDate(d.tombstone.decisionDate),
            by: d.tombstone.decidedByName,
          })}
          description={d.tombstone.reason}
        />
      ) : null}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'code', label: t('dossiers.fields.fileCode'), children: <strong>{d.fileCode}</strong> },
            {
              key: 'status',
              label: t('dossiers.fields.status'),
              children: <DossierStatusTag status={d.status} />,
            },
            { key: 'ret', label: t('dossiers.fields.retention'), children: retention(d.retentionYears) },
            { key: 'creator', label: t('dossiers.fields.creator'), children: d.creatorName },
            { key: 'start', label: t('dossiers.fields.startDate'), children: formatDate(d.startDate) },
            { key: 'end', label: t('dossiers.fields.endDate'), children: formatDate(d.endDate) },
            { key: 'docs', label: t('dossiers.fields.docTotal'), children: d.docTotal ?? d.items.length },
            { key: 'pages', label: t('dossiers.fields.pageTotal'), children: d.pageTotal ?? '—' },
            ...(d.transferId
              ? [
                  {
                    key: 'tr',
                    label: t('dossiers.fields.transfer'),
                    children: (
                      <Link to={`/ho-so/nop-luu?dot=${d.transferId}`}>{t('dossiers.openTransfer')}</Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card
        title={<h2 className="lt-card-title">{t('dossiers.itemsTitle')}</h2>}
        extra={d.canEdit ? <Button onClick={() => setAdding(true)}>{t('dossiers.addFile')}</Button> : null}
      >
        {d.canEdit && d.items.length === 0 ? <p>{t('dossiers.emptyHint')}</p> : null}
        <TableRegion label={t('dossiers.itemsTitle')}>
          <Table<Item>
            rowKey="id"
            dataSource={d.items}
            pagination={false}
            locale={{ emptyText: <EmptyText>{t('dossiers.nothing')}</EmptyText> }}
            scroll={{ x: 800 }}
            columns={[
              { title: t('dossiers.fields.ordinal'), dataIndex: 'ordinal', width: 60 },
              {
                title: t('dossiers.fields.numberNotation'),
                dataIndex: 'numberNotation',
                render: (v: string | null) => v ?? '—',
              },
              {
                title: t('dossiers.fields.date'),
                dataIndex: 'date',
                render: (v: string | null) => formatDate(v),
              },
              {
                title: t('dossiers.fields.itemTitle'),
                dataIndex: 'title',
                render: (v: string, r) =>
                  r.documentId && r.visible && readsDocuments ? (
                    <Link to={`/van-ban/${r.documentId}`}>{v}</Link>
                  ) : (
                    v
                  ),
              },
              {
                title: t('dossiers.fields.author'),
                dataIndex: 'author',
                render: (v: string | null) => v ?? '—',
              },
              ...(d.canEdit
                ? [
                    {
                      title: t('common.actions'),
                      key: 'act',
                      render: (_: unknown, r: Item, i: number) => (
                        <Space>
                          <Button
                            size="small"
                            icon={<ArrowUpOutlined aria-hidden />}
                            aria-label={t('dossiers.moveUp', { n: r.ordinal })}
                            disabled={i === 0 || move.isPending}
                            onClick={() => swap(i, i - 1)}
                          />
                          <Button
                            size="small"
                            icon={<ArrowDownOutlined aria-hidden />}
                            aria-label={t('dossiers.moveDown', { n: r.ordinal })}
                            disabled={i === d.items.length - 1 || move.isPending}
                            onClick={() => swap(i, i + 1)}
                          />
                          <Button
                            size="small"
                            danger
                            icon={<DeleteOutlined aria-hidden />}
                            aria-label={t('dossiers.removeItem', { n: r.ordinal })}
                            onClick={() => remove.mutate(r.id)}
                          />
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </TableRegion>
      </Card>
      <AddFileModal id={d.id} open={adding} onClose={() => setAdding(false)} />
    </>
  );
}

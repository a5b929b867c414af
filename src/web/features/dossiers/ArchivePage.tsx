import { InboxOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ArchiveRecordView, DisposalReviewItem } from '../../../shared/schemas/dossiers.ts';
import { errorMessage } from '../../api/client.ts';
import { uploadFile } from '../../api/documents.ts';
import { useSession } from '../../api/session.ts';
import { EmptyText } from '../../components/EmptyText.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../components/ResponsiveList.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { disposalReview, dispose, dossierKeys, getKeeper, importPackage, listRecords } from './api.ts';
import { useRetentionLabel } from './common.tsx';

function DisposeModal({ dossier, onClose }: { dossier: DisposalReviewItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ decisionNumber: string; decisionDate: Dayjs; reason: string }>();
  const m = useMutation({
    mutationFn: (v: { decisionNumber: string; decisionDate: Dayjs; reason: string }) =>
      dispose(dossier!.id, { ...v, decisionDate: v.decisionDate.format('YYYY-MM-DD') }),
    onSuccess: () => {
      message.success(t('dossiers.disposed'));
      void qc.invalidateQueries({ queryKey: dossierKeys.all });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      open={!!dossier}
      title={t('dossiers.disposeTitle', { code: dossier?.notation ?? '' })}
      okText={t('dossiers.disposeAction')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={m.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)}>
        <Form.Item
          name="decisionNumber"
          label={t('dossiers.decisionNumber')}
          rules={[{ required: true, message: t('dossiers.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="decisionDate"
          label={t('dossiers.decisionDate')}
          rules={[{ required: true, message: t('dossiers.required') }]}
        >
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('dossiers.reason')}
          rules={[{ required: true, message: t('dossiers.required') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The agency archive: take in a transfer package (verified, read-only), holdings, disposal review.
 * Taking packages in is for whoever keeps the archive: its archivists, or its clerks while it has none.
 */
export default function ArchivePage() {
  const { t } = useTranslation();
  const me = useSession();
  const qc = useQueryClient();
  const retention = useRetentionLabel();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [disposing, setDisposing] = useState<DisposalReviewItem | null>(null);
  const records = useInfiniteQuery({
    queryKey: dossierKeys.records,
    queryFn: ({ pageParam }) => listRecords(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const review = useInfiniteQuery({
    queryKey: dossierKeys.review,
    queryFn: ({ pageParam }) => disposalReview(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const imp = useMutation({
    mutationFn: async (file: File) => importPackage((await uploadFile(file)).sha256),
    onSuccess: (r) => {
      setResult({ ok: true, text: t('dossiers.importOk', { dossiers: r.dossiers, files: r.files }) });
      void qc.invalidateQueries({ queryKey: dossierKeys.all });
    },
    onError: (e) => setResult({ ok: false, text: errorMessage(e) }),
  });
  const keeper = useQuery({ queryKey: dossierKeys.keeper, queryFn: getKeeper });
  const mayReceive = !!keeper.data?.mayReceive;
  const isLeader = me.position?.role === 'agency_leader';
  return (
    <>
      <PageHeader
        title={t('dossiers.archiveTitle')}
        intro={t('dossiers.archiveIntro')}
        extra={<Link to="/ho-so/nop-luu">{t('dossiers.transferTitle')}</Link>}
      />
      {keeper.data && !mayReceive && keeper.data.keptBy === 'archivist' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('dossiers.keptByArchivist', { names: keeper.data.archivists.join(', ') })}
        />
      ) : null}
      {mayReceive ? (
        <>
          <h2 className="lt-card-title">{t('dossiers.importTitle')}</h2>
          <Upload.Dragger
            accept=".zip,application/zip"
            showUploadList={false}
            disabled={imp.isPending}
            beforeUpload={(f) => {
              setResult(null);
              imp.mutate(f);
              return false;
            }}
          >
            <p>
              <InboxOutlined aria-hidden style={{ fontSize: 32 }} />
            </p>
            <p>{imp.isPending ? t('dossiers.importing') : t('dossiers.importHint')}</p>
          </Upload.Dragger>
          {result ? (
            <Alert
              role={result.ok ? 'status' : 'alert'}
              style={{ marginTop: 12 }}
              type={result.ok ? 'success' : 'error'}
              showIcon
              message={result.ok ? t('dossiers.importOkTitle') : t('dossiers.importFailTitle')}
              description={result.text}
              data-testid="import-result"
            />
          ) : null}
        </>
      ) : null}
      <h2 className="lt-card-title" style={{ marginTop: 24 }}>
        {t('dossiers.recordsTitle')}
      </h2>
      <ResponsiveList<ArchiveRecordView>
        label={t('dossiers.recordsTitle')}
        items={records.data?.pages.flatMap((p) => p.items) ?? []}
        rowKey={(r) => r.id}
        loading={records.isPending}
        pager={records}
        empty={<EmptyText>{t('dossiers.nothing')}</EmptyText>}
        card={(r) => (
          <ListCard
            overline={
              <span>
                <span className="lt-visually-hidden">{t('dossiers.fields.fileCode')}: </span>
                {r.fileCode}
              </span>
            }
            title={r.title}
            fields={[
              { label: t('dossiers.fields.retention'), value: retention(r.retentionYears) },
              { label: t('dossiers.fields.files'), value: r.files },
              { label: t('dossiers.fields.importedAt'), value: formatDateTime(r.importedAt) },
            ]}
          />
        )}
        table={{
          columns: [
            { title: t('dossiers.fields.fileCode'), dataIndex: 'fileCode' },
            { title: t('dossiers.fields.title'), dataIndex: 'title' },
            {
              title: t('dossiers.fields.retention'),
              dataIndex: 'retentionYears',
              render: (v: number | null) => retention(v),
            },
            { title: t('dossiers.fields.files'), dataIndex: 'files' },
            {
              title: t('dossiers.fields.importedAt'),
              dataIndex: 'importedAt',
              render: (v: string) => formatDateTime(v),
            },
          ],
        }}
      />
      <h2 className="lt-card-title" style={{ marginTop: 24 }}>
        {t('dossiers.reviewTitle')}
      </h2>
      <ResponsiveList<DisposalReviewItem>
        label={t('dossiers.reviewTitle')}
        items={review.data?.pages.flatMap((p) => p.items) ?? []}
        rowKey={(r) => r.id}
        loading={review.isPending}
        pager={review}
        empty={<EmptyText>{t('dossiers.reviewEmpty')}</EmptyText>}
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
            fields={[{ label: t('dossiers.fields.retentionEnds'), value: formatDate(r.retentionEnds) }]}
            actions={
              isLeader ? (
                <Button
                  danger
                  size="small"
                  onClick={() => setDisposing(r)}
                  aria-label={`${t('dossiers.disposeAction')}: ${r.fileCode}`}
                >
                  {t('dossiers.disposeAction')}
                </Button>
              ) : null
            }
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
            {
              title: t('dossiers.fields.retentionEnds'),
              dataIndex: 'retentionEnds',
              render: (v: string) => formatDate(v),
            },
            ...(isLeader
              ? [
                  {
                    title: t('common.actions'),
                    key: 'a',
                    render: (_: unknown, r: DisposalReviewItem) => (
                      <Button danger size="small" onClick={() => setDisposing(r)}>
                        {t('dossiers.disposeAction')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ],
        }}
      />
      <DisposeModal dossier={disposing} onClose={() => setDisposing(null)} />
    </>
  );
}

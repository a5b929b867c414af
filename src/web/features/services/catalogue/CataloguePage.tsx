import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Input, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ProcedureSummary } from '../../../../shared/services/api.ts';
import type { ImportResult } from '../../../../shared/services/catalogue-admin.ts';
import { ONLINE_LEVELS } from '../../../../shared/services/statuses.ts';
import { errorMessage } from '../../../api/client.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { FilterBar } from '../../../components/FilterBar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../../components/ResponsiveList.tsx';
import { TableRegion } from '../../../components/TableRegion.tsx';
import { catalogueKeys, importCatalogue, listCatalogue, templateUrl } from './api.ts';

const onlineLabel = (code: string) => ONLINE_LEVELS.find((l) => l.code === code)?.label ?? code;

/** Danh mục thủ tục hành chính (administration): search, retired ones too, and the import of a file. */
export default function CataloguePage() {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [retired, setRetired] = useState(false);
  const [importing, setImporting] = useState(false);
  const list = useInfiniteQuery({
    queryKey: catalogueKeys.list(q, retired),
    queryFn: ({ pageParam }) => listCatalogue(q, retired, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const href = (p: ProcedureSummary) => `/thu-tuc-hanh-chinh/${encodeURIComponent(p.code)}`;
  return (
    <>
      <PageHeader
        title={t('services.catalogue.title')}
        intro={t('services.catalogue.intro')}
        extra={
          <Space wrap>
            <Button type="primary" icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
              {t('services.catalogue.import')}
            </Button>
            <Button href={templateUrl()} icon={<DownloadOutlined aria-hidden />}>
              {t('services.catalogue.template')}
            </Button>
          </Space>
        }
      />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setQ(typed.trim());
        }}
      >
        <FilterBar
          active={retired ? 1 : 0}
          search={
            <Input.Search
              aria-label={t('services.catalogue.search')}
              placeholder={t('services.catalogue.searchPlaceholder')}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              onSearch={(v) => setQ(v.trim())}
              allowClear
              enterButton={t('services.catalogue.searchButton')}
            />
          }
        >
          <Checkbox checked={retired} onChange={(e) => setRetired(e.target.checked)}>
            {t('services.catalogue.withRetired')}
          </Checkbox>
        </FilterBar>
      </form>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ResponsiveList<ProcedureSummary>
        label={t('services.catalogue.title')}
        items={rows}
        rowKey={(r) => r.code}
        loading={list.isPending}
        pager={list}
        showCount
        empty={<EmptyText>{t(q ? 'services.catalogue.emptySearch' : 'services.catalogue.empty')}</EmptyText>}
        card={(r) => (
          <ListCard
            to={href(r)}
            overline={r.code}
            title={r.name}
            fields={[
              { label: t('services.catalogue.field'), value: r.field },
              { label: t('services.catalogue.days'), value: String(r.processingDays) },
            ]}
            tags={<Tag>{onlineLabel(r.onlineLevel)}</Tag>}
          />
        )}
        table={{
          size: 'small',
          scroll: { x: 900 },
          columns: [
            {
              title: t('services.catalogue.code'),
              key: 'code',
              render: (_v, r) => <Link to={href(r)}>{r.code}</Link>,
            },
            { title: t('services.catalogue.name'), dataIndex: 'name' },
            { title: t('services.catalogue.field'), dataIndex: 'field' },
            { title: t('services.catalogue.days'), dataIndex: 'processingDays' },
            {
              title: t('services.catalogue.online'),
              key: 'online',
              render: (_v, r) => onlineLabel(r.onlineLevel),
            },
            {
              title: t('services.catalogue.agencies'),
              key: 'agencies',
              render: (_v, r) => r.agencies.length,
            },
          ],
        }}
      />
      {importing ? <ImportDialog onClose={() => setImporting(false)} /> : null}
    </>
  );
}

/** Choose a file, see what it would do (new, changed, unchanged; each problem where it is), then import. */
function ImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const check = useMutation({ mutationFn: (f: File) => importCatalogue(f, false) });
  const write = useMutation({
    mutationFn: (f: File) => importCatalogue(f, true),
    onSuccess: async (r) => {
      if (r.status === 'imported') {
        message.success(t('services.catalogue.imported', { created: r.created, updated: r.updated }));
        await qc.invalidateQueries({ queryKey: catalogueKeys.all });
        onClose();
      }
    },
  });
  const result: ImportResult | undefined = write.data ?? check.data;
  const changes = result?.rows.filter((r) => r.action !== 'unchanged').length ?? 0;
  return (
    <Modal
      open
      width={760}
      title={t('services.catalogue.import')}
      onCancel={onClose}
      cancelText={t('services.catalogue.close')}
      okText={t('services.catalogue.importOk', { count: changes })}
      okButtonProps={{
        disabled: !file || result?.status !== 'checked' || changes === 0,
        loading: write.isPending,
      }}
      onOk={() => file && write.mutate(file)}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('services.catalogue.importIntro')}</Typography.Paragraph>
      <Upload
        accept=".xlsx,.json"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(f) => {
          setFile(f);
          check.mutate(f);
          return false;
        }}
      >
        <Button icon={<UploadOutlined aria-hidden />} loading={check.isPending}>
          {t('services.catalogue.chooseFile')}
        </Button>
      </Upload>
      {file ? <Typography.Paragraph className="lt-muted">{file.name}</Typography.Paragraph> : null}
      {check.error || write.error ? (
        <Alert
          type="error"
          showIcon
          message={errorMessage(check.error ?? write.error)}
          style={{ marginTop: 12 }}
        />
      ) : null}
      {result ? (
        <div style={{ marginTop: 12 }}>
          {result.problems.length ? (
            <>
              <Alert
                type="error"
                showIcon
                message={t('services.catalogue.problems', { count: result.problems.length })}
                style={{ marginBottom: 8 }}
              />
              <TableRegion label={t('services.catalogue.problemsLabel')}>
                <Table
                  size="small"
                  rowKey={(r) => `${r.where}-${r.message}`}
                  pagination={false}
                  dataSource={result.problems}
                  columns={[
                    { title: t('services.catalogue.where'), dataIndex: 'where' },
                    { title: t('services.catalogue.problem'), dataIndex: 'message' },
                  ]}
                />
              </TableRegion>
            </>
          ) : (
            <Alert
              type="success"
              showIcon
              message={t('services.catalogue.checked', {
                created: result.rows.filter((r) => r.action === 'new').length,
                updated: result.rows.filter((r) => r.action === 'changed').length,
                same: result.rows.filter((r) => r.action === 'unchanged').length,
              })}
              style={{ marginBottom: 8 }}
            />
          )}
          <TableRegion label={t('services.catalogue.rowsLabel')}>
            <Table
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={result.rows}
              columns={[
                { title: t('services.catalogue.code'), dataIndex: 'code' },
                { title: t('services.catalogue.name'), dataIndex: 'name' },
                {
                  title: t('services.catalogue.action'),
                  dataIndex: 'action',
                  render: (v: 'new' | 'changed' | 'unchanged') => t(`services.catalogue.actions.${v}`),
                },
              ]}
            />
          </TableRegion>
        </div>
      ) : null}
    </Modal>
  );
}

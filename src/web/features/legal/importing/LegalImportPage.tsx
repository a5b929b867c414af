import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Progress, Select, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { TableRegion } from '../../../components/TableRegion.tsx';
import { legalKeys } from '../records/api.ts';
import { IMPORT_FIELDS, type ImportField, sendImport } from './api.ts';

const K = 'legal.importing';

/**
 * Nhập danh mục văn bản: choose the file → it is checked at once (dry run) → the column mapping, the
 * error table and a preview → "Nhập" writes every row in one go, or nothing.
 */
export default function LegalImportPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<Record<string, ImportField | ''>>({});
  const [changed, setChanged] = useState(false);
  const check = useMutation({
    mutationFn: (v: { file: File; mapping?: Record<string, string> }) =>
      sendImport(v.file, { dryRun: true, mapping: v.mapping }),
    onSuccess: (r) => {
      setMapping(Object.fromEntries(r.headers.map((h) => [h, r.mapping[h] ?? ''])));
      setChanged(false);
    },
  });
  const run = useMutation({
    mutationFn: (v: { file: File; mapping?: Record<string, string> }) =>
      sendImport(v.file, { dryRun: false, mapping: v.mapping }),
    onSuccess: (r) => {
      if (r.state === 'imported') void qc.invalidateQueries({ queryKey: legalKeys.all });
    },
  });
  const explicit = () =>
    Object.fromEntries(Object.entries(mapping).filter(([, f]) => f)) as Record<string, string>;
  const result = run.data ?? check.data;
  const badRows = new Set(result?.errors.map((e) => e.row)).size;
  const fieldLabel = (f: string) =>
    IMPORT_FIELDS.includes(f as ImportField) ? t(`${K}.fields.${f as ImportField}`) : f;
  const reset = () => {
    setFile(null);
    check.reset();
    run.reset();
  };
  return (
    <>
      <Link to="/van-ban-phap-luat">← {t(`${K}.back`)}</Link>
      <PageHeader title={t(`${K}.title`)} intro={t(`${K}.intro`)} />
      <Card title={<h2 className="lt-card-title">{t(`${K}.step1`)}</h2>}>
        <p>{t(`${K}.columnsHelp`)}</p>
        <Upload
          accept=".csv,.xlsx,.json,text/csv,application/json"
          showUploadList={false}
          disabled={run.isPending}
          beforeUpload={(f) => {
            setFile(f);
            run.reset();
            check.mutate({ file: f });
            return false;
          }}
        >
          <Button icon={<UploadOutlined aria-hidden />}>{t(`${K}.choose`)}</Button>
        </Upload>
        {file ? <p className="lt-gap-top">{t(`${K}.chosen`, { name: file.name })}</p> : null}
        <div aria-live="polite">{check.isPending ? <p>{t(`${K}.checking`)}</p> : null}</div>
        <ErrorAlert error={check.error ?? run.error} />
      </Card>

      {check.data && file ? (
        <Card className="lt-gap-top" title={<h2 className="lt-card-title">{t(`${K}.step2`)}</h2>}>
          <p>{t(`${K}.mappingHelp`)}</p>
          <TableRegion label={t(`${K}.step2`)}>
            <Table
              size="small"
              pagination={false}
              rowKey="header"
              scroll={{ x: 480 }}
              dataSource={check.data.headers.map((header) => ({ header }))}
              columns={[
                { title: t(`${K}.column`), dataIndex: 'header' },
                {
                  title: t(`${K}.field`),
                  key: 'field',
                  render: (_: unknown, r: { header: string }) => (
                    <Select
                      aria-label={`${t(`${K}.field`)}: ${r.header}`}
                      style={{ width: '100%', minWidth: 200 }}
                      value={mapping[r.header] ?? ''}
                      onChange={(v: ImportField | '') => {
                        setMapping((m) => ({ ...m, [r.header]: v }));
                        setChanged(true);
                      }}
                      options={[
                        { value: '', label: t(`${K}.unused`) },
                        ...IMPORT_FIELDS.map((f) => ({ value: f, label: t(`${K}.fields.${f}`) })),
                      ]}
                    />
                  ),
                },
              ]}
            />
          </TableRegion>
          <Button
            className="lt-gap-top"
            type={changed ? 'primary' : 'default'}
            loading={check.isPending}
            onClick={() => check.mutate({ file, mapping: explicit() })}
          >
            {t(`${K}.recheck`)}
          </Button>
        </Card>
      ) : null}

      {result && file ? (
        <Card className="lt-gap-top" title={<h2 className="lt-card-title">{t(`${K}.step3`)}</h2>}>
          <div aria-live="polite">
            {run.data?.state === 'imported' ? (
              <Alert
                type="success"
                showIcon
                title={t(`${K}.done`, { count: run.data.imported })}
                action={
                  <Space wrap>
                    <Link to="/van-ban-phap-luat">{t(`${K}.openList`)}</Link>
                    <Button size="small" onClick={reset}>
                      {t(`${K}.another`)}
                    </Button>
                  </Space>
                }
              />
            ) : result.errors.length ? (
              <Alert
                type="error"
                showIcon
                title={t(`${K}.summaryErrors`, { rows: result.rows, bad: badRows })}
              />
            ) : (
              <Alert type="info" showIcon title={t(`${K}.summaryOk`, { rows: result.rows })} />
            )}
            {run.isPending ? (
              <div className="lt-gap-top">
                <p>{t(`${K}.importing`, { rows: result.rows })}</p>
                <Progress
                  percent={99}
                  status="active"
                  showInfo={false}
                  aria-label={t(`${K}.importing`, { rows: result.rows })}
                />
              </div>
            ) : null}
          </div>
          {result.state === 'checked' && !run.data ? (
            <Button
              className="lt-gap-top"
              type="primary"
              loading={run.isPending}
              disabled={changed}
              onClick={() => run.mutate({ file, mapping: explicit() })}
            >
              {t(`${K}.submit`)}
            </Button>
          ) : null}
          {result.errors.length ? (
            <>
              <h3 className="lt-gap-top">{t(`${K}.errorsLabel`)}</h3>
              <TableRegion label={t(`${K}.errorsLabel`)}>
                <Table
                  size="small"
                  rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
                  pagination={result.errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                  scroll={{ x: 560 }}
                  dataSource={result.errors}
                  columns={[
                    { title: t(`${K}.row`), dataIndex: 'row', width: 70 },
                    { title: t(`${K}.field`), dataIndex: 'field', width: 170, render: fieldLabel },
                    { title: t(`${K}.problem`), dataIndex: 'message' },
                  ]}
                />
              </TableRegion>
            </>
          ) : null}
          <h3 className="lt-gap-top">{t(`${K}.previewLabel`)}</h3>
          <TableRegion label={t(`${K}.previewLabel`)}>
            <Table
              size="small"
              rowKey="row"
              pagination={false}
              scroll={{ x: 900 }}
              dataSource={result.preview}
              columns={[
                { title: t(`${K}.row`), dataIndex: 'row', width: 60 },
                { title: t(`${K}.fields.numberNotation`), dataIndex: 'numberNotation', width: 150 },
                { title: t(`${K}.fields.typeCode`), dataIndex: 'typeName', width: 140 },
                { title: t(`${K}.fields.issuerId`), dataIndex: 'issuerName', width: 160 },
                { title: t(`${K}.fields.title`), dataIndex: 'title' },
                { title: t(`${K}.fields.issuedDate`), dataIndex: 'issuedDate', width: 110 },
                { title: t(`${K}.fields.effectiveFrom`), dataIndex: 'effectiveFrom', width: 110 },
                {
                  title: t(`${K}.problem`),
                  dataIndex: 'ok',
                  width: 100,
                  render: (ok: boolean) =>
                    ok ? <Tag color="green">{t(`${K}.ok`)}</Tag> : <Tag color="red">{t(`${K}.bad`)}</Tag>,
                },
              ]}
            />
          </TableRegion>
        </Card>
      ) : null}
    </>
  );
}

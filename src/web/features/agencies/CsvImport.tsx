import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  Input,
  Modal,
  Row,
  Space,
  Statistic,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CSV_COLUMNS, type CsvImportResult } from '../../../shared/schemas/agencies.ts';
import { importAgencies } from '../../api/agencies.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { csvRows } from '../../lib/csv.ts';

interface PreviewLine {
  line: number;
  agencyCode: string;
  name: string;
  shortName: string;
  kind: string;
  parentCode: string;
  messages: string[];
}

/** The file's rows next to the server's verdict on each (lines as the server numbers them). */
function previewRows(csv: string, result: CsvImportResult): PreviewLine[] {
  const errors = new Map(result.errors.map((e) => [e.line, e.messages]));
  const rows: PreviewLine[] = csvRows(csv).map(({ line, values }) => ({
    line,
    agencyCode: values.agency_code ?? '',
    name: values.name ?? '',
    shortName: values.short_name ?? '',
    kind: values.kind ?? '',
    parentCode: values.parent_code ?? '',
    messages: errors.get(line) ?? [],
  }));
  for (const [line, messages] of errors) {
    if (!rows.some((r) => r.line === line))
      rows.push({ line, agencyCode: '', name: '', shortName: '', kind: '', parentCode: '', messages });
  }
  return rows.sort((a, b) => a.line - b.line);
}

/**
 * Nhập danh mục đơn vị từ CSV: a dry run first (every bad line listed, nothing written), then the
 * real import, allowed only when the checked content has no error and has not changed since.
 */
export function CsvImportModal({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [csv, setCsv] = useState('');
  const [checked, setChecked] = useState<{ csv: string; result: CsvImportResult } | null>(null);
  const [onlyErrors, setOnlyErrors] = useState(true);

  const check = useMutation({
    mutationFn: (text: string) => importAgencies(text, true),
    onSuccess: (result, text) => {
      setChecked({ csv: text, result });
      setOnlyErrors(result.errors.length > 0);
    },
    onError: () => setChecked(null),
  });
  const commit = useMutation({
    mutationFn: (text: string) => importAgencies(text, false),
    onSuccess: (r) => {
      message.success(t('agencies.csv.done', { created: r.created, updated: r.updated }));
      setCsv('');
      setChecked(null);
      onImported();
    },
    onError: (e) => {
      // 400 with a result body: the data changed between the check and the import; show the new errors.
      if (e instanceof ApiError && Array.isArray(e.body.errors))
        setChecked({ csv, result: e.body as unknown as CsvImportResult });
    },
  });

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setCsv(await file.text());
    setChecked(null);
  };

  const result = checked?.result;
  const preview = useMemo(
    () =>
      (checked ? previewRows(checked.csv, checked.result) : []).filter(
        (r) => !onlyErrors || r.messages.length,
      ),
    [checked, onlyErrors],
  );
  const stale = !!checked && checked.csv !== csv;
  const canImport = !!result && result.errors.length === 0 && !stale && result.total > 0;

  return (
    <Modal
      open={open}
      title={t('agencies.csv.title')}
      onCancel={onClose}
      width={880}
      destroyOnHidden
      footer={
        <Space wrap>
          <Button onClick={onClose}>{t('common.close')}</Button>
          <Button onClick={() => check.mutate(csv)} loading={check.isPending} disabled={!csv.trim()}>
            {t('agencies.csv.check')}
          </Button>
          <Button
            type="primary"
            disabled={!canImport}
            loading={commit.isPending}
            onClick={() => commit.mutate(csv)}
          >
            {t('agencies.csv.confirm')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph>
        {t('agencies.csv.intro', { columns: CSV_COLUMNS.join(', ') })}
      </Typography.Paragraph>
      <div className="lt-form-row">
        <label htmlFor="csv-file" className="lt-field-label">
          {t('agencies.csv.file')}
        </label>
        <input
          id="csv-file"
          type="file"
          accept=".csv,text/csv"
          className="lt-file-input"
          onChange={(e) => void readFile(e.target.files?.[0])}
        />
      </div>
      <div className="lt-form-row">
        <label htmlFor="csv-text" className="lt-field-label">
          {t('agencies.csv.paste')}
        </label>
        <Input.TextArea
          id="csv-text"
          value={csv}
          onChange={(e) => setCsv(e.target.value)}
          rows={6}
          spellCheck={false}
          placeholder={`${CSV_COLUMNS.join(',')}\n000.00.99.H62,Sở Ví dụ,SVD,department,000.00.00.H62,,`}
        />
      </div>
      <ErrorAlert error={check.error} />
      <ErrorAlert
        error={
          commit.error instanceof ApiError && Array.isArray(commit.error.body.errors) ? null : commit.error
        }
      />
      {result ? (
        <section aria-labelledby="csv-summary" className="lt-csv-result">
          <Typography.Title level={3} id="csv-summary" className="lt-subtitle">
            {t('agencies.csv.summary')}
          </Typography.Title>
          <Row gutter={[16, 8]}>
            <Col xs={12} sm={8} md={4}>
              <Statistic title={t('agencies.csv.total')} value={result.total} />
            </Col>
            <Col xs={12} sm={8} md={5}>
              <Statistic title={t('agencies.csv.created')} value={result.created} />
            </Col>
            <Col xs={12} sm={8} md={5}>
              <Statistic title={t('agencies.csv.updated')} value={result.updated} />
            </Col>
            <Col xs={12} sm={8} md={5}>
              <Statistic title={t('agencies.csv.unchanged')} value={result.unchanged} />
            </Col>
            <Col xs={12} sm={8} md={5}>
              <Statistic
                title={t('agencies.csv.errorCount')}
                value={result.errors.length}
                styles={result.errors.length ? { content: { color: '#a8071a' } } : undefined}
              />
            </Col>
          </Row>
          {stale ? (
            <Alert type="info" showIcon title={t('agencies.csv.changedSinceCheck')} className="lt-gap" />
          ) : null}
          {result.errors.length ? (
            <Alert type="error" showIcon title={t('agencies.csv.confirmDisabled')} className="lt-gap" />
          ) : null}
          {!result.errors.length && !stale ? (
            <Alert type="success" showIcon title={t('agencies.csv.noErrors')} className="lt-gap" />
          ) : null}
          <div className="lt-preview-head">
            <Typography.Title level={4} className="lt-subtitle">
              {result.errors.length ? t('agencies.csv.errorsTitle') : t('agencies.csv.preview')}
            </Typography.Title>
            {result.errors.length ? (
              <Switch checked={onlyErrors} onChange={setOnlyErrors} id="csv-only-errors" />
            ) : null}
            {result.errors.length ? (
              <label htmlFor="csv-only-errors">{t('agencies.csv.onlyErrors')}</label>
            ) : null}
          </div>
          <TableRegion label={t('agencies.csv.summary')}>
            <Table<PreviewLine>
              rowKey="line"
              size="small"
              dataSource={preview}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              scroll={{ x: 860 }}
              rowClassName={(r) => (r.messages.length ? 'lt-row-error' : '')}
              columns={[
                { title: t('agencies.csv.line'), dataIndex: 'line', width: 70 },
                { title: t('agencies.fields.agencyCode'), dataIndex: 'agencyCode' },
                { title: t('agencies.fields.name'), dataIndex: 'name' },
                { title: t('agencies.fields.shortName'), dataIndex: 'shortName' },
                { title: t('agencies.fields.kind'), dataIndex: 'kind' },
                { title: t('agencies.csv.parentCode'), dataIndex: 'parentCode' },
                {
                  title: t('agencies.csv.messages'),
                  dataIndex: 'messages',
                  render: (m: string[]) =>
                    m.length ? (
                      <ul className="lt-plain-list lt-error-text">
                        {m.map((x) => (
                          <li key={x}>{x}</li>
                        ))}
                      </ul>
                    ) : (
                      t('common.none')
                    ),
                },
              ]}
            />
          </TableRegion>
        </section>
      ) : null}
    </Modal>
  );
}

import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select, Upload } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EFFECT_STATUSES } from '../../../../shared/legal/statuses.ts';
import { errorMessage } from '../../../api/client.ts';
import { formatDate } from '../../../lib/format.ts';
import { declareStatus, type LegalDocument, legalFileUrl, legalKeys, uploadLegalFile } from './api.ts';
import { K, StatusTag } from './common.tsx';

/** Thuộc tính: the vbpl.vn properties, the files (with upload), and a guiding document's declared status. */
export function PropertiesTab({
  doc,
  guides,
  canManage,
}: {
  doc: LegalDocument;
  guides: boolean;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const f = (name: string) => t(`${K}.fields.${name as 'title'}`);
  const rows: [string, ReactNode][] = [
    [f('numberNotation'), doc.numberNotation],
    [f('type'), doc.typeName],
    [f('issuer'), doc.issuerName],
    [f('signerTitle'), doc.signerTitle],
    [f('signerName'), doc.signerName],
    [f('issuedDate'), formatDate(doc.issuedDate)],
    [f('effectiveFrom'), formatDate(doc.effectiveFrom)],
    [f('effectiveTo'), doc.effectiveTo ? formatDate(doc.effectiveTo) : null],
    [f('expiredOn'), doc.expiredOn ? formatDate(doc.expiredOn) : null],
    [f('status'), <StatusTag key="s" status={doc.statusNow} label={doc.statusLabel} />],
    [
      f('declared'),
      doc.declaredStatus ? (
        <span key="d">
          <StatusTag status={doc.declaredStatus} /> {formatDate(doc.declaredFrom)}
          {doc.declaredBy ? (
            <>
              {' · '}
              <Link to={`/van-ban-phap-luat/${doc.declaredBy.id}`}>{doc.declaredBy.numberNotation}</Link>
            </>
          ) : null}
        </span>
      ) : null,
    ],
    [f('origin'), t(`${K}.origins.${doc.origin}`)],
    [f('scope'), doc.scope],
    [f('sector'), doc.sector],
    [f('field'), doc.fieldName],
    [
      f('gazetteIssue'),
      doc.gazetteIssue ? `${doc.gazetteIssue.label} (${formatDate(doc.gazetteIssue.issueDate)})` : null,
    ],
    [f('gazetteSource'), doc.gazetteSource],
    [f('gazetteDate'), doc.gazetteDate ? formatDate(doc.gazetteDate) : null],
    [f('summary'), doc.summary],
  ];
  return (
    <>
      <dl className="lt-legal-props">
        {rows
          .filter(([, v]) => v !== null && v !== undefined && v !== '')
          .map(([label, value]) => (
            <div key={label} style={{ display: 'contents' }}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      <FilesCard doc={doc} canManage={canManage} />
      {guides && canManage ? <DeclaredStatusCard doc={doc} /> : null}
    </>
  );
}

function FilesCard({ doc, canManage }: { doc: LegalDocument; canManage: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const upload = useMutation({
    mutationFn: (file: File) => uploadLegalFile(doc.id, file),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: legalKeys.one(doc.id) });
      message.success(t(`${K}.detail.uploaded`));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Card
      size="small"
      title={<h2 className="lt-card-title">{t(`${K}.detail.files`)}</h2>}
      className="lt-gap-top"
    >
      {doc.files.length ? (
        <ul>
          {doc.files.map((file) => (
            <li key={file.id}>
              <a href={legalFileUrl(doc.id, file.id)} download={file.fileName}>
                {file.fileName}
              </a>{' '}
              <span className="lt-muted">({Math.max(1, Math.round(file.size / 1024))} KB)</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="lt-muted">{t(`${K}.detail.noFiles`)}</p>
      )}
      {canManage ? (
        <Upload
          accept=".pdf,.docx,.png,.jpg,.jpeg,.tif,.tiff"
          showUploadList={false}
          beforeUpload={(file) => {
            upload.mutate(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined aria-hidden />} loading={upload.isPending}>
            {t(`${K}.detail.upload`)}
          </Button>
        </Upload>
      ) : null}
    </Card>
  );
}

/** Under the 2025 law a guiding document's status is announced, not derived: recorded here. */
function DeclaredStatusCard({ doc }: { doc: LegalDocument }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ status: string; from: string; byNumber?: string }>();
  const save = useMutation({
    mutationFn: (v: { status: string; from: string }) =>
      declareStatus(doc.id, { status: v.status, from: v.from }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: legalKeys.all });
      message.success(t(`${K}.declared.saved`));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Card
      size="small"
      title={<h2 className="lt-card-title">{t(`${K}.declared.title`)}</h2>}
      className="lt-gap-top"
    >
      <p>{t(`${K}.declared.help`)}</p>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ status: doc.declaredStatus ?? undefined, from: doc.declaredFrom ?? undefined }}
        onFinish={(v) => save.mutate(v)}
      >
        <div className="lt-legal-grid">
          <Form.Item name="status" label={t(`${K}.declared.status`)} rules={[{ required: true }]}>
            <Select
              options={EFFECT_STATUSES.filter((s) => s.code !== 'not_yet').map((s) => ({
                value: s.code,
                label: s.label,
              }))}
            />
          </Form.Item>
          <Form.Item name="from" label={t(`${K}.declared.from`)} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
        </div>
        <Button htmlType="submit" loading={save.isPending}>
          {t(`${K}.declared.save`)}
        </Button>
      </Form>
    </Card>
  );
}

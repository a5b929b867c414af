import { DownloadOutlined, RollbackOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Popconfirm, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KNOWN_TAGS } from '../../../shared/drafting/fields.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import {
  draftingKeys,
  listTemplates,
  resetTemplate,
  type TemplateListItem,
  templateUrl,
  uploadTemplate,
} from './api.ts';

/** "Mẫu văn bản": the agency's template per document type (built-in or its own versions). */
export default function TemplatesPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const list = useQuery({ queryKey: draftingKeys.templates, queryFn: listTemplates });
  const upload = useMutation({
    mutationFn: (v: { typeCode: string; file: File }) => uploadTemplate(v.typeCode, v.file),
    onSuccess: () => {
      setNotice(t('paperless.drafting.templates.uploadedOk'));
      void qc.invalidateQueries({ queryKey: draftingKeys.templates });
    },
  });
  const reset = useMutation({
    mutationFn: (typeCode: string) => resetTemplate(typeCode),
    onSuccess: () => {
      setNotice(t('paperless.drafting.templates.resetOk'));
      void qc.invalidateQueries({ queryKey: draftingKeys.templates });
    },
  });
  const tt = (k: string, o?: Record<string, unknown>): string =>
    String(t(`paperless.drafting.templates.${k}` as 'paperless.drafting.templates.title', o ?? {}));
  return (
    <>
      <PageHeader title={tt('title')} intro={tt('intro')} />
      <div role="status" aria-live="polite">
        {notice ? <Alert type="success" showIcon title={notice} style={{ marginBottom: 12 }} /> : null}
      </div>
      <ErrorAlert error={list.error ?? upload.error ?? reset.error} />
      <Card className="lt-doc-card">
        <Table<TemplateListItem>
          rowKey="typeCode"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: true }}
          size="small"
          columns={[
            { title: tt('type'), dataIndex: 'typeName' },
            {
              title: tt('source'),
              render: (_, r) =>
                r.source === 'agency' ? (
                  <Tag color="blue">{tt('agencyVersion', { version: r.version })}</Tag>
                ) : (
                  <Tag>{tt('builtin')}</Tag>
                ),
            },
            {
              title: '',
              render: (_, r) => (
                <Space wrap size="small">
                  <Button
                    size="small"
                    icon={<DownloadOutlined aria-hidden />}
                    href={templateUrl(r.typeCode)}
                    aria-label={`${tt('download')}: ${r.typeName}`}
                  >
                    {tt('download')}
                  </Button>
                  <Upload
                    accept=".docx"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      upload.mutate({ typeCode: r.typeCode, file });
                      return false;
                    }}
                  >
                    <Button
                      size="small"
                      icon={<UploadOutlined aria-hidden />}
                      loading={upload.isPending && upload.variables?.typeCode === r.typeCode}
                      aria-label={`${tt('upload')}: ${r.typeName}`}
                    >
                      {tt('upload')}
                    </Button>
                  </Upload>
                  {r.source === 'agency' ? (
                    <Popconfirm title={tt('resetConfirm')} onConfirm={() => reset.mutate(r.typeCode)}>
                      <Button
                        size="small"
                        icon={<RollbackOutlined aria-hidden />}
                        aria-label={`${tt('reset')}: ${r.typeName}`}
                      >
                        {tt('reset')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title={tt('fieldsTitle')} className="lt-doc-card" style={{ marginTop: 16 }}>
        <Typography.Paragraph>
          {[...KNOWN_TAGS].map((k) => (
            <Tag key={k}>{`{${k}}`}</Tag>
          ))}
        </Typography.Paragraph>
      </Card>
    </>
  );
}

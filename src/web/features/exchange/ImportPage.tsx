import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { docKeys, type UploadedFile } from '../../api/documents.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { FileDrop, LinkButton } from '../documents/common.tsx';
import { importPackage } from './api.ts';

/** Nhập gói tin edXML: a clerk uploads a received .edxml package into the agency's registration queue. */
export default function ImportPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const run = useMutation({
    mutationFn: (sha256: string) => importPackage(sha256),
    onSuccess: () => void qc.invalidateQueries({ queryKey: docKeys.all }),
  });
  const file = files[0];
  return (
    <>
      <PageHeader title={t('exchange.import.title')} intro={t('exchange.import.intro')} />
      <Card>
        <FileDrop
          id="edxml-file"
          accept=".edxml,.xml"
          hint={t('exchange.import.drop')}
          value={files}
          onChange={(v) => {
            setFiles(v.slice(-1));
            run.reset();
          }}
        />
        <Space className="lt-gap-top" wrap>
          <Button
            type="primary"
            disabled={!file}
            loading={run.isPending}
            onClick={() => file && run.mutate(file.sha256)}
          >
            {t('exchange.import.submit')}
          </Button>
        </Space>
        <ErrorAlert error={run.error} />
        {run.data ? (
          <Alert
            className="lt-gap-top"
            showIcon
            role="status"
            type={run.data.result === 'accepted' ? 'success' : 'info'}
            title={
              run.data.result === 'accepted' ? t('exchange.import.accepted') : t('exchange.import.duplicate')
            }
            action={
              run.data.documentIds[0] ? (
                <LinkButton type="default" to={`/van-ban/${run.data.documentIds[0]}`}>
                  {t('exchange.import.open')}
                </LinkButton>
              ) : null
            }
          />
        ) : null}
      </Card>
    </>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { docKeys, registerIncoming } from '../../api/documents.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { applyFieldErrors } from '../../lib/forms.ts';
import { FileDrop, LinkButton } from './common.tsx';
import {
  IncomingForm,
  type IncomingValues,
  incomingFromValues,
  PrefillStatus,
  usePrefill,
} from './IncomingForm.tsx';

/** Vào sổ văn bản đến: the scan first, the fields read from it, one click to register and submit. */
export default function RegisterIncomingPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<IncomingValues>();
  const prefill = usePrefill(form);
  const [done, setDone] = useState<{ id: string; arrivalNumber: number } | null>(null);

  const save = useMutation({
    mutationFn: (allowDuplicate: boolean) => {
      const v = form.getFieldsValue(true) as IncomingValues;
      const files = (v.files ?? []).map((f) => ({
        sha256: f.sha256,
        fileName: f.fileName,
        role: 'main' as const,
      }));
      return registerIncoming(incomingFromValues(v, files, allowDuplicate));
    },
    onSuccess: (r) => {
      setDone(r);
      void qc.invalidateQueries({ queryKey: docKeys.all });
    },
    onError: (e) => applyFieldErrors(form, e),
  });

  if (done)
    return (
      <>
        <PageHeader title={t('documents.registerIncoming')} />
        <Card>
          <Result
            status="success"
            title={t('documents.registered')}
            subTitle={
              <span className="lt-arrival-number" data-testid="arrival-number">
                {t('documents.arrivalNumber', { number: done.arrivalNumber })}
              </span>
            }
            extra={[
              <LinkButton key="open" to={`/van-ban/${done.id}`}>
                {t('documents.openDocument')}
              </LinkButton>,
              <Button
                key="again"
                onClick={() => {
                  form.resetFields();
                  prefill.reset();
                  save.reset();
                  setDone(null);
                }}
              >
                {t('documents.registerAnother')}
              </Button>,
            ]}
          />
        </Card>
      </>
    );

  return (
    <>
      <PageHeader title={t('documents.registerIncoming')} intro={t('documents.fields.fileHint')} />
      <IncomingForm
        form={form}
        initialValues={{ files: [] }}
        prefill={prefill}
        save={save}
        submitLabel={t('documents.submitRegister')}
        actions={<Button onClick={() => navigate('/van-ban/den')}>{t('common.cancel')}</Button>}
        cards
        className="lt-doc-form"
        before={
          <>
            <Form.Item name="files" label={t('documents.fields.file')}>
              <FileDrop
                hint={t('documents.fields.fileHint')}
                onUploaded={(f) => void prefill.run(f.sha256)}
                accept=".pdf,.docx,.doc,.odt,.png,.jpg,.jpeg"
              />
            </Form.Item>
            <PrefillStatus prefill={prefill} />
          </>
        }
      />
    </>
  );
}

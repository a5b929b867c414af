import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { draftInput } from '../../../shared/schemas/documents.ts';
import { createDraft, docKeys, getDocument, type UploadedFile } from '../../api/documents.ts';
import { AgencyPicker } from '../../components/AgencyPicker.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { applyFieldErrors } from '../../lib/forms.ts';
import { FromTemplateButton } from '../drafting/FromTemplateButton.tsx';
import { outsideRecipient } from '../exchange/api.ts';
import { FileDrop, SECRECY_OPTIONS, TYPE_OPTIONS, typeLabel, URGENCY_OPTIONS } from './common.tsx';

interface Values {
  typeCode: string;
  summary: string;
  agencies: (string | null)[];
  outside: string[];
  secrecy: string;
  urgency: string;
  files: UploadedFile[];
}

/** Soạn văn bản đi: a draft with its file and recipients; "?traLoi=<id>" answers an incoming document. */
export default function DraftPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const replyToId = params.get('traLoi');
  const replyTo = useQuery({
    queryKey: docKeys.one(replyToId ?? ''),
    queryFn: () => getDocument(replyToId!),
    enabled: !!replyToId,
  });
  const [form] = Form.useForm<Values>();
  // "Soạn theo mẫu" creates the draft (no file needed) and opens the drafting page.
  const fromTemplate = useRef(false);
  const save = useMutation({
    mutationFn: (v: Values) =>
      createDraft(
        draftInput.parse({
          typeCode: v.typeCode,
          summary: v.summary,
          recipients: [
            ...(v.agencies ?? [])
              .filter((x): x is string => !!x)
              .map((agencyId) => ({ kind: 'agency', agencyId })),
            ...(v.outside ?? []).map(outsideRecipient).filter((x) => x.name),
          ],
          secrecy: v.secrecy,
          urgency: v.urgency,
          replyToId: replyToId || null,
          files: (v.files ?? []).map((f) => ({ sha256: f.sha256, fileName: f.fileName, role: 'main' })),
        }),
      ),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: docKeys.all });
      navigate(fromTemplate.current ? `/van-ban/${r.id}/soan-theo-mau` : `/van-ban/${r.id}`);
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  const required = { required: true, message: t('validation.required') };
  const r = replyTo.data;
  return (
    <>
      <PageHeader title={r ? t('documents.replyDraft') : t('documents.newDraft')} />
      {r ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('documents.replyingTo', {
            number: r.numberNotation ?? '—',
            summary: `${typeLabel(r.typeCode)} — ${r.summary}`,
          })}
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          typeCode: 'cong_van',
          secrecy: 'normal',
          urgency: 'normal',
          agencies: [null],
          outside: [],
          files: [],
        }}
        onFinish={(v) => {
          fromTemplate.current = false;
          save.mutate(v);
        }}
        scrollToFirstError
      >
        <Card className="lt-doc-card">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="typeCode" label={t('documents.fields.type')} rules={[required]}>
                <Select options={TYPE_OPTIONS} showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="secrecy" label={t('documents.fields.secrecy')}>
                <Select options={SECRECY_OPTIONS} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="urgency" label={t('documents.fields.urgency')}>
                <Select options={URGENCY_OPTIONS} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="summary"
                label={t('documents.fields.summary')}
                rules={[required, { min: 3, message: t('validation.required') }]}
              >
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <fieldset className="lt-fieldset">
                <legend>{t('documents.fields.recipients')}</legend>
                <Form.List name="agencies">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f, i) => (
                        <Space.Compact key={f.key} style={{ width: '100%', marginBottom: 8 }}>
                          <Form.Item name={f.name} noStyle>
                            <AgencyPicker
                              agenciesOnly
                              aria-label={`${t('documents.fields.recipients')} ${i + 1}`}
                            />
                          </Form.Item>
                          <Button
                            icon={<DeleteOutlined aria-hidden />}
                            aria-label={`${t('common.close')} ${i + 1}`}
                            onClick={() => remove(f.name)}
                          />
                        </Space.Compact>
                      ))}
                      <Button icon={<PlusOutlined aria-hidden />} onClick={() => add(null)}>
                        {t('documents.fields.recipients')}
                      </Button>
                    </>
                  )}
                </Form.List>
              </fieldset>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="outside"
                label={t('documents.fields.outsideRecipients')}
                extra={`${t('documents.fields.outsideRecipientsHint')}. ${t('exchange.draftCodeHint')}`}
              >
                <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[';']} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="files" label={t('documents.fields.draftFile')}>
                <FileDrop hint={t('documents.fields.draftFileHint')} multiple />
              </Form.Item>
            </Col>
          </Row>
          <ErrorAlert error={save.error} />
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={save.isPending} size="large">
              {t('documents.saveDraft')}
            </Button>
            <FromTemplateButton
              loading={save.isPending && fromTemplate.current}
              onClick={() =>
                void form.validateFields().then(
                  (v) => {
                    fromTemplate.current = true;
                    save.mutate({ ...v, files: v.files ?? [] });
                  },
                  () => {},
                )
              }
            />
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
          </Space>
        </Card>
      </Form>
    </>
  );
}

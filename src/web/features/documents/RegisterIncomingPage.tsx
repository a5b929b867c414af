import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Result,
  Row,
  Select,
  Space,
  Spin,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { incomingInput } from '../../../shared/schemas/documents.ts';
import { ApiError } from '../../api/client.ts';
import {
  docKeys,
  type PrefillView,
  prefill,
  registerIncoming,
  type UploadedFile,
} from '../../api/documents.ts';
import { AgencyPicker, type AgencyRef } from '../../components/AgencyPicker.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { applyFieldErrors } from '../../lib/forms.ts';
import {
  DATE_FORMAT,
  DueDateField,
  FileDrop,
  fromIso,
  LinkButton,
  leaderOptions,
  SECRECY_OPTIONS,
  TYPE_OPTIONS,
  toIso,
  URGENCY_OPTIONS,
  useColleagues,
} from './common.tsx';

interface Values {
  files: UploadedFile[];
  issuerAgencyId?: string | null;
  issuerName?: string;
  numberNotation: string;
  typeCode: string;
  issuedDate: Dayjs | null;
  summary: string;
  signerName?: string;
  signerTitle?: string;
  secrecy: string;
  urgency: string;
  pageCount?: number | null;
  dueDate?: Dayjs | null;
  submitToId?: string | null;
}

/** Proposal field → form field. */
const PREFILL_FIELDS: [keyof PrefillView['proposal'], keyof Values][] = [
  ['issuerName', 'issuerName'],
  ['numberNotation', 'numberNotation'],
  ['typeCode', 'typeCode'],
  ['issuedDate', 'issuedDate'],
  ['summary', 'summary'],
  ['signer', 'signerName'],
  ['signerTitle', 'signerTitle'],
  ['secrecy', 'secrecy'],
  ['urgency', 'urgency'],
];

function duplicatesOf(err: unknown): number[] | null {
  if (!(err instanceof ApiError) || err.code !== 'duplicate') return null;
  const d = err.body.duplicates;
  return Array.isArray(d)
    ? d.map((x) => Number((x as { arrivalNumber?: number }).arrivalNumber)).filter((n) => n > 0)
    : [];
}

/** Vào sổ văn bản đến: the scan first, the fields read from it, one click to register and submit. */
export default function RegisterIncomingPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const colleagues = useColleagues();
  const leaders = leaderOptions(colleagues.data?.people ?? []);
  const [check, setCheck] = useState<Set<string>>(new Set());
  const [reading, setReading] = useState(false);
  const [readNote, setReadNote] = useState<'ok' | 'ocr' | null>(null);
  const [issuerInitial, setIssuerInitial] = useState<AgencyRef | null>(null);
  const [done, setDone] = useState<{ id: string; arrivalNumber: number } | null>(null);

  // The usual next step: submit to the first leader of the agency.
  const firstLeader = leaders[0]?.value;
  const leaderSet = useRef(false);
  useEffect(() => {
    if (firstLeader && !leaderSet.current) {
      leaderSet.current = true;
      form.setFieldValue('submitToId', firstLeader);
    }
  }, [firstLeader, form]);

  const save = useMutation({
    mutationFn: (allowDuplicate: boolean) => {
      const v = form.getFieldsValue(true) as Values;
      return registerIncoming(
        incomingInput.parse({
          issuerAgencyId: v.issuerAgencyId || null,
          issuerName: v.issuerName?.trim() || undefined,
          numberNotation: v.numberNotation,
          typeCode: v.typeCode,
          issuedDate: toIso(v.issuedDate) ?? '',
          summary: v.summary,
          signerName: v.signerName?.trim() || undefined,
          signerTitle: v.signerTitle?.trim() || undefined,
          secrecy: v.secrecy,
          urgency: v.urgency,
          pageCount: v.pageCount || undefined,
          dueDate: toIso(v.dueDate),
          files: (v.files ?? []).map((f) => ({ sha256: f.sha256, fileName: f.fileName, role: 'main' })),
          submitToId: v.submitToId || null,
          allowDuplicate,
        }),
      );
    },
    onSuccess: (r) => {
      setDone(r);
      void qc.invalidateQueries({ queryKey: docKeys.all });
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  const dups = duplicatesOf(save.error);

  const onUploaded = async (f: UploadedFile) => {
    setReading(true);
    setReadNote(null);
    try {
      const r = await prefill(f.sha256);
      const p = r.proposal;
      const low = new Set<string>();
      const set: Partial<Values> = {};
      for (const [from, to] of PREFILL_FIELDS) {
        const c = p.confidence[from] ?? (p[from] ? 0.5 : 0);
        const v = p[from];
        if (typeof v !== 'string' || !v || c <= 0) continue;
        (set as Record<string, unknown>)[to] = to === 'issuedDate' ? fromIso(v) : v;
        if (c < 0.8) low.add(to);
      }
      if (p.issuerId && p.issuerName) {
        set.issuerAgencyId = p.issuerId;
        setIssuerInitial({ id: p.issuerId, name: p.issuerName, agencyCode: null });
      }
      if (r.pages) set.pageCount = r.pages;
      form.setFieldsValue(set);
      setCheck(low);
      setReadNote(r.needsOcr || r.textLength === 0 ? 'ocr' : 'ok');
    } catch {
      setReadNote('ocr');
    } finally {
      setReading(false);
    }
  };

  const label = (name: string, text: string): ReactNode =>
    check.has(name) ? (
      <span>
        {text} <span className="lt-check-tag">{t('documents.checkAgain')}</span>
      </span>
    ) : (
      text
    );
  const required = { required: true, message: t('validation.required') };

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
                  setCheck(new Set());
                  setReadNote(null);
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
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ secrecy: 'normal', urgency: 'normal', typeCode: 'cong_van', files: [] }}
        onFinish={() => save.mutate(false)}
        scrollToFirstError
        className="lt-doc-form"
      >
        <Card className="lt-doc-card">
          <Form.Item name="files" label={t('documents.fields.file')}>
            <FileDrop
              hint={t('documents.fields.fileHint')}
              onUploaded={(f) => void onUploaded(f)}
              accept=".pdf,.docx,.doc,.odt,.png,.jpg,.jpeg"
            />
          </Form.Item>
          <div aria-live="polite">
            {reading ? (
              <Space>
                <Spin size="small" /> {t('documents.reading')}
              </Space>
            ) : readNote ? (
              <Alert
                type={readNote === 'ok' ? 'info' : 'warning'}
                showIcon
                title={readNote === 'ok' ? t('documents.prefilled') : t('documents.needsOcr')}
              />
            ) : null}
          </div>
        </Card>
        <Card className="lt-doc-card">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="issuerAgencyId"
                label={label('issuerAgencyId', t('documents.fields.issuerInside'))}
              >
                <AgencyPicker
                  agenciesOnly
                  allowClear
                  initial={issuerInitial}
                  aria-label={t('documents.fields.issuerInside')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="issuerName"
                label={label('issuerName', t('documents.fields.issuerOutside'))}
                dependencies={['issuerAgencyId']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: async (_r, v: string | undefined) => {
                      if (!getFieldValue('issuerAgencyId') && !v?.trim())
                        throw new Error(t('validation.issuer'));
                    },
                  }),
                ]}
              >
                <Input maxLength={300} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="numberNotation"
                label={label('numberNotation', t('documents.fields.numberNotation'))}
                rules={[required]}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="typeCode"
                label={label('typeCode', t('documents.fields.type'))}
                rules={[required]}
              >
                <Select options={TYPE_OPTIONS} showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="issuedDate"
                label={label('issuedDate', t('documents.fields.issuedDate'))}
                rules={[required]}
              >
                <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="summary"
                label={label('summary', t('documents.fields.summary'))}
                rules={[required, { min: 3, message: t('validation.required') }]}
              >
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="signerName" label={label('signerName', t('documents.fields.signerName'))}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="signerTitle" label={label('signerTitle', t('documents.fields.signerTitle'))}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="pageCount" label={t('documents.fields.pageCount')}>
                <InputNumber min={1} max={100000} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="secrecy" label={label('secrecy', t('documents.fields.secrecy'))}>
                <Select options={SECRECY_OPTIONS} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="urgency" label={label('urgency', t('documents.fields.urgency'))}>
                <Select options={URGENCY_OPTIONS} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="dueDate" label={t('documents.fields.dueDate')}>
                <DueDateField />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="submitToId" label={t('documents.fields.submitTo')}>
                <Select
                  allowClear
                  loading={colleagues.isPending}
                  placeholder={t('documents.fields.submitToNone')}
                  options={leaders}
                />
              </Form.Item>
            </Col>
          </Row>
          {dups ? (
            <Alert
              type="warning"
              showIcon
              role="alert"
              title={t('documents.duplicateTitle')}
              description={t('documents.duplicateBody', { numbers: dups.join(', ') })}
              action={
                <Button danger onClick={() => save.mutate(true)} loading={save.isPending}>
                  {t('documents.registerAnyway')}
                </Button>
              }
              style={{ marginBottom: 16 }}
            />
          ) : (
            <ErrorAlert error={save.error} />
          )}
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={save.isPending} size="large">
              {t('documents.submitRegister')}
            </Button>
            <Button onClick={() => navigate('/van-ban/den')}>{t('common.cancel')}</Button>
          </Space>
        </Card>
      </Form>
    </>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Radio, Select, Space } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { vnDate } from '../../../../shared/calendar/vn-time.ts';
import { LEGAL_FIELDS, LEGAL_TYPES } from '../../../../shared/legal/catalogue.ts';
import { normalizeVi } from '../../../../shared/vi-text.ts';
import { errorMessage } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { applyFieldErrors } from '../../../lib/forms.ts';
import {
  createLegal,
  getLegal,
  type LegalDocument,
  type LegalDocumentInput,
  type LegalIssuer,
  legalKeys,
  updateLegal,
} from './api.ts';
import { addDays, K, useIssuers } from './common.tsx';
import './legal.css';

type Origin = 'central' | 'local';

interface Values {
  origin: Origin;
  numberNotation: string;
  typeCode?: string;
  issuerId?: string;
  signerName?: string;
  signerTitle?: string;
  title: string;
  issuedDate: string;
  effectiveFrom: string;
  effectiveTo?: string;
  scope?: string;
  sector?: string;
  fieldCode?: number;
  gazetteSource?: string;
  gazetteDate?: string;
  summary?: string;
  fullText?: string;
}

/**
 * The earliest a document may take effect after signing: 10 days for every local document (2015 law
 * Art. 151 for the province, 2025 law Art. 53 for all local government), 45 days for central ones.
 */
const MIN_DAYS: Record<Origin, number> = { local: 10, central: 45 };

/** The body a local document most often comes from: the province's People's Committee. */
function defaultIssuer(issuers: LegalIssuer[], origin: Origin): string | undefined {
  const same = issuers.filter((i) => i.level === origin);
  if (origin === 'central') return undefined;
  return (same.find((i) => /^(uy ban nhan dan|ubnd)/.test(normalizeVi(i.name))) ?? same[0])?.id;
}

const emptyToNull = (v: string | undefined) => (v?.trim() ? v.trim() : null);

function toInput(v: Values): LegalDocumentInput {
  return {
    origin: v.origin,
    numberNotation: v.numberNotation,
    typeCode: v.typeCode as LegalDocumentInput['typeCode'],
    issuerId: v.issuerId ?? '',
    signerName: emptyToNull(v.signerName),
    signerTitle: emptyToNull(v.signerTitle),
    title: v.title,
    issuedDate: v.issuedDate,
    effectiveFrom: v.effectiveFrom,
    effectiveTo: emptyToNull(v.effectiveTo),
    scope: emptyToNull(v.scope),
    sector: emptyToNull(v.sector),
    fieldCode: v.fieldCode ?? null,
    gazetteSource: emptyToNull(v.gazetteSource),
    gazetteDate: emptyToNull(v.gazetteDate),
    summary: emptyToNull(v.summary),
    fullText: emptyToNull(v.fullText),
  };
}

function fromDoc(d: LegalDocument): Values {
  const opt = (v: string | null) => v ?? undefined;
  return {
    origin: d.origin,
    numberNotation: d.numberNotation,
    typeCode: d.typeCode,
    issuerId: d.issuerId,
    signerName: opt(d.signerName),
    signerTitle: opt(d.signerTitle),
    title: d.title,
    issuedDate: d.issuedDate,
    effectiveFrom: d.effectiveFrom,
    effectiveTo: opt(d.effectiveTo),
    scope: opt(d.scope),
    sector: opt(d.sector),
    fieldCode: d.fieldCode ?? undefined,
    gazetteSource: opt(d.gazetteSource),
    gazetteDate: opt(d.gazetteDate),
    summary: opt(d.summary),
    fullText: d.textSource === 'entered' ? opt(d.fullText) : undefined,
  };
}

/** Thêm / sửa văn bản QPPL: the vbpl.vn properties, with sensible defaults for a new local decision. */
export default function LegalEditPage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const issuers = useIssuers();
  const existing = useQuery({
    queryKey: legalKeys.one(id ?? ''),
    queryFn: () => getLegal(id!),
    enabled: !!id,
  });
  const origin = (Form.useWatch('origin', form) ?? 'local') as Origin;
  const issuedDate = Form.useWatch('issuedDate', form);
  /** The effective date follows the issue date until the person types one of their own. */
  const effectiveTouched = useRef(!!id);
  const today = vnDate(new Date());

  useEffect(() => {
    if (existing.data) form.setFieldsValue(fromDoc(existing.data));
  }, [existing.data, form]);
  useEffect(() => {
    if (id || !issuers.data) return;
    if (!form.getFieldValue('issuerId'))
      form.setFieldValue('issuerId', defaultIssuer(issuers.data.items, form.getFieldValue('origin')));
  }, [id, issuers.data, form]);
  useEffect(() => {
    if (!effectiveTouched.current && /^\d{4}-\d{2}-\d{2}$/.test(issuedDate ?? ''))
      form.setFieldValue('effectiveFrom', addDays(issuedDate!, MIN_DAYS[origin]));
  }, [issuedDate, origin, form]);

  const save = useMutation({
    mutationFn: (v: Values) => (id ? updateLegal(id, toInput(v)) : createLegal(toInput(v))),
    onSuccess: (doc) => {
      void qc.invalidateQueries({ queryKey: legalKeys.all });
      message.success(t(`${K}.form.saved`, { number: doc.numberNotation }));
      navigate(`/van-ban-phap-luat/${doc.id}`);
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) message.error(errorMessage(e));
    },
  });

  if (id && existing.isPending) return <Loading />;
  const required = (field: string) => [
    { required: true, whitespace: true, message: t(`${K}.form.required`, { field: field.toLowerCase() }) },
  ];
  const f = (name: string) => t(`${K}.fields.${name as 'title'}`);
  const types = LEGAL_TYPES.filter((x) => x.level === origin || x.code === 'khac' || x.code === 'chi_thi');
  const issuerOptions = (issuers.data?.items ?? [])
    .filter((i) => i.level === origin)
    .map((i) => ({ value: i.id, label: i.name }));
  return (
    <>
      <Link to={id ? `/van-ban-phap-luat/${id}` : '/van-ban-phap-luat'}>← {t(`${K}.form.back`)}</Link>
      <PageHeader
        title={
          id
            ? t(`${K}.form.editTitle`, { number: existing.data?.numberNotation ?? '' })
            : t(`${K}.form.newTitle`)
        }
        intro={t(`${K}.form.intro`)}
      />
      <ErrorAlert error={existing.error ?? save.error} />
      <Card style={{ maxWidth: 900 }}>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{
            origin: 'local',
            typeCode: 'quyet_dinh_ubnd',
            issuedDate: today,
            effectiveFrom: addDays(today, MIN_DAYS.local),
          }}
          onValuesChange={(changed: Partial<Values>) => {
            if ('effectiveFrom' in changed) effectiveTouched.current = true;
            if ('origin' in changed && changed.origin) {
              const o = changed.origin;
              form.setFieldsValue({
                typeCode: o === 'local' ? 'quyet_dinh_ubnd' : undefined,
                issuerId: defaultIssuer(issuers.data?.items ?? [], o),
              });
            }
          }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item name="origin" label={f('origin')}>
            <Radio.Group
              optionType="button"
              options={(['local', 'central'] as const).map((o) => ({
                value: o,
                label: t(`${K}.origins.${o}`),
              }))}
            />
          </Form.Item>
          <div className="lt-legal-grid">
            <Form.Item
              name="numberNotation"
              label={f('numberNotation')}
              rules={required(f('numberNotation'))}
            >
              <Input maxLength={100} placeholder={origin === 'local' ? '14/2026/QĐ-UBND' : '15/2026/NĐ-CP'} />
            </Form.Item>
            <Form.Item name="typeCode" label={f('type')} rules={required(f('type'))}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t(`${K}.form.chooseType`)}
                options={types.map((x) => ({ value: x.code, label: x.name }))}
              />
            </Form.Item>
            <Form.Item name="issuerId" label={f('issuer')} rules={required(f('issuer'))}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t(`${K}.form.chooseIssuer`)}
                loading={issuers.isPending}
                options={issuerOptions}
              />
            </Form.Item>
            <Form.Item name="signerName" label={f('signerName')}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
            <Form.Item name="signerTitle" label={f('signerTitle')}>
              <Input maxLength={200} placeholder="Chủ tịch" />
            </Form.Item>
          </div>
          <Form.Item name="title" label={f('title')} rules={required(f('title'))}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
          <div className="lt-legal-grid">
            <Form.Item name="issuedDate" label={f('issuedDate')} rules={required(f('issuedDate'))}>
              <Input type="date" />
            </Form.Item>
            <Form.Item
              name="effectiveFrom"
              label={f('effectiveFrom')}
              rules={required(f('effectiveFrom'))}
              extra={
                id
                  ? undefined
                  : t(`${K}.form.${origin === 'local' ? 'effectiveHelpLocal' : 'effectiveHelpCentral'}`)
              }
            >
              <Input type="date" />
            </Form.Item>
            <Form.Item name="effectiveTo" label={f('effectiveTo')} extra={t(`${K}.form.effectiveToHelp`)}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="fieldCode" label={f('field')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t(`${K}.form.chooseField`)}
                options={LEGAL_FIELDS.map((x) => ({ value: x.code, label: x.name }))}
              />
            </Form.Item>
            <Form.Item name="scope" label={f('scope')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="sector" label={f('sector')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="gazetteSource" label={f('gazetteSource')}>
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item name="gazetteDate" label={f('gazetteDate')}>
              <Input type="date" />
            </Form.Item>
          </div>
          <Form.Item name="summary" label={f('summary')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={20000} />
          </Form.Item>
          <Form.Item name="fullText" label={f('fullText')}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 16 }} />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t(`${K}.form.save`)}
            </Button>
            <Button onClick={() => navigate(id ? `/van-ban-phap-luat/${id}` : '/van-ban-phap-luat')}>
              {t(`${K}.form.cancel`)}
            </Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}

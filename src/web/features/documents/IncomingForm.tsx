import type { UseMutationResult } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Spin,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type IncomingInput, incomingInput } from '../../../shared/schemas/documents.ts';
import { ApiError } from '../../api/client.ts';
import { type PrefillView, prefill, type UploadedFile } from '../../api/documents.ts';
import { AgencyPicker, type AgencyRef } from '../../components/AgencyPicker.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useIdSafeLabel } from '../../lib/select.tsx';
import { OcrProgress } from '../ocr/OcrProgress.tsx';
import { type Ocr, useOcr } from '../ocr/useOcr.ts';
import {
  DATE_FORMAT,
  DueDateField,
  fromIso,
  leaderOptions,
  SECRECY_OPTIONS,
  TYPE_OPTIONS,
  toIso,
  URGENCY_OPTIONS,
  useColleagues,
} from './common.tsx';

/**
 * The one form that puts an incoming document in the register (Decree 30, Appendix IV columns),
 * used wherever a document is registered by hand: the scan on "Vào sổ văn bản đến" and a message of
 * the official mailbox. One set of fields, one validation (the server's zod schema), one way of
 * reading the proposals from the file and of asking about a duplicate.
 */

export interface IncomingValues {
  /** The uploaded scan (the registration page; a mail brings its own files). */
  files?: UploadedFile[];
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

export const INCOMING_DEFAULTS: Partial<IncomingValues> = {
  secrecy: 'normal',
  urgency: 'normal',
  typeCode: 'cong_van',
};

/** The request body of the form's values (files are the caller's: uploaded, or the mail's own). */
export function incomingFromValues(
  v: IncomingValues,
  files: IncomingInput['files'],
  allowDuplicate: boolean,
): IncomingInput {
  return incomingInput.parse({
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
    files,
    submitToId: v.submitToId || null,
    allowDuplicate,
  });
}

/** Proposal field → form field. */
const PREFILL_FIELDS: [keyof PrefillView['proposal'], keyof IncomingValues][] = [
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

export interface Prefill {
  /** Reads the file's text on the server and fills the fields it could read. */
  run(sha256: string): Promise<void>;
  reset(): void;
  reading: boolean;
  note: 'ok' | 'ocr' | null;
  /** Fields filled with low confidence: marked "check again". */
  check: Set<string>;
  /** The issuer matched in the agency tree, so its picker shows the name at once. */
  issuer: AgencyRef | null;
  /** A scan's OCR, started on its own; when it ends the fields are read again from its text. */
  ocr: Ocr;
}

/** The fields proposed from a file (PDF, DOCX), put into the form; the clerk confirms or corrects. */
export function usePrefill(form: FormInstance<IncomingValues>): Prefill {
  const [reading, setReading] = useState(false);
  const [note, setNote] = useState<'ok' | 'ocr' | null>(null);
  const [check, setCheck] = useState<Set<string>>(new Set());
  const [issuer, setIssuer] = useState<AgencyRef | null>(null);
  const ocr = useOcr();
  const { reset: resetOcr, start: startOcr } = ocr;
  const reset = useCallback(() => {
    setNote(null);
    setCheck(new Set());
    setIssuer(null);
    resetOcr();
  }, [resetOcr]);
  const run = useCallback(
    async (sha256: string, afterOcr = false) => {
      setReading(true);
      setNote(null);
      if (!afterOcr) resetOcr();
      try {
        const r = await prefill(sha256);
        const p = r.proposal;
        const low = new Set<string>();
        const set: Partial<IncomingValues> = {};
        for (const [from, to] of PREFILL_FIELDS) {
          // What the clerk already typed wins over what was read.
          if (form.isFieldTouched(to)) continue;
          const c = p.confidence[from] ?? (p[from] ? 0.5 : 0);
          const v = p[from];
          if (typeof v !== 'string' || !v || c <= 0) continue;
          (set as Record<string, unknown>)[to] = to === 'issuedDate' ? fromIso(v) : v;
          if (c < 0.8) low.add(to);
        }
        if (p.issuerId && p.issuerName && !form.isFieldTouched('issuerAgencyId')) {
          // The name first, then the value: the picker never has an id without its label.
          setIssuer({ id: p.issuerId, name: p.issuerName, agencyCode: null });
          set.issuerAgencyId = p.issuerId;
        }
        if (r.pages && !form.isFieldTouched('pageCount')) set.pageCount = r.pages;
        form.setFieldsValue(set);
        setCheck(low);
        // A scan without its OCR text yet: recognise it (the run is shared by everyone who uploads
        // the same file), then read the fields again from its text; the clerk may type meanwhile.
        const ocrDone = r.ocr?.status === 'done';
        if (r.needsOcr && !ocrDone && !afterOcr) {
          setNote(null);
          startOcr(sha256, () => void run(sha256, true));
        } else setNote(r.textLength === 0 ? 'ocr' : 'ok');
      } catch {
        setNote('ocr');
      } finally {
        setReading(false);
      }
    },
    [form, resetOcr, startOcr],
  );
  return { reading, note, check, issuer, reset, run, ocr };
}

/** "Đang đọc tệp…", then what was read (or that the file needs OCR); spoken by screen readers. */
export function PrefillStatus({ prefill: p }: { prefill: Prefill }) {
  const { t } = useTranslation();
  return (
    <div aria-live="polite">
      {p.reading ? (
        <Space>
          <Spin size="small" /> {t('documents.reading')}
        </Space>
      ) : p.ocr.state && p.ocr.state.status !== 'done' ? (
        <OcrProgress state={p.ocr.state} onCancel={p.ocr.cancel} />
      ) : p.ocr.state?.status === 'done' && p.note === 'ok' ? (
        <OcrProgress state={p.ocr.state} onCancel={p.ocr.cancel} />
      ) : p.note ? (
        <Alert
          type={p.note === 'ok' ? 'info' : 'warning'}
          showIcon
          title={p.note === 'ok' ? t('documents.prefilled') : t('documents.needsOcr')}
        />
      ) : null}
    </div>
  );
}

function Wrap({ cards, children }: { cards?: boolean; children: ReactNode }) {
  return cards ? <Card className="lt-doc-card">{children}</Card> : children;
}

function duplicatesOf(err: unknown): number[] | null {
  if (!(err instanceof ApiError) || err.code !== 'duplicate') return null;
  const d = err.body.duplicates;
  return Array.isArray(d)
    ? d.map((x) => Number((x as { arrivalNumber?: number }).arrivalNumber)).filter((n) => n > 0)
    : [];
}

export interface IncomingFormProps {
  form: FormInstance<IncomingValues>;
  initialValues?: Partial<IncomingValues>;
  prefill: Prefill;
  /** Called with `allowDuplicate`; its error is shown under the fields (or the duplicate question). */
  save: UseMutationResult<unknown, Error, boolean>;
  submitLabel: string;
  /** More buttons beside the submit button (cancel, dismiss). */
  actions?: ReactNode;
  /** Above the fields, inside the form (the file drop). */
  before?: ReactNode;
  /** Two columns at most (a drawer) instead of three. */
  narrow?: boolean;
  /** On a page: `before` and the fields each in a card. */
  cards?: boolean;
  className?: string;
}

/** The register's fields, the duplicate question and the buttons. */
export function IncomingForm({
  form,
  initialValues,
  prefill: p,
  save,
  submitLabel,
  actions,
  before,
  narrow,
  cards,
  className,
}: IncomingFormProps) {
  const { t } = useTranslation();
  const colleagues = useColleagues();
  const leaders = leaderOptions(colleagues.data?.people ?? []);
  const leaderLabel = useIdSafeLabel(colleagues.isPending);
  // The usual next step: submit to the first leader of the agency.
  const firstLeader = leaders[0]?.value;
  const leaderSet = useRef(false);
  useEffect(() => {
    if (firstLeader && !leaderSet.current && form.getFieldValue('submitToId') === undefined) {
      leaderSet.current = true;
      form.setFieldValue('submitToId', firstLeader);
    }
  }, [firstLeader, form]);

  const dups = duplicatesOf(save.error);
  const third = narrow ? 12 : 8;
  const label = (name: keyof IncomingValues, text: string): ReactNode =>
    p.check.has(name) ? (
      <span>
        {text} <span className="lt-check-tag">{t('documents.checkAgain')}</span>
      </span>
    ) : (
      text
    );
  const required = { required: true, message: t('validation.required') };

  return (
    <Form<IncomingValues>
      form={form}
      layout="vertical"
      initialValues={{ ...INCOMING_DEFAULTS, ...initialValues }}
      onFinish={() => save.mutate(false)}
      scrollToFirstError
      className={className}
    >
      {cards && before ? <Card className="lt-doc-card">{before}</Card> : before}
      <Wrap cards={cards}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="issuerAgencyId"
              label={label('issuerAgencyId', t('documents.fields.issuerInside'))}
            >
              <AgencyPicker
                agenciesOnly
                allowClear
                initial={p.issuer}
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
          <Col xs={24} md={third}>
            <Form.Item
              name="numberNotation"
              label={label('numberNotation', t('documents.fields.numberNotation'))}
              rules={[required]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={third}>
            <Form.Item
              name="typeCode"
              label={label('typeCode', t('documents.fields.type'))}
              rules={[required]}
            >
              <Select options={TYPE_OPTIONS} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={third}>
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
          <Col xs={24} md={third}>
            <Form.Item name="signerName" label={label('signerName', t('documents.fields.signerName'))}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={third}>
            <Form.Item name="signerTitle" label={label('signerTitle', t('documents.fields.signerTitle'))}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={third}>
            <Form.Item name="pageCount" label={t('documents.fields.pageCount')}>
              <InputNumber min={1} max={100000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={third}>
            <Form.Item name="secrecy" label={label('secrecy', t('documents.fields.secrecy'))}>
              <Select options={SECRECY_OPTIONS} />
            </Form.Item>
          </Col>
          <Col xs={12} md={third}>
            <Form.Item name="urgency" label={label('urgency', t('documents.fields.urgency'))}>
              <Select options={URGENCY_OPTIONS} />
            </Form.Item>
          </Col>
          <Col xs={24} md={narrow ? 24 : 16}>
            <Form.Item name="dueDate" label={t('documents.fields.dueDate')}>
              <DueDateField />
            </Form.Item>
          </Col>
          <Col xs={24} md={narrow ? 24 : 12}>
            <Form.Item name="submitToId" label={t('documents.fields.submitTo')}>
              <Select
                allowClear
                loading={colleagues.isPending}
                placeholder={t('documents.fields.submitToNone')}
                options={leaders}
                labelRender={leaderLabel}
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
            description={
              dups.length
                ? t('documents.duplicateBody', { numbers: dups.join(', ') })
                : (save.error as ApiError).detail
            }
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
          <Button
            type="primary"
            htmlType="submit"
            loading={save.isPending}
            size={narrow ? 'middle' : 'large'}
          >
            {submitLabel}
          </Button>
          {actions}
        </Space>
      </Wrap>
    </Form>
  );
}

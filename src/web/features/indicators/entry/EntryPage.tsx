import { CheckCircleOutlined, DownloadOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space, Tag } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { parsePeriod, periodLabel } from '../../../../shared/indicators/periods.ts';
import { ApiError, errorMessage } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import {
  entryKeys,
  getReport,
  getSheet,
  submitReport,
  templateUrl,
  uploadSheet,
  type ValidationView,
  validateReport,
} from './api.ts';
import { FormStateTag, ReportStatusTag } from './common.tsx';
import { problemList, SheetPanel } from './SheetPanel.tsx';

type Violation = ValidationView['violations'][number];

function ViolationList({ items }: { items: Violation[] }) {
  const { t } = useTranslation();
  return (
    <ul className="lt-ind-violations">
      {items.map((v) => (
        <li key={v.key}>
          <Tag color={v.importance === 'blocking' ? 'red' : 'gold'}>
            {t(`indEntry.importance.${v.importance}`)}
          </Tag>
          {v.message}
        </li>
      ))}
    </ul>
  );
}

/** Nhập số liệu: one form, one period, my agency (or ?agencyId= for a higher level entering for it). */
export default function EntryPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { formId = '', period = '' } = useParams();
  const [search] = useSearchParams();
  const agencyParam = search.get('agencyId') ?? undefined;
  const key = entryKeys.sheet(formId, period, agencyParam);
  const sheet = useQuery({ queryKey: key, queryFn: () => getSheet(formId, period, agencyParam) });
  const [validation, setValidation] = useState<ValidationView | null>(null);
  const [submitOpen, setSubmitOpen] = useState(false);
  const [uploadProblems, setUploadProblems] = useState<string[]>([]);
  const fileRef = useRef<HTMLInputElement>(null);
  const [form] = Form.useForm<Record<string, string>>();

  const data = sheet.data;
  const agencyId = data?.agency.id ?? agencyParam ?? '';
  const p = parsePeriod(period);
  const label = data?.periodLabel ?? (p ? periodLabel(p) : period);
  const readOnly = !data?.editable;
  const status = data?.reportStatus ?? 'draft';
  // The reason of a return, from the report's steps.
  const report = useQuery({
    queryKey: entryKeys.report(formId, period, agencyId),
    queryFn: () => getReport(formId, period, agencyId),
    enabled: status === 'returned' && !!agencyId,
  });

  const validate = useMutation({
    mutationFn: () => validateReport(formId, period, agencyId),
    onSuccess: (v) => {
      setValidation(v);
      if (v.violations.length === 0) message.success(t('indEntry.validate.ok'));
    },
  });

  const submit = useMutation({
    mutationFn: (comments: Record<string, string>) => submitReport(formId, period, agencyId, comments),
    onSuccess: () => {
      setSubmitOpen(false);
      setValidation(null);
      message.success(t('indEntry.submit.done'));
      void qc.invalidateQueries({ queryKey: ['indicators'] });
    },
  });

  const startSubmit = async () => {
    try {
      const v = await validate.mutateAsync();
      if (v.violations.length === 0) {
        submit.mutate({});
        return;
      }
      form.resetFields();
      setSubmitOpen(true);
    } catch {
      // shown by validate.error
    }
  };

  const upload = useMutation({
    mutationFn: (file: File) => uploadSheet(formId, period, agencyId, file),
    onSuccess: () => {
      setUploadProblems([]);
      message.success(t('indEntry.upload.done'));
      void qc.invalidateQueries({ queryKey: key });
    },
    onError: (e) => {
      const body = (e as { body?: Record<string, unknown> }).body ?? {};
      const err = new ApiError(
        (e as { status?: number }).status ?? 0,
        String(body.code ?? 'upload'),
        String(body.detail ?? e.message),
        [],
        body,
      );
      setUploadProblems(problemList(err));
    },
  });

  const blocking = validation?.violations.filter((v) => v.importance === 'blocking') ?? [];
  const warnings = validation?.violations.filter((v) => v.importance === 'warning') ?? [];

  return (
    <>
      <PageHeader
        title={data ? `${data.form.code} · ${data.form.name}` : t('indEntry.entryTitle')}
        intro={
          data ? (
            <Space wrap size={4}>
              <span>
                {label} · {data.agency.name}
              </span>
              <ReportStatusTag status={status} />
              <FormStateTag state={data.state} />
            </Space>
          ) : null
        }
        extra={<Link to="/chi-tieu/nhap">{t('indEntry.backToList')}</Link>}
      />
      <ErrorAlert error={sheet.error} />
      {sheet.isPending ? <Loading /> : null}
      {data ? (
        <>
          {status === 'returned' ? (
            <Alert
              type="warning"
              showIcon
              message={t('indEntry.returned')}
              description={report.data?.returnReason}
              className="lt-block"
            />
          ) : null}
          {data.readOnlyReason ? (
            <Alert type="info" showIcon message={data.readOnlyReason} className="lt-block" />
          ) : null}
          <Space wrap className="lt-ind-actions">
            <Button
              icon={<CheckCircleOutlined aria-hidden />}
              loading={validate.isPending}
              onClick={() => validate.mutate()}
            >
              {t('indEntry.validate.button')}
            </Button>
            <Button
              type="primary"
              icon={<SendOutlined aria-hidden />}
              disabled={readOnly}
              loading={submit.isPending}
              onClick={() => void startSubmit()}
            >
              {t('indEntry.submit.button')}
            </Button>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              href={templateUrl(formId, period, agencyId)}
              download
            >
              {t('indEntry.template')}
            </Button>
            <Button
              icon={<UploadOutlined aria-hidden />}
              disabled={readOnly}
              loading={upload.isPending}
              onClick={() => fileRef.current?.click()}
            >
              {t('indEntry.upload.button')}
            </Button>
            <input
              ref={fileRef}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              hidden
              aria-label={t('indEntry.upload.button')}
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) upload.mutate(f);
                e.target.value = '';
              }}
            />
          </Space>
          <ErrorAlert error={validate.error ?? submit.error} />
          {uploadProblems.length > 0 ? (
            <Alert
              type="error"
              showIcon
              closable
              onClose={() => setUploadProblems([])}
              message={t('indEntry.upload.failed')}
              description={
                <ul>
                  {uploadProblems.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              }
            />
          ) : null}
          {validation && validation.violations.length > 0 && !submitOpen ? (
            <Alert
              type={validation.blocking > 0 ? 'error' : 'warning'}
              showIcon
              closable
              onClose={() => setValidation(null)}
              message={t('indEntry.validate.found', {
                blocking: validation.blocking,
                warnings: validation.warnings,
              })}
              description={<ViolationList items={validation.violations} />}
            />
          ) : null}
          <SheetPanel
            sheet={data}
            queryKey={key}
            readOnly={readOnly}
            onReload={() => void qc.invalidateQueries({ queryKey: key })}
          />
          <Modal
            open={submitOpen}
            title={t('indEntry.submit.title')}
            onCancel={() => setSubmitOpen(false)}
            okText={t('indEntry.submit.confirm')}
            cancelText={t('common.cancel')}
            okButtonProps={{ disabled: blocking.length > 0, loading: submit.isPending }}
            onOk={() => form.submit()}
          >
            <ErrorAlert error={submit.error} />
            {blocking.length > 0 ? (
              <Alert
                type="error"
                showIcon
                message={t('indEntry.submit.blocking', { count: blocking.length })}
                description={<ViolationList items={blocking} />}
              />
            ) : null}
            {warnings.length > 0 ? (
              <>
                <p>{t('indEntry.submit.explain')}</p>
                <Form form={form} layout="vertical" onFinish={(v) => submit.mutate(v)}>
                  {warnings.map((w) => (
                    <Form.Item
                      key={w.key}
                      name={w.key}
                      label={w.message}
                      rules={[
                        { required: true, whitespace: true, message: t('indEntry.submit.commentRequired') },
                      ]}
                    >
                      <Input.TextArea rows={2} maxLength={2000} />
                    </Form.Item>
                  ))}
                </Form>
              </>
            ) : null}
          </Modal>
        </>
      ) : null}
      {sheet.isError && sheet.error instanceof ApiError && sheet.error.status === 404 ? (
        <p>{errorMessage(sheet.error)}</p>
      ) : null}
    </>
  );
}

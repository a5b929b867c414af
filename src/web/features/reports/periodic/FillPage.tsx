import { DownloadOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SubmissionSave, SubmissionView, TemplateSection } from '../../../../shared/reports/periodic.ts';
import { ApiError } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { applyFieldErrors } from '../../../lib/forms.ts';
import {
  getSubmission,
  paths,
  periodicKeys,
  saveSubmission,
  submissionFileUrl,
  submitSubmission,
} from './api.ts';
import { LateTag, StatusTag } from './common.tsx';
import { MeasuredFigure, ReturnsNotice, rowLabel, SubmissionRead } from './SubmissionParts.tsx';
import { useScreenId } from './screens.ts';

type FormValues = { values: Record<string, string | Record<string, number | null>> };

/** The form's starting values: each text as saved, each typed row's number (measured rows fill themselves). */
function initialValues(s: SubmissionView): FormValues {
  const values: FormValues['values'] = {};
  for (const sec of s.sections) {
    const v = s.values[sec.key];
    if (sec.kind === 'text') values[sec.key] = typeof v === 'string' ? v : '';
    else {
      const rows: Record<string, number | null> = {};
      for (const r of sec.rows) {
        if (r.measure) continue;
        rows[r.key] = typeof v === 'object' && v !== null ? (v[r.key]?.value ?? null) : null;
      }
      values[sec.key] = rows;
    }
  }
  return { values };
}

/** What PUT takes: texts, and each table's typed rows (measured rows are left out: they fill themselves). */
function toSave(s: SubmissionView, form: FormValues): SubmissionSave['values'] {
  const out: SubmissionSave['values'] = {};
  for (const sec of s.sections) {
    const v = form.values?.[sec.key];
    if (sec.kind === 'text') out[sec.key] = typeof v === 'string' ? v : '';
    else {
      const rows: Record<string, number | null> = {};
      for (const r of sec.rows) {
        if (r.measure) continue;
        const n = typeof v === 'object' && v !== null ? v[r.key] : null;
        rows[r.key] = typeof n === 'number' && Number.isFinite(n) ? n : null;
      }
      out[sec.key] = rows;
    }
  }
  return out;
}

/** The sections left empty (a text with nothing written, a table with a typed row without a number). */
function emptySections(s: SubmissionView, form: FormValues): TemplateSection[] {
  const values = toSave(s, form);
  return s.sections.filter((sec) => {
    const v = values[sec.key];
    if (sec.kind === 'text') return typeof v !== 'string' || v.trim() === '';
    return sec.rows.some((r) => !r.measure && (typeof v !== 'object' || v[r.key] === null));
  });
}

function SectionFields({
  section,
  index,
  s,
}: {
  section: TemplateSection;
  index: number;
  s: SubmissionView;
}) {
  const { t, i18n } = useTranslation();
  const heading = `${index + 1}. ${section.title}`;
  if (section.kind === 'text')
    return (
      <section style={{ marginBottom: 24 }} aria-labelledby={`fill-${section.key}`}>
        <Typography.Title level={2} id={`fill-${section.key}`} className="lt-section-title">
          {heading}
        </Typography.Title>
        {section.hint ? (
          <Typography.Paragraph id={`fill-${section.key}-hint`} className="lt-muted">
            {section.hint}
          </Typography.Paragraph>
        ) : null}
        <Form.Item name={['values', section.key]} style={{ marginBottom: 0 }}>
          <Input.TextArea
            aria-labelledby={`fill-${section.key}`}
            aria-describedby={section.hint ? `fill-${section.key}-hint` : undefined}
            autoSize={{ minRows: 4, maxRows: 20 }}
            maxLength={50_000}
            placeholder={t('reports.periodic.fill.textPlaceholder')}
          />
        </Form.Item>
      </section>
    );
  const saved = s.values[section.key];
  const rows = typeof saved === 'object' && saved !== null ? saved : {};
  return (
    <section style={{ marginBottom: 24 }} aria-labelledby={`fill-${section.key}`}>
      <Typography.Title level={2} id={`fill-${section.key}`} className="lt-section-title">
        {heading}
      </Typography.Title>
      {section.rows.some((r) => r.measure) ? (
        <Typography.Paragraph className="lt-muted">
          {t('reports.periodic.fill.measuredHelp')}
        </Typography.Paragraph>
      ) : null}
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 320px), 1fr))',
          columnGap: 24,
        }}
      >
        {section.rows.map((row) =>
          row.measure ? (
            <Form.Item key={row.key} label={rowLabel(row)}>
              <MeasuredFigure row={row} value={rows[row.key]} submission={s} />
            </Form.Item>
          ) : (
            <Form.Item
              key={row.key}
              name={['values', section.key, row.key]}
              label={rowLabel(row)}
              rules={[{ type: 'number', message: t('reports.periodic.fill.numberInvalid') }]}
            >
              <InputNumber
                style={{ width: '100%', maxWidth: 240 }}
                decimalSeparator={i18n.language === 'en' ? '.' : ','}
                inputMode="decimal"
              />
            </Form.Item>
          ),
        )}
      </div>
    </section>
  );
}

/**
 * Báo cáo định kỳ — one report of the agency: texts to write and tables whose measured rows the
 * system has filled; save a draft, submit with confirmation; a returned report shows the IT
 * department's comments first.
 */
export default function FillPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = useScreenId();
  const key = periodicKeys.submission(id);
  const q = useQuery({ queryKey: key, queryFn: () => getSubmission(id) });
  const [form] = Form.useForm<FormValues>();
  const [dirty, setDirty] = useState(false);
  const [confirming, setConfirming] = useState<TemplateSection[] | null>(null);
  const s = q.data;
  // A new version (saved here, or loaded after someone else saved) puts what the server holds in the
  // form; a refetch of the same version keeps what is being typed.
  const shownVersion = useRef<number | null>(null);
  useEffect(() => {
    if (!s || s.version === shownVersion.current) return;
    shownVersion.current = s.version;
    form.setFieldsValue(initialValues(s));
  }, [s, form]);

  const afterSave = (v: SubmissionView) => {
    qc.setQueryData(key, v);
    setDirty(false);
  };

  const save = useMutation({
    mutationFn: () =>
      saveSubmission(id, { version: s!.version, values: toSave(s!, form.getFieldsValue(true)) }),
    onSuccess: (v) => {
      afterSave(v);
      message.success(t('reports.periodic.fill.saved'));
    },
    onError: (e) => applyFieldErrors(form, e),
  });

  const submit = useMutation({
    mutationFn: async () => {
      let current = s!;
      if (dirty) {
        current = await saveSubmission(id, {
          version: current.version,
          values: toSave(current, form.getFieldsValue(true)),
        });
        afterSave(current);
      }
      return submitSubmission(current.id);
    },
    onSuccess: (v) => {
      setConfirming(null);
      qc.setQueryData(key, v);
      void qc.invalidateQueries({ queryKey: periodicKeys.all });
      message.success(t('reports.periodic.fill.submitted'));
    },
    onError: (e) => {
      // A conflict or a field's problem is shown on the page, next to what it is about.
      if ((e instanceof ApiError && e.status === 409) || applyFieldErrors(form, e)) setConfirming(null);
    },
  });

  const failure = save.error ?? (confirming ? null : submit.error);
  const conflict = failure instanceof ApiError && failure.status === 409;
  const title = s ? `${s.cycle.templateName} — ${s.cycle.label}` : t('reports.periodic.fill.titleFallback');

  return (
    <>
      <PageHeader
        title={title}
        intro={
          s ? (
            <Space size={[8, 4]} wrap>
              <span>
                {t('reports.periodic.fill.meta', {
                  agency: s.agencyName,
                  label: s.cycle.label,
                  due: formatDate(s.cycle.dueDate),
                })}
              </span>
              <StatusTag status={s.status} />
              <LateTag late={s.late} />
            </Space>
          ) : null
        }
        extra={<Link to={paths.own}>{t('reports.periodic.fill.back')}</Link>}
      />
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      {q.isPending ? <Loading /> : null}
      {s ? (
        <>
          <ReturnsNotice submission={s} />
          {s.late && s.can.edit ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('reports.periodic.fill.lateWarning', { due: formatDate(s.cycle.dueDate) })}
            />
          ) : null}
          {s.status === 'submitted' ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('reports.periodic.fill.submittedInfo', { at: formatDateTime(s.submittedAt) })}
            />
          ) : null}
          {s.status === 'accepted' ? (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('reports.periodic.fill.acceptedInfo', { at: formatDateTime(s.acceptedAt) })}
            />
          ) : null}
          {!s.can.edit && s.cycle.status === 'closed' && s.status !== 'accepted' ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('reports.periodic.fill.closedInfo')}
            />
          ) : null}
          <Space wrap style={{ marginBottom: 16 }}>
            <Button icon={<DownloadOutlined aria-hidden />} href={submissionFileUrl(s.id, 'docx')} download>
              {t('reports.periodic.downloadDocx')}
            </Button>
            <Button icon={<DownloadOutlined aria-hidden />} href={submissionFileUrl(s.id, 'pdf')} download>
              {t('reports.periodic.downloadPdf')}
            </Button>
          </Space>
          {conflict ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              style={{ marginBottom: 16 }}
              title={t('reports.periodic.fill.conflict')}
              action={
                <Button
                  size="small"
                  onClick={() => {
                    save.reset();
                    submit.reset();
                    setDirty(false);
                    void q.refetch();
                  }}
                >
                  {t('reports.periodic.fill.reload')}
                </Button>
              }
            />
          ) : (
            <ErrorAlert error={failure} />
          )}
          {s.can.edit ? (
            <Form<FormValues>
              form={form}
              layout="vertical"
              initialValues={initialValues(s)}
              onValuesChange={() => setDirty(true)}
              onFinish={() => save.mutate()}
              aria-label={t('reports.periodic.fill.sectionsLabel')}
            >
              {s.sections.map((sec, i) => (
                <SectionFields key={sec.key} section={sec} index={i} s={s} />
              ))}
              <div style={{ padding: '12px 0', borderTop: '1px solid #f0f0f0' }}>
                <Space wrap>
                  <Button htmlType="submit" icon={<SaveOutlined aria-hidden />} loading={save.isPending}>
                    {t('reports.periodic.fill.save')}
                  </Button>
                  {s.can.submit ? (
                    <Button
                      type="primary"
                      icon={<SendOutlined aria-hidden />}
                      onClick={() => {
                        submit.reset();
                        setConfirming(emptySections(s, form.getFieldsValue(true)));
                      }}
                    >
                      {t('reports.periodic.fill.submit')}
                    </Button>
                  ) : (
                    <span className="lt-muted">{t('reports.periodic.fill.submitBy')}</span>
                  )}
                  {dirty ? (
                    <span className="lt-muted" role="status">
                      {t('reports.periodic.fill.unsaved')}
                    </span>
                  ) : null}
                </Space>
              </div>
            </Form>
          ) : (
            <SubmissionRead submission={s} />
          )}
          <Modal
            open={confirming !== null}
            title={t('reports.periodic.fill.submitTitle')}
            okText={t('reports.periodic.fill.submitConfirm')}
            cancelText={t('common.cancel')}
            okButtonProps={{ loading: submit.isPending }}
            onCancel={() => setConfirming(null)}
            onOk={() => submit.mutate()}
          >
            <p>{t('reports.periodic.fill.submitExplain')}</p>
            {confirming?.length ? (
              <Alert
                type="warning"
                showIcon
                title={t('reports.periodic.fill.submitEmpty', {
                  count: confirming.length,
                  names: confirming.map((c) => c.title).join('; '),
                })}
              />
            ) : null}
            {submit.error && !(submit.error instanceof ApiError && submit.error.status === 409) ? (
              <ErrorAlert error={submit.error} />
            ) : null}
          </Modal>
        </>
      ) : null}
    </>
  );
}

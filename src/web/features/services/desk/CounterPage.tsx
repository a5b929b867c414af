import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { vnDate } from '../../../../shared/calendar/vn-time.ts';
import { checkForm, type FormValues } from '../../../../shared/services/form.ts';
import { ApiError, errorMessage, post } from '../../../api/client.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { getProcedure } from '../citizen/api.ts';
import { type PaperFiles, PaperUploads } from '../citizen/PaperUploads.tsx';
import { FormFields, problemsOf } from '../form/FormFields.tsx';
import { deskKeys, getDeskProcedures, receiptUrl } from './api.ts';

interface Applicant {
  fullName: string;
  kind: 'citizen' | 'organisation';
  idNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
}

/**
 * Nhận hồ sơ tại quầy: the desk enters a walk-in applicant's dossier — the procedure, the applicant,
 * the procedure's form, scans of the papers when there are — and accepts it at once; then prints the
 * receipt (Mẫu 01) with the code and the tracking secret for the applicant.
 */
export default function CounterPage() {
  const { t } = useTranslation();
  const procedures = useQuery({ queryKey: deskKeys.procedures(), queryFn: getDeskProcedures });
  const [code, setCode] = useState<string>();
  const proc = useQuery({
    queryKey: ['citizen', 'procedure', code],
    queryFn: () => getProcedure(code ?? ''),
    enabled: !!code,
  });
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [values, setValues] = useState<FormValues>({});
  const [files, setFiles] = useState<PaperFiles>({});
  const [accept, setAccept] = useState(true);
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const [summary, setSummary] = useState('');
  const [form] = Form.useForm<Applicant>();
  const summaryRef = useRef<HTMLDivElement>(null);
  const send = useMutation({
    mutationFn: (a: Applicant) =>
      post<{ id: string; code: string; secret: string }>('/services/desk/dossiers', {
        procedureCode: code,
        channel: 'counter',
        applicant: {
          fullName: a.fullName.trim(),
          kind: a.kind,
          idNumber: a.idNumber?.trim() || undefined,
          phone: a.phone?.trim() || undefined,
          email: a.email?.trim() || undefined,
          address: a.address?.trim() || undefined,
        },
        form: values,
        papers: Object.entries(files).flatMap(([paperKey, f]) =>
          f ? [{ paperKey, sha256: f.sha256, fileName: f.fileName }] : [],
        ),
        accept,
        idempotencyKey: key,
      }),
    onError: (e) => {
      if (e instanceof ApiError) {
        setProblems(
          problemsOf(
            e.fields.filter((f) => f.path.startsWith('body.form.')),
            'body.form.',
          ),
        );
        for (const f of e.fields.filter((x) => x.path.startsWith('body.applicant.')))
          form.setFields([
            { name: f.path.slice('body.applicant.'.length) as keyof Applicant, errors: [f.message] },
          ]);
      }
      setSummary(errorMessage(e));
      summaryRef.current?.focus();
    },
  });
  const reset = () => {
    setKey(crypto.randomUUID());
    setValues({});
    setFiles({});
    setProblems(new Map());
    setSummary('');
    form.resetFields();
    send.reset();
  };
  const submit = async () => {
    setSummary('');
    const p = proc.data;
    if (!p) return;
    let applicant: Applicant | null = null;
    try {
      applicant = await form.validateFields();
    } catch {
      applicant = null;
    }
    const checked = checkForm(p.content.form, values, vnDate(new Date()));
    const next = problemsOf(checked.problems);
    setProblems(next);
    if (!applicant || next.size) {
      setSummary(t('services.applicants.submit.fix', { count: next.size + (applicant ? 0 : 1) }));
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    send.mutate(applicant);
  };
  const done = send.data;
  return (
    <>
      <PageHeader
        title={t('services.desk.counterPage.title')}
        intro={t('services.desk.counterPage.intro')}
        extra={
          <Link to="/mot-cua">
            <ArrowLeftOutlined aria-hidden /> {t('services.desk.back')}
          </Link>
        }
      />
      {done ? (
        <Card>
          <Alert
            type="success"
            showIcon
            message={t('services.desk.counterPage.done', { code: done.code })}
            style={{ marginBottom: 12 }}
          />
          <Typography.Paragraph>
            {t('services.applicants.submit.secret')}: <span className="lt-secret">{done.secret}</span>
          </Typography.Paragraph>
          <Typography.Paragraph className="lt-muted">
            {t('services.desk.counterPage.secretNote')}
          </Typography.Paragraph>
          <Space wrap>
            <Button type="primary" href={receiptUrl(done.id)}>
              {t('services.desk.forms.01')}
            </Button>
            <Link to={`/mot-cua/ho-so/${done.id}`}>{t('services.desk.counterPage.open')}</Link>
            <Button onClick={reset}>{t('services.desk.counterPage.another')}</Button>
          </Space>
        </Card>
      ) : (
        <>
          <div ref={summaryRef} tabIndex={-1} aria-live="assertive">
            {summary ? <Alert type="error" showIcon message={summary} style={{ marginBottom: 16 }} /> : null}
          </div>
          <Form layout="vertical" component="div">
            <Form.Item label={t('services.desk.procedure')} htmlFor="thu-tuc" required>
              <Select
                id="thu-tuc"
                showSearch
                optionFilterProp="label"
                loading={procedures.isPending}
                value={code}
                onChange={(v) => {
                  setCode(v);
                  setValues({});
                  setFiles({});
                  setProblems(new Map());
                }}
                placeholder={t('services.desk.counterPage.choose')}
                options={(procedures.data?.items ?? []).map((p) => ({
                  value: p.code,
                  label: `${p.name} (${p.processingDays} ngày)`,
                }))}
                notFoundContent={t('services.desk.counterPage.noProcedures')}
              />
            </Form.Item>
          </Form>
          {proc.data ? (
            <>
              <Card
                title={t('services.applicants.submit.applicant')}
                size="small"
                style={{ marginBottom: 16 }}
              >
                <Form form={form} layout="vertical" initialValues={{ kind: 'citizen' }}>
                  <Form.Item name="kind" label={t('services.applicants.submit.kind')}>
                    <Radio.Group
                      options={[
                        { value: 'citizen', label: t('services.applicants.submit.kinds.citizen') },
                        { value: 'organisation', label: t('services.applicants.submit.kinds.organisation') },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item
                    name="fullName"
                    label={t('services.applicants.submit.fullName')}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t('services.applicants.submit.fullNameRequired'),
                      },
                    ]}
                  >
                    <Input maxLength={200} />
                  </Form.Item>
                  <Form.Item
                    name="idNumber"
                    label={t('services.applicants.submit.idNumber')}
                    rules={[
                      {
                        pattern: /^(\d{9}|\d{12}|\d{10}(-\d{3})?)$/,
                        message: t('services.applicants.submit.idNumberInvalid'),
                      },
                    ]}
                  >
                    <Input inputMode="numeric" maxLength={14} />
                  </Form.Item>
                  <Form.Item
                    name="phone"
                    label={t('services.applicants.submit.phone')}
                    rules={[
                      {
                        pattern: /^(\+84|0)\d{9,10}$/,
                        message: t('services.applicants.submit.phoneInvalid'),
                      },
                    ]}
                  >
                    <Input inputMode="tel" maxLength={13} />
                  </Form.Item>
                  <Form.Item
                    name="email"
                    label={t('services.applicants.submit.email')}
                    extra={t('services.applicants.submit.emailHelp')}
                    rules={[{ type: 'email', message: t('services.applicants.submit.emailInvalid') }]}
                  >
                    <Input type="email" maxLength={200} />
                  </Form.Item>
                  <Form.Item name="address" label={t('services.applicants.submit.address')}>
                    <Input maxLength={300} />
                  </Form.Item>
                </Form>
              </Card>
              <Card title={t('services.applicants.submit.form')} size="small" style={{ marginBottom: 16 }}>
                <Form layout="vertical" component="div">
                  <FormFields
                    schema={proc.data.content.form}
                    values={values}
                    onChange={setValues}
                    problems={problems}
                  />
                </Form>
              </Card>
              <Card title={t('services.desk.counterPage.scans')} size="small" style={{ marginBottom: 16 }}>
                <PaperUploads
                  slots={proc.data.content.papers.map((p) => ({ key: p.key, name: p.name, required: false }))}
                  files={files}
                  onChange={setFiles}
                  problems={problems}
                />
              </Card>
              <Checkbox
                checked={accept}
                onChange={(e) => setAccept(e.target.checked)}
                style={{ marginBottom: 16 }}
              >
                {t('services.desk.counterPage.acceptNow')}
              </Checkbox>
              <div>
                <Button type="primary" size="large" onClick={() => void submit()} loading={send.isPending}>
                  {t('services.desk.counterPage.save')}
                </Button>
              </div>
            </>
          ) : null}
        </>
      )}
    </>
  );
}

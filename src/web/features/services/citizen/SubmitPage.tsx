import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { vnDate } from '../../../../shared/calendar/vn-time.ts';
import type { SubmitReply } from '../../../../shared/services/api.ts';
import { checkForm, type FormValues } from '../../../../shared/services/form.ts';
import { ApiError, errorMessage } from '../../../api/client.ts';
import { CopyButton } from '../../../components/CopyButton.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { formatDate } from '../../../lib/format.ts';
import { FormFields, problemsOf } from '../form/FormFields.tsx';
import { citizenKeys, download, getProcedure, rememberSecret, submitDossier } from './api.ts';
import { useApplicant } from './CitizenApp.tsx';
import { type PaperFiles, PaperUploads } from './PaperUploads.tsx';

/** The problem key of the agency choice (not a form field). */
const AGENCY = '__agency';

interface ApplicantBlock {
  fullName: string;
  kind: 'citizen' | 'organisation';
  idNumber: string;
  phone: string;
  email: string;
  address: string;
}

/**
 * Nộp hồ sơ trực tuyến: the procedure's own form, the applicant, one upload per paper, then one
 * submission with the key made when the page opened (a retry or a double click makes no second
 * dossier). The same checks as the server's, before anything is sent.
 */
export default function SubmitPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const me = useApplicant();
  const p = useQuery({ queryKey: citizenKeys.procedure(code), queryFn: () => getProcedure(code) });
  const [key] = useState(() => crypto.randomUUID());
  const [values, setValues] = useState<FormValues>({});
  const [files, setFiles] = useState<PaperFiles>({});
  const [agencyId, setAgencyId] = useState<string>();
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const [paperProblems, setPaperProblems] = useState<Map<string, string>>(new Map());
  const [summary, setSummary] = useState('');
  const [done, setDone] = useState<SubmitReply | null>(null);
  const [form] = Form.useForm<ApplicantBlock>();
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    document.title = p.data
      ? `${t('services.applicants.submit.title')}: ${p.data.name}`
      : t('services.applicants.submit.title');
  }, [p.data, t]);
  useEffect(() => {
    if (me.data)
      form.setFieldsValue({
        fullName: me.data.fullName ?? '',
        kind: me.data.kind,
        idNumber: me.data.idNumber ?? '',
        phone: me.data.phone ?? '',
        email: me.data.email,
        address: me.data.address ?? '',
      });
  }, [me.data, form]);
  const slots = useMemo(
    () => (p.data?.content.papers ?? []).map((x) => ({ key: x.key, name: x.name, required: x.required })),
    [p.data],
  );
  const send = useMutation({
    mutationFn: async (a: ApplicantBlock) => {
      const proc = p.data;
      if (!proc) throw new Error('no procedure');
      return submitDossier({
        procedureCode: proc.code,
        agencyId: agencyId ?? proc.agencies[0]?.id ?? '',
        idempotencyKey: key,
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
      });
    },
    onSuccess: (r) => {
      rememberSecret(r.code, r.secret);
      setDone(r);
      window.scrollTo(0, 0);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.fields.length) {
        const next = new Map<string, string>();
        const paperNext = new Map<string, string>();
        const papers = p.data?.content.papers ?? [];
        for (const f of e.fields) {
          if (f.path.startsWith('body.form.')) next.set(f.path.slice('body.form.'.length), f.message);
          else if (f.path.startsWith('body.papers'))
            paperNext.set(
              papers.find((x) => f.message.includes(x.name))?.key ?? papers[0]?.key ?? '',
              f.message,
            );
          else if (f.path.startsWith('body.applicant.'))
            form.setFields([
              { name: f.path.slice('body.applicant.'.length) as keyof ApplicantBlock, errors: [f.message] },
            ]);
        }
        setProblems(next);
        setPaperProblems(paperNext);
      }
      setSummary(errorMessage(e));
      summaryRef.current?.focus();
    },
  });

  if (p.isPending) return <Loading />;
  if (p.error || !p.data)
    return (
      <>
        <Typography.Title level={1}>{t('services.applicants.submit.title')}</Typography.Title>
        <Alert type="error" showIcon message={errorMessage(p.error)} />
        <p>
          <a href="/cong-khai/thu-tuc">{t('services.applicants.submit.backToCatalogue')}</a>
        </p>
      </>
    );
  const proc = p.data;
  if (done)
    return (
      <>
        <Typography.Title level={1}>{t('services.applicants.submit.doneTitle')}</Typography.Title>
        <Alert
          type="success"
          showIcon
          message={t('services.applicants.submit.doneText', { name: proc.name })}
          style={{ marginBottom: 16 }}
        />
        <Card>
          <Typography.Paragraph>
            {t('services.applicants.submit.code')}: <strong data-testid="dossier-code">{done.code}</strong>
          </Typography.Paragraph>
          <Typography.Paragraph>
            {t('services.applicants.submit.secret')}:{' '}
            <span id="ma-bi-mat" className="lt-secret" data-testid="dossier-secret">
              {done.secret}
            </span>{' '}
            <CopyButton text={done.secret} targetId="ma-bi-mat" />
          </Typography.Paragraph>
          <Alert
            type="warning"
            showIcon
            message={t('services.applicants.submit.keepSecret')}
            style={{ marginBottom: 12 }}
          />
          <Typography.Paragraph>
            {t('services.applicants.submit.due')}: <strong>{formatDate(done.dueAt)}</strong>
          </Typography.Paragraph>
          <Space wrap>
            <Button
              type="primary"
              onClick={() => void download(done.code, 'receipt.pdf', `GiayTiepNhan-${done.code}.pdf`)}
            >
              {t('services.applicants.submit.receipt')}
            </Button>
            <Link to={`/dich-vu-cong/ho-so/${encodeURIComponent(done.code)}`}>
              {t('services.applicants.submit.follow')}
            </Link>
          </Space>
        </Card>
      </>
    );

  const online = proc.onlineLevel !== 'none';
  const submit = async () => {
    setSummary('');
    let applicant: ApplicantBlock | null = null;
    try {
      applicant = await form.validateFields();
    } catch {
      applicant = null;
    }
    const checked = checkForm(proc.content.form, values, vnDate(new Date()));
    const next = problemsOf(checked.problems);
    const missing = new Map<string, string>();
    for (const s of slots)
      if (s.required && !files[s.key])
        missing.set(s.key, t('services.applicants.papers.missing', { name: s.name }));
    if (proc.agencies.length > 1 && !agencyId)
      missing.set(AGENCY, t('services.applicants.submit.agencyRequired'));
    setProblems(next);
    setPaperProblems(missing);
    const count = next.size + missing.size + (applicant ? 0 : 1);
    if (!applicant || count > 0) {
      setSummary(t('services.applicants.submit.fix', { count }));
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    send.mutate(applicant);
  };
  // Once shown, a field's problem follows its value (it goes when fixed); new ones wait for "Nộp".
  const changeValues = (v: FormValues) => {
    setValues(v);
    if (problems.size === 0) return;
    const again = problemsOf(checkForm(proc.content.form, v, vnDate(new Date())).problems);
    setProblems(
      new Map([...problems.keys()].flatMap((k) => (again.has(k) ? [[k, again.get(k) ?? '']] : []))),
    );
  };
  const changeFiles = (f: PaperFiles) => {
    setFiles(f);
    setPaperProblems(new Map([...paperProblems].filter(([k]) => !f[k])));
  };
  return (
    <>
      <Typography.Title level={1}>{proc.name}</Typography.Title>
      <Typography.Paragraph className="lt-muted">
        {t('services.applicants.submit.meta', { code: proc.code, days: proc.processingDays })}{' '}
        <a href={`/cong-khai/thu-tuc/${encodeURIComponent(proc.code)}`}>
          {t('services.applicants.submit.details')}
        </a>
      </Typography.Paragraph>
      {!online ? (
        <Alert type="info" showIcon message={t('services.applicants.submit.notOnline')} />
      ) : (
        <>
          {!me.data ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              message={
                <>
                  {t('services.applicants.submit.guest')}{' '}
                  <Link
                    to={`/dich-vu-cong/dang-nhap?next=${encodeURIComponent(`/dich-vu-cong/nop/${proc.code}`)}`}
                  >
                    {t('services.applicants.submit.signIn')}
                  </Link>
                </>
              }
            />
          ) : null}
          <div ref={summaryRef} tabIndex={-1} aria-live="assertive">
            {summary ? <Alert type="error" showIcon message={summary} style={{ marginBottom: 16 }} /> : null}
          </div>
          <Form form={form} layout="vertical" initialValues={{ kind: 'citizen' }} requiredMark>
            {proc.agencies.length > 1 ? (
              <Card title={t('services.applicants.submit.agency')} size="small" style={{ marginBottom: 16 }}>
                <Form.Item
                  label={t('services.applicants.submit.agencyLabel')}
                  htmlFor="co-quan"
                  required
                  validateStatus={paperProblems.get(AGENCY) ? 'error' : undefined}
                  help={paperProblems.get(AGENCY)}
                >
                  <Select
                    id="co-quan"
                    showSearch
                    optionFilterProp="label"
                    value={agencyId}
                    onChange={(v) => {
                      setAgencyId(v);
                      setPaperProblems(new Map([...paperProblems].filter(([k]) => k !== AGENCY)));
                    }}
                    placeholder={t('services.applicants.form.choose')}
                    options={proc.agencies.map((a) => ({ value: a.id, label: a.name }))}
                  />
                </Form.Item>
              </Card>
            ) : (
              <Typography.Paragraph>
                {t('services.applicants.submit.agencyOne')}: <strong>{proc.agencies[0]?.name}</strong>
              </Typography.Paragraph>
            )}
            <Card title={t('services.applicants.submit.applicant')} size="small" style={{ marginBottom: 16 }}>
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
                <Input maxLength={200} autoComplete="name" />
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
                  { pattern: /^(\+84|0)\d{9,10}$/, message: t('services.applicants.submit.phoneInvalid') },
                ]}
              >
                <Input inputMode="tel" autoComplete="tel" maxLength={13} />
              </Form.Item>
              <Form.Item
                name="email"
                label={t('services.applicants.submit.email')}
                extra={t('services.applicants.submit.emailHelp')}
                rules={[{ type: 'email', message: t('services.applicants.submit.emailInvalid') }]}
              >
                <Input type="email" autoComplete="email" maxLength={200} disabled={!!me.data} />
              </Form.Item>
              <Form.Item name="address" label={t('services.applicants.submit.address')}>
                <Input maxLength={300} autoComplete="street-address" />
              </Form.Item>
            </Card>
          </Form>
          <Card title={t('services.applicants.submit.form')} size="small" style={{ marginBottom: 16 }}>
            <Form layout="vertical" component="div">
              <FormFields
                schema={proc.content.form}
                values={values}
                onChange={changeValues}
                problems={problems}
              />
            </Form>
          </Card>
          <Card title={t('services.applicants.submit.papers')} size="small" style={{ marginBottom: 16 }}>
            <PaperUploads slots={slots} files={files} onChange={changeFiles} problems={paperProblems} />
          </Card>
          <Button type="primary" size="large" onClick={() => void submit()} loading={send.isPending}>
            {t('services.applicants.submit.send')}
          </Button>
        </>
      )}
    </>
  );
}

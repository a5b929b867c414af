import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../../api/client.ts';
import { citizenKeys, requestCode, signIn } from './api.ts';

/** Sign-in without a password: a 6-digit code sent to the e-mail address. */
export default function SignInPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  useEffect(() => {
    document.title = t('services.applicants.signIn.title');
  }, [t]);
  const ask = useMutation({ mutationFn: (e: string) => requestCode(e), onSuccess: (_r, e) => setEmail(e) });
  const enter = useMutation({
    mutationFn: (code: string) => signIn(email, code),
    onSuccess: async (me) => {
      qc.setQueryData(citizenKeys.me, me);
      await qc.invalidateQueries({ queryKey: citizenKeys.dossiers });
      const next = params.get('next');
      navigate(next?.startsWith('/dich-vu-cong') ? next : '/dich-vu-cong/ho-so');
    },
  });
  return (
    <>
      <Typography.Title level={1}>{t('services.applicants.signIn.title')}</Typography.Title>
      <Typography.Paragraph>{t('services.applicants.signIn.intro')}</Typography.Paragraph>
      {!email ? (
        <Form layout="vertical" onFinish={(v: { email: string }) => ask.mutate(v.email.trim())}>
          <Form.Item
            name="email"
            label={t('services.applicants.signIn.email')}
            rules={[{ required: true, type: 'email', message: t('services.applicants.signIn.emailInvalid') }]}
          >
            <Input type="email" autoComplete="email" maxLength={200} />
          </Form.Item>
          {ask.error ? (
            <Alert type="error" showIcon message={errorMessage(ask.error)} style={{ marginBottom: 12 }} />
          ) : null}
          <Button type="primary" htmlType="submit" loading={ask.isPending}>
            {t('services.applicants.signIn.send')}
          </Button>
        </Form>
      ) : (
        <Form layout="vertical" onFinish={(v: { code: string }) => enter.mutate(v.code.trim())}>
          <Alert
            type="info"
            showIcon
            message={t('services.applicants.signIn.sent', { email })}
            style={{ marginBottom: 12 }}
          />
          <Form.Item
            name="code"
            label={t('services.applicants.signIn.code')}
            rules={[
              { required: true, pattern: /^\d{6}$/, message: t('services.applicants.signIn.codeInvalid') },
            ]}
          >
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
          </Form.Item>
          {enter.error ? (
            <Alert type="error" showIcon message={errorMessage(enter.error)} style={{ marginBottom: 12 }} />
          ) : null}
          <Button type="primary" htmlType="submit" loading={enter.isPending}>
            {t('services.applicants.signIn.enter')}
          </Button>{' '}
          <Button type="link" onClick={() => setEmail('')}>
            {t('services.applicants.signIn.other')}
          </Button>
        </Form>
      )}
    </>
  );
}

import { Button, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { rememberSecret } from './api.ts';

/** A guest opens a dossier with its code and secret (the secret stays in this tab only). */
export default function LookupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  useEffect(() => {
    document.title = t('services.applicants.lookup.title');
  }, [t]);
  return (
    <>
      <Typography.Title level={1}>{t('services.applicants.lookup.title')}</Typography.Title>
      <Typography.Paragraph>{t('services.applicants.lookup.intro')}</Typography.Paragraph>
      <Form
        layout="vertical"
        initialValues={{ code: params.get('ma') ?? '' }}
        onFinish={(v: { code: string; secret: string }) => {
          const code = v.code.trim().toUpperCase();
          rememberSecret(code, v.secret);
          navigate(`/dich-vu-cong/ho-so/${encodeURIComponent(code)}`);
        }}
      >
        <Form.Item
          name="code"
          label={t('services.applicants.lookup.code')}
          rules={[{ required: true, message: t('services.applicants.lookup.codeRequired') }]}
        >
          <Input autoComplete="off" maxLength={40} />
        </Form.Item>
        <Form.Item
          name="secret"
          label={t('services.applicants.lookup.secret')}
          rules={[{ required: true, message: t('services.applicants.lookup.secretRequired') }]}
        >
          <Input.Password autoComplete="off" maxLength={20} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('services.applicants.lookup.open')}
        </Button>
      </Form>
    </>
  );
}

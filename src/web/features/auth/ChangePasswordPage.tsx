import { Alert, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PasswordChangeForm } from './PasswordChangeForm.tsx';

/** Đổi mật khẩu: the person changes their own password; their other sessions end. */
export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  return (
    <>
      <PageHeader title={t('auth.changePassword.title')} intro={t('auth.changePassword.intro')} />
      <Card className="lt-narrow-card">
        {done ? (
          <Alert
            type="success"
            showIcon
            title={t('auth.changePassword.done')}
            style={{ marginBottom: 16 }}
            role="status"
          />
        ) : null}
        <PasswordChangeForm onDone={() => setDone(true)} />
      </Card>
    </>
  );
}

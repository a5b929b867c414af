import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, QRCode } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type SessionStage,
  type StageReply,
  type TotpSetupView,
  totpCodeInput,
} from '../../../shared/schemas/auth.ts';
import { post } from '../../api/client.ts';
import { fetchMe, ME_KEY } from '../../api/session.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { applyFieldErrors, zodRule } from '../../lib/forms.ts';
import { PasswordChangeForm } from './PasswordChangeForm.tsx';

// The steps after username and password (new password, TOTP). Loaded only when a session needs
// one, so the sign-in route's JavaScript stays small.

function useRefreshMe() {
  const qc = useQueryClient();
  return () => qc.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 });
}

/** The step's heading takes focus, so the change of step is announced. */
function StepTitle({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 className="lt-signin-title" tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}

function ForcedPasswordStep({ knownCurrent }: { knownCurrent?: string }) {
  const { t } = useTranslation();
  const refreshMe = useRefreshMe();
  return (
    <>
      <StepTitle>{t('auth.forcedPassword.title')}</StepTitle>
      <p>{t('auth.forcedPassword.intro')}</p>
      <p className="lt-text-secondary">{t('auth.changePassword.intro')}</p>
      <PasswordChangeForm knownCurrent={knownCurrent} onDone={async () => void (await refreshMe())} />
    </>
  );
}

function TotpStep() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const refreshMe = useRefreshMe();
  const mutation = useMutation({
    mutationFn: (v: { code: string }) => post<StageReply>('/auth/totp/verify', { code: v.code.trim() }),
    onSuccess: () => refreshMe(),
    onError: (e) => applyFieldErrors(form, e, { known: [['code']] }),
  });
  return (
    <>
      <StepTitle>{t('auth.totp.title')}</StepTitle>
      <p>{t('auth.totp.intro')}</p>
      <ErrorAlert error={mutation.error} />
      <Form form={form} layout="vertical" name="totp" onFinish={(v) => mutation.mutate(v)}>
        <Form.Item
          name="code"
          label={t('auth.totp.code')}
          rules={[zodRule(totpCodeInput.shape.code, 'totpCode')]}
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={mutation.isPending}>
          {t('auth.totp.submit')}
        </Button>
      </Form>
    </>
  );
}

function TotpEnrollStep() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const refreshMe = useRefreshMe();
  const setup = useMutation({ mutationFn: () => post<TotpSetupView>('/auth/totp/setup') });
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    setup.mutate();
  }, [setup]);
  const enable = useMutation({
    mutationFn: (v: { code: string }) => post<StageReply>('/auth/totp/enable', { code: v.code.trim() }),
    onSuccess: () => refreshMe(),
    onError: (e) => applyFieldErrors(form, e, { known: [['code']] }),
  });
  return (
    <>
      <StepTitle>{t('auth.totpEnroll.title')}</StepTitle>
      <p>{t('auth.totpEnroll.intro')}</p>
      <ErrorAlert error={setup.error} onRetry={() => setup.mutate()} />
      {setup.isPending ? <p>{t('auth.totpEnroll.preparing')}</p> : null}
      {setup.data ? (
        <div className="lt-secret-block">
          {/* Drawn in the page from the otpauth address: the secret never goes to another server. */}
          <div className="lt-totp-qr">
            <QRCode value={setup.data.uri} size={176} bordered={false} aria-label={t('auth.totpEnroll.qr')} />
          </div>
          <strong>{t('auth.totpEnroll.secret')}</strong>
          <div className="lt-secret-row">
            <code id="totp-secret" className="lt-secret">
              {setup.data.secret}
            </code>
            <CopyButton text={setup.data.secret} targetId="totp-secret" />
          </div>
          <strong>{t('auth.totpEnroll.uri')}</strong>
          <code className="lt-secret lt-secret-uri">{setup.data.uri}</code>
        </div>
      ) : null}
      <ErrorAlert error={enable.error} />
      <Form
        form={form}
        layout="vertical"
        name="totp-enroll"
        onFinish={(v) => enable.mutate(v)}
        disabled={!setup.data}
      >
        <Form.Item
          name="code"
          label={t('auth.totp.code')}
          rules={[zodRule(totpCodeInput.shape.code, 'totpCode')]}
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={enable.isPending}>
          {t('auth.totpEnroll.submit')}
        </Button>
      </Form>
    </>
  );
}

/** The step a session in `stage` still needs. */
export default function SignInStep({
  stage,
  knownPassword,
}: {
  stage: Exclude<SessionStage, 'ok'>;
  knownPassword?: string;
}) {
  if (stage === 'password') return <ForcedPasswordStep knownCurrent={knownPassword} />;
  if (stage === 'totp_pending') return <TotpStep />;
  return <TotpEnrollStep />;
}

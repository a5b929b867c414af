import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input } from 'antd';
import { type FormEvent, lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { consumeSessionEnded, fetchMe, login, ME_KEY, useMe, useSignOut } from '../../api/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { Loading } from '../../components/Loading.tsx';
import { SIGN_IN_LIMITS, signInValueOk } from './signInLimits.ts';

const SignInStep = lazy(() => import('./SignInSteps.tsx'));

/** Only same-site paths are followed after signing in (no open redirect). */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/dang-nhap') ? next : '/';
}

type Field = 'username' | 'password';

/**
 * Username and password. A plain form (antd's Form and zod are left to the later steps) keeps this
 * route's JavaScript small; the checks mirror the shared loginInput schema (see signInLimits.ts).
 */
function CredentialsStep({ onPassword }: { onPassword: (password: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const location = useLocation();
  const signedOut = (location.state as { signedOut?: boolean } | null)?.signedOut;
  const [sessionEnded] = useState(consumeSessionEnded);
  const [values, setValues] = useState({ username: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const mutation = useMutation({
    mutationFn: (v: { username: string; password: string }) => login(v.username.trim(), v.password),
    onSuccess: async (_r, v) => {
      onPassword(v.password);
      await qc.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 });
    },
    // What the person typed stays in the form; only the message changes.
    onError: (e) => {
      if (e instanceof ApiError && e.fields.length) {
        const next: Partial<Record<Field, string>> = {};
        for (const f of e.fields) {
          const name = f.path.replace(/^body\./, '');
          if (name === 'username' || name === 'password') next[name] = f.message;
        }
        setErrors(next);
      }
    },
  });

  const check = (field: Field, value: string) =>
    signInValueOk(field, value)
      ? undefined
      : t(field === 'username' ? 'validation.usernameRequired' : 'validation.passwordRequired');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = {
      username: check('username', values.username),
      password: check('password', values.password),
    };
    setErrors(next);
    if (next.username || next.password) {
      document.getElementById(next.username ? 'signin-username' : 'signin-password')?.focus();
      return;
    }
    mutation.mutate(values);
  };

  const field = (name: Field, label: string, input: React.ReactNode) => (
    <div className="lt-field">
      <label htmlFor={`signin-${name}`} className="lt-field-label">
        {label}
      </label>
      {input}
      {errors[name] ? (
        <div id={`signin-${name}-error`} className="lt-field-error">
          {errors[name]}
        </div>
      ) : null}
    </div>
  );
  const common = (name: Field) => ({
    id: `signin-${name}`,
    name,
    maxLength: SIGN_IN_LIMITS[name],
    size: 'large' as const,
    value: values[name],
    status: errors[name] ? ('error' as const) : undefined,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `signin-${name}-error` : undefined,
    'aria-required': true,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      setValues((v) => ({ ...v, [name]: e.target.value }));
      if (errors[name]) setErrors((x) => ({ ...x, [name]: undefined }));
    },
  });

  return (
    <>
      <h1 className="lt-signin-title">{t('auth.signIn.title')}</h1>
      <p className="lt-text-secondary">{t('auth.signIn.intro')}</p>
      {signedOut && !mutation.error ? (
        <Alert type="success" showIcon title={t('auth.signIn.signedOut')} style={{ marginBottom: 16 }} />
      ) : null}
      {sessionEnded && !signedOut && !mutation.error ? (
        <Alert type="info" showIcon title={t('errors.sessionExpired')} style={{ marginBottom: 16 }} />
      ) : null}
      <ErrorAlert error={mutation.error} />
      <form onSubmit={submit} noValidate name="sign-in">
        {field(
          'username',
          t('auth.signIn.username'),
          <Input
            {...common('username')}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
          />,
        )}
        {field(
          'password',
          t('auth.signIn.password'),
          <Input.Password {...common('password')} autoComplete="current-password" />,
        )}
        <Button type="primary" htmlType="submit" size="large" block loading={mutation.isPending}>
          {t('auth.signIn.submit')}
        </Button>
      </form>
      <p className="lt-signin-help lt-text-secondary">{t('auth.signIn.help')}</p>
    </>
  );
}

/**
 * /dang-nhap: username and password, then whatever the session still needs (a new password,
 * the TOTP code, TOTP enrolment). The step comes from GET /api/v1/me, so a reload resumes it.
 */
export default function SignInPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params] = useSearchParams();
  const signOut = useSignOut();
  // The password just typed, so the forced change does not ask for it again (kept in memory only).
  const [typedPassword, setTypedPassword] = useState<string | undefined>();
  const stage = me.data?.stage;

  useEffect(() => {
    document.title = `${t('auth.signIn.title')} · ${t('app.name')}`;
  }, [t]);

  if (me.isPending) return <Loading fullPage />;
  if (stage === 'ok') return <Navigate to={safeNext(params.get('next'))} replace />;

  return (
    <div className="lt-signin">
      <header className="lt-signin-top">
        <div className="lt-signin-brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <div>
            <div className="lt-signin-brand-name">{t('app.name')}</div>
            <div className="lt-signin-brand-tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <LanguageSwitch />
      </header>
      <main id="main" className="lt-signin-main">
        <div className="lt-signin-card">
          {me.isError ? <ErrorAlert error={me.error} onRetry={() => void me.refetch()} /> : null}
          {!me.data || !stage ? (
            <CredentialsStep onPassword={setTypedPassword} />
          ) : (
            <Suspense fallback={<Loading />}>
              <SignInStep stage={stage} knownPassword={typedPassword} />
            </Suspense>
          )}
          {me.data ? (
            <Button type="link" block onClick={() => void signOut()} className="lt-signin-cancel">
              {t('auth.signIn.cancel')}
            </Button>
          ) : null}
        </div>
      </main>
      <footer className="lt-signin-footer">{t('app.owner')}</footer>
    </div>
  );
}

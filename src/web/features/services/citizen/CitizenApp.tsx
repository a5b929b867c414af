import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate } from 'react-router-dom';
import { ErrorBoundary } from '../../../components/ErrorBoundary.tsx';
import { LanguageSwitch } from '../../../components/LanguageSwitch.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { citizenKeys, getMe, signOut } from './api.ts';

const HomePage = lazy(() => import('./HomePage.tsx'));
const SubmitPage = lazy(() => import('./SubmitPage.tsx'));
const SignInPage = lazy(() => import('./SignInPage.tsx'));
const MyDossiersPage = lazy(() => import('./MyDossiersPage.tsx'));
const DossierPage = lazy(() => import('./DossierPage.tsx'));
const LookupPage = lazy(() => import('./LookupPage.tsx'));

/** The signed-in applicant (null for a guest), shared by every citizen page. */
export function useApplicant() {
  return useQuery({ queryKey: citizenKeys.me, queryFn: getMe, staleTime: 60_000 });
}

function Header() {
  const { t } = useTranslation();
  const me = useApplicant();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const out = async () => {
    await signOut().catch(() => undefined);
    qc.setQueryData(citizenKeys.me, null);
    await qc.invalidateQueries({ queryKey: ['citizen'] });
    navigate('/dich-vu-cong');
  };
  return (
    <header className="lt-citizen-header">
      <a className="lt-skip-link" href="#noi-dung">
        {t('services.applicants.skip')}
      </a>
      <p className="lt-citizen-title">
        <Link to="/dich-vu-cong">{t('services.applicants.portal')}</Link>
      </p>
      <nav aria-label={t('services.applicants.navLabel')}>
        <ul>
          <li>
            <a href="/cong-khai/thu-tuc">{t('services.applicants.nav.catalogue')}</a>
          </li>
          <li>
            <Link to="/dich-vu-cong/tra-cuu">{t('services.applicants.nav.lookup')}</Link>
          </li>
          {me.data ? (
            <>
              <li>
                <Link to="/dich-vu-cong/ho-so">{t('services.applicants.nav.mine')}</Link>
              </li>
              <li>
                <Button
                  type="link"
                  size="small"
                  style={{ color: '#fff', padding: 0, height: 'auto' }}
                  onClick={() => void out()}
                >
                  {t('services.applicants.nav.signOut', { email: me.data.email })}
                </Button>
              </li>
            </>
          ) : (
            <li>
              <Link to="/dich-vu-cong/dang-nhap">{t('services.applicants.nav.signIn')}</Link>
            </li>
          )}
          <li>
            <LanguageSwitch />
          </li>
        </ul>
      </nav>
    </header>
  );
}

/**
 * Dịch vụ công trực tuyến (/dich-vu-cong/*): the citizens' own light frame, apart from the staff shell
 * (no staff session), loaded only when a citizen opens it.
 */
export default function CitizenApp() {
  return (
    <AntApp>
      <div className="lt-citizen">
        <Header />
        <main id="noi-dung" className="lt-citizen-main">
          <ErrorBoundary>
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route index element={<HomePage />} />
                <Route path="nop/:code" element={<SubmitPage />} />
                <Route path="dang-nhap" element={<SignInPage />} />
                <Route path="ho-so" element={<MyDossiersPage />} />
                <Route path="ho-so/:code" element={<DossierPage />} />
                <Route path="tra-cuu" element={<LookupPage />} />
                <Route path="*" element={<HomePage />} />
              </Routes>
            </Suspense>
          </ErrorBoundary>
        </main>
      </div>
    </AntApp>
  );
}

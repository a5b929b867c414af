import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUSModule from 'antd/es/locale/en_US.js';
import type { Locale } from 'antd/es/locale/index.js';
import viVNModule from 'antd/es/locale/vi_VN.js';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { can, createQueryClient, useMe } from '../api/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { Loading } from '../components/Loading.tsx';
import { loadSystemTexts } from '../i18n.ts';
import { NAV, type NavEntry } from './nav.tsx';
import { theme } from './theme.ts';

// The sign-in route loads only what signing in needs; the shell and every screen come later.
const SignInPage = lazy(() => import('../features/auth/SignInPage.tsx'));
// The citizens' online services have their own light frame and no staff session; their texts come with them.
const CitizenApp = lazy(() =>
  Promise.all([import('../features/services/citizen/CitizenApp.tsx'), loadSystemTexts('services')]).then(
    ([m]) => m,
  ),
);
const AppLayout = lazy(() => import('./AppLayout.tsx'));
const NotFoundPage = lazy(() =>
  import('../features/errors/ErrorPages.tsx').then((m) => ({ default: m.NotFoundPage })),
);
const ForbiddenPage = lazy(() =>
  import('../features/errors/ErrorPages.tsx').then((m) => ({ default: m.ForbiddenPage })),
);

// antd ships these as ESM without "type": "module", so TypeScript (NodeNext) sees a CommonJS
// namespace while Vite hands over the default export; accept either shape.
const asLocale = (m: unknown): Locale => ((m as { default?: Locale }).default ?? m) as Locale;
const enUS = asLocale(enUSModule);
const viVN = asLocale(viVNModule);

export const SIGN_IN_PATH = '/dang-nhap';

/** Sends people without a complete session to the sign-in page, remembering where they were going. */
function RequireSession() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading fullPage />;
  if (me.isError)
    return (
      <main className="lt-center-page">
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  if (me.data?.stage !== 'ok') {
    const next = location.pathname + location.search;
    return (
      <Navigate
        to={next === '/' ? SIGN_IN_PATH : `${SIGN_IN_PATH}?next=${encodeURIComponent(next)}`}
        replace
      />
    );
  }
  return (
    <Suspense fallback={<Loading fullPage />}>
      <AppLayout />
    </Suspense>
  );
}

function Guarded({ entry }: { entry: NavEntry }) {
  const me = useMe();
  if (!can(me.data, entry.permission)) return <ForbiddenPage />;
  const Screen = entry.component;
  return <Screen />;
}

function Page({ children }: { children: ReactNode }) {
  const location = useLocation();
  // Keyed by path: leaving a screen that failed clears the error.
  return (
    <ErrorBoundary key={location.pathname}>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </ErrorBoundary>
  );
}

/**
 * Declarative routes (BrowserRouter) rather than a data router: nothing here uses loaders or
 * actions, and it keeps the sign-in route's JavaScript well under its budget.
 */
function AppRoutes() {
  return (
    <Routes>
      <Route
        path={SIGN_IN_PATH}
        element={
          <Suspense fallback={<Loading fullPage />}>
            <SignInPage />
          </Suspense>
        }
      />
      <Route
        path="/dich-vu-cong/*"
        element={
          <Suspense fallback={<Loading fullPage />}>
            <CitizenApp />
          </Suspense>
        }
      />
      <Route path="/" element={<RequireSession />}>
        {NAV.map((entry) => (
          <Route
            key={entry.key}
            index={entry.path === '/' ? true : undefined}
            path={entry.path === '/' ? undefined : entry.path.slice(1)}
            element={
              <Page>
                <Guarded entry={entry} />
              </Page>
            }
          />
        ))}
        <Route
          path="*"
          element={
            <Page>
              <NotFoundPage />
            </Page>
          }
        />
      </Route>
    </Routes>
  );
}

/**
 * antd follows the UI language (vi_VN / en_US); dayjs follows it in lib/dayjs-locale.ts. antd's <App> (message,
 * modal, notification) lives in the lazy shell, keeping those out of the sign-in route.
 */
function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : viVN} theme={theme}>
      {children}
    </ConfigProvider>
  );
}

export function App() {
  const [client] = useState(createQueryClient);
  return (
    <QueryClientProvider client={client}>
      <Providers>
        <ErrorBoundary>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </ErrorBoundary>
      </Providers>
    </QueryClientProvider>
  );
}

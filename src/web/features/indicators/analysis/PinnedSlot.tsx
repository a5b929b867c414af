import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Loading } from '../../../components/Loading.tsx';
import { indKeys, listDashboards } from './api.ts';

const Pinned = lazy(() => import('./DashboardsPage.tsx').then((m) => ({ default: m.PinnedDashboard })));

/**
 * The home page's place for the pinned dashboard: asks whether one is pinned (a small request) and
 * only then loads the charts' code (ECharts stays out of the home page's own chunk).
 */
export function PinnedSlot() {
  const q = useQuery({ queryKey: indKeys.dashboards, queryFn: listDashboards, staleTime: 60_000 });
  if (!q.data?.some((d) => d.pinned)) return null;
  return (
    <Suspense fallback={<Loading />}>
      <Pinned />
    </Suspense>
  );
}

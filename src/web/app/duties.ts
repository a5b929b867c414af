import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { DutiesReply } from '../../shared/reports/measures.ts';
import { get } from '../api/client.ts';

/**
 * The permissions the menu shows, less those the person's role holds but their agency does not use:
 * every officer, head and leader may consolidate reports by role, yet only the IT department's people
 * (and the system administrator) do — the server says which (`/api/v1/reports/duties`). Until it has
 * answered the entry stays hidden rather than flashing in.
 */
export function useDutyPermissions(permissions: readonly string[]): readonly string[] {
  const asks = permissions.includes('reports.consolidate');
  const duties = useQuery({
    queryKey: ['reports', 'duties'],
    queryFn: () => get<DutiesReply>('/reports/duties'),
    enabled: asks,
    staleTime: 5 * 60_000,
  });
  const consolidate = duties.data?.consolidate ?? false;
  return useMemo(
    () => (asks && !consolidate ? permissions.filter((p) => p !== 'reports.consolidate') : permissions),
    [asks, consolidate, permissions],
  );
}

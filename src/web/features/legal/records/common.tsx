import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { effectLabel } from '../../../../shared/legal/statuses.ts';
import { legalKeys, listIssuers } from './api.ts';

/** Texts of these screens: `t(\`${K}.…\`)`. */
export const K = 'legal.records';

const TONE: Record<string, string> = {
  not_yet: 'blue',
  in_force: 'green',
  expired_partly: 'orange',
  expired: 'red',
  suspended: 'gold',
  suspended_partly: 'gold',
};

/** The effect status as vbpl.vn names it ("Hết hiệu lực toàn bộ"), in a colour that says it at a glance. */
export function StatusTag({ status, label }: { status: string; label?: string }) {
  return <Tag color={TONE[status]}>{label ?? effectLabel(status)}</Tag>;
}

/** The issuing bodies (central ones and the province's own), for filters and forms. */
export function useIssuers() {
  return useQuery({ queryKey: legalKeys.issuers, queryFn: listIssuers, staleTime: 5 * 60_000 });
}

/** `yyyy-mm-dd` plus `days`, as a calendar date (no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

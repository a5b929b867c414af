import type {
  MeasureKey,
  MeasuresReply,
  RecordsReply,
  SettingsReply,
  TrendReply,
} from '../../../shared/reports/measures.ts';
import { api, apiUrl, get } from '../../api/client.ts';

/** The period of the figures as it sits in the page's address (so a figure's link can be shared). */
export interface PeriodChoice {
  period: 'month' | 'quarter' | 'half' | 'year';
  year: number;
  month: number;
  quarter: number;
  half: number;
}

export function periodQuery(p: PeriodChoice): Record<string, string> {
  const q: Record<string, string> = { period: p.period, year: String(p.year) };
  if (p.period === 'month') q.month = String(p.month);
  if (p.period === 'quarter') q.quarter = String(p.quarter);
  if (p.period === 'half') q.half = String(p.half);
  return q;
}

/** The API's query: the period without its kind. */
function apiPeriod(p: PeriodChoice): Record<string, string> {
  const { period: _kind, ...rest } = periodQuery(p);
  return rest;
}

const clamp = (v: number, lo: number, hi: number, dflt: number) => (v >= lo && v <= hi ? v : dflt);

/** The period read back from the address; the current month (Vietnamese time) when absent or wrong. */
export function periodFrom(params: URLSearchParams, now = new Date()): PeriodChoice {
  const vn = new Date(now.getTime() + 7 * 3600_000);
  const m = vn.getUTCMonth() + 1;
  const period =
    (['month', 'quarter', 'half', 'year'] as const).find((p) => p === params.get('period')) ?? 'month';
  return {
    period,
    year: clamp(Number(params.get('year')), 2000, 2100, vn.getUTCFullYear()),
    month: clamp(Number(params.get('month')), 1, 12, m),
    quarter: clamp(Number(params.get('quarter')), 1, 4, Math.ceil(m / 3)),
    half: clamp(Number(params.get('half')), 1, 2, m <= 6 ? 1 : 2),
  };
}

export const reportKeys = {
  all: ['reports'] as const,
  measures: (p: PeriodChoice) => [...reportKeys.all, 'measures', periodQuery(p)] as const,
  trend: (year: number) => [...reportKeys.all, 'trend', year] as const,
  settings: () => [...reportKeys.all, 'settings'] as const,
  records: (p: PeriodChoice, agencyId: string, measure: string, part: string) =>
    [...reportKeys.all, 'records', periodQuery(p), agencyId, measure, part] as const,
};

export const getMeasures = (p: PeriodChoice) => get<MeasuresReply>('/reports/measures', apiPeriod(p));
export const measuresXlsxUrl = (p: PeriodChoice) => apiUrl('/reports/measures.xlsx', apiPeriod(p));
export const getTrend = (year: number) => get<TrendReply>('/reports/measures/trend', { year: String(year) });
export const getRecords = (
  p: PeriodChoice,
  agencyId: string,
  measure: MeasureKey,
  part: string,
  cursor?: string,
) => get<RecordsReply>('/reports/measures/records', { ...apiPeriod(p), agencyId, measure, part, cursor });

export function recordsHref(p: PeriodChoice, agencyId: string, measure: string, part: string): string {
  return `/bao-cao/so-lieu/van-ban?${new URLSearchParams({ ...periodQuery(p), agencyId, measure, part })}`;
}

/** Which agency is the province's IT department (read by anyone with the figures; set by the system administrator). */
export const getReportSettings = () => get<SettingsReply>('/reports/settings');
export const putReportSettings = (itAgencyId: string | null) =>
  api<SettingsReply>('/reports/settings', { method: 'PUT', body: { itAgencyId } });

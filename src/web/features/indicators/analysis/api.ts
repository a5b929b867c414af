import type { Page } from '../../../../shared/schemas/common.ts';
import { ApiError, api, apiUrl, csrfToken, del, get, post } from '../../../api/client.ts';

/*
 * The indicators' analysis API as the web uses it (routes-analysis.ts, catalogue routes). The shapes
 * follow docs of the design (/api/v1/indicators/analysis/…, /dashboards, /catalogue); fields the
 * screens can live without are optional, so a richer answer never breaks them.
 */

export type ChartKind = 'line' | 'bar' | 'stacked' | 'table';
export const CHART_KINDS: ChartKind[] = ['line', 'bar', 'stacked', 'table'];

/** One chart of the analysis screen or a dashboard (stored as a dashboard item). */
export interface ChartConfig {
  title: string;
  chart: ChartKind;
  indicators: string[];
  agencyId: string | null;
  from: string;
  to: string;
  /** Also show the same period last year and the plan. */
  compare?: boolean;
}

export interface IndicatorBrief {
  id?: string;
  code: string;
  name: string;
  unit: string;
  periodicity: 'month' | 'quarter' | 'half' | 'nine_months' | 'year';
  decimals?: number;
  aggregation?: string;
  groupCode?: string | null;
  groupName?: string | null;
  groupId?: string;
  active?: boolean;
}

export interface RollupPoint {
  period: string;
  label?: string;
  value: number | null;
  lastYear?: number | null;
  growth?: number | null;
  plan?: number | null;
  planShare?: number | null;
  /** official | estimate */
  status?: string | null;
}

export interface RollupView {
  indicator: IndicatorBrief;
  agency: { id: string; name: string } | null;
  aggregation?: string;
  points: RollupPoint[];
}

export interface RankingItem {
  agency: { id: string; name: string };
  value: number | null;
  rank?: number;
}

export interface RankingView {
  indicator?: IndicatorBrief;
  period: string;
  items: RankingItem[];
}

export interface DashboardView {
  id: string;
  name: string;
  pinned: boolean;
  items: ChartConfig[];
  updatedAt?: string;
}

export interface DashboardInput {
  name: string;
  items: ChartConfig[];
  pinned?: boolean;
}

export const indKeys = {
  all: ['indicators'] as const,
  catalogue: (q: Record<string, string | undefined>) => ['indicators', 'catalogue', q] as const,
  pickList: ['indicators', 'catalogue', 'pick'] as const,
  rollup: (q: Record<string, string | null | undefined>) => ['indicators', 'rollup', q] as const,
  ranking: (q: Record<string, string | null | undefined>) => ['indicators', 'ranking', q] as const,
  dashboards: ['indicators', 'dashboards'] as const,
  pinned: ['indicators', 'dashboards', 'pinned'] as const,
};

const P = '/indicators';

/** Every active indicator, for the pickers (the catalogue is a few hundred rows). */
export async function allIndicators(): Promise<IndicatorBrief[]> {
  const out: IndicatorBrief[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await get<Page<IndicatorBrief>>(`${P}/catalogue`, { limit: 100, cursor });
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out.filter((i) => i.active !== false);
}

export const rollup = (q: { indicator: string; agencyId?: string | null; from: string; to: string }) =>
  get<RollupView>(`${P}/analysis/rollup`, q);
export const ranking = (q: { indicator: string; period: string; parentId?: string | null }) =>
  get<RankingView>(`${P}/analysis/ranking`, q);
export const seriesUrl = (
  kind: 'csv' | 'xlsx',
  q: { indicator: string; agencyId?: string | null; from: string; to: string },
) => apiUrl(`${P}/analysis/series.${kind}`, q);

export const listDashboards = () =>
  get<DashboardView[] | { items: DashboardView[] }>(`${P}/dashboards`).then((r) =>
    Array.isArray(r) ? r : r.items,
  );
/** The pinned dashboard of the signed-in person, or null. */
export async function pinnedDashboard(): Promise<DashboardView | null> {
  try {
    const r = await get<DashboardView | null>(`${P}/dashboards/pinned`);
    return r && 'id' in r ? r : null;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}
export const createDashboard = (body: DashboardInput) => post<DashboardView>(`${P}/dashboards`, body);
export const updateDashboard = (id: string, body: DashboardInput) =>
  api<DashboardView>(`${P}/dashboards/${id}`, { method: 'PUT', body });
export const deleteDashboard = (id: string) => del<unknown>(`${P}/dashboards/${id}`);
/** Sends a file as multipart/form-data (field "file") and reads the JSON answer like api(). */
export async function uploadFile<T>(path: string, file: File, query?: Record<string, string>): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch(apiUrl(path, query), {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { accept: 'application/json, application/problem+json', 'x-csrf-token': csrfToken() },
  });
  const text = await res.text();
  let data: Record<string, unknown> = {};
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    data = {};
  }
  if (!res.ok)
    throw new ApiError(
      res.status,
      typeof data.code === 'string' ? data.code : 'http_error',
      typeof data.detail === 'string' ? data.detail : '',
      [],
      data,
    );
  return data as T;
}

/** Lower case without diacritics ("Tổng sản phẩm" → "tong san pham"), for searching names. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

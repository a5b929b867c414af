import type { z } from 'zod';
import type { Page } from '../../../../shared/schemas/common.ts';
import type {
  dashboardInput,
  dashboardItem,
  dashboardView,
  rankingView,
  rollupView,
} from '../../../../shared/schemas/indicators-analysis.ts';
import type { indicatorView } from '../../../../shared/schemas/indicators-catalogue.ts';
import { ApiError, api, apiUrl, csrfToken, del, get, post } from '../../../api/client.ts';

/*
 * The indicators' analysis API as the web uses it (routes-analysis.ts, routes-catalogue.ts); the
 * shapes are inferred from the shared zod schemas the server answers with.
 */

export type ChartKind = ChartConfig['chart'];
export const CHART_KINDS: ChartKind[] = ['line', 'bar', 'stacked', 'table'];
/** What a chart compares its values with: nothing, the same period last year, the year's plan. */
export type CompareKind = ChartConfig['compare'];

/** One chart of the analysis screen or a dashboard (stored as a dashboard item). */
export type ChartConfig = z.output<typeof dashboardItem>;
export type IndicatorBrief = z.infer<typeof indicatorView>;
export type RollupData = z.infer<typeof rollupView>;
export type SeriesPoint = RollupData['points'][number];
export type RankingData = z.infer<typeof rankingView>;
export type DashboardData = z.infer<typeof dashboardView>;
export type DashboardValues = z.input<typeof dashboardInput>;

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
    const page = await get<Page<IndicatorBrief>>(`${P}/catalogue`, { limit: 500, cursor });
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out.filter((i) => i.active !== false);
}

export const rollup = (q: { indicator: string; agencyId?: string | null; from: string; to: string }) =>
  get<RollupData>(`${P}/analysis/rollup`, q);
export const ranking = (q: { indicator: string; period: string; parentId?: string | null }) =>
  get<RankingData>(`${P}/analysis/ranking`, q);
export const seriesUrl = (
  kind: 'csv' | 'xlsx',
  q: { indicator: string; agencyId?: string | null; from: string; to: string },
) => apiUrl(`${P}/analysis/series.${kind}`, q);

export const listDashboards = () => get<{ items: DashboardData[] }>(`${P}/dashboards`).then((r) => r.items);
export const createDashboard = (body: DashboardValues) => post<DashboardData>(`${P}/dashboards`, body);
export const updateDashboard = (id: string, body: DashboardValues) =>
  api<DashboardData>(`${P}/dashboards/${id}`, { method: 'PUT', body });
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

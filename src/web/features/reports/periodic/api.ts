import type {
  ConsolidatedView,
  CycleInput,
  CycleView,
  LateItem,
  SubmissionItem,
  SubmissionSave,
  SubmissionStatus,
  SubmissionView,
  Template,
  TemplateInput,
  TemplateUpdate,
} from '../../../../shared/reports/periodic.ts';
import type { Page } from '../../../../shared/schemas/common.ts';
import { api, apiUrl, get, post } from '../../../api/client.ts';

/*
 * The periodic reports' API (issue 20), as the server exposes it under /api/v1/reports; the shapes
 * are the shared contract's (src/shared/reports/periodic.ts).
 */

export const periodicKeys = {
  all: ['reports', 'periodic'] as const,
  own: () => [...periodicKeys.all, 'own'] as const,
  submission: (id: string) => [...periodicKeys.all, 'submission', id] as const,
  cycles: (status?: string) => [...periodicKeys.all, 'cycles', status ?? 'all'] as const,
  cycle: (id: string) => [...periodicKeys.all, 'cycle', id] as const,
  cycleSubmissions: (id: string, filter: string) =>
    [...periodicKeys.all, 'cycle', id, 'submissions', filter] as const,
  consolidated: (id: string) => [...periodicKeys.all, 'cycle', id, 'consolidated'] as const,
  late: () => [...periodicKeys.all, 'late'] as const,
  templates: (active?: boolean) => [...periodicKeys.all, 'templates', active ?? 'all'] as const,
  template: (id: string) => [...periodicKeys.all, 'template', id] as const,
};

const R = '/reports';

// The agency's own reports
export const listOwnSubmissions = (cursor?: string) =>
  get<Page<SubmissionItem>>(`${R}/submissions`, { cursor });
export const getSubmission = (id: string) => get<SubmissionView>(`${R}/submissions/${id}`);
export const saveSubmission = (id: string, body: SubmissionSave) =>
  api<SubmissionView>(`${R}/submissions/${id}`, { method: 'PUT', body });
export const submitSubmission = (id: string) => post<SubmissionView>(`${R}/submissions/${id}/submit`, {});
export const returnSubmission = (id: string, comment: string) =>
  post<SubmissionView>(`${R}/submissions/${id}/return`, { comment });
export const acceptSubmission = (id: string) => post<SubmissionView>(`${R}/submissions/${id}/accept`, {});
export const submissionFileUrl = (id: string, kind: 'docx' | 'pdf') =>
  apiUrl(`${R}/submissions/${id}.${kind}`);

// The IT department's cycles, dashboard and consolidation
export const listCycles = (cursor?: string, status?: 'open' | 'closed') =>
  get<Page<CycleView>>(`${R}/cycles`, { cursor, status });
export const getCycle = (id: string) => get<CycleView>(`${R}/cycles/${id}`);
export const createCycle = (input: CycleInput) => post<CycleView>(`${R}/cycles`, input);
export const closeCycle = (id: string) => post<CycleView>(`${R}/cycles/${id}/close`, {});
export const listCycleSubmissions = (
  id: string,
  filter: { status?: SubmissionStatus; late?: boolean },
  cursor?: string,
) =>
  get<Page<SubmissionItem>>(`${R}/cycles/${id}/submissions`, {
    status: filter.status,
    late: filter.late ? 'true' : undefined,
    cursor,
  });
export const getConsolidated = (id: string) => get<ConsolidatedView>(`${R}/cycles/${id}/consolidated`);
export const consolidatedFileUrl = (id: string, kind: 'docx' | 'pdf') =>
  apiUrl(`${R}/cycles/${id}/consolidated.${kind}`);
export const listLate = (cursor?: string) => get<Page<LateItem>>(`${R}/late`, { cursor });

// Templates
export const listTemplates = (cursor?: string, active?: boolean) =>
  get<Page<Template>>(`${R}/templates`, {
    cursor,
    active: active === undefined ? undefined : String(active),
  });
export const getTemplate = (id: string) => get<Template>(`${R}/templates/${id}`);
export const createTemplate = (input: TemplateInput) => post<Template>(`${R}/templates`, input);
export const updateTemplate = (id: string, input: TemplateUpdate) =>
  api<Template>(`${R}/templates/${id}`, { method: 'PUT', body: input });

/** Screens' addresses. */
export const paths = {
  own: '/bao-cao/dinh-ky',
  fill: (id: string) => `/bao-cao/dinh-ky/${id}`,
  cycles: '/bao-cao/tong-hop',
  cycle: (id: string) => `/bao-cao/tong-hop/ky/${id}`,
  consolidated: (id: string) => `/bao-cao/tong-hop/ky/${id}/ban-tong-hop`,
  review: (id: string) => `/bao-cao/tong-hop/bao-cao/${id}`,
  late: '/bao-cao/tong-hop/tre-han',
  templates: '/bao-cao/tong-hop/mau',
  newTemplate: '/bao-cao/tong-hop/mau/moi',
  template: (id: string) => `/bao-cao/tong-hop/mau/${id}`,
};

/** The measured figures' page for the cycle's period (`/bao-cao/so-lieu`), ranked by `measure`. */
export function measuresHref(cycle: Pick<CycleView, 'cycle' | 'year' | 'period'>, measure?: string): string {
  const q: Record<string, string> = { year: String(cycle.year) };
  if (cycle.cycle === 'month') Object.assign(q, { period: 'month', month: String(cycle.period) });
  else if (cycle.cycle === 'half') Object.assign(q, { period: 'half', half: String(cycle.period) });
  else q.period = 'year';
  if (measure) q['xep-hang'] = measure;
  return `/bao-cao/so-lieu?${new URLSearchParams(q)}`;
}

/** The documents behind a measured figure of one agency, for the cycle's period. */
export function measureRecordsHref(
  cycle: Pick<CycleView, 'cycle' | 'year' | 'period'>,
  agencyId: string,
  measure: string,
): string {
  const base = new URLSearchParams(measuresHref(cycle).split('?')[1]);
  base.set('agencyId', agencyId);
  base.set('measure', measure);
  base.set('part', 'numerator');
  return `/bao-cao/so-lieu/van-ban?${base}`;
}

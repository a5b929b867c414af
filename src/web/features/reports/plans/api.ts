import type {
  PlanCommentInput,
  PlanCreateInput,
  PlanListQuery,
  PlanOverviewPage,
  PlanPage,
  PlanProgressInput,
  PlanSaveInput,
  PlanVersionSnapshot,
  PlanView,
} from '../../../../shared/reports/plans.ts';
import { api, get, post } from '../../../api/client.ts';

/*
 * The IT plans API as the screens use it (server: src/server/modules/reports/plans-routes.ts); the
 * shapes come from the shared contract src/shared/reports/plans.ts. Every write answers the plan.
 */

export type PlanFilter = Partial<Omit<PlanListQuery, 'limit' | 'cursor'>>;

export const planKeys = {
  all: ['plans'] as const,
  own: (f: PlanFilter) => ['plans', 'own', f] as const,
  overview: (f: PlanFilter) => ['plans', 'overview', f] as const,
  one: (id: string) => ['plans', 'one', id] as const,
  version: (id: string, v: number) => ['plans', 'version', id, v] as const,
};

const base = '/reports/plans';

export const listOwnPlans = (f: PlanFilter, cursor?: string, signal?: AbortSignal) =>
  get<PlanPage>(base, { ...f, cursor, limit: 50 }, signal);
export const listOverview = (f: PlanFilter, cursor?: string, signal?: AbortSignal) =>
  get<PlanOverviewPage>(`${base}/overview`, { ...f, cursor, limit: 50 }, signal);
export const getPlan = (id: string) => get<PlanView>(`${base}/${id}`);
export const getVersion = (id: string, v: number) => get<PlanVersionSnapshot>(`${base}/${id}/versions/${v}`);
export const createPlan = (body: PlanCreateInput) => post<PlanView>(base, body);
export const savePlan = (id: string, body: PlanSaveInput) =>
  api<PlanView>(`${base}/${id}`, { method: 'PUT', body });
export const deletePlan = (id: string) => api<{ ok: true }>(`${base}/${id}`, { method: 'DELETE' });
export const submitPlan = (id: string) => post<PlanView>(`${base}/${id}/submit`);
export const commentOnPlan = (id: string, body: PlanCommentInput) =>
  post<PlanView>(`${base}/${id}/comments`, body);
export const resolveComment = (id: string, commentId: string, resolved: boolean) =>
  post<PlanView>(`${base}/${id}/comments/${commentId}/resolve`, { resolved });
export const returnPlan = (id: string, comment?: string) =>
  post<PlanView>(`${base}/${id}/return`, comment ? { comment } : {});
export const appraisePlan = (id: string, opinion: string) =>
  post<PlanView>(`${base}/${id}/appraise`, { opinion });
export const approvePlan = (id: string, issueDecision: boolean) =>
  post<PlanView>(`${base}/${id}/approve`, { issueDecision });
export const issueDecision = (id: string) => post<PlanView>(`${base}/${id}/decision`);
export const reportProgress = (id: string, body: PlanProgressInput) =>
  api<PlanView>(`${base}/${id}/progress`, { method: 'PUT', body });

/** 1.250.000.000 đ (Vietnamese grouping) or 1,250,000,000 VND. */
export function formatMoney(n: number | null | undefined, lang: string): string {
  if (n === null || n === undefined) return '—';
  return lang === 'en' ? `${n.toLocaleString('en-US')} VND` : `${n.toLocaleString('vi-VN')} đ`;
}

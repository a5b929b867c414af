import type { z } from 'zod';
import type {
  DeskDossier,
  DeskList,
  DeskListQuery,
  deskProceduresSchema,
  deskStaffSchema,
  WorkList,
} from '../../../../shared/services/desk.ts';
import { apiUrl, get, post } from '../../../api/client.ts';

export type DeskStaff = z.infer<typeof deskStaffSchema>;
export type DeskProcedures = z.infer<typeof deskProceduresSchema>;
export type DeskView = DeskListQuery['view'];

export const deskKeys = {
  all: ['services', 'desk'] as const,
  list: (view: DeskView, q: string) => [...deskKeys.all, 'list', view, q] as const,
  dossier: (id: string) => [...deskKeys.all, 'dossier', id] as const,
  staff: () => [...deskKeys.all, 'staff'] as const,
  procedures: () => [...deskKeys.all, 'procedures'] as const,
  work: () => ['services', 'work'] as const,
};

const base = '/services/desk/dossiers';

export const listDesk = (view: DeskView, q: string, cursor?: string) =>
  get<DeskList>(base, { view, q: q || undefined, cursor });
export const getDeskDossier = (id: string) => get<DeskDossier>(`${base}/${id}`);
export const getDeskStaff = () => get<DeskStaff>('/services/desk/staff');
export const getDeskProcedures = () => get<DeskProcedures>('/services/desk/procedures');
export const listWork = (cursor?: string) => get<WorkList>('/services/work', { cursor });

/** The desk's actions: each answers { ok: true } or a problem with a Vietnamese detail. */
export const deskAction = (id: string, action: string, body: unknown = {}) =>
  post<{ ok: true }>(`${base}/${id}/${action}`, body);
export const handStep = (id: string, stepId: string, body: { assigneeId: string; note?: string }) =>
  post<{ ok: true }>(`${base}/${id}/steps/${stepId}/hand`, body);
export const finishStep = (id: string, stepId: string, body: { result: string; note?: string }) =>
  post<{ ok: true }>(`${base}/${id}/steps/${stepId}/done`, body);

export const paperUrl = (id: string, paperId: string) => apiUrl(`${base}/${id}/papers/${paperId}`);
export const formUrl = (id: string, form: '02' | '03' | '04' | '05' | '06') =>
  apiUrl(`${base}/${id}/forms/${form}`);
export const receiptUrl = (id: string) => apiUrl(`${base}/${id}/receipt.pdf`);
export const registerUrl = (ext: 'pdf' | 'xlsx', from: string, to: string) =>
  apiUrl(`/services/desk/register.${ext}`, { from, to });

export type { DeskDossier, DeskList, WorkList };

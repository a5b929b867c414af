import type {
  AgencyHistoryView,
  AgencyInput,
  AgencyListQuery,
  AgencyMergeResult,
  AgencyUpdate,
  AgencyView,
  CsvImportResult,
} from '../../shared/schemas/agencies.ts';
import type { Items, Page } from '../../shared/schemas/common.ts';
import { get, patch, post } from './client.ts';

export type { AgencyHistoryView, AgencyView };

export const agencyKeys = {
  all: ['agencies'] as const,
  list: (q: Partial<AgencyListQuery>) => ['agencies', 'list', q] as const,
  one: (id: string) => ['agencies', 'one', id] as const,
  history: (id: string) => ['agencies', 'history', id] as const,
};

export const listAgencies = (q: Partial<AgencyListQuery>, signal?: AbortSignal) =>
  get<Page<AgencyView>>('/agencies', { ...q }, signal);

/** Every child of a unit, following the cursor (a unit has at most a few hundred children). */
export async function listChildren(parentId: 'root' | string): Promise<AgencyView[]> {
  const out: AgencyView[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await listAgencies({ parentId, limit: 500, cursor });
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

export const getAgency = (id: string) => get<AgencyView>(`/agencies/${id}`);
export const agencyHistory = (id: string) => get<Items<AgencyHistoryView>>(`/agencies/${id}/history`);
export const createAgency = (input: AgencyInput) => post<AgencyView>('/agencies', input);
export const updateAgency = (id: string, input: AgencyUpdate) => patch<AgencyView>(`/agencies/${id}`, input);
export const moveAgency = (id: string, parentId: string | null) =>
  post<AgencyView>(`/agencies/${id}/move`, { parentId });
export const mergeAgency = (id: string, targetId: string) =>
  post<AgencyMergeResult>(`/agencies/${id}/merge`, { targetId });
export const importAgencies = (csv: string, dryRun: boolean) =>
  post<CsvImportResult>('/agencies/import', { csv }, { dryRun: dryRun ? 'true' : 'false' });
export const EXPORT_CSV_URL = '/api/v1/agencies/export.csv';

import type { ProcedureList } from '../../../../shared/services/api.ts';
import type { ImportResult, ProcedureAdmin } from '../../../../shared/services/catalogue-admin.ts';
import type { ProcedureContent } from '../../../../shared/services/procedure.ts';
import { ApiError, apiUrl, csrfToken, get, post } from '../../../api/client.ts';

export const catalogueKeys = {
  all: ['services', 'catalogue'] as const,
  list: (q: string, retired: boolean) => [...catalogueKeys.all, 'list', q, retired] as const,
  one: (code: string) => [...catalogueKeys.all, 'one', code] as const,
};

const base = '/services/catalogue';
export const listCatalogue = (q: string, retired: boolean, cursor?: string) =>
  get<ProcedureList>(base, { q: q || undefined, retired: retired ? '1' : '0', cursor });
export const getProcedureAdmin = (code: string) => get<ProcedureAdmin>(`${base}/${encodeURIComponent(code)}`);
export const saveVersion = (content: ProcedureContent, note?: string) =>
  post<ProcedureAdmin>(base, { content, note });
export const setActive = (code: string, active: boolean) =>
  post<ProcedureAdmin>(`${base}/${encodeURIComponent(code)}/${active ? 'restore' : 'retire'}`);
export const templateUrl = () => apiUrl(`${base}/import/template.xlsx`);

/** Sends the file to be checked (`commit` false) or written (true). */
export async function importCatalogue(file: File, commit: boolean): Promise<ImportResult> {
  const body = new FormData();
  body.append('file', file, file.name);
  const res = await fetch(apiUrl(`${base}/import`, { check: commit ? '0' : '1' }), {
    method: 'POST',
    body,
    credentials: 'same-origin',
    headers: { accept: 'application/json, application/problem+json', 'x-csrf-token': csrfToken() },
  }).catch(() => {
    throw new ApiError(0, 'network', 'network');
  });
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok)
    throw new ApiError(
      res.status,
      typeof data.code === 'string' ? data.code : 'http_error',
      typeof data.detail === 'string' ? data.detail : '',
      [],
      data,
    );
  return data as unknown as ImportResult;
}

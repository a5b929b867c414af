import type {
  DraftFileView,
  DraftSave,
  DraftView,
  TemplateListItem,
} from '../../../shared/schemas/drafting.ts';
import { ApiError, api, csrfToken, del, get, post } from '../../api/client.ts';

/* The drafting API as the web uses it (server: src/server/modules/drafting/routes.ts). */

export type { DraftFileView, DraftView, TemplateListItem };

export const draftingKeys = {
  draft: (id: string) => ['drafting', 'draft', id] as const,
  templates: ['drafting', 'templates'] as const,
};

export const getDraft = (id: string) => get<DraftView>(`/documents/${id}/draft`);
export const saveDraft = (id: string, body: DraftSave) =>
  api<DraftView>(`/documents/${id}/draft`, { method: 'PUT', body });
export const makeDocx = (id: string) => post<DraftFileView>(`/documents/${id}/draft/make`);
export const makePdf = (id: string) => post<DraftFileView>(`/documents/${id}/draft/pdf`);

/** Sends one file as multipart field "file" to an API path. */
async function sendFile<T>(path: string, file: File): Promise<T> {
  const body = new FormData();
  body.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { accept: 'application/json, application/problem+json', 'x-csrf-token': csrfToken() },
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
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

export const uploadDocx = (id: string, file: File) =>
  sendFile<DraftFileView>(`/documents/${id}/draft/upload-docx`, file);

export const listTemplates = () => get<{ items: TemplateListItem[] }>('/drafting/templates');
export const templateUrl = (typeCode: string) => `/api/v1/drafting/templates/${typeCode}/docx`;
export const uploadTemplate = (typeCode: string, file: File) =>
  sendFile<{ typeCode: string; version: number }>(`/drafting/templates/${typeCode}`, file);
export const resetTemplate = (typeCode: string) => del<{ ok: true }>(`/drafting/templates/${typeCode}`);

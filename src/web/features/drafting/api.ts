import type {
  DraftFileView,
  DraftSave,
  DraftView,
  TemplateListItem,
} from '../../../shared/schemas/drafting.ts';
import { api, del, get, post, postFile } from '../../api/client.ts';

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

export const uploadDocx = (id: string, file: File) =>
  postFile<DraftFileView>(`/documents/${id}/draft/upload-docx`, file);

export const listTemplates = () => get<{ items: TemplateListItem[] }>('/drafting/templates');
export const templateUrl = (typeCode: string) => `/api/v1/drafting/templates/${typeCode}/docx`;
export const uploadTemplate = (typeCode: string, file: File) =>
  postFile<{ typeCode: string; version: number }>(`/drafting/templates/${typeCode}`, file);
export const resetTemplate = (typeCode: string) => del<{ ok: true }>(`/drafting/templates/${typeCode}`);

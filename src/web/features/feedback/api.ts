import type { z } from 'zod';
import type {
  Figures,
  IntakeInput,
  ItemView,
  identitySchema,
  RegisterQuery,
  RegisterRow,
  staffSchema,
} from '../../../shared/feedback/api.ts';
import { apiUrl, get, post } from '../../api/client.ts';

export type FeedbackStaff = z.infer<typeof staffSchema>;
export type SenderIdentity = z.infer<typeof identitySchema>;
export type RegisterFilter = Omit<RegisterQuery, 'limit' | 'cursor'>;

export const feedbackKeys = {
  all: ['feedback'] as const,
  list: (f: RegisterFilter) => [...feedbackKeys.all, 'list', f] as const,
  item: (id: string) => [...feedbackKeys.all, 'item', id] as const,
  staff: () => [...feedbackKeys.all, 'staff'] as const,
  figures: (year: number, month: number | undefined, scope: string) =>
    [...feedbackKeys.all, 'figures', year, month ?? 0, scope] as const,
};

export const listRegister = (f: RegisterFilter, cursor?: string) =>
  get<{ items: RegisterRow[]; nextCursor: string | null }>('/feedback/register', { ...f, cursor });
export const getItem = (id: string) => get<ItemView>(`/feedback/items/${id}`);
export const getIdentity = (id: string) => get<SenderIdentity>(`/feedback/items/${id}/identity`);
export const getStaff = () => get<FeedbackStaff>('/feedback/staff');
export const createItem = (body: IntakeInput) =>
  post<{ id: string; code: string; secret: string }>('/feedback/items', body);
export const itemAction = (id: string, action: string, body: unknown = {}) =>
  post<{ ok: true }>(`/feedback/items/${id}/${action}`, body);
export const getFigures = (year: number, month: number | undefined, scope: 'agency' | 'province') =>
  get<Figures>('/feedback/figures', { year, month, scope });

export const fileUrl = (id: string, fileId: string) => apiUrl(`/feedback/items/${id}/files/${fileId}`);
export const verifierCopyUrl = (id: string) => apiUrl(`/feedback/items/${id}/verifier-copy.pdf`);
export const registerUrl = (ext: 'pdf' | 'xlsx', from: string, to: string) =>
  apiUrl(`/feedback/register.${ext}`, { from, to });

export type { Figures, ItemView, RegisterRow };

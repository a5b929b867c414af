import type {
  AnnouncementFilter,
  AnnouncementInput,
  AnnouncementPage,
  AnnouncementUpdate,
  AnnouncementView,
  ReceiptsView,
} from '../../../../shared/schemas/portal-announcements.ts';
import { get, patch, post } from '../../../api/client.ts';

export type { AnnouncementFilter, AnnouncementInput, AnnouncementPage, AnnouncementView, ReceiptsView };

export const announcementKeys = {
  all: ['announcements'] as const,
  list: (filter: AnnouncementFilter) => ['announcements', 'list', filter] as const,
  one: (id: string) => ['announcements', 'one', id] as const,
  receipts: (id: string) => ['announcements', 'receipts', id] as const,
};

export const listAnnouncements = (filter: AnnouncementFilter, cursor?: string, signal?: AbortSignal) =>
  get<AnnouncementPage>('/announcements', { filter, cursor, limit: 20 }, signal);
export const getAnnouncement = (id: string) => get<AnnouncementView>(`/announcements/${id}`);
export const createAnnouncement = (input: AnnouncementInput) => post<{ id: string }>('/announcements', input);
export const updateAnnouncement = (id: string, input: AnnouncementUpdate) =>
  patch<AnnouncementView>(`/announcements/${id}`, input);
export const withdrawAnnouncement = (id: string, reason?: string) =>
  post<AnnouncementView>(`/announcements/${id}/withdraw`, { reason });
export const getReceipts = (id: string, cursor?: string) =>
  get<ReceiptsView>(`/announcements/${id}/receipts`, { cursor, limit: 50 });
export const fileUrl = (id: string, sha256: string) => `/api/v1/announcements/${id}/files/${sha256}`;

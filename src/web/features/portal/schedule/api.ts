import type { OkView } from '../../../../shared/schemas/common.ts';
import type {
  ChangeNoteInput,
  EntryInput,
  EntrySavedView,
  EntryView,
  MyEntryView,
  MyWeekView,
  PersonOption,
  ScheduleList,
  ScheduleView,
  VersionItem,
  VersionView,
  WeekView,
} from '../../../../shared/schemas/portal-schedule.ts';
import { api, apiUrl, del, get, patch, post } from '../../../api/client.ts';

export type {
  EntryInput,
  EntryView,
  MyEntryView,
  MyWeekView,
  PersonOption,
  ScheduleView,
  VersionItem,
  VersionView,
  WeekView,
};

export const scheduleKeys = {
  all: ['portal-schedule'] as const,
  list: ['portal-schedule', 'list'] as const,
  week: (id: string, week: string) => ['portal-schedule', 'week', id, week] as const,
  mine: (week: string) => ['portal-schedule', 'mine', week] as const,
  people: (id: string, agencyId?: string) => ['portal-schedule', 'people', id, agencyId ?? ''] as const,
  versions: (weekId: string) => ['portal-schedule', 'versions', weekId] as const,
  version: (weekId: string, revision: number) => ['portal-schedule', 'version', weekId, revision] as const,
};

const S = '/portal/schedules';
export const listSchedules = () => get<ScheduleList>(S);
export const createOwnSchedule = () => post<ScheduleView>(S);
export const getWeek = (id: string, week: string) => get<WeekView>(`${S}/${id}/weeks/${week}`);
export const myWeek = (week: string) => get<MyWeekView>('/portal/my-schedule', { week });
export const schedulePeople = (id: string, agencyId?: string) =>
  get<{ items: PersonOption[] }>(`${S}/${id}/people`, { agencyId });
export const createEntry = (id: string, week: string, body: EntryInput) =>
  post<EntrySavedView>(`${S}/${id}/weeks/${week}/entries`, body);
export const updateEntry = (entryId: string, body: EntryInput) =>
  patch<EntrySavedView>(`/portal/schedule-entries/${entryId}`, body);
export const cancelEntry = (entryId: string, body: ChangeNoteInput) =>
  post<EntrySavedView>(`/portal/schedule-entries/${entryId}/cancel`, body);
export const deleteEntry = (entryId: string) => del<OkView>(`/portal/schedule-entries/${entryId}`);
export const copyPrevious = (id: string, week: string) =>
  post<{ copied: number; weekId: string }>(`${S}/${id}/weeks/${week}/copy-previous`);
export const publishWeek = (id: string, week: string) =>
  post<{ weekId: string; revision: number }>(`${S}/${id}/weeks/${week}/publish`);
export const listVersions = (weekId: string) =>
  api<{ items: VersionItem[] }>(`/portal/schedule-weeks/${weekId}/versions`);
export const getVersion = (weekId: string, revision: number) =>
  get<VersionView>(`/portal/schedule-weeks/${weekId}/versions/${revision}`);
export const pdfUrl = (id: string, week: string) => apiUrl(`${S}/${id}/weeks/${week}/pdf`);

import type { Page } from '../../../../shared/schemas/common.ts';
import type {
  CreateTasksInput,
  FiguresView,
  ProgressInput,
  ResultInput,
  TaskDetailView,
  TaskItemView,
  TaskListQuery,
  TaskScopeView,
} from '../../../../shared/schemas/portal-tasks.ts';
import { apiUrl, get, post, type Query } from '../../../api/client.ts';

/*
 * The tasks API as the web uses it (server: src/server/modules/portal/routes-tasks.ts); shapes come
 * from the shared zod schemas.
 */

export type { FiguresView, TaskDetailView, TaskItemView, TaskScopeView };
export type TaskFilter = Partial<Omit<TaskListQuery, 'limit' | 'cursor'>>;

export const taskKeys = {
  all: ['tasks'] as const,
  scope: ['tasks', 'scope'] as const,
  list: (f: TaskFilter) => ['tasks', 'list', f] as const,
  one: (id: string) => ['tasks', 'one', id] as const,
  figures: (from: string, to: string) => ['tasks', 'figures', from, to] as const,
  dueDate: (assignedOn: string, days: number) => ['tasks', 'due-date', assignedOn, days] as const,
};

export const getScope = () => get<TaskScopeView>('/tasks/scope');
export const listTasks = (f: TaskFilter, cursor?: string, signal?: AbortSignal) =>
  get<Page<TaskItemView>>('/tasks', { ...f, cursor, limit: 30 } as Query, signal);
export const getTask = (id: string) => get<TaskDetailView>(`/tasks/${id}`);
export const createTasks = (input: CreateTasksInput) => post<{ ids: string[] }>('/tasks', input);
export const dueDate = (assignedOn: string, workingDays: number) =>
  get<{ dueOn: string }>('/tasks/due-date', { assignedOn, workingDays });
export const reportProgress = (id: string, input: ProgressInput) =>
  post<TaskDetailView>(`/tasks/${id}/progress`, input);
export const reportResult = (id: string, input: ResultInput) =>
  post<TaskDetailView>(`/tasks/${id}/result`, input);
export const acceptTask = (id: string) => post<TaskDetailView>(`/tasks/${id}/accept`, {});
export const returnTask = (id: string, reason: string) =>
  post<TaskDetailView>(`/tasks/${id}/return`, { reason });
export const getFigures = (from: string, to: string) => get<FiguresView>('/tasks/figures', { from, to });
export const figuresXlsxUrl = (from: string, to: string) => apiUrl('/tasks/figures.xlsx', { from, to });
export const taskFileUrl = (id: string, sha256: string) => `/api/v1/tasks/${id}/files/${sha256}`;

/** Vietnam's date today (YYYY-MM-DD), whatever the browser's zone. */
export const vnToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

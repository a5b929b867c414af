import type { z } from 'zod';
import type { Page } from '../../../../shared/schemas/common.ts';
import type {
  CompletenessView,
  InboxItemView,
  ReportView,
  ValidationView,
} from '../../../../shared/schemas/indicators-approval.ts';
import type { formView, scheduleView } from '../../../../shared/schemas/indicators-catalogue.ts';
import type {
  cellInput,
  cellsSavedView,
  gridView,
  historyView,
  ValueKind,
} from '../../../../shared/schemas/indicators-entry.ts';
import { api, apiUrl, csrfToken, get, post } from '../../../api/client.ts';

/*
 * The indicators' entry and approval API as the entry screens use it (routes-entry.ts,
 * routes-approval.ts). Approval shapes come from src/shared/schemas/indicators-approval.ts; the
 * entry shapes follow the design (GET /entry/:formId/:period → form, agency, rows of cells) until
 * src/shared/schemas/indicators-entry.ts exists, and are kept lenient (optional fields).
 */

export type { CompletenessView, InboxItemView, ReportView, ValidationView };
export type ReportForm = z.infer<typeof formView>;
export type FormSchedule = z.infer<typeof scheduleView>;

export type { ValueKind };
/** The grid of one form × period × agency (GET /entry/:formId/:period). */
export type EntrySheet = z.infer<typeof gridView>;
export type SheetLine = EntrySheet['rows'][number];
export type SheetCell = SheetLine['cells'][string];
/** One cell to save: '' option for the total; value absent = a comment alone. */
export type CellWrite = z.input<typeof cellInput>;
export type CellsSaved = z.infer<typeof cellsSavedView>;
export type CellChange = z.infer<typeof historyView>['items'][number];

const P = '/indicators';
const enc = encodeURIComponent;

export const entryKeys = {
  forms: ['indicators', 'forms'] as const,
  schedule: (formId: string, period: string) => ['indicators', 'schedule', formId, period] as const,
  sheet: (formId: string, period: string, agencyId?: string) =>
    ['indicators', 'entry', formId, period, agencyId ?? ''] as const,
  report: (formId: string, period: string, agencyId: string) =>
    ['indicators', 'report', formId, period, agencyId] as const,
  inbox: ['indicators', 'inbox'] as const,
  completeness: (formId: string, period: string) => ['indicators', 'completeness', formId, period] as const,
};

export const listReportForms = () =>
  get<ReportForm[] | { items: ReportForm[] }>(`${P}/forms`).then((r) => (Array.isArray(r) ? r : r.items));
export const formSchedule = (formId: string, period: string) =>
  get<FormSchedule>(`${P}/forms/${enc(formId)}/schedule`, { period });

export const getSheet = (formId: string, period: string, agencyId?: string) =>
  get<EntrySheet>(`${P}/entry/${enc(formId)}/${enc(period)}`, { agencyId });

/** Saves one cell or a block (paste, upload): all or nothing; a newer revision on the server is a 409. */
export const putCells = (
  formId: string,
  period: string,
  agencyId: string,
  kind: ValueKind,
  cells: CellWrite[],
) =>
  api<CellsSaved>(`${P}/entry/${enc(formId)}/${enc(period)}/cells`, {
    method: 'PUT',
    body: { agencyId, kind, cells },
  });

export const cellHistory = (
  formId: string,
  period: string,
  agencyId: string,
  indicator: string,
  option: string,
) =>
  get<{ items: CellChange[] }>(`${P}/entry/${enc(formId)}/${enc(period)}/history`, {
    agencyId,
    indicator,
    option,
  }).then((r) => r.items);

export const templateUrl = (formId: string, period: string, agencyId: string) =>
  apiUrl(`${P}/entry/${enc(formId)}/${enc(period)}/template.xlsx`, { agencyId });

/** Uploads a filled template; a 422 lists every bad cell (row, column, reason). */
export async function uploadSheet(
  formId: string,
  period: string,
  agencyId: string,
  file: File,
): Promise<unknown> {
  const fd = new FormData();
  fd.append('file', file);
  const res = await fetch(apiUrl(`${P}/entry/${enc(formId)}/${enc(period)}/upload`, { agencyId }), {
    method: 'POST',
    body: fd,
    credentials: 'same-origin',
    headers: { 'x-csrf-token': csrfToken(), accept: 'application/json, application/problem+json' },
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok)
    throw Object.assign(new Error(String(body.detail ?? res.status)), { status: res.status, body });
  return body;
}

const rq = (formId: string, period: string, action: string) =>
  `${P}/reports/${enc(formId)}/${enc(period)}${action ? `/${action}` : ''}`;

export const getReport = (formId: string, period: string, agencyId: string) =>
  get<ReportView>(rq(formId, period, ''), { agencyId });
export const validateReport = (formId: string, period: string, agencyId: string) =>
  post<ValidationView>(rq(formId, period, 'validate'), {}, { agencyId });
export const submitReport = (
  formId: string,
  period: string,
  agencyId: string,
  comments: Record<string, string>,
) => post<ReportView>(rq(formId, period, 'submit'), { comments }, { agencyId });
export const approveReport = (formId: string, period: string, agencyId: string) =>
  post<ReportView>(rq(formId, period, 'approve'), {}, { agencyId });
export const returnReport = (formId: string, period: string, agencyId: string, reason: string) =>
  post<ReportView>(rq(formId, period, 'return'), { reason }, { agencyId });

export const inbox = (cursor?: string) =>
  get<Page<InboxItemView>>(`${P}/reports/inbox`, { cursor, limit: 50 });
export const completeness = (formId: string, period: string) =>
  get<CompletenessView>(`${P}/reports/completeness`, { formId, period });
export const completenessXlsxUrl = (formId: string, period: string) =>
  apiUrl(`${P}/reports/completeness.xlsx`, { formId, period });

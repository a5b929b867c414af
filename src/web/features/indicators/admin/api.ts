import type { z } from 'zod';
import { PERIODICITIES } from '../../../../shared/indicators/periods.ts';
import type { Page } from '../../../../shared/schemas/common.ts';
import type { RuleInput, RuleView } from '../../../../shared/schemas/indicators-approval.ts';
import {
  AGGREGATIONS,
  type disaggregationView,
  type formInput,
  type formView,
  type groupView,
  type importResult,
  type indicatorDetailView,
  type indicatorInput,
  LEVELS,
  type reopenInput,
  VALUE_TYPES,
} from '../../../../shared/schemas/indicators-catalogue.ts';
import { api, apiUrl, del, get, post } from '../../../api/client.ts';

/*
 * The indicators' administration API as the screens use it: catalogue, forms (routes of the
 * catalogue part) and validation rules (routes-approval.ts, shapes from the shared schemas).
 */

export type { RuleInput, RuleView };

export { AGGREGATIONS, LEVELS, VALUE_TYPES };
export const PERIODICITY_CODES = PERIODICITIES;

export type IndGroup = z.infer<typeof groupView>;
export type IndDisaggregation = z.infer<typeof disaggregationView>;
/** The form's values: the request body (defaults applied by the server). */
export type IndicatorFormValues = z.input<typeof indicatorInput>;
export type IndicatorDetail = z.infer<typeof indicatorDetailView>;
export type ImportOutcome = z.infer<typeof importResult>;
export type ImportProblem = ImportOutcome['errors'][number];
export type ReportFormDef = z.infer<typeof formView>;
export type ReportFormValues = z.input<typeof formInput>;
export type ReopenValues = z.input<typeof reopenInput>;

const P = '/indicators';
const listOf = <T>(r: T[] | { items: T[] }): T[] => (Array.isArray(r) ? r : r.items);

export const adminKeys = {
  groups: ['indicators', 'groups'] as const,
  disaggregations: ['indicators', 'disaggregations'] as const,
  catalogue: (q: Record<string, string | undefined>) => ['indicators', 'catalogue', q] as const,
  one: (code: string) => ['indicators', 'catalogue', 'one', code] as const,
  forms: ['indicators', 'forms'] as const,
  form: (id: string) => ['indicators', 'forms', id] as const,
  rules: ['indicators', 'rules'] as const,
};

export const listGroups = () => get<IndGroup[] | { items: IndGroup[] }>(`${P}/groups`).then(listOf);
export const listDisaggregations = () =>
  get<IndDisaggregation[] | { items: IndDisaggregation[] }>(`${P}/disaggregations`).then(listOf);
export const listCatalogue = (q: Record<string, string | undefined>, cursor?: string) =>
  get<Page<IndicatorDetail>>(`${P}/catalogue`, { ...q, cursor, limit: 100 });
export const getIndicator = (code: string) =>
  get<IndicatorDetail>(`${P}/catalogue/${encodeURIComponent(code)}`);
export const createIndicator = (body: IndicatorFormValues) => post<IndicatorDetail>(`${P}/catalogue`, body);
export const updateIndicator = (code: string, body: IndicatorFormValues) =>
  api<IndicatorDetail>(`${P}/catalogue/${encodeURIComponent(code)}`, { method: 'PUT', body });
export const CATALOGUE_XLSX = apiUrl(`${P}/catalogue.xlsx`);

export const listForms = () => get<ReportFormDef[] | { items: ReportFormDef[] }>(`${P}/forms`).then(listOf);
export const getForm = (id: string) => get<ReportFormDef>(`${P}/forms/${id}`);
export const createForm = (body: ReportFormValues) => post<ReportFormDef>(`${P}/forms`, body);
export const updateForm = (id: string, body: ReportFormValues) =>
  api<ReportFormDef>(`${P}/forms/${id}`, { method: 'PUT', body });
export const reopenPeriod = (id: string, body: ReopenValues) =>
  post<unknown>(`${P}/forms/${id}/reopen`, body);

export const listRules = () => get<RuleView[]>(`${P}/rules`);
export const createRule = (body: RuleInput) => post<RuleView>(`${P}/rules`, body);
export const updateRule = (id: string, body: RuleInput) =>
  api<RuleView>(`${P}/rules/${id}`, { method: 'PUT', body });
export const deleteRule = (id: string) => del<unknown>(`${P}/rules/${id}`);

/** The codes of a form's indicators. */
export const formCodes = (f: ReportFormDef): string[] => f.items.map((i) => i.code);
/** The ids of a form's reporting agencies. */
export const formAgencyIds = (f: ReportFormDef): string[] => f.agencies.map((a) => a.id);

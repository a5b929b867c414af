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

export type GroupView = z.infer<typeof groupView>;
export type DisaggregationView = z.infer<typeof disaggregationView>;
/** The form's values: the request body (defaults applied by the server). */
export type IndicatorInput = z.input<typeof indicatorInput>;
export type IndicatorView = z.infer<typeof indicatorDetailView>;
export type ImportResult = z.infer<typeof importResult>;
export type ImportProblem = ImportResult['errors'][number];
export type FormView = z.infer<typeof formView>;
export type FormInput = z.input<typeof formInput>;
export type ReopenInput = z.input<typeof reopenInput>;

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

export const listGroups = () => get<GroupView[] | { items: GroupView[] }>(`${P}/groups`).then(listOf);
export const listDisaggregations = () =>
  get<DisaggregationView[] | { items: DisaggregationView[] }>(`${P}/disaggregations`).then(listOf);
export const listCatalogue = (q: Record<string, string | undefined>, cursor?: string) =>
  get<Page<IndicatorView>>(`${P}/catalogue`, { ...q, cursor, limit: 100 });
export const getIndicator = (code: string) =>
  get<IndicatorView>(`${P}/catalogue/${encodeURIComponent(code)}`);
export const createIndicator = (body: IndicatorInput) => post<IndicatorView>(`${P}/catalogue`, body);
export const updateIndicator = (code: string, body: IndicatorInput) =>
  api<IndicatorView>(`${P}/catalogue/${encodeURIComponent(code)}`, { method: 'PUT', body });
export const CATALOGUE_XLSX = apiUrl(`${P}/catalogue.xlsx`);

export const listForms = () => get<FormView[] | { items: FormView[] }>(`${P}/forms`).then(listOf);
export const getForm = (id: string) => get<FormView>(`${P}/forms/${id}`);
export const createForm = (body: FormInput) => post<FormView>(`${P}/forms`, body);
export const updateForm = (id: string, body: FormInput) =>
  api<FormView>(`${P}/forms/${id}`, { method: 'PUT', body });
export const reopenPeriod = (id: string, body: ReopenInput) => post<unknown>(`${P}/forms/${id}/reopen`, body);

export const listRules = () => get<RuleView[]>(`${P}/rules`);
export const createRule = (body: RuleInput) => post<RuleView>(`${P}/rules`, body);
export const updateRule = (id: string, body: RuleInput) =>
  api<RuleView>(`${P}/rules/${id}`, { method: 'PUT', body });
export const deleteRule = (id: string) => del<unknown>(`${P}/rules/${id}`);

/** The codes of a form's indicators. */
export const formCodes = (f: FormView): string[] => f.items.map((i) => i.code);
/** The ids of a form's reporting agencies. */
export const formAgencyIds = (f: FormView): string[] => f.agencies.map((a) => a.id);

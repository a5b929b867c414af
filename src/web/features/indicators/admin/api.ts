import type { Page } from '../../../../shared/schemas/common.ts';
import type { RuleInput, RuleView } from '../../../../shared/schemas/indicators-approval.ts';
import { api, apiUrl, del, get, post } from '../../../api/client.ts';

/*
 * The indicators' administration API as the screens use it: catalogue, forms (routes of the
 * catalogue part) and validation rules (routes-approval.ts, shapes from the shared schemas).
 */

export type { RuleInput, RuleView };

export const PERIODICITY_CODES = ['month', 'quarter', 'half', 'nine_months', 'year'] as const;
export const VALUE_TYPES = ['number', 'percent', 'integer'] as const;
export const AGGREGATIONS = ['sum', 'weighted_avg', 'formula', 'last', 'none'] as const;
export const LEVELS = ['commune', 'district', 'department', 'province'] as const;

export interface GroupView {
  id: string;
  code: string;
  name: string;
}
export interface DisaggregationView {
  id: string;
  code: string;
  name: string;
  options: { code: string; name: string }[];
}

export interface IndicatorInput {
  code: string;
  groupId: string;
  name: string;
  unit: string;
  periodicity: (typeof PERIODICITY_CODES)[number];
  valueType: (typeof VALUE_TYPES)[number];
  decimals: number;
  aggregation: (typeof AGGREGATIONS)[number];
  weightCode: string | null;
  formula: string | null;
  disaggregationId: string | null;
  level: (typeof LEVELS)[number];
  responsibleAgencyId: string | null;
  official: boolean;
  open: boolean;
  active: boolean;
}

export interface IndicatorView extends IndicatorInput {
  id: string;
  version: number;
  groupCode?: string;
  groupName?: string;
  disaggregationName?: string | null;
  responsibleAgencyName?: string | null;
  responsibleAgency?: { id: string; name: string; agencyCode: string | null } | null;
  versions?: {
    version: number;
    changedAt?: string;
    changedByName?: string | null;
    definition?: Record<string, unknown>;
  }[];
}

export interface ImportProblem {
  row: number;
  column?: string | null;
  message: string;
}

export interface FormView {
  id: string;
  code: string;
  name: string;
  periodicity: IndicatorInput['periodicity'];
  dueDays: number;
  lockDays: number;
  approvalLevels: number;
  active: boolean;
  /** The indicators, in order (codes, or rows carrying a code). */
  items?: ({ code: string; name?: string } | string)[];
  indicatorCodes?: string[];
  agencies?: { id: string; name: string }[];
  agencyIds?: string[];
}

export interface FormInput {
  code: string;
  name: string;
  periodicity: IndicatorInput['periodicity'];
  dueDays: number;
  lockDays: number;
  approvalLevels: number;
  active: boolean;
  indicatorCodes: string[];
  agencyIds: string[];
}

export interface ReopenInput {
  agencyId: string;
  period: string;
  until: string;
  reason: string;
}

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
  get<Page<IndicatorView>>(`${P}/catalogue`, { ...q, cursor, limit: 50 });
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

/** The codes of a form's indicators, whatever shape the answer gives them in. */
export function formCodes(f: FormView): string[] {
  if (f.indicatorCodes) return f.indicatorCodes;
  return (f.items ?? []).map((i) => (typeof i === 'string' ? i : i.code));
}
/** The ids of a form's reporting agencies. */
export function formAgencyIds(f: FormView): string[] {
  return f.agencyIds ?? (f.agencies ?? []).map((a) => a.id);
}

import type { Page } from '../../shared/schemas/common.ts';
import type {
  PersonCreate,
  PersonListQuery,
  PersonView,
  PersonWithPassword,
  PositionInput,
} from '../../shared/schemas/people.ts';
import { del, get, post } from './client.ts';

export type { PersonView, PersonWithPassword };

export const peopleKeys = {
  all: ['people'] as const,
  list: (q: { q?: string; agencyId?: string }) => ['people', 'list', q] as const,
  one: (id: string) => ['people', 'one', id] as const,
};

export const listPeople = (q: Partial<PersonListQuery>, signal?: AbortSignal) =>
  get<Page<PersonView>>('/people', q, signal);
export const getPerson = (id: string) => get<PersonView>(`/people/${id}`);
export const createPerson = (input: PersonCreate) => post<PersonWithPassword>('/people', input);
export const setDisabled = (id: string, disabled: boolean) =>
  post<PersonView>(`/people/${id}/${disabled ? 'disable' : 'enable'}`);
export const resetPassword = (id: string) => post<PersonWithPassword>(`/people/${id}/reset-password`);
export const addPosition = (id: string, input: PositionInput) =>
  post<PersonView>(`/people/${id}/positions`, input);
export const endPosition = (id: string, positionId: string) =>
  del<PersonView>(`/people/${id}/positions/${positionId}`);

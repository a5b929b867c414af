import type { CopyInput, CopyList, CopyView } from '../../../../shared/legal/copies.ts';
import { get, post } from '../../../api/client.ts';

export type { CopyView };

export const copyKeys = {
  all: ['legal-copies'] as const,
  list: (year: number) => ['legal-copies', 'list', year] as const,
  ofLegal: (id: string) => ['legal-copies', 'legal', id] as const,
  ofDocument: (id: string) => ['legal-copies', 'document', id] as const,
};

export const makeCopy = (input: CopyInput) => post<CopyView>('/legal/copies', input);
export const listCopies = (q: { year: number; cursor?: string }, signal?: AbortSignal) =>
  get<CopyList>('/legal/copies', { ...q, limit: 50 }, signal);
export const copiesOfLegal = (id: string) => get<{ items: CopyView[] }>(`/legal/documents/${id}/copies`);
export const copiesOfDocument = (id: string) => get<{ items: CopyView[] }>(`/legal/document-copies/${id}`);

import type {
  LegalDiagram,
  LegalDocument,
  LegalDocumentInput,
  LegalDocumentPatch,
  LegalDocumentSummary,
  LegalIssuer,
  LegalRelationInput,
  LegalRelationView,
  LegalSearchQuery,
  TimelineEntry,
} from '../../../../shared/legal/api.ts';
import { del, get, patch, post, postFile } from '../../../api/client.ts';

export type {
  LegalDiagram,
  LegalDocument,
  LegalDocumentInput,
  LegalDocumentSummary,
  LegalIssuer,
  LegalRelationView,
  TimelineEntry,
};

export type LegalFilter = Omit<LegalSearchQuery, 'cursor' | 'limit'>;

export const legalKeys = {
  all: ['legal'] as const,
  list: (f: LegalFilter) => ['legal', 'list', f] as const,
  issuers: ['legal', 'issuers'] as const,
  one: (id: string) => ['legal', 'doc', id] as const,
  relations: (id: string) => ['legal', 'doc', id, 'relations'] as const,
  history: (id: string) => ['legal', 'doc', id, 'history'] as const,
  diagram: (id: string) => ['legal', 'doc', id, 'diagram'] as const,
};

const P = '/legal';

export const searchLegal = (f: LegalFilter, cursor?: string, signal?: AbortSignal, limit = 20) =>
  get<{ items: LegalDocumentSummary[]; nextCursor?: string }>(
    `${P}/documents`,
    { ...f, cursor, limit } as Record<string, string | number | undefined>,
    signal,
  );
export const listIssuers = () => get<{ items: LegalIssuer[] }>(`${P}/issuers`);
export const getLegal = (id: string) => get<LegalDocument>(`${P}/documents/${id}`);
export const createLegal = (input: LegalDocumentInput) => post<LegalDocument>(`${P}/documents`, input);
export const updateLegal = (id: string, input: LegalDocumentPatch) =>
  patch<LegalDocument>(`${P}/documents/${id}`, input);
export const getRelations = (id: string) =>
  get<{ items: LegalRelationView[] }>(`${P}/documents/${id}/relations`);
export const addRelation = (id: string, input: LegalRelationInput) =>
  post<unknown>(`${P}/documents/${id}/relations`, input);
export const removeRelation = (id: string, relId: string) =>
  del<unknown>(`${P}/documents/${id}/relations/${relId}`);
export const getHistory = (id: string) => get<{ items: TimelineEntry[] }>(`${P}/documents/${id}/history`);
export const getDiagram = (id: string) => get<LegalDiagram>(`${P}/documents/${id}/diagram`);
export const uploadLegalFile = (id: string, file: File) =>
  postFile<unknown>(`${P}/documents/${id}/files`, file);
export const declareStatus = (id: string, body: { status: string; from: string; byId?: string | null }) =>
  post<unknown>(`${P}/documents/${id}/declared-status`, body);
export const legalFileUrl = (id: string, fileId: string) => `/api/v1${P}/documents/${id}/files/${fileId}`;

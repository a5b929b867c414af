import type { CreatedView, OkView, Page } from '../../shared/schemas/common.ts';
import type {
  ColleaguesView,
  DirectInput,
  DocumentListQuery,
  DocumentSummaryView,
  DocumentView,
  DraftInput,
  DraftPatch,
  DueDateView,
  FileRef,
  IncomingInput,
  NumberedView,
  PrefillView,
} from '../../shared/schemas/documents.ts';
import type { StoredFileView } from '../../shared/schemas/files.ts';
import { apiUrl, get, patch, post, postFile, type Query } from './client.ts';

export type { DocumentSummaryView, DocumentView, FileRef, PrefillView };
export type Box = DocumentListQuery['box'];
export type ListFilter = Partial<Omit<DocumentListQuery, 'limit' | 'cursor' | 'box'>>;

/** A file as the upload answered: named by its SHA-256, which the forms send back. */
export type UploadedFile = StoredFileView;

export const docKeys = {
  all: ['documents'] as const,
  list: (box: Box, f: ListFilter) => ['documents', 'list', box, f] as const,
  count: (box: Box) => ['documents', 'count', box] as const,
  one: (id: string) => ['documents', 'one', id] as const,
  colleagues: ['documents', 'colleagues'] as const,
};

export const listDocuments = (box: Box, f: ListFilter, cursor?: string, limit = 50, signal?: AbortSignal) =>
  get<Page<DocumentSummaryView>>('/documents', { box, ...f, cursor, limit } as Query, signal);
export const getDocument = (id: string) => get<DocumentView>(`/documents/${id}`);
export const getColleagues = () => get<ColleaguesView>('/documents/colleagues');
export const dueDateAfter = (workingDays: number) => get<DueDateView>('/documents/due-date', { workingDays });
export const prefill = (sha256: string) => post<PrefillView>('/documents/prefill', { sha256 });
export const registerIncoming = (input: IncomingInput) => post<NumberedView>('/documents/incoming', input);
export const createDraft = (input: DraftInput) => post<CreatedView>('/documents/drafts', input);
export const editDraft = (id: string, input: DraftPatch) => patch<OkView>(`/documents/${id}`, input);
export const documentAction = <T = OkView>(id: string, path: string, body: unknown) =>
  post<T>(`/documents/${id}/${path}`, body);
export type { DirectInput };

/** Export and print addresses (plain links; the browser downloads them with the session cookie). */
export const exportUrl = (box: Box, f: ListFilter) =>
  apiUrl('/documents/export.xlsx', { box, ...f } as Query);
export const registerPdfUrl = (kind: 'incoming' | 'outgoing', from?: string, to?: string) =>
  apiUrl(`/documents/registers/${kind}.pdf`, { from, to });
export const fileUrl = (docId: string, fileId: string) => `/api/v1/documents/${docId}/files/${fileId}`;
export const slipUrl = (docId: string) => `/api/v1/documents/${docId}/slip.pdf`;

/** Uploads one file (multipart field "file"); the answer names it by its SHA-256. */
export const uploadFile = (file: File) => postFile<UploadedFile>('/files', file);

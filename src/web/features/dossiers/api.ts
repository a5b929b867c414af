import type { CreatedView, OkView, Page } from '../../../shared/schemas/common.ts';
import type {
  AddedItemView,
  AddItemInput,
  ArchiveImportResult,
  ArchiveKeeperView,
  ArchiveRecordView,
  DisposalReviewItem,
  DisposeInput,
  DossierSummaryView,
  DossierView,
  HandoverInput,
  OpenDossierInput,
  OpenedDossierView,
  PlanEntryInput,
  PlanInput,
  PlanView,
  TransferView,
} from '../../../shared/schemas/dossiers.ts';
import { api, apiUrl, del, get, post } from '../../api/client.ts';

export type { ArchiveKeeperView, DossierSummaryView, DossierView, PlanEntryInput, PlanView, TransferView };

export const dossierKeys = {
  all: ['dossiers'] as const,
  list: (q: Record<string, string | undefined>) => ['dossiers', 'list', q] as const,
  one: (id: string) => ['dossiers', 'one', id] as const,
  mine: ['dossiers', 'open-for-me'] as const,
  plan: (year: number) => ['dossiers', 'plan', year] as const,
  transfers: ['dossiers', 'transfers'] as const,
  transfer: (id: string) => ['dossiers', 'transfer', id] as const,
  records: ['dossiers', 'records'] as const,
  review: ['dossiers', 'review'] as const,
  keeper: ['dossiers', 'keeper'] as const,
};

export const listDossiers = (q: Record<string, string | undefined>) =>
  get<Page<DossierSummaryView>>('/dossiers', q);
export const openForMe = () => get<DossierSummaryView[]>('/dossiers/open-for-me');
export const getDossier = (id: string) => get<DossierView>(`/dossiers/${id}`);
export const openDossier = (body: OpenDossierInput) => post<OpenedDossierView>('/dossiers', body);
export const addItem = (id: string, body: AddItemInput) => post<AddedItemView>(`/dossiers/${id}/items`, body);
export const removeItem = (id: string, itemId: string) => del<OkView>(`/dossiers/${id}/items/${itemId}`);
export const reorder = (id: string, itemIds: string[]) => post<OkView>(`/dossiers/${id}/order`, { itemIds });
export const closeDossier = (id: string) => post<DossierSummaryView>(`/dossiers/${id}/close`, {});
export const exportUrl = (id: string, kind: 'pdf' | 'xml') => apiUrl(`/dossiers/${id}/export.${kind}`);

export const getPlan = (year: number) => get<PlanView>(`/dossier-plans/${year}`);
export const savePlan = (year: number, body: PlanInput) =>
  api<PlanView>(`/dossier-plans/${year}`, { method: 'PUT', body });
export const copyPlan = (year: number) => post<PlanView>(`/dossier-plans/${year}/copy-previous`);
export const planPrintUrl = (year: number) => apiUrl(`/dossier-plans/${year}/print`);

export const listTransfers = (cursor?: string, status?: TransferView['status']) =>
  get<Page<TransferView>>('/archive-transfers', { cursor, status });
export const getTransfer = (id: string) => get<TransferView>(`/archive-transfers/${id}`);
export const createTransfer = (dossierIds: string[]) =>
  post<CreatedView>('/archive-transfers', { dossierIds });
export const recordHandover = (id: string, body: HandoverInput) =>
  post<OkView>(`/archive-transfers/${id}/handover`, body);
export const packageUrl = (id: string) => apiUrl(`/archive-transfers/${id}/package`);
export const transferListUrl = (id: string) => apiUrl(`/archive-transfers/${id}/list.pdf`);
export const handoverUrl = (id: string) => apiUrl(`/archive-transfers/${id}/handover.pdf`);

export const importPackage = (sha256: string) => post<ArchiveImportResult>('/archive/imports', { sha256 });
export const listRecords = (cursor?: string) => get<Page<ArchiveRecordView>>('/archive/records', { cursor });
export const disposalReview = (cursor?: string) =>
  get<Page<DisposalReviewItem>>('/dossiers/disposal-review', { cursor });
export const dispose = (id: string, body: DisposeInput) => post<OkView>(`/dossiers/${id}/dispose`, body);

/** Who keeps the agency archive: its archivists, or its clerks while it has none. */
export const getKeeper = () => get<ArchiveKeeperView>('/archive/keeper');

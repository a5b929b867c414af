import type {
  DocumentGazetteView,
  GazetteIssueSummary,
  GazetteIssueView,
  GazetteItemView,
  GazetteOverview,
  IssueInput,
} from '../../../../shared/legal/gazette-api.ts';
import { api, del, get, post } from '../../../api/client.ts';

/*
 * The gazette API as the web uses it (server: src/server/modules/legal/gazette/routes.ts); shapes
 * come from the shared zod schemas.
 */

export type { DocumentGazetteView, GazetteIssueSummary, GazetteIssueView, GazetteItemView, GazetteOverview };

const G = '/legal/gazette';

export const gazetteKeys = {
  all: ['gazette'] as const,
  overview: (year?: number) => ['gazette', 'overview', year ?? 'current'] as const,
  issue: (id: string) => ['gazette', 'issue', id] as const,
  document: (id: string) => ['gazette', 'document', id] as const,
};

export const getOverview = (year?: number) => get<GazetteOverview>(G, { year });
export const getIssue = (id: string) => get<GazetteIssueView>(`${G}/issues/${id}`);
export const getDocumentGazette = (id: string) => get<DocumentGazetteView>(`${G}/documents/${id}`);
export const submitDocument = (legalDocumentId: string) =>
  post<GazetteItemView>(`${G}/items`, { legalDocumentId });
export const acceptItem = (id: string) => post<GazetteItemView>(`${G}/items/${id}/accept`, {});
export const returnItem = (id: string, reason: string) =>
  post<GazetteItemView>(`${G}/items/${id}/return`, { reason });
export const createIssue = (input: IssueInput) => post<GazetteIssueView>(`${G}/issues`, input);
export const deleteIssue = (id: string) => del<{ ok: true }>(`${G}/issues/${id}`);
export const placeItem = (issueId: string, itemId: string) =>
  post<GazetteIssueView>(`${G}/issues/${issueId}/items`, { itemId });
export const unplaceItem = (issueId: string, itemId: string) =>
  del<GazetteIssueView>(`${G}/issues/${issueId}/items/${itemId}`);
export const reorderItems = (issueId: string, itemIds: string[]) =>
  api<GazetteIssueView>(`${G}/issues/${issueId}/order`, { method: 'PUT', body: { itemIds } });
export const publishIssue = (issueId: string) => post<GazetteIssueView>(`${G}/issues/${issueId}/publish`, {});
export const issuePdfUrl = (issueId: string) => `/api/v1${G}/issues/${issueId}/pdf`;

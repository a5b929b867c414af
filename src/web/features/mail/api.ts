import type {
  CandidateView,
  MailAccountInput,
  MailAccountView,
  OutboxView,
  RegisterCandidateInput,
} from '../../../shared/schemas/mail.ts';
import { api, apiUrl, get, post } from '../../api/client.ts';

export type { CandidateView, MailAccountInput, MailAccountView, OutboxView };

export type CandidateStatus = 'waiting' | 'registered' | 'dismissed';
export type OutboxState = 'pending' | 'failed' | 'sent' | 'cancelled';
export type NoticeKind = 'assigned' | 'due_soon' | 'overdue' | 'returned' | 'arrived' | 'other';
export type NoticeMode = 'immediate' | 'digest' | 'off';
export interface Preferences {
  email: string | null;
  items: { kind: NoticeKind; mode: NoticeMode }[];
}
export interface Check {
  ok: boolean;
  detail: string;
}
export interface PollResult {
  ok: boolean;
  summary: { fetched: number; created: number; broken: number; duplicates: number; skipped: number };
  error?: string;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const mailKeys = {
  all: ['mail'] as const,
  candidates: (status: CandidateStatus) => ['mail', 'candidates', status] as const,
  replies: (documentId: string) => ['mail', 'replies', documentId] as const,
  account: ['mail', 'account'] as const,
  outbox: (state: OutboxState | 'all') => ['mail', 'outbox', state] as const,
  preferences: ['mail', 'preferences'] as const,
};

export const listCandidates = (status: CandidateStatus, cursor?: string) =>
  get<Page<CandidateView>>('/mail/candidates', { status, cursor, limit: 50 });
/** Replies by mail to one of our outgoing documents, whatever their status. */
export const listReplies = (documentId: string, cursor?: string) =>
  get<Page<CandidateView>>('/mail/candidates', { replyTo: documentId, cursor, limit: 20 });
export const registerCandidate = (id: string, input: RegisterCandidateInput) =>
  post<{ id: string; arrivalNumber: number }>(`/mail/candidates/${id}/register`, input);
export const dismissCandidate = (id: string, reason: string) =>
  post<{ ok: true }>(`/mail/candidates/${id}/dismiss`, { reason });
export const candidateFileUrl = (id: string, sha256: string) =>
  apiUrl(`/mail/candidates/${id}/files/${sha256}`);

export const getAccount = () => get<{ account: MailAccountView | null }>('/mail/account');
export const saveAccount = (input: MailAccountInput) =>
  api<{ account: MailAccountView }>('/mail/account', { method: 'PUT', body: input });
export const testAccount = () => post<{ imap: Check; smtp: Check }>('/mail/account/test');
export const pollNow = () => post<PollResult>('/mail/account/poll');

export const listOutbox = (state: OutboxState | 'all', cursor?: string) =>
  get<Page<OutboxView>>('/mail/outbox', { state: state === 'all' ? undefined : state, cursor, limit: 50 });
export const retryMail = (id: string) => post<{ ok: true }>(`/mail/outbox/${id}/retry`);
export const cancelMail = (id: string) => post<{ ok: true }>(`/mail/outbox/${id}/cancel`);

export const getPreferences = () => get<Preferences>('/mail/preferences');
export const savePreferences = (items: Preferences['items']) =>
  api<Preferences>('/mail/preferences', { method: 'PUT', body: { items } });

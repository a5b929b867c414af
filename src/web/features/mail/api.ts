import type { OkView, Page } from '../../../shared/schemas/common.ts';
import type { NumberedView } from '../../../shared/schemas/documents.ts';
import type {
  CandidateListQuery,
  CandidateView,
  MailAccountInput,
  MailAccountReply,
  MailAccountView,
  MailCheckView,
  MailOutboxQuery,
  MailTestResult,
  OutboxView,
  PollResult,
  PreferencesView,
  RegisterCandidateInput,
  SavedMailAccountReply,
} from '../../../shared/schemas/mail.ts';
import { api, apiUrl, get, post } from '../../api/client.ts';

export type { CandidateView, MailAccountInput, MailAccountView, MailCheckView, OutboxView, PreferencesView };

/** The clerk's tabs: mail waiting (new or broken), registered, dismissed. */
export type CandidateStatus = Extract<CandidateListQuery['status'], 'waiting' | 'registered' | 'dismissed'>;
export type OutboxState = NonNullable<MailOutboxQuery['state']>;
export type NoticeKind = PreferencesView['items'][number]['kind'];
export type NoticeMode = PreferencesView['items'][number]['mode'];

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
  post<NumberedView>(`/mail/candidates/${id}/register`, input);
export const dismissCandidate = (id: string, reason: string) =>
  post<OkView>(`/mail/candidates/${id}/dismiss`, { reason });
export const candidateFileUrl = (id: string, sha256: string) =>
  apiUrl(`/mail/candidates/${id}/files/${sha256}`);

export const getAccount = () => get<MailAccountReply>('/mail/account');
export const saveAccount = (input: MailAccountInput) =>
  api<SavedMailAccountReply>('/mail/account', { method: 'PUT', body: input });
export const testAccount = () => post<MailTestResult>('/mail/account/test');
export const pollNow = () => post<PollResult>('/mail/account/poll');

export const listOutbox = (state: OutboxState | 'all', cursor?: string) =>
  get<Page<OutboxView>>('/mail/outbox', { state: state === 'all' ? undefined : state, cursor, limit: 50 });
export const retryMail = (id: string) => post<OkView>(`/mail/outbox/${id}/retry`);
export const cancelMail = (id: string) => post<OkView>(`/mail/outbox/${id}/cancel`);

export const getPreferences = () => get<PreferencesView>('/mail/preferences');
export const savePreferences = (items: PreferencesView['items']) =>
  api<PreferencesView>('/mail/preferences', { method: 'PUT', body: { items } });

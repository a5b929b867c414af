import type { Items, OkView, Page } from '../../../shared/schemas/common.ts';
import type {
  ExchangeIdentityView,
  ExchangeInboxView,
  ExchangeOutboxView,
  PeerInput,
  PeerView,
  PeerWithCountsView,
  QueueQuery,
  ReceiveResult,
  RecipientRouteView,
} from '../../../shared/schemas/exchange.ts';
import { get, patch, post } from '../../api/client.ts';

export const exchangeKeys = {
  all: ['exchange'] as const,
  peers: ['exchange', 'peers'] as const,
  identity: ['exchange', 'identity'] as const,
  outbox: (q: object) => ['exchange', 'outbox', q] as const,
  inbox: (q: object) => ['exchange', 'inbox', q] as const,
  routes: (id: string) => ['exchange', 'routes', id] as const,
};

export const listPeers = () => get<Page<PeerWithCountsView>>('/exchange/peers', { limit: 200 });
export const getIdentity = () => get<ExchangeIdentityView>('/exchange/identity');
export const createPeer = (p: PeerInput) => post<PeerView>('/exchange/peers', p);
export const updatePeer = (id: string, p: PeerInput) => patch<PeerView>(`/exchange/peers/${id}`, p);
export const retryPeer = (id: string) => post<{ requeued: number }>(`/exchange/peers/${id}/retry`);
export const retryOutbox = (id: string) => post<OkView>(`/exchange/outbox/${id}/retry`);
export type QueueFilter = Partial<Pick<QueueQuery, 'peerId' | 'via' | 'state' | 'cursor'>>;
export const listOutbox = (q: Omit<QueueFilter, 'via'>) =>
  get<Page<ExchangeOutboxView>>('/exchange/outbox', { ...q, limit: 50 });
export const listInbox = (q: QueueFilter) =>
  get<Page<ExchangeInboxView>>('/exchange/inbox', { ...q, limit: 50 });
export const importPackage = (sha256: string) => post<ReceiveResult>('/exchange/import', { sha256 });
export const releaseRoutes = (id: string) =>
  get<Items<RecipientRouteView>>(`/exchange/documents/${id}/routes`);
export const edxmlUrl = (id: string) => `/api/v1/exchange/documents/${id}/edxml`;

/** "Sở TT&TT Nam Định [000.00.14.H40]" → an outside recipient carrying its agency code. */
export function outsideRecipient(text: string): { kind: 'outside'; name: string; agencyCode?: string } {
  const m = /^(.*?)\s*\[([A-Za-z0-9._-]+)\]\s*$/.exec(text.trim());
  if (m?.[1]) return { kind: 'outside', name: m[1], agencyCode: m[2] };
  return { kind: 'outside', name: text.trim() };
}

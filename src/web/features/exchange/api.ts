import { get, patch, post } from '../../api/client.ts';

export interface Peer {
  id: string;
  name: string;
  baseUrl: string;
  agencyCodes: string[];
  status: string;
  auth: 'secret' | 'key';
  keyFingerprint: string | null;
  createdAt: string;
  outbox: Record<string, number>;
  inbox: Record<string, number>;
}
export interface PeerInput {
  name: string;
  baseUrl: string;
  agencyCodes: string[];
  secret?: string;
  publicKey?: string;
  status?: 'active' | 'disabled';
}
export interface Identity {
  publicKey: string;
  fingerprint: string;
  algorithm: string;
}
export interface OutboxItem {
  id: string;
  peerId: string;
  kind: string;
  business: string;
  documentId: string | null;
  docKey: string;
  toCode: string;
  subject: string;
  state: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}
export interface InboxItem {
  id: string;
  peerId: string | null;
  via: string;
  kind: string;
  business: string;
  senderCode: string | null;
  toCode: string | null;
  docKey: string | null;
  subject: string;
  state: string;
  reason: string | null;
  documentId: string | null;
  createdAt: string;
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface ReceiveResult {
  result: 'accepted' | 'duplicate';
  kind: 'edoc' | 'status';
  business: string;
  documentIds: string[];
}
export interface RouteItem {
  name: string;
  agencyCode: string | null;
  route: 'internal' | 'peer' | 'unknown' | 'paper';
  via: string | null;
}

export const exchangeKeys = {
  all: ['exchange'] as const,
  peers: ['exchange', 'peers'] as const,
  identity: ['exchange', 'identity'] as const,
  outbox: (q: object) => ['exchange', 'outbox', q] as const,
  inbox: (q: object) => ['exchange', 'inbox', q] as const,
  routes: (id: string) => ['exchange', 'routes', id] as const,
};

export const listPeers = () => get<Page<Peer>>('/exchange/peers', { limit: 200 });
export const getIdentity = () => get<Identity>('/exchange/identity');
export const createPeer = (p: PeerInput) => post<Peer>('/exchange/peers', p);
export const updatePeer = (id: string, p: PeerInput) => patch<Peer>(`/exchange/peers/${id}`, p);
export const retryPeer = (id: string) => post<{ requeued: number }>(`/exchange/peers/${id}/retry`);
export const retryOutbox = (id: string) => post<{ ok: true }>(`/exchange/outbox/${id}/retry`);
export const listOutbox = (q: { peerId?: string; state?: string; cursor?: string }) =>
  get<Page<OutboxItem>>('/exchange/outbox', { ...q, limit: 50 });
export const listInbox = (q: { peerId?: string; via?: string; state?: string; cursor?: string }) =>
  get<Page<InboxItem>>('/exchange/inbox', { ...q, limit: 50 });
export const importPackage = (sha256: string) => post<ReceiveResult>('/exchange/import', { sha256 });
export const releaseRoutes = (id: string) => get<{ items: RouteItem[] }>(`/exchange/documents/${id}/routes`);
export const edxmlUrl = (id: string) => `/api/v1/exchange/documents/${id}/edxml`;

/** "Sở TT&TT Nam Định [000.00.14.H40]" → an outside recipient carrying its agency code. */
export function outsideRecipient(text: string): { kind: 'outside'; name: string; agencyCode?: string } {
  const m = /^(.*?)\s*\[([A-Za-z0-9._-]+)\]\s*$/.exec(text.trim());
  if (m?.[1]) return { kind: 'outside', name: m[1], agencyCode: m[2] };
  return { kind: 'outside', name: text.trim() };
}

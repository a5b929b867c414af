import { z } from 'zod';

/** A QCVN 102 agency identifier as peers send it (looser than this province's own, agency-code.ts). */
export const peerAgencyCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'Mã định danh cơ quan không hợp lệ');

/** Another installation (a peer) that documents are exchanged with; a secret or a public key, not both. */
export const peerInput = z.object({
  name: z.string().trim().min(2, 'Nhập tên hệ thống').max(300),
  baseUrl: z
    .url('Địa chỉ không hợp lệ')
    .refine((u) => /^https?:\/\//.test(u), 'Địa chỉ phải bắt đầu bằng http:// hoặc https://'),
  agencyCodes: z.array(peerAgencyCode).min(1, 'Nhập ít nhất một mã định danh').max(5000),
  /** A shared secret (HMAC-SHA256), or … */
  secret: z.string().min(16, 'Khóa bí mật tối thiểu 16 ký tự').max(500).optional(),
  /** … the peer's public key or X.509 certificate (PEM), never both. */
  publicKey: z.string().trim().min(1).max(20_000, 'Khóa công khai quá dài').optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
export type PeerInput = z.infer<typeof peerInput>;

export const peerView = z.object({
  id: z.uuid(),
  name: z.string(),
  baseUrl: z.string(),
  agencyCodes: z.array(z.string()),
  status: z.string(),
  /** secret: HMAC under a shared secret; key: the peer's public key (its fingerprint beside it). */
  auth: z.enum(['secret', 'key']),
  keyFingerprint: z.string().nullable(),
  createdAt: z.string(),
});
export type PeerView = z.infer<typeof peerView>;

/** Packages per state, both ways. */
export const queueCounts = z.record(z.string(), z.number());
export const peerWithCountsView = peerView.extend({ outbox: queueCounts, inbox: queueCounts });
export type PeerWithCountsView = z.infer<typeof peerWithCountsView>;

export const peerListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.uuid().optional(),
});

/** This installation's public key, for the peers that verify what it sends by key. */
export const exchangeIdentityView = z.object({
  publicKey: z.string(),
  fingerprint: z.string(),
  algorithm: z.string(),
});
export type ExchangeIdentityView = z.infer<typeof exchangeIdentityView>;

/** A package queued to a peer. */
export const exchangeOutboxView = z.object({
  id: z.uuid(),
  peerId: z.uuid(),
  kind: z.string(),
  business: z.string(),
  documentId: z.uuid().nullable(),
  docKey: z.string(),
  toCode: z.string(),
  subject: z.string(),
  packageSize: z.number().nullable(),
  state: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export type ExchangeOutboxView = z.infer<typeof exchangeOutboxView>;

/** A package received from a peer or uploaded by a clerk, accepted or refused with its reason. */
export const exchangeInboxView = z.object({
  id: z.uuid(),
  peerId: z.uuid().nullable(),
  via: z.string(),
  kind: z.string(),
  business: z.string(),
  senderCode: z.string().nullable(),
  toCode: z.string().nullable(),
  docKey: z.string().nullable(),
  subject: z.string(),
  state: z.string(),
  reason: z.string().nullable(),
  documentId: z.uuid().nullable(),
  createdAt: z.string(),
});
export type ExchangeInboxView = z.infer<typeof exchangeInboxView>;

export const queueQuery = z.object({
  peerId: z.uuid().optional(),
  via: z.enum(['peer', 'upload']).optional(),
  state: z.string().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type QueueQuery = z.infer<typeof queueQuery>;

/** What taking one package in did. */
export const receiveResult = z.object({
  result: z.enum(['accepted', 'duplicate']),
  kind: z.enum(['edoc', 'status']),
  business: z.string(),
  documentIds: z.array(z.uuid()),
});
export type ReceiveResult = z.infer<typeof receiveResult>;

/** One part of a batch: its result, or the problem it was refused with. */
export const batchItemView = z.object({
  status: z.number(),
  result: z.enum(['accepted', 'duplicate']).optional(),
  kind: z.enum(['edoc', 'status']).optional(),
  business: z.string().optional(),
  documentIds: z.array(z.uuid()).optional(),
  code: z.string().optional(),
  detail: z.string().optional(),
  reason: z.string().optional(),
});
export type BatchItemView = z.infer<typeof batchItemView>;

export const exchangeImportInput = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Mã SHA-256 không hợp lệ'),
});

/** How a recipient will be reached on release: an agency here, a peer, on paper, or not known yet. */
export const recipientRouteView = z.object({
  name: z.string(),
  agencyCode: z.string().nullable(),
  route: z.enum(['internal', 'peer', 'unknown', 'paper']),
  via: z.string().nullable(),
});
export type RecipientRouteView = z.infer<typeof recipientRouteView>;

/** An agency code a peer serves, to pick a recipient. */
export const servedCodeView = z.object({ agencyCode: z.string(), peerId: z.uuid(), peerName: z.string() });
export const servedCodesQuery = z.object({ q: z.string().max(100).optional() });

export const requeuedView = z.object({ requeued: z.number() });

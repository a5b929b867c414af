import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/ctx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { pageOf } from '../../platform/http/pagination.ts';
import { ownKey } from './keys.ts';
import { createPeer, servedCodes, updatePeer, verifySignedRequest } from './peers.ts';
import type { InboxItem, OutboxItem } from './queues.ts';
import { importUpload, MAX_BATCH, type Outcome, receive, receiveBatch } from './receive/index.ts';
import {
  exportPackage,
  inboxPage,
  outboxPage,
  peersWithCounts,
  recipientRoutes,
  retryPackage,
  retryPeer,
} from './service.ts';

const tags = ['exchange'];
const manage = { permission: 'exchange.manage' as const };
const docs = { permission: 'documents' as const };
const idParams = z.object({ id: z.uuid('Mã không hợp lệ') });
const agencyCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'Mã định danh cơ quan không hợp lệ');
const peerInput = z.object({
  name: z.string().trim().min(2, 'Nhập tên hệ thống').max(300),
  baseUrl: z
    .url('Địa chỉ không hợp lệ')
    .refine((u) => /^https?:\/\//.test(u), 'Địa chỉ phải bắt đầu bằng http:// hoặc https://'),
  agencyCodes: z.array(agencyCode).min(1, 'Nhập ít nhất một mã định danh').max(5000),
  secret: z.string().min(16, 'Khóa bí mật tối thiểu 16 ký tự').max(500).optional(),
  /** The peer's public key or X.509 certificate (PEM), instead of a shared secret. */
  publicKey: z.string().trim().min(1).max(20_000, 'Khóa công khai quá dài').optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
const peerView = z.object({
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
const queueCounts = z.record(z.string(), z.number());
const outboxView = z.object({
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
const inboxView = z.object({
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
const receiveResult = z.object({
  result: z.enum(['accepted', 'duplicate']),
  kind: z.enum(['edoc', 'status']),
  business: z.string(),
  documentIds: z.array(z.uuid()),
});
const queueQuery = z.object({
  peerId: z.uuid().optional(),
  via: z.enum(['peer', 'upload']).optional(),
  state: z.string().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

const batchItem = z.object({
  status: z.number(),
  result: z.enum(['accepted', 'duplicate']).optional(),
  kind: z.enum(['edoc', 'status']).optional(),
  business: z.string().optional(),
  documentIds: z.array(z.uuid()).optional(),
  code: z.string().optional(),
  detail: z.string().optional(),
  reason: z.string().optional(),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The allow-lists of what the API shows of a queued package, a received one and a batch part's outcome. */
function presentOutbox(r: OutboxItem): z.infer<typeof outboxView> {
  return {
    id: r.id,
    peerId: r.peerId,
    kind: r.kind,
    business: r.business,
    documentId: r.documentId,
    docKey: r.docKey,
    toCode: r.toCode,
    subject: r.subject,
    packageSize: r.packageSize,
    state: r.state,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    deliveredAt: iso(r.deliveredAt),
  };
}

function presentInbox(r: InboxItem): z.infer<typeof inboxView> {
  return {
    id: r.id,
    peerId: r.peerId,
    via: r.via,
    kind: r.kind,
    business: r.business,
    senderCode: r.senderCode,
    toCode: r.toCode,
    docKey: r.docKey,
    subject: r.subject,
    state: r.state,
    reason: r.reason,
    documentId: r.documentId,
    createdAt: r.createdAt.toISOString(),
  };
}

function presentBatchItem(r: Outcome): z.infer<typeof batchItem> {
  return r instanceof AppError
    ? { status: r.status, code: r.code, detail: r.detail, reason: String(r.extra?.reason ?? '') }
    : { status: 200, ...r };
}

export const exchangeRoutes: FastifyPluginAsyncZod = async (app) => {
  const maxBytes = app.services.config.EXCHANGE_MAX_BYTES;
  // Packages arrive as raw XML; the size is refused by Fastify before the body is read in full.
  app.addContentTypeParser(
    ['application/xml', 'text/xml', 'application/edxml+xml'],
    { parseAs: 'buffer', bodyLimit: maxBytes },
    (_req, body, done) => done(null, body),
  );

  // ---- this installation's identity: the public key peers register to verify what it sends ----
  app.get(
    '/api/v1/exchange/identity',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Khóa công khai của hệ thống này (để hệ thống liên thông khác đăng ký xác thực bằng khóa)',
        response: {
          200: z.object({ publicKey: z.string(), fingerprint: z.string(), algorithm: z.string() }),
        },
      },
    },
    async () => {
      const k = ownKey(app.services.config);
      return { publicKey: k.publicKeyPem, fingerprint: k.fingerprint, algorithm: k.algorithm };
    },
  );

  // ---- peers (system administrator) ----
  app.get(
    '/api/v1/exchange/peers',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Các hệ thống liên thông (cài đặt khác) và số gói tin theo trạng thái',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.uuid().optional(),
        }),
        response: {
          200: z.object({
            items: z.array(peerView.extend({ outbox: queueCounts, inbox: queueCounts })),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => peersWithCounts(ctxOf(req), req.query),
  );

  app.post(
    '/api/v1/exchange/peers',
    {
      config: manage,
      schema: { tags, summary: 'Đăng ký hệ thống liên thông', body: peerInput, response: { 201: peerView } },
    },
    async (req, reply) => reply.status(201).send(await createPeer(ctxOf(req), req.body)),
  );

  app.patch(
    '/api/v1/exchange/peers/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Sửa hoặc tạm ngừng hệ thống liên thông',
        params: idParams,
        body: peerInput,
        response: { 200: peerView },
      },
    },
    async (req) => updatePeer(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/exchange/peers/:id/retry',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Gửi lại ngay mọi gói tin chưa gửi được tới hệ thống này (kể cả gói bị từ chối)',
        params: idParams,
        response: { 200: z.object({ requeued: z.number() }) },
      },
    },
    async (req) => retryPeer(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/v1/exchange/outbox/:id/retry',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Gửi lại một gói tin',
        params: idParams,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      await retryPackage(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/exchange/outbox',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Hàng đợi gửi đi (theo hệ thống, trạng thái)',
        querystring: queueQuery,
        response: { 200: pageOf(outboxView) },
      },
    },
    async (req) => {
      const page = await outboxPage(ctxOf(req), req.query);
      return { items: page.items.map(presentOutbox), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/exchange/inbox',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Gói tin đã nhận (chấp nhận, từ chối kèm lý do)',
        querystring: queueQuery,
        response: { 200: pageOf(inboxView) },
      },
    },
    async (req) => {
      const page = await inboxPage(ctxOf(req), req.query);
      return { items: page.items.map(presentInbox), nextCursor: page.nextCursor };
    },
  );

  // ---- peer endpoints: signed packages and statuses ----
  const signedBy = (req: FastifyRequest) => verifySignedRequest(app.services.db, req.headers, req.body);

  app.post(
    '/api/v1/exchange/inbox',
    {
      config: { permission: 'peer.signed' },
      bodyLimit: maxBytes,
      schema: {
        tags,
        summary: 'Nhận gói tin edXML (văn bản hoặc trạng thái) từ hệ thống liên thông; ký HMAC-SHA256',
        security: [],
        response: { 200: receiveResult },
      },
    },
    async (req) => receive(app.services, { bytes: req.body as Buffer, peer: await signedBy(req) }),
  );

  // Many packages in one signed request (between Liên Thông installations): a multipart/form-data
  // body, one standard edXML package per part, handled in order, one result per part. The body is
  // read raw here (not by the upload plugin) because the signature covers its bytes.
  await app.register(async (batch) => {
    batch.removeContentTypeParser('multipart/form-data');
    batch.addContentTypeParser(
      'multipart/form-data',
      { parseAs: 'buffer', bodyLimit: maxBytes },
      (_req, body, done) => done(null, body),
    );
    batch.post(
      '/api/v1/exchange/inbox/batch',
      {
        config: { permission: 'peer.signed' },
        bodyLimit: maxBytes,
        schema: {
          tags,
          summary: `Nhận nhiều gói tin edXML trong một yêu cầu (multipart/form-data, tối đa ${MAX_BATCH} phần, xử lý theo thứ tự); ký HMAC-SHA256`,
          security: [],
          response: { 200: z.object({ items: z.array(batchItem) }) },
        },
      },
      async (req) => {
        const peer = await signedBy(req);
        const results = await receiveBatch(
          app.services,
          { peer },
          req.body as Buffer,
          String(req.headers['content-type']),
        );
        return { items: results.map(presentBatchItem) };
      },
    );
  });

  // ---- clerks: import an uploaded package, export a released document, routes before release ----
  app.post(
    '/api/v1/exchange/import',
    {
      config: { permission: 'exchange.import' },
      schema: {
        tags,
        summary: 'Nhập gói tin edXML đã tải lên vào hàng chờ tiếp nhận của cơ quan',
        body: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Mã SHA-256 không hợp lệ') }),
        response: { 200: receiveResult },
      },
    },
    async (req) => importUpload(ctxOf(req), req.body.sha256),
  );

  app.get(
    '/api/v1/exchange/documents/:id/edxml',
    {
      config: docs,
      schema: { tags, summary: 'Tải gói tin edXML của văn bản đi đã phát hành', params: idParams },
    },
    async (req, reply) => {
      const p = await exportPackage(ctxOf(req), req.params.id);
      return reply
        .header('content-type', 'application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(p.fileName)}`)
        .send(p.xml);
    },
  );

  app.get(
    '/api/v1/exchange/documents/:id/routes',
    {
      config: docs,
      schema: {
        tags,
        summary:
          'Nơi nhận sẽ được gửi thế nào khi phát hành (nội bộ, qua hệ thống liên thông, chưa xác định)',
        params: idParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                name: z.string(),
                agencyCode: z.string().nullable(),
                route: z.enum(['internal', 'peer', 'unknown', 'paper']),
                via: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await recipientRoutes(ctxOf(req), req.params.id) }),
  );

  app.get(
    '/api/v1/exchange/codes',
    {
      config: docs,
      schema: {
        tags,
        summary: 'Mã định danh do các hệ thống liên thông phục vụ (để chọn nơi nhận)',
        querystring: z.object({ q: z.string().max(100).optional() }),
        response: {
          200: z.object({
            items: z.array(z.object({ agencyCode: z.string(), peerId: z.uuid(), peerName: z.string() })),
          }),
        },
      },
    },
    async (req) => ({ items: (await servedCodes(ctxOf(req).db, req.query.q)).slice(0, 200) }),
  );
};

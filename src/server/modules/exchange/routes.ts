import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { itemsOf, okView } from '../../../shared/schemas/common.ts';
import {
  type BatchItemView,
  batchItemView,
  type ExchangeInboxView,
  type ExchangeOutboxView,
  exchangeIdentityView,
  exchangeImportInput,
  exchangeInboxView,
  exchangeOutboxView,
  peerInput,
  peerListQuery,
  peerView,
  peerWithCountsView,
  queueQuery,
  receiveResult,
  recipientRouteView,
  requeuedView,
  servedCodesQuery,
  servedCodeView,
} from '../../../shared/schemas/exchange.ts';
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
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The allow-lists of what the API shows of a queued package, a received one and a batch part's outcome. */
function presentOutbox(r: OutboxItem): ExchangeOutboxView {
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

function presentInbox(r: InboxItem): ExchangeInboxView {
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

function presentBatchItem(r: Outcome): BatchItemView {
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
        response: { 200: exchangeIdentityView },
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
        querystring: peerListQuery,
        response: { 200: pageOf(peerWithCountsView) },
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
        response: { 200: requeuedView },
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
        response: { 200: okView },
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
        response: { 200: pageOf(exchangeOutboxView) },
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
        response: { 200: pageOf(exchangeInboxView) },
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
          response: { 200: itemsOf(batchItemView) },
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
        body: exchangeImportInput,
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
        response: { 200: itemsOf(recipientRouteView) },
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
        querystring: servedCodesQuery,
        response: { 200: itemsOf(servedCodeView) },
      },
    },
    async (req) => ({ items: (await servedCodes(ctxOf(req).db, req.query.q)).slice(0, 200) }),
  );
};

import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rows } from '../../db/client.ts';
import { audit } from '../../platform/audit/index.ts';
import { inTx } from '../../platform/context.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf, paginate } from '../../platform/http/pagination.ts';
import { loadVisible, routeAgencyCode } from '../documents/index.ts';
import { buildEdoc } from './edxml/index.ts';
import { ownKey, verifyFromPeer } from './keys.ts';
import { edocFromDocument } from './mapping.ts';
import { outboxColumns, requestFlush } from './outbox.ts';
import { createPeer, getPeer, listPeers, peerFor, servedCodes, updatePeer } from './peers.ts';
import { receive, receiveMany } from './receive.ts';
import { exchangeInbox, exchangeOutbox } from './schema.ts';
import { HEADER_FROM, HEADER_SIGNATURE, HEADER_TIMESTAMP } from './signature.ts';

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

/** Packages in one batch request at most (the sender sends 100). */
const MAX_BATCH = 500;
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
    async (req) => {
      const ctx = ctxOf(req);
      const page = await listPeers(ctx, req.query);
      const ids = page.items.map((p) => p.id);
      const out = ids.length
        ? await rows<{ peer_id: string; state: string; n: number }>(
            ctx.db,
            sql`SELECT peer_id, state, count(*)::int AS n FROM exchange_outbox WHERE peer_id IN ${ids} GROUP BY 1, 2`,
          )
        : [];
      const inb = ids.length
        ? await rows<{ peer_id: string; state: string; n: number }>(
            ctx.db,
            sql`SELECT peer_id, state, count(*)::int AS n FROM exchange_inbox WHERE peer_id IN ${ids} GROUP BY 1, 2`,
          )
        : [];
      const counts = (list: typeof out, id: string) =>
        Object.fromEntries(list.filter((r) => r.peer_id === id).map((r) => [r.state, Number(r.n)]));
      return {
        items: page.items.map((p) => ({ ...p, outbox: counts(out, p.id), inbox: counts(inb, p.id) })),
        nextCursor: page.nextCursor,
      };
    },
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
    async (req) => {
      const ctx = ctxOf(req);
      return inTx(ctx, async (c) => {
        await getPeer(c.db, req.params.id);
        const r = await c.db
          .update(exchangeOutbox)
          .set({ state: 'pending' })
          .where(
            and(
              eq(exchangeOutbox.peerId, req.params.id),
              inArray(exchangeOutbox.state, ['failed', 'refused', 'pending']),
            ),
          )
          .returning({ id: exchangeOutbox.id });
        await requestFlush(c.db, req.params.id, 'admin');
        await audit(c.db, c.actor, {
          action: 'exchange.retry',
          entityType: 'exchange_peer',
          entityId: req.params.id,
          agencyId: null,
          detail: { requeued: r.length },
        });
        return { requeued: r.length };
      });
    },
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
      const ctx = ctxOf(req);
      return inTx(ctx, async (c) => {
        const [row] = await c.db
          .update(exchangeOutbox)
          .set({ state: 'pending' })
          .where(and(eq(exchangeOutbox.id, req.params.id), sql`${exchangeOutbox.state} <> 'delivered'`))
          .returning();
        if (!row) throw new AppError('conflict', 'Gói tin không tồn tại hoặc đã được gửi.');
        await requestFlush(c.db, row.peerId, 'admin');
        await audit(c.db, c.actor, {
          action: 'exchange.retry_one',
          entityType: 'exchange_outbox',
          entityId: row.id,
          agencyId: null,
        });
        return { ok: true as const };
      });
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
      const ctx = ctxOf(req);
      const q = req.query;
      const after = decodeCursor(q.cursor, 1);
      const list = await ctx.db
        .select(outboxColumns)
        .from(exchangeOutbox)
        .where(
          and(
            q.peerId ? eq(exchangeOutbox.peerId, q.peerId) : undefined,
            q.state ? eq(exchangeOutbox.state, q.state) : undefined,
            after ? lt(exchangeOutbox.id, String(after[0])) : undefined,
          ),
        )
        .orderBy(desc(exchangeOutbox.id))
        .limit(q.limit + 1);
      const { items, nextCursor } = paginate(list, q.limit, (r) => [r.id]);
      return {
        items: items.map((r) => ({
          ...r,
          createdAt: r.createdAt.toISOString(),
          deliveredAt: iso(r.deliveredAt),
        })),
        nextCursor,
      };
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
      const ctx = ctxOf(req);
      const q = req.query;
      const after = decodeCursor(q.cursor, 1);
      const list = await ctx.db
        .select()
        .from(exchangeInbox)
        .where(
          and(
            q.peerId ? eq(exchangeInbox.peerId, q.peerId) : undefined,
            q.via ? eq(exchangeInbox.via, q.via) : undefined,
            q.state ? eq(exchangeInbox.state, q.state) : undefined,
            after ? lt(exchangeInbox.id, String(after[0])) : undefined,
          ),
        )
        .orderBy(desc(exchangeInbox.id))
        .limit(q.limit + 1);
      const { items, nextCursor } = paginate(list, q.limit, (r) => [r.id]);
      return {
        items: items.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
        nextCursor,
      };
    },
  );

  // ---- peer endpoints: signed packages and statuses ----
  /** The registered peer that signed this request, or 401 (the same answer for every failure). */
  const signedBy = async (req: FastifyRequest) => {
    const from = req.headers[HEADER_FROM];
    const signature = req.headers[HEADER_SIGNATURE];
    const timestamp = req.headers[HEADER_TIMESTAMP];
    if (typeof from !== 'string' || typeof signature !== 'string' || typeof timestamp !== 'string')
      throw new AppError('unauthenticated', 'Gói tin thiếu chữ ký của hệ thống gửi.');
    const peer = await peerFor(app.services.db, from);
    // The same answer as a wrong signature: an anonymous caller learns nothing about registered codes.
    if (!peer)
      throw new AppError('unauthenticated', 'Chữ ký gói tin không đúng.', {
        extra: { reason: 'bad_signature' },
      });
    if (!Buffer.isBuffer(req.body))
      throw new AppError('unsupported_media_type', 'Gói tin phải gửi dạng application/xml.');
    const v = verifyFromPeer(peer, timestamp, signature, req.body, Date.now());
    if (v === 'bad_signature')
      throw new AppError('unauthenticated', 'Chữ ký gói tin không đúng.', {
        extra: { reason: 'bad_signature' },
      });
    if (v === 'expired')
      throw new AppError('unauthenticated', 'Chữ ký gói tin đã quá hạn (gửi lại từ trước?); bị từ chối.', {
        extra: { reason: 'replayed' },
      });
    return peer;
  };

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
        let parts: Buffer[];
        try {
          const form = await new Response(new Uint8Array(req.body as Buffer), {
            headers: { 'content-type': String(req.headers['content-type']) },
          }).formData();
          parts = [];
          for (const v of form.values())
            parts.push(typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(await v.arrayBuffer()));
        } catch {
          throw new AppError('bad_request', 'Lô gói tin không đọc được (multipart/form-data hỏng).');
        }
        if (parts.length === 0 || parts.length > MAX_BATCH)
          throw new AppError('bad_request', `Một lô phải có từ 1 đến ${MAX_BATCH} gói tin.`);
        const results = await receiveMany(app.services, { peer }, parts);
        return {
          items: results.map((r) =>
            r instanceof AppError
              ? { status: r.status, code: r.code, detail: r.detail, reason: String(r.extra?.reason ?? '') }
              : { status: 200, ...r },
          ),
        };
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
    async (req) => {
      const ctx = ctxOf(req);
      if (ctx.actor.role !== 'clerk')
        throw new AppError('forbidden', 'Chỉ văn thư được nhập gói tin liên thông.');
      const bytes = await ctx.blobs.read(req.body.sha256);
      return receive(ctx, { bytes, peer: null, actor: ctx.actor });
    },
  );

  app.get(
    '/api/v1/exchange/documents/:id/edxml',
    {
      config: docs,
      schema: { tags, summary: 'Tải gói tin edXML của văn bản đi đã phát hành', params: idParams },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const doc = await loadVisible(ctx, req.params.id);
      const edoc = await edocFromDocument(ctx.db, ctx.blobs, doc, {
        business: doc.status === 'recalled' ? 'recall' : 'new',
        staff: ctx.actor.fullName,
        now: ctx.now(),
      });
      await audit(ctx.db, ctx.actor, {
        action: 'exchange.export',
        entityType: 'document',
        entityId: doc.id,
        agencyId: doc.agencyId,
      });
      const name = `${(doc.numberNotation ?? doc.id).replace(/[^\p{L}\p{N}.-]+/gu, '_')}.edxml`;
      return reply
        .header('content-type', 'application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(buildEdoc(edoc));
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
    async (req) => {
      const ctx = ctxOf(req);
      const doc = await loadVisible(ctx, req.params.id);
      const items = [];
      for (const r of doc.recipients as { kind: string; name: string; agencyCode?: string }[]) {
        if (r.kind === 'agency')
          items.push({ name: r.name, agencyCode: null, route: 'internal' as const, via: null });
        else if (!r.agencyCode)
          items.push({ name: r.name, agencyCode: null, route: 'paper' as const, via: null });
        else {
          const route = await routeAgencyCode(ctx.db, r.agencyCode);
          items.push({
            name: r.name,
            agencyCode: r.agencyCode,
            route: route.kind === 'local' ? ('internal' as const) : route.kind,
            via: route.kind === 'peer' ? route.peerName : route.kind === 'local' ? route.name : null,
          });
        }
      }
      return { items };
    },
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

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createdView } from '../../../shared/schemas/common.ts';
import {
  announcementFileParams,
  announcementInput,
  announcementListQuery,
  announcementPage,
  announcementParams,
  announcementUpdate,
  announcementView,
  receiptsQuery,
  receiptsView,
  withdrawInput,
} from '../../../shared/schemas/portal-announcements.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import { publicNotFound, publicRoute, sendPublicHtml } from '../../platform/public-html/layout.ts';
import {
  announcementFile,
  createAnnouncement,
  listAnnouncements,
  openAnnouncement,
  receipts,
  updateAnnouncement,
  withdrawAnnouncement,
} from './announcements.ts';
import {
  cachedPublicPage,
  findPublicAnnouncement,
  PUBLIC_MAX_AGE_S,
  renderPublicDetail,
  renderPublicList,
} from './announcements-public.ts';

const tags = ['portal'];
const P = '/api/v1/announcements';
const read = { permission: 'authenticated' as const };
const publish = { permission: 'announcements.publish' as const };
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GONE = 'Thông báo này không tồn tại, đã được thu hồi, đã hết hạn hoặc không được công khai.';

function attachment(fileName: string): string {
  return `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The announcements routes of the portal: the API, and the public pages under /cong-khai/thong-bao. */
export const announcementsRoutes: FastifyPluginAsyncZod = async (app) => {
  const pub = publicRoute(app.services.config.PUBLIC_RATE_PER_MINUTE);
  app.get(
    P,
    {
      config: read,
      schema: {
        tags,
        summary:
          'Thông báo gửi đến tôi (tất cả, chưa đọc, đã hết hạn) hoặc đơn vị tôi đã gửi (filter=sent); ghim trước, mới trước',
        querystring: announcementListQuery,
        response: { 200: announcementPage },
      },
    },
    async (req) => listAnnouncements(ctxOf(req), req.query),
  );
  app.post(
    P,
    {
      config: publish,
      schema: {
        tags,
        summary: 'Gửi thông báo (toàn tỉnh, đơn vị được chọn, hoặc theo vai trò) nhân danh đơn vị của tôi',
        body: announcementInput,
        response: { 201: createdView },
      },
    },
    async (req, reply) => reply.code(201).send(await createAnnouncement(ctxOf(req), req.body)),
  );
  app.get(
    `${P}/:id`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Mở một thông báo (ghi nhận đã đọc)',
        params: announcementParams,
        response: { 200: announcementView },
      },
    },
    async (req) => openAnnouncement(ctxOf(req), req.params.id),
  );
  app.patch(
    `${P}/:id`,
    {
      config: publish,
      schema: {
        tags,
        summary: 'Sửa tiêu đề, nội dung, hạn, ghim của thông báo đơn vị đã gửi',
        params: announcementParams,
        body: announcementUpdate,
        response: { 200: announcementView },
      },
    },
    async (req) => updateAnnouncement(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    `${P}/:id/withdraw`,
    {
      config: publish,
      schema: {
        tags,
        summary: 'Thu hồi thông báo đơn vị đã gửi',
        params: announcementParams,
        body: withdrawInput,
        response: { 200: announcementView },
      },
    },
    async (req) => withdrawAnnouncement(ctxOf(req), req.params.id, req.body.reason),
  );
  app.get(
    `${P}/:id/receipts`,
    {
      config: publish,
      schema: {
        tags,
        summary: 'Tình hình đọc: đã đọc / số người nhận, và danh sách người chưa đọc',
        params: announcementParams,
        querystring: receiptsQuery,
        response: { 200: receiptsView },
      },
    },
    async (req) => receipts(ctxOf(req), req.params.id, req.query),
  );
  app.get(
    `${P}/:id/files/:sha256`,
    {
      config: read,
      schema: { tags, summary: 'Tải tệp đính kèm của thông báo', params: announcementFileParams },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const f = await announcementFile(ctx, req.params.id, req.params.sha256);
      reply
        .header('content-type', f.mediaType)
        .header('content-disposition', attachment(f.fileName))
        .header('cache-control', 'private, no-cache')
        .header('x-content-sha256', f.sha256);
      return reply.send(await ctx.blobs.get(f.sha256));
    },
  );

  // --- Public pages (no sign-in, no JavaScript) ---
  const origin = () => app.services.config.PUBLIC_URL?.replace(/\/+$/, '') ?? '';
  app.get(
    '/cong-khai/thong-bao',
    {
      config: pub,
      schema: { hide: true, querystring: z.object({ trang: z.string().max(10).optional() }) },
    },
    async (req, reply) => {
      const raw = req.query.trang;
      const page = raw === undefined ? 1 : /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 0;
      if (!page) return publicNotFound(req, reply, 'Số trang không hợp lệ.');
      const body = await cachedPublicPage(`list:${page}`, () =>
        renderPublicList(app.services.db, page, app.services.now(), origin()),
      );
      if (body === null) return publicNotFound(req, reply, 'Trang thông báo này không tồn tại.');
      return sendPublicHtml(req, reply, body, PUBLIC_MAX_AGE_S);
    },
  );
  app.get(
    '/cong-khai/thong-bao/:id',
    { config: pub, schema: { hide: true, params: z.object({ id: z.string().max(64) }) } },
    async (req, reply) => {
      const { id } = req.params;
      if (!UUID_RE.test(id)) return publicNotFound(req, reply, GONE);
      const body = await cachedPublicPage(`one:${id.toLowerCase()}`, () =>
        renderPublicDetail(app.services.db, id, app.services.now(), origin()),
      );
      if (body === null) return publicNotFound(req, reply, GONE);
      return sendPublicHtml(req, reply, body, PUBLIC_MAX_AGE_S);
    },
  );
  app.get(
    '/cong-khai/thong-bao/:id/tep/:sha256',
    {
      config: pub,
      schema: { hide: true, params: z.object({ id: z.string().max(64), sha256: z.string().max(64) }) },
    },
    async (req, reply) => {
      const { id, sha256 } = req.params;
      const a = UUID_RE.test(id)
        ? await findPublicAnnouncement(app.services.db, id, app.services.now())
        : undefined;
      const f = a?.files.find((x) => x.sha256 === sha256.toLowerCase());
      if (!f) return publicNotFound(req, reply, 'Tệp này không tồn tại hoặc không được công khai.');
      reply
        .header('content-type', f.mediaType)
        .header('content-disposition', attachment(f.fileName))
        .header('cache-control', `public, max-age=${PUBLIC_MAX_AGE_S}`)
        .header('etag', `"${f.sha256}"`);
      if (req.headers['if-none-match'] === `"${f.sha256}"`) return reply.status(304).send();
      return reply.send(await app.services.blobs.get(f.sha256));
    },
  );
};

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { itemsOf, okView } from '../../../shared/schemas/common.ts';
import {
  createdFeedView,
  feedInput,
  feedOptionsView,
  feedView,
} from '../../../shared/schemas/portal-feeds.ts';
import { tokenHash } from '../../platform/auth/tokens.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import { publicNotFound, publicRoute } from '../../platform/public-html/layout.ts';
import {
  createFeed,
  type FeedSpec,
  feedCalendar,
  feedKey,
  feedOptions,
  feedPath,
  feedWindow,
  listFeeds,
  type ResolvedFeed,
  resolveFeedHash,
  revokeFeed,
  TOKEN_SHAPE,
  touchFeed,
} from './feeds.ts';
import { BuildCache, type Prepared, prepare, registerCaches } from './feeds-cache.ts';
import { buildCalendar } from './feeds-ical.ts';
import {
  latestPublishedBefore,
  PUBLIC_PATH,
  type PublicSchedule,
  pickSchedule,
  publicSchedules,
  publicWeek,
  renderWeekPage,
} from './public-schedule.ts';
import { isoWeekAt, parseWeekSlug, weekSlug, weekTitle } from './public-schedule-weeks.ts';

/**
 * Calendar subscriptions and the public schedule:
 *  - /api/v1/portal/feeds…: the signed-in person's subscriptions (create: the token shown once; list; revoke);
 *  - /lich/<token>.ics: a subscription's iCalendar feed (a wrong or revoked token: 404 problem+json);
 *  - /cong-khai/lich-cong-tac[/2026-W49][?lich=…]: the public schedule page, server-rendered;
 *  - /cong-khai/lich-cong-tac.ics[?lich=…]: the public schedule's feed, without a token.
 * Pages, feeds and tokens are served from this app's in-process caches (feeds-cache.ts).
 */

const ICS_TYPE = 'text/calendar; charset=utf-8';
const PAGE_TTL_MS = 30_000;
const FEED_TTL_MS = 60_000;

const FEED_GONE =
  'Đường dẫn đăng ký lịch không đúng hoặc đã bị thu hồi. Hãy tạo đường dẫn mới trong mục "Đăng ký lịch" của hệ thống Liên Thông.';

function sendPrepared(req: FastifyRequest, reply: FastifyReply, p: Prepared, cacheControl: string) {
  reply.header('cache-control', cacheControl).header('etag', p.etag).header('vary', 'accept-encoding');
  if (req.headers['if-none-match'] === p.etag) return reply.status(304).send();
  reply.status(p.status).type(p.type);
  if (p.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    return reply.header('content-encoding', 'gzip').send(p.gzip);
  }
  return reply.send(p.body);
}

/** The 404 of a feed address: problem+json that never repeats the token. */
function feedNotFound(reply: FastifyReply) {
  return reply.status(404).header('cache-control', 'no-store').type('application/problem+json').send({
    type: 'https://lienthong.gov.vn/problems/not_found',
    title: 'Không tìm thấy',
    status: 404,
    code: 'not_found',
    detail: FEED_GONE,
    instance: '/lich/…',
  });
}

export const feedsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['portal-feeds'];
  const signedIn = { permission: 'authenticated' as const, sessionsUnchanged: true };
  const open = publicRoute(app.services.config.PUBLIC_RATE_PER_MINUTE);
  const P = '/api/v1/portal/feeds';

  // ---- This app's caches ----
  const tokens = new BuildCache<{ feed: ResolvedFeed | null }>({ ttlMs: FEED_TTL_MS, max: 10_000 });
  const feeds = new BuildCache<Prepared>({
    ttlMs: FEED_TTL_MS,
    max: 2_000,
    maxBytes: 256 * 1024 * 1024,
    size: (p) => p.body.length + (p.gzip?.length ?? 0),
  });
  /** A page ready to send (ETag and gzip made once), or the message of its 404. */
  const pages = new BuildCache<Prepared | { status: 404; message: string }>({
    ttlMs: PAGE_TTL_MS,
    max: 2_000,
    maxBytes: 64 * 1024 * 1024,
    size: (p) => ('body' in p ? p.body.length + (p.gzip?.length ?? 0) : p.message.length),
  });
  const scheduleList = new BuildCache<{ list: PublicSchedule[] }>({ ttlMs: PAGE_TTL_MS, max: 1 });
  const unregister = registerCaches({
    forgetContent() {
      feeds.clear();
      pages.clear();
      scheduleList.clear();
    },
    forgetToken(hash) {
      if (hash === undefined) tokens.clear();
      else tokens.delete(hash);
    },
  });
  app.addHook('onClose', async () => unregister());

  const db = () => app.services.db;
  const now = () => app.services.now();
  const schedulesNow = async () =>
    (await scheduleList.get('all', async () => ({ list: await publicSchedules(db()) }))).list;

  /** The feed of a spec, built once per minute whoever asks. */
  function preparedFeed(spec: FeedSpec): Promise<Prepared | null> {
    const window = feedWindow(now());
    return feeds
      .get(`${feedKey(spec)}|${window.from}`, async () => {
        const cal = await feedCalendar(db(), spec, window);
        return cal
          ? prepare(200, ICS_TYPE, buildCalendar(cal))
          : prepare(404, 'text/plain; charset=utf-8', 'not found');
      })
      .then((p) => (p.status === 200 ? p : null));
  }

  // ---- Subscriptions of the signed-in person ----

  app.get(
    `${P}/options`,
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          'Các lịch có thể đăng ký: lịch của tôi, của đơn vị, của Thường trực UBND tỉnh, tất cả lịch công khai',
        response: { 200: feedOptionsView },
      },
    },
    async (req) => feedOptions(ctxOf(req)),
  );

  app.get(
    P,
    {
      config: signedIn,
      schema: { tags, summary: 'Các đường dẫn đăng ký lịch của tôi', response: { 200: itemsOf(feedView) } },
    },
    async (req) => ({ items: await listFeeds(ctxOf(req)) }),
  );

  app.post(
    P,
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Tạo đường dẫn đăng ký lịch (iCalendar); đường dẫn chỉ hiện một lần',
        body: feedInput,
        response: { 201: createdFeedView },
      },
    },
    async (req, reply) => {
      const { feed, token } = await createFeed(ctxOf(req), req.body);
      const path = feedPath(token);
      const base = app.services.config.PUBLIC_URL?.replace(/\/+$/, '');
      return reply
        .status(201)
        .header('cache-control', 'no-store')
        .send({ ...feed, path, url: base ? `${base}${path}` : null });
    },
  );

  app.delete(
    `${P}/:id`,
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Thu hồi một đường dẫn đăng ký lịch (ứng dụng lịch không cập nhật được nữa)',
        params: z.object({ id: z.uuid() }),
        response: { 200: okView },
      },
    },
    async (req) => {
      // Every process forgets the token when the revocation commits (revokeFeed, cache bus).
      await revokeFeed(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  // ---- A subscription's feed ----

  app.get(
    '/lich/:file',
    {
      config: open,
      schema: {
        tags,
        summary: 'Lịch iCalendar của một đường dẫn đăng ký (mã bí mật trong đường dẫn)',
        // Any file name: a wrong one is the same 404 as a revoked one, never a 400 that echoes it.
        params: z.object({ file: z.string() }),
      },
    },
    async (req, reply) => {
      const m = /^(.+)\.ics$/.exec(req.params.file);
      const token = m?.[1] ?? '';
      if (!TOKEN_SHAPE.test(token)) return feedNotFound(reply);
      const hash = tokenHash(token);
      const { feed } = await tokens.get(hash, async () => ({ feed: await resolveFeedHash(db(), hash) }));
      if (!feed) return feedNotFound(reply);
      const body = await preparedFeed({
        scope: feed.scope,
        targetId: feed.targetId,
        internal: feed.internal,
      });
      if (!body) return feedNotFound(reply);
      await touchFeed(db(), feed, now());
      reply
        .header('content-disposition', 'inline; filename="lich-cong-tac.ics"')
        .header('x-robots-tag', 'noindex');
      return sendPrepared(req, reply, body, 'private, max-age=300');
    },
  );

  // ---- The public schedule ----

  const lichQuery = z.object({ lich: z.string().max(200).optional() });

  const origin = (req: FastifyRequest) =>
    app.services.config.PUBLIC_URL?.replace(/\/+$/, '') ?? `${req.protocol}://${req.host}`;

  async function sendWeek(
    req: FastifyRequest,
    reply: FastifyReply,
    lich: string | undefined,
    slug: string | null,
  ) {
    const list = await schedulesNow();
    const schedule = pickSchedule(list, lich);
    if (!schedule)
      return publicNotFound(
        req,
        reply,
        lich
          ? `Không có lịch công tác công khai nào ứng với "${lich.slice(0, 100)}".`
          : 'Chưa có lịch công tác nào được công khai.',
      );
    const current = isoWeekAt(now());
    const week = slug ? parseWeekSlug(slug) : current;
    if (!week)
      return publicNotFound(
        req,
        reply,
        `"${slug?.slice(0, 20)}" không phải là một tuần (ví dụ đúng: 2026-W49).`,
      );
    const o = origin(req);
    const key = `${o}|${schedule.id}|${slug ? weekSlug(week) : `now:${weekSlug(week)}`}`;
    const page = await pages.get(key, async () => {
      const data = await publicWeek(db(), schedule.id, week);
      const latest = !data && !slug ? await latestPublishedBefore(db(), schedule.id, week) : null;
      if (!data && slug)
        return {
          status: 404 as const,
          message: `Lịch công tác ${weekTitle(week).replace(/^Tuần/, 'tuần')} chưa được công bố hoặc không có.`,
        };
      const page = renderWeekPage({
        origin: o,
        schedules: list,
        schedule,
        week,
        data,
        current,
        isCurrentPage: !slug,
        latest,
      });
      return prepare(page.status, 'text/html; charset=utf-8', page.html);
    });
    // A 404 is cached as its message only, and rendered in the public frame.
    if (!('body' in page)) return publicNotFound(req, reply, page.message);
    // sendPublicHtml's headers, with the ETag and the gzip copy made once per build rather than per
    // request (hashing 20 kB on every request halved the page's rate under 200 clients).
    reply.header('content-language', 'vi');
    return sendPrepared(req, reply, page, `public, max-age=${slug ? 60 : 30}`);
  }

  app.get(
    PUBLIC_PATH,
    {
      config: open,
      schema: {
        tags,
        summary: 'Lịch công tác tuần này (trang công khai)',
        querystring: lichQuery,
        hide: true,
      },
    },
    async (req, reply) => sendWeek(req, reply, req.query.lich, null),
  );

  app.get(
    `${PUBLIC_PATH}/:week`,
    {
      config: open,
      schema: {
        tags,
        summary: 'Lịch công tác một tuần (trang công khai), ví dụ /cong-khai/lich-cong-tac/2026-W49',
        params: z.object({ week: z.string().max(50) }),
        querystring: lichQuery,
        hide: true,
      },
    },
    async (req, reply) => sendWeek(req, reply, req.query.lich, req.params.week),
  );

  app.get(
    `${PUBLIC_PATH}.ics`,
    {
      config: open,
      schema: {
        tags,
        summary: 'Lịch công tác công khai dạng iCalendar (không cần đăng nhập)',
        querystring: lichQuery,
      },
    },
    async (req, reply) => {
      const schedule = pickSchedule(await schedulesNow(), req.query.lich);
      const body = schedule
        ? await preparedFeed({ scope: 'public', targetId: schedule.id, internal: false })
        : null;
      if (!body)
        return reply
          .status(404)
          .type('application/problem+json')
          .send({
            type: 'https://lienthong.gov.vn/problems/not_found',
            title: 'Không tìm thấy',
            status: 404,
            code: 'not_found',
            detail: req.query.lich
              ? `Không có lịch công tác công khai nào ứng với "${req.query.lich.slice(0, 100)}".`
              : 'Chưa có lịch công tác nào được công khai.',
            instance: req.url,
          });
      reply.header('content-disposition', 'inline; filename="lich-cong-tac.ics"');
      return sendPrepared(req, reply, body, 'public, max-age=300');
    },
  );
};

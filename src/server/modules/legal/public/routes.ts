import { sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { vnDate, vnYear } from '../../../../shared/calendar/vn-time.ts';
import { rows } from '../../../db/client.ts';
import { readerOf } from '../../../platform/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { publicNotFound, publicRoute, sendPublicHtml } from '../../../platform/public-html/layout.ts';
import {
  gazetteIssue,
  gazetteIssuesOf,
  gazetteYears,
  renderGazetteIssue,
  renderGazetteList,
} from './gazette.ts';
import { publicIssuers } from './issuers.ts';
import { buildPage, PageCache, sendBuilt } from './page-cache.ts';
import { renderDocumentPage, renderSearchPage } from './pages.ts';
import { DOCS_PATH, presentSummary, presentView } from './presenter.ts';
import { checkForm, formUrl, type PublicSearchForm, readForm } from './query.ts';
import {
  openDocumentParams,
  openGazettePage,
  openGazetteQuery,
  openSearchQuery,
  type PublicDocumentView,
  publicDocumentView,
  publicGazetteIssue,
  publicSearchPage,
} from './schemas.ts';
import { searchPublic, viewPublic } from './source.ts';

/*
 * The public legal pages (/cong-khai/van-ban, /cong-khai/cong-bao) and their open data
 * (/api/v1/open/legal/…), without signing in. Server-rendered HTML that works without JavaScript,
 * cacheable (Cache-Control, ETag), with the anonymous rate limit of every public page.
 */

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE_SIZE = 20;
const MAX_AGE_S = 60;
const NO_DOC = 'Văn bản này không có trong cơ sở dữ liệu văn bản công khai.';
const NO_ISSUE = 'Số Công báo này không tồn tại hoặc chưa được phát hành.';

function attachment(fileName: string): string {
  return `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  const pub = publicRoute(app.services.config.PUBLIC_RATE_PER_MINUTE);
  // Public pages and open data write nothing and tolerate a short lag: the read replica serves them.
  const reader = readerOf(app.services);
  const tags = ['open-data'];
  const origin = () => app.services.config.PUBLIC_URL?.replace(/\/+$/, '') ?? '';
  const today = () => vnDate(app.services.now());
  // A document's view (status as of today, history, relations, diagram) is built once per half
  // minute per document and process: a page read by many costs one build. Statuses change daily
  // (the recompute job) or on an edit, which a short TTL covers.
  // The key is "<id>|<as of>": a page built before midnight is not served after it.
  const views = new LRUCache<string, PublicDocumentView>({
    max: 2000,
    ttl: 30_000,
    fetchMethod: async (key) => {
      const [id = '', asOf = ''] = key.split('|');
      const v = await viewPublic(reader, id, asOf);
      return v ? presentView(v, asOf) : undefined;
    },
  });
  const view = (id: string) => views.fetch(`${id.toLowerCase()}|${today()}`);

  /** The search, as the page and the JSON share it (the issuer by code, as the address shows it). */
  const search = async (f: ReturnType<typeof checkForm>['filters'], limit: number) => {
    const { byCode } = await publicIssuers(reader);
    const issuerId = f.issuerCode ? byCode.get(f.issuerCode)?.id : undefined;
    if (f.issuerCode && !issuerId)
      throw new AppError('bad_request', `Cơ quan ban hành "${f.issuerCode}" không có trong danh mục.`);
    const page = await searchPublic(reader, { ...f, issuerId }, limit);
    return { items: page.items.map(presentSummary), nextCursor: page.nextCursor };
  };

  // Built pages: searches by their normalised address, documents by id and day.
  const searchPages = new PageCache({ ttlMs: 60_000, maxBytes: 32 * 1024 * 1024 });
  const documentPages = new PageCache({ ttlMs: 60_000, maxBytes: 96 * 1024 * 1024 });

  app.get('/cong-khai/van-ban', { config: pub, schema: { hide: true } }, async (req, reply) => {
    const form = readForm(req.query as Record<string, unknown>);
    const key = formUrl(DOCS_PATH, form, form.sau || undefined);
    const built = await searchPages.get(key, async () => buildPage(...(await searchPage(form))));
    if (built.status !== 200)
      return reply
        .status(built.status)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(built.body);
    return sendBuilt(req, reply, built, MAX_AGE_S);
  });

  /** The search page of a form: 200, or 400 with the form and what is wrong. */
  const searchPage = async (form: PublicSearchForm): Promise<[number, string]> => {
    const { list } = await publicIssuers(reader);
    const { filters, errors } = checkForm(form, new Set(list.map((i) => i.code)), vnYear(app.services.now()));
    let page = { items: [] as ReturnType<typeof presentSummary>[], nextCursor: null as string | null };
    if (!errors.length) {
      try {
        page = await search(filters, PAGE_SIZE);
      } catch (e) {
        // A stale or edited "Trang sau" address: say so on the page.
        if (e instanceof AppError && e.status === 400) errors.push(e.detail);
        else throw e;
      }
    }
    const body = renderSearchPage({
      origin: origin(),
      form,
      issuers: list,
      errors,
      items: page.items,
      nextCursor: page.nextCursor,
      searched: true,
    });
    return [errors.length ? 400 : 200, body];
  };

  app.get(
    '/cong-khai/van-ban/:id',
    { config: pub, schema: { hide: true, params: z.object({ id: z.string().max(100) }) } },
    async (req, reply) => {
      const { id } = req.params;
      if (!UUID_RE.test(id)) return publicNotFound(req, reply, NO_DOC);
      const built = await documentPages.get(`${id.toLowerCase()}|${today()}`, async () => {
        const v = await view(id);
        return buildPage(v ? 200 : 404, v ? renderDocumentPage(v, origin()) : '');
      });
      if (built.status === 404) return publicNotFound(req, reply, NO_DOC);
      return sendBuilt(req, reply, built, MAX_AGE_S);
    },
  );

  app.get(
    '/cong-khai/van-ban/:id/tep/:fileId',
    {
      config: pub,
      schema: { hide: true, params: z.object({ id: z.string().max(100), fileId: z.string().max(100) }) },
    },
    async (req, reply) => {
      const { id, fileId } = req.params;
      const [f] =
        UUID_RE.test(id) && UUID_RE.test(fileId)
          ? await rows<{ sha256: string; file_name: string; media_type: string }>(
              reader,
              sql`SELECT sha256, file_name, media_type FROM legal_document_files
                   WHERE id = ${fileId} AND legal_document_id = ${id}`,
            )
          : [];
      if (!f) return publicNotFound(req, reply, 'Tệp này không tồn tại.');
      return sendBlob(req, reply, f.sha256, f.media_type, f.file_name);
    },
  );

  const sendBlob = async (
    req: FastifyRequest,
    reply: FastifyReply,
    sha256: string,
    mediaType: string,
    fileName: string,
  ) => {
    const etag = `"${sha256}"`;
    reply
      .header('content-type', mediaType)
      .header('content-disposition', attachment(fileName))
      .header('cache-control', 'public, max-age=86400')
      .header('etag', etag);
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.send(await app.services.blobs.get(sha256));
  };

  const yearParam = (raw: string | undefined) =>
    raw === undefined ? undefined : /^\d{4}$/.test(raw) ? Number(raw) : Number.NaN;

  app.get(
    '/cong-khai/cong-bao',
    { config: pub, schema: { hide: true, querystring: z.object({ nam: z.string().max(20).optional() }) } },
    async (req, reply) => {
      const asked = yearParam(req.query.nam);
      if (Number.isNaN(asked))
        return publicNotFound(req, reply, 'Năm không hợp lệ: hãy dùng năm có 4 chữ số, ví dụ ?nam=2026.');
      const years = await gazetteYears(reader);
      const year = asked ?? years[0] ?? null;
      if (asked !== undefined && !years.includes(asked))
        return publicNotFound(req, reply, `Chưa có số Công báo nào được phát hành trong năm ${asked}.`);
      const issues = year ? await gazetteIssuesOf(reader, year) : [];
      return sendPublicHtml(req, reply, renderGazetteList(origin(), years, year, issues), MAX_AGE_S);
    },
  );

  const issueParams = z.object({ year: z.string().max(10), number: z.string().max(10) });
  const findIssue = async (p: { year: string; number: string }) => {
    if (!/^\d{4}$/.test(p.year) || !/^\d{1,6}$/.test(p.number)) return null;
    return gazetteIssue(reader, Number(p.year), Number(p.number));
  };

  app.get(
    '/cong-khai/cong-bao/:year/:number',
    { config: pub, schema: { hide: true, params: issueParams } },
    async (req, reply) => {
      const found = await findIssue(req.params);
      if (!found) return publicNotFound(req, reply, NO_ISSUE);
      return sendPublicHtml(req, reply, renderGazetteIssue(origin(), found.issue), 300);
    },
  );

  app.get(
    '/cong-khai/cong-bao/:year/:number/pdf',
    { config: pub, schema: { hide: true, params: issueParams } },
    async (req, reply) => {
      const found = await findIssue(req.params);
      if (!found?.pdfSha256) return publicNotFound(req, reply, NO_ISSUE);
      const i = found.issue;
      return sendBlob(
        req,
        reply,
        found.pdfSha256,
        'application/pdf',
        `cong-bao-${i.year}-so-${i.numberFrom}${i.numberTo > i.numberFrom ? `-${i.numberTo}` : ''}.pdf`,
      );
    },
  );

  // Open data: the same fields as the pages, in JSON.
  app.get(
    '/api/v1/open/legal/documents',
    {
      config: pub,
      schema: {
        tags,
        summary:
          'Tra cứu văn bản quy phạm pháp luật công khai (không dấu cũng được; số ký hiệu khớp xếp trước)',
        querystring: openSearchQuery,
        response: { 200: publicSearchPage },
      },
    },
    async (req, reply) => {
      const { limit, issuer, ...rest } = req.query;
      const page = await search({ ...rest, issuerCode: issuer }, limit);
      reply.header('cache-control', `public, max-age=${MAX_AGE_S}`);
      return page;
    },
  );

  app.get(
    '/api/v1/open/legal/documents/:id',
    {
      config: pub,
      schema: {
        tags,
        summary: 'Một văn bản: thuộc tính, tình trạng hiệu lực hôm nay, lịch sử, văn bản liên quan, lược đồ',
        params: openDocumentParams,
        response: { 200: publicDocumentView },
      },
    },
    async (req, reply) => {
      const v = await view(req.params.id);
      if (!v) throw new AppError('not_found', NO_DOC);
      reply.header('cache-control', `public, max-age=${MAX_AGE_S}`);
      return v;
    },
  );

  app.get(
    '/api/v1/open/legal/gazette',
    {
      config: pub,
      schema: {
        tags,
        summary: 'Các số Công báo đã phát hành của một năm (mặc định năm gần nhất) và các năm có Công báo',
        querystring: openGazetteQuery,
        response: { 200: openGazettePage },
      },
    },
    async (req, reply) => {
      const years = await gazetteYears(reader);
      const year = req.query.year ?? years[0];
      reply.header('cache-control', `public, max-age=${MAX_AGE_S}`);
      return { years, issues: year ? await gazetteIssuesOf(reader, year) : [] };
    },
  );

  app.get(
    '/api/v1/open/legal/gazette/:year/:number',
    {
      config: pub,
      schema: {
        tags,
        summary: 'Một số Công báo đã phát hành: số, ngày, mục lục, bản PDF',
        params: z.object({
          year: z.coerce
            .number('Năm không hợp lệ.')
            .int('Năm không hợp lệ.')
            .min(1945, 'Năm không hợp lệ.')
            .max(2100, 'Năm không hợp lệ.'),
          number: z.coerce
            .number('Số Công báo không hợp lệ.')
            .int('Số Công báo không hợp lệ.')
            .min(1, 'Số Công báo không hợp lệ.')
            .max(999_999, 'Số Công báo không hợp lệ.'),
        }),
        response: { 200: publicGazetteIssue },
      },
    },
    async (req, reply) => {
      const found = await gazetteIssue(reader, req.params.year, req.params.number);
      if (!found) throw new AppError('not_found', NO_ISSUE);
      reply.header('cache-control', `public, max-age=${MAX_AGE_S}`);
      return found.issue;
    },
  );
};

import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';

/*
 * Built public pages kept in process, each with its ETag and a gzip copy made once per build, as the
 * public schedule keeps its own (decision 0007, portal/feeds-cache.ts): a document's page costs
 * about eight queries to build (status as of today, history, relations, diagram) and a word search a
 * full-text scan, while 200 anonymous readers may ask for the same ones again and again. Concurrent
 * misses of one key share one build; an expired page is served once more while it is rebuilt.
 * Freshness: `ttlMs` (the pages say `max-age` of the same order); statuses change daily.
 */

export interface BuiltPage {
  status: number;
  body: Buffer;
  gzip: Buffer | null;
  etag: string;
}

const GZIP_FROM = 1024;

export function buildPage(status: number, html: string): BuiltPage {
  const body = Buffer.from(html, 'utf8');
  return {
    status,
    body,
    gzip: body.length >= GZIP_FROM ? gzipSync(body, { level: 6 }) : null,
    etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
  };
}

export class PageCache {
  private readonly lru: LRUCache<string, BuiltPage, () => Promise<BuiltPage>>;
  constructor(opts: { ttlMs: number; maxBytes: number }) {
    this.lru = new LRUCache<string, BuiltPage, () => Promise<BuiltPage>>({
      ttl: opts.ttlMs,
      maxSize: opts.maxBytes,
      sizeCalculation: (p) => Math.max(1, (p.gzip ?? p.body).length + (p.gzip ? p.body.length : 0)),
      allowStale: true,
      noDeleteOnStaleGet: true,
      fetchMethod: (_key, _stale, { context }) => context(),
    });
  }
  async get(key: string, build: () => Promise<BuiltPage>): Promise<BuiltPage> {
    const p = await this.lru.fetch(key, { context: build });
    if (!p) throw new Error(`page build of ${key} returned nothing`);
    return p;
  }
  clear(): void {
    this.lru.clear();
  }
}

/** Sends a built page: Cache-Control, ETag (304 on a match), gzip to clients that accept it. */
export function sendBuilt(
  req: FastifyRequest,
  reply: FastifyReply,
  p: BuiltPage,
  maxAgeS: number,
): FastifyReply {
  reply
    .status(p.status)
    .header('cache-control', p.status === 200 ? `public, max-age=${maxAgeS}` : 'public, max-age=30')
    .header('etag', p.etag)
    .header('content-language', 'vi')
    .header('vary', 'accept-encoding')
    .type('text/html; charset=utf-8');
  if (p.status === 200 && req.headers['if-none-match'] === p.etag) return reply.status(304).send();
  if (p.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')))
    return reply.header('content-encoding', 'gzip').send(p.gzip);
  return reply.send(p.body);
}

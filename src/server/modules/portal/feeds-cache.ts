import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';

/**
 * The in-process caches of what anonymous clients and calendar apps fetch over and over: the public
 * schedule pages, the iCalendar feeds and the feed tokens they carry. A cache belongs to one app
 * (routes-feeds.ts makes it); every live one is in `LIVE`, so a write anywhere in the module can call
 * `forgetScheduleCaches()` without knowing the app.
 *
 * Why in process: the benchmark (200 concurrent anonymous clients, p95 ≤ 50 ms, half the rate of a bare
 * route) leaves no room for a database round trip per request. Freshness: a short TTL (pages 30 s,
 * feeds and tokens 60 s; calendar apps poll hourly anyway), plus `forgetScheduleCaches()` after a
 * publication or an adjustment in this process; a revoked token is forgotten at once here and within
 * 60 s elsewhere. An expired entry is served once more while it is rebuilt (stale-while-revalidate),
 * and concurrent misses of one key share one build, so a busy page never stampedes the database.
 */

/** A response body ready to send: its ETag and, for large bodies, a gzip copy made once. */
export interface Prepared {
  status: number;
  type: string;
  body: Buffer;
  gzip: Buffer | null;
  etag: string;
}

/** Bodies above this size are also kept gzipped (made once per build, sent to clients that accept it). */
const GZIP_FROM = 1024;

export function prepare(status: number, type: string, text: string): Prepared {
  const body = Buffer.from(text, 'utf8');
  return {
    status,
    type,
    body,
    gzip: body.length >= GZIP_FROM ? gzipSync(body, { level: 6 }) : null,
    etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
  };
}

/**
 * One cache whose misses are built by the `build` given with the key (concurrent callers of a key
 * share one build), bounded by count and, when `size` is given, by bytes.
 */
export class BuildCache<V extends object> {
  private readonly lru: LRUCache<string, V, () => Promise<V>>;
  constructor(opts: { ttlMs: number; max: number; maxBytes?: number; size?: (v: V) => number }) {
    const size = opts.size;
    this.lru = new LRUCache<string, V, () => Promise<V>>({
      max: opts.max,
      ttl: opts.ttlMs,
      ...(opts.maxBytes && size
        ? { maxSize: opts.maxBytes, sizeCalculation: (v: V) => Math.max(1, size(v)) }
        : {}),
      allowStale: true,
      noDeleteOnStaleGet: true,
      fetchMethod: (_key, _stale, { context }) => context(),
    });
  }
  async get(key: string, build: () => Promise<V>): Promise<V> {
    const v = await this.lru.fetch(key, { context: build });
    if (!v) throw new Error(`cache build of ${key} returned nothing`);
    return v;
  }
  delete(key: string): void {
    this.lru.delete(key);
  }
  clear(): void {
    this.lru.clear();
  }
}

interface Clearable {
  /** Forgets what a schedule change can make stale (pages, feeds), not the tokens. */
  forgetContent(): void;
  /** Forgets one resolved token (a revocation). */
  forgetToken(hash: string): void;
}

const LIVE = new Set<Clearable>();

export function registerCaches(c: Clearable): () => void {
  LIVE.add(c);
  return () => LIVE.delete(c);
}

/**
 * Call after a schedule change this process made (publication, adjustment, a meeting added to
 * someone's calendar): the public pages and the feeds are rebuilt on their next request.
 */
export function forgetScheduleCaches(): void {
  for (const c of LIVE) c.forgetContent();
}

/** Call after revoking a feed token: it stops working at once in this process. */
export function forgetFeedToken(hash: string): void {
  for (const c of LIVE) c.forgetToken(hash);
}

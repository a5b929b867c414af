import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import type { Db } from '../../db/client.ts';
import { onCacheChange, publishCacheChange } from '../../platform/cache-bus.ts';

/**
 * The in-process caches of what anonymous clients and calendar apps fetch over and over: the public
 * schedule pages, the iCalendar feeds and the feed tokens they carry. A cache belongs to one app
 * (routes-feeds.ts makes it) and follows the cache bus (platform/cache-bus.ts), so a write anywhere
 * in the module, in any process, can call `forgetScheduleCaches(tx)` without knowing the app.
 *
 * Why in process: the benchmark (200 concurrent anonymous clients, p95 ≤ 50 ms, half the rate of a bare
 * route) leaves no room for a database round trip per request. Freshness: a short TTL (pages 30 s,
 * feeds and tokens 60 s; calendar apps poll hourly anyway), plus `forgetScheduleCaches(tx)` in the
 * transaction of a publication or an adjustment, and `forgetFeedToken(tx, hash)` in that of a
 * revocation: every process forgets at commit (the TTL only bounds a lost notice). An expired entry is served once more while it is rebuilt (stale-while-revalidate),
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
    const status: LRUCache.Status<string, V, () => Promise<V>> = {};
    let v: V | undefined;
    try {
      v = await this.lru.fetch(key, { context: build, status });
    } catch (err) {
      if (!status.fetchAborted) throw err;
    }
    // Forgotten while it was built (a change was heard, from any process): what was built may predate
    // the change, so this request gets a new build, which is not kept (the next request builds again).
    if (!v && status.fetchAborted) return build();
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
  /** Forgets one resolved token (a revocation), or every token (the notices may have been missed). */
  forgetToken(hash?: string): void;
}

/** The names of these caches on the cache bus (platform/cache-bus.ts). */
const SCHEDULE_CACHE = 'portal.schedule';
const TOKEN_CACHE = 'portal.feed-token';

/** Makes an app's caches follow the changes of every process; returns the function that stops it. */
export function registerCaches(c: Clearable): () => void {
  const offContent = onCacheChange(SCHEDULE_CACHE, () => c.forgetContent());
  const offTokens = onCacheChange(TOKEN_CACHE, (hash) => c.forgetToken(hash));
  return () => {
    offContent();
    offTokens();
  };
}

/**
 * Call inside the transaction of a schedule change (publication, adjustment, a meeting added to
 * someone's calendar): the public pages and the feeds of every process are rebuilt on their next
 * request once it commits.
 */
export function forgetScheduleCaches(db: Db): Promise<void> {
  return publishCacheChange(db, SCHEDULE_CACHE);
}

/** Call inside the transaction revoking a feed token: it stops working in every process at commit. */
export function forgetFeedToken(db: Db, hash: string): Promise<void> {
  return publishCacheChange(db, TOKEN_CACHE, hash);
}

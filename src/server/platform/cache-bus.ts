import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.ts';
import { cacheNotices } from './http/metrics.ts';

/**
 * Invalidation of in-process caches across every process on one database.
 *
 * A process keeps built pages, feeds and resolved tokens in memory (portal/feeds-cache.ts,
 * portal/announcements-public.ts). When several `lienthong serve` processes run behind a proxy, a
 * change made through one must be seen through the others at once, not after their TTL. A change
 * publishes `pg_notify('lt_cache_changed', {"cache": …, "key": …})` on the writer's connection:
 * inside its transaction the notice is delivered at commit and never for a rollback. Every process
 * listens (app.ts) and forgets the matching entries, the writer's own too; the writer also forgets
 * at once, so its own next request never sees the old state. When the listening connection is lost
 * and made again, notices may have been missed: every registered cache is emptied.
 *
 * The handlers are process-wide (like the session cache), so one notice heard by any app of the
 * process reaches every cache of the process.
 */

export const CACHE_CHANNEL = 'lt_cache_changed';

/** Forgets one entry (`key`) or, without a key, everything the cache holds. */
export type Forget = (key?: string) => void;

const handlers = new Map<string, Set<Forget>>();

/** Registers what forgets `cache`'s entries; returns the function that unregisters it. */
export function onCacheChange(cache: string, forget: Forget): () => void {
  const set = handlers.get(cache) ?? new Set<Forget>();
  handlers.set(cache, set);
  set.add(forget);
  return () => {
    set.delete(forget);
  };
}

function forgetHere(cache: string, key?: string): void {
  for (const forget of handlers.get(cache) ?? []) forget(key);
}

/**
 * Says that `cache` (the entry `key`, or all of it) changed: forgets it in this process at once and
 * tells every process. Call it with the writer's transaction when there is one, so the others hear
 * it once the change is visible to them.
 */
export async function publishCacheChange(db: Db, cache: string, key?: string): Promise<void> {
  forgetHere(cache, key);
  await db.execute(
    sql`SELECT pg_notify(${CACHE_CHANNEL}, ${JSON.stringify(key === undefined ? { cache } : { cache, key })})`,
  );
}

/** A notice as it arrives from the database: forgets what it names and counts it. */
export function cacheNoticeReceived(payload: string): void {
  let notice: { cache?: unknown; key?: unknown };
  try {
    notice = JSON.parse(payload) as typeof notice;
  } catch {
    return;
  }
  if (typeof notice.cache !== 'string') return;
  cacheNotices.inc({ cache: notice.cache });
  forgetHere(notice.cache, typeof notice.key === 'string' ? notice.key : undefined);
}

/** Empties every registered cache (the listening connection was made again: notices may be lost). */
export function forgetAllCaches(): void {
  for (const [cache] of handlers) forgetHere(cache);
}

/** Listens for the notices of every process on this database; returns the function that stops. */
export function listenCacheChanges(database: Database): Promise<() => Promise<void>> {
  return database.listen(CACHE_CHANNEL, cacheNoticeReceived, forgetAllCaches);
}

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { waitFor } from '../../../test/helpers/process.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { CACHE_CHANNEL, listenCacheChanges, onCacheChange, publishCacheChange } from './cache-bus.ts';
import { cacheNotices } from './http/metrics.ts';

/** How many notices this process counted for `cache` (lt_cache_notices_total). */
async function noticesOf(cache: string): Promise<number> {
  const m = await cacheNotices.get();
  return m.values.find((v) => v.labels.cache === cache)?.value ?? 0;
}

describe.each(ENGINES)('the cache bus on %s', (engine) => {
  let t: TestDatabase;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    stop = await listenCacheChanges(t.database);
  });
  afterAll(async () => {
    await stop();
    await t.cleanup();
  });

  /** A cache of its own per test (the handlers are process-wide), recording what it was told to forget. */
  const cacheOf = () => {
    const name = `test.${randomUUID().slice(0, 8)}`;
    const heard: (string | undefined)[] = [];
    const off = onCacheChange(name, (key) => heard.push(key));
    return { name, heard, off };
  };

  it('forgets at once in the writer, again for every process at commit, and never for a rollback', async () => {
    const c = cacheOf();
    await expect(
      t.database.db.transaction(async (tx) => {
        await publishCacheChange(tx, c.name, 'rolled-back');
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    // Forgotten here at once (harmless for a rollback: the entry is rebuilt).
    expect(c.heard).toEqual(['rolled-back']);

    await t.database.db.transaction(async (tx) => {
      await publishCacheChange(tx, c.name, 'k1');
      expect(c.heard).toEqual(['rolled-back', 'k1']);
    });
    // The notice of the commit comes back to this process too, and is counted; notices arrive in
    // order, so once it is here the rolled-back one would have been too.
    await waitFor('the notice of the commit', async () => c.heard.length === 3, 10_000);
    expect(c.heard).toEqual(['rolled-back', 'k1', 'k1']);
    expect(await noticesOf(c.name)).toBe(1);

    // Without a key: everything.
    await publishCacheChange(t.database.db, c.name);
    await waitFor('the notice without a key', async () => c.heard.length === 5, 10_000);
    expect(c.heard.slice(3)).toEqual([undefined, undefined]);
    c.off();
  });

  it('hears a change another connection (another process) makes, and ignores notices it cannot read', async () => {
    const c = cacheOf();
    // What another process's publishCacheChange sends, written by hand on the same database.
    const other: Database =
      engine === 'postgres' ? await openDatabase({ databaseUrl: t.url!, poolSize: 1 }) : t.database;
    await other.query(`SELECT pg_notify($1, 'not json')`, [CACHE_CHANNEL]);
    await other.query(`SELECT pg_notify($1, $2)`, [
      CACHE_CHANNEL,
      JSON.stringify({ cache: c.name, key: 'tok' }),
    ]);
    await waitFor('the other connection’s notice', async () => c.heard.length === 1, 10_000);
    expect(c.heard).toEqual(['tok']);
    expect(await noticesOf(c.name)).toBe(1);
    if (other !== t.database) await other.close();
    c.off();
  });

  it.runIf(engine === 'postgres')(
    'empties every registered cache when the listening connection is lost and made again',
    async () => {
      const a = cacheOf();
      const b = cacheOf();
      // The server closes the listening connection (a restart, a network cut): notices may be lost.
      await t.database.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND query = $1`,
        [`LISTEN ${CACHE_CHANNEL}`],
      );
      await waitFor(
        'the reset',
        async () => a.heard.includes(undefined) && b.heard.includes(undefined),
        10_000,
      );
      // Listening again: a later change is heard.
      const before = a.heard.length;
      await waitFor(
        'the listener back',
        async () => {
          await t.database.query(`SELECT pg_notify($1, $2)`, [
            CACHE_CHANNEL,
            JSON.stringify({ cache: a.name, key: 'after' }),
          ]);
          await new Promise((r) => setTimeout(r, 200));
          return a.heard.slice(before).includes('after');
        },
        15_000,
      );
      a.off();
      b.off();
    },
  );
});

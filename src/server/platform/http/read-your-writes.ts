import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/client.ts';
import { formatLsn, parseLsn, readScope } from '../../db/replica.ts';

/** The cookie that carries the primary's WAL position after a person's last write. */
export const WAL_COOKIE = 'lt_wal';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Read-your-own-writes with a read replica. After a request that may have written (any method but
 * GET/HEAD/OPTIONS, answered below 400) the answer carries the primary's WAL position in a cookie;
 * on the next requests, lag-tolerant reads go to the replica only once it has replayed that far
 * (db/replica.ts, `choose`), so the page after a save shows the save, whichever process serves it.
 * The cookie lives as long as a lag the replica may have before it is set aside anyway.
 */
export function installReadYourWrites(app: FastifyInstance, database: Database, maxLagMs: number): void {
  const maxAge = Math.max(10, Math.ceil(maxLagMs / 1000) + 5);
  database.replica?.setLog(app.log);
  // In preHandler, the last step before the handler: a body's stream events would not carry a
  // scope entered earlier.
  app.addHook('preHandler', (req, _reply, done) => {
    const lsn = parseLsn(req.cookies?.[WAL_COOKIE]);
    readScope.run(lsn === null ? {} : { minLsn: lsn }, done);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (SAFE.has(req.method) || reply.statusCode >= 400) return payload;
    try {
      const r = await database.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
      const lsn = parseLsn(r[0]?.lsn);
      if (lsn !== null)
        reply.setCookie(WAL_COOKIE, formatLsn(lsn), {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: app.services.config.COOKIE_SECURE,
          maxAge,
        });
    } catch (err) {
      // Without the cookie the next read may come from the replica before it caught up: say so.
      req.log.warn({ err: (err as Error).message }, 'could not read the WAL position after a write');
    }
    return payload;
  });
}

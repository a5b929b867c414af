import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgDialect, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { ReadReplica, type ReplicaLog } from './replica.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A Drizzle database or transaction: services accept either, so they compose inside one transaction. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Database {
  db: Db;
  /**
   * For reads that tolerate a short lag (lists, search, dashboards, public pages): the streaming
   * replica while it is usable, else the primary (see replica.ts). The same as `db` without a replica.
   * Never write through it.
   */
  reader: Db;
  /** The replica and its monitor, when DATABASE_REPLICA_URL is set. */
  replica?: ReadReplica;
  kind: 'pglite' | 'postgres';
  /** Apply committed SQL migrations; throws with the SQL error on failure (never swallowed). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * Run raw SQL text with positional params (CLI tools, tests, benchmarks, hot paths). A `name` makes
   * it a prepared statement on PostgreSQL, planned once per connection.
   */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<T[]>;
  /**
   * LISTEN on a channel; `onReset` runs when notices may have been missed (reconnect), so callers can
   * drop whatever the notices keep fresh. Returns a function that stops listening.
   */
  listen(
    channel: string,
    onNotice: (payload: string) => void,
    onReset: () => void,
  ): Promise<() => Promise<void>>;
  /** The PGlite instance (embedded mode only). */
  pglite?: PGlite;
  pool?: pg.Pool;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** Directory for PGlite's files; in-memory when undefined and no databaseUrl. */
  pgliteDir?: string;
  poolSize?: number;
  /** A streaming replica of databaseUrl for lag-tolerant reads (PostgreSQL only). */
  replicaUrl?: string;
  replicaMaxLagMs?: number;
  /** How often the replica's state is looked at (ms; default 500). */
  replicaIntervalMs?: number;
  log?: ReplicaLog;
}

// pg returns bigint (int8) as string by default; counts and ids fit in JS numbers for our volumes.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    pool.on('error', () => {
      /* idle client errors are reported per query; keep the process alive */
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    let replica: ReadReplica | undefined;
    if (opts.replicaUrl) {
      replica = new ReadReplica(pool, opts.replicaUrl, {
        maxLagMs: opts.replicaMaxLagMs ?? 5000,
        poolSize: opts.poolSize ?? 10,
        intervalMs: opts.replicaIntervalMs,
        log: opts.log,
      });
      await replica.start();
    }
    return {
      db,
      reader: replica ? (drizzlePg(replica.router, { schema }) as unknown as Db) : db,
      replica,
      kind: 'postgres',
      pool,
      migrate: async () => {
        await migratePg(drizzlePg(pool, { schema }), { migrationsFolder: MIGRATIONS_DIR });
      },
      close: once(async () => {
        await replica?.stop();
        await pool.end();
      }),
      listen: (channel, onNotice, onReset) => listenPg(opts.databaseUrl!, channel, onNotice, onReset),
      query: async <T>(text: string, params: unknown[] = [], name?: string) =>
        (await pool.query(name ? { name, text, values: params } : { text, values: params })).rows as T[],
    };
  }
  if (opts.replicaUrl) throw new Error('DATABASE_REPLICA_URL needs DATABASE_URL (a PostgreSQL primary)');
  if (opts.pgliteDir) fs.mkdirSync(opts.pgliteDir, { recursive: true });
  const client = await PGlite.create(opts.pgliteDir ?? 'memory://', { extensions: { pg_trgm, unaccent } });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    reader: db,
    kind: 'pglite',
    pglite: client,
    migrate: async () => {
      await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
    },
    close: once(() => client.close()),
    listen: async (channel, onNotice) => {
      const stop = await client.listen(channel, onNotice);
      return async () => {
        if (!client.closed) await stop();
      };
    },
    query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[],
  };
}

/** Rows of a raw drizzle `execute` on either engine (both return { rows }). */
export async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/**
 * Rows of a raw statement on a hot path (run on every registration, say). On PostgreSQL it becomes a
 * named prepared statement, parsed and planned once per connection instead of on every call: for the
 * registration statements planning alone was 0.7 ms of the database's 2.7 ms. The name is the text's
 * hash, so statements that differ only in their values share one plan and different texts never clash.
 * PGlite runs it as a plain statement (one process, no network, and its planner is not the cost).
 */
export async function hotRows<T>(db: Db, query: SQL): Promise<T[]> {
  const inner = db as unknown as { session: { client: unknown }; dialect: PgDialect };
  const client = inner.session?.client;
  if (!(client instanceof pg.Pool || client instanceof pg.Client)) return rows<T>(db, query);
  const { sql: text, params } = inner.dialect.sqlToQuery(query);
  let name = statementNames.get(text);
  if (!name) {
    name = `lt_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (statementNames.size < 500) statementNames.set(text, name);
  }
  return (await client.query({ name, text, values: params })).rows as T[];
}
const statementNames = new Map<string, string>();

/** Closing twice is harmless (tests and shutdown paths may both close). */
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => (done ??= fn());
}

/** A dedicated connection for LISTEN that reconnects (with a reset) if it drops. */
async function listenPg(url: string, channel: string, onNotice: (p: string) => void, onReset: () => void) {
  let stopped = false;
  let client: pg.Client | null = null;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      if (n.channel === channel) onNotice(n.payload ?? '');
    });
    c.on('error', () => {
      /* handled by 'end' */
    });
    c.on('end', () => {
      if (stopped) return;
      onReset();
      setTimeout(() => void connect().catch(() => undefined), 1000);
    });
    await c.connect();
    await c.query(`LISTEN ${channel}`);
    client = c;
    onReset();
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => undefined);
  };
}

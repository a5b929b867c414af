import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from './access/actor.ts';
import type { BlobStore } from './blobs/store.ts';
import type { Hooks } from './modules.ts';

/**
 * What every service call receives: the database (or the caller's transaction), who acts, the clock,
 * and the hooks the composition connected (see platform/modules.ts).
 */
export interface Ctx {
  db: Db;
  /**
   * For reads that tolerate a short lag (lists, search, dashboards, public pages): the read replica
   * while it is usable, else the primary (db/replica.ts). Unset = `db`. Never write through it.
   */
  reader?: Db;
  actor: Actor;
  now(): Date;
  config: Config;
  blobs: BlobStore;
  hooks: Hooks;
}

/** Everything a service needs besides the actor: what the app composes once (app.services), and jobs run with. */
export type Services = Omit<Ctx, 'actor'>;

/** Runs `fn` in one transaction with a ctx whose db is that transaction. */
export function inTx<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction((db) => fn({ ...ctx, db }));
}

/** The database for lag-tolerant reads (the replica when there is one and it is usable). */
export function readerOf(s: Pick<Ctx, 'db' | 'reader'>): Db {
  return s.reader ?? s.db;
}

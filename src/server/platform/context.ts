import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from './access/actor.ts';
import type { BlobStore } from './blobs/store.ts';

/** What every service call receives: the database (or the caller's transaction), who acts, and the clock. */
export interface Ctx {
  db: Db;
  actor: Actor;
  now(): Date;
  config: Config;
  blobs: BlobStore;
}

/** Everything a service needs besides the actor: what the app composes once (app.services), and jobs run with. */
export type Services = Omit<Ctx, 'actor'>;

/** Runs `fn` in one transaction with a ctx whose db is that transaction. */
export function inTx<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction((db) => fn({ ...ctx, db }));
}

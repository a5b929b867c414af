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

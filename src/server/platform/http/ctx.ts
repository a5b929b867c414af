import type { FastifyRequest } from 'fastify';
import { actorOf } from '../access/guard.ts';
import { type Ctx, readerOf } from '../context.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Everything a service needs besides the actor (set once by app.ts). */
    services: Omit<Ctx, 'actor'>;
  }
}

/** The service context of a signed-in request. */
export function ctxOf(req: FastifyRequest): Ctx {
  return { ...req.server.services, actor: actorOf(req) };
}

/**
 * The service context of a read-only request that tolerates a short lag (a list, a search, a
 * dashboard): its queries go to the read replica when it is usable. Only for handlers that write
 * nothing; the person's own recent writes are still seen (db/replica.ts).
 */
export function readCtxOf(req: FastifyRequest): Ctx {
  const ctx = ctxOf(req);
  return { ...ctx, db: readerOf(ctx) };
}

import type { FastifyRequest } from 'fastify';
import { actorOf } from '../access/guard.ts';
import type { Ctx } from '../context.ts';

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

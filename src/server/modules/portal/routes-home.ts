import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The home routes of the portal. */
export const homeRoutes: FastifyPluginAsyncZod = async () => {};

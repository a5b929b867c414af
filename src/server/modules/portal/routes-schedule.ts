import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The schedule routes of the portal. */
export const scheduleRoutes: FastifyPluginAsyncZod = async () => {};

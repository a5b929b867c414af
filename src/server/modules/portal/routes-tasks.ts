import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The tasks routes of the portal. */
export const tasksRoutes: FastifyPluginAsyncZod = async () => {};

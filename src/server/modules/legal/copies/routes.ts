import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Scaffold: the copies routes of issue 17.
export const copiesRoutes: FastifyPluginAsyncZod = async () => {};

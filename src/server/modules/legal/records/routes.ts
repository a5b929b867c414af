import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Scaffold: the records routes of issue 17.
export const recordsRoutes: FastifyPluginAsyncZod = async () => {};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Scaffold: the gazette routes of issue 17.
export const gazetteRoutes: FastifyPluginAsyncZod = async () => {};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Scaffold: the importing routes of issue 17.
export const importingRoutes: FastifyPluginAsyncZod = async () => {};

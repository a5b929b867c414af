import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Scaffold: the public routes of issue 17.
export const publicRoutes: FastifyPluginAsyncZod = async () => {};

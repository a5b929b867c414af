import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Scaffold: the figures routes of issue 18.
export const figuresRoutes: FastifyPluginAsyncZod = async () => {};

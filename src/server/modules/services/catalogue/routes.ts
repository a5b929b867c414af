import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Scaffold: the catalogue routes of issue 18.
export const catalogueRoutes: FastifyPluginAsyncZod = async () => {};

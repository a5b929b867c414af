import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Scaffold: the desk routes of issue 18.
export const deskRoutes: FastifyPluginAsyncZod = async () => {};

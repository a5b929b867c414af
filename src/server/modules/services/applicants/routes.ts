import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Scaffold: the applicants routes of issue 18.
export const applicantsRoutes: FastifyPluginAsyncZod = async () => {};

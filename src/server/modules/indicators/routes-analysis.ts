import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Routes of the indicators module: analysis (see /work/notes/ind-design.md). */
export const analysisRoutes: FastifyPluginAsyncZod = async () => {};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Routes of the indicators module: catalogue (see /work/notes/ind-design.md). */
export const catalogueRoutes: FastifyPluginAsyncZod = async () => {};

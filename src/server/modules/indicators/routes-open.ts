import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Routes of the indicators module: open (see /work/notes/ind-design.md). */
export const openRoutes: FastifyPluginAsyncZod = async () => {};

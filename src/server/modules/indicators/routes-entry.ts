import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Routes of the indicators module: entry (see /work/notes/ind-design.md). */
export const entryRoutes: FastifyPluginAsyncZod = async () => {};

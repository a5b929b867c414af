import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Routes of the indicators module: validation, submission, approval, completeness (see /work/notes/ind-design.md). */
export const approvalRoutes: FastifyPluginAsyncZod = async () => {};

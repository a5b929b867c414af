import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Placeholder replaced by the print module (registers, handling slip, xlsx export). */
export const documentPrintRoutes: FastifyPluginAsyncZod = async () => {};

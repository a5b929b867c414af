import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The announcements routes of the portal. */
export const announcementsRoutes: FastifyPluginAsyncZod = async () => {};

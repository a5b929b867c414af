import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The invitations routes of the portal. */
export const invitationsRoutes: FastifyPluginAsyncZod = async () => {};

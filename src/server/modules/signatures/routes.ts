import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Digital signatures on PDFs: signing keys, PAdES signing, verification of arriving PDFs, trust anchors. */
export const signaturesRoutes: FastifyPluginAsyncZod = async () => {};

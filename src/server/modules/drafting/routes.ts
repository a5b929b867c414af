import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Drafting in the Decree 30 layout: DOCX templates per type and agency, the structured draft, DOCX and PDF (LibreOffice). */
export const draftingRoutes: FastifyPluginAsyncZod = async () => {};

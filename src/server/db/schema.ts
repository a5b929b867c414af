// Every table of the installation, gathered for Drizzle and drizzle-kit. Each module owns its own schema.ts.
export * from '../modules/agencies/schema.ts';
export * from '../modules/documents/schema.ts';
export * from '../modules/dossiers/schema.ts';
export * from '../modules/drafting/schema.ts';
export * from '../modules/exchange/schema.ts';
export * from '../modules/indicators/schema.ts';
export * from '../modules/legal/schema.ts';
export * from '../modules/mail/schema.ts';
export * from '../modules/notifications/schema.ts';
export * from '../modules/ocr/schema.ts';
export * from '../modules/people/schema.ts';
export * from '../modules/portal/schema.ts';
export * from '../modules/services/schema.ts';
export * from '../modules/signatures/schema.ts';
export * from '../platform/audit/schema.ts';
export * from '../platform/blobs/schema.ts';
export * from '../platform/jobs/schema.ts';

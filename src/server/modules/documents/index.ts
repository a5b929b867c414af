// What other modules may use from documents.

export { loadVisible } from './common.ts';
// Used by the mail module: a candidate from the official mailbox is registered with the same rule
// as a paper arrival, and an e-mailed delivery reports back when it was sent.
export { setDeliveryStatus } from './delivery.ts';
export { registerIncoming } from './incoming.ts';
export { documentRoutes } from './routes.ts';
export { deliveries, documentFiles, documents } from './schema.ts';

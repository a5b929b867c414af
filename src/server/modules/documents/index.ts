// What other modules may use from documents.

export { seesWholeAgency, visibleAgencyWide, visibleTo } from './access.ts';
export {
  addEvent,
  type DocumentRow,
  loadVisible,
  peopleWithRole,
  peopleWithRoleIn,
  tell,
  tellMany,
} from './common.ts';
// markDelivery is used by the mail module (an e-mailed delivery reports back when it was sent); the
// exchange module fills the outsideExchange hook (see module.ts).
export {
  type DeliveryRow,
  markDelivery,
  type OutsideExchange,
  routeAgencyCode,
} from './delivery.ts';
// A candidate from the official mailbox is registered with the same rule as a paper arrival.
export { registerIncoming } from './incoming.ts';
export { documentsModule } from './module.ts';
export { documentRoutes } from './routes.ts';
export { deliveries, documentEvents, documentFiles, documents } from './schema.ts';
// Text extraction is queued by whoever adds a document with files (the exchange's arrivals too).
export { extractTextJob } from './text-index.ts';

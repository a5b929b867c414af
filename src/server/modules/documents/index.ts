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
// exchange module plugs into delivery through connectOutsideExchange.
export {
  connectOutsideExchange,
  type DeliveryRow,
  markDelivery,
  type OutsideExchange,
  routeAgencyCode,
} from './delivery.ts';
// Dossiers and mail read documents through these functions (documents alone names its tables).
export { currentFiles, type DocumentFile, type FileRole } from './files.ts';
// A candidate from the official mailbox is registered with the same rule as a paper arrival.
export { registerIncoming } from './incoming.ts';
export {
  type DocumentFacts,
  documentFacts,
  findDelivery,
  findDocument,
  handlers,
  handlingTrail,
} from './reads.ts';
export { documentRoutes } from './routes.ts';
// TEMPORARY: the exchange module still reads and writes these tables; removed when the xboundary
// branch (documents' operations for exchange) merges. No other module may import them.
export { deliveries, documentEvents, documentFiles, documents } from './schema.ts';

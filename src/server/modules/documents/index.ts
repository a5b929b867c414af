// What other modules may use from documents.

export { seesWholeAgency, visibleTo } from './access.ts';
export { addEvent, type DocumentRow, loadVisible, peopleWithRole, tell } from './common.ts';
export {
  connectOutsideExchange,
  type DeliveryRow,
  type OutsideExchange,
  routeAgencyCode,
} from './delivery.ts';
export { documentRoutes } from './routes.ts';
export { deliveries, documentEvents, documentFiles, documents } from './schema.ts';

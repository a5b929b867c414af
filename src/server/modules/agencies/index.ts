// What other modules may use from agencies.
export { agencies, agencyHistory } from './schema.ts';
export { adminScope, onAgencyMerged, snapshot, type AgencyRow } from './service.ts';
export { findById as findAgency, findByIds as findAgencies, subtreeIds } from './store.ts';
export { agencyRoutes } from './routes.ts';

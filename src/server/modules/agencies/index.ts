// What other modules may use from agencies.

export { agencyRoutes } from './routes.ts';
export { agencies, agencyHistory } from './schema.ts';
export { type AgencyRow, adminScope, onAgencyMerged, snapshot } from './service.ts';
export { countActive as countActiveAgencies, findById as findAgency, subtreeIds } from './store.ts';

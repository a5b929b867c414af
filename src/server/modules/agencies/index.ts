// What other modules may use from agencies.

export { agenciesModule } from './module.ts';
export { agencyRoutes } from './routes.ts';
export { agencies, agencyHistory } from './schema.ts';
export { type AgencyRow, adminScope, type MergeListener, snapshot } from './service.ts';
export { countActive as countActiveAgencies, findById as findAgency, subtreeIds } from './store.ts';

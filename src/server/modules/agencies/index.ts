// What other modules may use from agencies.

export { agencyRoutes } from './routes.ts';
export { agencies, agencyHistory } from './schema.ts';
export { type AgencyRow, adminScope, onAgencyMerged, snapshot } from './service.ts';
export {
  activeAgenciesByCode,
  type CodedAgency,
  countActive as countActiveAgencies,
  findAgencies,
  findById as findAgency,
  homeAgencyId,
  rootNames,
  subtreeIds,
} from './store.ts';

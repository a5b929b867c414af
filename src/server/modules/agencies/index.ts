// What other modules may use from agencies.

export { agenciesModule } from './module.ts';
export { agencyRoutes } from './routes.ts';
export { type AgencyRow, adminScope, type MergeListener, snapshot } from './service.ts';
export {
  AGENCY_ROWS,
  activeAgenciesByCode,
  activeAgenciesByName,
  activeDivisionsOf,
  activeUnits,
  agencyRowsSql,
  type CodedAgency,
  countActive as countActiveAgencies,
  findAgencies,
  findById as findAgency,
  homeAgencyId,
  insertTree as insertAgencyTree,
  rootNames,
  subtreeIds,
  subtreeMembersSql,
} from './store.ts';

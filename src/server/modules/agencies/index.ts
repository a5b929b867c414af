// What other modules may use from agencies.

export { agencyRoutes } from './routes.ts';
// TEMPORARY: the exchange module still reads this table; removed when the xboundary branch merges.
export { agencies } from './schema.ts';
export { type AgencyRow, adminScope, onAgencyMerged, snapshot } from './service.ts';
export {
  AGENCY_ROWS,
  activeAgenciesByCode,
  activeAgenciesByName,
  activeDivisionsOf,
  agencyRowsSql,
  type CodedAgency,
  countActive as countActiveAgencies,
  findById as findAgency,
  insertTree as insertAgencyTree,
  subtreeIds,
} from './store.ts';

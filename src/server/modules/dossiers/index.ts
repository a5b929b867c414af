// What other modules may use from dossiers.

export { dossiersModule } from './module.ts';
export { describeProblems, verifyPackage } from './package.ts';
export { dossierRoutes } from './routes.ts';
export {
  archiveRecords,
  archiveTransfers,
  dossierItems,
  dossierPlanEntries,
  dossierPlans,
  dossiers,
  dossierTombstones,
} from './schema.ts';
export { buildPackageJob } from './transfer.ts';

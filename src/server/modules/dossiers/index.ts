// What other modules may use from dossiers.

// The measured figures of the reports (issue 20): dossiers opened and closed per agency.
export { dossierMeasures } from './measures.ts';
export { dossiersModule } from './module.ts';
export { describeProblems, verifyPackage } from './package.ts';
export { dossierRoutes } from './routes.ts';
export { buildPackageJob } from './transfer.ts';

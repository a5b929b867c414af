// What other modules may use from dossiers.

export { dossiersModule } from './module.ts';
export { describeProblems, verifyPackage } from './package.ts';
export { dossierRoutes } from './routes.ts';
export { buildPackageJob } from './transfer.ts';

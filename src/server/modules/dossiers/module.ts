import type { ModuleDescriptor } from '../../platform/modules.ts';
import { dossierRoutes } from './routes.ts';
import { buildPackageJob } from './transfer.ts';

export const dossiersModule: ModuleDescriptor = {
  name: 'dossiers',
  routes: [dossierRoutes],
  jobs: [buildPackageJob],
};

import type { ModuleDescriptor } from '../../platform/modules.ts';
import { agencyRoutes } from './routes.ts';

// Declares the agencyMerged hook slot (service.ts); people fills it.
export const agenciesModule: ModuleDescriptor = {
  name: 'agencies',
  routes: [agencyRoutes],
};

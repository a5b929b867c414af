import type { ModuleDescriptor } from '../../platform/modules.ts';
import { signaturesRoutes } from './routes.ts';

export const signaturesModule: ModuleDescriptor = {
  name: 'signatures',
  routes: [signaturesRoutes],
};

import type { ModuleDescriptor } from '../../platform/modules.ts';
import { adminRoutes } from './routes.ts';

export const adminModule: ModuleDescriptor = {
  name: 'admin',
  routes: [adminRoutes],
};

import type { ModuleDescriptor } from '../../platform/modules.ts';
import { fileRoutes } from './routes.ts';

export const filesModule: ModuleDescriptor = {
  name: 'files',
  routes: [fileRoutes],
};

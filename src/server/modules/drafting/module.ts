import type { ModuleDescriptor } from '../../platform/modules.ts';
import { draftingRoutes } from './routes.ts';

export const draftingModule: ModuleDescriptor = {
  name: 'drafting',
  routes: [draftingRoutes],
};

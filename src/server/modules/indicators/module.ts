import type { ModuleDescriptor } from '../../platform/modules.ts';
import { analysisRoutes } from './routes-analysis.ts';
import { catalogueRoutes } from './routes-catalogue.ts';
import { entryRoutes } from './routes-entry.ts';
import { openRoutes } from './routes-open.ts';

export const indicatorsModule: ModuleDescriptor = {
  name: 'indicators',
  routes: [catalogueRoutes, entryRoutes, analysisRoutes, openRoutes],
};

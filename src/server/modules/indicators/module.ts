import type { ModuleDescriptor } from '../../platform/modules.ts';
import { analysisRoutes } from './routes-analysis.ts';
import { approvalRoutes } from './routes-approval.ts';
import { catalogueRoutes } from './routes-catalogue.ts';
import { entryRoutes } from './routes-entry.ts';
import { openRoutes } from './routes-open.ts';

export const indicatorsModule: ModuleDescriptor = {
  name: 'indicators',
  routes: [catalogueRoutes, entryRoutes, approvalRoutes, analysisRoutes, openRoutes],
  // jobs: [...], schedules: [...] — the reminders (catalogue/forms helper)
};

import { defineSchedule } from '../../platform/jobs/index.ts';
import type { ModuleDescriptor } from '../../platform/modules.ts';
import { purgeSessionsJob } from './auth.ts';
import { authRoutes, peopleRoutes } from './routes.ts';
import { movePositionsOnMerge } from './service.ts';

export const peopleModule: ModuleDescriptor = {
  name: 'people',
  routes: [authRoutes, peopleRoutes],
  jobs: [purgeSessionsJob],
  schedules: [defineSchedule('sessions.purge', '17 3 * * *', purgeSessionsJob, {})],
  provides: { agencyMerged: [movePositionsOnMerge] },
};

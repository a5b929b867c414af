import { defineSchedule } from '../../platform/jobs/index.ts';
import type { ModuleDescriptor } from '../../platform/modules.ts';
import { seedIndicatorsDemo } from './demo-seed.ts';
import { remindersJob } from './reminders.ts';
import { analysisRoutes } from './routes-analysis.ts';
import { approvalRoutes } from './routes-approval.ts';
import { catalogueRoutes } from './routes-catalogue.ts';
import { entryRoutes } from './routes-entry.ts';
import { openRoutes } from './routes-open.ts';

export const indicatorsModule: ModuleDescriptor = {
  name: 'indicators',
  routes: [catalogueRoutes, entryRoutes, approvalRoutes, analysisRoutes, openRoutes],
  jobs: [remindersJob],
  // Reminders of report deadlines (due soon, overdue) every day at 07:00.
  schedules: [defineSchedule('indicators.reminders', '0 7 * * *', remindersJob, {})],
  seedDemo: (db) => seedIndicatorsDemo(db),
};

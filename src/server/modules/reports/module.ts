import { defineSchedule } from '../../platform/jobs/index.ts';
import type { ModuleDescriptor } from '../../platform/modules.ts';
import { seedReportsDemo } from './demo.ts';
import { reportRemindersJob } from './reminders.ts';
import { reportRoutes } from './routes.ts';
import { periodicRoutes } from './routes-periodic.ts';

/**
 * IT plans and periodic reports (issue 20): the measured figures of every agency and period, read
 * from documents, dossiers, public services and feedback through their index.ts, with the documents
 * behind each figure, the ranked table, the trend and the IT department's setting; the periodic
 * reports' templates, cycles, submissions, consolidation and daily reminders.
 */
export const reportsModule: ModuleDescriptor = {
  name: 'reports',
  routes: [reportRoutes, periodicRoutes],
  jobs: [reportRemindersJob],
  // Reminders of periodic reports due within two working days or late, every day at 07:10.
  schedules: [defineSchedule('reports.reminders', '10 7 * * *', reportRemindersJob, {})],
  seedDemo: seedReportsDemo,
};

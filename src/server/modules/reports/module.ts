import { defineSchedule } from '../../platform/jobs/index.ts';
import type { ModuleDescriptor } from '../../platform/modules.ts';
import { seedReportsDemo } from './demo.ts';
import { seedPlansDemo } from './plans-demo.ts';
import { planRoutes } from './plans-routes.ts';
import { reportRemindersJob } from './reminders.ts';
import { reportRoutes } from './routes.ts';
import { periodicRoutes } from './routes-periodic.ts';

/**
 * IT plans and periodic reports (issue 20): the measured figures of every agency and period, read
 * from documents, dossiers, public services and feedback through their index.ts, with the documents
 * behind each figure, the ranked table, the trend and the IT department's setting; the periodic
 * reports' templates, cycles, submissions, consolidation and daily reminders; the agencies' IT plans,
 * their appraisal by the IT department, approval by the People's Committee and progress.
 */
export const reportsModule: ModuleDescriptor = {
  name: 'reports',
  routes: [reportRoutes, periodicRoutes, planRoutes],
  jobs: [reportRemindersJob],
  // Reminders of periodic reports due within two working days or late, every day at 07:10.
  schedules: [defineSchedule('reports.reminders', '10 7 * * *', reportRemindersJob, {})],
  seedDemo: (db) => seedReportsDemo(db).then(() => seedPlansDemo(db)),
};

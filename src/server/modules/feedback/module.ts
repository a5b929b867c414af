import type { ModuleDescriptor } from '../../platform/modules.ts';
import { seedFeedbackDemo } from './demo.ts';
import { feedbackJobs, feedbackSchedules } from './jobs.ts';
import { feedbackPublicRoutes } from './public.ts';
import { feedbackRoutes } from './routes.ts';

/**
 * Citizens' feedback, complaints and denunciations (phản ánh, kiến nghị, khiếu nại, tố cáo): the
 * public form, tracking and board (public.ts), the staff register and actions (routes.ts), the
 * sealed identity (identity.ts, access.ts), the figures and the reminders.
 */
export const feedbackModule: ModuleDescriptor = {
  name: 'feedback',
  routes: [feedbackRoutes, feedbackPublicRoutes],
  jobs: feedbackJobs,
  schedules: feedbackSchedules,
  seedDemo: seedFeedbackDemo,
};

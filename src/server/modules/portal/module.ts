import { defineSchedule } from '../../platform/jobs/index.ts';
import type { ModuleDescriptor } from '../../platform/modules.ts';
import { seedAnnouncementsDemo } from './demo-announcements.ts';
import { seedInvitationsDemo } from './demo-invitations.ts';
import { seedScheduleDemo } from './demo-schedule.ts';
import { seedTasksDemo } from './demo-tasks.ts';
import { announcementsRoutes } from './routes-announcements.ts';
import { feedsRoutes } from './routes-feeds.ts';
import { homeRoutes } from './routes-home.ts';
import { invitationsRoutes } from './routes-invitations.ts';
import { scheduleRoutes } from './routes-schedule.ts';
import { tasksRoutes } from './routes-tasks.ts';
import { taskRemindersJob } from './tasks-reminders.ts';

export const portalModule: ModuleDescriptor = {
  name: 'portal',
  routes: [scheduleRoutes, feedsRoutes, invitationsRoutes, tasksRoutes, announcementsRoutes, homeRoutes],
  jobs: [taskRemindersJob],
  schedules: [
    // Tasks due soon / overdue: once each, every day at 07:15 (tasks-reminders.ts).
    defineSchedule('portal.task_reminders', '15 7 * * *', taskRemindersJob, {}),
  ],
  seedDemo: async (db) => {
    await seedScheduleDemo(db);
    await seedInvitationsDemo(db);
    await seedTasksDemo(db);
    await seedAnnouncementsDemo(db);
  },
};

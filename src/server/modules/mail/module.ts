import { defineSchedule } from '../../platform/jobs/index.ts';
import type { ModuleDescriptor } from '../../platform/modules.ts';
import { pollAllJob, pollJob } from './incoming.ts';
import { digestJob, documentJob, noticeJob, sendJob } from './outbox.ts';
import { mailRoutes } from './routes.ts';
import { MailWatcher } from './watcher.ts';

export const mailModule: ModuleDescriptor = {
  name: 'mail',
  routes: [mailRoutes],
  jobs: [sendJob, noticeJob, digestJob, documentJob, pollJob, pollAllJob],
  // Read every mailbox every 5 minutes; the digest at 16:30 on working days.
  schedules: [
    defineSchedule('mail.poll_all', '*/5 * * * *', pollAllJob, {}),
    defineSchedule('mail.digest', '30 16 * * 1-6', digestJob, {}),
  ],
  // New mail is noticed at once where the mailbox server offers IDLE.
  background: async (services, log) => {
    const watcher = new MailWatcher(services.db, services.config, { log });
    await watcher.start();
    return watcher;
  },
};

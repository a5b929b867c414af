// What other modules (and the runtime) may use from mail.

import { defineSchedule } from '../../platform/jobs/index.ts';
import { pollAllJob, pollJob } from './incoming.ts';
import { digestJob, documentJob, noticeJob, sendJob } from './outbox.ts';

export { mailRoutes } from './routes.ts';
export { mailAccounts, mailCandidates, mailOutbox, mailPreferences } from './schema.ts';
export { MailWatcher } from './watcher.ts';
// Notices (notifications) and documents released to an e-mail address (documents) queue these.
export { documentJob, noticeJob };

/** The mail module's jobs (registered in runtime.ts). */
export const MAIL_JOBS = [sendJob, noticeJob, digestJob, documentJob, pollJob, pollAllJob];

/** Recurring mail work: read every mailbox every 5 minutes; the digest at 16:30 on working days. */
export const MAIL_SCHEDULES = [
  defineSchedule('mail.poll_all', '*/5 * * * *', pollAllJob, {}),
  defineSchedule('mail.digest', '30 16 * * 1-6', digestJob, {}),
];

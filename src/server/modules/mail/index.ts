// What other modules (and the runtime) may use from mail.

export { mailModule } from './module.ts';
// Notices (notifications) and documents released to an e-mail address (documents) queue these.
export { documentJob, noticeJob } from './outbox.ts';
export { mailRoutes } from './routes.ts';
export { MailWatcher } from './watcher.ts';

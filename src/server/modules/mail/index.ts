// What other modules (and the runtime) may use from mail.

export { mailModule } from './module.ts';
// Notices (notifications) and documents released to an e-mail address (documents) queue these.
export { documentJob, noticeJob } from './outbox.ts';
// Mail to applicants and citizens (services, feedback), from the agency's or the province's mailbox.
export { type OutsideMail, queueOutsideMail } from './outside.ts';
export { mailRoutes } from './routes.ts';
export { MailWatcher } from './watcher.ts';

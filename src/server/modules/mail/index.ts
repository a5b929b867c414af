// What other modules (and the runtime) may use from mail.

import type { Config } from '../../config.ts';
import type { BlobStore } from '../../platform/blobs/index.ts';
import type { JobHandler } from '../../platform/jobs/index.ts';
import { pollAllJob, pollJob } from './incoming.ts';
import { digestJob, documentJob, noticeJob, sendJob } from './outbox.ts';

export { mailRoutes } from './routes.ts';
export { MailWatcher } from './watcher.ts';

/** The mail module's job handlers, by kind (registered in runtime.ts). */
export function mailJobHandlers(config: Config, blobs: BlobStore): Record<string, JobHandler> {
  return {
    'mail.send': sendJob(config, blobs),
    'mail.notice': noticeJob(config),
    'mail.digest': digestJob(config),
    'mail.document': documentJob,
    'mail.poll': pollJob(config, blobs),
    'mail.poll_all': pollAllJob,
  };
}

/** Recurring mail work: read every mailbox every 5 minutes; the digest at 16:30 on working days. */
export const MAIL_SCHEDULES = [
  { name: 'mail.poll_all', cron: '*/5 * * * *', kind: 'mail.poll_all' },
  { name: 'mail.digest', cron: '30 16 * * 1-6', kind: 'mail.digest' },
] as const;

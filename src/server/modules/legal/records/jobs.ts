import { z } from 'zod';
import { vnDate } from '../../../../shared/calendar/index.ts';
import {
  defineJob,
  defineSchedule,
  type JobDefinition,
  type ScheduleDefinition,
} from '../../../platform/jobs/index.ts';
import { legalExtractTextJob } from './files.ts';
import { recomputeStatuses } from './status.ts';

/**
 * The daily recompute of every legal document's cached status as of today in Vietnam (a replacement
 * or a term takes effect at midnight without anyone touching the record). Optional `asOf` for a rerun.
 */
export const recomputeStatusJob = defineJob(
  'legal.recompute_status',
  z.object({ asOf: z.iso.date().optional() }),
  (env) => ({
    transactional: false,
    run: async ({ db, job: { payload } }) => {
      await recomputeStatuses(db, payload.asOf ?? vnDate(env.now()));
    },
  }),
);

export const recordsJobs: JobDefinition[] = [recomputeStatusJob, legalExtractTextJob] as JobDefinition[];

/** The records' schedules: the status recompute at 00:05 every day. */
export const recordsSchedules: ScheduleDefinition[] = [
  defineSchedule('legal.recompute_status', '5 0 * * *', recomputeStatusJob, {}),
];

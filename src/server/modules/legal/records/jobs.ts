import type { JobDefinition } from '../../../platform/jobs/index.ts';

// Scaffold: the records jobs of issue 17.
export const recordsJobs: JobDefinition[] = [];

import type { JobDefinition } from '../../../platform/jobs/index.ts';

// Scaffold: the gazette jobs of issue 17.
export const gazetteJobs: JobDefinition[] = [];

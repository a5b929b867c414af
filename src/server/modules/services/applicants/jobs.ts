import type { JobDefinition } from '../../../platform/jobs/index.ts';

// Scaffold: the applicants' jobs of issue 18.
export const applicantJobs: JobDefinition[] = [];

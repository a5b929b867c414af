import type { JobDefinition } from '../../../platform/jobs/index.ts';

// Scaffold: the desk's jobs of issue 18 (due-soon prompts for apologies).
export const deskJobs: JobDefinition[] = [];

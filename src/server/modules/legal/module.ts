import type { ModuleDescriptor } from '../../platform/modules.ts';
import { copiesRoutes } from './copies/routes.ts';
import { seedGazetteDemo } from './gazette/demo.ts';
import { gazetteJobs, gazetteSchedules } from './gazette/jobs.ts';
import { gazetteRoutes } from './gazette/routes.ts';
import { importingRoutes } from './importing/routes.ts';
import { publicRoutes } from './public/routes.ts';
import { seedRecordsDemo } from './records/demo.ts';
import { legalOcrFinished } from './records/files.ts';
import { recordsJobs, recordsSchedules } from './records/jobs.ts';
import { recordsRoutes } from './records/routes.ts';

/**
 * The legal documents base (records/: records, files, relations, computed effect; importing/: back
 * catalogues), its public pages and open data (public/), the official gazette (gazette/) and copies
 * sent to agencies through the documents module (copies/).
 */
export const legalModule: ModuleDescriptor = {
  name: 'legal',
  routes: [recordsRoutes, importingRoutes, gazetteRoutes, copiesRoutes, publicRoutes],
  jobs: [...recordsJobs, ...gazetteJobs],
  // Statuses recomputed as of the new day at 00:05; the gazette's late items reported at 07:20.
  schedules: [...recordsSchedules, ...gazetteSchedules],
  // A scan's OCR text is ready: the legal records holding it read their text again (records/files.ts).
  provides: { ocrFinished: [legalOcrFinished] },
  seedDemo: async (db) => {
    await seedRecordsDemo(db);
    await seedGazetteDemo(db);
  },
};

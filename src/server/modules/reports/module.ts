import type { ModuleDescriptor } from '../../platform/modules.ts';
import { seedReportsDemo } from './demo.ts';
import { seedPlansDemo } from './plans-demo.ts';
import { planRoutes } from './plans-routes.ts';
import { reportRoutes } from './routes.ts';

/**
 * IT plans and periodic reports (issue 20). Built so far: the measured figures of every agency and
 * period, read from documents, dossiers, public services and feedback through their index.ts, with
 * the documents behind each figure, the ranked table, the trend and the IT department's setting.
 */
export const reportsModule: ModuleDescriptor = {
  name: 'reports',
  routes: [reportRoutes, planRoutes],
  seedDemo: (db) => seedReportsDemo(db).then(() => seedPlansDemo(db)),
};

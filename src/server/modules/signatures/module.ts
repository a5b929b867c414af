import type { ModuleDescriptor } from '../../platform/modules.ts';
import { signaturesRoutes } from './routes.ts';
import { trustRoutes } from './routes-trust.ts';
import { verifyPdfJob } from './verify/store.ts';

export const signaturesModule: ModuleDescriptor = {
  name: 'signatures',
  routes: [signaturesRoutes, trustRoutes],
  jobs: [verifyPdfJob],
};

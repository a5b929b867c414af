import type { ModuleDescriptor } from '../../platform/modules.ts';
import { ocrRoutes } from './routes.ts';
import { ocrJob } from './service.ts';

// Declares the ocrFileAccess and ocrFinished hook slots (hooks.ts); documents fills them.
export const ocrModule: ModuleDescriptor = {
  name: 'ocr',
  routes: [ocrRoutes],
  jobs: [ocrJob],
};

import type { ModuleDescriptor } from '../../platform/modules.ts';
import { ocrRoutes } from './routes.ts';

export const ocrModule: ModuleDescriptor = {
  name: 'ocr',
  routes: [ocrRoutes],
};

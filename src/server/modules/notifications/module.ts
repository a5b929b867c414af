import type { ModuleDescriptor } from '../../platform/modules.ts';
import { notificationRoutes } from './routes.ts';

export const notificationsModule: ModuleDescriptor = {
  name: 'notifications',
  routes: [notificationRoutes],
};

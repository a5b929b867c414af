import type { ModuleDescriptor } from '../../platform/modules.ts';
import { flushJob } from './outbox.ts';
import { exchangeRoutes } from './routes.ts';
import { outside } from './service.ts';

export const exchangeModule: ModuleDescriptor = {
  name: 'exchange',
  routes: [exchangeRoutes],
  jobs: [flushJob],
  // Releases, recalls, updates and incoming statuses of documents reach other installations through here.
  provides: { outsideExchange: outside },
};

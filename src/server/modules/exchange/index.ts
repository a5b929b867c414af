// What other modules may use from exchange (edXML packages between installations).
import { connectOutsideExchange } from '../documents/index.ts';
import { outside } from './service.ts';

// Releases, recalls, updates and incoming statuses of documents reach other installations through here.
connectOutsideExchange(outside);

export { FLUSH_JOB, flushJob, flushPeer } from './outbox.ts';
export { exchangeRoutes } from './routes.ts';

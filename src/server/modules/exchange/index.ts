// What other modules may use from exchange (edXML packages between installations).

export { exchangeModule } from './module.ts';
export { FLUSH_JOB, flushJob, flushPeer } from './outbox.ts';
export { exchangeRoutes } from './routes.ts';

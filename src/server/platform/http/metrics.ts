import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Metrics of the whole process, not of one app: the read replica's state and lag, where reads went,
 * jobs whose lease ran out and were taken over, cache notices heard from other processes. Several
 * apps may live in one process (tests), so these are made once here and merged into each app's
 * /metrics at scrape time.
 */
export const processRegistry = new Registry();

export const replicaUp = new Gauge({
  name: 'lt_replica_up',
  help: '1 when the read replica answers, is in recovery and is within the allowed lag; 0 otherwise (reads go to the primary)',
  registers: [processRegistry],
});
export const replicaLagSeconds = new Gauge({
  name: 'lt_replica_lag_seconds',
  help: 'Seconds between the primary and the replica, from the WAL positions and the last replayed transaction',
  registers: [processRegistry],
});
export const replicaLagBytes = new Gauge({
  name: 'lt_replica_lag_bytes',
  help: 'WAL bytes the replica has not replayed yet',
  registers: [processRegistry],
});
export const replicaProblems = new Counter({
  name: 'lt_replica_problems_total',
  help: 'Times the replica was set aside, by reason (unreachable, not_in_recovery, lagging, query_failed)',
  labelNames: ['reason'],
  registers: [processRegistry],
});
export const dbReads = new Counter({
  name: 'lt_db_reads_total',
  help: 'Lag-tolerant requests by where their reads went (replica, primary) and why (ok, own_write, down, lagging, off)',
  labelNames: ['target', 'reason'],
  registers: [processRegistry],
});
export const jobsReclaimed = new Counter({
  name: 'lt_jobs_reclaimed_total',
  help: 'Jobs whose worker stopped (lease ran out) and that another worker took over',
  labelNames: ['kind'],
  registers: [processRegistry],
});
export const cacheNotices = new Counter({
  name: 'lt_cache_notices_total',
  help: 'Cache invalidation notices heard from the database (this and other processes), by cache',
  labelNames: ['cache'],
  registers: [processRegistry],
});
export const requestsAborted = new Counter({
  name: 'lt_http_requests_aborted_total',
  help: 'Requests whose client (or the proxy) closed the connection before the answer was sent',
  labelNames: ['method'],
  registers: [processRegistry],
});

let defaultsCollected = false;

/** Prometheus metrics at /metrics: process defaults, a request-duration histogram per route, and the process's own. */
export function installMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  if (!defaultsCollected) {
    collectDefaultMetrics({ register: processRegistry });
    defaultsCollected = true;
  }
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    duration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  // A request whose connection closed before its answer went out: counted and logged, so a proxy
  // that drops connections shows in /metrics. What the request wrote is committed or not as a whole.
  app.addHook('onRequestAbort', async (req) => {
    requestsAborted.inc({ method: req.method });
    req.log.warn({ url: req.url }, 'request aborted by the client or the proxy');
  });
  app.get('/metrics', { config: { permission: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    const merged = Registry.merge([registry, processRegistry]);
    reply.type(merged.contentType);
    return merged.metrics();
  });
  return registry;
}

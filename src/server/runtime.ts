import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { type DemoSeedResult, demoPassword, seedDemo } from './demo/seed.ts';
import { MODULES } from './modules/index.ts';
import { DiskBlobStore } from './platform/blobs/store.ts';
import type { Services } from './platform/context.ts';
import { JobRunner, type RunnerOptions, schedule } from './platform/jobs/index.ts';
import { type Background, jobsOf, type ModuleDescriptor, schedulesOf } from './platform/modules.ts';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIR = path.join(ROOT_DIR, 'dist', 'web');

/** Opens the configured database: a PostgreSQL server when DATABASE_URL is set, else PGlite in DATA_DIR/pg. */
export function openConfigured(config: Config): Promise<Database> {
  return openDatabase({
    databaseUrl: config.DATABASE_URL,
    pgliteDir: config.DATABASE_URL ? undefined : path.join(config.dataDir, 'pg'),
    poolSize: config.DATABASE_POOL_SIZE,
    replicaUrl: config.DATABASE_REPLICA_URL,
    replicaMaxLagMs: config.DATABASE_REPLICA_MAX_LAG_MS,
  });
}

export function blobStoreFor(config: Config): DiskBlobStore {
  return new DiskBlobStore(path.join(config.dataDir, 'blobs'));
}

/** A runner of the modules' jobs, with the app's services for the handlers that need them. */
export function jobRunner(
  services: Services,
  opts: RunnerOptions = {},
  modules: readonly ModuleDescriptor[] = MODULES,
): JobRunner {
  return new JobRunner(services.db, jobsOf(modules), { ...opts, env: services });
}

export interface Server {
  app: FastifyInstance;
  database: Database;
  runner: JobRunner | null;
  url: string;
  demo: (DemoSeedResult & { password: string }) | null;
  stop(): Promise<void>;
}

/** Migrates, seeds the demo province on a first embedded start, builds the app, listens, starts jobs. */
export async function startServer(config: Config): Promise<Server> {
  const database = await openConfigured(config);
  await database.migrate();
  let demo: Server['demo'] = null;
  const embedded = !config.DATABASE_URL;
  if (config.DEMO === 'auto' && embedded) {
    const password = demoPassword(config.dataDir, config.DEMO_PASSWORD);
    // seedDemo is idempotent: on later starts it only returns the accounts to print.
    demo = { ...(await seedDemo(database.db, password, config)), password };
  }
  const app = await buildApp({ config, database, blobs: blobStoreFor(config), webDir: WEB_DIR });
  await app.listen({ host: config.HOST, port: config.PORT });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  let runner: JobRunner | null = null;
  const background: Background[] = [];
  if (config.JOBS_ENABLED === 'true') {
    runner = jobRunner(app.services, { log: app.log, leaseMs: config.JOB_LEASE_SECONDS * 1000 });
    for (const s of schedulesOf(MODULES)) await schedule(database.db, s);
    runner.start();
    for (const m of MODULES) if (m.background) background.push(await m.background(app.services, app.log));
  }
  return {
    app,
    database,
    runner,
    url,
    demo,
    async stop() {
      for (const b of background.reverse()) await b.stop();
      await runner?.stop();
      await app.close();
      await database.close();
    },
  };
}

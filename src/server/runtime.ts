import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { type DemoSeedResult, demoPassword, seedDemo } from './demo/seed.ts';
import { deadlineReminders } from './modules/documents/reminders.ts';
import { extractTextJob } from './modules/documents/text-index.ts';
import { buildPackageJob } from './modules/dossiers/index.ts';
import { flushJob } from './modules/exchange/index.ts';
import { MAIL_JOBS, MAIL_SCHEDULES, MailWatcher } from './modules/mail/index.ts';
import { purgeSessionsJob } from './modules/people/auth.ts';
import { DiskBlobStore } from './platform/blobs/store.ts';
import type { Services } from './platform/context.ts';
import {
  defineSchedule,
  type JobDefinition,
  JobRunner,
  type RunnerOptions,
  schedule,
} from './platform/jobs/index.ts';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIR = path.join(ROOT_DIR, 'dist', 'web');

/** Opens the configured database: a PostgreSQL server when DATABASE_URL is set, else PGlite in DATA_DIR/pg. */
export function openConfigured(config: Config): Promise<Database> {
  return openDatabase({
    databaseUrl: config.DATABASE_URL,
    pgliteDir: config.DATABASE_URL ? undefined : path.join(config.dataDir, 'pg'),
    poolSize: config.DATABASE_POOL_SIZE,
  });
}

export function blobStoreFor(config: Config): DiskBlobStore {
  return new DiskBlobStore(path.join(config.dataDir, 'blobs'));
}

/** The jobs of every module (modules add theirs here as they grow). */
export function jobDefinitions(): JobDefinition[] {
  return [extractTextJob, deadlineReminders, buildPackageJob, flushJob, ...MAIL_JOBS, purgeSessionsJob];
}

/** A runner of every module's jobs, with the app's services for the handlers that need them. */
export function jobRunner(services: Services, opts: RunnerOptions = {}): JobRunner {
  return new JobRunner(services.db, jobDefinitions(), { ...opts, env: services });
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
    demo = { ...(await seedDemo(database.db, password)), password };
  }
  const app = await buildApp({ config, database, blobs: blobStoreFor(config), webDir: WEB_DIR });
  await app.listen({ host: config.HOST, port: config.PORT });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  let runner: JobRunner | null = null;
  let watcher: MailWatcher | null = null;
  if (config.JOBS_ENABLED === 'true') {
    runner = jobRunner(app.services, { log: app.log });
    await schedule(database.db, defineSchedule('sessions.purge', '17 3 * * *', purgeSessionsJob, {}));
    await schedule(
      database.db,
      defineSchedule('documents.deadline_reminders', '30 7 * * 1-6', deadlineReminders, {}),
    );
    for (const s of MAIL_SCHEDULES) await schedule(database.db, s);
    runner.start();
    // New mail is noticed at once where the mailbox server offers IDLE.
    watcher = new MailWatcher(database.db, config, { log: app.log });
    await watcher.start();
  }
  return {
    app,
    database,
    runner,
    url,
    demo,
    async stop() {
      await watcher?.stop();
      await runner?.stop();
      await app.close();
      await database.close();
    },
  };
}

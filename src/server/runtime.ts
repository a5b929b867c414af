import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { type DemoSeedResult, demoPassword, seedDemo } from './demo/seed.ts';
import { deadlineReminders } from './modules/documents/reminders.ts';
import { extractTextJob } from './modules/documents/text-index.ts';
import { buildPackageJob } from './modules/dossiers/index.ts';
import { FLUSH_JOB, flushJob } from './modules/exchange/index.ts';
import { MAIL_SCHEDULES, MailWatcher, mailJobHandlers } from './modules/mail/index.ts';
import { DiskBlobStore } from './platform/blobs/store.ts';
import { type JobHandler, JobRunner, schedule } from './platform/jobs/index.ts';

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

/** Job handlers of every module, by kind (modules add theirs here as they grow). */
export function jobHandlers(config: Config): Record<string, JobHandler> {
  return {
    'documents.extract_text': extractTextJob(blobStoreFor(config)),
    'documents.deadline_reminders': deadlineReminders,
    'dossiers.build_package': buildPackageJob(config, blobStoreFor(config)),
    [FLUSH_JOB]: flushJob(blobStoreFor(config), config),
    ...mailJobHandlers(config, blobStoreFor(config)),
    // Housekeeping: sessions long expired or revoked are removed after 30 days (the audit log keeps sign-ins).
    'sessions.purge': {
      run: async ({ db }) => {
        await db.execute(
          sql`DELETE FROM sessions WHERE expires_at < now() - interval '30 days' OR revoked_at < now() - interval '30 days'`,
        );
      },
    },
  };
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
    runner = new JobRunner(database.db, jobHandlers(config), { log: app.log });
    await schedule(database.db, 'sessions.purge', '17 3 * * *', 'sessions.purge');
    await schedule(
      database.db,
      'documents.deadline_reminders',
      '30 7 * * 1-6',
      'documents.deadline_reminders',
    );
    for (const s of MAIL_SCHEDULES) await schedule(database.db, s.name, s.cron, s.kind);
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

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { MODULES } from './modules/index.ts';
import { resolveSession } from './modules/people/index.ts';
import { accessGuard } from './platform/access/guard.ts';
import {
  SESSION_CHANNEL,
  sessionBarrier,
  sessionCache,
  sessionNotice,
} from './platform/access/session-cache.ts';
import type { BlobStore } from './platform/blobs/store.ts';
import { DiskBlobStore } from './platform/blobs/store.ts';
import { listenCacheChanges } from './platform/cache-bus.ts';
import { redactUrl } from './platform/http/log-redact.ts';
import { installMetrics } from './platform/http/metrics.ts';
import { installProblemHandlers } from './platform/http/problem.ts';
import { installReadYourWrites } from './platform/http/read-your-writes.ts';
import { composeHooks, type ModuleDescriptor } from './platform/modules.ts';
import './platform/http/ctx.ts';
import '../shared/zod-vi.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  blobs?: BlobStore;
  /** The clock services see; tests move it to check deadlines. */
  now?: () => Date;
  /** Folder of the built web app; served with SPA fallback when it exists. */
  webDir?: string;
  /** The modules to compose (all of them, src/server/modules/index.ts, unless a test says otherwise). */
  modules?: readonly ModuleDescriptor[];
  /** Where the log goes (standard output unless a test captures it). */
  logStream?: NodeJS.WritableStream;
}

/** Composes platform and modules into one Fastify instance; holds no business logic. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  const modules = deps.modules ?? MODULES;
  const app = Fastify({
    logger:
      config.LOG_LEVEL === 'silent'
        ? false
        : {
            level: config.LOG_LEVEL,
            redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
            // Fastify's own request serializer, with secrets cut out of the URL (feed tokens).
            serializers: {
              req: (req: FastifyRequest) => ({
                method: req.method,
                url: redactUrl(req.url),
                host: req.host,
                remoteAddress: req.ip,
                remotePort: req.socket?.remotePort,
              }),
            },
            ...(deps.logStream ? { stream: deps.logStream } : {}),
          },
    genReqId: (req) =>
      typeof req.headers['x-request-id'] === 'string'
        ? req.headers['x-request-id'].slice(0, 100)
        : randomUUID(),
    requestIdHeader: false,
    trustProxy: true,
    bodyLimit: 10 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('services', {
    db: database.db,
    reader: database.reader,
    config,
    blobs: deps.blobs ?? new DiskBlobStore(path.join(config.dataDir, 'blobs')),
    now: deps.now ?? (() => new Date()),
    // The modules' hooks into each other, connected here once: services find them in ctx.hooks.
    hooks: composeHooks(modules),
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  installProblemHandlers(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(cookie);
  if (database.replica) installReadYourWrites(app, database, config.DATABASE_REPLICA_MAX_LAG_MS);
  await app.register(multipart, { limits: { fileSize: config.UPLOAD_MAX_BYTES, files: 1, fields: 20 } });
  await app.register(rateLimit, { global: false });
  // The guard goes first so its onRoute check sees every route, the docs plugin's included.
  await app.register(accessGuard, {
    resolveSession: (token, req) => resolveSession(database.query, token, req.ip),
    cache: sessionCache,
    // Several processes share sessions only on PostgreSQL (PGlite is one process).
    notified:
      database.kind === 'postgres'
        ? () => {
            const id = randomUUID();
            return sessionBarrier(id, () =>
              database.query('SELECT pg_notify($1, $2)', [SESSION_CHANNEL, `barrier:${id}`]),
            );
          }
        : undefined,
    publicPrefixes: ['/api/docs'],
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Liên Thông API', version: '1', description: 'API của hệ thống dùng chung Liên Thông' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'lt_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  sessionCache.setTtl(config.SESSION_CACHE_MS);
  const unlisten = await database.listen(SESSION_CHANNEL, sessionNotice, () => sessionCache.clear());
  // The in-process caches of pages, feeds and tokens follow changes made by any process (cache-bus.ts).
  const unlistenCaches = await listenCacheChanges(database);
  app.addHook('onClose', async () => {
    await unlisten();
    await unlistenCaches();
  });

  installMetrics(app);
  app.get('/healthz', { config: { permission: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    try {
      await database.query('SELECT 1');
      // The replica's state is shown, not judged: without it reads go to the primary and all is well.
      return {
        status: 'ok',
        database: database.kind,
        ...(database.replica ? { replica: database.replica.current().state } : {}),
      };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: database.kind });
    }
  });

  for (const m of modules) for (const routes of m.routes ?? []) await app.register(routes);

  if (deps.webDir && fs.existsSync(path.join(deps.webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: deps.webDir, serve: false });
    // The SPA owns every non-API path.
    app.get('/*', { config: { permission: 'public' }, schema: { hide: true } }, async (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.callNotFound();
      const rel = decodeURIComponent(req.url.split('?')[0]!).replace(/^\/+/, '');
      const file = path.join(deps.webDir!, rel);
      if (
        rel &&
        !rel.split('/').some((seg) => seg.startsWith('.')) &&
        file.startsWith(deps.webDir!) &&
        fs.existsSync(file) &&
        fs.statSync(file).isFile()
      ) {
        reply.header(
          'cache-control',
          rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
        return reply.sendFile(rel);
      }
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    });
  }
  return app;
}

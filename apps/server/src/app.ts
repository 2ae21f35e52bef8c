import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Language } from '@gendan/contracts';
import type { Config } from './config';
import { openDatabase, migrateToLatest, type Database } from './db/database';
import type { DB } from './db/schema';
import type { AuthUser } from './lib/context';
import { newRequestId } from './lib/ids';
import { languageFromHeader } from './lib/lang';
import { requestLoggerFactory } from './lib/request-logger';
import { registerErrorHandling } from './plugins/errors';
import { registerOpenApi } from './plugins/openapi';
import { registerWeb } from './plugins/web';
import { registerCsrf } from './plugins/csrf';
import { registerTextGuard } from './plugins/text-guard';
import { registerIdentity, identityRoutes, type AuthCache, type RouteAccess } from './modules/identity/index';
import {
  platformRoutes,
  registerIdempotency,
  FileStore,
  OutboxWorker,
  SettingsCache,
} from './modules/platform/index';
import { catalogRoutes } from './modules/catalog/index';
import { orderRoutes } from './modules/orders/index';
import { planningRoutes } from './modules/planning/index';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    db: Kysely<DB>;
    files: FileStore;
    outbox: OutboxWorker;
    /** Who recent credentials belong to, at most a second old (see AuthCache). */
    authCache: AuthCache;
    /** Company settings for hot paths, at most a second old (see SettingsCache). */
    settings: SettingsCache;
  }
  interface FastifyRequest {
    user: AuthUser | null;
    lang: Language;
  }
  interface FastifyContextConfig {
    /** Who may call the route: checked for every /api route before validation. */
    access?: RouteAccess;
    /**
     * `false`: the route never looks at the caller's credentials (health probes): no session or
     * token look-up, and a bad token is not refused. Default: a public route still identifies a
     * caller that sends credentials (logout needs the session).
     */
    identify?: boolean;
  }
}

export interface BuildOptions {
  /** An already opened (and migrated) database; otherwise one is opened from the config. */
  database?: Database;
  logger?: FastifyServerOptions['logger'];
}

export type App = FastifyInstance;

/** Builds the Fastify app. Tests call it and use `app.inject`; `gendan serve` listens on it. */
export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const database =
    opts.database ??
    openDatabase({
      databaseUrl: config.databaseUrl,
      sqliteFile: path.join(config.dataDir, 'gendan.db'),
      pgPoolSize: config.pgPoolSize,
    });
  if (!opts.database) await migrateToLatest(database);

  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel },
    childLoggerFactory: requestLoggerFactory,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.:-]{1,64}$/.test(incoming) ? incoming : newRequestId();
    },
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: true,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorate('config', config);
  app.decorate('database', database);
  app.decorate('db', database.db);
  app.decorate('files', new FileStore(path.join(config.dataDir, 'files')));
  app.decorate('settings', new SettingsCache(config.timeZone));
  app.decorate('outbox', new OutboxWorker(database, { intervalMs: config.outboxIntervalMs, log: app.log }));
  app.decorateRequest('user', null);
  app.decorateRequest('lang', 'zh-CN');

  app.addHook('onRequest', (req, reply, done) => {
    req.lang = languageFromHeader(req.headers['accept-language']);
    void reply.header('x-request-id', req.id);
    done();
  });

  registerErrorHandling(app);
  await registerOpenApi(app);
  registerIdentity(app);
  registerCsrf(app);
  registerTextGuard(app);
  registerIdempotency(app);

  await app.register(platformRoutes, { prefix: '/api' });
  await app.register(identityRoutes, { prefix: '/api' });
  await app.register(catalogRoutes, { prefix: '/api' });
  await app.register(orderRoutes, { prefix: '/api' });
  await app.register(planningRoutes, { prefix: '/api' });

  await registerWeb(app);

  if (config.workers) {
    app.addHook('onReady', () => {
      app.outbox.start();
      return Promise.resolve();
    });
  }
  app.addHook('onClose', async () => {
    await app.outbox.stop();
    if (!opts.database) await database.destroy();
  });
  return app;
}

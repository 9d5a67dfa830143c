import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { FormloomError, type DocumentStore, type JobQueue, type Principal } from '@formloom/model';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import { authRoutes, type AuthRouteOptions } from '../auth/auth-routes.js';
import type { Config } from '../config.js';
import { registerHealthRoutes } from '../health/health-routes.js';
import { registerOrgRoutes } from '../org/org-routes.js';
import { installErrorHandling } from './error-handler.js';
import { loggerOptions } from './logging.js';
import { installOpenApi } from './openapi.js';
import { installRouteAccess } from './route-access.js';
import type { FormloomApp, Services } from './types.js';
import { createServices } from './services.js';
import { createSchemaController } from './validation.js';

/**
 * Builds the Fastify app: validation, errors, OpenAPI, cookies, rate limits, deny-by-default
 * access, the core routes (health, auth, org) and then the route modules given by the caller
 * (apps, forms, records …). It does not listen and does not bootstrap users: see boot.ts.
 */
export type RouteModule = (app: FormloomApp) => Promise<void> | void;

export interface BuildAppOptions {
  config: Config;
  store: DocumentStore;
  queue: JobQueue;
  /** A pino logger to use; default a new one at `config.logLevel`. `false` = no logs. */
  logger?: FastifyBaseLogger | false;
  /** Route modules registered after the core routes, in order, on the root instance. */
  registerRoutes?: RouteModule[];
  auth?: AuthRouteOptions;
  /** Services made beforehand with createServices (default: made here). */
  services?: Services;
}

export async function buildApp(options: BuildAppOptions): Promise<FormloomApp> {
  const { config, store, queue } = options;
  const fastifyOptions = {
    // A hop count becomes proxy-addr's function form (Fastify's typings only list that).
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    genReqId: () => randomUUID(),
    schemaController: createSchemaController(),
    return503OnClosing: true,
    forceCloseConnections: 'idle' as const,
  };
  const fastify =
    options.logger === undefined
      ? Fastify({ ...fastifyOptions, logger: loggerOptions(config.logLevel) })
      : options.logger === false
        ? Fastify({ ...fastifyOptions, logger: false })
        : Fastify({ ...fastifyOptions, loggerInstance: options.logger });
  const app: FormloomApp = fastify.withTypeProvider<TypeBoxTypeProvider>();

  const services: Services = options.services ?? (await createServices(config, store, queue));
  app.decorate('services', services);
  app.decorateRequest('principal', null as unknown as Principal);

  installErrorHandling(app);
  // Cookies are parsed in an onRequest hook that must run before the access hook reads them.
  await app.register(cookie, { secret: config.serverSecret, hook: 'onRequest' });
  installRouteAccess(app, services.auth);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    // API answers carry private data: never kept by shared caches or the browser's disk cache.
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs'))
      reply.header('cache-control', 'no-store');
  });

  // With Redis the limits are shared by every server process; otherwise they are per process.
  const rateLimitRedis =
    config.redisUrl === null
      ? undefined
      : new Redis(config.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 5000, enableOfflineQueue: true });
  if (rateLimitRedis) app.addHook('onClose', async () => void (await rateLimitRedis.quit()));
  await app.register(rateLimit, {
    global: false,
    redis: rateLimitRedis,
    nameSpace: 'formloom-rate-limit:',
    // Redis trouble must not lock everyone out of signing in; the limit is then skipped.
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new FormloomError('RATE_LIMITED', `Too many requests; try again in ${context.after}`),
  });
  await installOpenApi(app, config.publicUrl);

  await registerHealthRoutes(app);
  await authRoutes(options.auth)(app);
  await registerOrgRoutes(app);
  for (const register of options.registerRoutes ?? []) await register(app);
  return app;
}

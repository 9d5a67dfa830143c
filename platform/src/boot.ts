import type { DocumentStore, JobQueue } from '@formloom/model';
import { pino, type Logger } from 'pino';
import { createBullmqQueue, createInlineQueue } from './adapters/queue/index.js';
import { openEmbeddedStore } from './adapters/store/embedded/index.js';
import { bootstrapAuth, type BootstrapResult } from './auth/bootstrap.js';
import type { Config } from './config.js';
import { registerWorkers, routeModules } from './modules.js';
import { buildApp, type RouteModule } from './server/app.js';
import { REDACTED_PATHS } from './server/logging.js';
import { createServices } from './server/services.js';
import type { FormloomApp } from './server/types.js';

/**
 * Starting and stopping the two processes: `serve` (HTTP API; also runs the queue processors
 * when the queue is in-process) and `worker` (queue processors only, for BullMQ). Shutdown
 * closes in order: HTTP, then workers and queue, then the store.
 */
export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}

export async function openStore(config: Config): Promise<DocumentStore> {
  if (config.mongoUrl === null) return openEmbeddedStore({ dir: config.dataDir, synchronous: config.embeddedSync });
  // Loaded only when used, so the embedded default never touches the MongoDB driver.
  const { openMongoStore } = await import('./adapters/store/mongodb/index.js');
  return openMongoStore({ url: config.mongoUrl, dbName: config.mongoDb ?? undefined });
}

export async function openQueue(config: Config, logger: Logger): Promise<JobQueue> {
  if (config.redisUrl === null) return createInlineQueue({ logger });
  return createBullmqQueue({ url: config.redisUrl, logger });
}

/**
 * The server is also the worker when the queue is in-process, or when the store is the
 * embedded one (a single process owns DATA_DIR, so no separate worker can open it).
 */
export function runsWorkersInProcess(store: DocumentStore, queue: JobQueue): boolean {
  return queue.kind === 'inline' || store.kind === 'embedded';
}

export interface RunningServer {
  app: FormloomApp;
  url: string;
  bootstrap: BootstrapResult;
  close(): Promise<void>;
}

export interface StartServerOptions {
  logger?: Logger;
  /** Default: every module of modules.ts. */
  registerRoutes?: RouteModule[];
  /** Listen (default true); false builds and bootstraps only. */
  listen?: boolean;
}

export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config);
  const store = await openStore(config);
  let queue: JobQueue | null = null;
  let app: FormloomApp | null = null;
  try {
    queue = await openQueue(config, logger);
    const services = await createServices(config, store, queue);
    app = await buildApp({
      config,
      store,
      queue,
      services,
      logger,
      registerRoutes: options.registerRoutes ?? routeModules(),
    });
    const bootstrap = await bootstrapAuth(store, config.adminPassword);
    if (runsWorkersInProcess(store, queue)) await registerWorkers(app.services);
    let url = config.publicUrl;
    if (options.listen !== false) {
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      if (address && typeof address === 'object' && config.publicUrl === `http://localhost:${config.port}`) {
        url = `http://localhost:${address.port}`;
      }
    }
    const running = app;
    const openedQueue = queue;
    return {
      app: running,
      url,
      bootstrap,
      close: () => closeInOrder(logger, running, openedQueue, store),
    };
  } catch (e) {
    await closeInOrder(logger, app, queue, store);
    throw e;
  }
}

export interface RunningWorker {
  close(): Promise<void>;
}

export async function startWorker(config: Config, options: { logger?: Logger } = {}): Promise<RunningWorker> {
  const logger = options.logger ?? createLogger(config);
  const store = await openStore(config);
  let queue: JobQueue | null = null;
  try {
    queue = await openQueue(config, logger);
    const services = await createServices(config, store, queue);
    await registerWorkers(services);
    const openedQueue = queue;
    return { close: () => closeInOrder(logger, null, openedQueue, store) };
  } catch (e) {
    await closeInOrder(logger, null, queue, store);
    throw e;
  }
}

/** HTTP first (no new requests, running ones finish), then the queue (running jobs finish), then the store. */
async function closeInOrder(
  logger: Logger,
  app: FormloomApp | null,
  queue: JobQueue | null,
  store: DocumentStore,
): Promise<void> {
  const steps: Array<[string, () => Promise<unknown>]> = [];
  if (app) steps.push(['http', () => app.close()]);
  if (queue) steps.push(['queue', () => queue.close()]);
  steps.push(['store', () => store.close()]);
  let failure: unknown = null;
  for (const [name, close] of steps) {
    try {
      await close();
      logger.debug({ step: name }, 'closed');
    } catch (err) {
      logger.error({ err, step: name }, 'close failed');
      failure ??= err;
    }
  }
  if (failure) throw failure;
}

/**
 * SIGTERM/SIGINT: close gracefully, then exit 0 (1 when closing failed). A second signal
 * while closing exits at once with 1.
 */
export function exitOnSignals(close: () => Promise<void>, logger: Logger): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    closing = true;
    logger.info({ signal }, 'shutting down');
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

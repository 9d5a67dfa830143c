import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentStore, JobQueue } from '@formloom/model';
import {
  bootstrapAuth,
  buildApp,
  createInlineQueue,
  loadConfig,
  openEmbeddedStore,
  registerWorkers,
  routeModules,
  type Config,
  type FormloomApp,
  type RouteModule,
} from '@formloom/platform';

/**
 * A complete Formloom app for API tests: embedded store in a fresh temp DATA_DIR, the inline
 * queue, every route module, the bootstrapped `admin` user (password TEST_ADMIN_PASSWORD)
 * and a token for it. Call `close()` in afterAll/afterEach: it closes everything and deletes
 * the directory.
 */
export const TEST_ADMIN_PASSWORD = 'admin-password-for-tests';

export interface TestApp {
  app: FormloomApp;
  store: DocumentStore;
  queue: JobQueue;
  config: Config;
  dataDir: string;
  /** Signs in through POST /api/auth/login; throws with the answer when it fails. */
  login(username: string, password: string): Promise<string>;
  adminToken: string;
  /** `{ authorization: 'Bearer …' }` for inject. */
  auth(token: string): { authorization: string };
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Default: every module of platform/src/modules.ts. */
  registerRoutes?: RouteModule[];
  /** Login attempts per IP and username per minute (default 10). */
  loginRateLimit?: number;
  /** Extra environment, e.g. `{ PUBLIC_URL: 'https://…' }`. */
  env?: Record<string, string>;
  /** Another queue (e.g. BullMQ on a test redis-server); default the in-process queue. Closed by `close()`. */
  queue?: JobQueue;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'formloom-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const store = await openEmbeddedStore({ dir: dataDir });
  const queue = options.queue ?? createInlineQueue();
  let app: FormloomApp;
  try {
    app = await buildApp({
      config,
      store,
      queue,
      logger: false,
      registerRoutes: options.registerRoutes ?? routeModules(),
      auth: options.loginRateLimit
        ? { loginRateLimit: { max: options.loginRateLimit, timeWindowMs: 60_000 } }
        : undefined,
    });
    await bootstrapAuth(store, config.adminPassword);
    await registerWorkers(app.services);
    await app.ready();
  } catch (e) {
    await queue.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  }

  const login = async (username: string, password: string): Promise<string> => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
    return (res.json() as { token: string }).token;
  };

  return {
    app,
    store,
    queue,
    config,
    dataDir,
    login,
    adminToken: await login('admin', TEST_ADMIN_PASSWORD),
    auth: (token) => ({ authorization: `Bearer ${token}` }),
    close: async () => {
      await app.close();
      await queue.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

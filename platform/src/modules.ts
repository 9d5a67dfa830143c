import { registerSessionCleanupWorker } from './auth/session-cleanup.js';
import { registerCommentRoutes } from './comments/index.js';
import { registerDirectoryRoutes } from './directory/index.js';
import { registerExchangeRoutes, registerImportWorker } from './exchange/index.js';
import { registerBlobRefWorker, registerFileRoutes } from './files/index.js';
import { registerFlowDefinitions } from './flows/definitions/index.js';
import { registerFlowRuntimeRouteModule, registerFlowRuntimeWorker } from './flows/runtime/index.js';
import { registerNotificationRoutes, registerNotificationWorker } from './notifications/index.js';
import { registerPublicFormRoutes, registerPublicUploadCleanupWorker } from './public-forms/index.js';
import { registerAppAndRecordRoutes, registerRecordEventWorker } from './records/index.js';
import { registerReindexRouteModule, registerReindexWorker } from './records/reindex/index.js';
import type { RouteModule } from './server/app.js';
import type { Services } from './server/types.js';
import { registerWebApps } from './web/index.js';

/**
 * What the platform is made of beyond its core (health, auth, org): the route modules the
 * server registers and the queue processors the worker runs. Add a module here and both
 * `formloom serve` and the tests that build the full app pick it up.
 */
export type WorkerModule = (services: Services) => Promise<void>;

export function routeModules(): RouteModule[] {
  return [
    registerAppAndRecordRoutes,
    registerFlowDefinitions,
    registerDirectoryRoutes,
    registerCommentRoutes,
    registerNotificationRoutes,
    registerFlowRuntimeRouteModule,
    registerFileRoutes,
    registerPublicFormRoutes,
    registerExchangeRoutes,
    registerReindexRouteModule,
    registerWebApps,
  ];
}

/**
 * Starts the queue processors of every module in this process. With the inline queue the
 * server calls it itself; with BullMQ only `formloom worker` does.
 */
export const workerModules: WorkerModule[] = [
  registerSessionCleanupWorker,
  registerBlobRefWorker,
  registerPublicUploadCleanupWorker,
  // Before the record-event worker: its subscriber must be in place when the outbox is re-armed.
  registerFlowRuntimeWorker,
  registerRecordEventWorker,
  registerImportWorker,
  registerNotificationWorker,
  // Last: the background reindex of older records' link and file indexes (see records/reindex).
  registerReindexWorker,
];

export async function registerWorkers(services: Services): Promise<void> {
  for (const register of workerModules) await register(services);
}

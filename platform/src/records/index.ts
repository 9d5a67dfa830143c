import {
  createRecordEvents,
  createRecordService,
  type FormCatalog,
  type RecordEvents,
  type RecordService,
} from '@formloom/engine';
import { createAppRegistry, type AppRegistry } from '../apps/app-registry.js';
import { registerAppRoutes } from '../apps/app-routes.js';
import { registerFormRoutes } from '../apps/form-routes.js';
import type { FormloomApp, Services } from '../server/types.js';
import { registerRecordRoutes } from './record-routes.js';

export { registerRecordRoutes } from './record-routes.js';
export { recordContext } from './record-context.js';

declare module '../server/types.js' {
  interface Services {
    /** The app registry (apps, forms, versions, the engine's catalog and record service). */
    apps?: AppRegistry;
    /** The records engine bound to the registry's catalog. */
    records?: RecordService;
    /** The record-event outbox: flows and automations subscribe here. */
    recordEvents?: RecordEvents;
  }
}

/** The process's record-event outbox, created once per Services object (server and worker share it in one process). */
export function recordEventsOf(services: Services): RecordEvents {
  services.recordEvents ??= createRecordEvents({ store: services.store, queue: services.queue });
  return services.recordEvents;
}

/**
 * Route module for `buildApp` (`registerRoutes: [..., registerAppAndRecordRoutes]`): builds the
 * app registry and the record service on `app.services.store`, exposes them as
 * `app.services.apps` / `app.services.records`, and registers every app, form and record route.
 */
export async function registerAppAndRecordRoutes(app: FormloomApp): Promise<void> {
  const services = app.services;
  const events = recordEventsOf(services);
  const registry = createAppRegistry({
    store: services.store,
    createRecords: (catalog: FormCatalog) =>
      createRecordService({ store: services.store, catalog, events, logger: app.log }),
  });
  await registry.ensureIndexes();
  services.apps = registry;
  services.records = registry.records;
  registerAppRoutes(app, registry);
  registerFormRoutes(app, registry);
  registerRecordRoutes(app, registry);
}

/**
 * Worker module (`workerModules`): dispatches record events to their subscribers in this
 * process and re-queues the ones a crash left undispatched. The server runs it itself with
 * the in-process queue; with BullMQ, `formloom worker` does.
 */
export async function registerRecordEventWorker(services: Services): Promise<void> {
  const events = recordEventsOf(services);
  await events.ensureIndexes();
  await events.startDispatcher();
  await events.rearm();
  // The outbox is not an archive: dispatched events go after a week (history keeps the changes).
  await services.queue.process(OUTBOX_PRUNE_QUEUE, async () => {
    await events.pruneDispatched(OUTBOX_RETENTION_MS);
  });
  await services.queue.schedule(OUTBOX_PRUNE_QUEUE, 'prune-dispatched-events', '17 * * * *', 'prune', {});
}

const OUTBOX_PRUNE_QUEUE = 'record-events-prune';
const OUTBOX_RETENTION_MS = 7 * 24 * 3600 * 1000;

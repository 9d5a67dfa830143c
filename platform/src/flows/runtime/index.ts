import type { Notifier } from '@formloom/model';
import { createFlowRuntime, type FlowRuntime } from '@formloom/engine';
import { FORMS, type FormDoc } from '../../apps/app.types.js';
import { registryOf } from '../../exchange/registry-of.js';
import { blobStoreOf } from '../../files/index.js';
import { notifierOf } from '../../notifications/index.js';
import { recordEventsOf } from '../../records/index.js';
import type { FormloomApp, Services } from '../../server/types.js';
import { flowCatalogOf } from '../definitions/index.js';
import { registerFlowRuntimeRoutes } from './flow-runtime-routes.js';
import { registerRecordFlowRoutes } from './record-flow-routes.js';
import { StoreOrgDirectory } from './store-org-directory.js';

export { StoreOrgDirectory } from './store-org-directory.js';
export { registerFlowRuntimeRoutes } from './flow-runtime-routes.js';

declare module '../../server/types.js' {
  interface Services {
    /** The flow runtime of this process (created once per Services by flowRuntimeOf). */
    flowRuntime?: FlowRuntime;
  }
}

/**
 * The process's flow runtime, created once per Services object so the routes (task actions,
 * withdraw, …) and the worker (steps, timers, schedules) in one process share it.
 */
export function flowRuntimeOf(services: Services): FlowRuntime {
  if (services.flowRuntime) return services.flowRuntime;
  const registry = registryOf(services);
  let notifier: Notifier | null = null;
  services.flowRuntime = createFlowRuntime({
    store: services.store,
    queue: services.queue,
    records: registry.records,
    forms: registry.catalog,
    flows: flowCatalogOf(services),
    org: new StoreOrgDirectory(services.store, services.org),
    notifier: () => (notifier ??= notifierOf(services)),
    async isOwnSignature(fileId, userId) {
      const meta = await (await blobStoreOf(services)).stat(fileId).catch(() => null);
      return meta !== null && meta.createdBy === userId && meta.contentType.startsWith('image/');
    },
    async formName(formId) {
      return (await services.store.collection<FormDoc>(FORMS).findOne({ _id: formId }))?.name ?? null;
    },
  });
  return services.flowRuntime;
}

/** Route module: the inbox, tasks, instances, buttons and admin routes (after the app and record routes). */
export async function registerFlowRuntimeRouteModule(app: FormloomApp): Promise<void> {
  const runtime = flowRuntimeOf(app.services);
  await runtime.ensureIndexes();
  registerFlowRuntimeRoutes(app, runtime, registryOf(app.services));
  registerRecordFlowRoutes(app, runtime, registryOf(app.services));
}

/**
 * Worker module: runs flow steps, timers and schedules; starts process flows and automations
 * from record events; at start-up re-queues ready steps and pending timers and re-syncs the
 * schedules (a timer that fell due while everything was down fires once now). Registered before
 * the record-event worker so its subscriber is in place when that one re-arms the outbox.
 */
export async function registerFlowRuntimeWorker(services: Services): Promise<void> {
  const runtime = flowRuntimeOf(services);
  await runtime.ensureIndexes();
  recordEventsOf(services).subscribe(async (event) => {
    await runtime.onRecordEvent(event);
  });
  await runtime.startWorkers();
  await runtime.rearm();
}

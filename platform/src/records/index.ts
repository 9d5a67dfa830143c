import { createRecordService, type FormCatalog, type RecordService } from '@formloom/engine';
import { createAppRegistry, type AppRegistry } from '../apps/app-registry.js';
import { registerAppRoutes } from '../apps/app-routes.js';
import { registerFormRoutes } from '../apps/form-routes.js';
import type { FormloomApp } from '../server/types.js';
import { registerRecordRoutes } from './record-routes.js';

export { registerRecordRoutes } from './record-routes.js';
export { recordContext } from './record-context.js';

declare module '../server/types.js' {
  interface Services {
    /** The app registry (apps, forms, versions, the engine's catalog and record service). */
    apps?: AppRegistry;
    /** The records engine bound to the registry's catalog. */
    records?: RecordService;
  }
}

/**
 * The route module `buildApp` is given (`registerRoutes: [registerAppAndRecordRoutes]`):
 * builds the app registry and the record service on `app.services.store` / `queue`, exposes
 * them as `app.services.apps` and `app.services.records`, and registers every app, form and
 * record route.
 */
export async function registerAppAndRecordRoutes(app: FormloomApp): Promise<void> {
  const { store, queue } = app.services;
  const registry = createAppRegistry({
    store,
    createRecords: (catalog: FormCatalog) => createRecordService({ store, queue, catalog }),
  });
  app.services.apps = registry;
  app.services.records = registry.records;
  registerAppRoutes(app, registry);
  registerFormRoutes(app, registry);
  registerRecordRoutes(app, registry);
}

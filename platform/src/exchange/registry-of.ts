import { createRecordService, type FormCatalog } from '@formloom/engine';
import { createAppRegistry, type AppRegistry } from '../apps/app-registry.js';
import { recordEventsOf } from '../records/index.js';
import type { Services } from '../server/types.js';

/**
 * The app registry (and its record service) of this process: the one the records route module
 * made, or, in a `formloom worker` process that registers no routes, one built the same way.
 */
export function registryOf(services: Services): AppRegistry {
  if (services.apps) return services.apps;
  const events = recordEventsOf(services);
  services.apps = createAppRegistry({
    store: services.store,
    createRecords: (catalog: FormCatalog) => createRecordService({ store: services.store, catalog, events }),
  });
  services.records = services.apps.records;
  return services.apps;
}

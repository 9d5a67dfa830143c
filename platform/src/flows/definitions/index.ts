import type { FormloomApp, Services } from '../../server/types.js';
import { StoreOrgDirectory } from '../runtime/store-org-directory.js';
import { FlowDryRun } from './flow-dry-run.js';
import { registerFlowDefinitionRoutes } from './flow-routes.js';
import { FlowService } from './flow-service.js';
import { StoreFlowCatalog } from './store-flow-catalog.js';

export { FlowService, bindingOf, starterDefinition, type FlowInput, type FlowVersionSummary } from './flow-service.js';
export { StoreFlowCatalog, toPublishedFlow } from './store-flow-catalog.js';
export {
  FLOWS,
  FLOW_VERSIONS,
  FLOW_FORM_BINDINGS,
  flowVersionId,
  type FlowDoc,
  type FlowVersionDoc,
} from './flow-docs.js';
export { orgLookupFor } from './org-lookup.js';
export { FlowDryRun, type DryRunInput } from './flow-dry-run.js';

declare module '../../server/types.js' {
  interface Services {
    /** Published flows for the runtime (created once per Services by flowCatalogOf). */
    flowCatalog?: StoreFlowCatalog;
    /** The flow documents service (set by the flow definition routes). */
    flows?: FlowService;
  }
}

/**
 * The process's FlowCatalog, created once per Services object so the server's routes (which
 * invalidate it) and the worker's runtime in the same process share it. Query caching only on
 * the embedded store, where this process is the only writer.
 */
export function flowCatalogOf(services: Services): StoreFlowCatalog {
  services.flowCatalog ??= new StoreFlowCatalog(services.store, services.store.kind === 'embedded');
  return services.flowCatalog;
}

/** Route module: the flow documents API. Needs the app registry (registered after the app routes). */
export async function registerFlowDefinitions(app: FormloomApp): Promise<void> {
  const services = app.services;
  if (!services.apps)
    throw new Error('The flow definition routes need the app registry: register the app routes first');
  const flows = new FlowService(services.store, services.apps, flowCatalogOf(services));
  await flows.ensureIndexes();
  services.flows = flows;
  const dryRun = new FlowDryRun(flows, services.apps, new StoreOrgDirectory(services.store, services.org));
  registerFlowDefinitionRoutes(app, flows, dryRun);
}

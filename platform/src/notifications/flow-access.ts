import { notFound, type DocumentStore, type Principal } from '@formloom/model';
import { requireAppManager } from '../apps/app-access.js';
import type { AppRegistry } from '../apps/app-registry.js';
import { FLOWS, type FlowDoc } from '../flows/definitions/flow-docs.js';

/**
 * Webhook logs and secrets belong to the managers of the flow's app (and admins): 404 when the
 * flow or its app is unknown or the caller is not a member of the app, 403 for members who
 * are not managers.
 */
export async function requireFlowManager(
  store: DocumentStore,
  registry: AppRegistry,
  principal: Principal,
  flowId: string,
): Promise<void> {
  const flow = await store.collection<FlowDoc>(FLOWS).findOne({ _id: flowId }, { projection: { appId: 1 } });
  if (!flow) throw notFound(`Flow ${flowId}`);
  const app = await registry.apps.get(principal, flow.appId);
  requireAppManager(principal, app);
}

import { forbidden, notFound, type DocumentStore, type Principal } from '@formloom/model';
import { FLOW_INSTANCES, FLOW_TASKS, type FlowInstanceDoc } from '@formloom/engine';
import { isAppManager } from '../../apps/app-access.js';
import type { AppRegistry } from '../../apps/app-registry.js';

/** Whether the principal manages the app (admins, holders of apps.manage_all, the app's managers). */
export async function managesApp(registry: AppRegistry, principal: Principal, appId: string): Promise<boolean> {
  if (principal.isAdmin) return true;
  try {
    return isAppManager(principal, await registry.apps.get(principal, appId));
  } catch {
    return false;
  }
}

export interface InstanceAccess {
  instance: FlowInstanceDoc;
  canManage: boolean;
}

/**
 * An instance the principal may see: they started it, hold (or held) a task in it, or manage its
 * app. Everyone else gets 404 (not 403), so instance ids reveal nothing.
 */
export async function visibleInstance(
  store: DocumentStore,
  registry: AppRegistry,
  principal: Principal,
  instanceId: string,
): Promise<InstanceAccess> {
  const instance = await store.collection<FlowInstanceDoc>(FLOW_INSTANCES).findOne({ _id: instanceId });
  if (!instance) throw notFound('Flow instance');
  const canManage = await managesApp(registry, principal, instance.appId);
  if (canManage) return { instance, canManage };
  const userId = principal.userId;
  if (userId !== null && instance.initiatorId === userId) return { instance, canManage };
  if (userId !== null && (await store.collection(FLOW_TASKS).countDocuments({ instanceId, assigneeId: userId })) > 0)
    return { instance, canManage };
  throw notFound('Flow instance');
}

/** An instance the principal manages (admin routes): 404 when they cannot see it, 403 when they only take part. */
export async function managedInstance(
  store: DocumentStore,
  registry: AppRegistry,
  principal: Principal,
  instanceId: string,
): Promise<FlowInstanceDoc> {
  const { instance, canManage } = await visibleInstance(store, registry, principal, instanceId);
  if (!canManage) throw forbidden('Only the managers of this app can do this');
  return instance;
}

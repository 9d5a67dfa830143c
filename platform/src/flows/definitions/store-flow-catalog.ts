import type { DocumentStore, Filter, FlowTrigger } from '@formloom/model';
import type { FlowCatalog, PublishedFlow } from '@formloom/engine';
import { APPS } from '../../apps/app.types.js';
import { LruCache } from '../../apps/registry-cache.js';
import { FLOW_VERSIONS, FLOWS, flowVersionId, type FlowDoc, type FlowVersionDoc } from './flow-docs.js';

/**
 * The engine's FlowCatalog over the store. Published versions are immutable and cached for the
 * life of the process. The answers to "which flows run for this form / trigger" are cached too
 * when this process is the only writer (the embedded store) and dropped on every change made
 * through `changed()`; on MongoDB, where other processes publish, those queries go to the store.
 */
export class StoreFlowCatalog implements FlowCatalog {
  private readonly versions = new LruCache<PublishedFlow>(1000);
  private readonly queries = new LruCache<PublishedFlow[]>(1000);
  private readonly listeners: Array<(flowId: string) => void> = [];
  /** Bumped on every change, so a query that raced a change does not cache its stale answer. */
  private generation = 0;

  constructor(
    private readonly store: DocumentStore,
    private readonly cacheQueries: boolean,
  ) {}

  async get(flowId: string, version: number): Promise<PublishedFlow | null> {
    const id = flowVersionId(flowId, version);
    const cached = this.versions.get(id);
    if (cached) return cached;
    const doc = await this.store.collection<FlowVersionDoc>(FLOW_VERSIONS).findOne({ _id: id });
    if (!doc) return null;
    const published = toPublishedFlow(doc);
    this.versions.set(id, published);
    return published;
  }

  async latest(flowId: string): Promise<PublishedFlow | null> {
    const [found] = await this.query(`latest:${flowId}`, { _id: flowId });
    return found ?? null;
  }

  processFlowsOfForm(formId: string): Promise<PublishedFlow[]> {
    return this.query(`process:${formId}`, { 'published.mode': 'process', 'published.formId': formId });
  }

  automationsOf(type: FlowTrigger['type'], formId?: string): Promise<PublishedFlow[]> {
    const filter: Filter = { 'published.mode': 'automation', 'published.triggerType': type };
    if (formId !== undefined) filter['published.formId'] = formId;
    return this.query(`automation:${type}:${formId ?? '*'}`, filter);
  }

  onChange(listener: (flowId: string) => void): void {
    this.listeners.push(listener);
  }

  /** Called by the flow service after every change to a flow (publish, enable, disable, delete, restore). */
  changed(flowId: string): void {
    this.generation++;
    this.queries.clear();
    for (const listener of this.listeners) {
      try {
        listener(flowId);
      } catch {
        // A listener's failure must not undo or hide the change that already happened.
      }
    }
  }

  /**
   * Enabled, live, published flows matching `filter`, newest version each, oldest flow first,
   * of apps that are not in the recycle bin (checked on every call: apps change elsewhere).
   */
  private async query(key: string, filter: Filter): Promise<PublishedFlow[]> {
    const found = await this.enabledFlows(key, filter);
    if (!found.length) return found;
    const appIds = [...new Set(found.map((f) => f.appId))];
    const live = await this.store
      .collection(APPS)
      .find({ _id: { $in: appIds }, deletedAt: null }, { projection: { _id: 1 } });
    const liveIds = new Set(live.map((a) => a._id));
    return found.filter((f) => liveIds.has(f.appId));
  }

  private async enabledFlows(key: string, filter: Filter): Promise<PublishedFlow[]> {
    const cached = this.cacheQueries ? this.queries.get(key) : undefined;
    if (cached) return cached;
    const generation = this.generation;
    const flows = await this.store
      .collection<FlowDoc>(FLOWS)
      .find(
        { ...filter, enabled: true, deletedAt: null, publishedVersion: { $ne: null } },
        { sort: { createdAt: 1 }, projection: { publishedVersion: 1 } },
      );
    const found: PublishedFlow[] = [];
    for (const flow of flows) {
      const published = await this.get(flow._id, flow.publishedVersion as number);
      if (published) found.push(published);
    }
    if (this.cacheQueries && generation === this.generation) this.queries.set(key, found);
    return found;
  }
}

export function toPublishedFlow(doc: FlowVersionDoc): PublishedFlow {
  return {
    flowId: doc.flowId,
    appId: doc.appId,
    name: doc.name,
    version: doc.version,
    definition: doc.definition,
    publishedAt: doc.publishedAt,
  };
}

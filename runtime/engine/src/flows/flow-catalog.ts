import type { FlowDefinition, FlowTrigger } from '@formloom/model';

/** One published, immutable version of a flow. */
export interface PublishedFlow {
  flowId: string;
  appId: string;
  name: string;
  version: number;
  definition: FlowDefinition;
  publishedAt: string;
}

/**
 * Where the runtime finds published flows. The platform implements it over the store
 * (collections `flows` and `flow_versions`) with a small cache invalidated on change.
 */
export interface FlowCatalog {
  /** A published version (immutable). */
  get(flowId: string, version: number): Promise<PublishedFlow | null>;
  /** The newest published version of an enabled flow. */
  latest(flowId: string): Promise<PublishedFlow | null>;
  /** Enabled process flows bound to this form (newest version each). */
  processFlowsOfForm(formId: string): Promise<PublishedFlow[]>;
  /** Enabled automations whose trigger node has this trigger type (and form, when given). */
  automationsOf(type: FlowTrigger['type'], formId?: string): Promise<PublishedFlow[]>;
  /** Called when flows change so caches/schedules can refresh. */
  onChange(listener: (flowId: string) => void): void;
}
